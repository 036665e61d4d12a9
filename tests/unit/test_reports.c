/*
 * test_reports.c - manifests, itineraries, the report and the scenario
 * comparison (reports/), on a dataset built by hand like
 * tests/data/samples/all-fields.json and the plan all-fields.expected.md
 * works out, so these tests need neither the readers nor the planner.
 *
 * Every format is read back with an independent reader written here
 * (RFC 4180 CSV, EDIFACT segments, iCalendar lines) or with a library
 * (cJSON, libxml2 with reports/manifest.xsd).  Run from the repository
 * root (the schema is read from reports/manifest.xsd).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlschemas.h>

#include "reports/reports.h"
#include "reports/rp_manifest.h"
#include "reports/rp.h"

/* A name with a comma, a quote, Arabic and Cyrillic letters. */
#define HARD_FAMILY "Rahimi, \"Abu\" \xd8\xb1\xd8\xad\xd9\x8a\xd9\x85\xd9\x8a"
#define HARD_GIVEN "\xd0\x90\xd0\xb1\xd0\xb4\xd1\x83\xd0\xbb Rahim"
/* The EDIFACT service characters in a name. */
#define EDI_FAMILY "O'Neil+Co:Ltd?"

/* --- fixture: the all-fields sample, by hand --- */

static mp_date D(const char *s)
{
	mp_date d;
	assert_true(mp_date_parse(s, &d));
	return d;
}

static mp_datetime DT(const char *s)
{
	mp_datetime d;
	assert_true(mp_datetime_parse(s, &d));
	return d;
}

static void airport(mp_dataset *ds, const char *code, const char *country, int mct)
{
	mp_airport *a = mp_dataset_add_airport(ds);
	a->code = mp_xstrdup(code);
	a->country = mp_xstrdup(country);
	a->mct_minutes = mct;
	a->max_connection_minutes = 1440;
}

static mp_flight *flight(mp_dataset *ds, const char *id, const char *carrier, const char *num,
			 const char *from, const char *to, const char *dep, const char *arr,
			 int seats)
{
	mp_flight *f = mp_dataset_add_flight(ds);
	f->id = mp_xstrdup(id);
	f->carrier = mp_xstrdup(carrier);
	f->number = mp_xstrdup(num);
	f->from = mp_xstrdup(from);
	f->to = mp_xstrdup(to);
	f->departs = DT(dep);
	f->arrives = DT(arr);
	f->seats = seats;
	f->stretcher_seats = 6;
	return f;
}

static mp_member *member(mp_case *c, const char *id, const char *family, const char *given,
			 char sex, const char *born, const char *nat)
{
	mp_member *m = mp_case_add_member(c);
	m->id = mp_xstrdup(id);
	m->family_name = mp_xstrdup(family);
	m->given_names = mp_xstrdup(given);
	m->sex = sex;
	m->birth_date = D(born);
	m->nationality = mp_xstrdup(nat);
	return m;
}

static void document(mp_document *d, const char *type, const char *num, const char *issuer,
		     const char *expires)
{
	d->present = true;
	d->type = mp_xstrdup(type);
	d->number = mp_xstrdup(num);
	d->issuer = mp_xstrdup(issuer);
	d->expires = D(expires);
}

static mp_case *add_case(mp_dataset *ds, const char *id, const char *country,
			 const char *airport_code, enum mp_priority prio, const char *ready)
{
	mp_case *c = mp_dataset_add_case(ds);
	c->id = mp_xstrdup(id);
	c->dest_country = mp_xstrdup(country);
	c->dest_airport = mp_xstrdup(airport_code);
	c->priority = prio;
	c->ready = D(ready);
	c->origin = mp_xstrdup("TIA");
	return c;
}

