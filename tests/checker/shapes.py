#!/usr/bin/env python3
"""shapes.py - reshape a generated mission, so the planner meets data
unlike the generator's presets.

    shapes.py DATASET.json SHAPE OUT.json [FRACTION]

The generator's presets share one character (family sizes, destinations,
how many flights and how tight).  A planner tuned to them can fail on a
mission shaped otherwise, so the tests (tests/scripts/plan_shapes.sh)
and anyone benchmarking by hand take a preset and change one thing:

  onedest      every case goes to the most common destination:
               one component, one country's quotas binding for everyone
  bigfam       every family twice as large (each member copied, without
               an escort need): seat and quota packing with big items
  scarce       seats, quotas and clinic days cut to a third
  loose        seats, quotas and clinic days three times larger
  manyflights  every flight doubled under another number: about four
               times the itineraries through the hubs
  noescorts    no escorts: cases needing one cannot travel
  urgent       priorities redrawn, mostly urgent, a quarter emergency
  cut          keep FRACTION of the cases (links of one left dropped)
  cutcap       the same, and seats, quotas and clinic days scaled by
               FRACTION too, so the mission stays as tight
  linked       a quarter of the cases linked in groups of two or three
               (same destination, kind and origin): big units that
               travel together or not at all
  escorts      one member in every fourth case needs a medical escort,
               and every other escort is gone: escort trips bind
  weekly       each quota also split into weekly quotas (its share of
               the month's persons, rounded up): arrivals spread week
               by week
  clinic       clinic days cut to a third, nothing else: the clinic's
               calendar binds
  twin         the mission twice: a copy of every case, flight, quota,
               clinic and escort, its airports (but the origin),
               countries (but the origin's) and carriers renamed, so
               the planner meets two components alike (escorts
               serve every case, so they join the copies into one
               component: reshape with noescorts first for two)

The result is deterministic (fixed seed) and valid input for
`movplan check`.  Written apart from the planner, like the checker.
"""
import collections
import copy
import itertools
import json
import math
import random
import sys


def scale(d, f):
    for fl in d["flights"]:
        fl["seats"] = max(2, math.ceil(fl["seats"] * f))
    for q in d.get("quotas", []):
        q["max_persons"] = max(1, math.ceil(q["max_persons"] * f))
    for c in d.get("clinics", []):
        c["capacity_per_day"] = max(1, math.ceil(c["capacity_per_day"] * f))


def unique_number(num, used):
    """A document number of the same length and alphabet, not yet used."""
    digits = [i for i, ch in enumerate(num) if ch.isdigit()]
    for k in range(1, 10):
        for i in reversed(digits):
            cand = num[:i] + str((int(num[i]) + k) % 10) + num[i + 1:]
            if cand not in used:
                return cand
    return num


def renamer(used, length):
    """A map from old codes to new ones of LENGTH capitals, not in USED."""
    pool = ("Q" + "".join(t) for t in itertools.product("ABCDEFGHIJKLMNOPRSTUVWXYZ",
                                                         repeat=length - 1))
    names = {}

    def rename(code):
        if code not in names:
            new = next(pool)
            while new in used:
                new = next(pool)
            used.add(new)
            names[code] = new
        return names[code]
    return rename


def twin(d):
    """Appends a renamed copy of the mission, independent of the first."""
    origin = d["mission"]["origin"]
    home = {a["country"] for a in d["airports"] if a["code"] == origin}
    air = renamer({a["code"] for a in d["airports"]}, 3)
    ctry_used = {a["country"] for a in d["airports"]}
    ctry_used |= {q["country"] for q in d.get("quotas", [])}
    ctry = renamer(ctry_used, 2)
    carr = renamer({f["carrier"] for f in d["flights"]}, 2)
    A = lambda code: code if code == origin else air(code)
    K = lambda c: c if c in home else ctry(c)
    used = {m["document"]["number"] for c in d["cases"] for m in c["members"] if "document" in m}
    used |= {e["document"]["number"] for e in d.get("escorts", []) if "document" in e}

    def doc(x):
        if "document" in x:
            x["document"]["number"] = unique_number(x["document"]["number"], used)
            used.add(x["document"]["number"])
    for a in list(d["airports"]):
        if a["code"] != origin:
            a2 = copy.deepcopy(a)
            a2["code"], a2["country"] = A(a["code"]), K(a["country"])
            d["airports"].append(a2)
    fid = {}
    for f in list(d["flights"]):
        f2 = copy.deepcopy(f)
        f2["carrier"] = carr(f["carrier"])
        f2["from"], f2["to"] = A(f["from"]), A(f["to"])
        f2["id"] = f2["carrier"] + f["id"][len(f["carrier"]):]
        fid[f["id"]] = f2["id"]
        d["flights"].append(f2)
    for q in list(d.get("quotas", [])):
        q2 = copy.deepcopy(q)
        q2["id"] += "-T"
        q2["country"] = K(q["country"])
        if q.get("airport"):
            q2["airport"] = A(q["airport"])
        d["quotas"].append(q2)
    for r in list(d.get("arrival_rules", [])):
        r2 = copy.deepcopy(r)
        r2["country"] = K(r["country"])
        d["arrival_rules"].append(r2)
    for r in list(d.get("transit_rules", [])):
        r2 = copy.deepcopy(r)
        r2["country"] = K(r["country"])
        r2["exempt_if_visa_for"] = [K(c) for c in r.get("exempt_if_visa_for", [])]
        d["transit_rules"].append(r2)
    for c in list(d.get("clinics", [])):
        c2 = copy.deepcopy(c)
        c2["id"] += "-T"
        d["clinics"].append(c2)
    for e in list(d.get("escorts", [])):
        e2 = copy.deepcopy(e)
        e2["id"] += "-T"
        doc(e2)
        d["escorts"].append(e2)
    for c in list(d["cases"]):
        c2 = copy.deepcopy(c)
        c2["id"] += "-T"
        c2["destination"]["country"] = K(c["destination"]["country"])
        if c["destination"].get("airport"):
            c2["destination"]["airport"] = A(c["destination"]["airport"])
        for k in ("clinic", "link"):
            if c.get(k):
                c2[k] += "-T"
        for m in c2["members"]:
            m["id"] += "-T"
            doc(m)
        d["cases"].append(c2)
    for b in list(d.get("bookings", [])):
        b2 = copy.deepcopy(b)
        b2["case"] += "-T"
        b2["flights"] = [fid[f] for f in b["flights"]]
        d["bookings"].append(b2)


