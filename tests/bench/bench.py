#!/usr/bin/env python3
"""bench.py - the benchmark of issue 11: movplan against the peers.

    bench.py MOVPLAN [--presets small,medium,large] [--profiles default,tight]
             [--seed N] [--out DIR] [--peers greedy,cbc,glpsol] [--no-lp]
             [--shapes SHAPE[:FRACTION],...]

For each preset and profile it generates the dataset (`movplan generate`)
and writes the compact reference model of SPEC 2 for the peers
(tests/checker/ref_model.py, written apart from the planner; untimed).
Then it runs:
  movplan   `plan --stateless`, as a user runs it, at the preset's time
            limits (small 5 s, medium 30 s and 120 s, large 120 s) and at
            twice each, to read "longer is never worse" off the rows
  cbc       COIN-OR CBC on the reference model at the same limits, and
            at 300 s (wall-clock time limits: timeMode elapsed)
  glpsol    GLPK's stand-alone solver on the same model, same limits
  greedy    tests/checker/greedy_plan.py: priority first, earliest flight
            that fits, what an officer does by hand (shares no code)
and prints one row per run: wall time, peak memory (GNU time), level 1,
bound and gap as the contender reports them, and the verdict of
tests/checker/check_plan.py on its plan (the peers' solutions converted
back to plans by ref_model.py).  Per dataset it also prints its size
(cases, persons, flights, itineraries per case, share unable to travel),
the LP relaxation of the reference model (CBC's simplex, untimed) with
the weighted eligible demand above it, whether movplan's bound is at
most that LP value, whether each longer run is at least as good as the
shorter one, and - when `plan --help` lists --effort - whether two
runs with the same --effort wrote byte-identical plans.

It prints figures; it never fails on a stopwatch.  Exit status is
non-zero only when a run breaks (a crash, or a plan the checker
rejects).  --shapes adds, after each preset and profile, the same
dataset reshaped by tests/checker/shapes.py (families twice as large,
one destination, a tight cut, ...): missions unlike the presets.
BENCH_EFFORT sets the --effort of the two identical runs
(default 30, the planner's own default).
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
REF = os.path.join(TOP, "tests", "checker", "ref_model.py")
SHAPES = os.path.join(TOP, "tests", "checker", "shapes.py")
LIMITS = {"small": [5], "medium": [30, 120], "large": [120]}
PEER_EXTRA = 300      # CBC also runs this long
DEFAULT_EFFORT = 30   # plan --effort's default: the same-effort runs use it
SLACK = 600           # a run past its limit by this much is stopped


def timed(cmd, log, timeout):
    """Runs cmd under GNU time; returns (rc, wall seconds, peak MiB)."""
    tfile = log + ".time"
    t0 = time.monotonic()
    with open(log, "w") as out:
        try:
            rc = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", tfile] + cmd,
                                stdout=out, stderr=subprocess.STDOUT, timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
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
    r = subprocess.run([sys.executable, CHECKER, dataset, "--plan", plan], capture_output=True, text=True)
    last = (r.stdout.strip().splitlines() or ["?"])[-1]
    return r.returncode == 0, last if r.returncode == 0 else (r.stdout + r.stderr)[-600:]


def last_float(pattern, text):
    m = re.findall(pattern, text)
    return float(m[-1]) if m else None


# ---------------------------------------------------------------- contenders

def plan_row(name, limit, rc, wall, peak, plan, ds):
    row = {"name": name, "limit": limit, "rc": rc, "wall": wall, "peak": peak}
    if rc == 0 and os.path.exists(plan):
        with open(plan) as f:
            p = json.load(f)["plan"]
        row.update(value=p["objective"]["weighted_persons"], bound=p.get("bound"), status=p.get("status"),
                   assigned=len(p["assignments"]))
        row["ok"], row["check"] = check(ds, plan)
    return row


def run_movplan(mp, ds, work, limit, extra=(), tag=""):
    plan, log = f"{work}/movplan{tag}-{limit}.plan.json", f"{work}/movplan{tag}-{limit}.log"
    rc, wall, peak = timed([mp, "--quiet", "plan", "--stateless", ds, "--out", plan,
                            "--time-limit", str(limit)] + list(extra), log, 10 * limit + SLACK)
    return plan_row("movplan", limit, rc, wall, peak, plan, ds)


def run_greedy(ds, work):
    plan, log = f"{work}/greedy.plan.json", f"{work}/greedy.log"
    rc, wall, peak = timed([sys.executable, GREEDY, ds, "--out", plan], log, 3600)
    return plan_row("greedy", None, rc, wall, peak, plan, ds)


def convert(ds, lp, sol, solver, work, tag):
    plan = f"{work}/{tag}.plan.json"
    r = subprocess.run([sys.executable, REF, ds, "--map", lp + ".map.json", "--solution", sol,
                        "--solver", solver, "--out", plan], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip()[-300:]
    ok, msg = check(ds, plan)
    with open(plan) as f:
        value = json.load(f)["plan"]["objective"]["weighted_persons"]
    return value, (ok, msg)


def run_cbc(ds, lp, work, limit):
    tag = f"cbc-{limit}"
    log, sol = f"{work}/{tag}.log", f"{work}/{tag}.sol"
    if os.path.exists(sol):
        os.unlink(sol)
    rc, wall, peak = timed(["cbc", lp, "timeMode", "elapsed", "sec", str(limit), "solve", "solu", sol],
                           log, limit + SLACK)
    text = open(log, errors="replace").read()
    row = {"name": "cbc", "limit": limit, "rc": rc, "wall": wall, "peak": peak}
    # CBC minimises the negated objective of a maximisation and prints it back
    value = last_float(r"Objective value:\s+(-?[\d.e+]+)", text)
    bound = last_float(r"(?:Lower|Upper) bound:\s+(-?[\d.e+]+)", text)
    if bound is not None:
        row["bound"] = abs(bound)
    if "Optimal solution found" in text:
        row["status"] = "optimal"
    elif rc == "timeout":
        row["status"] = "stopped by the harness (root LP unfinished)"
    elif "No feasible solution found" in text or value is None:
        row["status"] = "no solution"
    else:
        row["status"] = "stopped"
    if value is not None and os.path.exists(sol):
        row["value"], checked = convert(ds, lp, sol, "cbc", work, tag)
        if isinstance(checked, tuple):
            row["ok"], row["check"] = checked
        else:
            row["status"] += "; " + checked
    return row


def run_glpsol(ds, lp, work, limit):
    tag = f"glpsol-{limit}"
    log, out = f"{work}/{tag}.log", f"{work}/{tag}.out"
    if os.path.exists(out):
        os.unlink(out)
    rc, wall, peak = timed(["glpsol", "--lp", lp, "--tmlim", str(limit), "-o", out], log, limit + SLACK)
    text = open(log, errors="replace").read()
    row = {"name": "glpsol", "limit": limit, "rc": rc, "wall": wall, "peak": peak}
    # "+  1234: mip =   1.230000e+03 <=   1.240000e+03  0.8% (12; 0)"
    m = re.findall(r"mip =\s+(\S+)\s+<=\s+(\S+)", text)
    found = bool(m) and m[-1][0] != "not"
    if found:
        row["bound"] = float(m[-1][1]) if m[-1][1] != "tree" else None
    if "INTEGER OPTIMAL SOLUTION FOUND" in text:
        row["status"] = "optimal"
    elif not found:
        row["status"] = "no solution" if rc != "timeout" else "stopped by the harness"
    else:
        row["status"] = "stopped"
    if found and os.path.exists(out):
        row["value"], checked = convert(ds, lp, out, "glpsol", work, tag)
        if isinstance(checked, tuple):
            row["ok"], row["check"] = checked
        if row["status"] == "optimal":
            row["bound"] = row["value"]
    return row


def lp_relaxation(lp, work):
    """The LP relaxation of the reference model: CBC's simplex only."""
    log = f"{work}/lp.log"
    rc, wall, _ = timed(["cbc", lp, "initialSolve"], log, 24 * 3600)
    text = open(log, errors="replace").read()
    return last_float(r"Optimal objective\s+(-?[\d.e+]+)", text), wall


