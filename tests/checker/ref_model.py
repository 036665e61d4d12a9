#!/usr/bin/env python3
"""ref_model.py - a compact reference model of SPEC 2, for CBC and glpsol.

    ref_model.py DATASET.json... -o MODEL.lp [--weights e=100,u=10,n=1] [--stats]
    ref_model.py DATASET.json... --map MODEL.lp.map.json --solution SOL
                 [--solver cbc|glpsol] --out PLAN.json

Written apart from the planner, beside the independent checker: it
reads the dataset with check_plan.py's reader and derives every fact
with check_plan.py's rule code (never the planner's), enumerates the
itineraries of SPEC 2 itself, and writes level 1 of the objective as an
integer program in CPLEX LP format, streamed row by row (a large preset
writes in a minute or two without holding the rows in memory):

  x<u>_<t>_<k>  binary: unit u (a case, or linked cases tied together,
             SPEC 2.2) travels on itinerary t with check days k (2.10:
             4-ary digits, one per case of the unit, days before the
             departure, 0 without a clinic); one per itinerary on which
             every case of the unit passes its own rules (2.3, 2.4, 2.8,
             2.9) and per allowed check day; a confirmed booking is
             fixed by a row, whatever its rules say (2.12).  Putting the
             check day in the column leaves no row linking the two, and
             keeps the LP relaxation quick to solve
  E<k>_<t>   integer: escorts of class k (kind, covers) on itinerary t
  n<e>_<d>   binary: escort e starts a trip on day d (2.11); the
             escorts of a class are interchangeable within a day, so
             n and E together are exact: per class and day the trips
             started equal the escorts placed on that day's itineraries

  one_<u>        a unit travels at most once (2.1)
  seat_<f>       seats of the cases plus one per escort (2.5)
  ssr_<f>_<s>    assistance limits, derived INFT and UMNR included (2.6)
  qp_<q>/qc_<q>  quota persons / cases, history counted (2.7)
  clin_<k>_<d>   clinic capacity per day (2.10)
  cov_<t>, med_<t>, esc_<k>_<d>, turn_<e>_<d>
                 escort cover per itinerary (medical within it), trips
                 per class and day, turnaround per escort (2.11)
  fix_<u>        confirmed bookings kept (2.12)

A limit that confirmed bookings (and history) alone exceed is taken as
their use (2.12).  The objective is level 1: persons x priority weight.
Beside MODEL.lp it writes MODEL.lp.map.json (units, itineraries, escort
classes, dates) with which the second form turns a CBC `solu` file or a
glpsol `-o` report back into movplan's plan JSON (assignments with
flights, ftt_date and escorts, escort trips, unassigned cases with a
reason, conflicts for kept confirmed bookings), for check_plan.py.
"""
import datetime as dt
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plan as cp  # noqa: E402

ONE_DAY = dt.timedelta(days=1)


# ---------------------------------------------------------------- itineraries (SPEC 2)

class Itinerary:
    """One itinerary and what every rule asks of it, computed once."""
    __slots__ = ("legs", "ids", "dep", "arr", "arr_tod", "last_to", "country", "arrival_bad",
                 "notice_day", "via")

    def __init__(self, ds, legs, notice_day):
        self.legs = legs
        self.ids = tuple(f.id for f in legs)
        self.dep = legs[0].departs.date
        last = legs[-1].arrives
        self.arr, self.arr_tod = last.date, last.tod
        self.last_to = legs[-1].to
        self.country = ds.airports[self.last_to].country
        rule = ds.arrival_rules.get(self.country)
        # 2.8 without the notice, which confirmed bookings are not held to
        self.arrival_bad = bool(rule) and (
            (rule.no_weekend and self.arr.weekday() >= 5) or self.arr in rule.blackout
            or (rule.earliest is not None and self.arr_tod < rule.earliest)
            or (rule.latest is not None and self.arr_tod > rule.latest))
        self.notice_day = notice_day.get(self.country)
        self.via = tuple(ds.airports[f.to].country for f in legs[:-1])


class Network:
    """Every itinerary of SPEC 2 from an origin to a destination: 1-3
    non-cancelled flights departing by the horizon's last day, connected
    within each airport's MCT and max connection."""

    def __init__(self, ds, last_day, notice_day):
        self.ds = ds
        self.notice_day = notice_day
        self.by_from = {}
        for f in sorted(ds.flights.values(), key=lambda f: (f.departs.utc, f.id)):
            if not f.cancelled and f.departs.date <= last_day:
                self.by_from.setdefault(f.frm, []).append(f)
        self.cache = {}
        self.next_cache = {}
        self.objs = {}

    def onward(self, f):
        got = self.next_cache.get(f.id)
        if got is None:
            ap = self.ds.airports[f.to]
            lo = f.arrives.utc + dt.timedelta(minutes=ap.mct)
            hi = f.arrives.utc + dt.timedelta(minutes=ap.maxconn)
            got = self.next_cache[f.id] = [g for g in self.by_from.get(f.to, []) if lo <= g.departs.utc <= hi]
        return got

    def make(self, legs):
        key = tuple(f.id for f in legs)
        it = self.objs.get(key)
        if it is None:
            it = self.objs[key] = Itinerary(self.ds, tuple(legs), self.notice_day)
        return it

    def itineraries(self, origin, airport, country):
        """Itinerary objects, in a fixed order (departure, arrival, ids)."""
        key = (origin, airport, country)
        if key in self.cache:
            return self.cache[key]
        ds = self.ds

        def ends(f):
            return f.to == airport if airport else ds.airports[f.to].country == country
        out = []

        def walk(path):
            last = path[-1]
            if ends(last):
                out.append(tuple(path))
            if len(path) < 3:
                for g in self.onward(last):
                    if g not in path:
                        walk(path + [g])
        for f in self.by_from.get(origin, []):
            walk([f])
        out.sort(key=lambda p: (p[0].departs.utc, p[-1].arrives.utc, [f.id for f in p]))
        its = self.cache[key] = [self.make(p) for p in out]
        return its


