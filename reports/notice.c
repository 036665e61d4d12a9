/*
 * notice.c - the arrival notice for a receiving country (see
 * rp_notice.h): gathering it, its words, and its CSV and JSON forms.
 * HTML and XML are in notice_html.c.
 *
 * CSV: RFC 4180, CRLF, UTF-8 without a byte order mark, every cell
 * through rp_csv_field; a header row, one row per arriving case (row
 * "case") in date, airport and time order, then one row per date and
 * airport and one for the whole notice (row "total").  The members
 * column is there only with names.
 */
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "rp_notice.h"
#include "i18n.h"

const char *const rp_age_names[RP_N_AGE] = {"0-1", "2-11", "12-17", "18-59", "60+"};
const char *const rp_age_fields[RP_N_AGE] = {"age_0_1", "age_2_11", "age_12_17", "age_18_59",
					     "age_60_plus"};

const char *rp_need_words(int need)
{
	static const char *const words[RP_N_NEEDS] = {
		[MP_SSR_WCHR] = "wheelchair for distances, walks in the cabin (WCHR)",
		[MP_SSR_WCHS] = "wheelchair, cannot climb stairs (WCHS)",
		[MP_SSR_WCHC] = "wheelchair, immobile: carried to the seat (WCHC)",
		[MP_SSR_STCR] = "stretcher (STCR)",
		[MP_SSR_MEDA] = "medical case cleared by the airline (MEDA)",
		[MP_SSR_OXYG] = "oxygen on board (OXYG)",
		[MP_SSR_BLND] = "blind (BLND)",
		[MP_SSR_DEAF] = "deaf (DEAF)",
		[MP_SSR_DPNA] = "intellectual or developmental disability, needs assistance (DPNA)",
		[MP_SSR_MAAS] = "meet and assist (MAAS)",
		[MP_SSR_INFT] = "infant on a lap (INFT)",
		[MP_SSR_UMNR] = "unaccompanied minor (UMNR)",
		[RP_NEED_MEDICAL_ESCORT] = "needs a medical escort",
		[RP_NEED_ESCORT] = "needs an escort",
		[RP_NEED_PREGNANT] = "pregnant, 28 weeks or more",
	};
	return need >= 0 && need < RP_N_NEEDS ? words[need] : "";
}

const char *rp_need_code(int need)
{
	if (need >= 0 && need < MP_N_SSR)
		return mp_ssr_names[need];
	return need == RP_NEED_MEDICAL_ESCORT ? "ESCORT-MEDICAL"
	       : need == RP_NEED_ESCORT       ? "ESCORT"
	       : need == RP_NEED_PREGNANT     ? "PREGNANT"
					      : "";
}

/* --- gathering --- */

static int age_group(int age)
{
	return age < 2 ? RP_AGE_0_1 : age < 12 ? RP_AGE_2_11 : age < 18 ? RP_AGE_12_17
	       : age < 60 ? RP_AGE_18_59 : RP_AGE_60;
}

static void add_escort(rp_arrival *v, const char *id)
{
	for (int i = 0; i < v->n_escorts; i++)
		if (strcmp(v->escorts[i], id) == 0)
			return;
	v->escorts = mp_xrealloc(v->escorts, (size_t)(v->n_escorts + 1) * sizeof *v->escorts);
	v->escorts[v->n_escorts++] = id;
}

/* The escorts who escort the case (as on manifests and itineraries):
 * the trips that name it, else the assignment's; none when nobody in
 * the family needs one. */
static void case_escorts(rp_arrival *v, const mp_plan *plan, int need_escort)
{
	if (!need_escort)
		return;
	for (int t = 0; t < plan->n_escort_trips; t++) {
		const mp_escort_trip *tr = &plan->escort_trips[t];
		for (int k = 0; tr->escort && k < tr->n_cases; k++)
			if (strcmp(tr->cases[k], v->c->id) == 0)
				add_escort(v, tr->escort);
	}
	for (int k = 0; v->n_escorts == 0 && k < v->a->n_escorts; k++)
		add_escort(v, v->a->escorts[k]);
}