static void network(mp_dataset *ds)
{
	mp_mission *ms = &ds->mission;
	ms->present = true;
	ms->id = mp_xstrdup("ALB-SAMPLE");
	ms->origin = mp_xstrdup("TIA");
	ms->as_of = D("2026-11-30");
	ms->horizon_days = 60;
	ms->sender = mp_xstrdup("IOMTIA");
	ms->recipient = mp_xstrdup("CBSAAPI");
	airport(ds, "TIA", "AL", 60);
	airport(ds, "IST", "TR", 90);
	airport(ds, "YYZ", "CA", 60);
	airport(ds, "VIE", "AT", 30);
	airport(ds, "OSL", "NO", 60);
	mp_flight *f = flight(ds, "TK1074/2026-12-14", "TK", "1074", "TIA", "IST",
			      "2026-12-14T06:15+01:00", "2026-12-14T10:00+03:00", 30);
	f->limits[MP_SSR_WCHC] = 2;
	f->limits[MP_SSR_STCR] = 1;
	f->limits[MP_SSR_INFT] = 6;
	f->limits[MP_SSR_UMNR] = 2;
	f = flight(ds, "TK17/2026-12-14", "TK", "17", "IST", "YYZ", "2026-12-14T13:55+03:00",
		   "2026-12-14T18:05-05:00", 25);
	f->limits[MP_SSR_WCHC] = 2;
	f->limits[MP_SSR_INFT] = 4;
	f = flight(ds, "OS848/2026-12-15", "OS", "848", "TIA", "VIE", "2026-12-15T08:30+01:00",
		   "2026-12-15T10:10+01:00", 20);
	f->cancelled = true;
	flight(ds, "OS1712/2026-12-15", "OS", "1712", "VIE", "OSL", "2026-12-15T12:05+01:00",
	       "2026-12-15T14:35+01:00", 12);
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup("CA-2026-12");
	q->country = mp_xstrdup("CA");
	q->from = D("2026-12-01");
	q->to = D("2026-12-31");
	q->max_persons = 120;
	q = mp_dataset_add_quota(ds);
	q->id = mp_xstrdup("YYZ-W51");
	q->country = mp_xstrdup("CA");
	q->airport = mp_xstrdup("YYZ");
	q->from = D("2026-12-14");
	q->to = D("2026-12-20");
	q->max_persons = 40;
	q->max_cases = 10;
	mp_clinic *cl = mp_dataset_add_clinic(ds);
	cl->id = mp_xstrdup("DRS");
	cl->capacity_per_day = 25;
	mp_escort *e = mp_dataset_add_escort(ds);
	e->id = mp_xstrdup("ESC-01");
	e->kind = MP_ESC_MEDICAL;
	e->available_from = D("2026-12-01");
	e->available_to = D("2026-12-31");
	e->covers = 2;
	e->turnaround_days = 7;
	e->family_name = mp_xstrdup("Hoxha");
	e->given_names = mp_xstrdup("Elira");
	e->sex = 'F';
	e->birth_date = D("1987-05-09");
	e->nationality = mp_xstrdup("ALB");
	document(&e->document, "P", "BA1234567", "ALB", "2031-02-28");
}

static void cases(mp_dataset *ds)
{
	mp_case *c = add_case(ds, "AFG-0001", "CA", "YYZ", MP_PRIO_URGENT, "2026-12-10");
	c->clinic = mp_xstrdup("DRS");
	c->link = mp_xstrdup("LNK-1");
	mp_member *m = member(c, "AFG-0001-01", HARD_FAMILY, HARD_GIVEN, 'M', "1984-03-02", "AFG");
	document(&m->document, "P", "P0123456", "AFG", "2029-06-30");
	m->ssr = 1u << MP_SSR_WCHC;
	m = member(c, "AFG-0001-02", EDI_FAMILY, "Shabnam", 'F', "1990-11-20", "AFG");
	m->pregnancy.present = true;
	m->pregnancy.weeks = 24;
	m->pregnancy.on = D("2026-11-25");
	member(c, "AFG-0001-03", "Rahimi", "Omid", 'M', "2025-09-01", "AFG");
	c = add_case(ds, "AFG-0002", "CA", NULL, MP_PRIO_EMERGENCY, "2026-12-05");
	c->clinic = mp_xstrdup("DRS");
	c->link = mp_xstrdup("LNK-1");
	m = member(c, "AFG-0002-01", "Noori", "Laila", 'F', "1958-01-15", "AFG");
	m->ssr = (1u << MP_SSR_STCR) | (1u << MP_SSR_MEDA) | (1u << MP_SSR_OXYG);
	m->escort = MP_ESC_MEDICAL;
	c = add_case(ds, "AFG-0003", "NO", "OSL", MP_PRIO_NORMAL, "2026-12-01");
	c->medical = MP_MED_PENDING;
	member(c, "AFG-0003-01", "Haidari", "Jawad", 'M', "2011-04-04", "AFG");
	m = member(c, "AFG-0003-02", NULL, "Sakina", 'F', "2013-07-19", "XXA");
	/* in neither list of the plan (not in all-fields): a pregnant adult */
	c = add_case(ds, "AFG-0005", "CA", NULL, MP_PRIO_NORMAL, "2027-03-01");
	m = member(c, "AFG-0005-01", "Karimi", "Zahra", 'F', "1995-02-02", "AFG");
	m->pregnancy.present = true;
	m->pregnancy.weeks = 30;
	m->pregnancy.on = D("2026-11-20");
}

static void build_dataset(mp_dataset *ds)
{
	mp_dataset_init(ds);
	network(ds);
	cases(ds);
}

static void assign(mp_plan *p, const char *case_id, enum mp_booking_status st)
{
	mp_assignment *a = mp_plan_add_assignment(p);
	a->case_id = mp_xstrdup(case_id);
	mp_strv_push(&a->flights, &a->n_flights, "TK1074/2026-12-14");
	mp_strv_push(&a->flights, &a->n_flights, "TK17/2026-12-14");
	a->departs = DT("2026-12-14T06:15+01:00");
	a->arrives = DT("2026-12-14T18:05-05:00");
	a->ftt_date = D("2026-12-12");
	mp_strv_push(&a->escorts, &a->n_escorts, "ESC-01");
	a->status = st;
}

static void flight_use(mp_plan *p, const char *id, int seats, int used)
{
	mp_flight_use *f = mp_plan_add_flight(p);
	f->id = mp_xstrdup(id);
	f->seats = seats;
	f->used = used;
}