# ---------------------------------------------------------------- output

def fmt(v, spec):
    return format(v, spec) if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v else "-"


def print_row(tag, r):
    g = gap(r.get("value"), r.get("bound"))
    note = str(r.get("status") or "")
    if "ok" in r:
        note += ("; " if note else "") + ("checker: ok" if r["ok"] else "checker: FAILED")
    if r["rc"] not in (0, None) and r["name"] in ("movplan", "greedy"):
        note += f"; exit {r['rc']}"
    limit = f"{r['limit']} s" if r.get("limit") else "-"
    print(f"{tag:14} {r['name']:8} {limit:>6} {fmt(r['wall'], '8.1f')} {fmt(r['peak'], '8.0f')} "
          f"{fmt(r.get('value'), '11.0f')} {fmt(r.get('bound'), '11.0f')} "
          f"{fmt(None if g is None else 100 * g, '7.2f')}  {note}", flush=True)


def has_effort(mp):
    r = subprocess.run([mp, "plan", "--help"], capture_output=True, text=True)
    return "--effort" in (r.stdout + r.stderr)


def same_effort(mp, ds, work, limit):
    """Two runs with the same --effort: byte-identical plans?  The effort
    is always given: with --time-limit alone the planner's work is
    unbounded and the clock, not the effort, ends the search."""
    extra = ["--effort", os.environ.get("BENCH_EFFORT") or str(DEFAULT_EFFORT)]
    rows = [run_movplan(mp, ds, work, 4 * limit, extra, tag=f"-effort{k}") for k in (1, 2)]
    plans = [f"{work}/movplan-effort{k}-{4 * limit}.plan.json" for k in (1, 2)]
    try:
        same = open(plans[0], "rb").read() == open(plans[1], "rb").read()
    except OSError:
        same = None
    return rows, same


