/*
 * test_generate.c - the synthetic dataset generator (models/generate.c):
 * determinism, preset sizes, references, realistic distributions, ids.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "models/generate.h"
#include "models/facts.h"

/* ---- a fingerprint of a whole dataset (FNV-1a over every field) ---- */

typedef struct fp {
	uint64_t h;
} fp;

static void fp_bytes(fp *f, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		f->h = (f->h ^ b[i]) * 0x100000001B3ull;
}

static void fp_str(fp *f, const char *s)
{
	fp_bytes(f, s ? s : "\x01", s ? strlen(s) + 1 : 1);
}

static void fp_int(fp *f, int64_t v)
{
	fp_bytes(f, &v, sizeof v);
}

static void fp_flight(fp *f, const mp_flight *x)
{
	fp_str(f, x->id); fp_str(f, x->from); fp_str(f, x->to);
	fp_int(f, x->departs.utc); fp_int(f, x->departs.offset_min);
	fp_int(f, x->arrives.utc); fp_int(f, x->arrives.offset_min);
	fp_int(f, x->seats); fp_int(f, x->stretcher_seats); fp_int(f, (int64_t)x->fare);
	fp_int(f, x->cancelled);
	for (int k = 0; k < MP_N_SSR; k++)
		fp_int(f, x->limits[k]);
}

static void fp_case(fp *f, const mp_case *c)
{
	fp_str(f, c->id); fp_str(f, c->dest_country); fp_str(f, c->dest_airport);
	fp_int(f, c->priority); fp_int(f, c->ready); fp_int(f, c->visa_expires);
	fp_int(f, c->medical); fp_int(f, c->medical_valid_until); fp_int(f, c->medical_deferred_until);
	fp_str(f, c->clinic); fp_str(f, c->link); fp_str(f, c->origin);
	for (int j = 0; j < c->n_members; j++) {
		const mp_member *m = &c->members[j];
		fp_str(f, m->id); fp_str(f, m->family_name); fp_str(f, m->given_names);
		fp_int(f, m->sex); fp_int(f, m->birth_date); fp_str(f, m->nationality);
		fp_int(f, m->ssr); fp_int(f, m->escort); fp_int(f, m->pregnancy.weeks);
		fp_str(f, m->document.number); fp_int(f, m->document.expires);
	}
}

static uint64_t fingerprint(const mp_dataset *ds)
{
	fp f = {0xCBF29CE484222325ull};
	fp_str(&f, ds->mission.id);
	fp_int(&f, ds->mission.as_of);
	for (int i = 0; i < ds->n_airports; i++)
		fp_str(&f, ds->airports[i].code);
	for (int i = 0; i < ds->n_flights; i++)
		fp_flight(&f, &ds->flights[i]);
	for (int i = 0; i < ds->n_quotas; i++) {
		fp_str(&f, ds->quotas[i].id);
		fp_int(&f, ds->quotas[i].max_persons);
	}
	for (int i = 0; i < ds->n_clinics; i++)
		fp_int(&f, ds->clinics[i].capacity_per_day);
	for (int i = 0; i < ds->n_escorts; i++) {
		fp_str(&f, ds->escorts[i].id);
		fp_int(&f, ds->escorts[i].available_from);
	}
	for (int i = 0; i < ds->n_cases; i++)
		fp_case(&f, &ds->cases[i]);
	for (int i = 0; i < ds->n_bookings; i++)
		for (int k = 0; k < ds->bookings[i].n_flights; k++)
			fp_str(&f, ds->bookings[i].flights[k]);
	return f.h;
}

#define SMALL_1_FP 0x5663d5ac71e37edeull
#define MEDIUM_1_FP 0x435b5b4f4e779fb1ull

static void generate(const char *preset, unsigned long seed, mp_dataset *ds)
{
	mp_errors errs;
	mp_errors_init(&errs);
	mp_dataset_init(ds);
	assert_int_equal(mp_generate(preset, seed, ds, &errs), MP_OK);
	assert_int_equal(errs.n, 0);
	mp_errors_release(&errs);
}

