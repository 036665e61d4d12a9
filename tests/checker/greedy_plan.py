#!/usr/bin/env python3
"""greedy_plan.py - a simple greedy planner, for testing the checker.

    greedy_plan.py DATASET.json... [--out PLAN.json] [--stats]

Builds a feasible (not optimal) plan by SPEC 2: confirmed bookings first,
then cases by priority weight x persons, each on its earliest itinerary
that still fits every limit.  It exists to give the checker realistic
plans to accept (tests/checker/test_examples.py) and to show how tight a
dataset is (--stats); it is not the product's planner and shares no code
with it.  It reuses check_plan's reader and derived facts.
"""
import datetime as dt
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plan as cp  # noqa: E402


class Greedy:
    def __init__(self, ds, weights=None):
        self.ds = ds
        self.w = weights or dict(cp.DEFAULT_WEIGHTS)
        self.as_of = ds.mission.as_of
        self.last_day = self.as_of + dt.timedelta(days=ds.mission.horizon)
        self.by_from = {}
        for f in ds.flights.values():
            if not f.cancelled and f.departs.date <= self.last_day:
                self.by_from.setdefault(f.frm, []).append(f)
        for v in self.by_from.values():
            v.sort(key=lambda f: (f.departs.utc, f.id))
        self.seats = {}
        self.ssr = {}
        self.quota = {q: [0, 0] for q in ds.quotas}
        self.clinic = {}
        self.trips = {}        # escort -> list of [date, fids, cases]
        self.cover = {}        # fids -> [need, med, escorts]
        self.assign = {}
        self.reasons = {}
        self.conflicts = []

    # -- itineraries

    def itineraries(self, case):
        ds, out = self.ds, []

        def ok_end(f):
            if case.dest_airport:
                return f.to == case.dest_airport
            return ds.airports[f.to].country == case.dest_country

        def walk(path):
            last = path[-1]
            if ok_end(last):
                out.append(tuple(path))
            if len(path) == 3:
                return
            ap = ds.airports[last.to]
            for f in self.by_from.get(last.to, []):
                gap = (f.departs.utc - last.arrives.utc).total_seconds() / 60
                if ap.mct <= gap <= ap.maxconn and f not in path:
                    walk(path + [f])

        for f in self.by_from.get(case.origin, []):
            if f.departs.date > self.as_of:
                walk([f])
        return out

    def case_ok(self, case, legs):
        """Case-level rules 2.3, 2.4, 2.8, 2.9; the failing code or None."""
        ds = self.ds
        dep, arr = legs[0].departs.date, legs[-1].arrives
        if dep < case.ready:
            return "NOT_READY"
        if case.visa and arr.date > case.visa:
            return "VISA_EXPIRY"
        if any(m.doc_expires and arr.date > m.doc_expires for m in case.members):
            return "DOCUMENT_EXPIRY"
        if case.kind == "return" and not all(m.has_doc for m in case.members):
            return "DOCUMENT_EXPIRY"
        if case.medical == "pending":
            return "MEDICAL_PENDING"
        if case.medical == "deferred" and (not case.deferred_until or case.deferred_until > dep):
            return "MEDICAL_DEFERRED"
        if case.medical == "cleared" and case.valid_until and case.valid_until < dep:
            return "MEDICAL_EXPIRED"
        for m in case.members:
            if m.preg and m.preg.weeks + (dep - m.preg.on).days // 7 >= (32 if m.preg.multiple else 36):
                return "PREGNANCY"
        rule = ds.arrival_rules.get(ds.airports[legs[-1].to].country)
        if rule and case.priority not in rule.exempt:
            day = arr.date
            if ((rule.no_weekend and day.weekday() >= 5) or day in rule.blackout
                    or (rule.earliest is not None and arr.tod < rule.earliest)
                    or (rule.latest is not None and arr.tod > rule.latest)
                    or (rule.notice and day < cp.working_day(self.as_of, rule.notice, rule.blackout))):
                return "ARRIVAL_RULE"
        for f in legs[:-1]:
            c = ds.airports[f.to].country
            r = ds.transit_rules.get(c)
            if c != case.dest_country and r and case.dest_country not in r.exempt \
                    and any(m.nationality in r.nationalities for m in case.members):
                return "TRANSIT_VISA"
        return None

    # -- limits

    def quotas_of(self, legs, kind):
        """The quotas an arrival on legs counts against, for a case of kind."""
        last = legs[-1]
        country = self.ds.airports[last.to].country
        day = last.arrives.date
        return [q for q in self.ds.quotas.values() if q.country == country and kind in q.kinds
                and (q.airport is None or q.airport == last.to) and q.frm <= day <= q.to]

    def check_day(self, case, dep, persons):
        if not case.clinic:
            return None, True
        cl = self.ds.clinics[case.clinic]
        for back in (1, 2, 3):
            day = dep - dt.timedelta(days=back)
            if day < self.as_of or day in cl.closed:
                continue
            if self.clinic.get((cl.id, day), 0) + persons <= cl.capacity:
                return day, True
        return None, False

    def escort_plan(self, fids, dep, need, med, extra_escorts=()):
        """Escorts to add so that cover holds on itinerary fids; None if impossible."""
        have = self.cover.get(fids, [0, 0, []])
        escorts = list(have[2]) + list(extra_escorts)
        add = []

        def cover(kind=None):
            return sum(self.ds.escorts[e].covers for e in escorts + add
                       if kind is None or self.ds.escorts[e].kind == kind)
        tot_need, med_need = have[0] + need, have[1] + med
        cands = sorted(self.ds.escorts.values(), key=lambda e: (e.kind != "medical" if med else e.kind == "medical", e.id))
        for e in cands:
            if cover() >= tot_need and cover("medical") >= med_need:
                break
            if e.id in escorts or not e.frm <= dep <= e.to:
                continue
            if any(abs((d - dep).days) < e.turnaround for d, _, _ in self.trips.get(e.id, [])):
                continue
            if cover("medical") < med_need and e.kind != "medical":
                continue
            add.append(e.id)
        if cover() >= tot_need and cover("medical") >= med_need:
            return add
        return None

    def fits(self, unit, legs, fixed=False):
        """Whether the cases of unit fit together on legs; (ok, code, detail)."""
        ds = self.ds
        dep = legs[0].departs.date
        facts = {cid: cp.Facts(ds.cases[cid], dep) for cid in unit}
        fids = tuple(f.id for f in legs)
        need = sum(x.need_escort for x in facts.values())
        med = sum(x.need_medical for x in facts.values())
        add = []
        if need and not fixed:
            add = self.escort_plan(fids, dep, need, med)
            if add is None:
                return False, "NO_ESCORT", None
        for f in legs:
            seats = sum(x.seats(f) for x in facts.values()) + len(add)
            if self.seats.get(f.id, 0) + seats > f.seats and not fixed:
                return False, "CAPACITY", f.id
            for code, cap in f.limits.items():
                n = sum(x.ssr.get(code, 0) for x in facts.values())
                if n and self.ssr.get((f.id, code), 0) + n > cap and not fixed:
                    return False, "ASSISTANCE_LIMIT", f.id
        persons = sum(x.persons for x in facts.values())
        for q in self.quotas_of(legs, ds.cases[unit[0]].kind):
            used = self.quota[q.id]
            if not fixed and (used[0] + persons > q.max_persons
                              or (q.max_cases is not None and used[1] + len(unit) > q.max_cases)):
                return False, "QUOTA", q.id
        days = {}
        for cid in unit:
            case = ds.cases[cid]
            if case.clinic:
                day, ok = self.check_day(case, dep, len(case.members) + sum(
                    len(ds.cases[o].members) for o in unit if o != cid and ds.cases[o].clinic == case.clinic))
                if not ok and not fixed:
                    return False, "CLINIC", case.clinic
                days[cid] = day
        return True, None, (facts, add, days)

    def commit(self, unit, legs, got, status="proposed", ftt=None, escorts=None):
        ds = self.ds
        facts, add, days = got
        fids = tuple(f.id for f in legs)
        if escorts is not None:
            add = [e for e in escorts if e not in self.cover.get(fids, [0, 0, []])[2]]
        cov = self.cover.setdefault(fids, [0, 0, []])
        for e in add:
            cov[2].append(e)
            self.trips.setdefault(e, []).append([legs[0].departs.date, fids, []])
        for f in legs:
            self.seats[f.id] = self.seats.get(f.id, 0) + sum(x.seats(f) for x in facts.values()) + len(add)
            for code in cp.ALL_SSR:
                n = sum(x.ssr.get(code, 0) for x in facts.values())
                if n:
                    self.ssr[(f.id, code)] = self.ssr.get((f.id, code), 0) + n
        for q in self.quotas_of(legs, ds.cases[unit[0]].kind):
            self.quota[q.id][0] += sum(x.persons for x in facts.values())
            self.quota[q.id][1] += len(unit)
        for cid in unit:
            case = ds.cases[cid]
            cov[0] += facts[cid].need_escort
            cov[1] += facts[cid].need_medical
            day = ftt if ftt else days.get(cid)
            if case.clinic and day:
                self.clinic[(case.clinic, day)] = self.clinic.get((case.clinic, day), 0) + len(case.members)
            self.assign[cid] = (legs, status, day)

    # -- the run

    def history(self):
        ds = self.ds
        hist = set()
        for cid, b in ds.bookings.items():
            fl = [ds.flights.get(x) for x in b.flights]
            if b.status == "proposed" or any(f is None or f.cancelled for f in fl):
                if b.status == "confirmed":
                    self.conflicts.append({"case": cid, "rule": "2.12", "code": "VOID_BOOKING",
                                           "detail": "booked on a cancelled or removed flight"})
                continue
            if b.status == "travelled" or fl[0].departs.date <= self.as_of:
                hist.add(cid)
                for q in self.quotas_of(fl, ds.cases[cid].kind):
                    self.quota[q.id][0] += len(ds.cases[cid].members)
                    self.quota[q.id][1] += 1
                for e in b.escorts:
                    self.trips.setdefault(e, []).append([fl[0].departs.date, tuple(b.flights), [cid]])
        return hist

    def run(self):
        ds = self.ds
        hist = self.history()
        for cid, b in sorted(ds.bookings.items()):
            if b.status == "confirmed" and cid not in hist and all(
                    x in ds.flights and not ds.flights[x].cancelled for x in b.flights):
                legs = [ds.flights[x] for x in b.flights]
                ok, _, got = self.fits([cid], legs, fixed=True)
                self.commit([cid], legs, got, "confirmed", b.ftt, b.escorts)
        units = {}
        for cid, c in ds.cases.items():
            if cid in hist or cid in self.assign:
                continue
            units.setdefault(c.link or ("#" + cid), []).append(cid)

        def key(unit):
            value = sum(len(ds.cases[c].members) * self.w[ds.cases[c].priority] for c in unit)
            return (-value, min(ds.cases[c].ready for c in unit), min(unit))
        for unit in sorted(units.values(), key=key):
            self.place(sorted(unit))
        return hist

    def place(self, unit):
        ds = self.ds
        if any(c in self.assign for c in unit):
            return
        case0 = ds.cases[unit[0]]
        its = self.itineraries(case0)
        if not its:
            for c in unit:
                self.reasons[c] = [{"code": "NO_ROUTE"}]
            return
        counts = {}
        full = {}
        for legs in sorted(its, key=lambda l: (l[0].departs.utc, l[-1].arrives.utc, [f.id for f in l])):
            codes = {self.case_ok(ds.cases[c], legs) for c in unit} - {None}
            if codes:
                for code in codes:
                    counts[code] = counts.get(code, 0) + 1
                continue
            ok, code, ref = self.fits(unit, legs)
            if ok:
                self.commit(unit, legs, ref)
                return
            full.setdefault(code, set()).add(ref)
        for c in unit:
            rs = []
            if ds.cases[c].medical == "pending":
                rs.append({"code": "MEDICAL_PENDING"})
            rs += [{"code": k, "count": n} for k, n in sorted(counts.items()) if k != "MEDICAL_PENDING"]
            rs += [{"code": k, "refs": sorted(x for x in v if x)} for k, v in sorted(full.items())]
            if len(unit) > 1:
                rs.append({"code": "LINKED_CASE"})
            self.reasons[c] = rs or [{"code": "NOT_SELECTED"}]

    # -- output

    def plan(self, hist):
        ds = self.ds
        assignments = []
        trips = []
        for e, ts in sorted(self.trips.items()):
            for d, fids, _ in ts:
                if any(ds.bookings.get(c) and c in hist for c in _):
                    continue
                cases = sorted(c for c, (legs, _, _) in self.assign.items() if tuple(f.id for f in legs) == fids)
                trips.append({"escort": e, "flights": list(fids), "departs": ds.flights[fids[0]].departs.text,
                              "cases": cases})
        for cid, (legs, status, day) in sorted(self.assign.items()):
            fids = tuple(f.id for f in legs)
            a = {"case": cid, "flights": list(fids), "departs": legs[0].departs.text,
                 "arrives": legs[-1].arrives.text}
            if day:
                a["ftt_date"] = day.isoformat()
            esc = sorted(self.cover.get(fids, [0, 0, []])[2])
            if esc:
                a["escorts"] = esc
            a["status"] = status
            assignments.append(a)
        level1 = sum(len(ds.cases[c].members) * self.w[ds.cases[c].priority] for c in self.assign)
        flights = [{"id": fid, "seats": ds.flights[fid].seats, "used": n} for fid, n in sorted(self.seats.items())]
        quotas = [{"id": q, "max_persons": ds.quotas[q].max_persons, "persons": u[0]}
                  for q, u in sorted(self.quota.items())]
        clinics = [{"clinic": c, "date": d.isoformat(), "persons": n, "capacity": ds.clinics[c].capacity}
                   for (c, d), n in sorted(self.clinic.items())]
        return {"movplan": 1, "plan": {
            "id": "greedy", "scenario": "baseline", "as_of": self.as_of.isoformat(), "status": "feasible",
            "options": {"weights": self.w},
            "objective": {"weighted_persons": level1, "changes": 0, "waiting": 0, "cost": 0},
            "assignments": assignments,
            "unassigned": [{"case": c, "reasons": r} for c, r in sorted(self.reasons.items())],
            "conflicts": self.conflicts, "flights": flights, "quotas": quotas, "clinics": clinics,
            "escort_trips": trips}}


