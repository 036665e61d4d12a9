#!/usr/bin/env python3
"""cycle_week.py - a mission's week, as officers and the cron job run it,
checked with the readers the outputs go to (run by cycle_week.sh, which
sets up the database, the plan and the npm packages).

    cycle_week.py MOVPLAN DB PLAN WORKDIR DATA...

Monday night the example mission is imported and planned (the setup).
Tuesday morning the officers confirm two bookings on the flight out of
Tirana that carries the most cases in Monday's plan (at least three; it
has been TK1074/2026-12-14, but which one depends on the plan's lower
levels, waiting and fares) and send that flight's manifest and both
families' calendars.  The
airline cancels the flight; the night's import marks it cancelled and
the cron job re-plans.  Wednesday morning `changes` says what moved and
why, the broken confirmations first, and what to send again; the
officers send it.  Checked at every step:

- every plan passes tests/checker/check_plan.py (the independent
  checker) on the data it was planned from;
- the cancelled flight's manifest is refused (65) naming how many
  passengers were re-planned;
- the cases that moved are exactly the ones on the cancelled flight and
  those whose move it forced, none "not forced" by movplan's own cause
  nor by tests/checker/forced_moves.py (the checker's put-back test);
- the two confirmations are listed first as broken (VOID_BOOKING);
- every manifest to send again reads back with Python's csv module and
  the npm `edifact` parser (paxlst_check.js) and lists exactly the
  travellers the new plan puts on that flight; no flight left off the
  list gained or lost a traveller;
- every family's calendar, imported into a calendar (ics_follow.js, the
  npm `ical.js`) before and after, holds exactly the new journey: one
  event for it, one per leg at the new flights' times, the check; a
  family that lost its booking has nothing left.
"""
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
CHECKER = os.path.join(TOP, "tests", "checker")
FLIGHT = None  # chosen from Monday's plan (monday)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