/* ---- tests ---- */

static void test_deterministic(void **state)
{
	(void)state;
	mp_dataset a, b, c;
	generate("small", 42, &a);
	generate("small", 42, &b);
	generate("small", 43, &c);
	assert_true(fingerprint(&a) == fingerprint(&b));
	assert_false(fingerprint(&a) == fingerprint(&c));
	assert_int_equal(a.n_cases, b.n_cases);
	assert_string_equal(a.cases[17].members[0].given_names, b.cases[17].members[0].given_names);
	assert_string_equal(a.flights[5].id, b.flights[5].id);
	mp_dataset_release(&a);
	mp_dataset_release(&b);
	mp_dataset_release(&c);
}

static void test_presets_differ(void **state)
{
	(void)state;
	mp_dataset a, b;
	generate("small", 1, &a);
	generate("medium", 1, &b);
	assert_false(fingerprint(&a) == fingerprint(&b));
	assert_string_not_equal(a.mission.id, b.mission.id);
	mp_dataset_release(&a);
	mp_dataset_release(&b);
}

static void test_unknown_preset(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_errors errs;
	mp_dataset_init(&ds);
	mp_errors_init(&errs);
	assert_int_equal(mp_generate("huge", 1, &ds, &errs), MP_EUSAGE);
	assert_int_equal(errs.n, 1);
	assert_int_equal(errs.v[0].status, MP_EUSAGE);
	assert_non_null(strstr(errs.v[0].msg, "unknown preset"));
	assert_int_equal(ds.n_cases, 0);
	assert_int_equal(mp_generate(NULL, 1, &ds, &errs), MP_EUSAGE);
	int nc = 0, nf = 0;
	assert_false(mp_generate_preset_size("huge", &nc, &nf));
	assert_true(mp_generate_preset_size("large", &nc, &nf));
	assert_int_equal(nc, 20000);
	assert_int_equal(nf, 3000);
	mp_errors_release(&errs);
	mp_dataset_release(&ds);
}

static void check_counts(const char *preset, int cases, int flights)
{
	mp_dataset ds;
	generate(preset, 7, &ds);
	assert_int_equal(ds.n_cases, cases);
	assert_int_equal(ds.n_flights, flights);
	assert_true(ds.n_quotas >= 4);
	assert_int_equal(ds.n_arrival_rules, 1);
	assert_true(ds.n_transit_rules >= 1);
	assert_true(ds.n_clinics >= 1 && ds.n_clinics <= 3);
	assert_true(ds.n_escorts >= 3);
	assert_true(ds.n_bookings >= 1);
	mp_dataset_release(&ds);
}

static void test_counts_small(void **state) { (void)state; check_counts("small", 300, 40); }
static void test_counts_medium(void **state) { (void)state; check_counts("medium", 5000, 800); }
static void test_counts_large(void **state) { (void)state; check_counts("large", 20000, 3000); }

static void check_ids(const mp_dataset *ds)
{
	assert_true(mp_id_valid(ds->mission.id));
	for (int i = 0; i < ds->n_flights; i++)
		assert_true(mp_id_valid(ds->flights[i].id));
	for (int i = 0; i < ds->n_quotas; i++)
		assert_true(mp_id_valid(ds->quotas[i].id));
	for (int i = 0; i < ds->n_clinics; i++)
		assert_true(mp_id_valid(ds->clinics[i].id));
	for (int i = 0; i < ds->n_escorts; i++)
		assert_true(mp_id_valid(ds->escorts[i].id));
	for (int i = 0; i < ds->n_cases; i++) {
		assert_true(mp_id_valid(ds->cases[i].id));
		if (ds->cases[i].link)
			assert_true(mp_id_valid(ds->cases[i].link));
		for (int j = 0; j < ds->cases[i].n_members; j++)
			assert_true(mp_id_valid(ds->cases[i].members[j].id));
	}
}