def reshape(d, shape, frac, rnd):
    cases = d["cases"]
    if shape == "onedest":
        key = lambda c: json.dumps(c["destination"], sort_keys=True)
        common = collections.Counter(key(c) for c in cases).most_common(1)[0][0]
        for c in cases:
            c["destination"] = json.loads(common)
    elif shape == "bigfam":
        used = {m["document"]["number"] for c in cases for m in c["members"] if "document" in m}
        for c in cases:
            extra = []
            for m in c["members"]:
                m2 = copy.deepcopy(m)
                m2["id"] = m["id"] + "B"
                m2.pop("escort", None)
                if "document" in m2:
                    m2["document"]["number"] = unique_number(m2["document"]["number"], used)
                    used.add(m2["document"]["number"])
                extra.append(m2)
            c["members"] += extra
    elif shape == "scarce":
        scale(d, 1 / 3)
    elif shape == "loose":
        scale(d, 3)
    elif shape == "manyflights":
        ids = {f["id"] for f in d["flights"]}
        more = []
        for f in d["flights"]:
            f2 = copy.deepcopy(f)
            n = f["number"]
            last = n[-1]
            f2["number"] = n[:-1] + (str((int(last) + 5) % 10) if last.isdigit() else "9")
            f2["id"] = f2["carrier"] + f2["number"] + "/" + f["id"].split("/", 1)[1]
            if f2["id"] not in ids:
                ids.add(f2["id"])
                more.append(f2)
        d["flights"] += more
    elif shape == "noescorts":
        d["escorts"] = []
    elif shape == "urgent":
        for c in cases:
            c["priority"] = rnd.choice(["emergency", "urgent", "urgent", "normal"])
    elif shape in ("cut", "cutcap"):
        keep = [c for c in cases if rnd.random() < frac]
        n = collections.Counter(c.get("link") for c in keep)
        for c in keep:
            if "link" in c and n[c["link"]] < 2:
                del c["link"]
        ids = {c["id"] for c in keep}
        d["cases"] = keep
        d["bookings"] = [b for b in d.get("bookings", []) if b["case"] in ids]
        if shape == "cutcap":
            scale(d, frac)
    elif shape == "linked":
        groups = collections.defaultdict(list)
        for c in cases:
            if "link" not in c:
                key = (json.dumps(c["destination"], sort_keys=True), c.get("kind", "resettlement"),
                       c.get("origin", ""))
                groups[key].append(c)
        used = {c["link"] for c in cases if "link" in c}
        n = 0
        for key in sorted(groups):
            g = groups[key]
            i = 0
            while i + 1 < len(g):
                size = rnd.choice([2, 2, 3])
                if rnd.random() < 0.25 * 2.3 / size and i + size <= len(g):
                    n += 1
                    while "LNK-S%04d" % n in used:
                        n += 1
                    for c in g[i:i + size]:
                        c["link"] = "LNK-S%04d" % n
                    i += size
                else:
                    i += 1
    elif shape == "escorts":
        for k, c in enumerate(cases):
            if k % 4 == 0 and not any("escort" in m for m in c["members"]):
                c["members"][0]["escort"] = "medical"
        d["escorts"] = d.get("escorts", [])[::2]
    elif shape == "weekly":
        import datetime
        day = datetime.date.fromisoformat
        weekly = []
        for q in d.get("quotas", []):
            a, b = day(q["from"]), day(q["to"])
            span = (b - a).days + 1
            w, k = a, 1
            while w <= b:
                e = min(b, w + datetime.timedelta(days=6))
                share = math.ceil(q["max_persons"] * ((e - w).days + 1) / span)
                weekly.append({"id": ("%s-W%d" % (q["id"], k))[:64], "country": q["country"],
                               "from": w.isoformat(), "to": e.isoformat(), "max_persons": max(1, share)})
                w, k = e + datetime.timedelta(days=1), k + 1
        d["quotas"] = d.get("quotas", []) + weekly
    elif shape == "clinic":
        for c in d.get("clinics", []):
            c["capacity_per_day"] = max(1, math.ceil(c["capacity_per_day"] / 3))
    elif shape == "twin":
        twin(d)
    else:
        raise SystemExit("shapes.py: unknown shape '%s'" % shape)
    d["mission"]["id"] = (d["mission"]["id"] + "-" + shape)[:64]  # an identifier's limit


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, shape, out = argv[0], argv[1], argv[2]
    frac = float(argv[3]) if len(argv) > 3 else 0.3
    with open(src) as f:
        d = json.load(f)
    reshape(d, shape, frac, random.Random(7))
    with open(out, "w") as f:
        json.dump(d, f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