# ---------------------------------------------------------------- a case's own rules

class Window:
    """What a case's own rules (2.3, 2.4) allow, as dates."""

    def __init__(self, case, as_of):
        self.first = max(as_of + ONE_DAY, case.ready)
        self.last = None           # latest departure date
        self.arrive_by = case.visa  # latest arrival date
        self.code = None           # a rule that forbids every date
        self.nationalities = {m.nationality for m in case.members}
        for m in case.members:
            if m.doc_expires and (self.arrive_by is None or m.doc_expires < self.arrive_by):
                self.arrive_by = m.doc_expires
        if getattr(case, "kind", "resettlement") == "return" and \
                not all(m.has_doc for m in case.members):
            # SPEC 1: a return needs a travel document for every member
            self.code = "DOCUMENT_EXPIRY"
        elif case.medical == "pending":
            self.code = "MEDICAL_PENDING"
        elif case.medical == "deferred":
            if case.deferred_until is None:
                self.code = "MEDICAL_DEFERRED"
            else:
                self.first = max(self.first, case.deferred_until)
        elif case.valid_until:
            self.last = case.valid_until
        for m in case.members:
            if m.preg:
                bar = 32 if m.preg.multiple else 36
                # weeks + (dep - on) // 7 < bar  <=>  dep - on < 7 * (bar - weeks)
                lim = m.preg.on + dt.timedelta(days=7 * (bar - m.preg.weeks) - 1)
                self.last = lim if self.last is None else min(self.last, lim)


def own_code(ds, case, win, it, as_of, confirmed=False):
    """The first of the case's own rules that excludes the itinerary, or None."""
    dep, arr = it.dep, it.arr
    if win.code:
        return win.code
    if dep <= as_of or dep < case.ready:
        return "NOT_READY"
    if case.medical == "deferred" and dep < win.first:
        return "MEDICAL_DEFERRED"
    if case.visa and arr > case.visa:
        return "VISA_EXPIRY"
    if win.arrive_by and arr > win.arrive_by:
        return "DOCUMENT_EXPIRY"
    if case.medical == "cleared" and case.valid_until and dep > case.valid_until:
        return "MEDICAL_EXPIRED"
    if win.last and dep > win.last:
        return "PREGNANCY"
    if it.arrival_bad or (it.notice_day and not confirmed and arr < it.notice_day):
        if case.priority not in ds.arrival_rules[it.country].exempt:
            return "ARRIVAL_RULE"
    for c in it.via:
        r = ds.transit_rules.get(c)
        if c != case.dest_country and r and case.dest_country not in r.exempt \
                and win.nationalities & r.nationalities:
            return "TRANSIT_VISA"
    return None


def check_days(ds, case, dep, as_of):
    """Allowed fit-to-travel check days for a departure date (2.10)."""
    cl = ds.clinics[case.clinic]
    days = [dep - dt.timedelta(days=k) for k in (3, 2, 1)]
    return [d for d in days if d >= as_of and d not in cl.closed]


class UnitFacts:
    """A unit's derived facts on one departure date (SPEC 1), summed
    over its cases: what its column puts on every limit."""
    __slots__ = ("persons", "cases", "plain", "stretchers", "ssr", "need", "med", "kind")

    def __init__(self, facts, kind="resettlement"):
        self.kind = kind           # linked cases share one (SPEC 1)
        self.persons = sum(f.persons for f in facts)
        self.cases = len(facts)
        self.plain = sum(f.plain for f in facts)
        self.stretchers = sum(f.stretchers for f in facts)
        self.ssr = {}
        for f in facts:
            for code, n in f.ssr.items():
                if n:
                    self.ssr[code] = self.ssr.get(code, 0) + n
        self.need = sum(f.need_escort for f in facts)
        self.med = sum(f.need_medical for f in facts)

    def seats(self, flight):
        return self.plain + self.stretchers * flight.stretcher_seats


