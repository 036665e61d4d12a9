/*
 * plan_json.c - the plan JSON of SPEC 3 <-> mp_plan (see plan_json.h).
 *
 * The encoder writes the keys in the order SPEC 3 shows them; the
 * decoder reads any order, ignores unknown keys, and records a problem
 * (file:line:col: item: field: message) for every known key of the
 * wrong type or value, going on so all of them are reported.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plan_json.h"

/* ---- encoding ---- */

static mp_node *options_node(const mp_plan_options *o)
{
	mp_node *n = mp_node_obj("options");
	mp_node *w = mp_node_obj("weights");
	for (int i = 0; i < MP_N_PRIO; i++)
		mp_node_append(w, mp_node_num(mp_priority_names[i], o->weights[i]));
	mp_node_append(n, w);
	mp_node_append(n, mp_node_num("time_limit", o->time_limit));
	mp_node_append(n, mp_node_num("effort", o->effort));
	mp_node_append(n, mp_node_num("gap", o->gap));
	return n;
}

static mp_node *objective_node(const mp_plan *p)
{
	mp_node *n = mp_node_obj("objective");
	mp_node_append(n, mp_node_num("weighted_persons", p->objective.weighted_persons));
	mp_node_append(n, mp_node_num("changes", p->objective.changes));
	mp_node_append(n, mp_node_num("waiting", p->objective.waiting));
	mp_node_append(n, mp_node_num("cost", p->objective.cost));
	return n;
}

mp_node *mp_plan_assignment_node(const mp_assignment *a)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("case", a->case_id));
	mp_node_append(n, mp_node_str_array("flights", a->flights, a->n_flights));
	mp_node_append(n, mp_node_datetime("departs", a->departs));
	mp_node_append(n, mp_node_datetime("arrives", a->arrives));
	mp_node_append(n, mp_node_date("ftt_date", a->ftt_date));
	if (a->n_escorts > 0)
		mp_node_append(n, mp_node_str_array("escorts", a->escorts, a->n_escorts));
	mp_node_append(n, mp_node_str("status", mp_booking_status_names[a->status]));
	return n;
}

mp_node *mp_plan_reason_node(const mp_reason *r)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("code", mp_reason_names[r->code]));
	if (r->count != 0)
		mp_node_append(n, mp_node_num("count", r->count));
	mp_node_append(n, mp_node_str("detail", r->detail));
	if (r->n_refs > 0)
		mp_node_append(n, mp_node_str_array("refs", r->refs, r->n_refs));
	if (r->decisive)
		mp_node_append(n, mp_node_bool("decisive", true));
	return n;
}

static mp_node *unassigned_node(const mp_unassigned *u)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("case", u->case_id));
	mp_node *rs = mp_node_arr("reasons");
	for (int i = 0; i < u->n_reasons; i++)
		mp_node_append(rs, mp_plan_reason_node(&u->reasons[i]));
	mp_node_append(n, rs);
	return n;
}

static mp_node *conflict_node(const mp_conflict *c)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("case", c->case_id));
	mp_node_append(n, mp_node_str("rule", c->rule));
	mp_node_append(n, mp_node_str("code", mp_reason_names[c->code]));
	mp_node_append(n, mp_node_str("detail", c->detail));
	return n;
}

static mp_node *flight_node(const mp_flight_use *f)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("id", f->id));
	mp_node_append(n, mp_node_num("seats", f->seats));
	mp_node_append(n, mp_node_num("used", f->used));
	mp_node *lim = mp_node_obj("limits"), *ssr = mp_node_obj("ssr");
	for (int k = 0; k < MP_N_SSR; k++) {
		if (f->limits[k] != MP_ABSENT)
			mp_node_append(lim, mp_node_num(mp_ssr_names[k], f->limits[k]));
		if (f->limits[k] != MP_ABSENT || f->ssr[k] > 0)
			mp_node_append(ssr, mp_node_num(mp_ssr_names[k], f->ssr[k]));
	}
	mp_node_append(n, lim);
	mp_node_append(n, ssr);
	return n;
}