static void build_plan(mp_plan *p)
{
	mp_plan_init(p);
	p->id = mp_xstrdup("P-TEST-1");
	p->scenario = mp_xstrdup("baseline");
	p->as_of = D("2026-11-30");
	p->status = MP_PLAN_OPTIMAL;
	p->objective.weighted_persons = 130;
	p->bound = 130;
	p->created = mp_xstrdup("2026-12-01T09:00:00Z");
	assign(p, "AFG-0001", MP_BOOK_PROPOSED);
	assign(p, "AFG-0002", MP_BOOK_CONFIRMED);
	mp_unassigned *u = mp_plan_add_unassigned(p);
	u->case_id = mp_xstrdup("AFG-0003");
	mp_unassigned_add_reason(u)->code = MP_R_NO_ROUTE;
	mp_reason *r = mp_unassigned_add_reason(u);
	r->code = MP_R_MEDICAL_PENDING;
	r->decisive = true;
	r->detail = mp_xstrdup("medical status is pending");
	flight_use(p, "TK1074/2026-12-14", 30, 9);
	flight_use(p, "TK17/2026-12-14", 25, 9);
	mp_quota_use *q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("CA-2026-12");
	q->max_persons = 120;
	q->persons = 4;
	q->max_cases = MP_ABSENT;
	q = mp_plan_add_quota(p);
	q->id = mp_xstrdup("YYZ-W51");
	q->max_persons = 40;
	q->persons = 4;
	q->max_cases = 10;
	q->cases = 2;
	mp_clinic_day *cd = mp_plan_add_clinic_day(p);
	cd->clinic = mp_xstrdup("DRS");
	cd->date = D("2026-12-12");
	cd->persons = 4;
	cd->capacity = 25;
	mp_escort_trip *t = mp_plan_add_escort_trip(p);
	t->escort = mp_xstrdup("ESC-01");
	mp_strv_push(&t->flights, &t->n_flights, "TK1074/2026-12-14");
	mp_strv_push(&t->flights, &t->n_flights, "TK17/2026-12-14");
	t->departs = DT("2026-12-14T06:15+01:00");
	mp_strv_push(&t->cases, &t->n_cases, "AFG-0001");
	mp_strv_push(&t->cases, &t->n_cases, "AFG-0002");
}

typedef struct fixture {
	mp_dataset ds;
	mp_plan plan;
	mp_errors errs;
} fixture;

static int setup(void **state)
{
	fixture *fx = mp_xcalloc(1, sizeof *fx);
	build_dataset(&fx->ds);
	build_plan(&fx->plan);
	mp_errors_init(&fx->errs);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	mp_dataset_release(&fx->ds);
	mp_plan_release(&fx->plan);
	mp_errors_release(&fx->errs);
	free(fx);
	return 0;
}

/* --- capturing a writer's output --- */

typedef struct capture {
	FILE *f;
	char *s;
	size_t n;
} capture;

static FILE *cap_open(capture *c)
{
	memset(c, 0, sizeof *c);
	c->f = open_memstream(&c->s, &c->n);
	assert_non_null(c->f);
	return c->f;
}

static char *cap_close(capture *c)
{
	fclose(c->f);
	return c->s;
}