/* Keys are unique: the dataset is sorted, so neighbours differ. */
static void check_unique(const mp_dataset *ds)
{
	for (int i = 1; i < ds->n_flights; i++)
		assert_true(strcmp(ds->flights[i - 1].id, ds->flights[i].id) < 0);
	for (int i = 1; i < ds->n_cases; i++)
		assert_true(strcmp(ds->cases[i - 1].id, ds->cases[i].id) < 0);
	for (int i = 1; i < ds->n_quotas; i++)
		assert_true(strcmp(ds->quotas[i - 1].id, ds->quotas[i].id) < 0);
	for (int i = 1; i < ds->n_bookings; i++)
		assert_true(strcmp(ds->bookings[i - 1].case_id, ds->bookings[i].case_id) < 0);
}

static void check_flights(const mp_dataset *ds)
{
	for (int i = 0; i < ds->n_flights; i++) {
		const mp_flight *f = &ds->flights[i];
		assert_non_null(mp_dataset_airport(ds, f->from));
		assert_non_null(mp_dataset_airport(ds, f->to));
		assert_true(f->arrives.utc > f->departs.utc);
		assert_true(f->seats >= 20 && f->seats <= 216); /* feeders carry their onward legs */
		assert_true(f->stretcher_seats == 6 || f->stretcher_seats == 9);
		assert_string_equal(f->currency, "EUR");
		mp_date d = mp_datetime_local_date(f->departs);
		assert_true(d > ds->mission.as_of && d <= ds->mission.as_of + ds->mission.horizon_days);
	}
}

static void check_case_refs(const mp_dataset *ds)
{
	for (int i = 0; i < ds->n_cases; i++) {
		const mp_case *c = &ds->cases[i];
		if (c->clinic)
			assert_non_null(mp_dataset_clinic(ds, c->clinic));
		if (c->dest_airport) {
			const mp_airport *a = mp_dataset_airport(ds, c->dest_airport);
			assert_non_null(a);
			assert_string_equal(a->country, c->dest_country);
		}
		assert_non_null(mp_dataset_airport(ds, c->origin));
		assert_string_equal(c->origin, ds->mission.origin);
		for (int j = 0; j < c->n_members; j++) {
			const mp_member *m = &c->members[j];
			assert_true(m->family_name || m->given_names);
			assert_true(m->sex == 'F' || m->sex == 'M' || m->sex == 'X');
			assert_true(m->birth_date != MP_NODATE && m->birth_date <= ds->mission.as_of);
			assert_int_equal(strlen(m->nationality), 3);
		}
	}
}

static void check_other_refs(const mp_dataset *ds)
{
	for (int i = 0; i < ds->n_quotas; i++) {
		const mp_quota *q = &ds->quotas[i];
		assert_true(q->from <= q->to && q->max_persons > 0);
		if (q->airport)
			assert_non_null(mp_dataset_airport(ds, q->airport));
	}
	for (int i = 0; i < ds->n_bookings; i++) {
		const mp_booking *b = &ds->bookings[i];
		assert_non_null(mp_dataset_case(ds, b->case_id));
		assert_true(b->n_flights >= 1 && b->n_flights <= 3);
		for (int k = 0; k < b->n_flights; k++)
			assert_non_null(mp_dataset_flight(ds, b->flights[k]));
	}
	for (int i = 0; i < ds->n_escorts; i++) {
		const mp_escort *e = &ds->escorts[i];
		assert_true(e->available_from <= e->available_to);
		assert_true(e->covers >= 2 && e->turnaround_days >= 5);
	}
	for (int i = 0; i < ds->n_airports; i++)
		assert_true(ds->airports[i].mct_minutes > 0 && ds->airports[i].max_connection_minutes > 0);
	assert_non_null(mp_dataset_airport(ds, ds->mission.origin));
}

