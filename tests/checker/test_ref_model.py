#!/usr/bin/env python3
"""test_ref_model.py - the compact reference model (ref_model.py).

- itineraries of SPEC 2 on a hand-made network: 1-3 legs, MCT and max
  connection at their bounds, the horizon, cancelled flights;
- its optimum, solved by glpsol, equals movplan's level 1 on the format
  sample all-fields (130) and the Tirana example (1,235), and the plans
  it converts back pass check_plan.py (CBC's too, when CBC is there);
- on small generated instances of both profiles (movplan generate,
  $MOVPLAN) the plan of CBC (else glpsol) within a time limit passes
  check_plan.py;
- every column's itinerary passes the checker's case rules;
- the solution readers (CBC `solu`, glpsol `-o` with wrapped names).

    python3 tests/checker/test_ref_model.py      (from the project root)
"""
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import check_plan as cp  # noqa: E402
import ref_model as rm  # noqa: E402

SAMPLE = os.path.join(TOP, "tests", "data", "samples", "all-fields.json")
TIRANA = [os.path.join(TOP, "examples", "tirana", f) for f in ("network.json", "rules.json", "cases.json")]
REF = os.path.join(HERE, "ref_model.py")
CHECK = os.path.join(HERE, "check_plan.py")
HAVE_CBC = shutil.which("cbc") is not None
HAVE_GLPSOL = shutil.which("glpsol") is not None


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def solve(tmp, paths, solver, limit=60):
    """Writes the model, solves it, converts the solution; returns the
    plan document and the checker's output."""
    lp = os.path.join(tmp, "model.lp")
    r = run([sys.executable, REF] + paths + ["-o", lp])
    assert r.returncode == 0, r.stderr
    sol = os.path.join(tmp, solver + ".sol")
    if solver == "cbc":
        r = run(["cbc", lp, "sec", str(limit), "solve", "solu", sol])
    else:
        r = run(["glpsol", "--lp", lp, "--tmlim", str(limit), "-o", sol])
    assert r.returncode == 0, r.stdout[-2000:]
    plan = os.path.join(tmp, solver + ".plan.json")
    r = run([sys.executable, REF] + paths + ["--map", lp + ".map.json", "--solution", sol,
                                             "--solver", solver, "--out", plan])
    assert r.returncode == 0, r.stderr
    chk = run([sys.executable, CHECK] + paths + ["--plan", plan])
    with open(plan) as f:
        return json.load(f)["plan"], chk


def flight(fid, frm, to, dep, arr, seats=10, **kw):
    f = {"id": fid, "from": frm, "to": to, "departs": dep, "arrives": arr, "seats": seats}
    f.update(kw)
    return f


def tiny():
    """TIA -> IST (MCT 60, max 300) -> YYZ, with a third leg possible."""
    return {"movplan": 1,
            "mission": {"id": "T", "origin": "TIA", "as_of": "2026-11-30", "horizon_days": 10},
            "airports": [{"code": "TIA", "country": "AL"},
                         {"code": "IST", "country": "TR", "mct_minutes": 60, "max_connection_minutes": 300},
                         {"code": "VIE", "country": "AT", "mct_minutes": 30},
                         {"code": "YYZ", "country": "CA"}, {"code": "YUL", "country": "CA"}],
            "flights": [flight("F1", "TIA", "IST", "2026-12-02T06:00+01:00", "2026-12-02T09:00+03:00"),
                        # exactly MCT after F1 arrives: connects
                        flight("O1", "IST", "YYZ", "2026-12-02T10:00+03:00", "2026-12-02T14:00-05:00"),
                        # exactly the max connection: connects
                        flight("O2", "IST", "YUL", "2026-12-02T14:00+03:00", "2026-12-02T18:00-05:00"),
                        # one minute short of MCT, one minute past the max
                        flight("O3", "IST", "YYZ", "2026-12-02T09:59+03:00", "2026-12-02T14:00-05:00"),
                        flight("O4", "IST", "YYZ", "2026-12-02T14:01+03:00", "2026-12-02T18:00-05:00"),
                        # IST -> VIE -> YYZ: a three-leg itinerary
                        flight("S1", "IST", "VIE", "2026-12-02T11:00+03:00", "2026-12-02T12:00+01:00"),
                        flight("V1", "VIE", "YYZ", "2026-12-02T13:00+01:00", "2026-12-02T17:00-05:00"),
                        flight("V2", "VIE", "YYZ", "2026-12-02T13:10+01:00", "2026-12-02T17:00-05:00",
                               cancelled=True),
                        flight("D1", "TIA", "YYZ", "2026-12-10T10:00+01:00", "2026-12-10T14:00-05:00"),
                        # departs after the horizon's last day
                        flight("D2", "TIA", "YYZ", "2026-12-11T10:00+01:00", "2026-12-11T14:00-05:00")],
            "cases": [{"id": "C1", "destination": {"country": "CA", "airport": "YYZ"}, "priority": "normal",
                       "ready": "2026-12-01",
                       "members": [{"id": "C1-1", "family_name": "A", "sex": "F", "birth_date": "1990-01-01",
                                    "nationality": "AFG"}]},
                      {"id": "C2", "destination": {"country": "CA"}, "priority": "urgent", "ready": "2026-12-01",
                       "members": [{"id": "C2-1", "family_name": "B", "sex": "M", "birth_date": "1980-01-01",
                                    "nationality": "XXA"}]}]}


