#!/usr/bin/env python3
"""make.py - small hand-made datasets for the decision-support tests
(decisive reasons, whatif, bottlenecks), each with its answer known.

    make.py NAME > NAME.json

Every dataset: mission TIA, as_of Monday 2026-11-30, horizon 60 days;
direct flights TIA-YYZ (Canada) at 10:00+01:00, landing 14:00-05:00 the
same day, unless a dataset says otherwise.  Members are adults born
1980 and Afghan unless a dataset says otherwise.  The comment on each
builder gives the plan and the answer worked out by hand.
"""
import json
import sys

AS_OF = "2026-11-30"


def base():
    return {"movplan": 1,
            "mission": {"id": "DECIDE", "origin": "TIA", "as_of": AS_OF, "horizon_days": 60},
            "airports": [{"code": "TIA", "country": "AL"}, {"code": "YYZ", "country": "CA"},
                         {"code": "IST", "country": "TR", "mct_minutes": 60},
                         {"code": "VIE", "country": "AT", "mct_minutes": 60},
                         {"code": "OSL", "country": "NO"}],
            "flights": [], "quotas": [], "clinics": [], "escorts": [], "cases": [],
            "bookings": []}


def flight(ds, fid, day, seats, frm="TIA", to="YYZ", dep="10:00+01:00", arr="14:00-05:00",
           arr_day=None, **kw):
    f = {"id": fid, "from": frm, "to": to, "departs": "%sT%s" % (day, dep),
         "arrives": "%sT%s" % (arr_day or day, arr), "seats": seats}
    f.update(kw)
    ds["flights"].append(f)
    return f


def case(ds, cid, n, ready="2026-12-01", prio="normal", country="CA", airport="YYZ", **kw):
    c = {"id": cid, "destination": {"country": country, "airport": airport}, "priority": prio,
         "ready": ready,
         "members": [{"id": "%s-%02d" % (cid, i + 1), "family_name": "Test", "sex": "X",
                      "birth_date": "1980-01-01", "nationality": "AFG"} for i in range(n)]}
    c.update(kw)
    ds["cases"].append(c)
    return c


def quota(ds, qid, frm, to, persons, country="CA", **kw):
    q = {"id": qid, "country": country, "from": frm, "to": to, "max_persons": persons}
    q.update(kw)
    ds["quotas"].append(q)
    return q


def reasons():
    """Decisive reasons, one case for each way a case is held.

    F1 (12-10) and F2 (12-14), 10 seats each; quota CA-DEC 6 persons.
    - A (urgent, 4) takes one of them: the quota then has 2 left.
    - B (normal, 4, ready 12-11): F1 is NOT_READY, F2 passes every rule
      of B but the quota is full: decisive QUOTA.
    - C (normal, 1, ready 12-11, visa to 12-12): F1 NOT_READY, F2 lands
      after the visa (VISA_EXPIRY): no itinerary passes; VISA_EXPIRY
      excludes the later one: decisive VISA_EXPIRY.  (C's one person
      would fit the quota: C is not held by it.)
    - D (normal, 1, medical pending): decisive MEDICAL_PENDING.
    - E (normal, 1, ready 2027-01-10, after the last flight): NOT_READY.
    - G (normal, 12 persons): more than any flight's seats: every
      itinerary excluded by CAPACITY (the case alone): decisive CAPACITY.
    C, D, E and G hold nobody's place: A and B are the only competition.
    """
    ds = base()
    flight(ds, "F1", "2026-12-10", 10)
    flight(ds, "F2", "2026-12-14", 10)
    quota(ds, "CA-DEC", "2026-12-01", "2026-12-31", 6)
    case(ds, "A", 4, prio="urgent")
    case(ds, "B", 4, ready="2026-12-11")
    case(ds, "C", 1, ready="2026-12-11", visa_expires="2026-12-12")
    case(ds, "D", 1, medical={"status": "pending"})
    case(ds, "E", 1, ready="2027-01-10")
    case(ds, "G", 12)
    return ds


BUILDERS = {"reasons": reasons}


# ---- whatif: one dataset per kind of change, the answer known ----
#
# In each, A (urgent) is booked and B (normal) waits; `whatif B` must
# propose exactly the change named, confirmed, nobody else moving.