class Model:
    """Units, itineraries and the eligible columns of a dataset."""

    def __init__(self, ds, weights=None):
        self.ds = ds
        self.w = weights or dict(cp.DEFAULT_WEIGHTS)
        self.as_of = ds.mission.as_of
        self.last_day = self.as_of + dt.timedelta(days=ds.mission.horizon)
        notice_day = {c: cp.working_day(self.as_of, r.notice, r.blackout)
                      for c, r in ds.arrival_rules.items() if r.notice}
        self.net = Network(ds, self.last_day, notice_day)
        self.itins = []            # itinerary index -> Itinerary
        self.itin_index = {}       # tuple of flight ids -> index
        self.reason = {}           # case id -> reason code when it has no column
        self.counts = {}           # case id -> {code: itineraries excluded}
        self.n_pairs = 0           # (case, itinerary) pairs of SPEC 2, history excluded
        self.n_cases_counted = 0
        self.days_cache = {}
        self.cover_cache = {}
        self.classify_bookings()
        self.build_units()
        self.build_columns()

    # -- bookings (2.12), as check_plan classifies them

    def classify_bookings(self):
        ds = self.ds
        self.history, self.confirmed, self.void = {}, {}, set()
        for cid, b in sorted(ds.bookings.items()):
            if b.status == "proposed":
                continue
            fl = [ds.flights.get(x) for x in b.flights]
            if b.status == "confirmed" and any(f is None or f.cancelled for f in fl):
                self.void.add(cid)
            elif b.status == "travelled" or fl[0].departs.date <= self.as_of:
                self.history[cid] = b
            else:
                self.confirmed[cid] = b

    def itin(self, it):
        t = self.itin_index.get(it.ids)
        if t is None:
            t = self.itin_index[it.ids] = len(self.itins)
            self.itins.append(it)
        return t

    # -- units: linked cases tied (2.2); confirmed cases fixed apart

    def build_units(self):
        ds = self.ds
        groups = {}
        for cid in sorted(ds.cases):
            if cid not in self.history:
                groups.setdefault(ds.cases[cid].link or "#" + cid, []).append(cid)
        self.units = []            # (case ids, fixed Itinerary or None, only-itinerary or None)
        for key in sorted(groups):
            cids = groups[key]
            fixed = [c for c in cids if c in self.confirmed]
            free = [c for c in cids if c not in self.confirmed]
            booked = []
            for c in fixed:
                it = self.net.make([ds.flights[x] for x in self.confirmed[c].flights])
                self.units.append(([c], it, None))
                if it.ids not in [b.ids for b in booked]:
                    booked.append(it)
            if free:
                # the others may only join the confirmed itinerary
                only = None if not fixed else (booked if len(booked) == 1 else [])
                self.units.append((free, None, only))

    # -- columns

    def build_columns(self):
        """self.cols: per unit, a list of (itinerary index, UnitFacts)."""
        ds = self.ds
        self.cols = []
        self.wins = {cid: Window(ds.cases[cid], self.as_of) for cid in ds.cases}
        for cids, fixed, only in self.units:
            if fixed is not None:
                self.cols.append([(self.itin(fixed), self.unit_facts(cids, fixed.dep))])
                self.count_pairs(cids[0])
                continue
            its = {}
            for c in cids:
                its[c] = self.count_pairs(c)
            cand = its[cids[0]] if only is None else only
            common = [set(x.ids for x in its[c]) for c in cids[1:]] if only is None else []
            cols = []
            for it in cand:
                if not all(it.ids in s for s in common):
                    continue
                ok = True
                for c in cids:
                    code = self.exclude(c, it)
                    if code:
                        cnt = self.counts.setdefault(c, {})
                        cnt[code] = cnt.get(code, 0) + 1
                        ok = False
                if not ok:
                    continue
                uf = self.unit_facts(cids, it.dep)
                if self.escort_possible(uf, it.dep):
                    cols.append((self.itin(it), uf))
            self.cols.append(cols)
            for c in cids:
                if not cols:
                    self.reason[c] = self.no_column_code(c, its[c], cids, only)

    def unit_facts(self, cids, dep):
        return UnitFacts([cp.Facts(self.ds.cases[c], dep) for c in cids], self.ds.cases[cids[0]].kind)

    def count_pairs(self, cid):
        case = self.ds.cases[cid]
        its = self.net.itineraries(case.origin, case.dest_airport, case.dest_country)
        self.n_pairs += len(its)
        self.n_cases_counted += 1
        return its

    def exclude(self, cid, it):
        case = self.ds.cases[cid]
        code = own_code(self.ds, case, self.wins[cid], it, self.as_of)
        if code is None and case.clinic and not self.check_days(case, it.dep):
            code = "CLINIC"
        return code

    def check_days(self, case, dep):
        key = (case.clinic, dep)
        got = self.days_cache.get(key)
        if got is None:
            got = self.days_cache[key] = check_days(self.ds, case, dep, self.as_of)
        return got

    def escort_possible(self, uf, dep):
        """Some escorts available that day could cover the unit at all."""
        if not uf.need:
            return True
        cover = self.cover_cache.get(dep)
        if cover is None:
            avail = [e for e in self.ds.escorts.values() if e.frm <= dep <= e.to]
            cover = self.cover_cache[dep] = (sum(e.covers for e in avail),
                                             sum(e.covers for e in avail if e.kind == "medical"))
        return cover[0] >= uf.need and cover[1] >= uf.med

    def no_column_code(self, cid, its, cids, only):
        counts = self.counts.get(cid) or {}
        if not its:
            return "NO_ROUTE"
        if self.wins[cid].code:
            return self.wins[cid].code
        if counts:
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if only is not None or len(cids) > 1:
            return "LINKED_CASE"
        return "NO_ESCORT"

    # -- sizes

    def unit_value(self, cids):
        return sum(len(self.ds.cases[c].members) * self.w[self.ds.cases[c].priority] for c in cids)

    def stats(self):
        ds = self.ds
        live = [c for c in ds.cases if c not in self.history]
        with_col = set()
        demand = 0.0
        for (cids, _, _), cols in zip(self.units, self.cols):
            if cols:
                with_col.update(cids)
                demand += self.unit_value(cids)
        return {"cases": len(ds.cases), "persons": sum(len(c.members) for c in ds.cases.values()),
                "flights": len(ds.flights), "quotas": len(ds.quotas), "escorts": len(ds.escorts),
                "itineraries_per_case": round(self.n_pairs / max(1, self.n_cases_counted), 1),
                "eligible_pairs": sum(len(c) for c in self.cols),
                "ineligible_share": round(1 - len(with_col) / max(1, len(live)), 4),
                "weighted_eligible_demand": demand}


