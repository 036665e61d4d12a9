/*
 * test_xml.c - io/xml.c: the format samples (tests/data/samples), the tree's shape against the
 * JSON sample, the writer's round trip, schema messages (place, item,
 * field, never the value) and hostile input (DOCTYPE, entities, XXE,
 * truncation, bad UTF-8, control characters, deep nesting).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "io/xml.h"
#include "io/json.h"

/* ---- helpers ---- */

static char *slurp(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "tests/data/samples/%s", name);
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("sample %s not found (run from the project's top folder)", name);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	size_t got = fread(buf, 1, (size_t)n, f);
	fclose(f);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* s with the first occurrence of from replaced by to (must occur). */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	assert_non_null(p);
	size_t a = (size_t)(p - s), fl = strlen(from), tl = strlen(to);
	char *r = malloc(strlen(s) - fl + tl + 1);
	memcpy(r, s, a);
	memcpy(r + a, to, tl);
	strcpy(r + a + tl, p + fl);
	return r;
}

static mp_node *parse_str(const char *s, mp_errors *e)
{
	return mp_xml_parse("t.xml", s, strlen(s), e);
}

/* Every formatted error, joined, for searching. */
static char *all_errors(const mp_errors *e)
{
	char *out = mp_xstrdup("");
	for (int i = 0; i < e->n; i++) {
		char *line = mp_error_format(&e->v[i]);
		char *j = mp_xasprintf("%s%s\n", out, line);
		free(out);
		free(line);
		out = j;
	}
	return out;
}

static const mp_node *at(const mp_node *arr, int i)
{
	const mp_node *c = arr ? arr->child : NULL;
	while (c && i-- > 0)
		c = c->next;
	assert_non_null(c);
	return c;
}

static const char *text(const mp_node *obj, const char *key)
{
	const mp_node *n = mp_node_get(obj, key);
	assert_non_null(n);
	assert_int_equal(n->kind, MP_NODE_TEXT);
	return n->str;
}

static const char *minimal(void)
{
	static char *m;
	size_t len;
	if (!m)
		m = slurp("minimal.xml", &len);
	return m;
}

/* The minimal sample with one edit must fail with exactly the place,
 * item and field given, and the message must not quote bad. */
static void expect_schema_error(const char *from, const char *to, int line,
				const char *item, const char *field, const char *bad)
{
	char *doc = replace(minimal(), from, to);
	mp_errors e;
	mp_errors_init(&e);
	mp_node *t = parse_str(doc, &e);
	assert_null(t);
	assert_true(e.n >= 1);
	char *all = all_errors(&e);
	assert_int_equal(e.v[0].line, line);
	assert_string_equal(e.v[0].file, "t.xml");
	if (item)
		assert_string_equal(e.v[0].item, item);
	else
		assert_null(e.v[0].item);
	if (field)
		assert_string_equal(e.v[0].field, field);
	else
		assert_null(e.v[0].field);
	assert_int_equal(e.v[0].status, MP_EDATA);
	if (bad)
		assert_null(strstr(all, bad));
	assert_int_equal(mp_xml_validate(doc, strlen(doc), &e), MP_EDATA);
	free(all);
	mp_errors_release(&e);
	free(doc);
}

/* ---- the samples ---- */

static void test_samples_parse_and_validate(void **state)
{
	const char *names[] = {"all-fields.xml", "minimal.xml"};
	for (int i = 0; i < 2; i++) {
		size_t len;
		char *buf = slurp(names[i], &len);
		mp_errors e;
		mp_errors_init(&e);
		assert_int_equal(mp_xml_validate(buf, len, &e), 0);
		mp_node *t = mp_xml_parse(names[i], buf, len, &e);
		assert_non_null(t);
		assert_int_equal(e.n, 0);
		assert_string_equal(text(t, "movplan"), "1");
		mp_node_free(t);
		mp_errors_release(&e);
		free(buf);
	}
}