class Week:
    def __init__(self, movplan, db, plan, work, data):
        self.movplan, self.db, self.work, self.data = movplan, db, work, data
        self.plan1 = json.load(open(plan, encoding="utf-8"))["plan"]

    def run(self, *args, want=0, stdin=None):
        r = subprocess.run([self.movplan, "--db", self.db] + list(args), capture_output=True,
                           text=True, input=stdin)
        if r.returncode != want:
            fail("movplan %s: exit %d, want %d\n%s" % (" ".join(args), r.returncode, want, r.stderr))
        return r

    def path(self, name):
        return os.path.join(self.work, name)

    def export(self, name):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(self.run("export").stdout)
        return json.load(open(self.path(name), encoding="utf-8"))

    def check_plan(self, dataset, plan):
        r = subprocess.run([sys.executable, os.path.join(CHECKER, "check_plan.py"), dataset,
                            "--plan", plan], capture_output=True, text=True)
        if r.returncode != 0:
            fail("check_plan.py on %s:\n%s%s" % (plan, r.stdout, r.stderr))

    def node(self, script, *args):
        r = subprocess.run(["node", os.path.join(HERE, script)] + list(args),
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail("%s %s:\n%s%s" % (script, " ".join(args), r.stdout, r.stderr))
        return r.stdout

    # -- the days

    def monday(self):
        self.data1 = self.export("data1.json")
        self.check_plan(self.path("data1.json"), self.path("../plan.json"))
        self.cases = {c["id"]: c for c in self.data1["cases"]}
        global FLIGHT
        count = {}
        for a in self.plan1["assignments"]:
            count[a["flights"][0]] = count.get(a["flights"][0], 0) + 1
        FLIGHT = min(count, key=lambda f: (-count[f], f))
        on = [a for a in self.plan1["assignments"] if FLIGHT in a["flights"]]
        if len(on) < 3:
            fail("the example plan has %d cases on %s" % (len(on), FLIGHT))
        self.on_flight = sorted(a["case"] for a in on)
        self.confirmed = self.on_flight[:2]

    def tuesday(self):
        for cid in self.confirmed:
            self.run("confirm", cid)
        # the officers send what they have: manifests and calendars
        self.manifest_csv(FLIGHT, "tue.csv", want_status={c: "confirmed" for c in self.confirmed})
        self.before = {}
        for cid in self.on_flight:
            self.before[cid] = self.path("tue-%s.ics" % cid)
            with open(self.before[cid], "w", encoding="utf-8", newline="") as f:
                f.write(self.run("itinerary", cid, "--format", "ics").stdout)
        for cid in self.confirmed:
            text = open(self.before[cid], encoding="utf-8").read()
            if "STATUS:CONFIRMED" not in text:
                fail("%s: its calendar does not say confirmed right after confirm" % cid)

    def tuesday_night(self):
        flight = [f for f in self.data1["flights"] if f["id"] == FLIGHT][0]
        flight["cancelled"] = True
        with open(self.path("cancel.json"), "w", encoding="utf-8") as f:
            json.dump({"movplan": 1, "flights": [flight]}, f)
        self.run("import", self.path("cancel.json"))
        r = self.run("plan", "--time-limit", "20", "--out", self.path("plan2.json"))
        self.summary = r.stdout
        for line in ("changes in scenario baseline from plan", "re-send these:"):
            if line not in self.summary:
                fail("the night's plan summary lacks %r" % line)
        if "VOID_BOOKING" not in r.stderr:
            fail("the broken confirmations did not reach stderr:\n" + r.stderr)
        self.data2 = self.export("data2.json")
        self.check_plan(self.path("data2.json"), self.path("plan2.json"))
        self.plan2 = json.load(open(self.path("plan2.json"), encoding="utf-8"))["plan"]

    def wednesday(self):
        ch = json.loads(self.run("--json", "changes").stdout)["changes"]
        broken = [b["case"] for b in ch["broken"] if b["code"] == "VOID_BOOKING"]
        if sorted(broken) != self.confirmed:
            fail("broken confirmations %s, want %s" % (broken, self.confirmed))
        text = self.run("changes").stdout
        if text.find("confirmed bookings the data broke") > text.find("cases:"):
            fail("the broken confirmations are not listed first")
        self.check_moves(ch)
        r = self.run("manifest", FLIGHT, want=65)
        n = sum(len(self.cases[c]["members"]) for c in self.on_flight)
        want = "flight %s is cancelled; %d passengers were re-planned, see `movplan changes`" % (FLIGHT, n)
        if want not in r.stderr:
            fail("cancelled flight: %r not in %r" % (want, r.stderr))
        self.resend_manifests(ch["resend"]["manifests"])
        self.resend_calendars(ch["resend"]["itineraries"])
        return ch

    # -- checks

    def check_moves(self, ch):
        moved = {c["case"]: c for c in ch["cases"] if c["change"] in ("moved", "dropped")}
        for cid in self.on_flight:
            if cid not in moved or moved[cid]["cause"] != "flight_cancelled":
                fail("%s was on %s but is not listed as moved by the cancellation: %s"
                     % (cid, FLIGHT, moved.get(cid)))
        for cid, c in moved.items():
            if not c["forced"]:
                fail("%s moved without being forced: %s" % (cid, c["detail"]))
        r = subprocess.run([sys.executable, os.path.join(CHECKER, "forced_moves.py"),
                            self.path("data2.json"), "--old", self.path("../plan.json"),
                            "--new", self.path("plan2.json"), "--json"],
                           capture_output=True, text=True)
        if r.returncode != 0:
            fail("forced_moves.py: " + r.stderr)
        fm = json.loads(r.stdout)
        if fm["not_forced"] != 0 or fm["moved"] != len(moved):
            fail("the independent put-back test: %s (movplan listed %d)" % (fm, len(moved)))
        self.moved = moved

    def travellers(self, plan, flight):
        cases = {a["case"] for a in plan["assignments"] if flight in a["flights"]}
        esc = set()
        for t in plan.get("escort_trips") or []:
            if flight in t["flights"]:
                esc.add(t["escort"])
        return cases, sum(len(self.cases[c]["members"]) for c in cases) + len(esc)

    def manifest_csv(self, flight, name, want_status=None):
        with open(self.path(name), "w", encoding="utf-8", newline="") as f:
            f.write(self.run("manifest", flight, "--format", "csv").stdout)
        rows = list(csv.DictReader(open(self.path(name), encoding="utf-8", newline="")))
        status = {r["case"]: r["status"] for r in rows if r.get("case")}
        for cid, st in (want_status or {}).items():
            if status.get(cid) != st:
                fail("%s: manifest of %s says %s, want %s" % (cid, flight, status.get(cid), st))
        return {r["case"] for r in rows if r.get("case") and r.get("role") != "escort"}

    def resend_manifests(self, flights):
        if FLIGHT not in flights:
            fail("the cancelled flight is not among the manifests to send again")
        flights2 = {f["id"]: f for f in self.data2["flights"]}
        for fid in flights:
            if flights2[fid].get("cancelled"):
                continue
            cases, n = self.travellers(self.plan2, fid)
            got = self.manifest_csv(fid, "wed-%s.csv" % fid.replace("/", "-"))
            if not cases <= got | {""}:
                fail("manifest of %s lacks %s" % (fid, sorted(cases - got)))
            edi = self.path("wed-%s.edi" % fid.replace("/", "-"))
            with open(edi, "w", encoding="latin-1", newline="") as f:
                f.write(self.run("manifest", fid, "--format", "paxlst").stdout)
            self.node("paxlst_check.js", edi, str(n))
        # a flight left off the list carries the same travellers as before
        for f in self.data2["flights"]:
            if f["id"] in flights:
                continue
            if self.travellers(self.plan1, f["id"])[0] != self.travellers(self.plan2, f["id"])[0]:
                fail("%s changed travellers but is not listed to send again" % f["id"])

    def resend_calendars(self, cases):
        for cid in self.moved:
            if cid not in cases:
                fail("%s moved but its itinerary is not listed to send again" % cid)
        asg = {a["case"]: a for a in self.plan2["assignments"]}
        flights2 = {f["id"]: f for f in self.data2["flights"]}
        for cid in self.on_flight:
            after = self.path("wed-%s.ics" % cid)
            with open(after, "w", encoding="utf-8", newline="") as f:
                f.write(self.run("itinerary", cid, "--format", "ics").stdout)
            held = json.loads(self.node("ics_follow.js", self.before[cid], after))
            self.calendar_is_journey(cid, held, asg.get(cid), flights2)

    def calendar_is_journey(self, cid, held, a, flights):
        mission = self.data2["mission"]["id"]
        if a is None:
            if held:
                fail("%s lost its booking but its calendar still holds %s" % (cid, held))
            return
        uid = lambda what: "%s.%s@%s" % (cid, what, mission)
        want = {uid("journey"), uid("ftt")} if a.get("ftt_date") else {uid("journey")}
        want |= {uid("leg%d" % (i + 1)) for i in range(len(a["flights"]))}
        got = {e["uid"]: e for e in held}
        if set(got) != want:
            fail("%s: the calendar holds %s, want %s" % (cid, sorted(got), sorted(want)))
        for i, fid in enumerate(a["flights"]):
            e = got[uid("leg%d" % (i + 1))]
            if not fid.startswith(e["summary"].split()[0]) and flights[fid]["number"] not in e["summary"]:
                fail("%s leg %d: %s is not flight %s" % (cid, i + 1, e["summary"], fid))
            dep = utc(flights[fid]["departs"])
            if e["start"] != dep:
                fail("%s leg %d starts %s, flight %s departs %s" % (cid, i + 1, e["start"], fid, dep))


def utc(text):
    """'2026-12-16T06:15+01:00' -> '2026-12-16T05:15:00Z'."""
    import datetime as dt
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv):
    movplan, db, plan, work = argv[:4]
    w = Week(movplan, db, plan, work, argv[4:])
    w.monday()
    w.tuesday()
    w.tuesday_night()
    ch = w.wednesday()
    print("ok: %d cases on %s; %d moved or dropped, all forced; %d manifests and %d itineraries "
          "sent again" % (len(w.on_flight), FLIGHT, len(w.moved), len(ch["resend"]["manifests"]),
                          len(ch["resend"]["itineraries"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
