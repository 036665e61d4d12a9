#!/usr/bin/env python3
"""disruption.py - how much a single cancelled flight disturbs a plan
(issue 12): `make bench-disruption`.

    disruption.py MOVPLAN [--preset medium] [--seed 1] [--cancellations 10]
                  [--time-limit 30] [--rng 12] [--keep DIR]

Generates the preset, imports it, plans the baseline, then for each of
N flights drawn at random (among those carrying passengers, seeded) makes
a scenario that cancels it (SPEC 3 layer) and plans it: its level-2
reference is the baseline's plan.  For each it prints the cases on the
flight, the cases moved or dropped, how many of those were not on the
flight, and how many moved without being forced, counted twice:

  movplan   the cause `compare --json` gives ("not forced": nothing in
            the new plan refuses the case its old flights);
  checker   tests/checker/forced_moves.py: each moved case put back on its
            old flights in the new plan and re-checked by the independent
            checker (still feasible: it could have stayed), and the moved
            cases put back together (swaps and chains); the larger count.

Ends with the figure "moved without being forced: N (target 0)" (the
checker's count over all cancellations).  Prints figures, never fails on
a figure; exits non-zero only when a command fails.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CHECKER = os.path.join(os.path.dirname(HERE), "checker")


def sh(args, **kw):
    r = subprocess.run(args, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit("disruption: %s failed (%d):\n%s" % (" ".join(args[:4]), r.returncode,
                                                      r.stderr[-2000:]))
    return r.stdout


class Bench:
    def __init__(self, a, work):
        self.a, self.work = a, work
        self.db = os.path.join(work, "bench.db")
        self.mp = [a.movplan, "--db", self.db]

    def path(self, name):
        return os.path.join(self.work, name)

    def setup(self):
        data = self.path("data.json")
        with open(data, "w", encoding="utf-8") as f:
            f.write(sh([self.a.movplan, "generate", "--preset", self.a.preset,
                        "--seed", str(self.a.seed)]))
        sh(self.mp + ["import", data])
        t = time.time()
        sh(self.mp + ["plan", "--quiet", "--time-limit", str(self.a.time_limit),
                      "--out", self.path("base.json")])
        self.base_wall = time.time() - t
        self.base = json.load(open(self.path("base.json"), encoding="utf-8"))["plan"]
        self.data = data
        with open(data, encoding="utf-8") as f:
            self.members = {c["id"]: len(c["members"]) for c in json.load(f)["cases"]}

    def flights_drawn(self):
        used = sorted({fl for a in self.base["assignments"] for fl in a["flights"]})
        return random.Random(self.a.rng).sample(used, min(self.a.cancellations, len(used)))

    def one(self, k, flight):
        name = "cancel-%d" % k
        layer = self.path(name + ".json")
        with open(layer, "w", encoding="utf-8") as f:
            json.dump({"movplan": 1, "flights": [{"id": flight, "cancelled": True}]}, f)
        sh(self.mp + ["scenario", "create", name, layer])
        t = time.time()
        out = self.path(name + "-plan.json")
        sh(self.mp + ["plan", "--quiet", "--scenario", name, "--time-limit",
                      str(self.a.time_limit), "--out", out])
        wall = time.time() - t
        cmp = json.loads(sh(self.mp + ["--json", "compare", "baseline", name]))["compare"]
        on = {a["case"] for a in self.base["assignments"] if flight in a["flights"]}
        moved = [c for c in cmp["cases"] if c["plans"][0]["status"] == "booked"]
        ours = sum(1 for c in moved if not c.get("forced", True))
        fm = json.loads(sh([sys.executable, os.path.join(CHECKER, "forced_moves.py"), self.data,
                            "--old", self.path("base.json"), "--new", out, "--cancel", flight,
                            "--sample", str(self.a.sample), "--json"]))
        # the one-by-one count on a sample stands for all the moved cases
        single = fm["not_forced"] * fm["moved"] / max(1, fm["tried"])
        return {"flight": flight, "on": len(on), "moved": len(moved),
                "off_flight": sum(1 for c in moved if c["case"] not in on),
                "unforced_movplan": ours,
                "unforced_checker": round(max(single, fm["not_forced_together"])),
                "sampled": fm["tried"] < fm["moved"],
                "checker_moved": fm["moved"], "wall": wall,
                "unforced_cases": [c["case"] for c in fm["cases"] if not c["forced"]]}


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("movplan")
    p.add_argument("--preset", default="medium")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--cancellations", type=int, default=10)
    p.add_argument("--time-limit", type=float, default=30)
    p.add_argument("--rng", type=int, default=12)
    p.add_argument("--sample", type=int, default=40,
                   help="moved cases the checker tries one by one per cancellation")
    p.add_argument("--keep", help="work in DIR and keep it")
    a = p.parse_args(argv)
    a.movplan = os.path.abspath(a.movplan)
    tmp = None if a.keep else tempfile.TemporaryDirectory(prefix="movplan-disruption.")
    work = a.keep or tmp.name
    os.makedirs(work, exist_ok=True)
    b = Bench(a, work)
    b.setup()
    print("disruption: preset %s (seed %d), baseline planned in %.1f s; %d random single-flight "
          "cancellations (rng %d), each a scenario planned with --time-limit %g"
          % (a.preset, a.seed, b.base_wall, a.cancellations, a.rng, a.time_limit))
    print("%-22s %8s %8s %10s %18s %18s %8s" % ("cancelled flight", "cases on", "moved",
                                               "not on it", "not forced movplan",
                                               "not forced checker", "wall s"))
    rows = []
    for k, flight in enumerate(b.flights_drawn(), 1):
        r = b.one(k, flight)
        rows.append(r)
        print("%-22s %8d %8d %10d %18d %17d%s %8.1f%s" % (
            r["flight"], r["on"], r["moved"], r["off_flight"], r["unforced_movplan"],
            r["unforced_checker"], "~" if r["sampled"] else " ", r["wall"],
            "  " + " ".join(r["unforced_cases"][:6]) if r["unforced_cases"] else ""))
        sys.stdout.flush()
    total = sum(r["unforced_checker"] for r in rows)
    print("cases on the cancelled flights %d; moved or dropped %d (%d of them not on the flight)"
          % (sum(r["on"] for r in rows), sum(r["moved"] for r in rows),
             sum(r["off_flight"] for r in rows)))
    print("moved without being forced: %d (target 0; movplan's own count %d)%s"
          % (total, sum(r["unforced_movplan"] for r in rows),
             "; ~: the checker tried %d moved cases one by one, scaled" % a.sample
             if any(r["sampled"] for r in rows) else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