static void test_all_fields_spot_checks(void **state)
{
	size_t len;
	char *buf = slurp("all-fields.xml", &len);
	mp_errors e;
	mp_errors_init(&e);
	mp_node *t = mp_xml_parse("all-fields.xml", buf, len, &e);
	assert_non_null(t);
	const mp_node *flights = mp_node_get(t, "flights");
	assert_int_equal(flights->kind, MP_NODE_ARRAY);
	assert_int_equal(flights->n_children, 6);
	const mp_node *f0 = at(flights, 0);
	assert_int_equal(f0->kind, MP_NODE_OBJECT);
	assert_null(f0->key);
	assert_int_equal(f0->line, 12);
	const mp_node *limits = mp_node_get(f0, "limits");
	assert_int_equal(limits->kind, MP_NODE_OBJECT);
	assert_int_equal(limits->line, 13);
	assert_string_equal(text(limits, "WCHC"), "2");
	assert_int_equal(mp_node_get(limits, "WCHC")->line, 13);
	const mp_node *c0 = at(mp_node_get(t, "cases"), 0);
	const mp_node *members = mp_node_get(c0, "members");
	assert_int_equal(members->kind, MP_NODE_ARRAY);
	assert_int_equal(members->n_children, 3);
	assert_string_equal(text(at(members, 2), "id"), "AFG-0001-03");
	assert_string_equal(text(mp_node_get(at(members, 1), "pregnancy"), "multiple"), "false");
	assert_string_equal(text(mp_node_get(c0, "destination"), "airport"), "YYZ");
	assert_string_equal(text(at(mp_node_get(t, "bookings"), 1), "escorts"), "ESC-01");
	assert_string_equal(text(at(mp_node_get(t, "arrival_rules"), 0), "blackout"),
			    "2026-12-25 2026-12-26");
	assert_string_equal(text(mp_node_get(t, "mission"), "origin"), "TIA");
	mp_node_free(t);
	mp_errors_release(&e);
	free(buf);
}

/* A JSON value as the XML tree's text: numbers without a fraction when
 * integral, booleans true/false, arrays of scalars space-joined. */
static char *json_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return mp_xstrdup(v->valuestring);
	if (cJSON_IsBool(v))
		return mp_xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v))
		return mp_xasprintf("%.15g", v->valuedouble);
	char *s = NULL;
	const cJSON *c;
	cJSON_ArrayForEach(c, v) {
		char *t = json_text(c);
		char *j = s ? mp_xasprintf("%s %s", s, t) : mp_xstrdup(t);
		free(s);
		free(t);
		s = j;
	}
	return s ? s : mp_xstrdup("");
}

/* Every value of the JSON sample is in the XML tree, same key and text,
 * and no object of the tree has keys the JSON lacks. */
static int compare(const cJSON *j, const mp_node *x)
{
	int checked = 0;
	if (cJSON_IsObject(j)) {
		assert_int_equal(x->kind, MP_NODE_OBJECT);
		assert_int_equal(x->n_children, cJSON_GetArraySize(j));
		const cJSON *c;
		cJSON_ArrayForEach(c, j) {
			const mp_node *xc = mp_node_get(x, c->string);
			if (!xc)
				fail_msg("key %s missing from the XML tree", c->string);
			checked += compare(c, xc);
		}
		return checked;
	}
	if (cJSON_IsArray(j) && cJSON_IsObject(cJSON_GetArrayItem(j, 0))) {
		assert_int_equal(x->kind, MP_NODE_ARRAY);
		assert_int_equal(x->n_children, cJSON_GetArraySize(j));
		for (int i = 0; i < x->n_children; i++)
			checked += compare(cJSON_GetArrayItem(j, i), at(x, i));
		return checked;
	}
	char *want = json_text(j);
	assert_int_equal(x->kind, MP_NODE_TEXT);
	assert_string_equal(x->str, want);
	free(want);
	return 1;
}

static void test_all_fields_matches_json_sample(void **state)
{
	size_t xl, jl;
	char *xbuf = slurp("all-fields.xml", &xl);
	char *jbuf = slurp("all-fields.json", &jl);
	cJSON *j = cJSON_ParseWithLength(jbuf, jl);
	assert_non_null(j);
	mp_errors e;
	mp_errors_init(&e);
	mp_node *t = mp_xml_parse("all-fields.xml", xbuf, xl, &e);
	assert_non_null(t);
	int checked = compare(j, t);
	assert_true(checked > 200);
	cJSON_Delete(j);
	mp_node_free(t);
	mp_errors_release(&e);
	free(xbuf);
	free(jbuf);
}

/* ---- the writer ---- */

static mp_node *add_to(mp_node *parent, mp_node *child)
{
	mp_node_append(parent, child);
	return child;
}

static mp_node *str_list(const char *key, const char *a, const char *b)
{
	mp_node *l = mp_node_arr(key);
	mp_node_append(l, mp_node_str(NULL, a));
	if (b)
		mp_node_append(l, mp_node_str(NULL, b));
	return l;
}

/* A typed tree as the encoder makes it, with members after medical
 * (JSON's order) to check that the writer puts them in the XSD's. */