# ---------------------------------------------------------------- one dataset

def dataset(a, preset, profile, shape=None):
    work = os.path.join(a.out, f"{preset}-{profile}" + (f"-{shape}" if shape else ""))
    os.makedirs(work, exist_ok=True)
    ds = f"{work}/data.json"
    subprocess.run([a.movplan, "generate", "--preset", preset, "--profile", profile, "--seed", a.seed,
                    "--out", ds], check=True)
    if shape:
        name, _, frac = shape.partition(":")
        subprocess.run([sys.executable, SHAPES, ds, name, ds] + ([frac] if frac else []), check=True)
    return work, ds


def reference_model(ds, work):
    lp = f"{work}/model.lp"
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, REF, ds, "-o", lp, "--stats"], capture_output=True, text=True)
    if r.returncode != 0:
        print("         reference model failed: " + r.stderr.strip()[-300:])
        return None, {}
    stats = json.loads(r.stdout.strip().splitlines()[-1])
    stats["written"] = time.monotonic() - t0
    stats["columns"] = r.stderr.strip()
    return lp, stats


def anytime(rows):
    """'5 -> 10 s: 6,854 <= 6,860 yes' for each limit and its double."""
    by = {r["limit"]: r.get("value") for r in rows if r["name"] == "movplan"}
    out = []
    for lim in sorted(by):
        if 2 * lim in by and by[lim] is not None and by[2 * lim] is not None:
            ok = by[2 * lim] >= by[lim]
            out.append(f"{lim} -> {2 * lim} s: {by[lim]:,.0f} -> {by[2 * lim]:,.0f} {'yes' if ok else 'NO'}")
    return out


