#!/usr/bin/env python3
"""forced_moves.py - which cases a re-plan moved without being forced.

    forced_moves.py DATASET.json... --old OLD.json --new NEW.json
                    [--cancel FLIGHT]... [--sample N] [--json]

A re-plan should move a case off its old itinerary only when it must
(SPEC 2, level 2).  For every case booked in OLD that NEW books on other
flights or drops, this puts it back on its old flights in NEW, with its
linked cases that moved with it and everything else kept, and asks the
independent checker (check_plan.py, no code shared with the planner)
whether the plan stays feasible.  If it does, the move was not forced:
the case could have stayed.  If not, the first rule it breaks is why it
had to move.  The dataset is the one NEW was planned from (--cancel marks
flights cancelled, for a scenario layer that cancels them).  --sample N
tries N of the moved cases one by one (every k-th by id: one checker run
each, seconds on a 5,000-case plan) instead of all.

Then the same together: every moved case whose old flights still fly is
put back at once; the cases a remaining violation touches (a full
flight, quota, clinic day, escort or link on their old itinerary) are
taken out and the rest tried again, until what is left fits - a set of
cases that could all have stayed (two cases that swapped seats are each
refused alone, not together).  A violation no case explains ends it with
none claimed.

Prints one line per moved case, "CASE forced: rule 2.5: ..." or "CASE
NOT FORCED", then "moved N, not forced M, not forced when put back
together K"; --json prints {"moved": N, "not_forced": M,
"not_forced_together": K, "together": [...], "cases": [{"case",
"forced", "why"}]}.
Exits 0 (a figure, not a verdict); 2 on unreadable input.
"""
import datetime as dt
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_plan as cp  # noqa: E402


def assignments(plan):
    return {a["case"]: a for a in plan.get("assignments") or []}


def candidate_days(ds, cid, fids, as_of, first):
    """The old check date first, then the other allowed days (1-3 days
    before departure, not before as_of)."""
    case = ds.cases[cid]
    if not case.clinic:
        return [None]
    dep = ds.flights[fids[0]].departs.date
    days = [dep - dt.timedelta(days=k) for k in (1, 2, 3)]
    days = [d.isoformat() for d in days if d >= as_of]
    if first in days:
        days.remove(first)
        days.insert(0, first)
    return days or [first]


def put_back(plan, old, unit, escorts_on):
    """A copy of plan with the unit's cases on their old flights (only the
    assignments it changes are copied: a medium plan is 5 MB)."""
    p = dict(plan)
    p.pop("escort_trips", None)  # trips re-derived from the assignments
    drop = set(unit)
    back = []
    for cid in unit:
        a = dict(old[cid])
        a["status"] = "proposed"
        a["escorts"] = sorted(set(a.get("escorts") or []) | escorts_on.get(tuple(a["flights"]), set()))
        back.append(a)
    # an assignment's escorts are every escort on its itinerary (SPEC 3)
    on = {}
    for a in back:
        on.setdefault(tuple(a["flights"]), set()).update(a["escorts"])
    rest = []
    for a in plan.get("assignments") or []:
        if a["case"] in drop:
            continue
        its = tuple(a["flights"])
        if its in on and set(a.get("escorts") or []) != on[its] | set(a.get("escorts") or []):
            a = dict(a, escorts=sorted(on[its] | set(a.get("escorts") or [])))
        rest.append(a)
    for a in back:
        a["escorts"] = sorted(on[tuple(a["flights"])] | escorts_on.get(tuple(a["flights"]), set()))
    p["assignments"] = rest + back
    p["unassigned"] = [u for u in p.get("unassigned") or [] if u["case"] not in drop]
    return p


def rule_lines(ds, plan):
    c = cp.Checker(ds, plan, tables=False)
    return [x for x in c.run() if not x.startswith(("plan:", "objective:"))]


def unit_of(ds, cid, old, new):
    """The case and its linked cases that the old plan had on the same
    flights and the new one moved too (they must go back together)."""
    link = ds.cases[cid].link
    if not link:
        return [cid]
    return sorted(o for o, c in ds.cases.items()
                  if c.link == link and o in old and old[o]["flights"] == old[cid]["flights"]
                  and (o not in new or new[o]["flights"] != old[o]["flights"]))


def why_moved(ds, plan, old, new, cid, base_lines, as_of):
    unit = unit_of(ds, cid, old, new)
    escorts_on = {}
    for a in plan.get("assignments") or []:
        escorts_on.setdefault(tuple(a["flights"]), set()).update(a.get("escorts") or [])
    for c in unit:
        if any(f not in ds.flights or ds.flights[f].cancelled for f in old[c]["flights"]):
            return "flight cancelled or gone: " + " ".join(old[c]["flights"])
    first = None
    for day in candidate_days(ds, cid, old[cid]["flights"], as_of, old[cid].get("ftt_date")):
        p = put_back(plan, old, unit, escorts_on)
        if day:
            for a in p["assignments"]:
                if a["case"] == cid:
                    a["ftt_date"] = day
        lines = [x for x in rule_lines(ds, p) if x not in base_lines]
        if not lines:
            return None
        first = first or lines[0]
        if not all(x.startswith("rule 2.10") for x in lines):
            break
    return first


