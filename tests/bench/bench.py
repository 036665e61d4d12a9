#!/usr/bin/env python3
"""bench.py - the benchmark of issue 3: movplan against the peers.

    bench.py MOVPLAN [--presets small,medium,large] [--seed N] [--out DIR]

For each preset it generates the dataset (`movplan generate`), then
runs, each with the same time limit:
  movplan   `plan --stateless`, as a user runs it (the model for the
            peers is exported by a separate, untimed run with --write-model)
  greedy    tests/checker/greedy_plan.py: priority first, earliest flight
            that fits, what an officer does by hand (shares no code)
  cbc       COIN-OR CBC on movplan's exported model (level 1)
  glpsol    GLPK's stand-alone solver on the same model
and prints one row per contender: wall time, peak memory (GNU time),
level-1 value, bound and gap; the plans of movplan and greedy are
re-checked by tests/checker/check_plan.py.  It prints figures; it never
fails on a stopwatch.  Exit status is non-zero only when a run breaks
(a crash, or an infeasible plan from movplan).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
CHECKER = os.path.join(TOP, "tests", "checker", "check_plan.py")
GREEDY = os.path.join(TOP, "tests", "checker", "greedy_plan.py")
LIMITS = {"small": 5, "medium": 30, "large": 120}


def timed(cmd, log, timeout):
    """Runs cmd under GNU time; returns (rc, wall seconds, peak MiB)."""
    tfile = log + ".time"
    t0 = time.monotonic()
    with open(log, "w") as out:
        try:
            rc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tfile] + cmd,
                                stdout=out, stderr=subprocess.STDOUT, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            rc = -9
    wall = time.monotonic() - t0
    peak = float("nan")
    try:
        with open(tfile) as f:
            last = f.read().strip().splitlines()[-1].split()
            wall, peak = float(last[0]), int(last[1]) / 1024.0
    except (OSError, IndexError, ValueError):
        pass
    return rc, wall, peak


def gap(value, bound):
    if value is None or bound is None:
        return None
    return (bound - value) / max(abs(bound), 1.0)


def check(dataset, plan):
    r = subprocess.run([sys.executable, CHECKER, dataset, "--plan", plan],
                       capture_output=True, text=True)
    last = (r.stdout.strip().splitlines() or ["?"])[-1]
    return r.returncode == 0, last if r.returncode == 0 else (r.stdout + r.stderr)[-400:]


def export_model(mp, ds, work):
    """The full model for CBC and glpsol, from a run of its own: writing
    it (1.2 GB at large) is not part of movplan's timed plan."""
    lp, log = f"{work}/model.lp", f"{work}/export.log"
    rc, _, _ = timed([mp, "--quiet", "plan", "--stateless", ds, "--out", f"{work}/export.plan.json",
                      "--time-limit", "1", "--write-model", lp], log, 3600)
    return lp if rc == 0 else None


def run_movplan(mp, ds, work, limit):
    plan, log = f"{work}/movplan.plan.json", f"{work}/movplan.log"
    rc, wall, peak = timed([mp, "--quiet", "plan", "--stateless", ds, "--out", plan,
                            "--time-limit", str(limit)], log, 20 * limit + 600)
    row = {"name": "movplan", "rc": rc, "wall": wall, "peak": peak}
    if rc == 0:
        p = json.load(open(plan))["plan"]
        row.update(value=p["objective"]["weighted_persons"], bound=p["bound"],
                   status=p["status"], assigned=len(p["assignments"]))
        row["ok"], row["check"] = check(ds, plan)
    return row


def run_greedy(ds, work, limit):
    plan, log = f"{work}/greedy.plan.json", f"{work}/greedy.log"
    rc, wall, peak = timed([sys.executable, GREEDY, ds, "--out", plan], log, 20 * limit + 600)
    row = {"name": "greedy", "rc": rc, "wall": wall, "peak": peak}
    if rc == 0:
        p = json.load(open(plan))["plan"]
        row.update(value=p["objective"]["weighted_persons"], assigned=len(p["assignments"]))
        row["ok"], row["check"] = check(ds, plan)
    return row


def last_float(pattern, text):
    m = re.findall(pattern, text)
    return float(m[-1]) if m else None