static void count_members(rp_arrival *v, const mp_plan *plan)
{
	const mp_case *c = v->c;
	mp_case_facts facts;
	bool *lap = mp_xcalloc((size_t)c->n_members + 1, sizeof *lap);
	mp_case_facts_on(c, v->on, &facts, lap); /* SPEC 1: facts on the departure date */
	for (int i = 0; i < c->n_members; i++) {
		const mp_member *m = &c->members[i];
		v->ages[age_group(mp_age_on(m->birth_date, v->date))]++;
		unsigned ssr = rp_member_ssr(c, i, &facts, lap);
		for (int s = 0; s < MP_N_SSR; s++)
			v->needs[s] += (ssr >> s) & 1u;
		enum mp_escort_kind e = mp_member_escort_need(c, i, v->on);
		if (e == MP_ESC_MEDICAL)
			v->needs[RP_NEED_MEDICAL_ESCORT]++;
		else if (e == MP_ESC_OPERATIONAL && !(ssr & (1u << MP_SSR_UMNR)))
			v->needs[RP_NEED_ESCORT]++;
		if (mp_pregnancy_weeks_on(&m->pregnancy, v->date) >= 28)
			v->needs[RP_NEED_PREGNANT]++;
	}
	case_escorts(v, plan, facts.need_escort);
	free(lap);
}

static int name_members(rp_arrival *v, mp_errors *errs)
{
	int rc = MP_OK;
	v->names = mp_xcalloc((size_t)v->c->n_members + 1, sizeof *v->names);
	for (int i = 0; i < v->c->n_members; i++) {
		const mp_member *m = &v->c->members[i];
		char *who = mp_xasprintf("case '%s': member '%s'", v->c->id, m->id);
		if (rp_names_of(&v->names[i], m->family_name, m->given_names, &m->document, who,
				errs) != MP_OK)
			rc = MP_EDATA;
		free(who);
	}
	return rc;
}

/* An arrival when the assignment lands in the country within the range. */
static bool arrival_of(rp_notice *nt, const rp_index *ix, const mp_assignment *a,
		       rp_arrival *v)
{
	memset(v, 0, sizeof *v);
	v->a = a;
	v->c = rp_case(ix, a->case_id);
	v->last = a->n_flights ? rp_flight(ix, a->flights[a->n_flights - 1]) : NULL;
	v->arrives = rp_arrives(ix, a);
	const char *to = v->last ? v->last->to : v->c ? v->c->dest_airport : NULL;
	const mp_airport *ap = rp_airport(ix, to);
	if (!v->c || !v->arrives.present || !ap || !ap->country ||
	    strcmp(ap->country, nt->country) != 0)
		return false;
	v->date = mp_datetime_local_date(v->arrives);
	v->on = rp_departure_date(ix, a);
	return (nt->from == MP_NODATE || v->date >= nt->from) &&
	       (nt->to == MP_NODATE || v->date <= nt->to);
}

static const char *arrival_airport(const rp_arrival *v)
{
	return v->last ? v->last->to : v->c->dest_airport ? v->c->dest_airport : "";
}

static int cmp_arrival(const void *a, const void *b)
{
	const rp_arrival *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	int c = strcmp(arrival_airport(x), arrival_airport(y));
	if (c)
		return c;
	if (x->arrives.utc != y->arrives.utc)
		return x->arrives.utc < y->arrives.utc ? -1 : 1;
	return strcmp(x->c->id, y->c->id);
}

static void add_to(rp_arrival_group *g, const rp_arrival *v)
{
	g->n++;
	g->persons += v->c->n_members;
	g->kind_persons[v->c->kind] += v->c->n_members;
	for (int k = 0; k < RP_N_AGE; k++)
		g->ages[k] += v->ages[k];
	for (int k = 0; k < RP_N_NEEDS; k++)
		g->needs[k] += v->needs[k];
}

static void group(rp_notice *nt)
{
	for (int i = 0; i < nt->n; i++) {
		const rp_arrival *v = &nt->v[i];
		rp_arrival_group *g = nt->n_groups ? &nt->groups[nt->n_groups - 1] : NULL;
		if (!g || g->date != v->date || strcmp(g->airport, arrival_airport(v)) != 0) {
			nt->groups = mp_xrealloc(nt->groups,
						 (size_t)(nt->n_groups + 1) * sizeof *nt->groups);
			g = &nt->groups[nt->n_groups++];
			memset(g, 0, sizeof *g);
			g->date = v->date;
			g->airport = arrival_airport(v);
			g->first = i;
		}
		add_to(g, v);
		add_to(&nt->total, v);
	}
}