static char *manifest(fixture *fx, const char *flight_id, enum mp_manifest_format f,
		      int max_per_part)
{
	capture c;
	mp_manifest_options o = {0};
	o.format = f;
	o.now = "261210:0900";
	o.max_per_part = max_per_part;
	int rc = mp_manifest_write(cap_open(&c), &fx->ds, &fx->plan, flight_id, &o, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

/* --- a small RFC 4180 reader --- */

typedef struct csv_table {
	char ***rows;   /* rows[i][j] */
	int *n_fields;
	int n_rows;
} csv_table;

static void csv_free(csv_table *t)
{
	for (int i = 0; i < t->n_rows; i++) {
		for (int j = 0; j < t->n_fields[i]; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->n_fields);
}

/* Parses RFC 4180 strictly: CRLF record ends, quoted fields with doubled
 * quotes, no bare quote inside an unquoted field, no bare LF outside
 * quotes.  Returns false on a violation. */
static bool csv_parse(const char *s, csv_table *t)
{
	memset(t, 0, sizeof *t);
	if (strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	char **row = NULL;
	int nf = 0;
	while (*s) {
		char *field = mp_xmalloc(strlen(s) + 1);
		size_t n = 0;
		if (*s == '"') {
			for (s++;; s++) {
				if (!*s)
					return false;
				if (*s == '"' && s[1] == '"') {
					field[n++] = '"';
					s++;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					field[n++] = *s;
				}
			}
		} else {
			for (; *s && *s != ',' && *s != '\r' && *s != '\n'; s++) {
				if (*s == '"')
					return false;
				field[n++] = *s;
			}
		}
		field[n] = '\0';
		row = mp_xrealloc(row, (size_t)(nf + 1) * sizeof *row);
		row[nf++] = field;
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] != '\r' || s[1] != '\n')
			return false;
		s += 2;
		t->rows = mp_xrealloc(t->rows, (size_t)(t->n_rows + 1) * sizeof *t->rows);
		t->n_fields = mp_xrealloc(t->n_fields, (size_t)(t->n_rows + 1) * sizeof(int));
		t->rows[t->n_rows] = row;
		t->n_fields[t->n_rows++] = nf;
		row = NULL;
		nf = 0;
	}
	return row == NULL;
}

static int csv_col(const csv_table *t, const char *name)
{
	for (int j = 0; j < t->n_fields[0]; j++)
		if (strcmp(t->rows[0][j], name) == 0)
			return j;
	fail_msg("no column %s", name);
	return -1;
}

/* --- manifests --- */

static void test_manifest_csv_round_trip(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_CSV, 0);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_memory_equal(s, "\xEF\xBB\xBF", 3); /* BOM, see manifest.c */
	assert_int_equal(t.n_rows, 1 + 4 + 1);    /* header, 4 passengers, 1 escort */
	for (int i = 1; i < t.n_rows; i++)
		assert_int_equal(t.n_fields[i], t.n_fields[0]);
	int fam = csv_col(&t, "family_name"), giv = csv_col(&t, "given_names");
	int role = csv_col(&t, "role"), ssr = csv_col(&t, "ssr"), seats = csv_col(&t, "seats");
	assert_string_equal(t.rows[1][fam], HARD_FAMILY);
	assert_string_equal(t.rows[1][giv], HARD_GIVEN);
	assert_string_equal(t.rows[2][fam], EDI_FAMILY);
	assert_string_equal(t.rows[3][ssr], "INFT");   /* the lap infant */
	assert_string_equal(t.rows[3][seats], "0");
	assert_string_equal(t.rows[4][ssr], "STCR MEDA OXYG");
	assert_string_equal(t.rows[4][seats], "6");
	assert_string_equal(t.rows[5][role], "escort");
	assert_string_equal(t.rows[5][fam], "Hoxha");
	assert_string_equal(t.rows[1][csv_col(&t, "escorts")], "ESC-01");
	csv_free(&t);
	free(s);
}

static void test_manifest_json_totals(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_JSON, 0);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *m = cJSON_GetObjectItem(root, "manifest");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(m, "passengers")), 4);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(m, "escorts")), 1);
	cJSON *t = cJSON_GetObjectItem(m, "totals");
	assert_int_equal(cJSON_GetObjectItem(t, "seats_used")->valueint, 9); /* expected.md */
	assert_int_equal(cJSON_GetObjectItem(t, "persons")->valueint, 5);
	cJSON *inft = cJSON_GetObjectItem(cJSON_GetObjectItem(t, "ssr"), "INFT");
	assert_int_equal(cJSON_GetObjectItem(inft, "count")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(inft, "limit")->valueint, 6);
	cJSON *p0 = cJSON_GetArrayItem(cJSON_GetObjectItem(m, "passengers"), 0);
	assert_string_equal(cJSON_GetObjectItem(p0, "family_name")->valuestring, HARD_FAMILY);
	cJSON_Delete(root);
	free(s);
}

static const char *schema_path(void)
{
	static char path[4096];
	const char *top = getenv("TOP");
	snprintf(path, sizeof path, "%s/reports/manifest.xsd", top ? top : ".");
	return path;
}

/* 0 when the XML text validates against reports/manifest.xsd. */
static int validate_manifest_xml(const char *xml)
{
	xmlSchemaParserCtxtPtr pc = xmlSchemaNewParserCtxt(schema_path());
	assert_non_null(pc);
	xmlSchemaPtr schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(schema);
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "manifest.xml", NULL, XML_PARSE_NONET);
	assert_non_null(doc);
	int rc = xmlSchemaValidateDoc(vc, doc);
	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	return rc;
}

static void test_manifest_xml_validates(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_XML, 0);
	assert_int_equal(validate_manifest_xml(s), 0);
	assert_non_null(strstr(s, "xmlns=\"urn:movplan:1\""));
	assert_non_null(strstr(s, "&quot;Abu&quot;")); /* escaped by xmlTextWriter */
	free(s);
	s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_XML, 0); /* nobody on it */
	assert_int_equal(validate_manifest_xml(s), 0);
	free(s);
}

static void test_manifest_unknown_and_empty(void **state)
{
	fixture *fx = *state;
	capture c;
	mp_manifest_options o = {0};
	int rc = mp_manifest_write(cap_open(&c), &fx->ds, &fx->plan, "XX1/2026-01-01", &o,
				   &fx->errs);
	free(cap_close(&c));
	assert_int_equal(rc, MP_EDATA);
	assert_int_equal(fx->errs.n, 1);
	assert_non_null(strstr(fx->errs.v[0].msg, "unknown flight 'XX1/2026-01-01'"));
	char *s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_CSV, 0);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_int_equal(t.n_rows, 1); /* the header only */
	csv_free(&t);
	free(s);
	s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_JSON, 0);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *tot = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "manifest"), "totals");
	assert_int_equal(cJSON_GetObjectItem(tot, "persons")->valueint, 0);
	cJSON_Delete(root);
	free(s);
	s = manifest(fx, "OS1712/2026-12-15", MP_MANIFEST_PAXLST, 0);
	assert_non_null(strstr(s, "CNT+42:0'"));
	assert_non_null(strstr(s, "+01:F'"));
	free(s);
}