static mp_node *quota_node(const mp_quota_use *q)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("id", q->id));
	mp_node_append(n, mp_node_num("max_persons", q->max_persons));
	mp_node_append(n, mp_node_num("persons", q->persons));
	if (q->max_cases != MP_ABSENT)
		mp_node_append(n, mp_node_num("max_cases", q->max_cases));
	mp_node_append(n, mp_node_num("cases", q->cases));
	return n;
}

static mp_node *clinic_node(const mp_clinic_day *c)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("clinic", c->clinic));
	mp_node_append(n, mp_node_date("date", c->date));
	mp_node_append(n, mp_node_num("persons", c->persons));
	mp_node_append(n, mp_node_num("capacity", c->capacity));
	return n;
}

static mp_node *trip_node(const mp_escort_trip *t)
{
	mp_node *n = mp_node_obj(NULL);
	mp_node_append(n, mp_node_str("escort", t->escort));
	mp_node_append(n, mp_node_str_array("flights", t->flights, t->n_flights));
	mp_node_append(n, mp_node_datetime("departs", t->departs));
	mp_node_append(n, mp_node_str_array("cases", t->cases, t->n_cases));
	return n;
}

/* The result arrays, always written (SPEC 3: results, not input). */
static void append_lists(mp_node *plan, const mp_plan *p)
{
#define LIST(key, arr, n, fn)                                      \
	do {                                                       \
		mp_node *a_ = mp_node_arr(key);                    \
		for (int i_ = 0; i_ < p->n; i_++)                  \
			mp_node_append(a_, fn(&p->arr[i_]));       \
		mp_node_append(plan, a_);                          \
	} while (0)
	LIST("assignments", assignments, n_assignments, mp_plan_assignment_node);
	LIST("unassigned", unassigned, n_unassigned, unassigned_node);
	LIST("conflicts", conflicts, n_conflicts, conflict_node);
	LIST("flights", flights, n_flights, flight_node);
	LIST("quotas", quotas, n_quotas, quota_node);
	LIST("clinics", clinics, n_clinics, clinic_node);
	LIST("escort_trips", escort_trips, n_escort_trips, trip_node);
#undef LIST
}

mp_node *mp_plan_encode(const mp_plan *p)
{
	mp_node *root = mp_node_obj(NULL);
	mp_node_append(root, mp_node_num("movplan", 1));
	mp_node *plan = mp_node_obj("plan");
	mp_node_append(plan, mp_node_str("id", p->id));
	mp_node_append(plan, mp_node_str("scenario", p->scenario));
	mp_node_append(plan, mp_node_date("as_of", p->as_of));
	mp_node_append(plan, mp_node_str("status", mp_plan_status_names[p->status]));
	mp_node_append(plan, options_node(&p->options));
	mp_node_append(plan, objective_node(p));
	mp_node_append(plan, mp_node_num("bound", p->bound));
	mp_node_append(plan, mp_node_num("gap", p->gap));
	mp_node *lv = mp_node_arr("levels");
	for (int l = 0; l < 4; l++)
		mp_node_append(lv, mp_node_str(NULL, mp_level_status_names[p->levels[l]]));
	mp_node_append(plan, lv);
	append_lists(plan, p);
	mp_node_append(root, plan);
	/* the run: what made the plan.  Only a stored plan has a time and a
	 * wall time: the plan itself is the same for the same data,
	 * options and effort (SPEC 2), byte for byte */
	mp_node *run = mp_node_obj("run");
	if (p->created) {
		mp_node_append(run, mp_node_str("created", p->created));
		mp_node_append(run, mp_node_num("wall_seconds", p->wall_seconds));
	}
	mp_node_append(run, mp_node_str("input_digest", p->input_digest));
	if (p->tries > 0)
		mp_node_append(run, mp_node_num("tries", p->tries));
	mp_node_append(run, mp_node_num("work", p->work));
	mp_node_append(run, mp_node_bool("time_cut", p->time_cut));
	mp_node_append(root, run);
	return root;
}

/* ---- decoding ---- */

typedef struct dc {
	const char *file;
	mp_errors *errs;
	char item[160]; /* "plan", "assignments[3]" */
	const mp_node *at; /* the object being read, for missing keys */
	int n_err;
} dc;