static void count_escorts(rp_notice *nt)
{
	const char **seen = NULL;
	int n = 0;
	for (int i = 0; i < nt->n; i++)
		for (int k = 0; k < nt->v[i].n_escorts; k++) {
			int j = 0;
			while (j < n && strcmp(seen[j], nt->v[i].escorts[k]) != 0)
				j++;
			if (j == n) {
				seen = mp_xrealloc(seen, (size_t)(n + 1) * sizeof *seen);
				seen[n++] = nt->v[i].escorts[k];
			}
		}
	nt->n_escorts = n;
	free(seen);
}

static bool country_known(const mp_dataset *ds, const char *country)
{
	for (int i = 0; i < ds->n_airports; i++)
		if (ds->airports[i].country && strcmp(ds->airports[i].country, country) == 0)
			return true;
	for (int i = 0; i < ds->n_cases; i++)
		if (ds->cases[i].dest_country && strcmp(ds->cases[i].dest_country, country) == 0)
			return true;
	return false;
}

static int gather(rp_notice *nt, mp_errors *errs)
{
	rp_index ix;
	int rc = MP_OK;
	rp_index_init(&ix, nt->ds);
	nt->v = mp_xcalloc((size_t)nt->plan->n_assignments + 1, sizeof *nt->v);
	for (int i = 0; i < nt->plan->n_assignments; i++) {
		rp_arrival *v = &nt->v[nt->n];
		if (!nt->plan->assignments[i].case_id ||
		    !arrival_of(nt, &ix, &nt->plan->assignments[i], v))
			continue;
		count_members(v, nt->plan);
		if (nt->with_names && name_members(v, errs) != MP_OK)
			rc = MP_EDATA;
		nt->n++;
	}
	if (nt->n > 1)
		qsort(nt->v, (size_t)nt->n, sizeof *nt->v, cmp_arrival);
	group(nt);
	count_escorts(nt);
	rp_index_release(&ix);
	return rc;
}

int rp_notice_build(rp_notice *nt, const mp_dataset *ds, const mp_plan *plan,
		    const mp_notice_options *o, mp_errors *errs)
{
	memset(nt, 0, sizeof *nt);
	nt->ds = ds;
	nt->plan = plan;
	nt->country = o->country ? o->country : "";
	nt->from = o->from;
	nt->to = o->to;
	nt->with_names = o->with_names;
	if (!country_known(ds, nt->country)) {
		mp_errors_add(errs, NULL, 0, 0, NULL, NULL,
			      "unknown country '%.8s': no airport or case of the mission is in it",
			      nt->country);
		return MP_EDATA;
	}
	int rc = gather(nt, errs);
	if (nt->n && nt->from == MP_NODATE)
		nt->from = nt->v[0].date;
	if (nt->n && nt->to == MP_NODATE)
		nt->to = nt->v[nt->n - 1].date;
	return rc;
}

void rp_notice_release(rp_notice *nt)
{
	if (!nt)
		return;
	for (int i = 0; i < nt->n; i++) {
		free(nt->v[i].escorts);
		for (int k = 0; nt->v[i].names && k < nt->v[i].c->n_members; k++)
			rp_names_release(&nt->v[i].names[k]);
		free(nt->v[i].names);
	}
	free(nt->v);
	free(nt->groups);
	memset(nt, 0, sizeof *nt);
}

/* --- words --- */

void rp_notice_needs_text(rp_buf *b, const int needs[RP_N_NEEDS])
{
	bool first = true;
	for (int k = 0; k < RP_N_NEEDS; k++) {
		if (!needs[k])
			continue;
		rp_buf_printf(b, "%s%d %s", first ? "" : "; ", needs[k], rp_need_words(k));
		first = false;
	}
	if (first)
		rp_buf_puts(b, "");
}

void rp_notice_country(rp_buf *b, const rp_notice *nt)
{
	const char *name = rp_country_msgid(nt->country); /* the English names */
	if (name)
		rp_buf_printf(b, "%s (%s)", name, nt->country);
	else
		rp_buf_puts(b, nt->country);
}

const char *rp_notice_status(const rp_arrival *v)
{
	return v->a->status == MP_BOOK_CONFIRMED ? "confirmed" : "planned";
}

/* --- CSV --- */

enum {
	N_ROW, N_DATE, N_AIRPORT, N_TIME, N_FLIGHT, N_FROM, N_CASE, N_STATUS, N_KIND, N_CASES,
	N_PERSONS, N_AGES, N_NEEDS = N_AGES + RP_N_AGE, N_ESCORTS, N_MEMBERS, N_COLS
};