# ---------------------------------------------------------------- LP writer (streamed)

class LpWriter:
    def __init__(self, out):
        self.out = out
        self.buf = []
        self.size = 0

    def put(self, s):
        self.buf.append(s)
        self.size += 1
        if self.size > 4096:
            self.flush()

    def flush(self):
        self.out.write("".join(self.buf))
        self.buf, self.size = [], 0

    @staticmethod
    def terms(pairs):
        """' + 3 x1 - x2' lines of at most 8 terms."""
        parts = []
        for i, (coef, var) in enumerate(pairs):
            if i and i % 8 == 0:
                parts.append("\n  ")
            if coef == 1:
                parts.append(" + " + var)
            elif coef == -1:
                parts.append(" - " + var)
            elif coef > 0:
                parts.append(" + %s %s" % (num(coef), var))
            else:
                parts.append(" - %s %s" % (num(-coef), var))
        return "".join(parts)

    def row(self, name, pairs, sense, rhs):
        if pairs:
            self.put(" %s:%s %s %s\n" % (name, self.terms(pairs), sense, num(rhs)))


# A check day earlier than the latest allowed one costs TIE per day in
# the objective: ties between a unit's check-day columns are broken the
# way SPEC 2 breaks them (the latest allowed day), which spares the
# simplex most of its degenerate pivots.  It moves the optimum by less
# than TIE x 2 x cases (under 0.5 at 20,000 cases): level 1 is read from
# the plan, never from the solver's objective.
TIE = 1e-5


def earlier_days(name):
    """Days before the latest allowed check day, over a column's cases."""
    code = int(name.rsplit("_", 1)[1])
    days = 0
    while code:
        days += max(code % 4 - 1, 0)
        code //= 4
    return days


def num(v):
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def safe(s):
    return re.sub(r"[^A-Za-z0-9_.]", "_", s)


def write_model(m, path):
    """Writes MODEL.lp and MODEL.lp.map.json; returns the column counts."""
    ds = m.ds
    mp = {"itins": [], "units": [], "escorts": sorted(ds.escorts), "classes": [],
          "as_of": m.as_of.isoformat(), "weights": m.w}
    with open(path, "w") as f:
        w = LpWriter(f)
        counts = Writer(m, w, mp).run()
        w.flush()
    mp["itins"] = [list(it.ids) for it in m.itins]
    with open(path + ".map.json", "w") as f:
        json.dump(mp, f)
    return counts