static void bad(dc *c, const mp_node *n, const char *field, const char *msg)
{
	const mp_node *where = n ? n : c->at;
	mp_errors_add(c->errs, c->file, where ? where->line : 0, where ? where->col : 0,
		      c->item[0] ? c->item : NULL, field, "%s", msg);
	c->n_err++;
}

/* The value of key in the current object, checked for kind; NULL when
 * absent (a problem when req) or of another kind (always a problem). */
static const mp_node *get(dc *c, const char *key, enum mp_node_kind kind, bool req)
{
	static const char *const want[] = {
		[MP_NODE_BOOL] = "expected true or false", [MP_NODE_NUMBER] = "expected a number",
		[MP_NODE_STRING] = "expected a string", [MP_NODE_ARRAY] = "expected an array",
		[MP_NODE_OBJECT] = "expected an object",
	};
	const mp_node *n = mp_node_get(c->at, key);
	if (!n || n->kind == MP_NODE_NULL) {
		if (req)
			bad(c, NULL, key, "missing");
		return NULL;
	}
	if (n->kind != kind) {
		bad(c, n, key, want[kind]);
		return NULL;
	}
	return n;
}

static void get_str(dc *c, const char *key, bool req, char **out)
{
	const mp_node *n = get(c, key, MP_NODE_STRING, req);
	if (n)
		*out = mp_xstrdup(n->str);
}

static void get_num(dc *c, const char *key, bool req, double *out)
{
	const mp_node *n = get(c, key, MP_NODE_NUMBER, req);
	if (n && !isfinite(n->num))
		bad(c, n, key, "not a finite number");
	else if (n)
		*out = n->num;
}

static void get_int(dc *c, const char *key, bool req, int *out)
{
	const mp_node *n = get(c, key, MP_NODE_NUMBER, req);
	if (n && (n->num != floor(n->num) || n->num < 0 || n->num > 2e9))
		bad(c, n, key, "expected a whole number");
	else if (n)
		*out = (int)n->num;
}

static void get_date(dc *c, const char *key, bool req, mp_date *out)
{
	const mp_node *n = get(c, key, MP_NODE_STRING, req);
	if (n && !mp_date_parse(n->str, out))
		bad(c, n, key, "not a date (YYYY-MM-DD)");
}

static void get_datetime(dc *c, const char *key, bool req, mp_datetime *out)
{
	const mp_node *n = get(c, key, MP_NODE_STRING, req);
	if (n && !mp_datetime_parse(n->str, out))
		bad(c, n, key, "not a date-time with a UTC offset");
}

/* An enum by name; *out unchanged when absent or unknown. */
static void get_enum(dc *c, const char *key, bool req, const char *const *names, int n_names,
		     int *out)
{
	const mp_node *n = get(c, key, MP_NODE_STRING, req);
	if (!n)
		return;
	for (int i = 0; i < n_names; i++)
		if (names[i] && strcmp(names[i], n->str) == 0) {
			*out = i;
			return;
		}
	bad(c, n, key, "unknown value");
}

static void get_strv(dc *c, const char *key, bool req, char ***v, int *nv)
{
	const mp_node *a = get(c, key, MP_NODE_ARRAY, req);
	for (const mp_node *e = a ? a->child : NULL; e; e = e->next) {
		if (e->kind != MP_NODE_STRING) {
			bad(c, e, key, "expected an array of strings");
			continue;
		}
		mp_strv_push(v, nv, e->str);
	}
}

/* Calls fn on each object of the array at key, with c->item naming it
 * "key[i]" and c->at the element. */
static void each_obj(dc *c, const char *key, void (*fn)(dc *c, mp_plan *p), mp_plan *p)
{
	const mp_node *a = get(c, key, MP_NODE_ARRAY, false);
	const mp_node *saved_at = c->at;
	char saved[sizeof c->item];
	memcpy(saved, c->item, sizeof saved);
	int i = 0;
	for (const mp_node *e = a ? a->child : NULL; e; e = e->next, i++) {
		snprintf(c->item, sizeof c->item, "%.100s: %.40s[%d]", saved, key, i);
		c->at = e;
		if (e->kind != MP_NODE_OBJECT)
			bad(c, e, NULL, "expected an object");
		else
			fn(c, p);
	}
	c->at = saved_at;
	memcpy(c->item, saved, sizeof saved);
}