static void cells(rp_buf *b, char **v, int n)
{
	for (int i = 0; i < n; i++) {
		if (i)
			rp_buf_putc(b, ',');
		rp_csv_field(b, v[i]); /* the one cell writer */
		free(v[i]);
		v[i] = NULL;
	}
	rp_csv_end(b);
}

static void header(rp_buf *b, const rp_notice *nt)
{
	char *v[N_COLS] = {
		[N_ROW] = "row", [N_DATE] = "arrival_date", [N_AIRPORT] = "airport",
		[N_TIME] = "arrival_time", [N_FLIGHT] = "flight", [N_FROM] = "from",
		[N_CASE] = "case", [N_STATUS] = "status", [N_KIND] = "kind", [N_CASES] = "cases",
		[N_PERSONS] = "persons", [N_NEEDS] = "special_needs", [N_ESCORTS] = "escorts",
		[N_MEMBERS] = "members",
	};
	for (int k = 0; k < RP_N_AGE; k++)
		v[N_AGES + k] = (char *)rp_age_fields[k];
	int n = nt->with_names ? N_COLS : N_MEMBERS;
	for (int i = 0; i < n; i++)
		v[i] = mp_xstrdup(v[i]);
	cells(b, v, n);
}

static char *xdate(mp_date d)
{
	char buf[MP_DATE_BUF];
	return d == MP_NODATE ? NULL : mp_xstrdup(rp_date(d, buf));
}

static void counts(char **v, const rp_arrival_group *g, int persons, const int *ages,
		   const int *needs)
{
	rp_buf t = {0};
	v[N_PERSONS] = mp_xasprintf("%d", persons);
	for (int k = 0; k < RP_N_AGE; k++)
		v[N_AGES + k] = mp_xasprintf("%d", ages[k]);
	rp_notice_needs_text(&t, needs);
	v[N_NEEDS] = t.s;
	if (g)
		v[N_CASES] = mp_xasprintf("%d", g->n);
}

/* "ESC-MED-1 (medical escort)"; with names the escort's name too. */
static char *escort_text(const rp_notice *nt, const rp_arrival *v)
{
	rp_buf b = {0};
	rp_buf_puts(&b, "");
	for (int k = 0; k < v->n_escorts; k++) {
		const mp_escort *e = mp_dataset_escort(nt->ds, v->escorts[k]);
		rp_buf_printf(&b, "%s%s", k ? "; " : "", v->escorts[k]);
		if (e)
			rp_buf_printf(&b, " (%s escort", mp_escort_kind_names[e->kind]);
		if (e && nt->with_names && (e->given_names || e->family_name)) {
			rp_buf_puts(&b, ": ");
			rp_buf_puts(&b, e->given_names);
			rp_buf_puts(&b, e->given_names && e->family_name ? " " : "");
			rp_buf_puts(&b, e->family_name);
		}
		if (e)
			rp_buf_putc(&b, ')');
	}
	return b.s;
}

/* "NOORI, LAILA (F, 1949-01-15, 60+); ..." with names. */
static char *members_text(const rp_arrival *v)
{
	rp_buf b = {0};
	char d[MP_DATE_BUF];
	rp_buf_puts(&b, "");
	for (int i = 0; i < v->c->n_members; i++) {
		const mp_member *m = &v->c->members[i];
		rp_buf_printf(&b, "%s%s, %s (%c, %s, %s)", i ? "; " : "", v->names[i].family,
			      v->names[i].given, m->sex, rp_date(m->birth_date, d),
			      rp_age_names[age_group(mp_age_on(m->birth_date, v->date))]);
	}
	return b.s;
}

static void case_row(rp_buf *b, const rp_notice *nt, const rp_arrival *v)
{
	char *cell[N_COLS] = {0};
	rp_buf t = {0};
	cell[N_ROW] = mp_xstrdup("case");
	cell[N_DATE] = xdate(v->date);
	cell[N_AIRPORT] = mp_xstrdup(arrival_airport(v));
	rp_hhmm(&t, v->arrives);
	cell[N_TIME] = t.s;
	rp_buf f = {0};
	rp_flight_name(&f, v->last);
	cell[N_FLIGHT] = f.s;
	cell[N_FROM] = mp_xstrdup(v->last ? v->last->from : NULL);
	cell[N_CASE] = mp_xstrdup(v->c->id);
	cell[N_STATUS] = mp_xstrdup(rp_notice_status(v));
	cell[N_KIND] = mp_xstrdup(mp_case_kind_names[v->c->kind]);
	counts(cell, NULL, v->c->n_members, v->ages, v->needs);
	cell[N_ESCORTS] = escort_text(nt, v);
	if (nt->with_names)
		cell[N_MEMBERS] = members_text(v);
	cells(b, cell, nt->with_names ? N_COLS : N_MEMBERS);
}