def _pair(ds, b_persons=4, **b):
    case(ds, "A", 8, prio="urgent")
    case(ds, "B", b_persons, **b)


def wi_seats():
    """F1 10 seats, the only flight: A (8) on it, B (4) needs +2 seats."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 10)
    _pair(ds)
    return ds


def wi_ssr():
    """F1 allows 1 WCHC: A's member A-01 has WCHC, so has B-01: +1 WCHC on F1."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20, limits={"WCHC": 1})
    _pair(ds)
    ds["cases"][0]["members"][0]["ssr"] = ["WCHC"]
    ds["cases"][1]["members"][0]["ssr"] = ["WCHC"]
    return ds


def wi_quota_persons():
    """Quota CA-DEC 10 persons: A (8) in it; B (4) needs +2 persons."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    quota(ds, "CA-DEC", "2026-12-01", "2026-12-31", 10)
    _pair(ds)
    return ds


def wi_quota_cases():
    """Quota CA-DEC 40 persons but 1 case: B needs +1 case."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    quota(ds, "CA-DEC", "2026-12-01", "2026-12-31", 40, max_cases=1)
    _pair(ds)
    return ds


def wi_clinic():
    """Clinic C1 sees 10 persons a day and is closed on 12-07 and 12-08:
    for F1 (12-10) only 12-09 is left; A (8) takes it, B (4) needs a slot
    for 2 more persons on 12-09 (capacity 10 -> 12)."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    ds["clinics"].append({"id": "C1", "capacity_per_day": 10, "closed": ["2026-12-07", "2026-12-08"]})
    _pair(ds, clinic="C1")
    ds["cases"][0]["clinic"] = "C1"
    return ds


def wi_escort():
    """B-01 needs a medical escort; the only escort E1 is available from
    12-15, the only flight F1 leaves 12-10: E1 available from 12-10."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    ds["escorts"].append({"id": "E1", "kind": "medical", "available_from": "2026-12-15",
                          "available_to": "2027-01-20"})
    _pair(ds)
    ds["cases"][1]["members"][0]["escort"] = "medical"
    return ds


def wi_visa():
    """B's visa expires 12-05; the only flight lands 12-10: visa to 12-10."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    _pair(ds, visa_expires="2026-12-05")
    return ds


def wi_document():
    """B-02's passport expires 12-05; the only flight lands 12-10."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    _pair(ds)
    ds["cases"][1]["members"][1]["document"] = {"type": "P", "number": "X1", "expires": "2026-12-05"}
    return ds


def wi_medical():
    """B's medical clearance is valid until 12-05; the only flight leaves
    12-10: clearance valid to 12-10."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    _pair(ds, medical={"status": "cleared", "valid_until": "2026-12-05"})
    return ds


def wi_ready():
    """B is ready 12-15; the only flight leaves 12-10: ready from 12-10."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 20)
    _pair(ds, ready="2026-12-15")
    return ds


def wi_moves():
    """F1 (12-10) and F2 (12-17), 10 seats each.  A (urgent, 8) is on F1,
    C (normal, 8) on F2; B (normal, 4, visa to 12-12) can only take F1.
    Three answers, cheapest for the others first: +2 seats on F1 (nobody
    moves); B's visa to 12-17 with +2 seats on F2 (nobody moves); +6
    seats on F2, where A moves to make room on F1 for B."""
    ds = base()
    flight(ds, "F1", "2026-12-10", 10)
    flight(ds, "F2", "2026-12-17", 10)
    case(ds, "A", 8, prio="urgent")
    case(ds, "B", 4, visa_expires="2026-12-12")
    case(ds, "C", 8)
    return ds


BUILDERS.update({n: f for n, f in list(globals().items()) if n.startswith("wi_")})


# ---- bottlenecks: limits with known marginal values ----