class Writer:
    """Writes the model's sections in order, deriving each row from the
    columns without holding the rows (only column lists per itinerary)."""

    def __init__(self, m, w, mp):
        self.m, self.w, self.mp = m, w, mp
        self.ds = m.ds
        self.day0 = m.as_of
        self.esc_idx = {e: i for i, e in enumerate(mp["escorts"])}
        self.latest_day = os.environ.get("REF_LATEST_DAY") == "1"  # TUNING
        self.prepare()

    def dayn(self, d):
        return (d - self.day0).days

    def prepare(self):
        """Columns: one per unit, itinerary and choice of check days of
        its cases with a clinic (SPEC 2.10), so that no row links them."""
        m = self.m
        self.on_itin = {}          # itinerary -> [(var name, UnitFacts, fixed)]
        self.fixed = []            # per confirmed unit: its var names, one must be 1
        self.unit_vars = []
        self.clinic_use = {}       # (clinic, day) -> [(persons, var)]
        self.fixed_clinic = {}     # (clinic, day) -> persons of confirmed check dates
        for u, ((cids, fixed, _), cols) in enumerate(zip(m.units, m.cols)):
            self.mp["units"].append(cids)
            names = []
            for t, uf in cols:
                for k, (code, days) in enumerate(self.day_choices(cids, fixed, m.itins[t].dep)):
                    name = "x%d_%d_%d" % (u, t, code)
                    names.append(name)
                    # a confirmed booking's use counts once, on its first choice
                    self.on_itin.setdefault(t, []).append((name, uf, fixed is not None and k == 0))
                    per_day = {}
                    for c, d in days:
                        key = (self.ds.cases[c].clinic, d)
                        per_day[key] = per_day.get(key, 0) + len(self.ds.cases[c].members)
                    for key, persons in per_day.items():
                        self.clinic_use.setdefault(key, []).append((persons, name))
            if fixed is not None:
                self.fixed.append(names)
            self.unit_vars.append(names)
        self.escort_setup()

    def day_choices(self, cids, fixed, dep):
        """(code, [(case, check day)]) for every choice of check days of
        the unit's cases with a clinic; code holds 4-ary digits, one per
        case of the unit in order: days before departure, 0 for none."""
        m, ds = self.m, self.ds
        out = [(0, [])]
        for i, c in enumerate(cids):
            case = ds.cases[c]
            if not case.clinic:
                continue
            b = m.confirmed.get(c) if fixed is not None else None
            if b is not None and b.ftt:
                key = (case.clinic, b.ftt)
                self.fixed_clinic[key] = self.fixed_clinic.get(key, 0) + len(case.members)
                continue
            allowed = m.check_days(case, dep)
            if self.latest_day:
                allowed = allowed[-1:]
            out = [(code + (dep - d).days * 4 ** i, days + [(c, d)])
                   for code, days in out for d in allowed]
        return out

    # -- escorts: classes, fixed trips, relevant itineraries

    def escort_setup(self):
        m, ds = self.m, self.ds
        classes = sorted({(e.kind, e.covers) for e in ds.escorts.values()})
        self.classes = classes
        self.mp["classes"] = [list(k) for k in classes]
        self.cls_of = {e.id: classes.index((e.kind, e.covers)) for e in ds.escorts.values()}
        # escort trips fixed by confirmed bookings, and history trips (turnaround)
        self.fixed_trips = {}      # itinerary -> set of escort ids
        busy = {}                  # escort -> dates of fixed or history trips
        for cid, b in m.confirmed.items():
            if b.escorts:
                t = m.itin_index.get(tuple(b.flights))
                if t is None:
                    continue
                self.fixed_trips.setdefault(t, set()).update(b.escorts)
                for e in b.escorts:
                    busy.setdefault(e, set()).add(ds.flights[b.flights[0]].departs.date)
        for cid, b in m.history.items():
            f0 = ds.flights.get(b.flights[0])
            for e in b.escorts:
                if f0:
                    busy.setdefault(e, set()).add(f0.departs.date)
        self.mp["fixed_trips"] = {str(t): sorted(v) for t, v in self.fixed_trips.items()}
        self.need = {}             # itinerary -> [(var, need, med, fixed)]
        for t, vs in self.on_itin.items():
            for name, uf, fx in vs:
                if uf.need:
                    self.need.setdefault(t, []).append((name, uf.need, uf.med, fx))
        self.E = {}                # itinerary -> [(class, var, escorts available)]
        self.trip_days = {}        # (class, day) -> [E vars]
        avail = {}
        for t in sorted(self.need):
            dep = m.itins[t].dep
            for k in range(len(classes)):
                key = (k, dep)
                if key not in avail:
                    avail[key] = sum(1 for e in ds.escorts.values()
                                     if self.cls_of[e.id] == k and e.frm <= dep <= e.to)
                if avail[key]:
                    var = "E%d_%d" % (k, t)
                    self.E.setdefault(t, []).append((k, var, avail[key]))
                    self.trip_days.setdefault(key, []).append(var)
        self.n = {}                # (class, day) -> [n vars]
        self.n_by_escort = {}      # escort -> [(day, var)]
        for (k, day) in sorted(self.trip_days):
            for eid in sorted(ds.escorts):
                e = ds.escorts[eid]
                if self.cls_of[eid] != k or not e.frm <= day <= e.to:
                    continue
                if any(abs((day - b).days) < e.turnaround for b in busy.get(eid, ())):
                    continue
                var = "n%d_%d" % (self.esc_idx[eid], self.dayn(day))
                self.n.setdefault((k, day), []).append(var)
                self.n_by_escort.setdefault(eid, []).append((day, var))

    # -- the file

    def run(self):
        w = self.w
        w.put("\\ movplan compact reference model of SPEC 2, level 1 (tests/checker/ref_model.py)\n")
        w.put("maximize\n obj:")
        terms = []
        for u, names in enumerate(self.unit_vars):
            if names:
                v = self.m.unit_value(self.m.units[u][0])
                terms.extend((v - TIE * earlier_days(n), n) for n in names)
        w.put(w.terms(terms) if terms else " 0 x_none")
        w.put("\nsubject to\n")
        self.rows_units()
        self.rows_flights()
        self.rows_quotas()
        self.rows_clinics()
        self.rows_escorts()
        return self.tail()

    def rows_units(self):
        for u, names in enumerate(self.unit_vars):
            if len(names) > 1:
                self.w.row("one_%d" % u, [(1, n) for n in names], "<=", 1)
        for names in self.fixed:
            self.w.row("fix_%s" % names[0].split("_")[0], [(1, n) for n in names], "=", 1)

    def rows_flights(self):
        m, ds = self.m, self.ds
        by = {}
        for t in set(self.on_itin) | set(self.E) | set(self.fixed_trips):
            for f in m.itins[t].legs:
                by.setdefault(f.id, []).append(t)
        for fid in sorted(by):
            f = ds.flights[fid]
            ts = sorted(by[fid])
            seat, fixed_seat, n_fixed_esc = [], 0, 0
            ssr, fixed_ssr = {}, {}
            limits = f.limits
            for t in ts:
                for name, uf, fx in self.on_itin.get(t, ()):
                    sts = uf.plain + uf.stretchers * f.stretcher_seats
                    if sts:
                        seat.append((sts, name))
                        if fx:
                            fixed_seat += sts
                    for code, n in uf.ssr.items():
                        if code in limits:
                            ssr.setdefault(code, []).append((n, name))
                            if fx:
                                fixed_ssr[code] = fixed_ssr.get(code, 0) + n
                seat.extend((1, var) for _, var, _ in self.E.get(t, ()))
                n_fixed_esc += len(self.fixed_trips.get(t, ()))
            fixed_seat += n_fixed_esc
            self.w.row("seat_%s" % safe(fid), seat, "<=", max(f.seats, fixed_seat) - n_fixed_esc)
            for code in sorted(ssr):
                self.w.row("ssr_%s_%s" % (safe(fid), code), ssr[code], "<=",
                           max(limits[code], fixed_ssr.get(code, 0)))

    def rows_quotas(self):
        m, ds = self.m, self.ds
        arrivals = {}              # (airport, day) -> [itineraries]
        for t in sorted(self.on_itin):
            it = m.itins[t]
            arrivals.setdefault((it.last_to, it.arr), []).append(t)
        hist = []
        for cid, b in m.history.items():
            last = ds.flights.get(b.flights[-1])
            if last:
                hist.append((last.to, last.arrives.date, len(ds.cases[cid].members), ds.cases[cid].kind))
        for qid in sorted(ds.quotas):
            q = ds.quotas[qid]

            def hits(ap, day):
                return ds.airports[ap].country == q.country and (q.airport is None or q.airport == ap) \
                    and q.frm <= day <= q.to
            # SPEC 1: a quota counts only the kinds of case it lists
            hp = sum(n for ap, day, n, k in hist if hits(ap, day) and k in q.kinds)
            hc = sum(1 for ap, day, n, k in hist if hits(ap, day) and k in q.kinds)
            pp, cc, fp, fc = [], [], 0, 0
            for (ap, day), ts in sorted(arrivals.items()):
                if not hits(ap, day):
                    continue
                for t in ts:
                    for name, uf, fx in self.on_itin[t]:
                        if uf.kind not in q.kinds:
                            continue
                        pp.append((uf.persons, name))
                        cc.append((uf.cases, name))
                        if fx:
                            fp += uf.persons
                            fc += uf.cases
            self.w.row("qp_%s" % safe(qid), pp, "<=", max(q.max_persons - hp, fp))
            if q.max_cases is not None:
                self.w.row("qc_%s" % safe(qid), cc, "<=", max(q.max_cases - hc, fc))

    def rows_clinics(self):
        ds = self.ds
        for (clinic, day) in sorted(self.clinic_use):
            cap = ds.clinics[clinic].capacity
            fx = self.fixed_clinic.get((clinic, day), 0)
            self.w.row("clin_%s_%d" % (safe(clinic), self.dayn(day)), self.clinic_use[(clinic, day)],
                       "<=", max(cap - fx, 0))

    def rows_escorts(self):
        ds = self.ds
        for t in sorted(self.need):
            fixed = self.fixed_trips.get(t, set())
            cov = sum(ds.escorts[e].covers for e in fixed)
            mcov = sum(ds.escorts[e].covers for e in fixed if ds.escorts[e].kind == "medical")
            es = self.E.get(t, ())
            rows = self.need[t]
            fneed = sum(n for _, n, _, fx in rows if fx)
            fmed = sum(md for _, _, md, fx in rows if fx)
            self.w.row("cov_%d" % t, [(n, name) for name, n, _, _ in rows]
                       + [(-self.classes[k][1], var) for k, var, _ in es], "<=", max(cov, fneed))
            med = [(md, name) for name, _, md, _ in rows if md]
            if med:
                self.w.row("med_%d" % t, med + [(-self.classes[k][1], var) for k, var, _ in es
                                                if self.classes[k][0] == "medical"], "<=", max(mcov, fmed))
        for (k, day), evars in sorted(self.trip_days.items()):
            ns = self.n.get((k, day), [])
            self.w.row("esc_%d_%d" % (k, self.dayn(day)), [(1, v) for v in ns] + [(-1, v) for v in evars], "=", 0)
        for eid, trips in sorted(self.n_by_escort.items()):
            turn = ds.escorts[eid].turnaround
            trips.sort()
            prev = None
            for i, (d, _) in enumerate(trips):
                window = [v for d2, v in trips[i:] if (d2 - d).days < turn]
                if len(window) > 1 and (prev is None or not set(window) <= prev):
                    self.w.row("turn_%d_%d" % (self.esc_idx[eid], self.dayn(d)), [(1, v) for v in window], "<=", 1)
                prev = set(window)

    def tail(self):
        w = self.w
        xs = [n for names in self.unit_vars for n in names]
        ns = [v for vs in self.n.values() for v in vs]
        evars = [(var, cap) for es in self.E.values() for _, var, cap in es]
        if evars:
            w.put("bounds\n")
            for var, cap in evars:
                w.put(" 0 <= %s <= %d\n" % (var, cap))
            w.put("general\n")
            for i in range(0, len(evars), 10):
                w.put(" " + " ".join(v for v, _ in evars[i:i + 10]) + "\n")
        binaries = xs + ns
        if binaries:
            w.put("binary\n")
            for i in range(0, len(binaries), 10):
                w.put(" " + " ".join(binaries[i:i + 10]) + "\n")
        w.put("end\n")
        return {"x": len(xs), "E": len(evars), "n": len(ns)}