class Itineraries(unittest.TestCase):
    def test_spec2_itineraries(self):
        ds = cp.build_dataset(cp.merge_docs([("tiny", tiny())]))
        m = rm.Model(ds)
        got = {c: sorted("+".join(it.ids) for it in m.net.itineraries("TIA", ds.cases[c].dest_airport,
                                                                     ds.cases[c].dest_country))
               for c in ("C1", "C2")}
        self.assertEqual(got["C1"], ["D1", "F1+O1", "F1+S1+V1"])
        self.assertEqual(got["C2"], ["D1", "F1+O1", "F1+O2", "F1+S1+V1"])
        self.assertAlmostEqual(m.stats()["itineraries_per_case"], 3.5)

    def test_transit_excludes_afghan_via_schengen(self):
        doc = tiny()
        doc["transit_rules"] = [{"country": "AT", "nationalities": ["AFG"], "exempt_if_visa_for": ["US"]}]
        ds = cp.build_dataset(cp.merge_docs([("tiny", doc)]))
        m = rm.Model(ds)
        cols = {tuple(m.units[u][0]): sorted("+".join(m.itins[t].ids) for t, _ in c)
                for u, c in enumerate(m.cols)}
        self.assertEqual(cols[("C1",)], ["D1", "F1+O1"])
        self.assertEqual(cols[("C2",)], ["D1", "F1+O1", "F1+O2", "F1+S1+V1"])
        self.assertEqual(m.counts["C1"], {"TRANSIT_VISA": 1})

    def test_columns_pass_the_checkers_case_rules(self):
        """Every column of the Tirana model is an itinerary the checker
        accepts for its cases (SPEC 2, 2.3, 2.4, 2.8, 2.9)."""
        ds = cp.load_dataset(TIRANA)
        m = rm.Model(ds)
        plan = {"as_of": "2026-11-30", "assignments": [], "unassigned": []}
        checker = cp.Checker(ds, plan)
        checker.as_of = ds.mission.as_of
        checker.last_day = m.last_day
        checker.kept = set()
        n = 0
        for (cids, fixed, _), cols in zip(m.units, m.cols):
            for t, _ in cols:
                if fixed is not None:
                    continue
                legs = list(m.itins[t].legs)
                for c in cids:
                    a = cp.Obj(raw={}, flights=legs, dep=legs[0].departs.date, arr=legs[-1].arrives)
                    checker.out = []
                    for rule in (checker.check_itinerary, checker.check_ready, checker.check_pregnancy,
                                 checker.check_arrival, checker.check_transit):
                        rule(c, ds.cases[c], a)
                    self.assertEqual([v.line() for v in checker.out], [], (c, m.itins[t].ids))
                    n += 1
        self.assertGreater(n, 500)


