#!/usr/bin/env python3
"""build.py - writes the Tirana example mission (examples/tirana/).

Afghan evacuees boarding in Tirana (TIA) for Canada, Norway, Sweden and
the USA, as_of Monday 2026-11-30, six weeks of flights from 2026-12-03.
The data is made here, deterministically (own splitmix64 PRNG, no
dependence on Python's random module), and checked against SPEC 1 before
anything is written:

    python3 examples/tirana/build.py            # writes the files
    python3 examples/tirana/build.py --check    # only validate, write nothing
    python3 examples/tirana/build.py --out DIR  # write into DIR instead

Outputs (in this folder):
    network.json  mission, airports, flights
    rules.json    quotas, arrival_rules, transit_rules, clinics, escorts
    cases.json    cases, bookings
    mission.xml   the same whole dataset in the XML form of SPEC 3
    README.md     the mission in brief and where each hard situation is

Every hard situation the planner must handle is one hand-made case
(SPECIAL below); the other cases are ordinary families made from the
PRNG.  Names are romanised Dari/Pashto names, all invented.
"""
import datetime as dt
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
AS_OF = dt.date(2026, 11, 30)
HORIZON = 60
FIRST_DAY = dt.date(2026, 12, 3)   # first flight day
LAST_DAY = dt.date(2027, 1, 14)    # last origin departure day (six weeks)


# ---------------------------------------------------------------- PRNG

