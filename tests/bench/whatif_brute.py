#!/usr/bin/env python3
"""whatif_brute.py - `movplan whatif` against a brute force over single
changes, on the example mission (docs/decisions.md, section 3).

    whatif_brute.py MOVPLAN [--time-limit SEC] [--cases A,B] [--out DIR]

Imports examples/tirana into a scratch database and plans it.  For every
case left out, the brute force raises each limit full on the case's
competing itineraries (the refs of its limit reasons, and its clinic),
and each limit a whatif answer raises, by 1, 2, ... up to twice the
case's persons, re-planning a copy of the database
each time, and records the smallest raise of each limit that books the
case without dropping a booked one.  It then asks `whatif CASE` and
compares: every single-limit answer of whatif must be the brute force's
smallest raise of that limit, and the brute force must find no limit
whatif missed.  Prints a row per case and a verdict; exit 1 when they
disagree.  Slow (a re-plan per try): a benchmark, not a test.
"""
import argparse
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
TIRANA = os.path.join(TOP, "examples", "tirana")
FILES = [os.path.join(TIRANA, f) for f in ("network.json", "rules.json", "cases.json")]
FIELD = {"seats": ("flights", "seats"), "quota_persons": ("quotas", "max_persons"),
         "quota_cases": ("quotas", "max_cases"), "clinic_capacity": ("clinics", "capacity_per_day")}


class Bench:
    def __init__(self, movplan, work, limit):
        self.m, self.w, self.limit = movplan, work, limit
        self.db = os.path.join(work, "s.db")
        self.run("--db", self.db, "import", *FILES)
        self.run("--db", self.db, "plan", "--quiet", "--time-limit", limit,
                 "--out", os.path.join(work, "p.json"))
        self.plan = json.load(open(os.path.join(work, "p.json")))["plan"]
        self.data = json.loads(self.run("--db", self.db, "export"))
        self.booked = {a["case"] for a in self.plan["assignments"]}
        self.replans = 0

    def run(self, *args):
        return subprocess.run([self.m] + list(args), capture_output=True, text=True,
                              check=True).stdout

    def books(self, cid, key, ident, field, amount):
        ds = copy.deepcopy(self.data)
        item = next(x for x in ds[key] if x["id"] == ident)
        item[field] = item.get(field, 0) + amount
        path = os.path.join(self.w, "t.json")
        json.dump(ds, open(path, "w"))
        db = os.path.join(self.w, "t.db")
        out = os.path.join(self.w, "t-plan.json")
        for limit in (self.limit, str(3 * float(self.limit))):  # as whatif: level 1 proven
            shutil.copy(self.db, db)
            self.run("--db", db, "import", path)
            self.run("--db", db, "plan", "--quiet", "--time-limit", limit, "--out", out)
            self.replans += 1
            if json.load(open(out))["plan"]["gap"] == 0:
                break
        now = {a["case"] for a in json.load(open(out))["plan"]["assignments"]}
        return cid in now and self.booked <= now

    def limits(self, u):
        """The limits full on the case's competing itineraries."""
        out = []
        case = next(c for c in self.data["cases"] if c["id"] == u["case"])
        for r in u["reasons"]:
            if not r.get("refs"):
                continue
            kind = {"CAPACITY": "seats", "QUOTA": "quota_persons", "CLINIC": "clinic_capacity"}.get(r["code"])
            for ident in r["refs"]:
                if kind == "quota_persons":
                    out.append(("quota_persons", ident))
                elif kind:
                    out.append((kind, ident))
        if case.get("clinic"):
            out.append(("clinic_capacity", case["clinic"]))
        return sorted(set(out)), len(case["members"])

    def brute(self, u, extra=()):
        """The smallest raise of each limit that books the case; extra:
        limits whatif names beyond the case's own (a quota another case
        could move into)."""
        found = {}
        lims, persons = self.limits(u)
        for kind, ident in sorted(set(lims) | set(extra)):
            key, field = FIELD[kind]
            for k in range(1, 2 * persons + 1):
                if self.books(u["case"], key, ident, field, k):
                    found[(kind, ident)] = k
                    break
        return found

    def whatif(self, cid):
        w = json.loads(self.run("--db", self.db, "--json", "whatif", cid, "--time-limit", self.limit))
        single = {}
        for o in w["whatif"]["options"]:
            if o["confirmed"] and len(o["changes"]) == 1 and o["changes"][0]["kind"] in FIELD \
                    and not o["dropped"]:
                c = o["changes"][0]
                single[(c["kind"], c["id"])] = c["amount"]
        return w["whatif"], single


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("movplan")
    ap.add_argument("--time-limit", default="20")
    ap.add_argument("--cases", default="")
    a = ap.parse_args(argv[1:])
    work = tempfile.mkdtemp(prefix="whatif-brute.")
    try:
        b = Bench(os.path.abspath(a.movplan), work, a.time_limit)
        want = set(filter(None, a.cases.split(",")))
        bad = 0
        for u in b.plan["unassigned"]:
            if want and u["case"] not in want:
                continue
            w, single = b.whatif(u["case"])
            brute = b.brute(u, single.keys())
            agree = all(brute.get(k) == v for k, v in single.items())
            missed = [k for k in brute if k not in single and not any(
                len(o["changes"]) == 1 and (o["changes"][0]["kind"], o["changes"][0]["id"]) == k
                for o in w["options"])]
            first = "; ".join(c["text"] for c in w["options"][0]["changes"]) if w["options"] else w["status"]
            print("%-9s brute force %-44s whatif %-44s %s%s" % (
                u["case"], ", ".join("%s %s +%d" % (k[0], k[1], v) for k, v in sorted(brute.items())) or "-",
                ", ".join("%s %s +%d" % (k[0], k[1], v) for k, v in sorted(single.items())) or "-",
                "agree" if agree else "DISAGREE",
                "" if not missed else "; whatif lists %d others first (--max)" % len(missed)))
            print("          whatif's first answer: %s" % first)
            bad += not agree
        print("%d re-plans by the brute force; %s" % (b.replans, "all agree" if not bad else "%d disagree" % bad))
        return 1 if bad else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
