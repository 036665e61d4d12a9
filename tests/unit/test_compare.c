/*
 * test_compare.c - two scenarios side by side (reports/compare.c), as
 * text and as JSON read by cJSON; cases by id only.
 */
#include "reports_fixture.h"

static void test_compare(void **state)
{
	fixture *fx = *state;
	mp_plan other;
	build_plan(&other);
	/* in the other scenario AFG-0001 stays home for want of quota */
	mp_assignment *a = &other.assignments[0];
	assert_string_equal(a->case_id, "AFG-0001");
	mp_unassigned *u = mp_plan_add_unassigned(&other);
	u->case_id = mp_xstrdup("AFG-0001");
	mp_unassigned_add_reason(u)->code = MP_R_QUOTA;
	free(a->case_id);
	mp_strv_free(a->flights, a->n_flights);
	mp_strv_free(a->escorts, a->n_escorts);
	other.assignments[0] = other.assignments[1];
	other.n_assignments = 1;
	other.flights[0].used = 30; /* and TK1074 fills */
	capture c;
	int rc = mp_compare_write(cap_open(&c), "baseline", &fx->ds, &fx->plan, "no-quota",
				  &fx->ds, &other, 0, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	assert_non_null(strstr(s, "Cases that move (1)"));
	assert_non_null(strstr(s, "not booked (QUOTA)"));
	assert_non_null(strstr(s, "30/30 full"));
	assert_non_null(strstr(s, "-3"));
	assert_no_personal_data(fx, s);
	free(s);
	rc = mp_compare_write(cap_open(&c), "baseline", &fx->ds, &fx->plan, "no-quota", &fx->ds,
			      &other, 1, &fx->errs);
	s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *cmp = cJSON_GetObjectItem(root, "compare");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(cmp, "cases")), 1);
	cJSON *d = cJSON_GetArrayItem(cJSON_GetObjectItem(cmp, "destinations"), 1); /* CA urgent */
	assert_int_equal(cJSON_GetObjectItem(d, "difference")->valueint, -3);
	cJSON_Delete(root);
	free(s);
	mp_plan_release(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