static void test_references_and_ids(void **state)
{
	(void)state;
	const char *presets[] = {"small", "medium"};
	for (int p = 0; p < 2; p++) {
		mp_dataset ds;
		generate(presets[p], 2026, &ds);
		check_ids(&ds);
		check_unique(&ds);
		check_flights(&ds);
		check_case_refs(&ds);
		check_other_refs(&ds);
		mp_dataset_release(&ds);
	}
}

/* Linked cases come in pairs bound for the same place. */
static void test_links(void **state)
{
	(void)state;
	mp_dataset ds;
	generate("medium", 3, &ds);
	int linked = 0;
	for (int i = 0; i < ds.n_cases; i++) {
		const mp_case *c = &ds.cases[i];
		if (!c->link)
			continue;
		linked++;
		int same = 0;
		for (int j = 0; j < ds.n_cases; j++)
			if (ds.cases[j].link && strcmp(ds.cases[j].link, c->link) == 0) {
				same++;
				assert_string_equal(ds.cases[j].dest_country, c->dest_country);
			}
		assert_int_equal(same, 2);
	}
	assert_true(linked > 0 && linked < ds.n_cases / 10);
	mp_dataset_release(&ds);
}

typedef struct stats {
	int cases, persons, members_ssr, stcr_cases, escort_cases, umnr_cases;
	int prio[MP_N_PRIO], size_hist[13], min_size, max_size, infants, no_airport;
} stats;

static void count_case(const mp_dataset *ds, const mp_case *c, stats *s)
{
	mp_case_facts f;
	mp_case_facts_on(c, ds->mission.as_of + 20, &f, NULL);
	s->cases++;
	s->persons += c->n_members;
	s->prio[c->priority]++;
	s->size_hist[c->n_members <= 12 ? c->n_members : 0]++;
	if (c->n_members < s->min_size)
		s->min_size = c->n_members;
	if (c->n_members > s->max_size)
		s->max_size = c->n_members;
	s->stcr_cases += f.stretchers > 0;
	s->escort_cases += f.need_escort > 0;
	s->umnr_cases += f.unaccompanied;
	s->no_airport += c->dest_airport == NULL;
	for (int j = 0; j < c->n_members; j++) {
		s->members_ssr += c->members[j].ssr != 0;
		s->infants += mp_age_on(c->members[j].birth_date, ds->mission.as_of) < 2;
	}
}

static void test_distributions(void **state)
{
	(void)state;
	mp_dataset ds;
	generate("medium", 11, &ds);
	stats s = {0};
	s.min_size = 99;
	for (int i = 0; i < ds.n_cases; i++)
		count_case(&ds, &ds.cases[i], &s);
	assert_true(s.min_size >= 1 && s.max_size <= 12);
	assert_int_equal(s.size_hist[0], 0);
	double mean = (double)s.persons / s.cases;
	assert_true(mean >= 3.0 && mean <= 6.0);
	int mid = s.size_hist[3] + s.size_hist[4] + s.size_hist[5] + s.size_hist[6];
	assert_true(mid > s.cases / 2); /* skewed to 3-6 */
	assert_true(s.size_hist[12] > 0 && s.size_hist[12] < s.size_hist[4]);
	double ssr = (double)s.members_ssr / s.persons;
	assert_true(ssr >= 0.03 && ssr <= 0.12);
	assert_true(s.stcr_cases > 0 && s.stcr_cases < s.cases / 20);
	assert_true(s.escort_cases > s.stcr_cases && s.escort_cases < s.cases / 10);
	assert_true(s.umnr_cases > 0 && s.umnr_cases < s.cases / 50);
	assert_true(s.prio[MP_PRIO_EMERGENCY] > s.cases / 100 && s.prio[MP_PRIO_EMERGENCY] < s.cases / 20);
	assert_true(s.prio[MP_PRIO_URGENT] > s.cases / 10 && s.prio[MP_PRIO_URGENT] < s.cases / 5);
	assert_true(s.infants > 0 && s.no_airport > 0);
	mp_dataset_release(&ds);
}