static mp_node *typed_tree(void)
{
	mp_node *root = mp_node_obj(NULL);
	mp_node_append(root, mp_node_num("movplan", 1));
	mp_node *ms = add_to(root, mp_node_obj("mission"));
	mp_node_append(ms, mp_node_str("id", "M1"));
	mp_node_append(ms, mp_node_num("horizon_days", 30));
	mp_node *fl = add_to(add_to(root, mp_node_arr("flights")), mp_node_obj(NULL));
	mp_node_append(fl, mp_node_str("id", "XY1/2026-12-10"));
	mp_node_append(fl, mp_node_num("seats", 100));
	mp_node_append(fl, mp_node_num("fare", 180.5));
	mp_node_append(fl, mp_node_bool("cancelled", true));
	mp_node_append(add_to(fl, mp_node_obj("limits")), mp_node_num("WCHC", 2));
	mp_node *ar = add_to(add_to(root, mp_node_arr("arrival_rules")), mp_node_obj(NULL));
	mp_node_append(ar, mp_node_str("country", "CA"));
	mp_node_append(ar, str_list("blackout", "2026-12-25", "2026-12-26"));
	mp_node_append(ar, mp_node_arr("exempt_priorities")); /* empty: omitted */
	/* parts out of SPEC order in the tree: quotas after arrival_rules */
	mp_node *q = add_to(add_to(root, mp_node_arr("quotas")), mp_node_obj(NULL));
	mp_node_append(q, mp_node_str("id", "Q1"));
	mp_node_append(q, mp_node_num("max_persons", 0.1 + 0.2 - 0.3 + 7)); /* ~7 */
	mp_node *c = add_to(add_to(root, mp_node_arr("cases")), mp_node_obj(NULL));
	mp_node_append(c, mp_node_str("id", "C1"));
	mp_node_append(add_to(c, mp_node_obj("medical")), mp_node_str("status", "pending"));
	mp_node_append(add_to(c, mp_node_obj("destination")), mp_node_str("country", "CA"));
	mp_node *mem = add_to(add_to(c, mp_node_arr("members")), mp_node_obj(NULL));
	mp_node_append(mem, mp_node_str("id", "C1-1"));
	mp_node_append(mem, mp_node_str("family_name", "Zoë & <Ö> \"Ñ\" 'x'"));
	mp_node_append(mem, str_list("ssr", "WCHC", "STCR"));
	mp_node *preg = add_to(mem, mp_node_obj("pregnancy"));
	mp_node_append(preg, mp_node_num("weeks", 24));
	mp_node_append(preg, mp_node_bool("multiple", false));
	mp_node_append(add_to(mem, mp_node_obj("document")), mp_node_str("type", "P"));
	mp_node *b = add_to(add_to(root, mp_node_arr("bookings")), mp_node_obj(NULL));
	mp_node_append(b, mp_node_str("case", "C1"));
	mp_node_append(b, str_list("flights", "XY1/2026-12-10", "XY2/2026-12-10"));
	mp_node_append(b, mp_node_bool("remove", true));
	return root;
}

