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


def main(argv):
    if len(argv) != 2 or argv[1] not in BUILDERS:
        sys.stderr.write("usage: make.py {%s}\n" % "|".join(sorted(BUILDERS)))
        return 64
    json.dump(BUILDERS[argv[1]](), sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