def bench_one(a, preset, profile, peers, effort, shape=None):
    tag = f"{preset}/{profile}" + (f"/{shape}" if shape else "")
    work, ds = dataset(a, preset, profile, shape)
    lp, st = reference_model(ds, work) if {"cbc", "glpsol"} & peers or not a.no_lp else (None, {})
    if st:
        print(f"{tag:14} data: {st['cases']:,} cases, {st['persons']:,} persons, {st['flights']:,} flights, "
              f"{st['quotas']} quotas, {st['escorts']} escorts; {st['itineraries_per_case']:.1f} itineraries "
              f"per case; {100 * st['ineligible_share']:.1f} % of the cases cannot travel; weighted eligible "
              f"demand {st['weighted_eligible_demand']:,.0f}", flush=True)
        print(f"{tag:14} reference model written in {st['written']:.0f} s ({st['columns']})", flush=True)
    limits = LIMITS.get(preset, [60])
    rows = []
    for lim in limits:
        for x in (lim, 2 * lim):
            if not any(r["limit"] == x for r in rows if r["name"] == "movplan"):
                rows.append(run_movplan(a.movplan, ds, work, x))
                print_row(tag, rows[-1])
    if lp and "cbc" in peers:
        for lim in limits + [PEER_EXTRA]:
            rows.append(run_cbc(ds, lp, work, lim))
            print_row(tag, rows[-1])
    if lp and "glpsol" in peers:
        for lim in limits:
            rows.append(run_glpsol(ds, lp, work, lim))
            print_row(tag, rows[-1])
    if "greedy" in peers:
        rows.append(run_greedy(ds, work))
        print_row(tag, rows[-1])
    lpv = None
    if lp and not a.no_lp:
        lpv, wall = lp_relaxation(lp, work)
        if lpv is not None:
            d = st.get("weighted_eligible_demand")
            print(f"{tag:14} LP relaxation of the reference model: {lpv:,.1f} (CBC simplex, {wall:.0f} s, "
                  f"untimed); weighted eligible demand {100 * (d / lpv - 1):.1f} % above it", flush=True)
    for r in rows:
        if r["name"] == "movplan" and lpv is not None and r.get("bound") is not None:
            ok = r["bound"] <= lpv + 1e-6 * max(1, lpv)
            print(f"{tag:14} movplan {r['limit']} s: bound {r['bound']:,.1f} <= LP {lpv:,.1f}: "
                  f"{'yes' if ok else 'NO'}")
    for line in anytime(rows):
        print(f"{tag:14} longer never worse: {line}")
    if effort:
        erows, same = same_effort(a.movplan, ds, work, limits[0])
        for r in erows:
            print_row(tag + " effort", r)
        verdict = {True: "byte-identical", False: "DIFFERENT", None: "not compared (a run failed)"}[same]
        print(f"{tag:14} two runs, same --effort: plans {verdict}", flush=True)
        rows += erows
    print(f"{tag:14} (files in {work})", flush=True)
    return [r for r in rows if r.get("ok") is False or (r["name"] == "movplan" and r["rc"] != 0)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("movplan")
    ap.add_argument("--presets", default="small,medium,large")
    ap.add_argument("--profiles", default="default,tight")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--out", default=os.path.join(TOP, "build", "bench"))
    ap.add_argument("--peers", default="greedy,cbc,glpsol")
    ap.add_argument("--no-lp", action="store_true", help="skip the LP relaxation")
    ap.add_argument("--shapes", default="", help="also these reshaped missions (tests/checker/"
                    "shapes.py), e.g. bigfam,urgent,cutcap:0.3")
    a = ap.parse_args()
    peers = set(a.peers.split(","))
    if subprocess.run(["which", "cbc"], capture_output=True).returncode != 0:
        peers.discard("cbc")
    effort = has_effort(a.movplan)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} at the start (other jobs share "
          f"the cores: wall times and the time-limited results depend on it)")
    print(f"{'dataset':14} {'run':8} {'limit':>6} {'wall s':>8} {'peak MiB':>8} {'level 1':>11} "
          f"{'bound':>11} {'gap %':>7}  status / check", flush=True)
    broken = []
    for preset in a.presets.split(","):
        for profile in a.profiles.split(","):
            broken += bench_one(a, preset, profile, peers, effort)
            for shape in filter(None, a.shapes.split(",")):
                broken += bench_one(a, preset, profile, peers, effort, shape)
    for r in broken:
        print(f"BROKEN: {r['name']} {r.get('limit')} s: {r.get('check', 'exit %s' % r['rc'])}")
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
