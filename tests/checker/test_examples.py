#!/usr/bin/env python3
"""test_examples.py - the Tirana example mission and the checker on it.

- examples/tirana/build.py rewrites exactly the committed files;
- mission.xml holds the same dataset as the three JSON files;
- every hard situation of the README exists in the data as described;
- a plan built by the greedy test planner passes the checker, and
  breaking it (a full flight, a split link, a moved confirmed booking,
  a check on a Sunday) fails with the right rule.

    python3 tests/checker/test_examples.py        (from the project root)
"""
import copy
import datetime as dt
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
TIRANA = os.path.join(TOP, "examples", "tirana")
FILES = [os.path.join(TIRANA, f) for f in ("network.json", "rules.json", "cases.json")]
sys.path.insert(0, HERE)
import check_plan as cp  # noqa: E402
import greedy_plan  # noqa: E402


class Build(unittest.TestCase):
    def test_build_is_reproducible(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([sys.executable, os.path.join(TIRANA, "build.py"), "--out", tmp],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            for name in ("network.json", "rules.json", "cases.json", "mission.xml", "README.md"):
                with open(os.path.join(tmp, name), "rb") as a, open(os.path.join(TIRANA, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), name + " differs from build.py's output")

    def test_xml_equals_json(self):
        self.assertEqual(cp.merge(FILES), cp.merge([os.path.join(TIRANA, "mission.xml")]))


class Situations(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ds = cp.load_dataset(FILES)
        cls.g = greedy_plan.Greedy(cls.ds)

    def eligible(self, cid):
        c = self.ds.cases[cid]
        return [legs for legs in self.g.itineraries(c) if self.g.case_ok(c, legs) is None]

    def test_sizes(self):
        persons = sum(len(c.members) for c in self.ds.cases.values())
        self.assertTrue(60 <= len(self.ds.cases) <= 70 and 210 <= persons <= 250, persons)
        kinds = {}
        for c in self.ds.cases.values():
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        self.assertEqual(kinds, {"resettlement": 60, "return": 4, "relocation": 3})

    def test_returns(self):
        # a return: travel documents, no quota, the receiving country's notice
        for cid, country in (("RET-2001", "AF"), ("RET-2003", "PK"), ("RET-2004", "IR")):
            c = self.ds.cases[cid]
            self.assertEqual((c.kind, c.dest_country), ("return", country))
            self.assertTrue(all(m.has_doc for m in c.members))
            self.assertFalse([q for q in self.ds.quotas.values() if q.country == country])
            self.assertIn(country, self.ds.arrival_rules)
            self.assertTrue(self.eligible(cid), cid)
        legs = [tuple(f.id.split("/")[0] for f in x) for x in self.eligible("RET-2001")]
        self.assertTrue(all(x == ("TK1074", "TK706") for x in legs), legs)
        # the emergency travel document ends the window
        last = max(x[-1].arrives.date for x in self.eligible("RET-2002"))
        self.assertLessEqual(last, dt.date(2026, 12, 22))
        self.assertEqual(self.ds.mission.as_of, dt.date(2026, 11, 30))

    def test_three_infants_two_laps(self):
        c = self.ds.cases["AFG-1004"]
        f = cp.Facts(c, dt.date(2026, 12, 9))
        self.assertEqual((f.persons, len(f.lap), f.plain), (5, 2, 3))

    def test_unaccompanied(self):
        f = cp.Facts(self.ds.cases["AFG-1005"], dt.date(2026, 12, 9))
        self.assertTrue(f.unaccompanied)
        self.assertEqual((f.ssr["UMNR"], f.need_escort), (2, 2))

    def test_pregnancy_window(self):
        deps = {legs[0].departs.date for legs in self.eligible("AFG-1006")}
        self.assertTrue(deps)
        self.assertLess(max(deps), dt.date(2026, 12, 9))

    def test_never_travel(self):
        for cid in ("AFG-1007", "AFG-1009", "AFG-1013"):
            self.assertEqual(self.eligible(cid), [], cid)

    def test_child_turning_two(self):
        c = self.ds.cases["AFG-1024"]
        self.assertEqual(len(cp.Facts(c, dt.date(2026, 12, 21)).lap), 1)
        self.assertEqual(len(cp.Facts(c, dt.date(2026, 12, 22)).lap), 0)

    def test_history_and_bookings(self):
        b = self.ds.bookings
        self.assertEqual(b["AFG-1016"].status, "travelled")
        self.assertEqual(b["AFG-1003"].status, "confirmed")
        self.assertTrue(self.ds.flights[b["AFG-1019"].flights[0]].cancelled)
        self.assertEqual(sum(1 for x in b.values() if x.status == "proposed"), 3)

    def test_afghans_to_norway_only_via_istanbul(self):
        for legs in self.eligible("AFG-1005"):
            self.assertEqual(legs[0].to, "IST")
        hubs = {legs[0].to for legs in self.eligible("AFG-1020")}
        self.assertTrue({"IST", "VIE"} <= hubs, hubs)

    def test_most_cases_can_move(self):
        movable = [cid for cid in self.ds.cases if cid != "AFG-1016" and self.eligible(cid)]
        self.assertGreaterEqual(len(movable), 0.85 * (len(self.ds.cases) - 1))


class GreedyPlan(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        ds = cp.load_dataset(FILES)
        g = greedy_plan.Greedy(ds)
        cls.plan = g.plan(g.run())["plan"]

    def check(self, plan):
        ds = cp.load_dataset(FILES)
        return cp.Checker(ds, plan, tables=False).run()

    def test_passes(self):
        ds = cp.load_dataset(FILES)
        c = cp.Checker(ds, copy.deepcopy(self.plan))
        self.assertEqual(c.run(), [])
        self.assertGreater(len(c.assigned), 40)
        self.assertIn("AFG-1003", c.kept)
        self.assertNotIn("AFG-1016", c.assigned)

    def assertRule(self, plan, rule):
        lines = self.check(plan)
        self.assertTrue(any(x.startswith("rule %s:" % rule) for x in lines), lines)

    def test_moved_confirmed(self):
        p = copy.deepcopy(self.plan)
        a = next(x for x in p["assignments"] if x["case"] == "AFG-1003")
        a["status"] = "proposed"
        self.assertRule(p, "2.12")

    def test_split_link(self):
        p = copy.deepcopy(self.plan)
        p["assignments"] = [x for x in p["assignments"] if x["case"] != "AFG-1012"]
        p["unassigned"].append({"case": "AFG-1012", "reasons": [{"code": "LINKED_CASE"}]})
        self.assertRule(p, "2.2")

    def test_sunday_check(self):
        p = copy.deepcopy(self.plan)
        for a in p["assignments"]:
            dep = dt.date.fromisoformat(a["departs"][:10])
            sunday = [dep - dt.timedelta(days=k) for k in (1, 2, 3)
                      if (dep - dt.timedelta(days=k)).weekday() == 6]
            if a.get("ftt_date") and sunday and a["status"] == "proposed":
                a["ftt_date"] = sunday[0].isoformat()
                break
        self.assertRule(p, "2.10")

    def test_overfull_flight(self):
        p = copy.deepcopy(self.plan)
        ds = cp.load_dataset(FILES)
        # put every unplaced ordinary YYZ case on the confirmed case's itinerary
        target = next(x for x in p["assignments"] if x["case"] == "AFG-1003")
        moved = 0
        for u in list(p["unassigned"]):
            c = ds.cases[u["case"]]
            if c.dest_airport == "YYZ" and c.medical == "cleared":
                p["unassigned"].remove(u)
                a = dict(target, case=u["case"], status="proposed")
                a.pop("ftt_date", None)
                p["assignments"].append(a)
                moved += 1
        for a in p["assignments"]:
            if a["flights"] == target["flights"] and a["case"] != "AFG-1003":
                a["status"] = "proposed"
        self.assertGreater(moved, 0)
        lines = self.check(p)
        self.assertTrue(any(x.startswith("rule 2.5:") or x.startswith("rule 2.7:") for x in lines), lines)


if __name__ == "__main__":
    unittest.main(verbosity=1)