static void test_write_round_trip(void **state)
{
	mp_node *root = typed_tree();
	char *xml = mp_xml_write(root);
	assert_non_null(xml);
	assert_true(strncmp(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
	assert_non_null(strstr(xml, "<movplan xmlns=\"urn:movplan:1\" version=\"1\">"));
	assert_non_null(strstr(xml, "fare=\"180.5\""));
	assert_non_null(strstr(xml, "max_persons=\"7\""));
	assert_non_null(strstr(xml, "&amp; &lt;"));
	assert_null(strstr(xml, "exempt_priorities"));
	/* parts in SPEC order, case children in field order */
	assert_true(strstr(xml, "<quotas>") < strstr(xml, "<arrival_rules>"));
	assert_true(strstr(xml, "<destination") < strstr(xml, "<member "));
	assert_true(strstr(xml, "<member ") < strstr(xml, "<medical"));
	assert_true(strstr(xml, "<document") < strstr(xml, "<pregnancy"));

	mp_errors e;
	mp_errors_init(&e);
	assert_int_equal(mp_xml_validate(xml, strlen(xml), &e), 0);
	mp_node *t = mp_xml_parse("w.xml", xml, strlen(xml), &e);
	assert_non_null(t);
	assert_int_equal(e.n, 0);
	assert_string_equal(text(t, "movplan"), "1");
	assert_string_equal(text(mp_node_get(t, "mission"), "horizon_days"), "30");
	const mp_node *f = at(mp_node_get(t, "flights"), 0);
	assert_string_equal(text(f, "seats"), "100");
	assert_string_equal(text(f, "cancelled"), "true");
	assert_string_equal(text(mp_node_get(f, "limits"), "WCHC"), "2");
	const mp_node *ar = at(mp_node_get(t, "arrival_rules"), 0);
	assert_string_equal(text(ar, "blackout"), "2026-12-25 2026-12-26");
	const mp_node *m = at(mp_node_get(at(mp_node_get(t, "cases"), 0), "members"), 0);
	assert_string_equal(text(m, "family_name"), "Zoë & <Ö> \"Ñ\" 'x'");
	assert_string_equal(text(m, "ssr"), "WCHC STCR");
	assert_string_equal(text(mp_node_get(m, "pregnancy"), "multiple"), "false");
	const mp_node *b = at(mp_node_get(t, "bookings"), 0);
	assert_string_equal(text(b, "flights"), "XY1/2026-12-10 XY2/2026-12-10");
	assert_string_equal(text(b, "remove"), "true");

	/* writing the parsed tree gives the same bytes again */
	char *again = mp_xml_write(t);
	assert_string_equal(again, xml);
	free(again);
	mp_node_free(t);
	mp_errors_release(&e);
	free(xml);
	mp_node_free(root);
}

static void test_write_sample_is_identity(void **state)
{
	size_t len;
	char *buf = slurp("all-fields.xml", &len);
	mp_errors e;
	mp_errors_init(&e);
	mp_node *t = mp_xml_parse("all-fields.xml", buf, len, &e);
	assert_non_null(t);
	char *xml = mp_xml_write(t);
	assert_string_equal(xml, buf);
	free(xml);
	mp_node_free(t);
	mp_errors_release(&e);
	free(buf);
}

/* A cJSON value as the typed tree the JSON reader makes. */
static mp_node *typed_from_json(const cJSON *j, const char *key)
{
	if (cJSON_IsString(j))
		return mp_node_str(key, j->valuestring);
	if (cJSON_IsNumber(j))
		return mp_node_num(key, j->valuedouble);
	if (cJSON_IsBool(j))
		return mp_node_bool(key, cJSON_IsTrue(j));
	mp_node *n = cJSON_IsArray(j) ? mp_node_arr(key) : mp_node_obj(key);
	const cJSON *c;
	cJSON_ArrayForEach(c, j)
		mp_node_append(n, typed_from_json(c, cJSON_IsArray(j) ? NULL : c->string));
	return n;
}

/* The JSON sample, typed as JSON gives it, writes as the XML sample
 * byte for byte (members move after medical in the JSON). */
static void test_json_sample_writes_as_xml_sample(void **state)
{
	size_t xl, jl;
	char *xbuf = slurp("all-fields.xml", &xl);
	char *jbuf = slurp("all-fields.json", &jl);
	cJSON *j = cJSON_ParseWithLength(jbuf, jl);
	assert_non_null(j);
	mp_node *typed = typed_from_json(j, NULL);
	char *xml = mp_xml_write(typed);
	assert_non_null(xml);
	assert_string_equal(xml, xbuf);
	cJSON_Delete(j);
	mp_node_free(typed);
	free(xml);
	free(xbuf);
	free(jbuf);
}

static void test_write_refuses_bad_text(void **state)
{
	mp_node *root = mp_node_obj(NULL);
	mp_node *ms = add_to(root, mp_node_obj("mission"));
	mp_node_append(ms, mp_node_str("id", "a\001b"));
	assert_null(mp_xml_write(root));
	mp_node_free(root);
	assert_null(mp_xml_write(NULL));
}

/* ---- schema errors ---- */

static void test_error_bad_calendar_date(void **state)
{
	expect_schema_error("birth_date=\"1990-01-01\"", "birth_date=\"1990-02-30\"", 22,
			    "case 'C1': member 'C1-1'", "birth_date", "1990-02-30");
}

static void test_error_date_pattern(void **state)
{
	expect_schema_error("birth_date=\"1990-01-01\"", "birth_date=\"01.01.1990\"", 22,
			    "case 'C1': member 'C1-1'", "birth_date", "01.01.1990");
}

static void test_error_negative_seats(void **state)
{
	expect_schema_error("seats=\"100\"", "seats=\"-5\"", 9,
			    "flight 'CH1/2026-12-10'", "seats", "-5");
}

static void test_error_unknown_ssr(void **state)
{
	expect_schema_error("nationality=\"AFG\"", "nationality=\"AFG\" ssr=\"WCHC QQQQ\"", 22,
			    "case 'C1': member 'C1-1'", "ssr", "QQQQ");
}

static void test_error_unknown_element(void **state)
{
	/* named by place, never by its text (issue 10) */
	expect_schema_error("<destination country=\"CA\"/>",
			    "<destination country=\"CA\"/><wheelchair/>", 21,
			    "case 'C1'", NULL, "wheelchair");
}

static void test_error_departs_without_offset(void **state)
{
	expect_schema_error("departs=\"2026-12-10T09:00+01:00\"",
			    "departs=\"2026-12-10T09:00\"", 9,
			    "flight 'CH1/2026-12-10'", "departs", "2026-12-10T09:00");
}

static void test_error_datetime_seconds_without_offset(void **state)
{
	expect_schema_error("arrives=\"2026-12-10T13:00-05:00\"",
			    "arrives=\"2026-12-10T13:00:00\"", 9,
			    "flight 'CH1/2026-12-10'", "arrives", "13:00:00");
}

static void test_error_nested_object_field(void **state)
{
	expect_schema_error("<limits WCHC=\"2\"/>", "<limits WCHC=\"2\" OXYG=\"1.5\"/>", 10,
			    "flight 'CH1/2026-12-10'", "limits.OXYG", "1.5");
}

static void test_error_name_with_control_reference(void **state)
{
	expect_schema_error("given_names=\"Laila\"", "given_names=\"La&#9;ila\"", 22,
			    "case 'C1': member 'C1-1'", "given_names", "La");
}

static void test_error_missing_key(void **state)
{
	expect_schema_error("<airport code=\"TIA\" country=\"AL\"/>",
			    "<airport country=\"AL\"/>", 5, "airport #1", "code", NULL);
}

static void test_error_unknown_attribute(void **state)
{
	/* named by place, never by its name: not "secret", not "Laila" */
	expect_schema_error("<clinic id=\"DRS\"", "<clinic id=\"DRS\" secret=\"Laila\"", 17,
			    "clinic 'DRS'", NULL, "Laila");
	expect_schema_error("<clinic id=\"DRS\"", "<clinic id=\"DRS\" Rahimi=\"1\"", 17,
			    "clinic 'DRS'", NULL, "Rahimi");
}

static void test_error_bad_key_not_quoted(void **state)
{
	/* an id that breaks the id syntax is not printed: position instead */
	expect_schema_error("<case id=\"C1\"", "<case id=\"Laila Noori\"", 20,
			    "case #1", "id", "Laila");
}

static void test_error_no_namespace(void **state)
{
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str("<movplan version=\"1\"/>", &e));
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(e.v[0].msg, "urn:movplan:1"));
	mp_errors_release(&e);
}