def subjects(ds, plan):
    """The subjects of the rule violations of a plan ("flight 'X'" ...)."""
    c = cp.Checker(ds, plan, tables=False)
    c.run()
    out = set()
    for v in c.out:
        line = v.line()
        if not line.startswith(("plan:", "objective:")) and not (v.allowed_if_listed and all(
                c.listed(x, v.rule) for x in v.fixed_cases)):
            out.add(v.subject)
    return out


def blocked(ds, old, cid, subject):
    """Whether putting cid back on its old flights touches subject."""
    a, case = old[cid], ds.cases[cid]
    kind, _, rest = subject.partition(" ")
    name = rest.split("'")[1] if "'" in rest else rest
    flights = [ds.flights[f] for f in a["flights"] if f in ds.flights]
    if kind == "flight":
        return name in a["flights"]
    if kind == "case":
        return name == cid or (case.link is not None and ds.cases.get(name) is not None
                               and ds.cases[name].link == case.link)
    if kind == "quota" and flights:
        q, last = ds.quotas[name], flights[-1]
        return (ds.airports[last.to].country == q.country and q.airport in (None, last.to)
                and q.frm <= last.arrives.date <= q.to)
    if kind == "clinic":
        return case.clinic == name and rest.endswith(" on %s" % a.get("ftt_date"))
    if kind == "escort":
        return name in (a.get("escorts") or [])
    if kind == "itinerary":
        return "+".join(a["flights"]) == rest
    return False


def joint_unforced(ds, plan, old, moved, base):
    """The largest set this finds of moved cases that can all go back on
    their old flights together (a swap or a chain of moves that no limit
    forced): put them all back, drop those a violation touches, again."""
    s = set(moved)
    escorts_on = {}
    for a in plan.get("assignments") or []:
        escorts_on.setdefault(tuple(a["flights"]), set()).update(a.get("escorts") or [])
    while s:
        bad = subjects(ds, put_back(plan, old, sorted(s), escorts_on)) - base
        if not bad:
            return sorted(s)
        drop = {c for c in s if any(blocked(ds, old, c, b) for b in bad)}
        if not drop:
            return []  # a violation no case of the set explains: claim nothing
        s -= drop
    return []


def main(argv):
    files, old_path, new_path, cancel, as_json, sample = [], None, None, [], False, 0
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("--old", "--new", "--cancel", "--sample") and i + 1 < len(argv):
            if a == "--old":
                old_path = argv[i + 1]
            elif a == "--new":
                new_path = argv[i + 1]
            elif a == "--sample":
                sample = int(argv[i + 1])
            else:
                cancel.append(argv[i + 1])
            i += 2
            continue
        if a == "--json":
            as_json = True
        elif a.startswith("-"):
            print(__doc__, file=sys.stderr)
            return 2
        else:
            files.append(a)
        i += 1
    try:
        if not files or not old_path or not new_path:
            raise cp.InputError("need dataset files, --old and --new")
        ds = cp.load_dataset(files)
        for f in cancel:
            ds.flights[f].cancelled = True
        old_plan, new_plan = cp.load_plan(old_path), cp.load_plan(new_path)
    except (cp.InputError, KeyError) as e:
        print("forced_moves: %s" % e, file=sys.stderr)
        return 2
    as_of = ds.mission.as_of or cp.parse_date(new_plan["as_of"], "plan: as_of")
    old, new = assignments(old_plan), assignments(new_plan)
    base = set(rule_lines(ds, new_plan))
    unassigned = {u["case"] for u in new_plan.get("unassigned") or []}
    moved = [cid for cid in sorted(old) if cid in ds.cases
             and (cid in new or cid in unassigned)  # else travelled or departed
             and (cid not in new or new[cid]["flights"] != old[cid]["flights"])]
    tried = moved
    if 0 < sample < len(moved):  # every k-th, by case id: the same sample each run
        tried = [moved[int(k * len(moved) / sample)] for k in range(sample)]
    rows = []
    for cid in tried:
        why = why_moved(ds, new_plan, old, new, cid, base, as_of)
        rows.append({"case": cid, "forced": why is not None, "why": why or ""})
    not_forced = sum(not r["forced"] for r in rows)
    gone = {f for f in ds.flights if ds.flights[f].cancelled}
    # cases whose old flights are still there, put back together
    candidates = [c for c in moved
                  if not any(f in gone or f not in ds.flights for f in old[c]["flights"])]
    together = joint_unforced(ds, new_plan, old, candidates, subjects(ds, new_plan))
    if as_json:
        print(json.dumps({"moved": len(moved), "tried": len(rows), "not_forced": not_forced,
                          "not_forced_together": len(together), "together": together,
                          "cases": rows}))
    else:
        for r in rows:
            print("%s %s" % (r["case"], "forced: " + r["why"] if r["forced"] else "NOT FORCED"))
        print("moved %d, tried one by one %d, not forced %d, not forced when put back "
              "together %d%s" % (len(moved), len(rows), not_forced, len(together),
                 (": " + " ".join(together)) if together else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