/* --- EDIFACT segments, split honouring the release character --- */

typedef struct segs {
	char **v;
	int n;
} segs;

static void segs_free(segs *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->v[i]);
	free(g->v);
}

/* Splits after UNA at unreleased ' and drops the LF after each. */
static segs edi_split(const char *s)
{
	segs g = {0};
	assert_memory_equal(s, "UNA:+.? '", 9);
	s += 9;
	while (*s == '\n' || *s == '\r')
		s++;
	while (*s) {
		const char *p = s;
		while (*p && *p != '\'')
			p += (*p == '?' && p[1]) ? 2 : 1;
		assert_int_equal(*p, '\'');
		g.v = mp_xrealloc(g.v, (size_t)(g.n + 1) * sizeof *g.v);
		g.v[g.n++] = mp_xstrndup(s, (size_t)(p - s));
		s = p + 1;
		while (*s == '\n' || *s == '\r')
			s++;
	}
	return g;
}

/* Data element k of a segment (0 is the tag), unreleased ones only. */
static char *edi_element(const char *seg, int k)
{
	const char *p = seg;
	for (int i = 0; i < k && *p; i++) {
		while (*p && *p != '+')
			p += (*p == '?' && p[1]) ? 2 : 1;
		if (*p)
			p++;
	}
	const char *e = p;
	while (*e && *e != '+')
		e += (*e == '?' && e[1]) ? 2 : 1;
	return mp_xstrndup(p, (size_t)(e - p));
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void test_paxlst_structure(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_PAXLST, 0);
	segs g = edi_split(s);
	assert_true(starts(g.v[0], "UNB+UNOA:4+IOMTIA+CBSAAPI+261210:0900+"));
	assert_true(starts(g.v[1], "UNH+1+PAXLST:D:02B:UN:IATA+TK1074/261214/0615+01:F"));
	int unh = 1, unt = -1;
	for (int i = 0; i < g.n; i++)
		if (starts(g.v[i], "UNT+"))
			unt = i;
	assert_true(unt > unh);
	char want[32];
	snprintf(want, sizeof want, "UNT+%d+1", unt - unh + 1);
	assert_string_equal(g.v[unt], want);
	assert_string_equal(g.v[unt - 1], "CNT+42:5"); /* 4 members and the escort */
	assert_true(starts(g.v[g.n - 1], "UNZ+1+"));
	/* the name with ? : + ' released, upper case, transliterated */
	bool seen_edi = false, seen_hard = false;
	for (int i = 0; i < g.n; i++) {
		seen_edi |= strcmp(g.v[i], "NAD+FL+++O?'NEIL?+CO?:LTD??:SHABNAM") == 0;
		seen_hard |= strcmp(g.v[i], "NAD+FL+++RAHIMI, ABU RHYMY:ABDUL RAHIM") == 0;
	}
	assert_true(seen_edi);
	assert_true(seen_hard);
	assert_non_null(strstr(s, "DTM+189:2612140615:201'"));
	assert_non_null(strstr(s, "DTM+232:2612141000:201'"));
	assert_non_null(strstr(s, "DOC+P:110:111+P0123456'"));
	assert_non_null(strstr(s, "DTM+36:290630'"));
	assert_non_null(strstr(s, "RFF+AVF:ESC-01'"));
	for (const char *p = s; *p; p++) /* UNOA: nothing outside printable ASCII */
		assert_true(*p == '\n' || (*p >= 0x20 && *p < 0x7f));
	segs_free(&g);
	free(s);
}

static void test_paxlst_parts(void **state)
{
	fixture *fx = *state;
	char *s = manifest(fx, "TK1074/2026-12-14", MP_MANIFEST_PAXLST, 2);
	segs g = edi_split(s);
	static const char *const part[] = {"01:C", "02:C", "03:F"};
	static const int cnt[] = {2, 2, 1};
	int k = 0, unh = -1;
	for (int i = 0; i < g.n; i++) {
		if (starts(g.v[i], "UNH+")) {
			unh = i;
			assert_true(k < 3);
			size_t n = strlen(g.v[i]);
			assert_string_equal(g.v[i] + n - 4, part[k]);
		} else if (starts(g.v[i], "CNT+42:")) {
			assert_int_equal(atoi(g.v[i] + 7), cnt[k]);
		} else if (starts(g.v[i], "UNT+")) {
			char want[32];
			snprintf(want, sizeof want, "UNT+%d+%d", i - unh + 1, k + 1);
			assert_string_equal(g.v[i], want);
			k++;
		}
	}
	assert_int_equal(k, 3);
	assert_true(starts(g.v[g.n - 1], "UNZ+3+"));
	/* the interchange reference of UNB (element 5) comes back in UNZ */
	char *ref = edi_element(g.v[0], 5);
	assert_int_equal(strlen(ref), 14);
	assert_string_equal(g.v[g.n - 1] + strlen("UNZ+3+"), ref);
	free(ref);
	segs_free(&g);
	free(s);
}