def bottlenecks():
    """Three independent limits (weights 100/10/1), each full:
    - seats on F1 (TIA-YYZ 12-10, 10 seats): A (6) and B (4) booked, C
      (3) waits: +3 seats gain 3 (C), then no more; 1 a seat.
    - quota NO-DEC (5 persons; F2 TIA-OSL 12-11, 20 seats): D (urgent,
      5 = 50) booked; E (urgent, 2 = 20) and G (normal, 2) wait: +2
      persons gain 20 (E), +4 gain 22 (E and G), then no more; 10 a
      person at best.
    - clinic K1 (4 persons a day, closed 12-17 and 12-18, so only 12-19
      for F3 TIA-IAD on 12-20, 30 seats): H (4) booked, I (1) waits:
      +1 a day gains 1, then no more.
    Per unit: NO-DEC 10, then F1 and K1 at 1 (F1 first: it gains more).
    """
    ds = base()
    ds["airports"].append({"code": "IAD", "country": "US"})
    flight(ds, "F1", "2026-12-10", 10)
    flight(ds, "F2", "2026-12-11", 20, to="OSL", arr="14:00+01:00")
    flight(ds, "F3", "2026-12-20", 30, to="IAD", arr="14:00-05:00")
    quota(ds, "NO-DEC", "2026-12-01", "2026-12-31", 5, country="NO")
    ds["clinics"].append({"id": "K1", "capacity_per_day": 4, "closed": ["2026-12-17", "2026-12-18"]})
    for cid, n in (("A", 6), ("B", 4), ("C", 3)):
        case(ds, cid, n)
    case(ds, "D", 5, prio="urgent", country="NO", airport="OSL")
    case(ds, "E", 2, prio="urgent", country="NO", airport="OSL")
    case(ds, "G", 2, country="NO", airport="OSL")
    case(ds, "H", 4, country="US", airport="IAD", clinic="K1")
    case(ds, "I", 1, country="US", airport="IAD", clinic="K1")
    # Norway is reached directly here: no transit rule applies
    return ds


BUILDERS["bottlenecks"] = bottlenecks


# ---- kinds of movement (SPEC 1 case kind, quota kinds) ----

def kinds():
    """F1 TIA-YYZ 12-10 (20 seats) and F2 TIA-KBL 12-11 (10 seats).
    Quota CA-DEC counts resettlements only (4 persons): R1 (resettlement,
    4) takes it; L1 (relocation, 3) goes to Canada all the same (the
    quota does not count it); quota AF-DEC has no kinds (every kind, 10
    persons).  Returns to Afghanistan: T1 (2, emergency travel documents
    type PE) flies; T2 (2, one member with no document) cannot
    (DOCUMENT_EXPIRY: a return needs one); T3 (resettlement, 1) is over
    CA-DEC and waits (QUOTA).  Linked L2 and T4 of different kinds are
    refused by check (the case kind of linked cases is one).
    """
    ds = base()
    ds["airports"].append({"code": "KBL", "country": "AF"})
    flight(ds, "F1", "2026-12-10", 20)
    flight(ds, "F2", "2026-12-11", 10, to="KBL", arr="18:00+04:30")
    quota(ds, "CA-DEC", "2026-12-01", "2026-12-31", 4, kinds=["resettlement"])
    quota(ds, "AF-DEC", "2026-12-01", "2026-12-31", 10, country="AF")
    case(ds, "R1", 4, prio="urgent")
    case(ds, "L1", 3, kind="relocation")
    case(ds, "T1", 2, country="AF", airport="KBL", kind="return")
    case(ds, "T2", 2, country="AF", airport="KBL", kind="return")
    case(ds, "T3", 1)
    for m in ds["cases"][2]["members"]:
        m["document"] = {"type": "PE", "number": "ETD-" + m["id"], "issuer": "AFG", "expires": "2027-03-01"}
    ds["cases"][3]["members"][0]["document"] = {"type": "PE", "number": "ETD-9", "issuer": "AFG"}
    return ds


def kinds_bad_link():
    ds = kinds()
    case(ds, "L2", 1, kind="relocation", link="LNK")
    case(ds, "T4", 1, country="CA", kind="return", link="LNK")
    return ds


BUILDERS.update({"kinds": kinds, "kinds_bad_link": kinds_bad_link})


def main(argv):
    if len(argv) != 2 or argv[1] not in BUILDERS:
        sys.stderr.write("usage: make.py {%s}\n" % "|".join(sorted(BUILDERS)))
        return 64
    json.dump(BUILDERS[argv[1]](), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