/* Quotas bind: per country their total is below what its cases need. */
static void test_quotas_bind(void **state)
{
	(void)state;
	mp_dataset ds;
	generate("small", 5, &ds);
	for (int i = 0; i < ds.n_quotas; i++) {
		const mp_quota *q = &ds.quotas[i];
		if (q->airport)
			continue;
		int demand = 0, quota = 0;
		for (int j = 0; j < ds.n_cases; j++)
			if (strcmp(ds.cases[j].dest_country, q->country) == 0)
				demand += ds.cases[j].n_members;
		for (int j = 0; j < ds.n_quotas; j++)
			if (!ds.quotas[j].airport && strcmp(ds.quotas[j].country, q->country) == 0)
				quota += ds.quotas[j].max_persons;
		assert_true(quota < demand);
	}
	mp_dataset_release(&ds);
}

/* ---- the default profile stays as it was ---- */

/* Fingerprints of the default profile before the tight one existed
 * (the JSON of `generate` was byte-identical at that commit too; the
 * e2e case generate-default-digest compares it). */
static void test_default_unchanged(void **state)
{
	(void)state;
	mp_dataset a, b;
	generate("small", 1, &a);
	assert_true(fingerprint(&a) == SMALL_1_FP);
	mp_dataset_release(&a);
	generate("medium", 1, &a);
	assert_true(fingerprint(&a) == MEDIUM_1_FP);
	mp_errors errs;
	mp_errors_init(&errs);
	mp_dataset_init(&b);
	assert_int_equal(mp_generate_profile("medium", NULL, 1, &b, &errs), MP_OK);
	assert_true(fingerprint(&b) == MEDIUM_1_FP);
	mp_dataset_release(&b);
	mp_dataset_init(&b);
	assert_int_equal(mp_generate_profile("medium", "default", 1, &b, &errs), MP_OK);
	assert_true(fingerprint(&b) == MEDIUM_1_FP);
	mp_dataset_release(&b);
	mp_dataset_release(&a);
	mp_errors_release(&errs);
}

/* ---- the tight profile ---- */

static void tight(const char *preset, unsigned long seed, mp_dataset *ds)
{
	mp_errors errs;
	mp_errors_init(&errs);
	mp_dataset_init(ds);
	assert_int_equal(mp_generate_profile(preset, "tight", seed, ds, &errs), MP_OK);
	assert_int_equal(errs.n, 0);
	mp_errors_release(&errs);
}

static void test_tight_deterministic(void **state)
{
	(void)state;
	mp_dataset a, b, c, d;
	tight("small", 42, &a);
	tight("small", 42, &b);
	tight("small", 43, &c);
	generate("small", 42, &d);
	assert_true(fingerprint(&a) == fingerprint(&b));
	assert_false(fingerprint(&a) == fingerprint(&c));
	assert_false(fingerprint(&a) == fingerprint(&d));
	assert_string_equal(a.mission.id, "GEN-small-tight-42");
	mp_dataset_release(&a);
	mp_dataset_release(&b);
	mp_dataset_release(&c);
	mp_dataset_release(&d);
}

static void test_unknown_profile(void **state)
{
	(void)state;
	mp_dataset ds;
	mp_errors errs;
	mp_dataset_init(&ds);
	mp_errors_init(&errs);
	assert_int_equal(mp_generate_profile("small", "loose", 1, &ds, &errs), MP_EUSAGE);
	assert_int_equal(errs.n, 1);
	assert_non_null(strstr(errs.v[0].msg, "unknown profile 'loose'"));
	assert_int_equal(ds.n_cases, 0);
	assert_int_equal(mp_generate_profile("tiny", "tight", 1, &ds, &errs), MP_EUSAGE);
	assert_int_equal(ds.n_flights, 0);
	mp_errors_release(&errs);
	mp_dataset_release(&ds);
}