static void test_unoa_transliteration(void **state)
{
	static const struct { const char *in, *out; } cases_[] = {
		{"\xc3\x86r\xc3\xb8sk\xc3\xb8""bing", "AEROSKOBING"},
		{"\xc5\x81\xc3\xb3""d\xc5\xba", "LODZ"},
		{"M\xc3\xbcller-L\xc3\xbc""denscheidt", "MULLER-LUDENSCHEIDT"},
		{"\xd0\x90\xd0\xb1\xd0\xb4\xd1\x83\xd0\xbb", "ABDUL"},
		{"\xd0\xa9\xd1\x83\xd0\xba\xd0\xb8\xd0\xbd", "SHCHUKIN"},
		{"\xd8\xb1\xd8\xad\xd9\x8a\xd9\x85\xd9\x8a", "RHYMY"},
		{"Stra\xc3\x9f""e", "STRASSE"},
		{"Nguy\xe1\xbb\x85n", "NGUYEN"},
		{"  a   b  ", "A B"},
		{"\xe4\xb8\xad", ""},
		{"x_y@z", "X-YZ"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof cases_ / sizeof cases_[0]; i++) {
		char *u = rp_unoa(cases_[i].in, 35);
		assert_string_equal(u, cases_[i].out);
		free(u);
	}
	char *u = rp_unoa("abcdefghij", 4);
	assert_string_equal(u, "ABCD");
	free(u);
}

/* --- itineraries --- */

static int count(const char *s, const char *what);

static char *itinerary(fixture *fx, const char *case_id, enum mp_itinerary_format f)
{
	capture c;
	int rc = mp_itinerary_write(cap_open(&c), &fx->ds, &fx->plan, case_id, f, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

static void test_itinerary_text(void **state)
{
	fixture *fx = *state;
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "connection at IST: 3 h 55 min"));
	assert_non_null(strstr(s, "ESC-01"));
	assert_non_null(strstr(s, "Elira Hoxha"));
	assert_non_null(strstr(s, "Sat 12 Dec 2026 at clinic DRS"));
	assert_non_null(strstr(s, "06:15 TIA (UTC+01:00)"));
	assert_non_null(strstr(s, "18:05 YYZ (UTC-05:00)"));
	assert_non_null(strstr(s, "Shabnam"));
	assert_null(strstr(s, "1984-03-02")); /* no birth dates on the family's page */
	free(s);
	s = itinerary(fx, "AFG-0003", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "NOT BOOKED"));
	assert_non_null(strstr(s, "NO_ROUTE"));
	assert_non_null(strstr(s, "MEDICAL_PENDING"));
	assert_non_null(strstr(s, "medical status is pending"));
	free(s);
	s = itinerary(fx, "AFG-0005", MP_ITIN_TEXT);
	assert_non_null(strstr(s, "not part of the plan"));
	assert_null(strstr(s, "What to bring"));
	free(s);
	s = itinerary(fx, "AFG-0005", MP_ITIN_JSON);
	assert_non_null(strstr(s, "\"status\": \"not_planned\""));
	free(s);
	s = itinerary(fx, "AFG-0005", MP_ITIN_ICS);
	assert_int_equal(count(s, "BEGIN:VEVENT"), 0);
	free(s);
	capture c;
	int rc = mp_itinerary_write(cap_open(&c), &fx->ds, &fx->plan, "AFG-9999", MP_ITIN_TEXT,
				    &fx->errs);
	free(cap_close(&c));
	assert_int_equal(rc, MP_EDATA);
	assert_non_null(strstr(fx->errs.v[0].msg, "unknown case 'AFG-9999'"));
}

static void test_itinerary_json(void **state)
{
	fixture *fx = *state;
	char *s = itinerary(fx, "AFG-0001", MP_ITIN_JSON);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *it = cJSON_GetObjectItem(root, "itinerary");
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring, "booked");
	cJSON *legs = cJSON_GetObjectItem(it, "legs");
	assert_int_equal(cJSON_GetArraySize(legs), 2);
	cJSON *cx = cJSON_GetObjectItem(cJSON_GetArrayItem(legs, 0), "connection");
	assert_int_equal(cJSON_GetObjectItem(cx, "minutes")->valueint, 235);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(it, "ftt"), "date")->valuestring,
			    "2026-12-12");
	cJSON_Delete(root);
	free(s);
	s = itinerary(fx, "AFG-0003", MP_ITIN_JSON);
	root = cJSON_Parse(s);
	assert_non_null(root);
	it = cJSON_GetObjectItem(root, "itinerary");
	assert_string_equal(cJSON_GetObjectItem(it, "status")->valuestring, "not_booked");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(it, "reasons")), 2);
	cJSON_Delete(root);
	free(s);
}

/* Unfolds iCalendar lines; asserts CRLF and the 75-octet limit. */
static char *ics_unfold(const char *s)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	const char *line = s;
	while (*line) {
		const char *e = strstr(line, "\r\n");
		assert_non_null(e);
		assert_true(e - line <= 75);
		assert_null(memchr(line, '\n', (size_t)(e - line)));
		if (*line == ' ')
			rp_buf_putn(&b, line + 1, (size_t)(e - line - 1));
		else {
			if (b.n)
				rp_buf_putc(&b, '\n');
			rp_buf_putn(&b, line, (size_t)(e - line));
		}
		line = e + 2;
	}
	return b.s;
}

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