static void read_assignment(dc *c, mp_plan *p)
{
	mp_assignment *a = mp_plan_add_assignment(p);
	int status = a->status;
	get_str(c, "case", true, &a->case_id);
	get_strv(c, "flights", true, &a->flights, &a->n_flights);
	get_datetime(c, "departs", true, &a->departs);
	get_datetime(c, "arrives", true, &a->arrives);
	get_date(c, "ftt_date", false, &a->ftt_date);
	get_strv(c, "escorts", false, &a->escorts, &a->n_escorts);
	get_enum(c, "status", true, mp_booking_status_names, 3, &status);
	a->status = (enum mp_booking_status)status;
}

static void read_reason(dc *c, mp_plan *p)
{
	mp_unassigned *u = &p->unassigned[p->n_unassigned - 1];
	mp_reason *r = mp_unassigned_add_reason(u);
	int code = MP_R_NOT_SELECTED;
	get_enum(c, "code", true, mp_reason_names, MP_N_REASON, &code);
	r->code = (enum mp_reason_code)code;
	get_int(c, "count", false, &r->count);
	get_str(c, "detail", false, &r->detail);
	get_strv(c, "refs", false, &r->refs, &r->n_refs);
	const mp_node *d = get(c, "decisive", MP_NODE_BOOL, false);
	r->decisive = d && d->b;
}

static void read_unassigned(dc *c, mp_plan *p)
{
	mp_unassigned *u = mp_plan_add_unassigned(p);
	get_str(c, "case", true, &u->case_id);
	each_obj(c, "reasons", read_reason, p);
}

static void read_conflict(dc *c, mp_plan *p)
{
	mp_conflict *x = mp_plan_add_conflict(p);
	int code = MP_R_VOID_BOOKING;
	get_str(c, "case", true, &x->case_id);
	get_str(c, "rule", false, &x->rule);
	get_enum(c, "code", true, mp_reason_names, MP_N_REASON, &code);
	x->code = (enum mp_reason_code)code;
	get_str(c, "detail", false, &x->detail);
}

/* An object of SSR code -> whole number into v[]. */
static void get_ssr_map(dc *c, const char *key, int *v)
{
	const mp_node *o = get(c, key, MP_NODE_OBJECT, false);
	for (const mp_node *e = o ? o->child : NULL; e; e = e->next) {
		int k = mp_ssr_lookup(e->key);
		if (k < 0) {
			bad(c, e, key, "unknown SSR code");
			continue;
		}
		const mp_node *saved = c->at;
		c->at = o;
		get_int(c, e->key, false, &v[k]);
		c->at = saved;
	}
}

static void read_flight(dc *c, mp_plan *p)
{
	mp_flight_use *f = mp_plan_add_flight(p);
	get_str(c, "id", true, &f->id);
	get_int(c, "seats", true, &f->seats);
	get_int(c, "used", true, &f->used);
	get_ssr_map(c, "limits", f->limits);
	get_ssr_map(c, "ssr", f->ssr);
}

static void read_quota(dc *c, mp_plan *p)
{
	mp_quota_use *q = mp_plan_add_quota(p);
	q->max_cases = MP_ABSENT;
	get_str(c, "id", true, &q->id);
	get_int(c, "max_persons", true, &q->max_persons);
	get_int(c, "persons", true, &q->persons);
	get_int(c, "max_cases", false, &q->max_cases);
	get_int(c, "cases", false, &q->cases);
}

static void read_clinic(dc *c, mp_plan *p)
{
	mp_clinic_day *d = mp_plan_add_clinic_day(p);
	d->date = MP_NODATE;
	get_str(c, "clinic", true, &d->clinic);
	get_date(c, "date", true, &d->date);
	get_int(c, "persons", true, &d->persons);
	get_int(c, "capacity", true, &d->capacity);
}

static void read_trip(dc *c, mp_plan *p)
{
	mp_escort_trip *t = mp_plan_add_escort_trip(p);
	get_str(c, "escort", true, &t->escort);
	get_strv(c, "flights", true, &t->flights, &t->n_flights);
	get_datetime(c, "departs", true, &t->departs);
	get_strv(c, "cases", false, &t->cases, &t->n_cases);
}