static bool is_charter(const mp_dataset *ds, const mp_flight *f)
{
	return strcmp(f->from, ds->mission.origin) == 0 && strcmp(f->to, "YYZ") == 0;
}

/* Seat blocks: scheduled flights lo..hi seats, one charter a week (or
 * every `weeks`) of clo..chi seats, on Thursdays, never cancelled. */
static void check_tight_flights(const mp_dataset *ds, int lo, int hi, int clo, int chi, int weeks)
{
	int charters = 0;
	for (int i = 0; i < ds->n_flights; i++) {
		const mp_flight *f = &ds->flights[i];
		assert_non_null(mp_dataset_airport(ds, f->from));
		assert_non_null(mp_dataset_airport(ds, f->to));
		assert_true(f->arrives.utc > f->departs.utc);
		mp_date d = mp_datetime_local_date(f->departs);
		assert_true(d > ds->mission.as_of && d <= ds->mission.as_of + ds->mission.horizon_days);
		if (is_charter(ds, f)) {
			charters++;
			assert_true(f->seats >= clo && f->seats <= chi);
			assert_int_equal(mp_date_weekday(d), 3);
			assert_false(f->cancelled);
		} else {
			assert_true(f->seats >= lo && f->seats <= hi);
		}
	}
	int want = (ds->mission.horizon_days - 4) / (7 * weeks);
	assert_true(charters >= want && charters <= want + 1);
}

/* Cannot travel at all, by the generator's own reasons (an
 * independent reading of SPEC 2.3 and 2.9 on whole-horizon facts). */
static bool never_travels(const mp_dataset *ds, const mp_case *c)
{
	mp_date first = ds->mission.as_of + 3, last = ds->mission.as_of + ds->mission.horizon_days;
	if (c->medical == MP_MED_PENDING || (c->medical == MP_MED_DEFERRED && c->medical_deferred_until == MP_NODATE))
		return true;
	if (c->ready >= last || (c->visa_expires != MP_NODATE && c->visa_expires <= first))
		return true;
	if (c->medical == MP_MED_CLEARED && c->medical_valid_until != MP_NODATE && c->medical_valid_until < first)
		return true;
	bool afg = false;
	for (int j = 0; j < c->n_members; j++) {
		const mp_member *m = &c->members[j];
		if (m->document.present && m->document.expires != MP_NODATE && m->document.expires <= first)
			return true;
		afg |= strcmp(m->nationality, "AFG") == 0;
	}
	return afg && (strcmp(c->dest_country, "SE") == 0 || strcmp(c->dest_country, "FI") == 0);
}

typedef struct tight_stats {
	int persons, never, can_persons, emergency, urgent, escort_need;
	int onward_seats, quota_month, quota_week;
} tight_stats;

static void tally(const mp_dataset *ds, tight_stats *t)
{
	memset(t, 0, sizeof *t);
	for (int i = 0; i < ds->n_cases; i++) {
		const mp_case *c = &ds->cases[i];
		mp_case_facts f;
		mp_case_facts_on(c, ds->mission.as_of + 10, &f, NULL);
		t->persons += c->n_members;
		t->emergency += c->priority == MP_PRIO_EMERGENCY;
		t->urgent += c->priority == MP_PRIO_URGENT;
		t->escort_need += f.need_escort > 0;
		if (never_travels(ds, c))
			t->never++;
		else
			t->can_persons += c->n_members;
	}
	for (int i = 0; i < ds->n_flights; i++) {
		const mp_flight *f = &ds->flights[i];
		const mp_airport *to = mp_dataset_airport(ds, f->to);
		bool hub = strcmp(to->country, "TR") == 0 || strcmp(to->country, "AT") == 0 ||
			   strcmp(to->country, "DE") == 0 || strcmp(to->country, "DK") == 0;
		if (!hub && !f->cancelled)
			t->onward_seats += f->seats;
	}
	for (int i = 0; i < ds->n_quotas; i++) {
		if (ds->quotas[i].airport)
			t->quota_week += ds->quotas[i].max_persons;
		else
			t->quota_month += ds->quotas[i].max_persons;
	}
}