static void test_error_count_out_of_range(void **state)
{
	expect_schema_error("seats=\"100\"", "seats=\"1000000001\"", 9,
			    "flight 'CH1/2026-12-10'", "seats", "1000000001");
}

/* What the decoder takes as free text, the XSD takes too, so any
 * dataset read from JSON can be written as XML and read back. */
static void test_free_text_accepted(void **state)
{
	char *a = replace(minimal(), "seats=\"100\"",
			  "seats=\"1000000000\" carrier=\"Charter Co #7\" number=\"x-1 (a)\"");
	char *b = replace(a, "<limits WCHC=\"2\"/>", "<limits WCHC=\"0\"/>");
	char *c = replace(b, "nationality=\"AFG\"/>",
			  "nationality=\"AFG\"><document type=\"ID\" number=\"N\xc2\xba 12#4\"/></member>");
	mp_errors e;
	mp_errors_init(&e);
	mp_node *t = parse_str(c, &e);
	assert_non_null(t);
	assert_int_equal(e.n, 0);
	const mp_node *f = at(mp_node_get(t, "flights"), 0);
	assert_string_equal(text(f, "carrier"), "Charter Co #7");
	assert_string_equal(text(f, "seats"), "1000000000");
	mp_node_free(t);
	mp_errors_release(&e);
	free(a);
	free(b);
	free(c);
}

static void test_errors_all_reported(void **state)
{
	char *a = replace(minimal(), "seats=\"100\"", "seats=\"x\"");
	char *b = replace(a, "capacity_per_day=\"20\"", "capacity_per_day=\"-1\"");
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str(b, &e));
	assert_int_equal(e.n, 2);
	assert_string_equal(e.v[0].field, "seats");
	assert_string_equal(e.v[1].field, "capacity_per_day");
	assert_int_equal(e.v[1].line, 17);
	mp_errors_release(&e);
	free(a);
	free(b);
}

/* ---- hostile input ---- */

