#!/usr/bin/env python3
"""check_reasons.py - checks the decisive reasons of a plan (SPEC 2).

    check_reasons.py DATASET... --plan PLAN.json

For every unassigned case: exactly one reason is marked decisive; when
it is a full limit (CAPACITY, ASSISTANCE_LIMIT, QUOTA, CLINIC, NO_ESCORT
naming the full limits in refs) or NOT_SELECTED, some itinerary passes
every rule of the case itself; when it is a rule of the case, none
does.  "Passes every rule of the case itself" is worked out here from
the spec: SPEC 2.3, 2.4, 2.8, 2.9 (check_plan's and greedy_plan's rule
code, not the planner's), the clinic having an open day 1-3 days before
departure with room for the case alone, and the case alone fitting each
leg's seats and assistance limits; linked cases must all pass.  Escort
availability is left out (a case needing an escort is not checked in
the direction "none passes").  Prints "reasons ok: N unassigned" or
the problems, exit 1.
"""
import datetime as dt
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plan as cp  # noqa: E402
import greedy_plan  # noqa: E402

LIMITS = ("CAPACITY", "ASSISTANCE_LIMIT", "QUOTA", "CLINIC", "NO_ESCORT")


def clinic_open(ds, case, dep):
    if not case.clinic:
        return True
    cl = ds.clinics[case.clinic]
    if cl.capacity < len(case.members):
        return False
    as_of = ds.mission.as_of
    return any(dep - dt.timedelta(days=b) >= as_of and dep - dt.timedelta(days=b) not in cl.closed
               for b in (1, 2, 3))


def fits_alone(case, legs):
    f = cp.Facts(case, legs[0].departs.date)
    for leg in legs:
        if f.seats(leg) > leg.seats:
            return False
        if any(f.ssr[k] > v for k, v in leg.limits.items()):
            return False
    return True


def passes(g, ds, case, legs):
    return (g.case_ok(case, legs) is None and clinic_open(ds, case, legs[0].departs.date)
            and fits_alone(case, legs))


def own_itineraries(g, ds, cid):
    """Itineraries (as flight id tuples) passing every rule of the case
    and of every case linked to it."""
    case = ds.cases[cid]
    ok = {tuple(f.id for f in legs) for legs in g.itineraries(case) if passes(g, ds, case, legs)}
    for other in ds.cases.values():
        if other.id == cid or not case.link or other.link != case.link:
            continue
        b = ds.bookings.get(other.id)
        if b and b.status == "travelled":
            continue
        mine = {tuple(f.id for f in legs) for legs in g.itineraries(other) if passes(g, ds, other, legs)}
        if b and b.status == "confirmed":
            mine = {tuple(b.flights)}
        ok &= mine
    return ok


def check(ds, plan):
    g = greedy_plan.Greedy(ds)
    bad = []
    for u in plan.get("unassigned") or []:
        cid = u["case"]
        marked = [r for r in u.get("reasons") or [] if r.get("decisive")]
        if len(marked) != 1:
            bad.append("case '%s': %d reasons marked decisive, want 1" % (cid, len(marked)))
            continue
        d = marked[0]
        limit = d["code"] == "NOT_SELECTED" or (d["code"] in LIMITS and d.get("refs"))
        some = own_itineraries(g, ds, cid)
        needs_escort = cp.Facts(ds.cases[cid], ds.mission.as_of).need_escort > 0
        if limit and not some:
            bad.append("case '%s': decisive %s is a limit, but no itinerary passes the case's "
                       "own rules" % (cid, d["code"]))
        if not limit and some and not needs_escort:
            bad.append("case '%s': decisive %s is a rule of the case, but %s passes them all"
                       % (cid, d["code"], "+".join(sorted(some)[0])))
    return bad


def main(argv):
    if "--plan" not in argv:
        sys.stderr.write(__doc__)
        return 64
    i = argv.index("--plan")
    files, plan_path = argv[1:i] + argv[i + 2:], argv[i + 1]
    ds = cp.load_dataset(files)
    with open(plan_path) as f:
        plan = json.load(f)["plan"]
    bad = check(ds, plan)
    for line in bad:
        print(line)
    if bad:
        return 1
    print("reasons ok: %d unassigned" % len(plan.get("unassigned") or []))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
