#!/usr/bin/env python3
"""reports_pick.py - pick what the reports' end-to-end scripts check,
from a stored plan (the plan JSON of SPEC 3) and the dataset files.

  reports_pick.py flight PLAN DATA...   "FLIGHT PASSENGERS ESCORTS" of the
                                        flight with the most passengers,
                                        among those with escorts if any
  reports_pick.py case PLAN DATA...     "CASE LEGS FTT" of a booked case,
                                        the one with the most legs
                                        (and escorts)
                                        (FTT 1 when it has a check date)
  reports_pick.py unbooked PLAN DATA... "CASE" of an unassigned case
  reports_pick.py lang=TAG PLAN DATA... "CASE" of a booked case whose
                                        language is TAG (the most legs)
  reports_pick.py personal DATA...      one line per personal value of the
                                        dataset (names, birth dates,
                                        document numbers) for leak checks

Exits 1 with a message when there is nothing to pick.
"""
import json
import sys


def load(paths):
    cases, escorts = {}, {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            d = json.load(f)
        for c in d.get("cases", []):
            cases[c["id"]] = c
        for e in d.get("escorts", []):
            escorts[e["id"]] = e
    return cases, escorts


def plan_of(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["plan"]


def pick_flight(plan, cases):
    pax, esc = {}, {}
    for a in plan.get("assignments", []):
        n = len(cases.get(a["case"], {}).get("members", []))
        for fl in a["flights"]:
            pax[fl] = pax.get(fl, 0) + n
            esc.setdefault(fl, set()).update(a.get("escorts", []))
    for t in plan.get("escort_trips", []):
        for fl in t["flights"]:
            esc.setdefault(fl, set()).add(t["escort"])
    if not pax:
        sys.exit("no flight has passengers in the plan")
    best = sorted(pax, key=lambda f: (-min(len(esc.get(f, ())), 1), -pax[f], f))[0]
    return "%s %d %d" % (best, pax[best], len(esc.get(best, ())))


def pick_case(plan):
    booked = plan.get("assignments", [])
    if not booked:
        sys.exit("no case is booked in the plan")
    a = sorted(booked, key=lambda a: (-len(a["flights"]), -len(a.get("escorts", [])), a["case"]))[0]
    return "%s %d %d" % (a["case"], len(a["flights"]), 1 if a.get("ftt_date") else 0)


def pick_unbooked(plan):
    un = plan.get("unassigned", [])
    if not un:
        sys.exit("every case is booked in the plan")
    return sorted(u["case"] for u in un)[0]


def pick_lang(plan, cases, tag):
    booked = [a for a in plan.get("assignments", [])
              if cases.get(a["case"], {}).get("language") == tag]
    if not booked:
        sys.exit("no booked case in language " + tag)
    return sorted(booked, key=lambda a: (-len(a["flights"]), a["case"]))[0]["case"]


def personal(cases, escorts):
    out = set()
    people = [m for c in cases.values() for m in c.get("members", [])]
    people += list(escorts.values())
    for p in people:
        for k in ("family_name", "given_names", "birth_date"):
            if p.get(k):
                out.add(p[k])
        if p.get("document", {}).get("number"):
            out.add(p["document"]["number"])
    return "\n".join(sorted(out))


def main():
    what, rest = sys.argv[1], sys.argv[2:]
    if what == "personal":
        print(personal(*load(rest)))
        return
    plan = plan_of(rest[0])
    cases, _ = load(rest[1:])
    if what == "flight":
        print(pick_flight(plan, cases))
    elif what == "case":
        print(pick_case(plan))
    elif what == "unbooked":
        print(pick_unbooked(plan))
    elif what.startswith("lang="):
        print(pick_lang(plan, cases, what[5:]))
    else:
        sys.exit("unknown pick: " + what)


if __name__ == "__main__":
    main()