/* The character of issue 11 at medium (the held-out instance: 5,000
 * cases, 19,008 persons, 1,093 flights, 83 escorts, 3 + 3 rules, 30
 * quotas, one clinic). */
static void check_well_formed(const mp_dataset *ds)
{
	check_ids(ds);
	check_unique(ds);
	check_case_refs(ds);
	check_other_refs(ds);
}

static void test_tight_medium(void **state)
{
	(void)state;
	mp_dataset ds;
	tight("medium", 1, &ds);
	check_well_formed(&ds);
	check_tight_flights(&ds, 10, 40, 150, 200, 1);
	assert_int_equal(ds.n_cases, 5000);
	assert_true(ds.n_flights >= 900 && ds.n_flights <= 1200);
	assert_int_equal(ds.mission.horizon_days, 90);
	assert_int_equal(ds.n_escorts, 83);
	assert_int_equal(ds.n_arrival_rules, 3);
	assert_int_equal(ds.n_transit_rules, 3);
	assert_int_equal(ds.n_clinics, 1);
	assert_true(ds.n_quotas >= 25 && ds.n_quotas <= 35);
	tight_stats t;
	tally(&ds, &t);
	assert_true(t.persons >= 18000 && t.persons <= 21000);
	/* a fifth cannot travel by these reasons (short windows and the
	 * arrival rules add more: about a quarter in all) */
	assert_true(t.never >= ds.n_cases * 17 / 100 && t.never <= ds.n_cases * 27 / 100);
	/* demand well above the seats into the destinations, and the
	 * monthly quotas below those seats */
	assert_true(t.can_persons * 100 >= t.onward_seats * 130);
	assert_true(t.quota_month < t.onward_seats);
	assert_true(t.emergency > ds.n_cases / 40 && t.emergency < ds.n_cases / 10);
	assert_true(t.urgent > ds.n_cases / 6 && t.urgent < ds.n_cases / 3);
	assert_true(t.escort_need > ds.n_cases / 50 && t.escort_need < ds.n_cases / 10);
	mp_dataset_release(&ds);
}

static void test_tight_small_large(void **state)
{
	(void)state;
	mp_dataset ds;
	tight("small", 3, &ds);
	check_well_formed(&ds);
	check_tight_flights(&ds, 4, 16, 30, 40, 2);
	assert_int_equal(ds.n_cases, 300);
	assert_int_equal(ds.n_escorts, 5);
	assert_int_equal(ds.n_arrival_rules, 3);
	assert_int_equal(ds.n_transit_rules, 3);
	assert_int_equal(ds.n_clinics, 1);
	mp_dataset_release(&ds);
	tight("large", 1, &ds);
	check_unique(&ds);
	check_tight_flights(&ds, 10, 80, 150, 200, 1);
	assert_int_equal(ds.n_cases, 20000);
	assert_int_equal(ds.n_escorts, 330);
	tight_stats t;
	tally(&ds, &t);
	assert_true(t.can_persons * 100 >= t.onward_seats * 130);
	mp_dataset_release(&ds);
}

/* ---- itineraries per case, counted independently (SPEC 2) ---- */

typedef struct net {
	const mp_dataset *ds;
	int **next, *n_next; /* per flight: flights that may follow it */
	long *memo;          /* per flight and legs so far: paths to the target */
	const char *airport, *country;
} net;

static bool follows(const mp_dataset *ds, const mp_flight *a, const mp_flight *b)
{
	const mp_airport *hub = mp_dataset_airport(ds, a->to);
	int64_t gap = (b->departs.utc - a->arrives.utc) / 60;
	return strcmp(a->to, b->from) == 0 && gap >= hub->mct_minutes && gap <= hub->max_connection_minutes;
}