static void test_doctype_rejected(void **state)
{
	mp_errors e;
	mp_errors_init(&e);
	const char *doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE movplan>\n"
			  "<movplan xmlns=\"urn:movplan:1\" version=\"1\"/>\n";
	assert_null(parse_str(doc, &e));
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].line, 2);
	assert_string_equal(e.v[0].msg, "document type declarations are not allowed");
	assert_int_equal(mp_xml_validate(doc, strlen(doc), &e), MP_EDATA);
	mp_errors_release(&e);
}

static void test_billion_laughs_rejected_fast(void **state)
{
	const char *doc =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		" <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
		" <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
		" <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
		" <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
		" <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
		" <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
		"]>\n"
		"<movplan xmlns=\"urn:movplan:1\" version=\"1\">\n"
		" <mission id=\"&lol9;\"/>\n"
		"</movplan>\n";
	mp_errors e;
	mp_errors_init(&e);
	clock_t t0 = clock();
	assert_null(parse_str(doc, &e));
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 1.0);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.v[0].msg, "document type declarations are not allowed");
	mp_errors_release(&e);
}

static void test_xxe_rejected_without_leak(void **state)
{
	const char *doc =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE movplan [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
		"<movplan xmlns=\"urn:movplan:1\" version=\"1\">\n"
		" <mission id=\"&xxe;\" sender=\"&xxe;\"/>\n"
		"</movplan>\n";
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str(doc, &e));
	assert_true(e.n >= 1);
	char *all = all_errors(&e);
	assert_null(strstr(all, "root:"));
	assert_non_null(strstr(all, "document type declarations are not allowed"));
	free(all);
	mp_errors_release(&e);

	/* the same entity without its declaration is just undefined */
	const char *nodecl = "<movplan xmlns=\"urn:movplan:1\"><mission id=\"&xxe;\"/></movplan>";
	mp_errors_init(&e);
	assert_null(parse_str(nodecl, &e));
	all = all_errors(&e);
	assert_null(strstr(all, "root:"));
	assert_non_null(strstr(all, "not well-formed XML"));
	free(all);
	mp_errors_release(&e);
}

static void test_xinclude_not_processed(void **state)
{
	char *doc = replace(minimal(), "<clinics>",
			    "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" "
			    "href=\"/etc/passwd\" parse=\"text\"/><clinics>");
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str(doc, &e));
	char *all = all_errors(&e);
	assert_null(strstr(all, "root:"));
	assert_non_null(strstr(all, "not in the namespace urn:movplan:1"));
	free(all);
	mp_errors_release(&e);
	free(doc);
}

static void test_bom_and_foreign_declaration(void **state)
{
	/* a UTF-8 BOM is fine, and so is "utf-8" or "US-ASCII"; a declaration
	 * naming another encoding is refused (issue 10: not misread as UTF-8) */
	char *bom = mp_xasprintf("\xef\xbb\xbf%s", minimal());
	char *lower = replace(minimal(), "encoding=\"UTF-8\"", "encoding='utf-8'");
	char *ascii = replace(minimal(), "encoding=\"UTF-8\"", "encoding=\"US-ASCII\"");
	mp_errors e;
	mp_errors_init(&e);
	const char *good[] = {bom, lower, ascii};
	for (int i = 0; i < 3; i++) {
		mp_node *t = parse_str(good[i], &e);
		assert_non_null(t);
		mp_node_free(t);
	}
	assert_int_equal(e.n, 0);
	const char *bad[] = {"ISO-8859-1", "EBCDIC", "UTF-16", "UTF-8x"};
	for (int i = 0; i < 4; i++) {
		char *enc = mp_xasprintf("encoding=\"%s\"", bad[i]);
		char *doc = replace(minimal(), "encoding=\"UTF-8\"", enc);
		char *withbom = mp_xasprintf("\xef\xbb\xbf%s", doc);
		assert_null(parse_str(doc, &e));
		assert_null(parse_str(withbom, &e));
		assert_int_equal(e.v[e.n - 1].status, MP_EDATA);
		assert_non_null(strstr(e.v[e.n - 1].msg, "an encoding other than UTF-8"));
		free(enc);
		free(doc);
		free(withbom);
	}
	mp_errors_release(&e);
	free(bom);
	free(lower);
	free(ascii);
}

static void test_truncated_document(void **state)
{
	size_t half = strlen(minimal()) / 2;
	mp_errors e;
	mp_errors_init(&e);
	assert_null(mp_xml_parse("t.xml", minimal(), half, &e));
	assert_int_equal(e.n, 1);
	assert_true(e.v[0].line > 1);
	assert_non_null(strstr(e.v[0].msg, "not well-formed XML"));
	mp_errors_release(&e);
}