# ---------------------------------------------------------------- solutions back to plans

def read_cbc(path):
    """CBC's `solu` file: a status line, then 'index name value reduced'."""
    vals, status = {}, ""
    with open(path) as f:
        status = f.readline().strip()
        for line in f:
            p = line.split()
            if p and p[0] == "**":
                p = p[1:]
            if len(p) >= 3:
                try:
                    vals[p[1]] = float(p[2])
                except ValueError:
                    pass
    return vals, status


def read_glpsol(path):
    """glpsol's `-o` report: the column section, names that may wrap."""
    vals, status = {}, ""
    with open(path) as f:
        lines = f.read().splitlines()
    for line in lines:
        if line.startswith("Status:"):
            status = line.split(":", 1)[1].strip()
    try:
        start = next(i for i, l in enumerate(lines) if l.split()[:3] == ["No.", "Column", "name"]) + 2
    except StopIteration:
        return vals, status
    pending = None
    for line in lines[start:]:
        p = line.split()
        if not p:
            if pending is None:
                break
            continue
        if p[0].isdigit() and len(p) == 2:       # a long name: values on the next line
            pending = p[1]
            continue
        if pending is not None:
            name, rest = pending, p
            pending = None
        elif p[0].isdigit() and len(p) >= 3:
            name, rest = p[1], p[2:]
        else:
            break
        if rest and rest[0] == "*":
            rest = rest[1:]
        try:
            vals[name] = float(rest[0])
        except (ValueError, IndexError):
            pass
    return vals, status