static void total_row(rp_buf *b, const rp_notice *nt, const rp_arrival_group *g, bool all)
{
	char *cell[N_COLS] = {0};
	cell[N_ROW] = mp_xstrdup("total");
	cell[N_DATE] = all ? NULL : xdate(g->date);
	cell[N_AIRPORT] = mp_xstrdup(all ? NULL : g->airport);
	rp_buf k = {0};
	rp_notice_kinds_text(&k, g);
	cell[N_KIND] = k.s;
	counts(cell, g, g->persons, g->ages, g->needs);
	if (all)
		cell[N_ESCORTS] = mp_xasprintf("%d", nt->n_escorts);
	cells(b, cell, nt->with_names ? N_COLS : N_MEMBERS);
}

void rp_notice_kinds_text(rp_buf *b, const rp_arrival_group *g)
{
	rp_buf_puts(b, "");
	for (int k = 0, n = 0; k < MP_N_KIND; k++)
		if (g->kind_persons[k])
			rp_buf_printf(b, "%s%s %d", n++ ? ", " : "", mp_case_kind_names[k], g->kind_persons[k]);
}

static void j_kinds(cJSON *o, const rp_arrival_group *g)
{
	cJSON *k = cJSON_AddObjectToObject(o, "persons_by_kind"); /* SPEC 1 kinds */
	for (int i = 0; i < MP_N_KIND; i++)
		if (g->kind_persons[i])
			cJSON_AddNumberToObject(k, mp_case_kind_names[i], g->kind_persons[i]);
}

void rp_notice_csv(rp_buf *b, const rp_notice *nt)
{
	header(b, nt);
	for (int i = 0; i < nt->n; i++)
		case_row(b, nt, &nt->v[i]);
	for (int g = 0; g < nt->n_groups; g++)
		total_row(b, nt, &nt->groups[g], false);
	total_row(b, nt, &nt->total, true);
}

/* --- JSON --- */

static void j_counts(cJSON *o, int persons, const int *ages, const int *needs)
{
	cJSON_AddNumberToObject(o, "persons", persons);
	cJSON *a = cJSON_AddObjectToObject(o, "age_groups");
	for (int k = 0; k < RP_N_AGE; k++)
		cJSON_AddNumberToObject(a, rp_age_names[k], ages[k]);
	cJSON *n = cJSON_AddArrayToObject(o, "special_needs");
	for (int k = 0; k < RP_N_NEEDS; k++) {
		if (!needs[k])
			continue;
		cJSON *x = cJSON_CreateObject();
		rp_json_str(x, "need", rp_need_code(k));
		rp_json_str(x, "words", rp_need_words(k));
		cJSON_AddNumberToObject(x, "persons", needs[k]);
		cJSON_AddItemToArray(n, x);
	}
}