static void test_invalid_utf8(void **state)
{
	char *doc = replace(minimal(), "given_names=\"Laila\"", "given_names=\"La\xc3\x28ila\"");
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str(doc, &e));
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].line, 22);
	assert_true(e.v[0].col > 1);
	assert_string_equal(e.v[0].msg, "text is not UTF-8");
	mp_errors_release(&e);
	free(doc);

	/* overlong encodings and surrogates are not UTF-8 either */
	const char *bad[] = {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"};
	for (size_t i = 0; i < 4; i++) {
		char *d = replace(minimal(), "Laila", bad[i]);
		mp_errors_init(&e);
		assert_null(parse_str(d, &e));
		assert_string_equal(e.v[0].msg, "text is not UTF-8");
		mp_errors_release(&e);
		free(d);
	}
}

static void test_control_characters(void **state)
{
	const char *bad[] = {"La\001ila", "La\x7fila", "La\xc2\x85ila"};
	for (size_t i = 0; i < 3; i++) {
		char *doc = replace(minimal(), "Laila", bad[i]);
		mp_errors e;
		mp_errors_init(&e);
		assert_null(parse_str(doc, &e));
		assert_int_equal(e.n, 1);
		assert_int_equal(e.v[0].line, 22);
		assert_string_equal(e.v[0].msg, "text holds a control character");
		mp_errors_release(&e);
		free(doc);
	}
}

static void test_deep_nesting(void **state)
{
	size_t depth = 10000;
	char *doc = malloc(depth * 7 + 64);
	char *p = doc;
	p += sprintf(p, "<movplan xmlns=\"urn:movplan:1\">");
	for (size_t i = 0; i < depth; i++)
		p += sprintf(p, "<a>");
	for (size_t i = 0; i < depth; i++)
		p += sprintf(p, "</a>");
	sprintf(p, "</movplan>");
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str(doc, &e));
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(e.v[0].msg, "deeper than 32"));
	mp_errors_release(&e);
	free(doc);
}

static void test_oversized_input(void **state)
{
	/* the size check comes before any byte is read */
	char one = '<';
	mp_errors e;
	mp_errors_init(&e);
	assert_null(mp_xml_parse("big.xml", &one, (size_t)MP_INPUT_MAX + 1, &e));
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(e.v[0].msg, "larger than"));
	mp_errors_release(&e);
}

static void test_libxml2_never_prints(void **state)
{
	char path[] = "/tmp/test_xml_stderrXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	fflush(stderr);
	int saved = dup(2);
	dup2(fd, 2);
	const char *docs[] = {
		"<movplan xmlns=\"urn:movplan:1\"><mission id=\"a\"></movplan>",
		"<movplan xmlns=\"urn:movplan:1\"><bogus/></movplan>",
		"<movplan xmlns=\"urn:movplan:1\" xmlns:p=\"x\"><p:q/><mission id=\"a b\"/></movplan>",
		"<movplan xmlns=\"urn:movplan:1\"><mission id=\"&amp;&#0;\"/></movplan>",
		"<?xml version=\"1.0\" encoding=\"bogus\"?><movplan/>",
		"<a:b/>",
	};
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		mp_errors e;
		mp_errors_init(&e);
		assert_null(parse_str(docs[i], &e));
		assert_true(e.n >= 1);
		mp_errors_release(&e);
	}
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	off_t size = lseek(fd, 0, SEEK_END);
	close(fd);
	unlink(path);
	assert_int_equal(size, 0);
}

/* ---- layers, whitespace, big files ---- */

static void test_layer_with_keys_only(void **state)
{
	const char *layer =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<movplan xmlns=\"urn:movplan:1\" version=\"1\">\n"
		" <airports><airport code=\"YYZ\" remove=\"true\"/></airports>\n"
		" <flights><flight id=\"TK17/2026-12-14\" remove=\"true\"/>"
		"<flight id=\"TK1074/2026-12-14\" seats=\"10\"/></flights>\n"
		" <quotas><quota id=\"CA-2026-12\" max_persons=\"150\"/></quotas>\n"
		" <arrival_rules><arrival_rule country=\"CA\" remove=\"true\"/></arrival_rules>\n"
		" <transit_rules><transit_rule country=\"AT\" remove=\"false\"/></transit_rules>\n"
		" <clinics><clinic id=\"DRS\" remove=\"true\"/></clinics>\n"
		" <escorts><escort id=\"ESC-01\" remove=\"true\"/></escorts>\n"
		" <cases><case id=\"AFG-0003\" remove=\"true\"/><case id=\"AFG-0004\" priority=\"urgent\"/></cases>\n"
		" <bookings><booking case=\"AFG-0001\" remove=\"true\"/></bookings>\n"
		"</movplan>\n";
	mp_errors e;
	mp_errors_init(&e);
	assert_int_equal(mp_xml_validate(layer, strlen(layer), &e), 0);
	mp_node *t = parse_str(layer, &e);
	assert_non_null(t);
	assert_int_equal(e.n, 0);
	const mp_node *f = mp_node_get(t, "flights");
	assert_int_equal(f->n_children, 2);
	assert_string_equal(text(at(f, 0), "remove"), "true");
	assert_int_equal(at(f, 0)->n_children, 2);
	assert_string_equal(text(at(mp_node_get(t, "bookings"), 0), "case"), "AFG-0001");
	mp_node_free(t);
	mp_errors_release(&e);
}

