/*
 * generate.c - realistic synthetic missions (see generate.h).
 *
 * The network is built in "banks": a feeder from the origin to a hub and
 * two to four onward legs to destination airports that connect with it,
 * plus some direct charters; units are spread evenly over the flight
 * days until the preset's flight count is reached exactly.  Quotas,
 * reception capacity and clinic capacity are sized from the seats the
 * network can actually carry (a feeder shared by several onward legs
 * carries less than their sum), so that they bind alongside the seats.
 *
 * The tight profile (issue 11; its own section below) draws the network
 * first and sizes seats, quotas and the clinic from the generated
 * demand afterwards; it shares the PRNG, names and families with the
 * default profile, whose output stays byte for byte what it was.
 *
 * All randomness comes from one splitmix64 stream seeded by the preset,
 * the profile and the seed; nothing depends on addresses, time or the C
 * library's rand(), so a (preset, profile, seed) triple gives the same
 * dataset everywhere.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "generate.h"
#include "plan.h" /* mp_strv_push */

/* ---- the PRNG ---- */

typedef struct rng {
	uint64_t s;
} rng;

static uint64_t next64(rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Uniform in [0, n); n > 0. */
static int below(rng *r, int n)
{
	return (int)(next64(r) % (uint64_t)n);
}

static int between(rng *r, int lo, int hi)
{
	return lo + below(r, hi - lo + 1);
}

/* True with probability per_mille / 1000. */
static bool chance(rng *r, int per_mille)
{
	return below(r, 1000) < per_mille;
}

static int weighted(rng *r, const int *w, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	int x = below(r, total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

/* ---- presets and places ---- */

typedef struct preset {
	const char *name;
	int cases, flights, horizon;
	int n_dest, n_hubs, n_clinics, n_escorts, n_proposed;
} preset;

static const preset presets[] = {
	{"small", 300, 40, 60, 6, 3, 1, 3, 3},
	{"medium", 5000, 800, 75, 8, 4, 2, 6, 20},
	{"large", 20000, 3000, 90, 10, 5, 3, 10, 50},
};
#define N_PRESETS ((int)(sizeof presets / sizeof presets[0]))

typedef struct port {
	const char *code, *country;
	int offset;       /* UTC offset in winter, minutes */
	int mct, maxconn; /* minutes */
	int block;        /* block minutes from TIA (hubs) or central Europe (destinations) */
	const char *carrier;
	int number;       /* feeder (hubs) or direct charter (destinations) flight number base */
	int weight;       /* share of the cases (destinations) */
} port;

static const port origin = {"TIA", "AL", 60, 60, 1440, 0, NULL, 0, 0};

static const port hubs[] = {
	{"IST", "TR", 180, 90, 720, 105, "TK", 1070, 0},
	{"VIE", "AT", 60, 30, 480, 100, "OS", 840, 0},
	{"FRA", "DE", 60, 60, 600, 135, "LH", 1420, 0},
	{"MUC", "DE", 60, 45, 600, 110, "LH", 1700, 0},
	{"CPH", "DK", 60, 40, 960, 150, "SK", 2860, 0},
};
/* Onward flight numbers per hub: base + destination * 40 + bank. */
static const int onward_base[] = {10, 60, 400, 800, 900};

static const port dests[] = {
	{"YYZ", "CA", -300, 90, 1440, 540, "AC", 9500, 24},
	{"IAD", "US", -300, 60, 1440, 560, "UA", 9600, 16},
	{"OSL", "NO", 60, 60, 1440, 140, "SK", 9700, 12},
	{"ARN", "SE", 60, 60, 1440, 130, "SK", 9760, 12},
	{"YVR", "CA", -480, 75, 1440, 620, "AC", 9540, 10},
	{"JFK", "US", -300, 120, 1440, 530, "UA", 9640, 10},
	{"HEL", "FI", 120, 40, 1440, 150, "AY", 9800, 8},
	{"YUL", "CA", -300, 60, 1440, 500, "AC", 9580, 8},
	{"ORD", "US", -360, 90, 1440, 600, "UA", 9680, 6},
	{"LHR", "GB", 0, 90, 1440, 130, "BA", 9900, 6},
};
#define MAX_DEST ((int)(sizeof dests / sizeof dests[0]))

static const char *const clinic_ids[] = {"CLN-DURRES", "CLN-TIRANA", "CLN-SHKODER"};

/* ---- names: a small syllable generator ---- */

static const char *const fam1[] = {"Ra", "No", "Hai", "Sul", "Ah", "Po", "Stan", "Ka", "Ha", "Mo",
	"War", "Sa", "A", "Ja", "Nia", "Ba", "Yu", "Qa", "Re", "Sha", "Ho", "Man", "Dur", "To", "Na",
	"Fai", "Zo", "Wa", "Ghaz", "Os"};
static const char *const fam2[] = {"hi", "ri", "da", "ta", "mad", "pal", "ik", "shi", "ham", "dak",
	"mi", "zi", "la", "ra", "suf", "de", "za", "tak", "gal", "khi", "fa", "na", "ma", "wa"};
static const char *const fam3[] = {"", "", "", "i", "zai", "yar", "khil", "wal", "i", "ni"};
static const char *const male1[] = {"Ah", "Mo", "Fa", "Ha", "Ja", "Ka", "Ma", "Na", "O", "Ra",
	"Sa", "Sha", "Wa", "Za", "Mir", "Aj", "Bi", "Hek", "E", "Jam", "Ta", "Ya", "Qa", "I", "Bar",
	"Mus"};
static const char *const male2[] = {"mad", "hammad", "rid", "mid", "wad", "rim", "sood", "sir",
	"him", "fiq", "hid", "bib", "wais", "mal", "lal", "mat", "zat", "shid", "mim", "sim", "dris",
	"yal", "tafa", "mir"};
static const char *const fem1[] = {"Sha", "Lai", "Far", "Mar", "Nar", "Par", "Ra", "Sa", "Zah",
	"Zar", "Fe", "Mur", "Ho", "Ma", "Ni", "Ro", "Si", "Tah", "Mah", "Kha", "Wa", "A", "Ba", "Shu",
	"Ha"};
static const char *const fem2[] = {"bnam", "la", "zana", "zia", "gis", "wana", "hima", "kina", "ra",
	"ghona", "reshta", "sal", "sai", "ryam", "lofar", "ya", "ma", "mina", "booba", "dija", "zhma",
	"daf", "rezo", "dina", "sira", "kria", "biba"};
static const char *const alb_family[] = {"Hoxha", "Krasniqi", "Dervishi", "Shehu", "Gashi",
	"Berisha", "Leka", "Kola", "Basha", "Dema"};
static const char *const alb_given[] = {"Elira", "Arben", "Mirela", "Besnik", "Drita", "Gentian",
	"Alba", "Ilir", "Ornela", "Fatos"};

#define PICK(r, arr) ((arr)[below((r), (int)(sizeof(arr) / sizeof((arr)[0])))])

static char *family_name(rng *r)
{
	return mp_xasprintf("%s%s%s", PICK(r, fam1), PICK(r, fam2), PICK(r, fam3));
}

static char *given_name(rng *r, char sex)
{
	if (sex == 'M') {
		const char *pre = chance(r, 50) ? "Abdul-" : "";
		const char *suf = chance(r, 150) ? "ullah" : "";
		return mp_xasprintf("%s%s%s%s", pre, PICK(r, male1), PICK(r, male2), suf);
	}
	const char *pre = chance(r, 30) ? "Gul-" : "";
	return mp_xasprintf("%s%s%s", pre, PICK(r, fem1), PICK(r, fem2));
}

/* ---- the generator's state ---- */

typedef struct gen {
	rng r;
	const preset *p;
	mp_dataset *ds;
	mp_date as_of, first_day, last_day;
	int span;            /* flight days */
	int *bank_count;     /* [day * n_hubs + hub] banks so far */
	int *direct_count;   /* [day * n_dest + dest] charters so far */
	int *feeder_of;      /* per flight: its feeder's index, -1 */
	int *dest_of;        /* per flight: destination index, -1 for feeders */
	int *carried;        /* per flight: persons the network can carry on it */
	const struct tight *t; /* the tight profile's parameters, NULL by default */
	int *role, *hub_of;  /* tight: per flight its role and hub (index into tight_hub) */
} gen;

static mp_datetime at(mp_date day, int local_min, int offset)
{
	mp_datetime d;
	d.utc = (int64_t)day * 86400 + (int64_t)(local_min - offset) * 60;
	d.offset_min = offset;
	d.present = true;
	return d;
}

static void set_limits(gen *g, mp_flight *f)
{
	if (chance(&g->r, 100))
		return; /* about one flight in ten holds no limits */
	f->limits[MP_SSR_WCHC] = between(&g->r, 1, 3);
	f->limits[MP_SSR_STCR] = between(&g->r, 0, 1);
	f->limits[MP_SSR_MEDA] = between(&g->r, 1, 2);
	f->limits[MP_SSR_INFT] = between(&g->r, 3, 8);
	f->limits[MP_SSR_UMNR] = between(&g->r, 1, 4);
	if (chance(&g->r, 500))
		f->limits[MP_SSR_OXYG] = 1;
}

/* Adds one flight departing `day` at local minute dep_min; returns its index. */
static int add_flight(gen *g, const char *carrier, int number, const port *from,
		      const port *to, mp_date day, int dep_min, int block)
{
	mp_flight *f = mp_dataset_add_flight(g->ds);
	char date[MP_DATE_BUF];
	f->departs = at(day, dep_min, from->offset);
	f->arrives = f->departs;
	f->arrives.utc += (int64_t)block * 60;
	f->arrives.offset_min = to->offset;
	mp_date_format(mp_datetime_local_date(f->departs), date);
	f->id = mp_xasprintf("%s%d/%s", carrier, number, date);
	f->carrier = mp_xstrdup(carrier);
	f->number = mp_xasprintf("%d", number);
	f->from = mp_xstrdup(from->code);
	f->to = mp_xstrdup(to->code);
	f->seats = between(&g->r, 20, 60);
	set_limits(g, f);
	f->stretcher_seats = chance(&g->r, 200) ? 9 : 6;
	f->fare = 80 + block * 9 / 10 + between(&g->r, 0, 60);
	f->currency = mp_xstrdup("EUR");
	f->cancelled = chance(&g->r, 10);
	return g->ds->n_flights - 1;
}

static int pick_dest(gen *g)
{
	int w[MAX_DEST];
	for (int i = 0; i < g->p->n_dest; i++)
		w[i] = dests[i].weight;
	return weighted(&g->r, w, g->p->n_dest);
}

static void add_direct(gen *g, int day)
{
	int d = pick_dest(g);
	int k = g->direct_count[day * g->p->n_dest + d]++;
	int i = add_flight(g, dests[d].carrier, dests[d].number + k, &origin, &dests[d],
			   g->first_day + day, 9 * 60 + (k % 4) * 120, dests[d].block + 60);
	g->feeder_of[i] = -1;
	g->dest_of[i] = d;
	g->carried[i] = g->ds->flights[i].cancelled ? 0 : g->ds->flights[i].seats;
}

/* Shares the feeder's seats among the onward legs that connect with it. */
static void share_feeder(gen *g, int feeder, int first, int last)
{
	const mp_flight *fl = g->ds->flights;
	int total = 0;
	for (int i = first; i < last; i++)
		total += fl[i].cancelled ? 0 : fl[i].seats;
	g->carried[feeder] = 0;
	for (int i = first; i < last; i++) {
		int share = total && !fl[feeder].cancelled ? fl[feeder].seats * fl[i].seats / total : 0;
		g->carried[i] = fl[i].cancelled ? 0 : (share < fl[i].seats ? share : fl[i].seats);
	}
}

static void add_bank(gen *g, int day, int h, int budget)
{
	const port *hub = &hubs[h];
	int k = g->bank_count[day * g->p->n_hubs + h]++;
	int dep = 5 * 60 + 30 + (k % 4) * 150 + (k / 4) * 15;
	int feeder = add_flight(g, hub->carrier, hub->number + 2 * k, &origin, hub,
				g->first_day + day, dep, hub->block);
	g->feeder_of[feeder] = -1;
	g->dest_of[feeder] = -1;
	mp_datetime arr = g->ds->flights[feeder].arrives;
	int arr_min = (int)(((arr.utc + arr.offset_min * 60) % 86400 + 86400) % 86400 / 60);
	int legs = between(&g->r, 2, 4);
	bool used[MAX_DEST] = {false};
	int first = g->ds->n_flights;
	for (int n = 0; n < legs && n < budget - 1 && n < g->p->n_dest; n++) {
		int d = pick_dest(g);
		for (int tries = 0; used[d] && tries < MAX_DEST; tries++)
			d = (d + 1) % g->p->n_dest;
		used[d] = true;
		int out = arr_min + hub->mct + between(&g->r, 2, 10) * 15;
		if (out >= 23 * 60 + 30)
			break; /* keep every leg on the feeder's local date */
		int block = dests[d].block + (h == 0 && dests[d].offset < 0 ? 120 : h == 0 ? 90 : 0);
		int i = add_flight(g, hub->carrier, onward_base[h] + d * 40 + k, hub, &dests[d],
				   g->first_day + day, out, block);
		g->feeder_of[i] = feeder;
		g->dest_of[i] = d;
	}
	/* A movement unit books the feeder for what it books onward: its
	 * block is about nine tenths of the onward legs' seats, so the
	 * origin is not an artificial bottleneck and seats bind where
	 * families compete for the same onward flights. */
	int onward = 0;
	for (int i = first; i < g->ds->n_flights; i++)
		onward += g->ds->flights[i].cancelled ? 0 : g->ds->flights[i].seats;
	mp_flight *fd = &g->ds->flights[feeder];
	if (onward * 9 / 10 > fd->seats)
		fd->seats = onward * 9 / 10;
	share_feeder(g, feeder, first, g->ds->n_flights);
}

static void build_airports(gen *g)
{
	const port *all[1 + 5 + MAX_DEST];
	int n = 0;
	all[n++] = &origin;
	for (int i = 0; i < g->p->n_hubs; i++)
		all[n++] = &hubs[i];
	for (int i = 0; i < g->p->n_dest; i++)
		all[n++] = &dests[i];
	for (int i = 0; i < n; i++) {
		mp_airport *a = mp_dataset_add_airport(g->ds);
		a->code = mp_xstrdup(all[i]->code);
		a->country = mp_xstrdup(all[i]->country);
		a->mct_minutes = all[i]->mct;
		a->max_connection_minutes = all[i]->maxconn;
	}
}

/* Units (a bank or a charter) spread evenly over the flight days until
 * exactly p->flights flights exist. */
static void build_flights(gen *g)
{
	int target = g->p->flights;
	int units = target * 10 / 36 + 1;
	for (int u = 0; g->ds->n_flights < target; u++) {
		int day = u < units ? (int)((int64_t)u * g->span / units) : u % g->span;
		int left = target - g->ds->n_flights;
		if (left == 1 || chance(&g->r, 150))
			add_direct(g, day);
		else
			add_bank(g, day, u % g->p->n_hubs, left);
	}
}

/* ---- cases ---- */

static const int size_weights[12] = {6, 8, 14, 18, 17, 13, 8, 6, 4, 3, 2, 1};

static mp_date birth_for_age(gen *g, int age)
{
	return g->as_of - age * 365 - age / 4 - below(&g->r, 365);
}

static void add_document(gen *g, mp_member *m)
{
	if (chance(&g->r, 80))
		return; /* about one member in twelve has none on file */
	bool own = strcmp(m->nationality, "AFG") == 0 || strcmp(m->nationality, "IRN") == 0;
	m->document.present = true;
	m->document.type = mp_xstrdup(own ? "P" : "PT");
	m->document.number = mp_xasprintf("%c%08d", own ? 'P' : 'R', below(&g->r, 100000000));
	m->document.issuer = mp_xstrdup(own ? m->nationality : "ALB");
	m->document.expires = g->as_of + between(&g->r, 200, 2500);
}

static void add_ssr(gen *g, mp_member *m, int age)
{
	static const int old_codes[] = {MP_SSR_WCHR, MP_SSR_WCHS, MP_SSR_WCHC, MP_SSR_MAAS, MP_SSR_DEAF};
	static const int any_codes[] = {MP_SSR_BLND, MP_SSR_DEAF, MP_SSR_DPNA, MP_SSR_MAAS, MP_SSR_WCHR};
	if (age >= 60 && chance(&g->r, 250))
		m->ssr |= 1u << PICK(&g->r, old_codes);
	else if (age < 60 && chance(&g->r, 40))
		m->ssr |= 1u << PICK(&g->r, any_codes);
}

static mp_member *add_member(gen *g, mp_case *c, const char *family, char sex, int age,
			     const char *nationality)
{
	mp_member *m = mp_case_add_member(c);
	m->id = mp_xasprintf("%s-%02d", c->id, c->n_members);
	m->family_name = mp_xstrdup(family);
	m->given_names = given_name(&g->r, sex);
	m->sex = sex;
	m->birth_date = birth_for_age(g, age);
	m->nationality = mp_xstrdup(nationality);
	add_document(g, m);
	add_ssr(g, m, age);
	return m;
}

static void add_minors(gen *g, mp_case *c, const char *family, int size, const char *nat)
{
	for (int i = 0; i < size; i++)
		add_member(g, c, family, chance(&g->r, 500) ? 'M' : 'F', between(&g->r, 8, 17), nat);
}

/* A family: head, spouse, sometimes a grandparent, children (some may
 * be grown up or infants). */
static void add_family(gen *g, mp_case *c, const char *family, int size, const char *nat)
{
	char head_sex = chance(&g->r, 800) ? 'M' : 'F';
	int head_age = size == 1 ? between(&g->r, 18, 70) : between(&g->r, 25, 60);
	add_member(g, c, family, head_sex, head_age, nat);
	int left = size - 1;
	if (left > 0 && (size > 2 || chance(&g->r, 700))) {
		int age = head_age + between(&g->r, -8, 4);
		add_member(g, c, family, head_sex == 'M' ? 'F' : 'M', age < 18 ? 18 : age, nat);
		left--;
	}
	if (left > 0 && size >= 6 && chance(&g->r, 300)) {
		add_member(g, c, family, chance(&g->r, 500) ? 'M' : 'F', between(&g->r, 60, 85), nat);
		left--;
	}
	int max_child = head_age - 17 < 25 ? head_age - 17 : 25;
	for (int i = 0; i < left; i++) {
		int age = chance(&g->r, 60) ? 0 : below(&g->r, max_child);
		add_member(g, c, family, chance(&g->r, 500) ? 'M' : 'F', age, nat);
	}
}

static int oldest(const mp_case *c)
{
	int best = 0;
	for (int i = 1; i < c->n_members; i++)
		if (c->members[i].birth_date < c->members[best].birth_date)
			best = i;
	return best;
}

/* A few % of cases with a stretcher, oxygen or an escort need, ~1% with
 * a pregnancy. */
static void add_needs(gen *g, mp_case *c, bool minors)
{
	if (minors || c->n_members == 0)
		return;
	mp_member *m = &c->members[oldest(c)];
	int x = below(&g->r, 1000);
	if (x < 20) {
		m->ssr |= (1u << MP_SSR_STCR) | (1u << MP_SSR_MEDA);
		m->escort = MP_ESC_MEDICAL;
	} else if (x < 30) {
		m->ssr |= (1u << MP_SSR_MEDA) | (1u << MP_SSR_OXYG);
		m->escort = MP_ESC_MEDICAL;
	} else if (x < 40) {
		m->ssr |= 1u << MP_SSR_DPNA;
		m->escort = MP_ESC_OPERATIONAL;
	}
	if (c->n_members >= 2 && chance(&g->r, 10)) {
		for (int i = 0; i < c->n_members; i++) {
			mp_member *w = &c->members[i];
			int age = mp_age_on(w->birth_date, g->as_of);
			if (w->sex == 'F' && age >= 18 && age <= 45 && !((w->ssr >> MP_SSR_STCR) & 1u)) {
				w->pregnancy.present = true;
				w->pregnancy.weeks = between(&g->r, 20, 35);
				w->pregnancy.on = g->as_of;
				w->pregnancy.multiple = chance(&g->r, 50);
				break;
			}
		}
	}
}

static void set_medical(gen *g, mp_case *c)
{
	int x = below(&g->r, 100);
	if (x < 5) {
		c->medical = MP_MED_PENDING;
	} else if (x < 8) {
		c->medical = MP_MED_DEFERRED;
		c->medical_deferred_until = g->as_of + between(&g->r, 5, 40);
	} else if (x < 10) {
		c->medical = MP_MED_DEFERRED;
	} else {
		c->medical = MP_MED_CLEARED;
		if (chance(&g->r, 700))
			c->medical_valid_until = g->as_of + between(&g->r, 30, 200);
	}
}

static const char *pick_nationality(gen *g)
{
	int x = below(&g->r, 100);
	return x < 88 ? "AFG" : x < 93 ? "XXB" : x < 96 ? "XXA" : "IRN";
}

static void set_destination(gen *g, mp_case *c, int d)
{
	c->dest_country = mp_xstrdup(dests[d].country);
	if (!chance(&g->r, 100))
		c->dest_airport = mp_xstrdup(dests[d].code);
}

/* The members of a case: a family (sizes: weights of 1..12 members) or
 * a few unaccompanied minors, with their needs. */
static void add_people(gen *g, mp_case *c, const int *sizes)
{
	char *family = family_name(&g->r);
	const char *nat = pick_nationality(g);
	bool minors = chance(&g->r, 5);
	if (minors)
		add_minors(g, c, family, between(&g->r, 1, 3), nat);
	else
		add_family(g, c, family, 1 + weighted(&g->r, sizes, 12), nat);
	if (!minors && strcmp(nat, "AFG") == 0 && c->n_members > 2 && chance(&g->r, 50)) {
		free(c->members[1].nationality);
		c->members[1].nationality = mp_xstrdup("XXA");
	}
	add_needs(g, c, minors);
	free(family);
}

static void add_case(gen *g, int index)
{
	mp_case *c = mp_dataset_add_case(g->ds);
	c->id = mp_xasprintf("GEN-%05d", index + 1);
	int x = below(&g->r, 1000);
	c->priority = x < 30 ? MP_PRIO_EMERGENCY : x < 180 ? MP_PRIO_URGENT : MP_PRIO_NORMAL;
	int h = g->p->horizon;
	int a = below(&g->r, h * 2 / 3), b = below(&g->r, h * 2 / 3);
	c->ready = g->as_of + (a < b ? a : b); /* skewed towards early */
	set_destination(g, c, pick_dest(g));
	set_medical(g, c);
	if (chance(&g->r, 800))
		c->visa_expires = g->as_of + (chance(&g->r, 40) ? between(&g->r, 20, 50)
					     : between(&g->r, 120, 500));
	if (!chance(&g->r, 100))
		c->clinic = mp_xstrdup(clinic_ids[below(&g->r, g->p->n_clinics)]);
	c->origin = mp_xstrdup(origin.code);
	add_people(g, c, size_weights);
}

/* About 2% of cases come in linked pairs with the same destination. */
static void link_pairs(gen *g)
{
	mp_dataset *ds = g->ds;
	for (int i = 0; i + 1 < ds->n_cases; i += 2) {
		if (!chance(&g->r, 20))
			continue;
		mp_case *a = &ds->cases[i], *b = &ds->cases[i + 1];
		a->link = mp_xasprintf("LNK-%05d", i + 1);
		b->link = mp_xstrdup(a->link);
		free(b->dest_country);
		free(b->dest_airport);
		b->dest_country = mp_xstrdup(a->dest_country);
		b->dest_airport = mp_xstrdup(a->dest_airport);
	}
}

/* ---- rules sized from the network ---- */

/* Persons each destination country can receive by month: the network's
 * carried seats per arrival month. */
static int month_of(mp_date d)
{
	int y, m, day;
	mp_date_to_ymd(d, &y, &m, &day);
	return y * 12 + (m - 1);
}

static void add_quota(mp_dataset *ds, char *id, const char *country, const char *airport,
		      mp_date from, mp_date to, int persons, int cases)
{
	mp_quota *q = mp_dataset_add_quota(ds);
	q->id = id; /* ownership moves in */
	q->country = mp_xstrdup(country);
	q->airport = mp_xstrdup(airport);
	q->from = from;
	q->to = to;
	q->max_persons = persons;
	q->max_cases = cases;
}

static void country_quotas(gen *g, const char *country)
{
	int m0 = month_of(g->as_of), m1 = month_of(g->last_day + 1);
	int pct = between(&g->r, 70, 90);
	for (int m = m0; m <= m1; m++) {
		int carried = 0;
		for (int i = 0; i < g->ds->n_flights; i++) {
			const mp_flight *f = &g->ds->flights[i];
			if (g->dest_of[i] >= 0 && strcmp(dests[g->dest_of[i]].country, country) == 0 &&
			    month_of(mp_datetime_local_date(f->arrives)) == m)
				carried += g->carried[i];
		}
		if (carried == 0)
			continue;
		int y = m / 12, mon = m % 12 + 1;
		mp_date from = mp_date_from_ymd(y, mon, 1);
		mp_date to = mp_date_from_ymd(mon == 12 ? y + 1 : y, mon == 12 ? 1 : mon + 1, 1) - 1;
		add_quota(g->ds, mp_xasprintf("%s-%04d-%02d", country, y, mon), country, NULL, from,
			  to, carried * pct / 100 + 1, MP_ABSENT);
	}
}

/* Weekly reception capacity at the first destination airport. */
static void weekly_capacity(gen *g)
{
	const port *a = &dests[0];
	mp_date monday = g->as_of - mp_date_weekday(g->as_of);
	for (int w = 0; monday + 7 * w <= g->last_day + 1; w++) {
		mp_date from = monday + 7 * w, to = from + 6;
		int carried = 0;
		for (int i = 0; i < g->ds->n_flights; i++) {
			mp_date d = mp_datetime_local_date(g->ds->flights[i].arrives);
			if (g->dest_of[i] == 0 && d >= from && d <= to)
				carried += g->carried[i];
		}
		if (carried == 0)
			continue;
		int persons = carried * 3 / 4 + 1;
		int y, m, d;
		mp_date_to_ymd(from + 3, &y, &m, &d); /* ISO 8601: the week of its Thursday */
		int week = (from + 3 - mp_date_from_ymd(y, 1, 1)) / 7 + 1;
		add_quota(g->ds, mp_xasprintf("%s-%04d-W%02d", a->code, y, week), a->country, a->code,
			  from, to, persons, persons / 4 + 1);
	}
}

/* Canada: no weekend, 06:00-22:00, 10 working days' notice, three
 * blackout days, emergency cases exempt. */
static mp_arrival_rule *canada_rule(gen *g)
{
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(g->ds);
	r->country = mp_xstrdup("CA");
	r->no_weekend = true;
	r->earliest_arrival = 6 * 3600;
	r->latest_arrival = 22 * 3600;
	r->notice_working_days = 10;
	const int blackout[][3] = {{2026, 12, 25}, {2026, 12, 26}, {2027, 1, 1}};
	r->n_blackout = 3;
	r->blackout = mp_xcalloc(3, sizeof *r->blackout);
	for (int i = 0; i < 3; i++)
		r->blackout[i] = mp_date_from_ymd(blackout[i][0], blackout[i][1], blackout[i][2]);
	r->exempt_priorities = 1u << MP_PRIO_EMERGENCY;
	return r;
}

/* Afghans need an airport transit visa in `country` unless bound for
 * Canada or the USA. */
static void afghan_transit_rule(gen *g, const char *country)
{
	mp_transit_rule *t = mp_dataset_add_transit_rule(g->ds);
	t->country = mp_xstrdup(country);
	mp_strv_push(&t->nationalities, &t->n_nationalities, "AFG");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "CA");
	mp_strv_push(&t->exempt_if_visa_for, &t->n_exempt_if_visa_for, "US");
}

/* Closed on Sundays and three holidays. */
static void close_days(gen *g, mp_clinic *c)
{
	const int holiday[][3] = {{2026, 12, 8}, {2026, 12, 25}, {2027, 1, 1}};
	int n = 0;
	c->closed = mp_xcalloc((size_t)g->p->horizon / 7 + 5, sizeof *c->closed);
	for (mp_date d = g->as_of; d <= g->last_day; d++)
		if (mp_date_weekday(d) == 6)
			c->closed[n++] = d;
	for (int i = 0; i < 3; i++)
		c->closed[n++] = mp_date_from_ymd(holiday[i][0], holiday[i][1], holiday[i][2]);
	c->n_closed = n;
}

static void add_rules(gen *g)
{
	for (int i = 0; i < g->p->n_dest; i++) {
		bool seen = false;
		for (int j = 0; j < i; j++)
			seen |= strcmp(dests[j].country, dests[i].country) == 0;
		if (!seen)
			country_quotas(g, dests[i].country);
	}
	weekly_capacity(g);
	canada_rule(g);
	for (int h = 1; h < g->p->n_hubs; h++)
		if (!mp_dataset_transit_rule(g->ds, hubs[h].country))
			afghan_transit_rule(g, hubs[h].country);
}

/* Clinics with capacity near the daily average of persons the network
 * carries: tight on busy days.  Closed on Sundays and three holidays. */
static void add_clinics(gen *g)
{
	int carried = 0;
	for (int i = 0; i < g->ds->n_flights; i++)
		if (g->dest_of[i] >= 0)
			carried += g->carried[i];
	int cap = carried / (g->span * g->p->n_clinics) * 11 / 10 + 1;
	if (cap < 12)
		cap = 12; /* the largest family must fit in one day */
	for (int k = 0; k < g->p->n_clinics; k++) {
		mp_clinic *c = mp_dataset_add_clinic(g->ds);
		c->id = mp_xstrdup(clinic_ids[k]);
		c->capacity_per_day = cap + between(&g->r, -2, 2);
		close_days(g, c);
	}
}

static void add_escorts(gen *g)
{
	for (int k = 0; k < g->p->n_escorts; k++) {
		mp_escort *e = mp_dataset_add_escort(g->ds);
		e->id = mp_xasprintf("ESC-%02d", k + 1);
		e->kind = k % 5 == 1 || k % 5 == 3 ? MP_ESC_OPERATIONAL : MP_ESC_MEDICAL;
		e->available_from = g->as_of + between(&g->r, 0, 10);
		e->available_to = g->last_day - between(&g->r, 0, 10);
		e->covers = between(&g->r, 2, 3);
		e->turnaround_days = between(&g->r, 5, 10);
		e->family_name = mp_xstrdup(alb_family[k % 10]);
		e->given_names = mp_xstrdup(alb_given[(k * 3 + 1) % 10]);
		e->sex = "FMFMFMFMFM"[(k * 3 + 1) % 10];
		e->birth_date = birth_for_age(g, between(&g->r, 28, 55));
		e->nationality = mp_xstrdup("ALB");
		e->document.present = true;
		e->document.type = mp_xstrdup("P");
		e->document.number = mp_xasprintf("B%c%07d", 'A' + k % 26, below(&g->r, 10000000));
		e->document.issuer = mp_xstrdup("ALB");
		e->document.expires = g->as_of + between(&g->r, 700, 3000);
	}
}

/* ---- proposed bookings ---- */

static bool reaches(const mp_case *c, int d)
{
	if (c->dest_airport)
		return strcmp(c->dest_airport, dests[d].code) == 0;
	return strcmp(c->dest_country, dests[d].country) == 0;
}

static bool usable(const gen *g, int i, mp_date ready)
{
	const mp_flight *f = &g->ds->flights[i];
	mp_date dep = mp_datetime_local_date(f->departs);
	return !f->cancelled && dep > g->as_of && dep >= ready;
}

/* The check date of a booking: 2, 1 or 3 days before departure, open. */
static mp_date check_day(const gen *g, const mp_case *c, mp_date dep)
{
	const mp_clinic *cl = mp_dataset_clinic(g->ds, c->clinic);
	static const int back[] = {2, 1, 3};
	for (int k = 0; k < 3; k++) {
		mp_date d = dep - back[k];
		bool closed = false;
		for (int i = 0; cl && i < cl->n_closed; i++)
			closed |= cl->closed[i] == d;
		if (d >= g->as_of && !closed)
			return d;
	}
	return MP_NODATE;
}

static void propose(gen *g, int ci)
{
	const mp_case *c = &g->ds->cases[ci];
	for (int i = 0; i < g->ds->n_flights; i++) {
		int d = g->dest_of[i], fe = g->feeder_of[i];
		if (d < 0 || !reaches(c, d) || !usable(g, i, c->ready) || (fe >= 0 && !usable(g, fe, c->ready)))
			continue;
		mp_booking *b = mp_dataset_add_booking(g->ds);
		b->case_id = mp_xstrdup(c->id);
		if (fe >= 0)
			mp_strv_push(&b->flights, &b->n_flights, g->ds->flights[fe].id);
		mp_strv_push(&b->flights, &b->n_flights, g->ds->flights[i].id);
		b->status = MP_BOOK_PROPOSED;
		if (c->clinic)
			b->ftt_date = check_day(g, c, mp_datetime_local_date(g->ds->flights[fe >= 0 ? fe : i].departs));
		return;
	}
}

static void add_bookings(gen *g)
{
	int n = g->p->n_proposed;
	for (int k = 0; k < n; k++) {
		int ci = (int)((int64_t)k * g->ds->n_cases / n) + 1;
		if (ci < g->ds->n_cases && !g->ds->cases[ci].link)
			propose(g, ci);
	}
}

/* ==== the tight profile ====
 *
 * A mission where every limit binds (issue 11): the network is drawn
 * first (several feeder and onward banks per hub and day, hub-to-hub
 * legs for three-leg itineraries, a long maximum connection at hubs,
 * one large weekly charter to Toronto), then the cases, and only then
 * the seats, quotas and clinic capacity, sized from the demand of the
 * cases that can travel so that it exceeds what the network carries.
 * About a quarter of the cases cannot travel at all within the horizon
 * (pending or undated deferred medicals, medicals, visas or documents
 * that expire before the first flight, `ready` after the last one,
 * Afghan families bound for Sweden or Finland, reached only through
 * Schengen hubs that require an airport transit visa). */

typedef struct tight {
	preset base;       /* cases, horizon, counts as a preset (flights: upper bound) */
	int feeders_pm;    /* feeders per hub and flight day, per mille */
	int onward_pm;     /* onward legs per hub and flight day, per mille */
	int shuttles_pm;   /* hub-to-hub legs per flight day, per mille */
	int charter_lo, charter_hi; /* seats of the weekly charter */
	int hub_maxconn;   /* max connection at hubs, minutes */
	int carry_pct;     /* onward seats per 100 persons who can travel */
	int seat_lo, seat_hi; /* seat blocks on scheduled flights */
	int emergency_pm, urgent_pm; /* priorities of the cases, per mille */
	int charter_weeks; /* the charter flies every this many weeks */
} tight;

static const tight tights[] = {
	{{"small", 300, 0, 60, 4, 3, 1, 5, 3}, 1500, 400, 500, 30, 40, 2880, 55, 4, 16, 50, 250, 2},
	{{"medium", 5000, 0, 90, 8, 4, 1, 83, 20}, 1000, 1800, 500, 150, 200, 1560, 65, 10, 40, 50, 250, 1},
	{{"large", 20000, 0, 90, 10, 5, 1, 330, 50}, 1500, 1500, 600, 150, 200, 1080, 68, 10, 80, 50, 250, 1},
};

/* Hubs and destinations of the tight profile, by index into hubs[] and
 * dests[]: Copenhagen before Munich so that medium has three transit
 * countries (AT, DE, DK); Stockholm and Helsinki early, reached only
 * through Schengen hubs. */
static const int tight_hub[] = {0, 1, 2, 4, 3};
static const int tight_dest[] = {0, 1, 2, 3, 4, 6, 5, 7, 8, 9};
static const int tight_weight[] = {24, 18, 12, 5, 10, 3, 10, 8, 6, 6};
enum { ROLE_FEEDER, ROLE_ONWARD, ROLE_SHUTTLE, ROLE_CHARTER };

static bool schengen_only_country(const char *country)
{
	return strcmp(country, "SE") == 0 || strcmp(country, "FI") == 0;
}

static bool schengen_only(int d)
{
	return schengen_only_country(dests[d].country);
}

static int tight_pick_dest(gen *g)
{
	int w[MAX_DEST];
	for (int i = 0; i < g->p->n_dest; i++)
		w[i] = tight_weight[i];
	return tight_dest[weighted(&g->r, w, g->p->n_dest)];
}

/* A destination served from hub k (IST does not fly to SE or FI). */
static int tight_onward_dest(gen *g, int k)
{
	int d = tight_pick_dest(g);
	for (int tries = 0; tight_hub[k] == 0 && schengen_only(d) && tries < 20; tries++)
		d = tight_pick_dest(g);
	return tight_hub[k] == 0 && schengen_only(d) ? tight_dest[0] : d;
}

static int count_pm(gen *g, int per_mille)
{
	return per_mille / 1000 + (chance(&g->r, per_mille % 1000) ? 1 : 0);
}

static void tight_role(gen *g, int i, int role, int hub, int dest)
{
	g->role[i] = role;
	g->hub_of[i] = hub;
	g->dest_of[i] = role == ROLE_FEEDER || role == ROLE_SHUTTLE ? -1 : dest;
	g->feeder_of[i] = -1;
}

static void tight_feeders(gen *g, int day, int k)
{
	const port *hub = &hubs[tight_hub[k]];
	int n = count_pm(g, g->t->feeders_pm);
	for (int b = 0; b < n && b < 3; b++) {
		int dep = 6 * 60 + b * 240 + between(&g->r, 0, 4) * 10;
		int i = add_flight(g, hub->carrier, hub->number + 2 * b, &origin, hub,
				   g->first_day + day, dep, hub->block);
		tight_role(g, i, ROLE_FEEDER, k, -1);
	}
}

/* Onward legs leave a hub in up to twelve hourly slots a day, the first
 * one a quarter of an hour after the first feeder (departing 06:00-06:40)
 * connects. */
static void tight_onward(gen *g, int day, int k)
{
	int h = tight_hub[k];
	const port *hub = &hubs[h];
	int first = 6 * 60 + 40 - origin.offset + hub->offset + hub->block + hub->mct + 15;
	bool slot_used[12] = {false};
	int n = count_pm(g, g->t->onward_pm);
	for (int j = 0; j < n && j < 12; j++) {
		int s = below(&g->r, 12);
		while (slot_used[s])
			s = (s + 1) % 12;
		slot_used[s] = true;
		int d = tight_onward_dest(g, k);
		int block = dests[d].block + (h == 0 && dests[d].offset < 0 ? 120 : h == 0 ? 90 : 0);
		int i = add_flight(g, hub->carrier, onward_base[h] + d * 40 + s, hub, &dests[d],
				   g->first_day + day, first + s * 60, block);
		tight_role(g, i, ROLE_ONWARD, k, d);
	}
}

static void tight_shuttles(gen *g, int day)
{
	int nh = g->p->n_hubs;
	int n = count_pm(g, g->t->shuttles_pm);
	bool used[5][5] = {{false}};
	for (int j = 0; j < n && nh > 1; j++) {
		int a = below(&g->r, nh), b = below(&g->r, nh - 1);
		b += b >= a;
		if (used[a][b])
			continue;
		used[a][b] = true;
		const port *from = &hubs[tight_hub[a]], *to = &hubs[tight_hub[b]];
		int block = abs(from->block - to->block) + 70;
		int i = add_flight(g, from->carrier, 3000 + a * 100 + b * 10, from, to,
				   g->first_day + day, 11 * 60 + between(&g->r, 0, 12) * 30, block);
		tight_role(g, i, ROLE_SHUTTLE, a, -1);
	}
}

/* The weekly charter: Tirana-Toronto direct on Thursdays. */
static void tight_charter(gen *g, int day)
{
	const port *to = &dests[0];
	int k = g->direct_count[0]++;
	int i = add_flight(g, to->carrier, to->number + k, &origin, to, g->first_day + day,
			   10 * 60, to->block + 60);
	g->ds->flights[i].seats = between(&g->r, g->t->charter_lo, g->t->charter_hi);
	g->ds->flights[i].cancelled = false;
	tight_role(g, i, ROLE_CHARTER, -1, 0);
}

static void tight_network(gen *g)
{
	for (int day = 0; day < g->span; day++) {
		for (int k = 0; k < g->p->n_hubs; k++) {
			tight_feeders(g, day, k);
			tight_onward(g, day, k);
		}
		tight_shuttles(g, day);
		if (mp_date_weekday(g->first_day + day) == 3 && (day / 7) % g->t->charter_weeks == 0)
			tight_charter(g, day);
	}
}

static void add_airport(gen *g, const port *p, int maxconn)
{
	mp_airport *a = mp_dataset_add_airport(g->ds);
	a->code = mp_xstrdup(p->code);
	a->country = mp_xstrdup(p->country);
	a->mct_minutes = p->mct;
	a->max_connection_minutes = maxconn;
}

static void tight_airports(gen *g)
{
	add_airport(g, &origin, origin.maxconn);
	for (int k = 0; k < g->p->n_hubs; k++)
		add_airport(g, &hubs[tight_hub[k]], g->t->hub_maxconn);
	for (int k = 0; k < g->p->n_dest; k++)
		add_airport(g, &dests[tight_dest[k]], dests[tight_dest[k]].maxconn);
}

/* ---- tight: cases ---- */

static const int tight_sizes[12] = {18, 15, 16, 15, 12, 9, 6, 4, 2, 2, 1, 0};

/* Emergency cases are ready within a week and cleared for about three
 * weeks, urgent ones within a month for three to six: they crowd the
 * first weeks, which carry no more than any other. */
static void tight_windows(gen *g, mp_case *c)
{
	int h = g->p->horizon;
	if (c->priority == MP_PRIO_EMERGENCY) {
		c->ready = g->as_of + between(&g->r, 0, 5);
		c->medical_valid_until = c->ready + between(&g->r, 7, 14);
	} else if (c->priority == MP_PRIO_URGENT) {
		c->ready = g->as_of + between(&g->r, 0, 14);
		c->medical_valid_until = c->ready + between(&g->r, 14, 28);
	} else {
		int a = below(&g->r, h * 2 / 3), b = below(&g->r, h * 2 / 3);
		c->ready = g->as_of + (a < b ? a : b);
		if (chance(&g->r, 700))
			c->medical_valid_until = c->ready + between(&g->r, 30, 200);
	}
	if (chance(&g->r, 30)) {
		c->medical = MP_MED_DEFERRED;
		c->medical_deferred_until = c->ready + between(&g->r, 2, 20);
		c->medical_valid_until = MP_NODATE;
	}
	if (chance(&g->r, 800))
		c->visa_expires = c->ready + (chance(&g->r, 120) ? between(&g->r, 20, 50)
					      : between(&g->r, 120, 500));
}

static mp_member *with_document(gen *g, mp_case *c)
{
	for (int i = 0; i < c->n_members; i++)
		if (c->members[i].document.present)
			return &c->members[i];
	mp_member *m = &c->members[0];
	add_document(g, m);
	if (!m->document.present) { /* add_document leaves one in twelve without */
		m->document.present = true;
		m->document.type = mp_xstrdup("PT");
		m->document.number = mp_xasprintf("R%08d", below(&g->r, 100000000));
		m->document.issuer = mp_xstrdup("ALB");
	}
	return m;
}

/* About 18 % of the cases get a reason never to travel within the
 * horizon; Afghan families bound for SE or FI, short windows and the
 * arrival rules bring those who cannot to about a quarter. */
static void tight_blocker(gen *g, mp_case *c)
{
	int y = below(&g->r, 1000);
	if (y < 45) {
		c->medical = MP_MED_PENDING;
		c->medical_deferred_until = MP_NODATE;
		c->medical_valid_until = MP_NODATE;
	} else if (y < 62) {
		c->medical = MP_MED_DEFERRED;
		c->medical_deferred_until = MP_NODATE;
		c->medical_valid_until = MP_NODATE;
	} else if (y < 98) {
		c->ready = g->last_day + between(&g->r, 1, 30);
	} else if (y < 124) {
		with_document(g, c)->document.expires = g->as_of + between(&g->r, -60, 2);
	} else if (y < 152) {
		c->visa_expires = g->as_of + between(&g->r, 0, 2);
	} else if (y < 180) {
		c->medical = MP_MED_CLEARED;
		c->medical_deferred_until = MP_NODATE;
		c->medical_valid_until = g->as_of + between(&g->r, -20, 2);
	}
}

static void tight_case(gen *g, int index)
{
	mp_case *c = mp_dataset_add_case(g->ds);
	c->id = mp_xasprintf("GEN-%05d", index + 1);
	int x = below(&g->r, 1000);
	c->priority = x < g->t->emergency_pm ? MP_PRIO_EMERGENCY
		    : x < g->t->emergency_pm + g->t->urgent_pm ? MP_PRIO_URGENT : MP_PRIO_NORMAL;
	c->medical = MP_MED_CLEARED;
	tight_windows(g, c);
	int d = tight_pick_dest(g);
	c->dest_country = mp_xstrdup(dests[d].country);
	if (!chance(&g->r, 150))
		c->dest_airport = mp_xstrdup(dests[d].code);
	if (!chance(&g->r, 10))
		c->clinic = mp_xstrdup(clinic_ids[1]);
	c->origin = mp_xstrdup(origin.code);
	add_people(g, c, tight_sizes);
	tight_blocker(g, c);
}

/* ---- tight: what the cases that can travel ask of the network ---- */

static bool any_afg(const mp_case *c)
{
	for (int i = 0; i < c->n_members; i++)
		if (strcmp(c->members[i].nationality, "AFG") == 0)
			return true;
	return false;
}

static mp_date earliest_arrival_allowed(const mp_case *c)
{
	mp_date by = c->visa_expires;
	for (int i = 0; i < c->n_members; i++) {
		mp_date e = c->members[i].document.present ? c->members[i].document.expires : MP_NODATE;
		if (e != MP_NODATE && (by == MP_NODATE || e < by))
			by = e;
	}
	return by;
}

/* Whether a case can travel at all within the horizon, as the
 * generator made it (the planner's eligibility is finer). */
static bool can_travel(const gen *g, const mp_case *c)
{
	if (c->medical == MP_MED_PENDING ||
	    (c->medical == MP_MED_DEFERRED && c->medical_deferred_until == MP_NODATE))
		return false;
	if (c->ready > g->last_day - 1)
		return false;
	mp_date by = earliest_arrival_allowed(c);
	if (by != MP_NODATE && by < g->first_day + 1)
		return false;
	if (c->medical_valid_until != MP_NODATE && c->medical_valid_until < g->first_day)
		return false;
	return !(schengen_only_country(c->dest_country) && any_afg(c));
}

/* Persons who can travel, per destination airport (dests[] index); a
 * case bound for a country is shared among its airports by weight. */
static void demand_by_dest(const gen *g, int *persons)
{
	for (int i = 0; i < g->ds->n_cases; i++) {
		const mp_case *c = &g->ds->cases[i];
		if (!can_travel(g, c))
			continue;
		int total = 0;
		for (int k = 0; k < g->p->n_dest; k++)
			if (strcmp(dests[tight_dest[k]].country, c->dest_country) == 0)
				total += tight_weight[k];
		for (int k = 0; k < g->p->n_dest; k++) {
			int d = tight_dest[k];
			if (c->dest_airport ? strcmp(c->dest_airport, dests[d].code) == 0
					    : strcmp(dests[d].country, c->dest_country) == 0)
				persons[d] += c->dest_airport ? c->n_members
						: c->n_members * tight_weight[k] / total;
		}
	}
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void size_onward(gen *g)
{
	int persons[MAX_DEST] = {0}, legs[MAX_DEST] = {0}, charter = 0;
	demand_by_dest(g, persons);
	const mp_flight *fl = g->ds->flights;
	for (int i = 0; i < g->ds->n_flights; i++) {
		if (g->role[i] == ROLE_ONWARD && !fl[i].cancelled)
			legs[g->dest_of[i]]++;
		if (g->role[i] == ROLE_CHARTER)
			charter += fl[i].seats;
	}
	for (int i = 0; i < g->ds->n_flights; i++) {
		if (g->role[i] != ROLE_ONWARD)
			continue;
		int d = g->dest_of[i];
		int want = persons[d] * g->t->carry_pct / 100 - (d == 0 ? charter : 0);
		int mean = legs[d] ? want / legs[d] : 10;
		g->ds->flights[i].seats = clamp(mean * between(&g->r, 60, 140) / 100, g->t->seat_lo,
						g->t->seat_hi);
	}
}

/* Whether `out` may follow `in` at a hub (its MCT and the profile's
 * maximum connection). */
static bool connects(const gen *g, const mp_flight *in, const mp_flight *out)
{
	int64_t gap = (out->departs.utc - in->arrives.utc) / 60;
	if (gap < 25 || gap > g->t->hub_maxconn || strcmp(in->to, out->from) != 0)
		return false;
	const mp_airport *a = mp_dataset_airport(g->ds, in->to);
	return gap >= a->mct_minutes;
}

/* A feeder (or shuttle) carries its share of the onward seats that
 * connect with it: each onward leg's seats divided among the legs
 * that reach it. */
static void size_feeders(gen *g)
{
	const mp_flight *fl = g->ds->flights;
	int n = g->ds->n_flights;
	double *share = mp_xcalloc((size_t)n, sizeof *share);
	for (int o = 0; o < n; o++) {
		if (g->role[o] != ROLE_ONWARD || fl[o].cancelled)
			continue;
		int reach = 0;
		for (int i = 0; i < n; i++)
			reach += (g->role[i] == ROLE_FEEDER || g->role[i] == ROLE_SHUTTLE) &&
				 connects(g, &fl[i], &fl[o]);
		for (int i = 0; i < n && reach; i++)
			if ((g->role[i] == ROLE_FEEDER || g->role[i] == ROLE_SHUTTLE) && connects(g, &fl[i], &fl[o]))
				share[i] += (double)fl[o].seats / reach;
	}
	for (int i = 0; i < n; i++)
		if (g->role[i] == ROLE_FEEDER || g->role[i] == ROLE_SHUTTLE)
			g->ds->flights[i].seats = clamp((int)(share[i] * between(&g->r, 85, 110) / 100),
							g->t->seat_lo, g->t->seat_hi);
	free(share);
}

/* ---- tight: rules sized from the seats ---- */

/* Seats arriving in a country (at an airport) between two dates. */
static int seats_arriving(const gen *g, const char *country, const char *airport, mp_date from, mp_date to)
{
	int seats = 0;
	for (int i = 0; i < g->ds->n_flights; i++) {
		const mp_flight *f = &g->ds->flights[i];
		int d = g->dest_of[i];
		mp_date day = mp_datetime_local_date(f->arrives);
		if (d < 0 || f->cancelled || day < from || day > to || strcmp(dests[d].country, country) != 0)
			continue;
		if (!airport || strcmp(airport, dests[d].code) == 0)
			seats += f->seats;
	}
	return seats;
}

/* Monthly quotas per country at 85-100 % of the seats arriving, and a
 * weekly reception capacity at Toronto (charter included) at 80-95 %. */
static void tight_quotas(gen *g)
{
	int m0 = month_of(g->as_of), m1 = month_of(g->last_day + 1);
	for (int k = 0; k < g->p->n_dest; k++) {
		const char *country = dests[tight_dest[k]].country;
		bool seen = false;
		for (int j = 0; j < k; j++)
			seen |= strcmp(dests[tight_dest[j]].country, country) == 0;
		for (int m = m0; m <= m1 && !seen; m++) {
			int y = m / 12, mon = m % 12 + 1;
			mp_date from = mp_date_from_ymd(y, mon, 1);
			mp_date to = mp_date_from_ymd(mon == 12 ? y + 1 : y, mon == 12 ? 1 : mon + 1, 1) - 1;
			int seats = seats_arriving(g, country, NULL, from, to);
			if (seats > 0)
				add_quota(g->ds, mp_xasprintf("%s-%04d-%02d", country, y, mon), country, NULL,
					  from, to, seats * between(&g->r, 85, 100) / 100 + 1, MP_ABSENT);
		}
	}
	const port *a = &dests[0];
	mp_date monday = g->as_of - mp_date_weekday(g->as_of);
	for (int w = 0; monday + 7 * w <= g->last_day + 1; w++) {
		mp_date from = monday + 7 * w, to = from + 6;
		int persons = seats_arriving(g, a->country, a->code, from, to) * between(&g->r, 80, 95) / 100;
		if (persons <= 0)
			continue;
		int y, m, d;
		mp_date_to_ymd(from + 3, &y, &m, &d);
		int week = (from + 3 - mp_date_from_ymd(y, 1, 1)) / 7 + 1;
		add_quota(g->ds, mp_xasprintf("%s-%04d-W%02d", a->code, y, week), a->country, a->code,
			  from, to, persons + 1, persons / 3 + 1);
	}
}

static mp_arrival_rule *arrival_rule(gen *g, const char *country, int earliest_h, int latest_h, int notice)
{
	mp_arrival_rule *r = mp_dataset_add_arrival_rule(g->ds);
	r->country = mp_xstrdup(country);
	r->earliest_arrival = earliest_h * 3600;
	r->latest_arrival = latest_h * 3600;
	r->notice_working_days = notice;
	r->exempt_priorities = 1u << MP_PRIO_EMERGENCY;
	return r;
}

/* Canada as in the default profile; the USA: 05:00-23:00, 5 working
 * days' notice, urgent exempt too; Norway: no weekend, 08:00-20:00, 3
 * days.  Airport transit visas for Afghans in Austria, Germany and
 * Denmark unless bound for Canada or the USA. */
static void tight_rules(gen *g)
{
	canada_rule(g);
	mp_arrival_rule *us = arrival_rule(g, "US", 5, 23, 5);
	us->exempt_priorities |= 1u << MP_PRIO_URGENT;
	mp_arrival_rule *no = arrival_rule(g, "NO", 8, 20, 3);
	no->no_weekend = true;
	afghan_transit_rule(g, "AT");
	afghan_transit_rule(g, "DE");
	afghan_transit_rule(g, "DK");
}

/* One clinic seeing, on an open day, a tenth more than the persons the
 * onward seats carry per day: tight on busy days. */
static void tight_clinic(gen *g)
{
	int seats = 0;
	for (int i = 0; i < g->ds->n_flights; i++)
		if (g->dest_of[i] >= 0 && !g->ds->flights[i].cancelled)
			seats += g->ds->flights[i].seats;
	mp_clinic *c = mp_dataset_add_clinic(g->ds);
	c->id = mp_xstrdup(clinic_ids[1]);
	c->capacity_per_day = clamp(seats * 7 / 6 / g->span * 11 / 10, 12, 100000);
	close_days(g, c);
}

/* A few proposed bookings: the first feeder and onward leg that connect
 * for the case, or its first charter. */
static void tight_propose(gen *g, int ci)
{
	const mp_case *c = &g->ds->cases[ci];
	const mp_flight *fl = g->ds->flights;
	for (int o = 0; o < g->ds->n_flights; o++) {
		int d = g->dest_of[o];
		if (d < 0 || !reaches(c, d) || !usable(g, o, c->ready))
			continue;
		int fe = -1;
		for (int i = 0; i < g->ds->n_flights && g->role[o] == ROLE_ONWARD && fe < 0; i++)
			if (g->role[i] == ROLE_FEEDER && usable(g, i, c->ready) && connects(g, &fl[i], &fl[o]))
				fe = i;
		if (g->role[o] == ROLE_ONWARD && fe < 0)
			continue;
		mp_booking *b = mp_dataset_add_booking(g->ds);
		b->case_id = mp_xstrdup(c->id);
		if (fe >= 0)
			mp_strv_push(&b->flights, &b->n_flights, fl[fe].id);
		mp_strv_push(&b->flights, &b->n_flights, fl[o].id);
		b->status = MP_BOOK_PROPOSED;
		if (c->clinic)
			b->ftt_date = check_day(g, c, mp_datetime_local_date(fl[fe >= 0 ? fe : o].departs));
		return;
	}
}

static void tight_build(gen *g)
{
	tight_airports(g);
	tight_network(g);
	tight_rules(g);
	add_escorts(g);
	for (int i = 0; i < g->p->cases; i++)
		tight_case(g, i);
	link_pairs(g);
	size_onward(g);
	size_feeders(g);
	tight_quotas(g);
	tight_clinic(g);
	int n = g->p->n_proposed;
	for (int k = 0; k < n; k++) {
		int ci = (int)((int64_t)k * g->ds->n_cases / n) + 1;
		if (ci < g->ds->n_cases && !g->ds->cases[ci].link && can_travel(g, &g->ds->cases[ci]))
			tight_propose(g, ci);
	}
}

/* ---- entry points ---- */

static const preset *find_preset(const char *name)
{
	for (int i = 0; name && i < N_PRESETS; i++)
		if (strcmp(presets[i].name, name) == 0)
			return &presets[i];
	return NULL;
}

bool mp_generate_preset_size(const char *name, int *n_cases, int *n_flights)
{
	const preset *p = find_preset(name);
	if (!p)
		return false;
	*n_cases = p->cases;
	*n_flights = p->flights;
	return true;
}

static void set_mission(gen *g, unsigned long seed)
{
	mp_mission *m = &g->ds->mission;
	m->present = true;
	m->id = g->t ? mp_xasprintf("GEN-%s-tight-%lu", g->p->name, seed)
		     : mp_xasprintf("GEN-%s-%lu", g->p->name, seed);
	m->origin = mp_xstrdup(origin.code);
	m->as_of = g->as_of;
	m->horizon_days = g->p->horizon;
	m->sender = mp_xstrdup("MOVPLANGEN");
	m->recipient = mp_xstrdup("APIRECEIVER");
}

static void default_build(gen *g)
{
	build_airports(g);
	build_flights(g);
	add_rules(g);
	add_clinics(g);
	add_escorts(g);
	for (int i = 0; i < g->p->cases; i++)
		add_case(g, i);
	link_pairs(g);
	add_bookings(g);
}

static const tight *find_tight(const char *name)
{
	for (int i = 0; name && i < (int)(sizeof tights / sizeof tights[0]); i++)
		if (strcmp(tights[i].base.name, name) == 0)
			return &tights[i];
	return NULL;
}

/* Most flights the tight network can draw (every count at its ceiling). */
static int tight_max_flights(const tight *t)
{
	int span = t->base.horizon - 4;
	return span * (t->base.n_hubs * (3 + 12) +
		       t->shuttles_pm / 1000 + 1) + span / 7 + 1;
}

int mp_generate_profile(const char *name, const char *profile, unsigned long seed, mp_dataset *ds,
			mp_errors *errs)
{
	bool is_tight = profile && strcmp(profile, "tight") == 0;
	if (profile && !is_tight && strcmp(profile, "default") != 0) {
		mp_errors_addf(errs, MP_EUSAGE, "generate: --profile: unknown profile '%s' "
			       "(default or tight)", profile);
		return MP_EUSAGE;
	}
	const preset *p = find_preset(name);
	if (!p) {
		mp_errors_addf(errs, MP_EUSAGE, "generate: --preset: unknown preset '%s' "
			       "(small, medium or large)", name ? name : "");
		return MP_EUSAGE;
	}
	gen g = {0};
	g.t = is_tight ? find_tight(name) : NULL;
	g.p = g.t ? &g.t->base : p;
	g.ds = ds;
	g.r.s = (uint64_t)seed * 0x2545F4914F6CDD1Dull + (uint64_t)(p - presets) + 1;
	if (g.t)
		g.r.s ^= 0x7469676874ull; /* "tight": a stream of its own */
	g.as_of = mp_date_from_ymd(2026, 11, 30);
	g.first_day = g.as_of + 3;
	g.last_day = g.as_of + g.p->horizon;
	g.span = g.p->horizon - (g.t ? 4 : 8);
	int max_flights = g.t ? tight_max_flights(g.t) : p->flights;
	g.bank_count = mp_xcalloc((size_t)g.span * (size_t)g.p->n_hubs, sizeof(int));
	g.direct_count = mp_xcalloc((size_t)g.span * (size_t)g.p->n_dest, sizeof(int));
	g.feeder_of = mp_xcalloc((size_t)max_flights, sizeof(int));
	g.dest_of = mp_xcalloc((size_t)max_flights, sizeof(int));
	g.carried = mp_xcalloc((size_t)max_flights, sizeof(int));
	g.role = mp_xcalloc((size_t)max_flights, sizeof(int));
	g.hub_of = mp_xcalloc((size_t)max_flights, sizeof(int));
	set_mission(&g, seed);
	if (g.t)
		tight_build(&g);
	else
		default_build(&g);
	mp_dataset_sort(ds);
	free(g.bank_count);
	free(g.direct_count);
	free(g.feeder_of);
	free(g.dest_of);
	free(g.carried);
	free(g.role);
	free(g.hub_of);
	return MP_OK;
}

int mp_generate(const char *name, unsigned long seed, mp_dataset *ds, mp_errors *errs)
{
	return mp_generate_profile(name, "default", seed, ds, errs);
}