static bool usable_leg(const mp_dataset *ds, const mp_flight *f)
{
	return !f->cancelled &&
	       mp_datetime_local_date(f->departs) <= ds->mission.as_of + ds->mission.horizon_days;
}

static bool ends_at(const net *n, const mp_flight *f)
{
	if (n->airport)
		return strcmp(f->to, n->airport) == 0;
	return strcmp(mp_dataset_airport(n->ds, f->to)->country, n->country) == 0;
}

static long paths(net *n, int f, int legs)
{
	long *m = &n->memo[f * 3 + legs - 1];
	if (*m >= 0)
		return *m;
	long count = ends_at(n, &n->ds->flights[f]);
	for (int k = 0; legs < 3 && k < n->n_next[f]; k++)
		count += paths(n, n->next[f][k], legs + 1);
	return *m = count;
}

static double mean_itineraries(const mp_dataset *ds)
{
	int nf = ds->n_flights;
	net n = {ds, calloc((size_t)nf, sizeof(int *)), calloc((size_t)nf, sizeof(int)),
		 malloc((size_t)nf * 3 * sizeof(long)), NULL, NULL};
	for (int a = 0; a < nf; a++) {
		n.next[a] = calloc((size_t)nf, sizeof(int));
		for (int b = 0; b < nf && usable_leg(ds, &ds->flights[a]); b++)
			if (usable_leg(ds, &ds->flights[b]) && follows(ds, &ds->flights[a], &ds->flights[b]))
				n.next[a][n.n_next[a]++] = b;
	}
	/* every case boards at the mission's origin: one count per target */
	const char *seen[64];
	double per[64], total = 0;
	int n_seen = 0;
	for (int i = 0; i < ds->n_cases; i++) {
		const mp_case *c = &ds->cases[i];
		const char *key = c->dest_airport ? c->dest_airport : c->dest_country;
		int k = 0;
		while (k < n_seen && strcmp(seen[k], key) != 0)
			k++;
		if (k == n_seen) {
			assert_true(n_seen < 64 && strcmp(c->origin, ds->mission.origin) == 0);
			n.airport = c->dest_airport;
			n.country = c->dest_country;
			for (int j = 0; j < nf * 3; j++)
				n.memo[j] = -1;
			per[k] = 0;
			for (int f = 0; f < nf; f++)
				if (usable_leg(ds, &ds->flights[f]) && strcmp(ds->flights[f].from, c->origin) == 0)
					per[k] += (double)paths(&n, f, 1);
			seen[n_seen++] = key;
		}
		total += per[k];
	}
	for (int a = 0; a < nf; a++)
		free(n.next[a]);
	free(n.next);
	free(n.n_next);
	free(n.memo);
	return total / ds->n_cases;
}

/* 120-160 itineraries per case at medium (the presets: about 94). */
static void test_tight_itineraries(void **state)
{
	(void)state;
	mp_dataset ds;
	tight("medium", 1, &ds);
	double mean = mean_itineraries(&ds);
	assert_true(mean >= 120 && mean <= 160);
	mp_dataset_release(&ds);
	generate("medium", 1, &ds);
	mean = mean_itineraries(&ds);
	assert_true(mean >= 85 && mean <= 100);
	mp_dataset_release(&ds);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deterministic),
		cmocka_unit_test(test_presets_differ),
		cmocka_unit_test(test_unknown_preset),
		cmocka_unit_test(test_counts_small),
		cmocka_unit_test(test_counts_medium),
		cmocka_unit_test(test_counts_large),
		cmocka_unit_test(test_references_and_ids),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_distributions),
		cmocka_unit_test(test_quotas_bind),
		cmocka_unit_test(test_default_unchanged),
		cmocka_unit_test(test_tight_deterministic),
		cmocka_unit_test(test_unknown_profile),
		cmocka_unit_test(test_tight_medium),
		cmocka_unit_test(test_tight_small_large),
		cmocka_unit_test(test_tight_itineraries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