/* Descends into the object at key (c->at and c->item follow); false
 * when it is absent or not an object. */
static bool enter(dc *c, const char *key, bool req)
{
	const mp_node *o = get(c, key, MP_NODE_OBJECT, req);
	if (!o)
		return false;
	c->at = o;
	return true;
}

static void read_options(dc *c, mp_plan *p)
{
	const mp_node *plan = c->at;
	if (!enter(c, "options", false))
		return;
	const mp_node *opts = c->at;
	if (enter(c, "weights", false))
		for (int i = 0; i < MP_N_PRIO; i++)
			get_num(c, mp_priority_names[i], false, &p->options.weights[i]);
	c->at = opts;
	get_num(c, "time_limit", false, &p->options.time_limit);
	get_num(c, "effort", false, &p->options.effort);
	get_num(c, "gap", false, &p->options.gap);
	c->at = plan;
}

static void read_objective(dc *c, mp_plan *p)
{
	const mp_node *plan = c->at;
	if (!enter(c, "objective", false))
		return;
	get_num(c, "weighted_persons", false, &p->objective.weighted_persons);
	get_num(c, "changes", false, &p->objective.changes);
	get_num(c, "waiting", false, &p->objective.waiting);
	get_num(c, "cost", false, &p->objective.cost);
	c->at = plan;
}

static void read_plan(dc *c, mp_plan *p)
{
	int status = MP_PLAN_FEASIBLE;
	get_str(c, "id", false, &p->id);
	get_str(c, "scenario", true, &p->scenario);
	get_date(c, "as_of", false, &p->as_of);
	get_enum(c, "status", true, mp_plan_status_names, 2, &status);
	p->status = (enum mp_plan_status)status;
	read_options(c, p);
	read_objective(c, p);
	get_num(c, "bound", false, &p->bound);
	get_num(c, "gap", false, &p->gap);
	const mp_node *lv = get(c, "levels", MP_NODE_ARRAY, false);
	int l = 0;
	for (const mp_node *e = lv ? lv->child : NULL; e && l < 4; e = e->next, l++) {
		int st = MP_LEVEL_EFFORT;
		for (int k = 0; k < 3; k++)
			if (e->kind == MP_NODE_STRING && strcmp(e->str, mp_level_status_names[k]) == 0)
				st = k;
		p->levels[l] = (enum mp_level_status)st;
	}
	each_obj(c, "assignments", read_assignment, p);
	each_obj(c, "unassigned", read_unassigned, p);
	each_obj(c, "conflicts", read_conflict, p);
	each_obj(c, "flights", read_flight, p);
	each_obj(c, "quotas", read_quota, p);
	each_obj(c, "clinics", read_clinic, p);
	each_obj(c, "escort_trips", read_trip, p);
}

static void read_root(dc *c, mp_plan *p)
{
	const mp_node *v = get(c, "movplan", MP_NODE_NUMBER, false);
	if (v && v->num != 1)
		bad(c, v, "movplan", "unsupported format version");
	const mp_node *root = c->at;
	if (enter(c, "run", false)) {
		snprintf(c->item, sizeof c->item, "run");
		get_str(c, "created", false, &p->created);
		get_str(c, "input_digest", false, &p->input_digest);
		get_num(c, "wall_seconds", false, &p->wall_seconds);
		get_int(c, "tries", false, &p->tries);
		get_num(c, "work", false, &p->work);
		const mp_node *tc = get(c, "time_cut", MP_NODE_BOOL, false);
		p->time_cut = tc && tc->b;
	}
	c->at = root;
	if (enter(c, "plan", true)) {
		snprintf(c->item, sizeof c->item, "plan");
		read_plan(c, p);
	}
}

int mp_plan_decode(const mp_node *root, const char *file, mp_plan *p, mp_errors *errs)
{
	dc c = {.file = file, .errs = errs, .at = root};
	mp_plan_init(p);
	if (!root || root->kind != MP_NODE_OBJECT) {
		bad(&c, root, NULL, "a plan must be a JSON object");
	} else {
		read_root(&c, p);
	}
	if (c.n_err) {
		mp_plan_release(p);
		return MP_EDATA;
	}
	return MP_OK;
}