class Rng:
    """splitmix64: the same numbers on every platform and Python."""

    def __init__(self, seed):
        self.s = seed & 0xFFFFFFFFFFFFFFFF

    def next(self):
        self.s = (self.s + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
        z = self.s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
        return z ^ (z >> 31)

    def below(self, n):
        return self.next() % n

    def between(self, lo, hi):
        return lo + self.below(hi - lo + 1)

    def pick(self, seq):
        return seq[self.below(len(seq))]

    def chance(self, percent):
        return self.below(100) < percent

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        r = self.below(total)
        for v, w in pairs:
            if r < w:
                return v
            r -= w
        raise AssertionError


RNG = Rng(20261130)


def d(s):
    return dt.date.fromisoformat(s)


def iso(day):
    return day.isoformat()


# ---------------------------------------------------------------- network

OFFSET = {"TIA": 60, "IST": 180, "VIE": 60, "FRA": 60, "MUC": 60, "CPH": 60,
          "OSL": 60, "ARN": 60, "YYZ": -300, "YVR": -480, "IAD": -300, "JFK": -300,
          "KBL": 270, "ISB": 300, "IKA": 210, "DUS": 60}

AIRPORTS = [
    {"code": "TIA", "country": "AL", "mct_minutes": 60},
    {"code": "IST", "country": "TR", "mct_minutes": 90, "max_connection_minutes": 720},
    {"code": "VIE", "country": "AT", "mct_minutes": 30, "max_connection_minutes": 480},
    {"code": "FRA", "country": "DE", "mct_minutes": 60, "max_connection_minutes": 600},
    {"code": "MUC", "country": "DE", "mct_minutes": 45, "max_connection_minutes": 600},
    {"code": "CPH", "country": "DK", "mct_minutes": 40, "max_connection_minutes": 960},
    {"code": "OSL", "country": "NO"},
    {"code": "ARN", "country": "SE"},
    {"code": "YYZ", "country": "CA", "mct_minutes": 90},
    {"code": "YVR", "country": "CA", "mct_minutes": 75},
    {"code": "IAD", "country": "US"},
    {"code": "JFK", "country": "US", "mct_minutes": 120},
    # voluntary returns (SPEC 1 kind return) and relocations
    {"code": "KBL", "country": "AF"},
    {"code": "ISB", "country": "PK"},
    {"code": "IKA", "country": "IR"},
    {"code": "DUS", "country": "DE"},
]
COUNTRY = {a["code"]: a["country"] for a in AIRPORTS}

# Seat-holding profiles: SSR limits per flight (absent code = no limit).
L_TK_SHORT = {"WCHC": 2, "STCR": 1, "MEDA": 1, "OXYG": 1, "INFT": 4, "UMNR": 2}
L_TK_LONG = {"WCHC": 2, "STCR": 1, "MEDA": 2, "OXYG": 1, "INFT": 6, "UMNR": 3}
L_OS = {"WCHC": 1, "STCR": 0, "MEDA": 1, "INFT": 3, "UMNR": 2}
L_OS_LONG = {"WCHC": 2, "STCR": 1, "MEDA": 1, "OXYG": 1, "INFT": 4, "UMNR": 2}
L_LH = {"WCHC": 2, "STCR": 1, "MEDA": 1, "INFT": 4, "UMNR": 2}
L_SK = {"WCHC": 1, "INFT": 2, "UMNR": 0}
L_CHARTER = {"WCHC": 4, "STCR": 2, "MEDA": 2, "OXYG": 2, "INFT": 8, "UMNR": 4}

# carrier, number, from, to, local departure, block minutes, weekdays
# (0 = Monday) of the origin-side flight it connects from, day shift,
# seats, limits, stretcher seats, fare.
ROUTES = [
    # Tirana to the hubs
    ("TK", "1074", "TIA", "IST", "06:15", 105, (0, 2, 4), 0, 20, L_TK_SHORT, 6, 180),
    ("OS", "848", "TIA", "VIE", "08:30", 100, (1, 3, 5), 0, 15, L_OS, 9, 160),
    ("LH", "1427", "TIA", "FRA", "06:05", 135, (1, 6), 0, 12, L_LH, 6, 190),
    ("LH", "1705", "TIA", "MUC", "13:20", 110, (3, 5), 0, 10, L_LH, 6, 170),
    # Istanbul onwards (TK1074 arrives 10:00)
    ("TK", "17", "IST", "YYZ", "13:55", 700, (0, 2, 4), 0, 18, L_TK_LONG, 6, 640),
    ("TK", "75", "IST", "YVR", "14:50", 745, (2,), 0, 12, L_TK_LONG, 6, 720),
    ("TK", "7", "IST", "IAD", "14:20", 700, (0, 4), 0, 16, L_TK_LONG, 6, 610),
    ("TK", "11", "IST", "JFK", "13:40", 690, (2,), 0, 14, None, 6, 600),
    ("TK", "1753", "IST", "OSL", "13:05", 235, (0, 4), 0, 12, L_TK_SHORT, 6, 220),
    ("TK", "1795", "IST", "ARN", "12:50", 220, (2, 4), 0, 12, L_TK_SHORT, 6, 210),
    # Vienna onwards (OS848 arrives 10:10)
    ("OS", "71", "VIE", "YYZ", "12:45", 575, (1, 3), 0, 16, L_OS_LONG, 9, 590),
    ("OS", "93", "VIE", "IAD", "12:30", 580, (1, 5), 0, 12, L_OS_LONG, 9, 570),
    ("OS", "1712", "VIE", "OSL", "12:05", 150, (1, 3), 0, 10, L_OS, 9, 190),
    ("OS", "315", "VIE", "ARN", "13:05", 135, (3, 5), 0, 10, None, 9, 180),
    # Frankfurt onwards (LH1427 arrives 08:20)
    ("LH", "470", "FRA", "YYZ", "13:10", 525, (1, 6), 0, 12, L_LH, 6, 620),
    ("LH", "418", "FRA", "IAD", "13:25", 550, (1,), 0, 12, L_LH, 6, 600),
    ("LH", "492", "FRA", "YVR", "13:35", 625, (1, 6), 0, 10, L_LH, 6, 700),
    ("LH", "400", "FRA", "JFK", "10:10", 525, (1, 6), 0, 12, L_LH, 6, 580),
    ("LH", "866", "FRA", "OSL", "12:30", 125, (6,), 0, 10, None, 6, 170),
    # Munich onwards (LH1705 arrives 15:10)
    ("AC", "837", "MUC", "YYZ", "19:10", 560, (3, 5), 0, 14, L_LH, 6, 560),
    ("LH", "2444", "MUC", "CPH", "17:05", 115, (3, 5), 0, 10, L_LH, 6, 150),
    # Copenhagen, the next morning (LH2444 arrives 19:00)
    ("SK", "1456", "CPH", "OSL", "08:10", 70, (3, 5), 1, 10, L_SK, 6, 120),
    ("SK", "1418", "CPH", "ARN", "08:25", 70, (3, 5), 1, 10, L_SK, 6, 120),
    ("SK", "925", "CPH", "IAD", "09:55", 550, (3, 5), 1, 12, L_SK, 6, 540),
    # Istanbul to the countries of origin: voluntary returns
    ("TK", "706", "IST", "KBL", "13:30", 270, (0, 4), 0, 12, L_TK_SHORT, 6, 260),
    ("TK", "710", "IST", "ISB", "14:10", 300, (2,), 0, 10, L_TK_SHORT, 6, 280),
    ("TK", "878", "IST", "IKA", "12:40", 190, (0, 2), 0, 10, L_TK_SHORT, 6, 200),
    # Tirana to Duesseldorf: relocations to Germany
    ("EW", "9651", "TIA", "DUS", "11:40", 145, (2, 5), 0, 14, None, 6, 90),
]

# The two Canada charters, straight from Tirana.
CHARTERS = [("AC", "9501", "TIA", "YYZ", "09:00", 610, d("2026-12-17"), 40, L_CHARTER, 6, 900),
            ("AC", "9501", "TIA", "YYZ", "09:00", 610, d("2027-01-14"), 40, L_CHARTER, 6, 900)]

# Flown before as_of: the travelled booking's legs.
HISTORY_FLIGHTS = [("TK", "1074", "TIA", "IST", "06:15", 105, d("2026-11-27"), 20, L_TK_SHORT, 6, 180),
                   ("TK", "17", "IST", "YYZ", "13:55", 700, d("2026-11-27"), 18, L_TK_LONG, 6, 640)]

CANCELLED = {"OS848/2026-12-15"}


def fmt_dt(local, offset_min):
    sign = "+" if offset_min >= 0 else "-"
    o = abs(offset_min)
    return "%s%s%02d:%02d" % (local.strftime("%Y-%m-%dT%H:%M"), sign, o // 60, o % 60)


def make_flight(carrier, number, frm, to, dep_hhmm, block, day, seats, limits, stretcher, fare):
    hh, mm = map(int, dep_hhmm.split(":"))
    dep_local = dt.datetime(day.year, day.month, day.day, hh, mm)
    dep_utc = dep_local - dt.timedelta(minutes=OFFSET[frm])
    arr_local = dep_utc + dt.timedelta(minutes=block + OFFSET[to])
    f = {"id": "%s%s/%s" % (carrier, number, iso(day)), "carrier": carrier, "number": number,
         "from": frm, "to": to, "departs": fmt_dt(dep_local, OFFSET[frm]),
         "arrives": fmt_dt(arr_local, OFFSET[to]), "seats": seats}
    if limits:
        f["limits"] = dict(limits)
    if stretcher != 6:
        f["stretcher_seats"] = stretcher
    f["fare"] = fare
    f["currency"] = "EUR"
    if f["id"] in CANCELLED:
        f["cancelled"] = True
    return f


def build_flights():
    flights = []
    day = FIRST_DAY
    while day <= LAST_DAY:
        for (car, num, frm, to, dep, block, wdays, shift, seats, lim, st, fare) in ROUTES:
            if day.weekday() in wdays:
                fday = day + dt.timedelta(days=shift)
                flights.append(make_flight(car, num, frm, to, dep, block, fday, seats, lim, st, fare))
        day += dt.timedelta(days=1)
    for c in CHARTERS + HISTORY_FLIGHTS:
        flights.append(make_flight(*c[:6], c[6], *c[7:]))
    flights.sort(key=lambda f: (f["departs"][:10], f["id"]))
    return flights


# ---------------------------------------------------------------- rules

def build_rules():
    quotas = []
    for c, dec, jan in (("CA", 44, 36), ("NO", 14, 12), ("SE", 14, 12), ("US", 30, 28)):
        quotas.append({"id": "%s-2026-12" % c, "country": c, "from": "2026-12-01",
                       "to": "2026-12-31", "max_persons": dec})
        quotas.append({"id": "%s-2027-01" % c, "country": c, "from": "2027-01-01",
                       "to": "2027-01-31", "max_persons": jan})
    # Weekly reception capacity of the Toronto reception centre (ISO weeks).
    monday = d("2026-11-30")
    while monday <= d("2027-01-25"):
        year, week, _ = monday.isocalendar()
        quotas.append({"id": "YYZ-%d-W%02d" % (year, week), "country": "CA", "airport": "YYZ",
                       "from": iso(monday), "to": iso(monday + dt.timedelta(days=6)),
                       "max_persons": 22, "max_cases": 5})
        monday += dt.timedelta(days=7)
    # Relocations to Germany: their own quota, which counts no other kind.
    quotas.append({"id": "DE-REL-2026-12", "country": "DE", "from": "2026-12-01",
                   "to": "2026-12-31", "max_persons": 8, "kinds": ["relocation"]})
    quotas.append({"id": "DE-REL-2027-01", "country": "DE", "from": "2027-01-01",
                   "to": "2027-01-31", "max_persons": 8, "kinds": ["relocation"]})
    arrival_rules = [{"country": "CA", "no_weekend": True, "earliest_arrival": "06:00",
                      "latest_arrival": "22:00", "notice_working_days": 10,
                      "blackout": ["2026-12-25", "2026-12-26", "2027-01-01"],
                      "exempt_priorities": ["emergency"]},
                     # the receiving side of a return or a relocation is told in advance
                     {"country": "AF", "notice_working_days": 5},
                     {"country": "DE", "no_weekend": True, "notice_working_days": 5},
                     {"country": "IR", "notice_working_days": 5},
                     {"country": "PK", "notice_working_days": 3}]
    transit_rules = [{"country": c, "nationalities": ["AFG"], "exempt_if_visa_for": ["CA", "US"]}
                     for c in ("AT", "DE", "DK")]
    closed = []
    day = d("2026-11-29")
    while day <= d("2027-01-31"):
        if day.weekday() == 6:
            closed.append(day)
        day += dt.timedelta(days=1)
    closed += [d("2026-12-08"), d("2026-12-25"), d("2027-01-01"), d("2027-01-02")]
    clinics = [{"id": "DRS-DURRES", "capacity_per_day": 25,
                "closed": [iso(x) for x in sorted(set(closed))]}]
    escorts = [
        {"id": "ESC-MED-1", "kind": "medical", "available_from": "2026-12-01",
         "available_to": "2027-01-15", "covers": 2, "turnaround_days": 7,
         "family_name": "Hoxha", "given_names": "Elira", "sex": "F", "birth_date": "1986-04-17",
         "nationality": "ALB",
         "document": {"type": "P", "number": "BA2715530", "issuer": "ALB", "expires": "2030-09-30"}},
        {"id": "ESC-MED-2", "kind": "medical", "available_from": "2026-12-07",
         "available_to": "2027-01-29", "covers": 1, "turnaround_days": 10,
         "family_name": "Krasniqi", "given_names": "Arben", "sex": "M", "birth_date": "1979-10-02",
         "nationality": "ALB",
         "document": {"type": "P", "number": "BC0481926", "issuer": "ALB", "expires": "2029-03-14"}},
        {"id": "ESC-OPS-1", "kind": "operational", "available_from": "2026-11-20",
         "available_to": "2027-01-29", "covers": 3,
         "family_name": "Dervishi", "given_names": "Mirela", "sex": "F", "birth_date": "1991-07-23",
         "nationality": "ALB",
         "document": {"type": "P", "number": "BB6630417", "issuer": "ALB", "expires": "2031-01-08"}},
    ]
    return quotas, arrival_rules, transit_rules, clinics, escorts


# ---------------------------------------------------------------- people

MALE = ["Ahmad", "Mohammad", "Abdul Rahim", "Farid", "Hamid", "Jawad", "Karim", "Masood",
        "Nasir", "Omid", "Rahmatullah", "Sayed Jalal", "Shafiq", "Wahid", "Zabiullah",
        "Habibullah", "Naqibullah", "Mirwais", "Ajmal", "Bilal", "Hekmat", "Samiullah",
        "Ezatullah", "Jamshid", "Fawad", "Tamim", "Yama", "Gul-Ahmad", "Ne'matullah",
        "Abdul-Haq", "Sharif", "Qasim", "Idris", "Baryalai", "Mustafa"]
FEMALE = ["Shabnam", "Laila", "Farzana", "Marzia", "Nargis", "Parwana", "Rahima", "Sakina",
          "Zahra", "Zarghona", "Fereshta", "Mursal", "Hosai", "Maryam", "Nilofar", "Roya",
          "Sima", "Tahmina", "Mahbooba", "Khadija", "Wazhma", "Sadaf", "Arezo", "Madina",
          "Sha'ista", "Gul-Bibi", "Mah-Jabin", "Basira", "Shukria", "Habiba"]
FAMILY = ["Rahimi", "Noori", "Haidari", "Sultani", "Ahmadzai", "Popal", "Stanikzai", "Karimi",
          "Hashimi", "Mohammadi", "Wardak", "Sadat", "Amiri", "Azizi", "Jalali", "Niazi",
          "Barakzai", "Yousufzai", "Qaderi", "Rezaee", "Sharifi", "Hotak", "Mangal", "Durrani",
          "Tokhi", "Samadi", "Nazari", "Habibi", "Faizi", "Sa'adat", "Ahmadi-Popal", "Ma'soumi",
          "Mohseni", "Kakar", "Zazai", "Andar", "Ghaznawi", "Osmani", "Taraki", "Wafa"]


def birth(rng, y0, y1):
    start = dt.date(y0, 1, 1).toordinal()
    end = dt.date(y1, 12, 31).toordinal()
    return iso(dt.date.fromordinal(start + rng.below(end - start + 1)))


def passport(rng, issuer="AFG", typ="P"):
    if issuer == "AFG":
        number = "P%08d" % rng.below(10 ** 8)
    else:
        number = "RT%07d" % rng.below(10 ** 7)
    expires = dt.date(2027, 6, 30) + dt.timedelta(days=rng.below(4 * 365))
    return {"type": typ, "number": number, "issuer": issuer, "expires": iso(expires)}


def member(cid, idx, family, given, sex, born, nat="AFG", rng=RNG, doc=True, **extra):
    m = {"id": "%s-%02d" % (cid, idx)}
    if family:
        m["family_name"] = family
    if given:
        m["given_names"] = given
    m["sex"] = sex
    m["birth_date"] = born
    m["nationality"] = nat
    if doc:
        m["document"] = passport(rng) if nat == "AFG" else passport(rng, "ALB", "PT")
    for k in ("ssr", "escort", "pregnancy"):
        if k in extra:
            m[k] = extra[k]
    if "document" in extra:
        m["document"] = extra["document"]
    return m


def family_members(rng, cid, size, fam=None, nat="AFG"):
    """An ordinary family: parents, children, sometimes a grandparent."""
    fam = fam or rng.pick(FAMILY)
    ms = []
    if size == 1:
        sex = rng.pick("MF")
        return [member(cid, 1, fam, rng.pick(MALE if sex == "M" else FEMALE), sex,
                       birth(rng, 1966, 2004), nat, rng)]
    father_y = rng.between(1972, 1996)
    ms.append(member(cid, 1, fam, rng.pick(MALE), "M", birth(rng, father_y, father_y), nat, rng))
    mother_y = father_y + rng.between(1, 7)
    ms.append(member(cid, 2, fam, rng.pick(FEMALE), "F", birth(rng, mother_y, mother_y), nat, rng))
    kids = size - 2
    if size >= 6 and rng.chance(40):
        gy = father_y - rng.between(24, 30)
        gsex = rng.pick("MF")
        ms.append(member(cid, 3, fam, rng.pick(MALE if gsex == "M" else FEMALE), gsex,
                         birth(rng, gy, gy), nat, rng))
        kids -= 1
    y = mother_y + rng.between(19, 24)
    for _ in range(kids):
        y = min(y, 2025)
        sex = rng.pick("MF")
        ms.append(member(cid, len(ms) + 1, fam, rng.pick(MALE if sex == "M" else FEMALE), sex,
                         birth(rng, y, y), nat, rng, doc=rng.chance(85)))
        y += rng.between(1, 3)
    return ms


def case(cid, country, airport, priority, ready, members, **kw):
    c = {"id": cid, "destination": {"country": country}}
    if airport:
        c["destination"]["airport"] = airport
    c["priority"] = priority
    c["ready"] = ready
    if kw.get("visa_expires", "2027-06-30"):  # a return has none: the country is its own
        c["visa_expires"] = kw.get("visa_expires", "2027-06-30")
    med = kw.get("medical", {"status": "cleared", "valid_until": "2027-04-30"})
    if med is not None:
        c["medical"] = med
    if kw.get("clinic", "DRS-DURRES"):
        c["clinic"] = kw.get("clinic", "DRS-DURRES")
    if kw.get("link"):
        c["link"] = kw["link"]
    c["members"] = members
    return c


# Every hard situation, one hand-made case each: (case id, situation,
# what the planner should do).  Written into README.md.
SPECIAL = []


def special(cid, situation, expect):
    SPECIAL.append((cid, situation, expect))


def special_cases():
    r = Rng(7)
    cs = []

    cid = "AFG-1001"
    special(cid, "emergency priority; father needs WCHC (carried to his seat)",
            "move at once: emergency is exempt from Canada's arrival rules (notice, weekend, "
            "latest arrival), so OS848+OS71 on Thu 12-03 (check 11-30 to 12-02) is open, even "
            "LH1705+AC837 landing at 22:30; WCHC counts against each leg's WCHC limit (1 on OS848)")
    cs.append(case(cid, "CA", "YYZ", "emergency", "2026-12-02", [
        member(cid, 1, "Rahimi", "Abdul Rahim", "M", "1961-03-02", ssr=["WCHC"], rng=r),
        member(cid, 2, "Rahimi", "Shabnam", "F", "1968-11-20", rng=r),
        member(cid, 3, "Rahimi", "Omid", "M", "2004-09-01", rng=r),
        member(cid, 4, "Rahimi", "Marzia", "F", "2009-02-14", rng=r)]))

    cid = "AFG-1002"
    special(cid, "grandmother on a stretcher (STCR), needs a medical escort",
            "STCR takes the flight's stretcher_seats (6; 9 on OS) and needs STCR limit room; OS848 "
            "has STCR 0, so TK, LH or the three-leg MUC-CPH route; the 5-person family takes 10 "
            "seats on TK plus one escort seat; a medical escort must fly the very same legs")
    cs.append(case(cid, "US", "IAD", "urgent", "2026-12-05", [
        member(cid, 1, "Noori", "Laila", "F", "1949-01-15", ssr=["STCR"], escort="medical", rng=r),
        member(cid, 2, "Noori", "Sayed Jalal", "M", "1975-06-30", rng=r),
        member(cid, 3, "Noori", "Fereshta", "F", "1980-12-01", rng=r),
        member(cid, 4, "Noori", "Tamim", "M", "2012-04-22", rng=r),
        member(cid, 5, "Noori", "Hosai", "F", "2015-08-09", rng=r)]))

    cid = "AFG-1003"
    special(cid, "MEDA with OXYG, medical escort; the one CONFIRMED booking "
            "(TK1074+TK17 on 12-16, check 12-14, ESC-MED-1)",
            "keep exactly as booked: same flights, check date and escort; it counts against "
            "seats, MEDA/OXYG limits, CA-2026-12 and YYZ-2026-W51; ESC-MED-1's next trip "
            "is 7 days later at the earliest")
    cs.append(case(cid, "CA", "YYZ", "urgent", "2026-12-07", [
        member(cid, 1, "Haidari", "Jawad", "M", "1955-04-04", ssr=["MEDA", "OXYG"],
               escort="medical", rng=r),
        member(cid, 2, "Haidari", "Rahima", "F", "1960-07-19", ssr=["WCHR"], rng=r)],
        medical={"status": "cleared", "valid_until": "2026-12-31"}))

    cid = "AFG-1004"
    special(cid, "three infants with two adults (twins born 2026-05-14, a toddler born 2025-03-02)",
            "the twins ride on the two laps (derived INFT, no seat); the toddler, also under 2, "
            "takes a seat: 5 persons, 3 seats, INFT 2 of TK1074's 4; Afghan nationals to Sweden "
            "connect only in IST")
    cs.append(case(cid, "SE", "ARN", "normal", "2026-12-04", [
        member(cid, 1, "Sultani", "Karim", "M", "1990-12-31", rng=r),
        member(cid, 2, "Sultani", "Nilofar", "F", "1995-05-05", rng=r),
        member(cid, 3, "Sultani", "Yama", "M", "2025-03-02", rng=r),
        member(cid, 4, "Sultani", "Roya", "F", "2026-05-14", rng=r),
        member(cid, 5, "Sultani", "Sima", "F", "2026-05-14", rng=r)]))

    cid = "AFG-1005"
    special(cid, "unaccompanied pair of minors (15 and 12), Afghan nationals",
            "no adult: both members are derived UMNR (limit 2 on TK1074/TK1753) and need an "
            "operational escort (ESC-OPS-1, or a medical one) with a seat on both legs; Afghan "
            "nationals bound for Norway may not connect in AT/DE/DK, so only TK1074+TK1753 "
            "(Mon, Fri)")
    cs.append(case(cid, "NO", "OSL", "urgent", "2026-12-07", [
        member(cid, 1, "Ahmadzai", "Mirwais", "M", "2011-01-20", rng=r),
        member(cid, 2, "Ahmadzai", "Madina", "F", "2014-03-11", rng=r)]))

    cid = "AFG-1006"
    special(cid, "35 weeks pregnant on 2026-12-02 (36 from 12-09)",
            "may only depart 12-03 to 12-08: 7 itineraries (TK1074+TK7 12-04/12-07, OS848+OS93 "
            "12-05, LH1427+LH418 12-08, LH1705+LH2444+SK925 from 12-03/12-05); PREGNANCY excludes "
            "the other 35; the US December quota is contested")
    cs.append(case(cid, "US", "IAD", "normal", "2026-12-03", [
        member(cid, 1, "Popal", "Hamid", "M", "1992-02-02", rng=r),
        member(cid, 2, "Popal", "Zarghona", "F", "1996-10-10", rng=r,
               pregnancy={"weeks": 35, "on": "2026-12-02"}),
        member(cid, 3, "Popal", "Bilal", "M", "2021-06-06", rng=r)]))

    cid = "AFG-1007"
    special(cid, "medical pending", "never travels: unassigned with MEDICAL_PENDING")
    cs.append(case(cid, "CA", "YVR", "normal", "2026-12-01", [
        member(cid, 1, "Stanikzai", "Naqibullah", "M", "1983-08-08", rng=r),
        member(cid, 2, "Stanikzai", "Wazhma", "F", "1988-01-30", rng=r),
        member(cid, 3, "Stanikzai", "Tahmina", "F", "2010-11-11", rng=r)],
        medical={"status": "pending"}))

    cid = "AFG-1008"
    special(cid, "medical deferred until 2026-12-21",
            "may depart from 12-21 on; earlier itineraries are excluded (MEDICAL_DEFERRED)")
    cs.append(case(cid, "US", "JFK", "urgent", "2026-12-04", [
        member(cid, 1, "Karimi", "Fawad", "M", "1987-09-09", rng=r),
        member(cid, 2, "Karimi", "Mursal", "F", "1990-03-03", rng=r),
        member(cid, 3, "Karimi", "Idris", "M", "2016-12-12", rng=r),
        member(cid, 4, "Karimi", "Arezo", "F", "2019-05-25", rng=r)],
        medical={"status": "deferred", "deferred_until": "2026-12-21"}))

    cid = "AFG-1009"
    special(cid, "medical deferred with no date", "never travels: unassigned (MEDICAL_DEFERRED)")
    cs.append(case(cid, "SE", "ARN", "normal", "2026-12-01", [
        member(cid, 1, "Hashimi", "Sharif", "M", "1979-02-27", rng=r),
        member(cid, 2, "Hashimi", "Khadija", "F", "1984-06-16", rng=r)],
        medical={"status": "deferred"}))

    cid = "AFG-1010"
    special(cid, "visa expires 2026-12-30, mid-horizon",
            "must arrive by 12-30 (VISA_EXPIRY excludes later itineraries); Norway's December "
            "quota is tight, so it competes for it")
    cs.append(case(cid, "NO", "OSL", "normal", "2026-12-10", [
        member(cid, 1, "Mohammadi", "Qasim", "M", "1985-01-01", rng=r),
        member(cid, 2, "Mohammadi", "Maryam", "F", "1987-04-14", rng=r),
        member(cid, 3, "Mohammadi", "Mustafa", "M", "2013-10-30", rng=r),
        member(cid, 4, "Mohammadi", "Basira", "F", "2017-02-08", rng=r)],
        visa_expires="2026-12-30"))

    for cid, fam, prio, size in (("AFG-1011", "Safi", "urgent", 5), ("AFG-1012", "Safi", "normal", 4)):
        ms = family_members(r, cid, size, fam)
        cs.append(case(cid, "CA", "YYZ", prio, "2026-12-08", ms, link="LNK-SAFI"))
    special("AFG-1011 AFG-1012", "linked pair (link LNK-SAFI): two brothers' families, 9 persons",
            "both on the same itinerary or neither: 9 seats on every leg, 2 cases of the YYZ "
            "weekly max_cases 5, both clinic checks the same window")

    cid = "AFG-1013"
    special(cid, "ready 2027-01-20, after the last flight (01-14/01-15)",
            "no itinerary departs on or after ready: unassigned (NOT_READY)")
    cs.append(case(cid, "US", "JFK", "normal", "2027-01-20", family_members(r, cid, 4, "Wardak")))

    cid = "AFG-1014"
    special(cid, "emergency, destination Canada with no airport named",
            "any airport of CA: YYZ or YVR itineraries are all eligible; exempt from the arrival rules")
    cs.append(case(cid, "CA", None, "emergency", "2026-12-03", [
        member(cid, 1, "Sadat", "Sakina", "F", "1998-07-07", rng=r),
        member(cid, 2, "Sadat", "Nasir", "M", "2018-01-09", rng=r)]))

    cid = "AFG-1015"
    special(cid, "emergency, single woman to Sweden",
            "exempt from nothing else: Sweden has no arrival rule; Afghan, so via IST only")
    cs.append(case(cid, "SE", "ARN", "emergency", "2026-12-02", [
        member(cid, 1, "Amiri", "Parwana", "F", "1993-12-19", rng=r)]))

    cid = "AFG-1016"
    special(cid, "TRAVELLED booking: flew TK1074+TK17 on 2026-11-27 with ESC-OPS-1",
            "history: appears nowhere in the plan; ESC-OPS-1 (turnaround 7) cannot start a "
            "new trip before 12-04")
    cs.append(case(cid, "CA", "YYZ", "urgent", "2026-11-20", [
        member(cid, 1, "Azizi", "Ezatullah", "M", "1958-05-12", ssr=["DPNA"], escort="operational", rng=r),
        member(cid, 2, "Azizi", "Habiba", "F", "1962-09-01", rng=r)]))

    cid = "AFG-1017"
    special(cid, "proposed booking (TK1074+TK1795 on 12-09)",
            "keeping it costs no change (level 2); moving it counts one change")
    cs.append(case(cid, "SE", "ARN", "normal", "2026-12-07", family_members(r, cid, 5, "Jalali")))
    cid = "AFG-1018"
    special(cid, "proposed booking (OS848+OS93 on 12-12)", "as above")
    cs.append(case(cid, "US", "IAD", "normal", "2026-12-09", family_members(r, cid, 4, "Niazi")))
    cid = "AFG-1019"
    special(cid, "proposed booking on the CANCELLED OS848/2026-12-15",
            "the proposed itinerary no longer exists: rebook elsewhere (one change)")
    cs.append(case(cid, "CA", "YYZ", "normal", "2026-12-10", family_members(r, cid, 3, "Barakzai")))

    cid = "AFG-1020"
    special(cid, "refugee-status family (nationality XXB, travel documents issued by ALB) to Norway",
            "XXB is not on the AT/DE/DK transit rules: may connect in VIE, FRA or via MUC and CPH "
            "(three legs) as well as IST")
    cs.append(case(cid, "NO", "OSL", "normal", "2026-12-06", family_members(r, cid, 4, "Yousufzai", "XXB")))

    cid = "AFG-1021"
    special(cid, "a member known only by given_names; stateless (XXA) mother",
            "valid data (SPEC 1: one of the two names); manifests must cope; XXA may transit Schengen "
            "but the Afghan father may not, so Sweden only via IST")
    ms = family_members(r, cid, 3, "Qaderi")
    ms[1] = member(cid, 2, None, "Gul-Bibi", "F", "1991-03-21", "XXA", r)
    cs.append(case(cid, "SE", "ARN", "urgent", "2026-12-09", ms))

    cid = "AFG-1022"
    special(cid, "father's passport expires 2027-01-06",
            "must arrive by 01-06 (DOCUMENT_EXPIRY excludes later itineraries)")
    ms = family_members(r, cid, 6, "Rezaee")
    ms[0]["document"]["expires"] = "2027-01-06"
    cs.append(case(cid, "CA", "YVR", "normal", "2026-12-14", ms))

    cid = "AFG-1023"
    special(cid, "medical clearance valid until 2026-12-20",
            "must depart by 12-20 (MEDICAL_EXPIRED excludes later itineraries)")
    cs.append(case(cid, "US", "JFK", "normal", "2026-12-11", family_members(r, cid, 5, "Sharifi"),
                   medical={"status": "cleared", "valid_until": "2026-12-20"}))

    cid = "AFG-1024"
    special(cid, "a child who turns 2 on 2026-12-22, one adult",
            "a lap infant (INFT, no seat) on departures up to 12-21, a seated child from 12-22")
    cs.append(case(cid, "CA", "YYZ", "normal", "2026-12-07", [
        member(cid, 1, "Hotak", "Mahbooba", "F", "1994-08-30", rng=r),
        member(cid, 2, "Hotak", "Samiullah", "M", "2016-03-03", rng=r),
        member(cid, 3, "Hotak", "Mah-Jabin", "F", "2024-12-22", rng=r)]))

    cid = "AFG-1025"
    special(cid, "young man with DPNA who needs an operational escort; deaf grandfather (DEAF, MAAS)",
            "needs an escort with covers left on its itinerary (operational or medical)")
    cs.append(case(cid, "US", "JFK", "urgent", "2026-12-08", [
        member(cid, 1, "Mangal", "Baryalai", "M", "1950-10-10", ssr=["DEAF", "MAAS"], rng=r),
        member(cid, 2, "Mangal", "Shafiq", "M", "2003-05-05", ssr=["DPNA"], escort="operational", rng=r),
        member(cid, 3, "Mangal", "Shukria", "F", "1978-02-02", ssr=["WCHS"], rng=r)]))

    cid = "AFG-1026"
    special(cid, "blind member (BLND) and a WCHR grandmother, large family of 7, no clinic",
            "a case without a clinic needs no check date; 7 seats on one itinerary")
    cs.append(case(cid, "CA", "YYZ", "normal", "2026-12-12", family_members(r, cid, 7, "Durrani"),
                   clinic=None))
    cs[-1]["members"][0]["ssr"] = ["BLND"]
    cs[-1]["members"][2]["ssr"] = ["WCHR"]
    return cs


def ordinary_cases(first_no, count):
    r = Rng(99)
    dests = [(("CA", "YYZ"), 26), (("CA", "YVR"), 8), (("US", "IAD"), 14), (("US", "JFK"), 12),
             (("NO", "OSL"), 18), (("SE", "ARN"), 18), (("CA", None), 4)]
    sizes = [(1, 5), (2, 7), (3, 15), (4, 18), (5, 11), (6, 4), (7, 2)]
    cs = []
    for i in range(count):
        cid = "AFG-%04d" % (first_no + i)
        (country, airport) = r.weighted(dests)
        prio = r.weighted([("urgent", 12), ("normal", 88)])
        ready = FIRST_DAY - dt.timedelta(days=2) + dt.timedelta(days=r.below(36))
        ms = family_members(r, cid, r.weighted(sizes))
        kw = {"medical": {"status": "cleared",
                          "valid_until": iso(d("2027-02-01") + dt.timedelta(days=r.below(120)))}}
        if r.chance(15):
            kw["medical"] = {"status": "cleared"}
        if r.chance(8):
            kw["clinic"] = None
        kw["visa_expires"] = iso(d("2027-03-01") + dt.timedelta(days=r.below(200)))
        if r.chance(6):
            m = ms[r.below(len(ms))]
            if m["birth_date"] < "1975":
                m["ssr"] = [r.pick(["WCHR", "WCHS", "MAAS"])]
        cs.append(case(cid, country, airport, prio, iso(ready), ms, **kw))
    return cs


# Names as the families write them and as their passports' machine-
# readable zones read them, and the language of each family's papers
# (SPEC 1: document.mrz_family_name / mrz_given_names, case language).
# Applied after the PRNG has made the cases, so nothing else changes:
# (case, language, {member index: (family, given, mrz family, mrz given)}),
# an MRZ pair of None meaning the caseworker has not recorded it.
NAMES = [
    ("AFG-1002", "fa-AF", {
        1: ("\u0646\u0648\u0631\u06cc", "\u0644\u06cc\u0644\u0627", "NOORI", "LAILA"),
        2: ("\u0646\u0648\u0631\u06cc", "\u0633\u06cc\u062f \u062c\u0644\u0627\u0644",
            "NOORI", "SAYED JALAL"),
        3: ("\u0646\u0648\u0631\u06cc", "\u0641\u0631\u0634\u062a\u0647", "NOORI", "FERESHTA"),
        4: ("\u0646\u0648\u0631\u06cc", "\u062a\u0645\u06cc\u0645", "NOORI", "TAMIM"),
        5: ("\u0646\u0648\u0631\u06cc", "\u0647\u0648\u0633\u06cd", None, None)}),
    ("AFG-1005", "ps", {
        1: ("\u0627\u062d\u0645\u062f\u0632\u06cc", "\u0645\u06cc\u0631\u0648\u06cc\u0633",
            "AHMADZAI", "MIRWAIS"),
        2: ("\u0627\u062d\u0645\u062f\u0632\u06cc", "\u0645\u062f\u06cc\u0646\u0647", None, None)}),
    ("AFG-1012", None, {2: ("Safi", "\u0100rez\u016b", None, None)}),
    ("AFG-1004", "fa-AF", {}),
    ("AFG-1020", "ps", {}),
    ("AFG-1021", "fa-AF", {}),
    ("AFG-1025", "ps", {}),
]


def names_and_languages(cs):
    by_id = {c["id"]: c for c in cs}
    for cid, lang, names in NAMES:
        c = by_id[cid]
        if lang:
            c["language"] = lang
        for idx, (fam, giv, mfam, mgiv) in names.items():
            m = c["members"][idx - 1]
            m["family_name"], m["given_names"] = fam, giv
            if mfam:
                m["document"]["mrz_family_name"] = mfam
                m["document"]["mrz_given_names"] = mgiv


def document(typ, number, issuer, expires):
    return {"type": typ, "number": number, "issuer": issuer, "expires": expires}


def other_movements():
    """Voluntary returns (SPEC 1 kind return) and relocations, hand-made."""
    cs = []
    etd = lambda n, exp="2027-02-28": document("PE", "ETD%05d" % n, "AFG", exp)  # noqa: E731
    special("RET-2001", "voluntary return to Afghanistan of a family of 3 (kind return), "
            "emergency travel documents (type PE) from the Afghan consulate",
            "a return needs a travel document but counts against no quota; via IST "
            "(TK1074+TK706, Mon and Fri); Afghanistan's 5-working-day notice rule applies "
            "(first arrival 12-07)")
    cs.append(case("RET-2001", "AF", "KBL", "normal", "2026-12-04", [
        member("RET-2001", 1, "Sharifi", "Nematullah", "M", "1979-03-11", document=etd(1)),
        member("RET-2001", 2, "Sharifi", "Gulalai", "F", "1983-08-02", document=etd(2)),
        member("RET-2001", 3, "Sharifi", "Omid", "M", "2012-05-19", document=etd(3))],
        visa_expires=None))
    cs[-1]["kind"] = "return"
    special("RET-2002", "return to Afghanistan; the emergency travel document expires 2026-12-22",
            "must land by 12-22: TK706 on 12-07, 12-11, 12-14 or 12-18 (DOCUMENT_EXPIRY "
            "excludes the rest)")
    cs.append(case("RET-2002", "AF", "KBL", "urgent", "2026-12-05", [
        member("RET-2002", 1, "Wardak", "Zarmina", "F", "1992-01-27",
               document=etd(4, "2026-12-22"))], visa_expires=None))
    cs[-1]["kind"] = "return"
    special("RET-2003", "return to Pakistan of a Pakistani couple (nationality PAK)",
            "via IST on TK710 (Wednesdays); Pakistan's 3-working-day notice")
    cs.append(case("RET-2003", "PK", "ISB", "normal", "2026-12-08", [
        member("RET-2003", 1, "Qureshi", "Imran", "M", "1985-06-30", nat="PAK",
               document=document("P", "AB1234567", "PAK", "2029-05-31")),
        member("RET-2003", 2, "Qureshi", "Ayesha", "F", "1988-11-12", nat="PAK",
               document=document("P", "AB7654321", "PAK", "2029-05-31"))], visa_expires=None))
    cs[-1]["kind"] = "return"
    special("RET-2004", "return to Iran of an Iranian man (nationality IRN)",
            "via IST on TK878 (Mon, Wed) from 12-28")
    cs.append(case("RET-2004", "IR", "IKA", "normal", "2026-12-28", [
        member("RET-2004", 1, "Rezaei", "Hossein", "M", "1990-02-14", nat="IRN",
               document=document("P", "K12345678", "IRN", "2028-10-01"))], visa_expires=None))
    cs[-1]["kind"] = "return"
    r = Rng(31)
    for cid, size, ready in (("REL-3001", 4, "2026-12-05"), ("REL-3002", 3, "2026-12-05"),
                             ("REL-3003", 5, "2026-12-10")):
        cs.append(case(cid, "DE", "DUS", "normal", ready, family_members(r, cid, size)))
        cs[-1]["kind"] = "relocation"
    special("REL-3001 REL-3002 REL-3003", "relocations to Germany (kind relocation): 12 persons",
            "EW9651 to Duesseldorf (Wed, Sat); the relocation quotas DE-REL-* (8 persons a month, "
            "kinds relocation) bind; Germany: no weekend arrivals, 5 working days' notice")
    return cs


def build_cases():
    cs = special_cases()
    cs += ordinary_cases(1027, 34)
    cs += other_movements()
    names_and_languages(cs)
    bookings = [
        {"case": "AFG-1003", "flights": ["TK1074/2026-12-16", "TK17/2026-12-16"],
         "status": "confirmed", "ftt_date": "2026-12-14", "escorts": ["ESC-MED-1"]},
        {"case": "AFG-1016", "flights": ["TK1074/2026-11-27", "TK17/2026-11-27"],
         "status": "travelled", "escorts": ["ESC-OPS-1"]},
        {"case": "AFG-1017", "flights": ["TK1074/2026-12-09", "TK1795/2026-12-09"],
         "status": "proposed", "ftt_date": "2026-12-07"},
        {"case": "AFG-1018", "flights": ["OS848/2026-12-12", "OS93/2026-12-12"],
         "status": "proposed", "ftt_date": "2026-12-10"},
        {"case": "AFG-1019", "flights": ["OS848/2026-12-15", "OS71/2026-12-15"],
         "status": "proposed", "ftt_date": "2026-12-14"},
    ]
    return cs, bookings


# ---------------------------------------------------------------- checks (SPEC 1)

ID_RE = re.compile(r"^[A-Za-z0-9._:/-]{1,64}$")
DT_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$")
SSR = {"WCHR", "WCHS", "WCHC", "STCR", "MEDA", "OXYG", "BLND", "DEAF", "DPNA", "MAAS"}
LIMIT_CODES = SSR | {"INFT", "UMNR"}


class Invalid(Exception):
    pass


def need(cond, where, msg):
    if not cond:
        raise Invalid("%s: %s" % (where, msg))


def check_date(s, where):
    need(isinstance(s, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", s), where, "not a date")
    try:
        d(s)
    except ValueError:
        raise Invalid("%s: not a calendar date" % where)


def parse_dt(s, where):
    m = DT_RE.fullmatch(s or "")
    need(m, where, "date-time without a UTC offset or malformed")
    check_date(m.group(1), where)
    off = 0 if m.group(5) == "Z" else (int(m.group(5)[1:3]) * 60 + int(m.group(5)[4:])) * (
        1 if m.group(5)[0] == "+" else -1)
    local = dt.datetime.fromisoformat("%sT%s:%s:%s" % (m.group(1), m.group(2), m.group(3), m.group(4) or "00"))
    return local - dt.timedelta(minutes=off), off, local


def validate(ds):
    """The SPEC 1 rules this data could break; raises Invalid."""
    mis = ds["mission"]
    need(ID_RE.match(mis["id"]), "mission", "bad id")
    ap = {}
    for a in ds["airports"]:
        need(re.fullmatch(r"[A-Z]{3}", a["code"]) and a["code"] not in ap, a["code"], "airport code")
        need(re.fullmatch(r"[A-Z]{2}", a["country"]), a["code"], "country")
        ap[a["code"]] = a
    need(mis["origin"] in ap, "mission", "origin")
    fl = {}
    currencies = set()
    for f in ds["flights"]:
        w = "flight '%s'" % f["id"]
        need(ID_RE.match(f["id"]) and f["id"] not in fl, w, "id")
        need(f["from"] in ap and f["to"] in ap and f["from"] != f["to"], w, "airports")
        dep, doff, dloc = parse_dt(f["departs"], w + ": departs")
        arr, aoff, aloc = parse_dt(f["arrives"], w + ": arrives")
        need(doff == OFFSET[f["from"]] and aoff == OFFSET[f["to"]], w, "offset of the airport")
        need(arr > dep, w, "arrives before it departs")
        need(f["id"].endswith("/" + dloc.date().isoformat()), w, "id date is not the local departure date")
        need(isinstance(f["seats"], int) and f["seats"] >= 0, w, "seats")
        for k, v in f.get("limits", {}).items():
            need(k in LIMIT_CODES and isinstance(v, int) and v >= 0, w, "limits")
        currencies.add(f.get("currency"))
        fl[f["id"]] = f
    need(len(currencies - {None}) <= 1, "flights", "more than one currency")
    seen = set()
    for q in ds["quotas"]:
        need(ID_RE.match(q["id"]) and q["id"] not in seen, q["id"], "quota id")
        seen.add(q["id"])
        check_date(q["from"], q["id"])
        check_date(q["to"], q["id"])
        need(q["from"] <= q["to"], q["id"], "range ends before it starts")
        need("airport" not in q or COUNTRY[q["airport"]] == q["country"], q["id"], "airport")
    for r in ds["arrival_rules"]:
        for b in r.get("blackout", []):
            check_date(b, "arrival rule")
    clinics = set()
    for c in ds["clinics"]:
        need(ID_RE.match(c["id"]), c["id"], "clinic id")
        clinics.add(c["id"])
        for x in c.get("closed", []):
            check_date(x, c["id"])
    escorts = {}
    for e in ds["escorts"]:
        need(ID_RE.match(e["id"]) and e["kind"] in ("medical", "operational"), e["id"], "escort")
        check_date(e["available_from"], e["id"])
        check_date(e["available_to"], e["id"])
        check_date(e["birth_date"], e["id"])
        need(e["available_from"] <= e["available_to"], e["id"], "range")
        escorts[e["id"]] = e
    cases = {}
    mids = set()
    for c in ds["cases"]:
        w = "case '%s'" % c["id"]
        need(ID_RE.match(c["id"]) and c["id"] not in cases, w, "id")
        need(c["priority"] in ("emergency", "urgent", "normal"), w, "priority")
        check_date(c["ready"], w + ": ready")
        if "visa_expires" in c:
            check_date(c["visa_expires"], w + ": visa_expires")
        dest = c["destination"]
        need(dest["country"] in set(COUNTRY.values()), w, "destination country")
        need("airport" not in dest or COUNTRY.get(dest["airport"]) == dest["country"], w, "destination airport")
        need(c.get("clinic") is None or c["clinic"] in clinics, w, "clinic")
        med = c.get("medical", {"status": "cleared"})
        need(med["status"] in ("cleared", "pending", "deferred"), w, "medical")
        for k in ("valid_until", "deferred_until"):
            if k in med:
                check_date(med[k], w + ": medical")
        need(c["members"], w, "no members")
        need(re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", c.get("language", "en")), w, "language")
        for m in c["members"]:
            mw = "%s: member '%s'" % (w, m["id"])
            need(ID_RE.match(m["id"]) and m["id"] not in mids, mw, "id")
            mids.add(m["id"])
            need(m.get("family_name") or m.get("given_names"), mw, "no name")
            need(m["sex"] in ("F", "M", "X"), mw, "sex")
            check_date(m["birth_date"], mw + ": birth_date")
            need(m["birth_date"] <= iso(AS_OF), mw, "born after as_of")
            need(re.fullmatch(r"[A-Z]{3}", m["nationality"]), mw, "nationality")
            if "document" in m:
                doc = m["document"]
                need(re.fullmatch(r"[A-Z]{1,2}", doc["type"]) and doc["number"], mw, "document")
                need(re.fullmatch(r"[A-Z]{3}", doc.get("issuer", "AAA")), mw, "issuer")
                check_date(doc["expires"], mw + ": document")
                for k in ("mrz_family_name", "mrz_given_names"):
                    need(re.fullmatch(r"[A-Z]+( [A-Z]+)*", doc.get(k, "A")), mw, k)
            need(set(m.get("ssr", [])) <= SSR, mw, "ssr")
            need(m.get("escort") in (None, "medical", "operational"), mw, "escort")
            if "pregnancy" in m:
                check_date(m["pregnancy"]["on"], mw + ": pregnancy")
        cases[c["id"]] = c
    for b in ds["bookings"]:
        w = "booking '%s'" % b["case"]
        need(b["case"] in cases, w, "unknown case")
        need(b["status"] in ("confirmed", "proposed", "travelled"), w, "status")
        need(1 <= len(b["flights"]) <= 3 and all(x in fl for x in b["flights"]), w, "flights")
        for x in b.get("escorts", []):
            need(x in escorts, w, "escort")
        if "ftt_date" in b:
            check_date(b["ftt_date"], w)
    need(len({b["case"] for b in ds["bookings"]}) == len(ds["bookings"]), "bookings", "duplicate case")


# ---------------------------------------------------------------- writers

PARTS = ["mission", "airports", "flights", "quotas", "arrival_rules", "transit_rules",
         "clinics", "escorts", "cases", "bookings"]
SINGULAR = {"airports": "airport", "flights": "flight", "quotas": "quota",
            "arrival_rules": "arrival_rule", "transit_rules": "transit_rule",
            "clinics": "clinic", "escorts": "escort", "cases": "case", "bookings": "booking"}
# Child elements in the order of their fields in SPEC 1's table.
CHILD_ORDER = {"flight": ["limits"], "escort": ["document"],
               "case": ["destination", "members", "medical"],
               "member": ["document", "pregnancy"]}


def xml_attr(v):
    if isinstance(v, bool):
        v = "true" if v else "false"
    elif isinstance(v, list):
        v = " ".join(v)
    s = str(v)
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def xml_item(name, obj, indent):
    pad = " " * indent
    attrs = []
    kids = []
    for k, v in obj.items():
        if isinstance(v, dict) or (isinstance(v, list) and v and isinstance(v[0], dict)):
            kids.append(k)
        elif v is not None and v != []:
            attrs.append(' %s="%s"' % (k, xml_attr(v)))
    head = "%s<%s%s" % (pad, name, "".join(attrs))
    if not kids:
        return [head + "/>"]
    order = CHILD_ORDER.get(name, [])
    kids.sort(key=lambda k: order.index(k) if k in order else len(order))
    out = [head + ">"]
    for k in kids:
        v = obj[k]
        if isinstance(v, list):
            for item in v:
                out += xml_item("member" if k == "members" else k, item, indent + 1)
        else:
            out += xml_item(k, v, indent + 1)
    out.append("%s</%s>" % (pad, name))
    return out


def to_xml(ds):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<movplan xmlns="urn:movplan:1" version="1">']
    for part in PARTS:
        if part == "mission":
            out += xml_item("mission", ds["mission"], 1)
        elif ds.get(part):
            out.append(" <%s>" % part)
            for item in ds[part]:
                out += xml_item(SINGULAR[part], item, 2)
            out.append(" </%s>" % part)
    out.append("</movplan>")
    return "\n".join(out) + "\n"


def to_json(obj):
    return json.dumps(obj, indent=1, ensure_ascii=False) + "\n"


def readme(ds):
    persons = sum(len(c["members"]) for c in ds["cases"])
    flights = [f for f in ds["flights"] if f["departs"][:10] > iso(AS_OF)]
    by_country = {}
    for c in ds["cases"]:
        k = c["destination"]["country"]
        by_country.setdefault(k, [0, 0])
        by_country[k][0] += 1
        by_country[k][1] += len(c["members"])
    quota = {}
    for q in ds["quotas"]:
        if "airport" not in q:
            quota[q["country"]] = quota.get(q["country"], 0) + q["max_persons"]
    lines = [
        "# Example mission: Tirana (TIA) to Canada, Norway, Sweden and the USA",
        "",
        "Afghan evacuees waiting in Albania board in Tirana for resettlement in",
        "Canada (YYZ, YVR), Norway (OSL), Sweden (ARN) and the USA (IAD, JFK).",
        "The mission also relocates evacuees to Germany (DUS) and assists",
        "voluntary returns to Afghanistan (KBL), Pakistan (ISB) and Iran (IKA),",
        "all via Istanbul (SPEC 1 case `kind`: resettlement, relocation, return).",
        "Planning date `as_of` is Monday 2026-11-30, horizon 60 days (to",
        "2027-01-29); flights run for six weeks from Thursday 2026-12-03.",
        "",
        "Made by `build.py` (deterministic; run `python3 examples/tirana/build.py`",
        "to rewrite every file, `--check` to validate only). Do not edit the",
        "data by hand: change `build.py` and run it.",
        "",
        "| file | holds |",
        "|---|---|",
        "| `network.json` | mission, %d airports, %d flights (%d before as_of, 1 cancelled) |"
        % (len(ds["airports"]), len(ds["flights"]), len(ds["flights"]) - len(flights)),
        "| `rules.json` | %d quotas (monthly per country, weekly YYZ reception, monthly "
        "relocations to Germany), arrival rules for CA, AF, DE, IR, PK, transit rules for AT, "
        "DE, DK, the Durres clinic, %d escorts |"
        % (len(ds["quotas"]), len(ds["escorts"])),
        "| `cases.json` | %d cases, %d persons; %d bookings |"
        % (len(ds["cases"]), persons, len(ds["bookings"])),
        "| `mission.xml` | the same whole dataset in XML (SPEC 3) |",
        "",
        "Read the three JSON files together (`movplan import network.json rules.json",
        "cases.json`) or the XML alone; they hold the same data.",
        "",
        "## Network",
        "",
        "Seat blocks of 10-40 seats held per flight. Tirana feeds four hubs:",
        "TK1074 to Istanbul (Mon, Wed, Fri; 20 seats, the main bottleneck),",
        "OS848 to Vienna (Tue, Thu, Sat), LH1427 to Frankfurt (Tue, Sun) and",
        "LH1705 to Munich (Thu, Sat), with same-day long-haul connections;",
        "from Munich LH2444 reaches Copenhagen for next-morning SK flights to",
        "OSL, ARN and IAD (three-leg itineraries; 13 h overnight connection",
        "within CPH's 960 minutes). Two Air Canada charters (AC9501, 40 seats)",
        "fly Tirana-Toronto direct on 2026-12-17 and 2027-01-14. AC837 from",
        "Munich lands in Toronto at 22:30, after Canada's latest arrival.",
        "Returns connect in Istanbul from TK1074 to TK706 (Kabul, Mon and Fri),",
        "TK710 (Islamabad, Wed) and TK878 (Tehran, Mon and Wed); relocations fly",
        "EW9651 Tirana-Duesseldorf (Wed, Sat).",
        "",
        "## Rules that bind",
        "",
        "| destination | cases | persons | quota (Dec + Jan) |",
        "|---|---|---|---|",
    ]
    for k in sorted(by_country):
        lines.append("| %s | %d | %d | %d |" % (k, by_country[k][0], by_country[k][1], quota.get(k, 0)))
    lines += [
        "",
        "- Toronto reception: 22 persons and 5 cases a week (quotas `YYZ-YYYY-Www`).",
        "- Canada: no weekend arrivals, 06:00-22:00, notice of 10 working days",
        "  (the first allowed arrival day is Monday 2026-12-14), blackout 12-25,",
        "  12-26, 01-01; emergency cases are exempt.",
        "- Afghan nationals may not connect in Austria, Germany or Denmark unless",
        "  bound for Canada or the USA: Norway and Sweden are reached only via IST",
        "  (or by XXA/XXB cases through Schengen hubs).",
        "- Clinic `DRS-DURRES`: 25 persons a day, closed on Sundays, 12-08, 12-25,",
        "  01-01 and 01-02; each check 1-3 days before departure.",
        "- Escorts: `ESC-MED-1` (medical, covers 2, turnaround 7, to 01-15),",
        "  `ESC-MED-2` (medical, covers 1, turnaround 10, from 12-07),",
        "  `ESC-OPS-1` (operational, covers 3, turnaround 7).",
        "- Returns count against no quota (none is given for AF, PK, IR); they",
        "  need a travel document (emergency travel documents, type PE, count)",
        "  and the receiving country's notice: 5 working days for Afghanistan",
        "  and Iran, 3 for Pakistan. Relocations count only against the",
        "  `DE-REL-*` quotas (8 persons a month, `kinds: [relocation]`); Germany",
        "  takes no weekend arrivals and 5 working days' notice.",
        "",
        "## Hard situations",
        "",
        "| case | situation | what the planner should do |",
        "|---|---|---|",
    ]
    for cid, sit, exp in SPECIAL:
        lines.append("| %s | %s | %s |" % (cid.replace(" ", ", "), sit, exp))
    lines += [
        "",
        "## Names and languages",
        "",
        "| case | names | language of the family's papers |",
        "|---|---|---|",
        "| AFG-1002 | written in Dari script; four passports' MRZ names recorded "
        "(NOORI, LAILA ...), the youngest's not: manifests transliterate it by ICAO "
        "Doc 9303 and flag it, `check` warns | fa-AF (Dari) |",
        "| AFG-1005 | written in Pashto script; Mirwais's MRZ names recorded, Madina's "
        "not (transliterated, flagged, warned) | ps (Pashto) |",
        "| AFG-1012 | Arezo written with macrons (\u0100rez\u016b): transliterated to AREZU, "
        "flagged | en |",
        "| AFG-1004, AFG-1021 | Latin | fa-AF |",
        "| AFG-1020, AFG-1025 | Latin | ps |",
        "",
        "Cases AFG-1027 to AFG-%04d are ordinary families (1-7 persons) made by" % (1026 + 34),
        "the PRNG; a few have WCHR/WCHS/MAAS, some have no clinic or no",
        "medical end date.",
        "",
    ]
    return "\n".join(lines)


def main(argv):
    flights = build_flights()
    quotas, arrival_rules, transit_rules, clinics, escorts = build_rules()
    cases, bookings = build_cases()
    mission = {"id": "TIA-2026-12", "origin": "TIA", "as_of": iso(AS_OF), "horizon_days": HORIZON,
               "sender": "IOMTIA", "recipient": "MOVPLANAPI"}
    ds = {"mission": mission, "airports": AIRPORTS, "flights": flights, "quotas": quotas,
          "arrival_rules": arrival_rules, "transit_rules": transit_rules, "clinics": clinics,
          "escorts": escorts, "cases": cases, "bookings": bookings}
    validate(ds)
    if "--check" in argv:
        print("tirana: valid: %d flights, %d cases, %d persons"
              % (len(flights), len(cases), sum(len(c["members"]) for c in cases)))
        return 0
    out_dir = HERE
    if "--out" in argv:
        out_dir = argv[argv.index("--out") + 1]
    files = {
        "network.json": {"movplan": 1, "mission": mission, "airports": AIRPORTS, "flights": flights},
        "rules.json": {"movplan": 1, "quotas": quotas, "arrival_rules": arrival_rules,
                       "transit_rules": transit_rules, "clinics": clinics, "escorts": escorts},
        "cases.json": {"movplan": 1, "cases": cases, "bookings": bookings},
    }
    for name, obj in files.items():
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write(to_json(obj))
    with open(os.path.join(out_dir, "mission.xml"), "w", encoding="utf-8") as f:
        f.write(to_xml(ds))
    with open(os.path.join(out_dir, "README.md"), "w", encoding="utf-8") as f:
        f.write(readme(ds))
    print("tirana: wrote %d flights, %d cases, %d persons, %d bookings"
          % (len(flights), len(cases), sum(len(c["members"]) for c in cases), len(bookings)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