static void test_itinerary_ics(void **state)
{
	fixture *fx = *state;
	char *s1 = itinerary(fx, "AFG-0001", MP_ITIN_ICS);
	char *s2 = itinerary(fx, "AFG-0001", MP_ITIN_ICS);
	assert_string_equal(s1, s2); /* stable: UIDs and DTSTAMP from the plan */
	char *u = ics_unfold(s1);
	assert_true(starts(u, "BEGIN:VCALENDAR\nVERSION:2.0\n"));
	assert_int_equal(count(u, "BEGIN:VEVENT"), 3);
	assert_non_null(strstr(u, "\nUID:AFG-0001.TK1074-2026-12-14@ALB-SAMPLE.movplan\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0001.TK17-2026-12-14@ALB-SAMPLE.movplan\n"));
	assert_non_null(strstr(u, "\nUID:AFG-0001.ftt@ALB-SAMPLE.movplan\n"));
	assert_non_null(strstr(u, "\nDTSTART:20261214T051500Z\n"));
	assert_non_null(strstr(u, "\nDTEND:20261214T070000Z\n"));
	assert_non_null(strstr(u, "\nDTSTART;VALUE=DATE:20261212\n"));
	assert_non_null(strstr(u, "\nSUMMARY:TK1074 TIA-IST\n"));
	assert_non_null(strstr(u, "Rahimi\\, \"Abu\"")); /* TEXT escaping of the comma */
	assert_non_null(strstr(u, "Connection at IST: 3 h 55 min"));
	assert_true(count(s1, "\r\n ") > 0); /* the long descriptions were folded */
	free(u);
	free(s1);
	free(s2);
	s1 = itinerary(fx, "AFG-0003", MP_ITIN_ICS);
	u = ics_unfold(s1);
	assert_int_equal(count(u, "BEGIN:VEVENT"), 0);
	assert_non_null(strstr(u, "END:VCALENDAR"));
	free(u);
	free(s1);
}


/* --- the report --- */

static char *report(fixture *fx, enum mp_report_format f)
{
	capture c;
	int rc = mp_report_write(cap_open(&c), &fx->ds, &fx->plan, f, &fx->errs);
	char *s = cap_close(&c);
	assert_int_equal(rc, MP_OK);
	return s;
}

/* Asserts that no member's or escort's name, birth date or document
 * number of the fixture appears in s. */
static void assert_no_personal_data(const fixture *fx, const char *s)
{
	char d[MP_DATE_BUF];
	for (int i = 0; i < fx->ds.n_cases; i++)
		for (int k = 0; k < fx->ds.cases[i].n_members; k++) {
			const mp_member *m = &fx->ds.cases[i].members[k];
			if (m->family_name)
				assert_null(strstr(s, m->family_name));
			if (m->given_names)
				assert_null(strstr(s, m->given_names));
			assert_null(strstr(s, rp_date(m->birth_date, d)));
			if (m->document.number)
				assert_null(strstr(s, m->document.number));
		}
	const mp_escort *e = &fx->ds.escorts[0];
	assert_null(strstr(s, e->family_name));
	assert_null(strstr(s, e->given_names));
	assert_null(strstr(s, rp_date(e->birth_date, d)));
	assert_null(strstr(s, e->document.number));
	/* parts of the hard names, HTML-escaped or not */
	assert_null(strstr(s, "Rahimi"));
	assert_null(strstr(s, "Shabnam"));
	assert_null(strstr(s, "Neil"));
	assert_null(strstr(s, "\xd0\x90\xd0\xb1\xd0\xb4\xd1\x83\xd0\xbb"));
}

static void test_report_html(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_HTML);
	assert_true(starts(s, "<!DOCTYPE html>"));
	assert_no_personal_data(fx, s);
	assert_non_null(strstr(s, "AFG-0001"));          /* cases by id */
	assert_non_null(strstr(s, "TK1074/2026-12-14"));
	assert_non_null(strstr(s, "NO_ROUTE"));
	assert_int_equal(count(s, "<svg"), count(s, "</svg>"));
	assert_true(count(s, "<svg") >= 5);
	assert_int_equal(count(s, "<table>"), count(s, "</table>"));
	/* nothing fetched from outside */
	assert_null(strstr(s, "http://"  "x"));
	assert_null(strstr(s, "src="));
	assert_null(strstr(s, "<link"));
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "@import"));
	assert_null(strstr(s, "url("));
	assert_non_null(strstr(s, "@media print"));
	free(s);
}

static void test_report_html_escapes(void **state)
{
	fixture *fx = *state;
	free(fx->plan.unassigned[0].reasons[1].detail);
	fx->plan.unassigned[0].reasons[1].detail = mp_xstrdup("<script>alert('x')</script> & co");
	free(fx->plan.scenario);
	fx->plan.scenario = mp_xstrdup("a<b>\"c\"");
	char *s = report(fx, MP_REPORT_HTML);
	assert_null(strstr(s, "<script>"));
	assert_null(strstr(s, "a<b>"));
	assert_non_null(strstr(s, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"));
	assert_non_null(strstr(s, "a&lt;b&gt;&quot;c&quot;"));
	free(s);
}

static cJSON *table_json(cJSON *root, const char *name)
{
	return cJSON_GetObjectItem(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "report"), "tables"),
				   name);
}