def to_plan(ds, mp, vals, weights=None, status="feasible"):
    """movplan's plan JSON from a solution's column values."""
    m = Model(ds, weights)
    itins = [tuple(x) for x in mp["itins"]]
    flights = ds.flights
    on = {}                        # itinerary -> [case ids]
    assigned, ftt = {}, {}
    for name, v in vals.items():
        if v > 0.5 and name.startswith("x"):
            u, t, code = (int(s) for s in name[1:].split("_"))
            dep = flights[itins[t][0]].departs.date
            for i, c in enumerate(mp["units"][u]):
                assigned[c] = t
                on.setdefault(t, []).append(c)
                back = code // 4 ** i % 4
                if back:
                    ftt[c] = dep - dt.timedelta(days=back)
    for c, b in m.confirmed.items():
        if b.ftt and c in assigned:
            ftt[c] = b.ftt
    escorts_on = escort_trips(ds, mp, vals, itins)
    for t, es in (mp.get("fixed_trips") or {}).items():
        escorts_on.setdefault(int(t), set()).update(es)
    assignments = []
    for c in sorted(assigned):
        t = assigned[c]
        legs = [flights[x] for x in itins[t]]
        a = {"case": c, "flights": list(itins[t]), "departs": legs[0].departs.text,
             "arrives": legs[-1].arrives.text}
        if c in ftt:
            a["ftt_date"] = ftt[c].isoformat()
        if escorts_on.get(t):
            a["escorts"] = sorted(escorts_on[t])
        a["status"] = "confirmed" if c in m.confirmed and list(itins[t]) == m.confirmed[c].flights else "proposed"
        assignments.append(a)
    trips = [{"escort": e, "flights": list(itins[t]), "departs": flights[itins[t][0]].departs.text,
              "cases": sorted(on.get(t, []))}
             for t in sorted(escorts_on) for e in sorted(escorts_on[t])]
    unassigned = [{"case": c, "reasons": [{"code": m.reason.get(c, "NOT_SELECTED")}]}
                  for c in sorted(ds.cases) if c not in assigned and c not in m.history]
    conflicts = [{"case": c, "rule": "2.12", "code": "VOID_BOOKING", "detail": "booked on a cancelled flight"}
                 for c in sorted(m.void)]
    level1 = sum(len(ds.cases[c].members) * m.w[ds.cases[c].priority] for c in assigned)
    plan = {"id": "ref-model", "scenario": "baseline", "as_of": m.as_of.isoformat(), "status": status,
            "options": {"weights": m.w},
            "objective": {"weighted_persons": level1, "changes": 0, "waiting": 0, "cost": 0},
            "assignments": assignments, "unassigned": unassigned, "conflicts": conflicts,
            "escort_trips": trips}
    add_booking_conflicts(ds, plan)
    return {"movplan": 1, "plan": plan}