@unittest.skipUnless(HAVE_GLPSOL, "glpsol not installed")
class Optimum(unittest.TestCase):
    """The reference model's optimum is movplan's level 1 (README,
    all-fields.expected.md): both models of SPEC 2 agree."""

    def test_all_fields(self):
        with tempfile.TemporaryDirectory() as tmp:
            plan, chk = solve(tmp, [SAMPLE], "glpsol")
            self.assertEqual(chk.returncode, 0, chk.stdout)
            self.assertEqual(plan["objective"]["weighted_persons"], 130)
            self.assertEqual(plan["status"], "optimal")
            a = {x["case"]: x for x in plan["assignments"]}
            self.assertEqual(a["AFG-0002"]["status"], "confirmed")
            self.assertEqual(a["AFG-0001"]["escorts"], ["ESC-01"])
            self.assertEqual(a["AFG-0002"]["ftt_date"], "2026-12-12")
            self.assertEqual([u["case"] for u in plan["unassigned"]], ["AFG-0003"])

    # movplan's level 1 on the example mission, proven optimal (make demo)
    TIRANA_OPTIMUM = 1235

    def tirana(self, solver):
        """The peer's plan passes the checker and never beats movplan's
        proven optimum; a solver that proves its own optimum within the
        limit must find the same value (a slow machine may stop it
        earlier: no stopwatch decides this test)."""
        with tempfile.TemporaryDirectory() as tmp:
            plan, chk = solve(tmp, TIRANA, solver, 120)
            self.assertEqual(chk.returncode, 0, chk.stdout)
            v = plan["objective"]["weighted_persons"]
            self.assertLessEqual(v, self.TIRANA_OPTIMUM)
            if plan["status"] == "optimal":
                self.assertEqual(v, self.TIRANA_OPTIMUM)

    def test_tirana(self):
        self.tirana("glpsol")

    @unittest.skipUnless(HAVE_CBC, "cbc not installed")
    def test_tirana_cbc(self):
        self.tirana("cbc")


@unittest.skipUnless(os.environ.get("MOVPLAN") and (HAVE_CBC or HAVE_GLPSOL), "no $MOVPLAN or solver")
class Generated(unittest.TestCase):
    """Small generated instances, both profiles: the peer's plan passes
    the independent checker."""

    def check(self, profile, seed):
        with tempfile.TemporaryDirectory() as tmp:
            ds = os.path.join(tmp, "ds.json")
            r = run([os.environ["MOVPLAN"], "generate", "--preset", "small", "--profile", profile,
                     "--seed", str(seed), "--out", ds])
            self.assertEqual(r.returncode, 0, r.stderr)
            plan, chk = solve(tmp, [ds], "cbc" if HAVE_CBC else "glpsol", 20)
            self.assertEqual(chk.returncode, 0, chk.stdout[-3000:])
            self.assertGreater(len(plan["assignments"]), 50)
            self.assertTrue(any(a.get("escorts") for a in plan["assignments"]) or profile == "default")

    def test_default(self):
        self.check("default", 1)

    def test_tight(self):
        self.check("tight", 1)

    def test_tight_other_seed(self):
        self.check("tight", 4)


class Readers(unittest.TestCase):
    def test_glpsol_report_with_wrapped_names(self):
        text = ("Problem:    \nStatus:     INTEGER OPTIMAL\nObjective:  obj = 5 (MAXimum)\n\n"
                "   No. Column name       Activity     Lower bound   Upper bound\n"
                "------ ------------    ------------- ------------- -------------\n"
                "     1 x1_0_0       *              1             0             1 \n"
                "     2 x123456_7890_21\n"
                "                   *              1             0             1 \n"
                "     3 E0_4         *              2             0             3 \n\n"
                "Integer feasibility conditions:\n")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(text)
        try:
            vals, status = rm.read_glpsol(f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(status, "INTEGER OPTIMAL")
        self.assertEqual(vals, {"x1_0_0": 1.0, "x123456_7890_21": 1.0, "E0_4": 2.0})

    def test_cbc_solution(self):
        text = ("Stopped on time - objective value 130.00000000\n"
                "      0 x1_0_0     1     100\n      3 z9  0.99999999  0\n** 4 E0_0  1  0\n")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(text)
        try:
            vals, status = rm.read_cbc(f.name)
        finally:
            os.unlink(f.name)
        self.assertTrue(status.startswith("Stopped on time"))
        self.assertEqual(vals["x1_0_0"], 1.0)
        self.assertEqual(vals["E0_0"], 1.0)

    def test_check_day_codes(self):
        self.assertEqual(rm.earlier_days("x3_5_0"), 0)
        self.assertEqual(rm.earlier_days("x3_5_1"), 0)
        self.assertEqual(rm.earlier_days("x3_5_3"), 2)
        self.assertEqual(rm.earlier_days("x3_5_%d" % (2 + 3 * 4)), 3)


if __name__ == "__main__":
    unittest.main(verbosity=1)