static void test_report_json(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_JSON);
	assert_no_personal_data(fx, s);
	cJSON *root = cJSON_Parse(s);
	assert_non_null(root);
	cJSON *sum = cJSON_GetObjectItem(cJSON_GetObjectItem(root, "report"), "summary");
	assert_int_equal(cJSON_GetObjectItem(sum, "persons_moved")->valueint, 4);
	assert_int_equal(cJSON_GetObjectItem(sum, "cases_moved")->valueint, 2);
	assert_int_equal(cJSON_GetObjectItem(sum, "cases_unassigned")->valueint, 1);
	assert_string_equal(cJSON_GetObjectItem(sum, "plan")->valuestring, "P-TEST-1");
	cJSON *fl = cJSON_GetArrayItem(table_json(root, "flights"), 0);
	assert_string_equal(cJSON_GetObjectItem(fl, "flight")->valuestring, "TK1074/2026-12-14");
	assert_int_equal(cJSON_GetObjectItem(fl, "used")->valueint, 9);
	/* SPEC 2: one row, the decisive reason */
	assert_int_equal(cJSON_GetArraySize(table_json(root, "reasons")), 1);
	cJSON *rs = cJSON_GetArrayItem(table_json(root, "reasons"), 0);
	assert_string_equal(cJSON_GetObjectItem(rs, "code")->valuestring, "MEDICAL_PENDING");
	cJSON *w = cJSON_GetArrayItem(table_json(root, "waiting_by_priority"), 0); /* emergency */
	assert_int_equal(cJSON_GetObjectItem(w, "max_days")->valueint, 9); /* 12-05 to 12-14 */
	cJSON *wk = cJSON_GetArrayItem(table_json(root, "weeks"), 0);
	assert_string_equal(cJSON_GetObjectItem(wk, "week")->valuestring, "2026-12-14");
	assert_int_equal(cJSON_GetObjectItem(wk, "persons")->valueint, 4);
	cJSON_Delete(root);
	free(s);
}

static void test_report_csv_long(void **state)
{
	fixture *fx = *state;
	char *s = report(fx, MP_REPORT_CSV);
	csv_table t;
	assert_true(csv_parse(s, &t));
	assert_string_equal(t.rows[0][0], "table");
	bool seen = false;
	for (int i = 1; i < t.n_rows; i++) {
		assert_int_equal(t.n_fields[i], 4);
		seen |= !strcmp(t.rows[i][0], "quotas") && !strcmp(t.rows[i][2], "persons") &&
			!strcmp(t.rows[i][3], "4");
	}
	assert_true(seen);
	csv_free(&t);
	free(s);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	rp_buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		rp_buf_putn(&b, chunk, n);
	fclose(f);
	return b.s;
}

static void test_report_dir(void **state)
{
	fixture *fx = *state;
	char tmpl[] = "/tmp/movplan-report-XXXXXX";
	assert_non_null(mkdtemp(tmpl));
	char *dir = mp_xasprintf("%s/out/report", tmpl);
	assert_int_equal(mp_report_write_dir(dir, &fx->ds, &fx->plan, &fx->errs), MP_OK);
	struct stat st;
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	static const char *const files[] = {"index.html", "plan.json", "report.json",
					    "flights.csv", "quotas.csv", "destinations.csv",
					    "unassigned.csv", "waiting.csv", "summary.csv"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *path = mp_xasprintf("%s/%s", dir, files[i]);
		assert_int_equal(stat(path, &st), 0);
		assert_int_equal(st.st_mode & 0777, 0600);
		char *text = read_all(path);
		if (strstr(files[i], ".csv")) {
			csv_table t;
			assert_true(csv_parse(text, &t));
			assert_true(t.n_rows >= 1);
			csv_free(&t);
		}
		if (strcmp(files[i], "plan.json") != 0)
			assert_no_personal_data(fx, text);
		free(text);
		free(path);
	}
	char *path = mp_xasprintf("%s/plan.json", dir);
	char *text = read_all(path);
	cJSON *root = cJSON_Parse(text);
	assert_non_null(root);
	cJSON *plan = cJSON_GetObjectItem(root, "plan");
	assert_string_equal(cJSON_GetObjectItem(plan, "id")->valuestring, "P-TEST-1");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(plan, "assignments")), 2);
	cJSON_Delete(root);
	free(text);
	free(path);
	char *cmd = mp_xasprintf("rm -rf '%s'", tmpl);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(dir);
}

/* --- compare --- */

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
		cmocka_unit_test_setup_teardown(test_manifest_csv_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_json_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_xml_validates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_manifest_unknown_and_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paxlst_structure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paxlst_parts, setup, teardown),
		cmocka_unit_test(test_unoa_transliteration),
		cmocka_unit_test_setup_teardown(test_itinerary_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_itinerary_ics, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_html_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_csv_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_dir, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