def escort_trips(ds, mp, vals, itins):
    """Concrete escorts per itinerary: per class and day, the escorts
    starting a trip (n) go to that day's itineraries (E), in order."""
    classes = [tuple(k) for k in mp["classes"]]
    as_of = dt.date.fromisoformat(mp["as_of"])
    starts = {}                    # (class, day) -> [escort ids]
    for name, v in sorted(vals.items()):
        if v > 0.5 and name.startswith("n"):
            ei, d = (int(s) for s in name[1:].split("_"))
            eid = mp["escorts"][ei]
            e = ds.escorts[eid]
            k = classes.index((e.kind, e.covers))
            starts.setdefault((k, as_of + dt.timedelta(days=d)), []).append(eid)
    slots = []
    for name, v in vals.items():
        if name.startswith("E") and v > 0.5:
            k, t = (int(s) for s in name[1:].split("_"))
            slots.append((k, t, int(round(v))))
    out = {}
    for k, t, count in sorted(slots):
        day = ds.flights[itins[t][0]].departs.date
        pool = sorted(starts.get((k, day), []))
        take, starts[(k, day)] = pool[:count], pool[count:]
        out.setdefault(t, set()).update(take)
    return out


def add_booking_conflicts(ds, plan):
    """Kept confirmed bookings that break a rule are listed in conflicts
    (SPEC 2.12): the checker says which, the plan lists them."""
    c = cp.Checker(ds, plan, None, False, False)
    c.run()
    listed = {(x["case"], x["rule"]) for x in plan["conflicts"]}
    for v in c.out:
        if v.allowed_if_listed:
            for cid in v.fixed_cases:
                if (cid, v.rule) not in listed:
                    listed.add((cid, v.rule))
                    plan["conflicts"].append({"case": cid, "rule": v.rule, "code": rule_code(v.rule),
                                              "detail": v.msg})
    plan["conflicts"].sort(key=lambda x: (x["case"], x["rule"]))


def rule_code(rule):
    for code, r in cp.CODE_RULE.items():
        if r == rule and code not in ("NO_ROUTE", "VOID_BOOKING"):
            return code
    return "CAPACITY"


# ---------------------------------------------------------------- command line

USAGE = ("usage: ref_model.py DATASET... -o MODEL.lp [--weights e=100,u=10,n=1] [--stats]\n"
         "       ref_model.py DATASET... --map MODEL.lp.map.json --solution SOL "
         "[--solver cbc|glpsol] --out PLAN.json")


def main(argv):
    paths, opts = [], {}
    flags = {"--stats"}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in flags:
            opts[a] = True
        elif a in ("-o", "--out", "--map", "--solution", "--solver", "--weights"):
            if i + 1 >= len(argv):
                print(USAGE, file=sys.stderr)
                return 2
            opts[a] = argv[i + 1]
            i += 1
        elif a in ("-h", "--help"):
            print(USAGE)
            return 0
        elif a.startswith("-"):
            print("ref_model: unknown option '%s'\n%s" % (a, USAGE), file=sys.stderr)
            return 2
        else:
            paths.append(a)
        i += 1
    if not paths:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        ds = cp.load_dataset(paths)
        weights = cp.parse_weights(opts["--weights"]) if "--weights" in opts else None
    except (cp.InputError, ValueError) as e:
        print("ref_model: %s" % e, file=sys.stderr)
        return 2
    if "--solution" in opts:
        return convert(ds, opts, weights)
    model = Model(ds, weights)
    if "-o" in opts:
        counts = write_model(model, opts["-o"])
        print("ref_model: wrote %s: %s" % (opts["-o"], ", ".join("%s %d" % kv for kv in counts.items())),
              file=sys.stderr)
    if "--stats" in opts or "-o" not in opts:
        print(json.dumps(model.stats(), sort_keys=True))
    return 0


def convert(ds, opts, weights):
    mpath = opts.get("--map")
    if not mpath or "--out" not in opts:
        print(USAGE, file=sys.stderr)
        return 2
    with open(mpath) as f:
        mp = json.load(f)
    if weights is None:
        weights = mp.get("weights")
    solver = opts.get("--solver", "cbc")
    vals, status = (read_glpsol if solver == "glpsol" else read_cbc)(opts["--solution"])
    if not any(n.startswith("x") and v > 0.5 for n, v in vals.items()) and "nfeasible" in status:
        print("ref_model: %s: no solution (%s)" % (opts["--solution"], status), file=sys.stderr)
        return 1
    optimal = status.lower().startswith("optimal") or "INTEGER OPTIMAL" in status
    plan = to_plan(ds, mp, vals, weights, "optimal" if optimal else "feasible")
    with open(opts["--out"], "w") as f:
        json.dump(plan, f, indent=1)
        f.write("\n")
    print("ref_model: %s: level 1 %s, %d assigned" % (opts["--out"], cp.fmt(plan["plan"]["objective"]["weighted_persons"]),
                                                      len(plan["plan"]["assignments"])), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