static void test_whitespace_normalised(void **state)
{
	char *doc = replace(minimal(), "nationality=\"AFG\"",
			    "nationality=\"AFG\" ssr=\"  WCHC\tSTCR \n MAAS \"");
	char *doc2 = replace(doc, "given_names=\"Laila\"", "given_names=\" Laila  B \"");
	char *doc3 = replace(doc2, "seats=\"100\"", "seats=\" 100 \"");
	mp_errors e;
	mp_errors_init(&e);
	mp_node *t = parse_str(doc3, &e);
	assert_non_null(t);
	const mp_node *m = at(mp_node_get(at(mp_node_get(t, "cases"), 0), "members"), 0);
	assert_string_equal(text(m, "ssr"), "WCHC STCR MAAS");
	assert_string_equal(text(m, "given_names"), " Laila  B ");
	assert_string_equal(text(at(mp_node_get(t, "flights"), 0), "seats"), "100");
	mp_node_free(t);
	mp_errors_release(&e);
	free(doc);
	free(doc2);
	free(doc3);
}

static void test_lines_past_65535(void **state)
{
	size_t n = 66000;
	char *doc = malloc(n * 48 + 256);
	char *p = doc;
	p += sprintf(p, "<movplan xmlns=\"urn:movplan:1\" version=\"1\">\n<clinics>\n");
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "<clinic id=\"C%zu\" capacity_per_day=\"%s\"/>\n", i,
			     i == n - 10 ? "x" : "5");
	sprintf(p, "</clinics>\n</movplan>\n");
	mp_errors e;
	mp_errors_init(&e);
	assert_null(parse_str(doc, &e));
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].line, (int)(n - 10 + 3));
	mp_errors_release(&e);
	free(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples_parse_and_validate),
		cmocka_unit_test(test_all_fields_spot_checks),
		cmocka_unit_test(test_all_fields_matches_json_sample),
		cmocka_unit_test(test_write_round_trip),
		cmocka_unit_test(test_write_sample_is_identity),
		cmocka_unit_test(test_json_sample_writes_as_xml_sample),
		cmocka_unit_test(test_write_refuses_bad_text),
		cmocka_unit_test(test_error_bad_calendar_date),
		cmocka_unit_test(test_error_date_pattern),
		cmocka_unit_test(test_error_negative_seats),
		cmocka_unit_test(test_error_unknown_ssr),
		cmocka_unit_test(test_error_unknown_element),
		cmocka_unit_test(test_error_departs_without_offset),
		cmocka_unit_test(test_error_datetime_seconds_without_offset),
		cmocka_unit_test(test_error_nested_object_field),
		cmocka_unit_test(test_error_name_with_control_reference),
		cmocka_unit_test(test_error_missing_key),
		cmocka_unit_test(test_error_unknown_attribute),
		cmocka_unit_test(test_error_bad_key_not_quoted),
		cmocka_unit_test(test_error_no_namespace),
		cmocka_unit_test(test_error_count_out_of_range),
		cmocka_unit_test(test_free_text_accepted),
		cmocka_unit_test(test_errors_all_reported),
		cmocka_unit_test(test_doctype_rejected),
		cmocka_unit_test(test_billion_laughs_rejected_fast),
		cmocka_unit_test(test_xxe_rejected_without_leak),
		cmocka_unit_test(test_xinclude_not_processed),
		cmocka_unit_test(test_bom_and_foreign_declaration),
		cmocka_unit_test(test_truncated_document),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_oversized_input),
		cmocka_unit_test(test_libxml2_never_prints),
		cmocka_unit_test(test_layer_with_keys_only),
		cmocka_unit_test(test_whitespace_normalised),
		cmocka_unit_test(test_lines_past_65535),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
