#!/usr/bin/env python3
"""test_check_plan.py - tests of the independent plan checker.

The hand-worked plan of tests/data/samples/all-fields.expected.md
(fixtures/all-fields.plan.json) must pass with level 1 = 130; each
mutation of it (or of its dataset) must fail with the rule it breaks,
and the conflicts that SPEC 2.12 allows must be accepted.

    python3 tests/checker/test_check_plan.py        (from the project root)
"""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import check_plan  # noqa: E402

# The project's copies of the format's samples (byte-identical to the
# contract's, checked by tests/scripts/samples_identical.sh where the
# contract sits beside the clone).
SAMPLES = os.path.join(TOP, "tests", "data", "samples")
DATASET = os.path.join(SAMPLES, "all-fields.json")
PLAN = os.path.join(HERE, "fixtures", "all-fields.plan.json")
TK1074, TK17 = "TK1074/2026-12-14", "TK17/2026-12-14"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def find(items, key, value):
    return next(x for x in items if x.get(key) == value)


class Base(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(DATASET):
            self.skipTest("samples not found at %s" % SAMPLES)
        self.ds = load(DATASET)
        self.doc = load(PLAN)
        self.plan = self.doc["plan"]
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def flight(self, fid):
        return find(self.ds["flights"], "id", fid)

    def case(self, cid):
        return find(self.ds["cases"], "id", cid)

    def assignment(self, cid):
        return find(self.plan["assignments"], "case", cid)

    def check(self, tables=True, all_levels=False, weights=None):
        dpath = os.path.join(self.tmp.name, "ds.json")
        ppath = os.path.join(self.tmp.name, "plan.json")
        with open(dpath, "w") as f:
            json.dump(self.ds, f)
        with open(ppath, "w") as f:
            json.dump(self.doc, f)
        lines, _ = check_plan.check([dpath], ppath, weights, tables, all_levels)
        return lines

    def assertFails(self, rule, contains=None, **kw):
        lines = self.check(**kw)
        prefix = ("rule %s:" % rule) if rule[0].isdigit() else rule + ":"
        hits = [x for x in lines if x.startswith(prefix)]
        self.assertTrue(hits, "no '%s' violation among %r" % (prefix, lines))
        if contains:
            self.assertTrue(any(contains in x for x in hits), "%r not in %r" % (contains, hits))
        return lines

    def assertPasses(self, **kw):
        lines = self.check(**kw)
        self.assertEqual(lines, [])


class HandWorkedPlan(Base):
    def test_passes_with_level1_130(self):
        lines, c = check_plan.check([DATASET], PLAN, all_levels=True)
        self.assertEqual(lines, [])
        self.assertEqual(c.level1, 130)
        self.assertEqual(sorted(c.assigned), ["AFG-0001", "AFG-0002"])
        self.assertEqual(sorted(c.history), ["AFG-0004"])

    def test_xml_dataset_is_the_same(self):
        xml = os.path.join(SAMPLES, "all-fields.xml")
        self.assertEqual(check_plan.merge([DATASET]), check_plan.merge([xml]))
        lines, c = check_plan.check([xml], PLAN)
        self.assertEqual((lines, c.level1), ([], 130))

    def test_cli_ok_and_expect_level1(self):
        cmd = [sys.executable, os.path.join(HERE, "check_plan.py"), DATASET, "--plan", PLAN]
        r = subprocess.run(cmd + ["--expect-level1", "130"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(r.stdout.strip(), "plan ok: 2 assigned, 1 unassigned, level1 130")
        r = subprocess.run(cmd + ["--expect-level1", "131"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("objective: level1: expected 131, recomputed 130", r.stdout)

    def test_cli_weights(self):
        cmd = [sys.executable, os.path.join(HERE, "check_plan.py"), DATASET, "--plan", PLAN,
               "--weights", "emergency=50,urgent=5,normal=1"]
        r = subprocess.run(cmd, capture_output=True, text=True)
        self.assertEqual(r.returncode, 1)
        self.assertIn("objective: weighted_persons: plan says 130, recomputed 65", r.stdout)

    def test_cli_bad_input_exits_2(self):
        r = subprocess.run([sys.executable, os.path.join(HERE, "check_plan.py"), "/nonexistent.json",
                            "--plan", PLAN], capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)


class Itinerary(Base):
    def test_short_connection(self):
        self.flight(TK17)["departs"] = "2026-12-14T10:30+03:00"
        self.assertFails("2", "connection at IST of 30 min < mct 90", tables=False)

    def test_long_connection(self):
        self.flight(TK17)["departs"] = "2026-12-14T22:05+03:00"
        self.flight(TK17)["arrives"] = "2026-12-15T08:05-05:00"
        self.assertFails("2", "> max 720", tables=False)

    def test_cancelled_leg(self):
        self.flight(TK17)["cancelled"] = True
        self.plan["conflicts"] = [{"case": "AFG-0002", "rule": "2.12", "code": "VOID_BOOKING"}]
        self.assertFails("2", "is cancelled", tables=False)

    def test_beyond_horizon(self):
        self.ds["mission"]["horizon_days"] = 10
        self.assertFails("2", "after the horizon")

    def test_wrong_destination(self):
        self.case("AFG-0001")["destination"] = {"country": "NO"}
        self.assertFails("2", "arrives in CA, not NO")

    def test_not_from_origin(self):
        self.assignment("AFG-0001")["flights"] = [TK17]
        self.assertFails("2", "not the origin TIA", tables=False)

    def test_four_legs(self):
        self.assignment("AFG-0001")["flights"] = [TK1074, TK17, TK1074, TK17]
        self.assertFails("2", "itinerary of 4 flights", tables=False)


class CaseRules(Base):
    def test_assigned_twice(self):
        self.plan["assignments"].append(copy.deepcopy(self.assignment("AFG-0001")))
        self.assertFails("2.1", "assigned more than once")

    def test_split_linked_pair(self):
        self.plan["assignments"] = [a for a in self.plan["assignments"] if a["case"] != "AFG-0001"]
        self.plan["unassigned"].append({"case": "AFG-0001", "reasons": [{"code": "LINKED_CASE"}]})
        self.plan["objective"]["weighted_persons"] = 100
        self.plan["escort_trips"][0]["cases"] = ["AFG-0002"]
        self.assertFails("2.2", "linked cases split", tables=False)
        # the confirmed booking causes it: allowed once listed in conflicts
        self.plan["conflicts"] = [{"case": "AFG-0002", "rule": "2.2", "code": "LINKED_CASE"}]
        self.assertPasses(tables=False)

    def test_not_ready(self):
        self.case("AFG-0001")["ready"] = "2026-12-15"
        self.assertFails("2.3", "before ready")

    def test_visa_expiry(self):
        self.case("AFG-0001")["visa_expires"] = "2026-12-13"
        self.assertFails("2.3", "after visa_expires")

    def test_document_expiry(self):
        self.case("AFG-0001")["members"][0]["document"]["expires"] = "2026-12-13"
        lines = self.assertFails("2.3", "document expires")
        self.assertFalse(any("2029" in x or "2026-12-13" in x for x in lines), "quotes a personal field")

    def test_medical_expired_and_pending(self):
        self.case("AFG-0001")["medical"]["valid_until"] = "2026-12-13"
        self.assertFails("2.3", "medical valid until")
        self.case("AFG-0001")["medical"] = {"status": "pending"}
        self.assertFails("2.3", "medical pending")

    def test_medical_deferred(self):
        self.case("AFG-0001")["medical"] = {"status": "deferred", "deferred_until": "2026-12-15"}
        self.assertFails("2.3", "deferred until")
        self.case("AFG-0001")["medical"] = {"status": "deferred"}
        self.assertFails("2.3", "deferred without a date")

    def test_departure_not_after_as_of(self):
        self.ds["mission"]["as_of"] = "2026-12-14"
        self.plan["as_of"] = "2026-12-14"
        self.assertFails("2.3", "not after as_of")

    def test_pregnancy(self):
        self.case("AFG-0001")["members"][1]["pregnancy"] = {"weeks": 34, "on": "2026-11-25"}
        self.assertFails("2.4", "pregnancy at or past 36 weeks")

    def test_pregnancy_multiple(self):
        self.case("AFG-0001")["members"][1]["pregnancy"] = {"weeks": 30, "on": "2026-11-25", "multiple": True}
        self.assertFails("2.4", "past 32 weeks")
        self.case("AFG-0001")["members"][1]["pregnancy"] = {"weeks": 29, "on": "2026-11-25", "multiple": True}
        self.assertPasses()

    def test_transit(self):
        self.ds["transit_rules"].append({"country": "TR", "nationalities": ["AFG"]})
        self.assertFails("2.9", "needs an airport transit visa in TR")

    def test_transit_exempt_by_visa(self):
        self.ds["transit_rules"].append({"country": "TR", "nationalities": ["AFG"], "exempt_if_visa_for": ["CA"]})
        self.assertPasses()


class ArrivalRules(Base):
    def test_weekend(self):
        self.flight(TK17)["arrives"] = "2026-12-19T18:05-05:00"
        self.assignment("AFG-0001")["arrives"] = self.assignment("AFG-0002")["arrives"] = "2026-12-19T18:05-05:00"
        self.assertFails("2.8", "arrives on a weekend")

    def test_latest(self):
        find(self.ds["arrival_rules"], "country", "CA")["latest_arrival"] = "18:00"
        lines = self.assertFails("2.8", "after the latest arrival")
        # AFG-0002 is emergency: exempt
        self.assertFalse(any("AFG-0002" in x for x in lines))

    def test_earliest(self):
        find(self.ds["arrival_rules"], "country", "CA")["earliest_arrival"] = "18:30"
        self.assertFails("2.8", "before the earliest arrival")

    def test_blackout(self):
        find(self.ds["arrival_rules"], "country", "CA")["blackout"].append("2026-12-14")
        self.assertFails("2.8", "blackout date")

    def test_notice(self):
        find(self.ds["arrival_rules"], "country", "CA")["notice_working_days"] = 11
        self.assertFails("2.8", "before the notice day 2026-12-15")

    def test_notice_exactly_the_tenth_working_day(self):
        self.assertEqual(check_plan.working_day(check_plan.dt.date(2026, 11, 30), 10, set()),
                         check_plan.dt.date(2026, 12, 14))

    def test_confirmed_not_held_to_notice(self):
        rule = find(self.ds["arrival_rules"], "country", "CA")
        rule["notice_working_days"] = 11
        rule["exempt_priorities"] = []
        lines = self.check()
        self.assertFalse(any("AFG-0002" in x for x in lines), lines)
        self.assertTrue(any("AFG-0001" in x and "notice" in x for x in lines), lines)


class Capacities(Base):
    def test_seat_overflow(self):
        self.flight(TK17)["seats"] = 8
        self.assertFails("2.5", "flight 'TK17/2026-12-14': seats 9 > 8")

    def test_stretcher_seats(self):
        self.flight(TK1074)["stretcher_seats"] = 9
        self.flight(TK1074)["seats"] = 11
        self.assertFails("2.5", "seats 12 > 11", tables=False)

    def test_escort_takes_a_seat(self):
        self.flight(TK17)["seats"] = 8
        self.plan["escort_trips"] = []
        for a in self.plan["assignments"]:
            a["escorts"] = []
        lines = self.check(tables=False)
        self.assertFalse(any(x.startswith("rule 2.5") for x in lines), lines)

    def test_confirmed_alone_exceed_seats(self):
        self.flight(TK17)["seats"] = 5
        self.assertFails("2.5", "seats 9 > 5 (confirmed bookings alone use 7)")
        self.plan["assignments"] = [a for a in self.plan["assignments"] if a["case"] != "AFG-0001"]
        self.plan["unassigned"].append({"case": "AFG-0001", "reasons": [{"code": "CAPACITY", "refs": [TK17]}]})
        self.plan["escort_trips"][0]["cases"] = ["AFG-0002"]
        self.plan["objective"]["weighted_persons"] = 100
        self.plan["conflicts"] = [{"case": "AFG-0002", "rule": "2.2", "code": "LINKED_CASE"}]
        self.assertFails("2.5", "seats 7 > 5", tables=False)
        self.plan["conflicts"].append({"case": "AFG-0002", "rule": "2.5", "code": "CAPACITY"})
        self.assertPasses(tables=False)

    def test_lap_infant_limit(self):
        self.flight(TK17)["limits"]["INFT"] = 0
        self.assertFails("2.6", "flight 'TK17/2026-12-14': INFT 1 > 0")

    def test_infant_without_lap_takes_a_seat(self):
        # with the father on a stretcher only one adult can hold a lap
        c = self.case("AFG-0001")
        c["members"][0]["ssr"] = ["STCR"]
        c["members"][1]["pregnancy"] = None
        del c["members"][1]["pregnancy"]
        c["members"].append({"id": "AFG-0001-04", "given_names": "Baby", "sex": "F",
                             "birth_date": "2026-06-01", "nationality": "AFG"})
        _, ck = check_plan.check_from(self.ds, self.plan)
        f = ck.assigned["AFG-0001"].facts
        self.assertEqual(f.lap, {"AFG-0001-04"})
        self.assertEqual(f.seats(check_plan.Obj(stretcher_seats=6)), 6 + 1 + 1)

    def test_stretcher_limit(self):
        self.flight(TK1074)["limits"]["STCR"] = 0
        self.assertFails("2.6", "STCR 1 > 0")

    def test_wchc_limit(self):
        self.flight(TK17)["limits"]["WCHC"] = 0
        self.assertFails("2.6", "WCHC 1 > 0")

    def test_quota_persons(self):
        find(self.ds["quotas"], "id", "CA-2026-12")["max_persons"] = 3
        self.assertFails("2.7", "quota 'CA-2026-12': persons 4 > 3")

    def test_quota_cases(self):
        find(self.ds["quotas"], "id", "YYZ-W51")["max_cases"] = 1
        self.assertFails("2.7", "quota 'YYZ-W51': cases 2 > 1")

    def test_history_counts_against_quota(self):
        q = find(self.ds["quotas"], "id", "CA-2026-12")
        q["from"] = "2026-11-01"
        q["max_persons"] = 4
        lines = self.assertFails("2.7", "persons 5 > 4", tables=False)
        self.assertTrue(lines)

    def test_clinic_closed(self):
        self.assignment("AFG-0001")["ftt_date"] = "2026-12-13"
        self.assertFails("2.10", "closed on 2026-12-13", tables=False)

    def test_clinic_too_early(self):
        self.assignment("AFG-0001")["ftt_date"] = "2026-12-10"
        self.assertFails("2.10", "4 days before departure", tables=False)

    def test_clinic_same_day(self):
        self.assignment("AFG-0001")["ftt_date"] = "2026-12-14"
        self.assertFails("2.10", "0 days before departure", tables=False)

    def test_clinic_missing_date(self):
        del self.assignment("AFG-0001")["ftt_date"]
        self.assertFails("2.10", "no check date", tables=False)

    def test_clinic_capacity(self):
        find(self.ds["clinics"], "id", "DRS")["capacity_per_day"] = 3
        self.assertFails("2.10", "clinic 'DRS' on 2026-12-12: persons 4 > 3")

    def test_confirmed_check_date_kept(self):
        self.assignment("AFG-0002")["ftt_date"] = "2026-12-11"
        self.assertFails("2.12", "confirmed check date", tables=False)


class Escorts(Base):
    def test_escort_missing(self):
        self.plan["escort_trips"] = []
        for a in self.plan["assignments"]:
            a["escorts"] = []
        self.assertFails("2.11", "persons needing a medical escort 1 > 0", tables=False)

    def test_operational_escort_cannot_cover_medical(self):
        e = find(self.ds["escorts"], "id", "ESC-01")
        e["kind"] = "operational"
        self.assertFails("2.11", "persons needing a medical escort 1 > 0")

    def test_covers(self):
        find(self.ds["escorts"], "id", "ESC-01")["covers"] = 0
        self.assertFails("2.11", "escorted persons 1 > 0")

    def test_availability(self):
        find(self.ds["escorts"], "id", "ESC-01")["available_to"] = "2026-12-10"
        self.assertFails("2.11", "outside availability")

    def test_turnaround_with_history(self):
        find(self.ds["bookings"], "case", "AFG-0004")["escorts"] = ["ESC-01"]
        find(self.ds["escorts"], "id", "ESC-01")["turnaround_days"] = 30
        self.assertFails("2.11", "21 days apart < turnaround 30")

    def test_assignment_escorts_must_match_trips(self):
        self.assignment("AFG-0001")["escorts"] = []
        self.assertFails("plan", "differ from the escort trips")

    def test_unaccompanied_minors_need_operational_escort(self):
        c = self.case("AFG-0003")
        c["medical"] = {"status": "cleared"}
        c["destination"] = {"country": "CA"}
        self.plan["unassigned"] = []
        self.plan["assignments"].append({"case": "AFG-0003", "flights": [TK1074, TK17],
                                         "escorts": ["ESC-01"], "status": "proposed"})
        self.plan["objective"]["weighted_persons"] = 132
        lines = self.assertFails("2.11", "escorted persons 3 > 2", tables=False)
        self.assertFalse(any(x.startswith("rule 2.6") for x in lines), lines)
        self.flight(TK1074)["limits"]["UMNR"] = 1
        self.assertFails("2.6", "UMNR 2 > 1", tables=False)

    def test_trips_derived_from_assignments_without_table(self):
        del self.plan["escort_trips"]
        self.assertPasses()


class Bookings(Base):
    def test_confirmed_not_kept(self):
        self.assignment("AFG-0002")["status"] = "proposed"
        self.assertFails("2.12", "confirmed booking TK1074/2026-12-14+TK17/2026-12-14 not kept")

    def test_confirmed_status_without_booking(self):
        self.assignment("AFG-0001")["status"] = "confirmed"
        self.assertFails("2.12", "status confirmed without a confirmed booking")

    def test_history_in_plan(self):
        self.plan["unassigned"].append({"case": "AFG-0004", "reasons": [{"code": "NOT_SELECTED"}]})
        self.assertFails("2.12", "history")

    def test_confirmed_before_as_of_is_history(self):
        b = find(self.ds["bookings"], "case", "AFG-0004")
        b["status"] = "confirmed"
        self.assertPasses()

    def test_void_booking(self):
        self.flight(TK17)["cancelled"] = True
        self.plan["assignments"] = []
        self.plan["escort_trips"] = []
        self.plan["unassigned"] += [{"case": "AFG-0001", "reasons": [{"code": "NO_ROUTE"}]},
                                    {"case": "AFG-0002", "reasons": [{"code": "NO_ROUTE"}]}]
        self.plan["objective"]["weighted_persons"] = 0
        self.assertFails("2.12", "VOID_BOOKING", tables=False)
        self.plan["conflicts"] = [{"case": "AFG-0002", "rule": "2.12", "code": "VOID_BOOKING"}]
        self.assertPasses(tables=False)


class PlanShape(Base):
    def test_case_missing(self):
        self.plan["unassigned"] = []
        self.assertFails("plan", "case 'AFG-0003': neither assigned nor unassigned")

    def test_no_reason(self):
        self.plan["unassigned"][0]["reasons"] = []
        self.assertFails("plan", "unassigned without a reason")

    def test_bad_reason_code(self):
        self.plan["unassigned"][0]["reasons"][0]["code"] = "VOID_BOOKING"
        self.assertFails("plan", "unknown reason code 'VOID_BOOKING'")

    def test_unknown_case(self):
        self.plan["unassigned"].append({"case": "NOPE", "reasons": [{"code": "NO_ROUTE"}]})
        self.assertFails("plan", "not in the dataset")

    def test_objective(self):
        self.plan["objective"]["weighted_persons"] = 131
        self.assertFails("objective", "plan says 131, recomputed 130")

    def test_all_levels(self):
        self.plan["objective"]["waiting"] = 1
        self.assertPasses()
        self.assertFails("objective", "waiting", all_levels=True)

    def test_tables(self):
        self.plan["flights"][0]["used"] = 8
        self.plan["quotas"][0]["persons"] = 3
        self.plan["clinics"][0]["persons"] = 5
        lines = self.check()
        self.assertEqual(len([x for x in lines if x.startswith("plan:")]), 3, lines)
        self.assertPasses(tables=False)

    def test_reported_departure(self):
        self.assignment("AFG-0001")["departs"] = "2026-12-14T06:15+02:00"
        self.assertFails("plan", "departs does not match")


if __name__ == "__main__":
    unittest.main(verbosity=1)