def main(argv):
    out = None
    stats = "--stats" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if "--out" in argv:
        out = argv[argv.index("--out") + 1]
        paths.remove(out)
    ds = cp.load_dataset(paths)
    g = Greedy(ds)
    hist = g.run()
    plan = g.plan(hist)
    text = json.dumps(plan, indent=1) + "\n"
    if out:
        with open(out, "w") as f:
            f.write(text)
    elif not stats:
        sys.stdout.write(text)
    if stats:
        p = plan["plan"]
        moved = sum(len(ds.cases[a["case"]].members) for a in p["assignments"])
        print("assigned %d cases (%d persons), unassigned %d, level1 %s"
              % (len(p["assignments"]), moved, len(p["unassigned"]), p["objective"]["weighted_persons"]))
        for u in p["unassigned"]:
            print("  %s: %s" % (u["case"], ", ".join(r["code"] + ("(%s)" % ",".join(r.get("refs", [])) if r.get("refs") else "")
                                                   for r in u["reasons"])))
        for q in p["quotas"]:
            print("  quota %s: %d/%d" % (q["id"], q["persons"], q["max_persons"]))
        full = [f for f in p["flights"] if f["used"] >= f["seats"]]
        print("  full flights: %d of %d used" % (len(full), len(p["flights"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