static cJSON *j_members(const rp_arrival *v)
{
	cJSON *arr = cJSON_CreateArray();
	for (int i = 0; i < v->c->n_members; i++) {
		const mp_member *m = &v->c->members[i];
		char s[2] = {m->sex, 0};
		cJSON *o = cJSON_CreateObject();
		rp_json_str(o, "member", m->id);
		rp_json_str(o, "family_name", v->names[i].family);
		rp_json_str(o, "given_names", v->names[i].given);
		rp_json_str(o, "name_source", rp_name_source_names[v->names[i].source]);
		rp_json_str(o, "sex", s);
		rp_json_date(o, "birth_date", m->birth_date);
		rp_json_str(o, "age_group", rp_age_names[age_group(mp_age_on(m->birth_date, v->date))]);
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *j_case(const rp_notice *nt, const rp_arrival *v)
{
	cJSON *o = cJSON_CreateObject();
	char dt[MP_DATETIME_BUF];
	rp_buf f = {0};
	rp_json_str(o, "case", v->c->id);
	rp_json_str(o, "status", rp_notice_status(v));
	rp_json_str(o, "kind", mp_case_kind_names[v->c->kind]);
	rp_flight_name(&f, v->last);
	rp_json_str(o, "flight", f.s);
	rp_buf_release(&f);
	rp_json_str(o, "from", v->last ? v->last->from : NULL);
	mp_datetime_format(v->arrives, dt);
	rp_json_str(o, "arrives", dt);
	j_counts(o, v->c->n_members, v->ages, v->needs);
	cJSON *e = cJSON_AddArrayToObject(o, "escorts");
	for (int k = 0; k < v->n_escorts; k++) {
		const mp_escort *x = mp_dataset_escort(nt->ds, v->escorts[k]);
		cJSON *eo = cJSON_CreateObject();
		rp_json_str(eo, "id", v->escorts[k]);
		if (x)
			rp_json_str(eo, "kind", mp_escort_kind_names[x->kind]);
		if (x && nt->with_names) {
			rp_json_str(eo, "family_name", x->family_name);
			rp_json_str(eo, "given_names", x->given_names);
		}
		cJSON_AddItemToArray(e, eo);
	}
	if (nt->with_names)
		cJSON_AddItemToObject(o, "members", j_members(v));
	return o;
}

static void j_head(cJSON *o, const rp_notice *nt)
{
	rp_buf c = {0};
	rp_notice_country(&c, nt);
	rp_json_str(o, "country", nt->country);
	rp_json_str(o, "country_name", c.s);
	rp_buf_release(&c);
	rp_json_str(o, "mission", nt->ds->mission.id);
	rp_json_str(o, "sender", nt->ds->mission.sender);
	rp_json_str(o, "plan", nt->plan->id);
	rp_json_str(o, "prepared", nt->plan->created);
	rp_json_date(o, "from", nt->from);
	rp_json_date(o, "to", nt->to);
	cJSON_AddBoolToObject(o, "with_names", nt->with_names);
}

int rp_notice_json(rp_buf *b, const rp_notice *nt, mp_errors *errs)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "movplan", 1);
	cJSON *o = cJSON_AddObjectToObject(root, "notice");
	j_head(o, nt);
	cJSON *s = cJSON_AddObjectToObject(o, "summary");
	cJSON_AddNumberToObject(s, "cases", nt->n);
	j_counts(s, nt->total.persons, nt->total.ages, nt->total.needs);
	j_kinds(s, &nt->total);
	cJSON_AddNumberToObject(s, "escorts", nt->n_escorts);
	cJSON *arr = cJSON_AddArrayToObject(o, "arrivals");
	for (int g = 0; g < nt->n_groups; g++) {
		const rp_arrival_group *gr = &nt->groups[g];
		cJSON *x = cJSON_CreateObject();
		rp_json_date(x, "date", gr->date);
		rp_json_str(x, "airport", gr->airport);
		cJSON_AddNumberToObject(x, "cases", gr->n);
		j_counts(x, gr->persons, gr->ages, gr->needs);
		j_kinds(x, gr);
		cJSON *cs = cJSON_AddArrayToObject(x, "arrivals");
		for (int i = gr->first; i < gr->first + gr->n; i++)
			cJSON_AddItemToArray(cs, j_case(nt, &nt->v[i]));
		cJSON_AddItemToArray(arr, x);
	}
	rp_json_emit(b, root); /* frees root */
	return MP_OK;
}

/* --- entry point --- */

int mp_notice_write(FILE *out, const mp_dataset *ds, const mp_plan *plan,
		    const mp_notice_options *o, mp_errors *errs)
{
	if (!plan) {
		mp_errors_addf(errs, MP_ENOPLAN, "no plan to write a notice from");
		return MP_ENOPLAN;
	}
	rp_notice nt;
	rp_buf b = {0};
	int rc = rp_notice_build(&nt, ds, plan, o, errs);
	if (rc == MP_OK) {
		switch (o->format) {
		case MP_NOTICE_CSV: rp_notice_csv(&b, &nt); break;
		case MP_NOTICE_JSON: rc = rp_notice_json(&b, &nt, errs); break;
		case MP_NOTICE_XML: rc = rp_notice_xml(&b, &nt, errs); break;
		case MP_NOTICE_HTML: rp_notice_html(&b, &nt); break;
		default:
			mp_errors_addf(errs, MP_EUSAGE, "unknown notice format %d", (int)o->format);
			rc = MP_EUSAGE;
		}
	}
	if (rc == MP_OK)
		rc = rp_buf_emit(&b, out, errs);
	rp_buf_release(&b);
	rp_notice_release(&nt);
	return rc;
}