def run_cbc(lp, work, limit):
    log = f"{work}/cbc.log"
    rc, wall, peak = timed(["cbc", lp, "sec", str(limit), "solve"], log, 20 * limit + 600)
    text = open(log, errors="replace").read()
    row = {"name": "cbc", "rc": rc, "wall": wall, "peak": peak}
    # CBC minimises the negated objective of a maximisation and prints it back
    value = last_float(r"Objective value:\s+(-?[\d.e+]+)", text)
    bound = last_float(r"(?:Lower|Upper) bound:\s+(-?[\d.e+]+)", text)
    if value is not None:
        row["value"] = abs(value)
    if bound is not None:
        row["bound"] = abs(bound)
    if "Optimal solution found" in text:
        row["status"] = "optimal"
    elif "No feasible solution found" in text or value is None:
        row["status"] = "no solution"
    else:
        row["status"] = "stopped"
    return row


def run_glpsol(lp, work, limit):
    log, out = f"{work}/glpsol.log", f"{work}/glpsol.out"
    rc, wall, peak = timed(["glpsol", "--lp", lp, "--tmlim", str(limit), "-o", out], log,
                           20 * limit + 600)
    text = open(log, errors="replace").read()
    row = {"name": "glpsol", "rc": rc, "wall": wall, "peak": peak}
    # "+  1234: mip =   1.230000e+03 <=   1.240000e+03  0.8% (12; 0)"
    m = re.findall(r"mip =\s+(\S+)\s+<=\s+(\S+)", text)
    if m and m[-1][0] != "not":
        row["value"] = float(m[-1][0])
        row["bound"] = float(m[-1][1]) if m[-1][1] != "tree" else None
    if "INTEGER OPTIMAL SOLUTION FOUND" in text:
        row["status"] = "optimal"
        row["bound"] = row.get("value")
    elif "value" not in row:
        row["status"] = "no solution"
    else:
        row["status"] = "stopped"
    return row


def fmt(v, spec):
    return format(v, spec) if isinstance(v, (int, float)) and v == v else "-"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("movplan")
    ap.add_argument("--presets", default="small,medium,large")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--out", default=os.path.join(TOP, "build", "bench"))
    ap.add_argument("--peers", default="greedy,cbc,glpsol")
    a = ap.parse_args()
    broken = False
    print(f"{'preset':8} {'contender':9} {'wall s':>8} {'peak MiB':>9} {'level 1':>12} "
          f"{'bound':>12} {'gap %':>7}  status / check")
    for preset in a.presets.split(","):
        limit = LIMITS.get(preset, 60)
        work = os.path.join(a.out, preset)
        os.makedirs(work, exist_ok=True)
        ds = f"{work}/{preset}.json"
        subprocess.run([a.movplan, "generate", "--preset", preset, "--seed", a.seed, "--out", ds],
                       check=True)
        rows = [run_movplan(a.movplan, ds, work, limit)]
        peers = a.peers.split(",")
        if "greedy" in peers:
            rows.append(run_greedy(ds, work, limit))
        lp = export_model(a.movplan, ds, work) if {"cbc", "glpsol"} & set(peers) else None
        if lp and os.path.exists(lp):
            if "cbc" in peers and subprocess.run(["which", "cbc"], capture_output=True).returncode == 0:
                rows.append(run_cbc(lp, work, limit))
            if "glpsol" in peers:
                rows.append(run_glpsol(lp, work, limit))
        for r in rows:
            g = gap(r.get("value"), r.get("bound"))
            note = r.get("status", "")
            if "ok" in r:
                note += ("; " if note else "") + ("checker: ok" if r["ok"] else "checker: FAILED")
            if r["rc"] not in (0, None) and r["name"] in ("movplan", "greedy"):
                note += f"; exit {r['rc']}"
            print(f"{preset:8} {r['name']:9} {fmt(r['wall'], '8.2f')} {fmt(r['peak'], '9.0f')} "
                  f"{fmt(r.get('value'), '12.0f')} {fmt(r.get('bound'), '12.0f')} "
                  f"{fmt(None if g is None else 100 * g, '7.3f')}  {note}", flush=True)
            if r["name"] == "movplan" and (r["rc"] != 0 or not r.get("ok")):
                broken = True
                print(f"         movplan: {r.get('check', 'see ' + work + '/movplan.log')}")
        print(f"         (time limit {limit} s per solve; files in {work})", flush=True)
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
