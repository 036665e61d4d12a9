#!/usr/bin/env python3
"""check_plan.py - an independent feasibility checker for movplan plans.

    check_plan.py DATASET.json... --plan PLAN.json
                  [--weights emergency=100,urgent=10,normal=1]
                  [--expect-level1 N] [--all-levels] [--no-tables]

Reads a dataset (movplan JSON files, or XML of SPEC 3; several files make
one dataset) and a plan (the plan JSON of SPEC 3), re-derives every fact
from SPEC 1 and 2 by itself (it shares no code with the C planner) and
checks every rule of SPEC 2 on the plan:

  rule 2      itineraries: 1-3 non-cancelled flights, connected, MCT and
              max connection at the connecting airport, every leg departs
              by as_of + horizon_days, from the case's origin to its
              destination airport (or country)
  rule 2.1    whole cases (one assignment per case)
  rule 2.2    linked cases together or none
  rule 2.3    readiness, visa and document expiry, medical
  rule 2.4    pregnancy
  rule 2.5    seats (lap infants, stretcher seats, one per escort per leg)
  rule 2.6    assistance limits, derived INFT and UMNR included
  rule 2.7    quotas (history counts)
  rule 2.8    arrival rules (weekend, times, blackout, notice)
  rule 2.9    transit visas
  rule 2.10   fit-to-travel check dates and clinic capacity
  rule 2.11   escorts: coverage, availability, turnaround (history counts)
  rule 2.12   confirmed bookings kept, history absent, void bookings
  plan        every case assigned or unassigned exactly once, reasons
              present and valid, tables (flights, quotas, clinics)
              consistent with the recomputed figures (--no-tables skips)
  objective   weighted_persons equals the recomputed level 1 (with
              --all-levels also waiting and cost)

A violation caused by a kept confirmed booking is allowed when the plan
lists that case in `conflicts` under the rule (or a reason code of that
rule); a limit that confirmed bookings (and history) alone exceed is
allowed as long as nothing else was added to it.

Prints one line per violation, "rule 2.5: flight 'X': seats 31 > 30",
and exits 1; else prints "plan ok: N assigned, M unassigned, level1 V"
and exits 0.  Unreadable or invalid input exits 2.
"""
import datetime as dt
import json
import re
import sys
import xml.etree.ElementTree as ET

PRIORITIES = ("emergency", "urgent", "normal")
KINDS = ("resettlement", "relocation", "return")
DEFAULT_WEIGHTS = {"emergency": 100.0, "urgent": 10.0, "normal": 1.0}
GIVEN_SSR = ("WCHR", "WCHS", "WCHC", "STCR", "MEDA", "OXYG", "BLND", "DEAF", "DPNA", "MAAS")
ALL_SSR = GIVEN_SSR + ("INFT", "UMNR")
REASONS = ("NO_ROUTE", "HORIZON", "NOT_READY", "VISA_EXPIRY", "DOCUMENT_EXPIRY",
           "MEDICAL_PENDING", "MEDICAL_EXPIRED", "MEDICAL_DEFERRED", "PREGNANCY",
           "ARRIVAL_RULE", "TRANSIT_VISA", "NO_ESCORT", "LINKED_CASE", "CAPACITY",
           "ASSISTANCE_LIMIT", "QUOTA", "CLINIC", "NOT_SELECTED")
# The rule each reason code belongs to, to match conflicts to violations.
CODE_RULE = {"NO_ROUTE": "2", "HORIZON": "2", "NOT_READY": "2.3", "VISA_EXPIRY": "2.3",
             "DOCUMENT_EXPIRY": "2.3", "MEDICAL_PENDING": "2.3", "MEDICAL_EXPIRED": "2.3",
             "MEDICAL_DEFERRED": "2.3", "PREGNANCY": "2.4", "ARRIVAL_RULE": "2.8",
             "TRANSIT_VISA": "2.9", "NO_ESCORT": "2.11", "LINKED_CASE": "2.2",
             "CAPACITY": "2.5", "ASSISTANCE_LIMIT": "2.6", "QUOTA": "2.7", "CLINIC": "2.10",
             "VOID_BOOKING": "2.12"}
ID_RE = re.compile(r"^[A-Za-z0-9._:/-]{1,64}$")
DT_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})$")
TOD_RE = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")


class InputError(Exception):
    """The dataset or plan cannot be read or breaks SPEC 1."""


# ---------------------------------------------------------------- values

def parse_date(s, where):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise InputError("%s: not a date" % where)
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise InputError("%s: not a calendar date" % where)


class DateTime:
    """An instant with the offset it was written in: local date and time
    are the ones written (SPEC 1)."""

    def __init__(self, text, where):
        m = DT_RE.fullmatch(text if isinstance(text, str) else "")
        if not m:
            raise InputError("%s: not a date-time with a UTC offset" % where)
        y, mo, d, h, mi, s = (int(m.group(i) or 0) for i in range(1, 7))
        try:
            self.local = dt.datetime(y, mo, d, h, mi, s)
        except ValueError:
            raise InputError("%s: not a calendar date-time" % where)
        z = m.group(7)
        self.offset = 0 if z == "Z" else (1 if z[0] == "+" else -1) * (int(z[1:3]) * 60 + int(z[4:6]))
        self.utc = self.local - dt.timedelta(minutes=self.offset)
        self.text = text

    @property
    def date(self):
        return self.local.date()

    @property
    def tod(self):
        return self.local.hour * 3600 + self.local.minute * 60 + self.local.second


def parse_tod(s, where):
    m = TOD_RE.fullmatch(s if isinstance(s, str) else "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59 or int(m.group(3) or 0) > 59:
        raise InputError("%s: not a time of day" % where)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3) or 0)


def age_on(birth, on):
    """Whole years; a Feb 29 birthday turns a year older on Mar 1."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# ---------------------------------------------------------------- XML input

XML_INT = {"horizon_days", "mct_minutes", "max_connection_minutes", "seats", "stretcher_seats",
           "max_persons", "max_cases", "notice_working_days", "capacity_per_day", "covers",
           "turnaround_days", "weeks"}
XML_NUM = {"fare"}
XML_BOOL = {"cancelled", "no_weekend", "multiple", "remove"}
XML_LIST = {"blackout", "exempt_priorities", "nationalities", "exempt_if_visa_for", "closed",
            "ssr", "flights", "escorts", "kinds"}
NS = "{urn:movplan:1}"


def xml_value(key, v, parent):
    if parent == "limits" or key in XML_INT:
        return int(v)
    if key in XML_NUM:
        return float(v) if "." in v else int(v)
    if key in XML_BOOL:
        return v == "true"
    if key in XML_LIST:
        return v.split()
    return v


def xml_obj(el):
    name = el.tag.replace(NS, "")
    obj = {k: xml_value(k, v, name) for k, v in el.attrib.items()}
    for child in el:
        cname = child.tag.replace(NS, "")
        if cname == "member":
            obj.setdefault("members", []).append(xml_obj(child))
        else:
            obj[cname] = xml_obj(child)
    return obj


def read_xml(path):
    root = ET.parse(path).getroot()
    if root.tag != NS + "movplan":
        raise InputError("%s: root is not <movplan> in urn:movplan:1" % path)
    doc = {"movplan": 1}
    for part in root:
        name = part.tag.replace(NS, "")
        doc[name] = xml_obj(part) if name == "mission" else [xml_obj(x) for x in part]
    return doc


# ---------------------------------------------------------------- dataset

PARTS = ("mission", "airports", "flights", "quotas", "arrival_rules", "transit_rules",
         "clinics", "escorts", "cases", "bookings")
KEYS = {"airports": "code", "flights": "id", "quotas": "id", "arrival_rules": "country",
        "transit_rules": "country", "clinics": "id", "escorts": "id", "cases": "id",
        "bookings": "case"}


def read_document(path):
    try:
        if path.endswith(".xml"):
            return read_xml(path)
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError, ET.ParseError) as e:
        raise InputError("%s: %s" % (path, e))


def merge(paths):
    """The parts of several files as one raw dataset; a key twice is an error."""
    return merge_docs([(path, read_document(path)) for path in paths])


def merge_docs(docs):
    """Like merge() for (name, parsed document) pairs."""
    raw = {p: [] for p in PARTS if p != "mission"}
    raw["mission"] = None
    for path, doc in docs:
        if not isinstance(doc, dict) or doc.get("movplan") != 1:
            raise InputError("%s: not a movplan version 1 document" % path)
        for part, val in doc.items():
            if part == "movplan":
                continue
            if part not in PARTS:
                raise InputError("%s: unknown part '%s'" % (path, part))
            if part == "mission":
                if raw["mission"] is not None:
                    raise InputError("%s: mission given twice" % path)
                raw["mission"] = val
            else:
                raw[part].extend(val or [])
    if raw["mission"] is None:
        raise InputError("no mission in the dataset")
    for part, key in KEYS.items():
        seen = set()
        for item in raw[part]:
            k = item.get(key)
            if k in seen:
                raise InputError("%s '%s': duplicate" % (part, k))
            seen.add(k)
    return raw


class Obj:
    """Attribute access over a dict, for readable rule code."""

    def __init__(self, **kw):
        self.__dict__.update(kw)


def need(cond, where, msg):
    if not cond:
        raise InputError("%s: %s" % (where, msg))


def load_flight(f, airports):
    w = "flight '%s'" % f.get("id")
    need(ID_RE.match(str(f.get("id", ""))), w, "bad id")
    need(f.get("from") in airports and f.get("to") in airports, w, "unknown airport")
    need(isinstance(f.get("seats"), int) and f["seats"] >= 0, w, "seats")
    limits = f.get("limits") or {}
    for k, v in limits.items():
        need(k in ALL_SSR and isinstance(v, int) and v >= 0, w, "limits")
    return Obj(id=f["id"], frm=f["from"], to=f["to"], departs=DateTime(f.get("departs"), w + ": departs"),
               arrives=DateTime(f.get("arrives"), w + ": arrives"), seats=f["seats"],
               limits=dict(limits), stretcher_seats=f.get("stretcher_seats", 6),
               fare=float(f.get("fare", 0)), cancelled=bool(f.get("cancelled", False)))


def load_member(m, w):
    mw = "%s: member '%s'" % (w, m.get("id"))
    need(ID_RE.match(str(m.get("id", ""))), mw, "bad id")
    need(m.get("family_name") or m.get("given_names"), mw, "no name")
    need(m.get("sex") in ("F", "M", "X"), mw, "sex")
    ssr = list(m.get("ssr") or [])
    need(all(s in GIVEN_SSR for s in ssr), mw, "ssr")
    need(m.get("escort") in (None, "medical", "operational"), mw, "escort")
    doc = m.get("document")
    preg = m.get("pregnancy")
    return Obj(id=m["id"], birth=parse_date(m.get("birth_date"), mw + ": birth_date"),
               nationality=m.get("nationality"), ssr=set(ssr), escort=m.get("escort"),
               has_doc=bool(doc),
               doc_expires=parse_date(doc["expires"], mw + ": document") if doc and doc.get("expires") else None,
               preg=None if not preg else Obj(weeks=preg["weeks"], on=parse_date(preg["on"], mw + ": pregnancy"),
                                               multiple=bool(preg.get("multiple", False))))


def load_case(c, ds):
    w = "case '%s'" % c.get("id")
    need(ID_RE.match(str(c.get("id", ""))), w, "bad id")
    dest = c.get("destination") or {}
    need(dest.get("country"), w, "destination")
    need(dest.get("airport") is None or dest["airport"] in ds.airports, w, "unknown destination airport")
    need(c.get("priority") in PRIORITIES, w, "priority")
    need(c.get("clinic") is None or c["clinic"] in ds.clinics, w, "unknown clinic")
    med = c.get("medical") or {"status": "cleared"}
    need(med.get("status") in ("cleared", "pending", "deferred"), w, "medical")
    members = [load_member(m, w) for m in c.get("members") or []]
    need(members, w, "no members")
    origin = c.get("origin") or ds.mission.origin
    need(origin in ds.airports, w, "unknown origin")
    kind = c.get("kind", "resettlement")
    need(kind in KINDS, w, "kind")
    return Obj(id=c["id"], dest_country=dest["country"], dest_airport=dest.get("airport"),
               priority=c["priority"], ready=parse_date(c.get("ready"), w + ": ready"),
               visa=parse_date(c["visa_expires"], w + ": visa_expires") if c.get("visa_expires") else None,
               medical=med["status"],
               valid_until=parse_date(med["valid_until"], w) if med.get("valid_until") else None,
               deferred_until=parse_date(med["deferred_until"], w) if med.get("deferred_until") else None,
               clinic=c.get("clinic"), link=c.get("link"), origin=origin, members=members,
               kind=kind)


def load_dataset(paths):
    return build_dataset(merge(paths))


def build_dataset(raw):
    """The dataset of SPEC 1 with defaults applied, from merged parts."""
    m = raw["mission"]
    need(m.get("id") and m.get("origin"), "mission", "id and origin are required")
    ds = Obj()
    ds.mission = Obj(id=m["id"], origin=m["origin"],
                     as_of=parse_date(m["as_of"], "mission: as_of") if m.get("as_of") else None,
                     horizon=m.get("horizon_days", 90))
    ds.airports = {}
    for a in raw["airports"]:
        need(re.fullmatch(r"[A-Z]{3}", str(a.get("code"))), "airport", "bad code")
        need(re.fullmatch(r"[A-Z]{2}", str(a.get("country"))), "airport '%s'" % a["code"], "country")
        ds.airports[a["code"]] = Obj(code=a["code"], country=a["country"],
                                     mct=a.get("mct_minutes", 60),
                                     maxconn=a.get("max_connection_minutes", 1440))
    need(ds.mission.origin in ds.airports, "mission", "unknown origin airport")
    ds.flights = {f["id"]: load_flight(f, ds.airports) for f in raw["flights"]}
    ds.quotas = {}
    for q in raw["quotas"]:
        w = "quota '%s'" % q.get("id")
        need(q.get("airport") is None or q["airport"] in ds.airports, w, "unknown airport")
        ds.quotas[q["id"]] = Obj(id=q["id"], country=q["country"], airport=q.get("airport"),
                                 frm=parse_date(q.get("from"), w + ": from"),
                                 to=parse_date(q.get("to"), w + ": to"),
                                 max_persons=q["max_persons"], max_cases=q.get("max_cases"),
                                 kinds=set(q.get("kinds") or KINDS))
    ds.arrival_rules = {}
    for r in raw["arrival_rules"]:
        w = "arrival rule '%s'" % r.get("country")
        ds.arrival_rules[r["country"]] = Obj(
            no_weekend=bool(r.get("no_weekend", False)),
            earliest=parse_tod(r["earliest_arrival"], w) if r.get("earliest_arrival") else None,
            latest=parse_tod(r["latest_arrival"], w) if r.get("latest_arrival") else None,
            notice=r.get("notice_working_days", 0) or 0,
            blackout={parse_date(x, w) for x in r.get("blackout") or []},
            exempt=set(r.get("exempt_priorities") or []))
    ds.transit_rules = {r["country"]: Obj(nationalities=set(r.get("nationalities") or []),
                                          exempt=set(r.get("exempt_if_visa_for") or []))
                        for r in raw["transit_rules"]}
    ds.clinics = {c["id"]: Obj(id=c["id"], capacity=c["capacity_per_day"],
                               closed={parse_date(x, "clinic '%s'" % c["id"]) for x in c.get("closed") or []})
                  for c in raw["clinics"]}
    ds.escorts = {}
    for e in raw["escorts"]:
        w = "escort '%s'" % e.get("id")
        need(e.get("kind") in ("medical", "operational"), w, "kind")
        ds.escorts[e["id"]] = Obj(id=e["id"], kind=e["kind"],
                                  frm=parse_date(e.get("available_from"), w + ": available_from"),
                                  to=parse_date(e.get("available_to"), w + ": available_to"),
                                  covers=e.get("covers", 3), turnaround=e.get("turnaround_days", 7))
    ds.cases = {}
    for c in raw["cases"]:
        ds.cases[c["id"]] = load_case(c, ds)
    ds.bookings = {}
    for b in raw["bookings"]:
        w = "booking '%s'" % b.get("case")
        need(b.get("case") in ds.cases, w, "unknown case")
        need(b.get("status") in ("confirmed", "proposed", "travelled"), w, "status")
        need(b.get("flights"), w, "no flights")
        for x in b.get("escorts") or []:
            need(x in ds.escorts, w, "unknown escort '%s'" % x)
        ds.bookings[b["case"]] = Obj(case=b["case"], flights=list(b["flights"]), status=b["status"],
                                     ftt=parse_date(b["ftt_date"], w) if b.get("ftt_date") else None,
                                     escorts=list(b.get("escorts") or []))
    return ds


# ---------------------------------------------------------------- derived facts (SPEC 1)

class Facts:
    """The derived facts of a case on a departure date."""

    def __init__(self, case, on):
        adults = [m for m in case.members if age_on(m.birth, on) >= 18]
        laps = sum(1 for m in adults if "STCR" not in m.ssr)
        infants = [m for m in case.members if age_on(m.birth, on) < 2 and "STCR" not in m.ssr]
        # youngest first (latest birth date), ties by member id
        infants.sort(key=lambda m: (-m.birth.toordinal(), m.id))
        self.lap = {m.id for m in infants[:laps]}
        self.persons = len(case.members)
        self.unaccompanied = not adults
        self.stretchers = sum(1 for m in case.members if "STCR" in m.ssr)
        self.plain = sum(1 for m in case.members if m.id not in self.lap and "STCR" not in m.ssr)
        self.ssr = {code: 0 for code in ALL_SSR}
        self.need_escort = self.need_medical = 0
        for m in case.members:
            for s in m.ssr:
                self.ssr[s] += 1
            if m.id in self.lap:
                self.ssr["INFT"] += 1
            if self.unaccompanied:
                self.ssr["UMNR"] += 1
            need_kind = m.escort or ("operational" if self.unaccompanied else None)
            if need_kind:
                self.need_escort += 1
            if need_kind == "medical":
                self.need_medical += 1

    def seats(self, flight):
        return self.plain + self.stretchers * flight.stretcher_seats


def working_day(as_of, n, blackout):
    """The n-th working day after as_of (Mon-Fri, not blackout)."""
    day, k = as_of, 0
    while k < n:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in blackout:
            k += 1
    return day


# ---------------------------------------------------------------- the checker

class Violation:
    def __init__(self, rule, subject, msg, fixed_cases=None, allowed_if_listed=False):
        self.rule, self.subject, self.msg = rule, subject, msg
        self.fixed_cases = fixed_cases or []
        self.allowed_if_listed = allowed_if_listed

    def line(self):
        return "%s: %s: %s" % ("rule " + self.rule if self.rule[0].isdigit() else self.rule,
                               self.subject, self.msg)


class Checker:
    def __init__(self, ds, plan, weights=None, tables=True, all_levels=False):
        self.ds, self.plan = ds, plan
        self.tables, self.all_levels = tables, all_levels
        self.out = []
        self.weights = weights or self.plan_weights()
        self.level1 = 0.0

    # -- helpers

    def plan_weights(self):
        w = dict(DEFAULT_WEIGHTS)
        opts = self.plan.get("options") or {}
        for k, v in (opts.get("weights") or {}).items():
            if k in w:
                w[k] = float(v)
        return w

    def bad(self, rule, subject, msg, fixed_cases=None, allowed_if_listed=False):
        self.out.append(Violation(rule, subject, msg, fixed_cases, allowed_if_listed))

    def case_bad(self, rule, cid, msg):
        """A violation of one case: allowed when it is a kept confirmed
        booking listed in conflicts under the rule."""
        fixed = [cid] if cid in self.kept else []
        self.bad(rule, "case '%s'" % cid, msg, fixed, bool(fixed))

    def limit(self, rule, subject, what, used, fixed_used, fixed_cases, cap):
        """A capacity: planned use must fit; confirmed (and history) use
        alone may exceed it when listed, but then nothing else may be added."""
        if used <= cap:
            return
        if used == fixed_used:
            listed = [c for c in fixed_cases if c in self.kept]
            self.bad(rule, subject, "%s %d > %d" % (what, used, cap), listed, True)
        else:
            extra = "" if fixed_used <= cap else " (confirmed bookings alone use %d)" % fixed_used
            self.bad(rule, subject, "%s %d > %d%s" % (what, used, cap, extra))

    def listed(self, cid, rule):
        for c in self.plan.get("conflicts") or []:
            if c.get("case") != cid:
                continue
            r = str(c.get("rule", ""))
            r = r if r.startswith("2") else "2." + r
            if r == rule or CODE_RULE.get(c.get("code")) == rule or (rule == "2" and r.startswith("2")):
                return True
        return False

    # -- entry point

    def run(self):
        ds = self.ds
        self.as_of = ds.mission.as_of
        plan_as_of = self.plan.get("as_of")
        if self.as_of is None:
            if not plan_as_of:
                raise InputError("no as_of in the mission or the plan")
            self.as_of = parse_date(plan_as_of, "plan: as_of")
        elif plan_as_of and plan_as_of != self.as_of.isoformat():
            self.bad("plan", "as_of", "plan as_of %s differs from the mission's %s"
                     % (plan_as_of, self.as_of.isoformat()))
        self.last_day = self.as_of + dt.timedelta(days=ds.mission.horizon)
        self.classify_bookings()
        self.read_assignments()
        self.check_coverage_of_cases()
        self.read_trips()
        for cid, a in self.assigned.items():
            self.check_case(cid, a)
        self.check_links()
        self.check_flights()
        self.check_quotas()
        self.check_clinics()
        self.check_escorts()
        self.check_bookings()
        self.check_unassigned()
        self.check_objective()
        return self.filter()

    def filter(self):
        lines = []
        for v in self.out:
            if v.allowed_if_listed and all(self.listed(c, v.rule) for c in v.fixed_cases):
                continue
            lines.append(v.line())
        return lines

    # -- bookings and history (SPEC 2.12)

    def classify_bookings(self):
        ds = self.ds
        self.history = {}     # case -> booking (travelled, or confirmed on/before as_of)
        self.confirmed = {}   # case -> live confirmed booking
        self.void = set()
        for cid, b in ds.bookings.items():
            if b.status == "proposed":
                continue
            flights = [ds.flights.get(x) for x in b.flights]
            if b.status == "confirmed" and any(f is None or f.cancelled for f in flights):
                self.void.add(cid)
                continue
            if b.status == "travelled" or (flights[0] and flights[0].departs.date <= self.as_of):
                self.history[cid] = b
            else:
                self.confirmed[cid] = b

    # -- plan reading

    def read_assignments(self):
        ds = self.ds
        self.assigned = {}
        seen = set()
        for a in self.plan.get("assignments") or []:
            cid = a.get("case")
            if cid not in ds.cases:
                self.bad("plan", "case '%s'" % cid, "assigned but not in the dataset")
                continue
            if cid in seen:
                self.bad("2.1", "case '%s'" % cid, "assigned more than once")
                continue
            seen.add(cid)
            if cid in self.history:
                self.bad("2.12", "case '%s'" % cid, "history (travelled or departed) but in the plan")
                continue
            fids = list(a.get("flights") or [])
            if not fids or any(x not in ds.flights for x in fids):
                self.bad("2", "case '%s'" % cid, "itinerary names an unknown flight or none")
                continue
            flights = [ds.flights[x] for x in fids]
            dep = flights[0].departs.date
            self.assigned[cid] = Obj(raw=a, fids=tuple(fids), flights=flights, dep=dep,
                                     arr=flights[-1].arrives,
                                     facts=Facts(ds.cases[cid], dep))
        # kept confirmed bookings: assigned exactly on their flights with status confirmed
        self.kept = {cid for cid, b in self.confirmed.items()
                     if cid in self.assigned and list(self.assigned[cid].fids) == b.flights
                     and self.assigned[cid].raw.get("status") == "confirmed"}

    def check_coverage_of_cases(self):
        ds = self.ds
        un = {}
        for u in self.plan.get("unassigned") or []:
            cid = u.get("case")
            if cid not in ds.cases:
                self.bad("plan", "case '%s'" % cid, "unassigned but not in the dataset")
            elif cid in un:
                self.bad("plan", "case '%s'" % cid, "unassigned more than once")
            else:
                un[cid] = u
        self.unassigned = un
        assigned_ids = {a.get("case") for a in self.plan.get("assignments") or []}
        for cid in ds.cases:
            if cid in self.history:
                if cid in un:
                    self.bad("2.12", "case '%s'" % cid, "history (travelled or departed) but listed unassigned")
                if any(c.get("case") == cid for c in self.plan.get("conflicts") or []):
                    self.bad("2.12", "case '%s'" % cid, "history but listed in conflicts")
                continue
            if cid in assigned_ids and cid in un:
                self.bad("plan", "case '%s'" % cid, "both assigned and unassigned")
            elif cid not in assigned_ids and cid not in un:
                self.bad("plan", "case '%s'" % cid, "neither assigned nor unassigned")

    def read_trips(self):
        """Escort trips from the plan; without an escort_trips table,
        from the assignments' escorts."""
        ds = self.ds
        trips = []
        if "escort_trips" in self.plan:
            for t in self.plan.get("escort_trips") or []:
                eid = t.get("escort")
                fids = tuple(t.get("flights") or [])
                if eid not in ds.escorts:
                    self.bad("2.11", "escort trip '%s'" % eid, "unknown escort")
                    continue
                if not fids or any(x not in ds.flights for x in fids):
                    self.bad("2.11", "escort '%s'" % eid, "trip names an unknown flight or none")
                    continue
                trips.append(Obj(escort=eid, fids=fids, cases=list(t.get("cases") or []),
                                 dep=ds.flights[fids[0]].departs.date, raw=t))
        else:
            seen = {}
            for cid, a in sorted(self.assigned.items()):
                for eid in a.raw.get("escorts") or []:
                    if eid not in ds.escorts:
                        self.bad("2.11", "case '%s'" % cid, "unknown escort '%s'" % eid)
                        continue
                    key = (eid, a.fids)
                    if key not in seen:
                        seen[key] = Obj(escort=eid, fids=a.fids, cases=[], dep=a.dep, raw={})
                        trips.append(seen[key])
                    seen[key].cases.append(cid)
        self.trips = trips
        self.escorts_on = {}      # itinerary (tuple of flight ids) -> set of escorts
        for t in trips:
            self.escorts_on.setdefault(t.fids, set()).add(t.escort)
        # escorts named by kept confirmed bookings: fixed use
        self.fixed_escort = {(eid, tuple(self.confirmed[c].flights))
                             for c in self.kept for eid in self.confirmed[c].escorts}

    # -- per case: itinerary, 2.3, 2.4, 2.8, 2.9, 2.10 dates

    def check_case(self, cid, a):
        case = self.ds.cases[cid]
        self.check_itinerary(cid, case, a)
        self.check_ready(cid, case, a)
        self.check_pregnancy(cid, case, a)
        self.check_arrival(cid, case, a)
        self.check_transit(cid, case, a)
        self.check_check_date(cid, case, a)
        self.check_reported_times(cid, a)
        status = a.raw.get("status")
        if status not in ("confirmed", "proposed"):
            self.bad("plan", "case '%s'" % cid, "assignment status must be confirmed or proposed")
        elif status == "confirmed" and cid not in self.kept:
            self.bad("2.12", "case '%s'" % cid, "status confirmed without a confirmed booking on these flights")

    def check_itinerary(self, cid, case, a):
        ds, fl = self.ds, a.flights
        if len(fl) > 3:
            self.case_bad("2", cid, "itinerary of %d flights (at most 3)" % len(fl))
        for f in fl:
            if f.cancelled:
                self.case_bad("2", cid, "flight '%s' is cancelled" % f.id)
            if f.departs.date > self.last_day:
                self.case_bad("2", cid, "flight '%s' departs after the horizon (%s)"
                              % (f.id, self.last_day.isoformat()))
        if fl[0].frm != case.origin:
            self.case_bad("2", cid, "first flight '%s' departs from %s, not the origin %s"
                          % (fl[0].id, fl[0].frm, case.origin))
        for prev, nxt in zip(fl, fl[1:]):
            if nxt.frm != prev.to:
                self.case_bad("2", cid, "flight '%s' departs from %s, not %s where '%s' arrives"
                              % (nxt.id, nxt.frm, prev.to, prev.id))
                continue
            ap = ds.airports[prev.to]
            gap = (nxt.departs.utc - prev.arrives.utc).total_seconds() / 60
            if gap < ap.mct:
                self.case_bad("2", cid, "connection at %s of %d min < mct %d" % (ap.code, gap, ap.mct))
            if gap > ap.maxconn:
                self.case_bad("2", cid, "connection at %s of %d min > max %d" % (ap.code, gap, ap.maxconn))
        last = fl[-1].to
        if case.dest_airport:
            if last != case.dest_airport:
                self.case_bad("2", cid, "arrives at %s, not %s" % (last, case.dest_airport))
        elif ds.airports[last].country != case.dest_country:
            self.case_bad("2", cid, "arrives in %s, not %s" % (ds.airports[last].country, case.dest_country))

    def check_ready(self, cid, case, a):
        dep, arr = a.dep, a.arr.date
        if dep <= self.as_of:
            self.case_bad("2.3", cid, "departs %s, not after as_of" % dep)
        if dep < case.ready:
            self.case_bad("2.3", cid, "departs %s before ready %s" % (dep, case.ready))
        if case.visa and arr > case.visa:
            self.case_bad("2.3", cid, "arrives %s after visa_expires %s" % (arr, case.visa))
        for m in case.members:
            if m.doc_expires and arr > m.doc_expires:
                self.case_bad("2.3", cid, "member '%s': arrives after the document expires" % m.id)
            if case.kind == "return" and not m.has_doc:
                self.case_bad("2.3", cid, "member '%s': a return without a travel document" % m.id)
        if case.medical == "pending":
            self.case_bad("2.3", cid, "medical pending")
        elif case.medical == "deferred":
            if case.deferred_until is None:
                self.case_bad("2.3", cid, "medical deferred without a date")
            elif case.deferred_until > dep:
                self.case_bad("2.3", cid, "medical deferred until %s, departs %s" % (case.deferred_until, dep))
        elif case.valid_until and case.valid_until < dep:
            self.case_bad("2.3", cid, "medical valid until %s, departs %s" % (case.valid_until, dep))

    def check_pregnancy(self, cid, case, a):
        for m in case.members:
            if not m.preg:
                continue
            weeks = m.preg.weeks + (a.dep - m.preg.on).days // 7
            bar = 32 if m.preg.multiple else 36
            if weeks >= bar:
                self.case_bad("2.4", cid, "member '%s': pregnancy at or past %d weeks on departure"
                              % (m.id, bar))

    def check_arrival(self, cid, case, a):
        ds = self.ds
        country = ds.airports[a.flights[-1].to].country
        rule = ds.arrival_rules.get(country)
        if not rule or case.priority in rule.exempt:
            return
        day, tod = a.arr.date, a.arr.tod
        if rule.no_weekend and day.weekday() >= 5:
            self.case_bad("2.8", cid, "arrives on a weekend (%s)" % day)
        if rule.earliest is not None and tod < rule.earliest:
            self.case_bad("2.8", cid, "arrives at %s, before the earliest arrival" % a.arr.local.strftime("%H:%M"))
        if rule.latest is not None and tod > rule.latest:
            self.case_bad("2.8", cid, "arrives at %s, after the latest arrival" % a.arr.local.strftime("%H:%M"))
        if day in rule.blackout:
            self.case_bad("2.8", cid, "arrives on blackout date %s" % day)
        if rule.notice and cid not in self.kept:
            first = working_day(self.as_of, rule.notice, rule.blackout)
            if day < first:
                self.case_bad("2.8", cid, "arrives %s, before the notice day %s" % (day, first))

    def check_transit(self, cid, case, a):
        ds = self.ds
        for f in a.flights[:-1]:
            country = ds.airports[f.to].country
            rule = ds.transit_rules.get(country)
            if country == case.dest_country or not rule or case.dest_country in rule.exempt:
                continue
            for m in case.members:
                if m.nationality in rule.nationalities:
                    self.case_bad("2.9", cid, "member '%s': needs an airport transit visa in %s"
                                  % (m.id, country))

    def check_check_date(self, cid, case, a):
        raw = a.raw.get("ftt_date")
        if not case.clinic:
            if raw:
                self.bad("2.10", "case '%s'" % cid, "check date given but the case has no clinic")
            return
        if not raw:
            self.case_bad("2.10", cid, "no check date (clinic '%s')" % case.clinic)
            a.ftt = None
            return
        try:
            ftt = parse_date(raw, "ftt_date")
        except InputError:
            self.bad("plan", "case '%s'" % cid, "ftt_date is not a date")
            a.ftt = None
            return
        a.ftt = ftt
        days = (a.dep - ftt).days
        if not 1 <= days <= 3:
            self.case_bad("2.10", cid, "check date %s is %d days before departure (1-3)" % (ftt, days))
        if ftt < self.as_of:
            self.case_bad("2.10", cid, "check date %s before as_of" % ftt)
        if ftt in self.ds.clinics[case.clinic].closed:
            self.case_bad("2.10", cid, "clinic '%s' is closed on %s" % (case.clinic, ftt))

    def check_reported_times(self, cid, a):
        for key, val in (("departs", a.flights[0].departs), ("arrives", a.arr)):
            txt = a.raw.get(key)
            if txt is None:
                continue
            try:
                same = DateTime(txt, key).utc == val.utc
            except InputError:
                same = False
            if not same:
                self.bad("plan", "case '%s'" % cid, "%s does not match its flights" % key)

    # -- 2.2 linked cases

    def check_links(self):
        groups = {}
        for cid, case in self.ds.cases.items():
            if case.link and cid not in self.history:
                groups.setdefault(case.link, []).append(cid)
        for link, cids in sorted(groups.items()):
            its = {c: self.assigned[c].fids for c in cids if c in self.assigned}
            if not its or (len(its) == len(cids) and len(set(its.values())) == 1):
                continue
            fixed = [c for c in cids if c in self.kept]
            fixed_its = {its[c] for c in fixed}
            others_ok = all(its[c] in fixed_its for c in its if c not in fixed)
            msg = "linked cases split: %s" % ", ".join(
                "%s %s" % (c, "on " + "+".join(its[c]) if c in its else "unassigned") for c in sorted(cids))
            self.bad("2.2", "link '%s'" % link, msg, fixed, bool(fixed) and others_ok)

    # -- 2.5 seats and 2.6 limits

    def flight_use(self):
        """Per flight: seats and SSR counts, all and fixed (kept confirmed)."""
        use = {}
        for cid, a in self.assigned.items():
            fixed = cid in self.kept
            for f in a.flights:
                u = use.setdefault(f.id, Obj(seats=0, fseats=0, ssr={}, fssr={}, cases=[], escorts=set()))
                s = a.facts.seats(f)
                u.seats += s
                u.cases.append(cid)
                if fixed:
                    u.fseats += s
                for code, n in a.facts.ssr.items():
                    u.ssr[code] = u.ssr.get(code, 0) + n
                    if fixed:
                        u.fssr[code] = u.fssr.get(code, 0) + n
        for t in self.trips:
            for fid in t.fids:
                u = use.setdefault(fid, Obj(seats=0, fseats=0, ssr={}, fssr={}, cases=[], escorts=set()))
                u.escorts.add((t.escort, t.fids))
        for fid, u in use.items():
            names = {e for e, _ in u.escorts}
            fixed_names = {e for e, fids in u.escorts if (e, fids) in self.fixed_escort}
            u.seats += len(names)
            u.fseats += len(fixed_names)
        return use

    def check_flights(self):
        ds = self.ds
        use = self.flight_use()
        self.use = use
        for fid in sorted(use):
            f, u = ds.flights[fid], use[fid]
            fixed_cases = [c for c in u.cases if c in self.kept]
            self.limit("2.5", "flight '%s'" % fid, "seats", u.seats, u.fseats, fixed_cases, f.seats)
            for code, cap in sorted(f.limits.items()):
                n = u.ssr.get(code, 0)
                holders = [c for c in fixed_cases if self.assigned[c].facts.ssr.get(code)]
                self.limit("2.6", "flight '%s'" % fid, code, n, u.fssr.get(code, 0), holders, cap)
        if not self.tables:
            return
        for row in self.plan.get("flights") or []:
            fid = row.get("id")
            if fid not in ds.flights:
                self.bad("plan", "flight '%s'" % fid, "in the flights table but not in the dataset")
                continue
            u = use.get(fid, Obj(seats=0, ssr={}))
            if row.get("used") is not None and row["used"] != u.seats:
                self.bad("plan", "flight '%s'" % fid, "table says used %s, recomputed %d" % (row["used"], u.seats))
            if row.get("seats") is not None and row["seats"] != ds.flights[fid].seats:
                self.bad("plan", "flight '%s'" % fid, "table says seats %s, dataset %d"
                         % (row["seats"], ds.flights[fid].seats))
            for code, n in (row.get("ssr") or {}).items():
                if n != u.ssr.get(code, 0):
                    self.bad("plan", "flight '%s'" % fid, "table says %s %s, recomputed %d"
                             % (code, n, u.ssr.get(code, 0)))

    # -- 2.7 quotas

    def arrivals(self):
        """(case, airport, local arrival date, persons, fixed) for every
        planned case and every history booking."""
        ds = self.ds
        rows = []
        for cid, a in self.assigned.items():
            rows.append((cid, a.flights[-1].to, a.arr.date, len(ds.cases[cid].members), cid in self.kept))
        for cid, b in self.history.items():
            last = ds.flights.get(b.flights[-1])
            if last:
                rows.append((cid, last.to, last.arrives.date, len(ds.cases[cid].members), True))
        return rows

    def counts(self, q, cid):
        """SPEC 1: a quota counts the cases of the kinds it lists (all by default)."""
        return self.ds.cases[cid].kind in q.kinds

    def check_quotas(self):
        ds = self.ds
        rows = self.arrivals()
        self.quota_use = {}
        for qid, q in sorted(ds.quotas.items()):
            hit = [r for r in rows if ds.airports[r[1]].country == q.country
                   and (q.airport is None or r[1] == q.airport) and q.frm <= r[2] <= q.to
                   and self.counts(q, r[0])]
            persons = sum(r[3] for r in hit)
            fixed = [r for r in hit if r[4]]
            fixed_cases = [r[0] for r in fixed]
            self.quota_use[qid] = (persons, len(hit))
            self.limit("2.7", "quota '%s'" % qid, "persons", persons, sum(r[3] for r in fixed),
                       fixed_cases, q.max_persons)
            if q.max_cases is not None:
                self.limit("2.7", "quota '%s'" % qid, "cases", len(hit), len(fixed), fixed_cases, q.max_cases)
        if not self.tables:
            return
        for row in self.plan.get("quotas") or []:
            qid = row.get("id")
            if qid not in ds.quotas:
                self.bad("plan", "quota '%s'" % qid, "in the quotas table but not in the dataset")
                continue
            persons, cases = self.quota_use[qid]
            if row.get("persons") is not None and row["persons"] != persons:
                self.bad("plan", "quota '%s'" % qid, "table says persons %s, recomputed %d" % (row["persons"], persons))
            if row.get("cases") is not None and ds.quotas[qid].max_cases is not None and row["cases"] != cases:
                self.bad("plan", "quota '%s'" % qid, "table says cases %s, recomputed %d" % (row["cases"], cases))

    # -- 2.10 clinic capacity

    def check_clinics(self):
        ds = self.ds
        days = {}
        for cid, a in self.assigned.items():
            case = ds.cases[cid]
            if case.clinic and getattr(a, "ftt", None):
                u = days.setdefault((case.clinic, a.ftt), [0, 0, []])
                u[0] += len(case.members)
                if cid in self.kept:
                    u[1] += len(case.members)
                    u[2].append(cid)
        for (clinic, day), (n, fixed, fixed_cases) in sorted(days.items()):
            self.limit("2.10", "clinic '%s' on %s" % (clinic, day), "persons", n, fixed, fixed_cases,
                       ds.clinics[clinic].capacity)
        if not self.tables:
            return
        for row in self.plan.get("clinics") or []:
            key = (row.get("clinic"), row.get("date"))
            try:
                day = parse_date(key[1], "plan: clinics")
            except InputError:
                self.bad("plan", "clinic '%s'" % key[0], "bad date in the clinics table")
                continue
            got = days.get((key[0], day), [0])[0]
            if row.get("persons") is not None and row["persons"] != got:
                self.bad("plan", "clinic '%s' on %s" % key, "table says persons %s, recomputed %d"
                         % (row["persons"], got))

    # -- 2.11 escorts

    def check_escorts(self):
        ds = self.ds
        for t in self.trips:
            e = ds.escorts[t.escort]
            fixed = [c for c in self.kept if t.escort in self.confirmed[c].escorts
                     and tuple(self.confirmed[c].flights) == t.fids]
            if not e.frm <= t.dep <= e.to:
                self.bad("2.11", "escort '%s'" % t.escort, "trip departs %s outside availability %s..%s"
                         % (t.dep, e.frm, e.to), fixed, bool(fixed))
            for cid in t.cases:
                if cid not in self.assigned or self.assigned[cid].fids != t.fids:
                    self.bad("plan", "escort '%s'" % t.escort, "trip lists case '%s' that is not on its flights" % cid)
        self.check_turnaround()
        self.check_cover()

    def check_turnaround(self):
        ds = self.ds
        by_escort = {}
        for t in self.trips:
            fixed = (t.escort, t.fids) in self.fixed_escort
            by_escort.setdefault(t.escort, []).append((t.dep, fixed, "+".join(t.fids)))
        for cid, b in self.history.items():
            f0 = ds.flights.get(b.flights[0])
            for eid in b.escorts:
                if f0:
                    by_escort.setdefault(eid, []).append((f0.departs.date, True, "history " + cid))
        for eid, trips in sorted(by_escort.items()):
            trips.sort()
            gap = ds.escorts[eid].turnaround
            for i, (d1, f1, n1) in enumerate(trips):
                for d2, f2, n2 in trips[i + 1:]:
                    if (d2 - d1).days >= gap:
                        break
                    fixed = [c for c in self.kept if eid in self.confirmed[c].escorts] if f1 and f2 else []
                    self.bad("2.11", "escort '%s'" % eid, "trips %s (%s) and %s (%s) %d days apart < turnaround %d"
                             % (n1, d1, n2, d2, (d2 - d1).days, gap), fixed, bool(fixed))

    def check_cover(self):
        ds = self.ds
        groups = {}
        for cid, a in self.assigned.items():
            groups.setdefault(a.fids, []).append(cid)
        for fids, cids in sorted(groups.items()):
            escorts = self.escorts_on.get(fids, set())
            cover = sum(ds.escorts[e].covers for e in escorts)
            med_cover = sum(ds.escorts[e].covers for e in escorts if ds.escorts[e].kind == "medical")
            need = sum(self.assigned[c].facts.need_escort for c in cids)
            med = sum(self.assigned[c].facts.need_medical for c in cids)
            fixed = [c for c in cids if c in self.kept]
            fneed = sum(self.assigned[c].facts.need_escort for c in fixed)
            fmed = sum(self.assigned[c].facts.need_medical for c in fixed)
            subj = "itinerary %s" % "+".join(fids)
            self.limit("2.11", subj, "escorted persons", need, fneed, fixed, cover)
            self.limit("2.11", subj, "persons needing a medical escort", med, fmed, fixed, med_cover)
            for cid in cids:
                listed = set(self.assigned[cid].raw.get("escorts") or [])
                if listed != escorts:
                    self.bad("plan", "case '%s'" % cid, "escorts %s differ from the escort trips on its itinerary %s"
                             % (sorted(listed), sorted(escorts)))

    # -- 2.12 bookings

    def check_bookings(self):
        for cid, b in sorted(self.confirmed.items()):
            a = self.assigned.get(cid)
            if cid not in self.kept:
                self.bad("2.12", "case '%s'" % cid, "confirmed booking %s not kept" % "+".join(b.flights))
                continue
            if b.ftt and a.raw.get("ftt_date") != b.ftt.isoformat():
                self.bad("2.12", "case '%s'" % cid, "confirmed check date %s not kept" % b.ftt)
            missing = set(b.escorts) - self.escorts_on.get(a.fids, set())
            if missing:
                self.bad("2.12", "case '%s'" % cid, "confirmed escorts %s not on its itinerary" % sorted(missing))
        for cid in sorted(self.void):
            if not any(c.get("case") == cid and c.get("code") == "VOID_BOOKING"
                       for c in self.plan.get("conflicts") or []):
                self.bad("2.12", "case '%s'" % cid, "void confirmed booking not listed as VOID_BOOKING")

    # -- reasons and objective

    def check_unassigned(self):
        for cid, u in sorted(self.unassigned.items()):
            reasons = u.get("reasons") or []
            if not reasons:
                self.bad("plan", "case '%s'" % cid, "unassigned without a reason")
            for r in reasons:
                if r.get("code") not in REASONS:
                    self.bad("plan", "case '%s'" % cid, "unknown reason code '%s'" % r.get("code"))
        for c in self.plan.get("conflicts") or []:
            if c.get("code") not in REASONS + ("VOID_BOOKING",):
                self.bad("plan", "case '%s'" % c.get("case"), "unknown conflict code '%s'" % c.get("code"))

    def check_objective(self):
        ds = self.ds
        self.level1 = sum(len(ds.cases[c].members) * self.weights[ds.cases[c].priority] for c in self.assigned)
        obj = self.plan.get("objective") or {}
        got = obj.get("weighted_persons")
        if got is None or abs(float(got) - self.level1) > 1e-6 * max(1.0, abs(self.level1)):
            self.bad("objective", "weighted_persons", "plan says %s, recomputed %s" % (got, fmt(self.level1)))
        if not self.all_levels:
            return
        end = self.last_day + dt.timedelta(days=1)
        waiting = 0
        for cid, case in ds.cases.items():
            if cid in self.history:
                continue
            to = self.assigned[cid].dep if cid in self.assigned else end
            waiting += len(case.members) * (to - case.ready).days ** 2
        cost = sum(ds.flights[fid].fare * u.seats for fid, u in self.use.items())
        for key, val in (("waiting", waiting), ("cost", cost)):
            got = obj.get(key)
            if got is None or abs(float(got) - val) > 1e-6 * max(1.0, abs(val)):
                self.bad("objective", key, "plan says %s, recomputed %s" % (got, fmt(val)))


def fmt(x):
    return str(int(x)) if float(x).is_integer() else "%g" % x


def parse_weights(text):
    w = dict(DEFAULT_WEIGHTS)
    for part in text.split(","):
        k, _, v = part.partition("=")
        if k not in w:
            raise InputError("--weights: unknown priority '%s'" % k)
        w[k] = float(v)
    return w


def load_plan(path):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise InputError("%s: %s" % (path, e))
    plan = doc.get("plan", doc) if isinstance(doc, dict) else None
    if not isinstance(plan, dict):
        raise InputError("%s: not a plan" % path)
    return plan


def check(dataset_paths, plan_path, weights=None, tables=True, all_levels=False):
    """Returns (violation lines, checker) for a dataset and a plan."""
    ds = load_dataset(dataset_paths)
    plan = load_plan(plan_path)
    c = Checker(ds, plan, weights, tables, all_levels)
    return c.run(), c


def check_from(dataset_doc, plan_doc, weights=None, tables=True, all_levels=False):
    """check() on documents already in memory (a dataset object with
    "movplan": 1, a plan with or without its "plan" wrapper)."""
    ds = build_dataset(merge_docs([("dataset", dataset_doc)]))
    plan = plan_doc.get("plan", plan_doc)
    c = Checker(ds, plan, weights, tables, all_levels)
    return c.run(), c


USAGE = ("usage: check_plan.py DATASET.json... --plan PLAN.json [--weights e=100,u=10,n=1] "
         "[--expect-level1 N] [--all-levels] [--no-tables]")


def main(argv):
    paths, plan, weights, expect = [], None, None, None
    tables, all_levels = True, False
    i = 0
    try:
        while i < len(argv):
            a = argv[i]
            if a == "--plan":
                plan = argv[i + 1]
                i += 1
            elif a == "--weights":
                weights = parse_weights(argv[i + 1])
                i += 1
            elif a == "--expect-level1":
                expect = float(argv[i + 1])
                i += 1
            elif a == "--no-tables":
                tables = False
            elif a == "--all-levels":
                all_levels = True
            elif a in ("-h", "--help"):
                print(USAGE)
                return 0
            elif a.startswith("-"):
                raise InputError("unknown option '%s'" % a)
            else:
                paths.append(a)
            i += 1
        if not paths or not plan:
            raise InputError("need dataset files and --plan")
        lines, c = check(paths, plan, weights, tables, all_levels)
    except (InputError, IndexError, ValueError) as e:
        print("check_plan: %s" % e, file=sys.stderr)
        print(USAGE, file=sys.stderr)
        return 2
    if expect is not None and abs(expect - c.level1) > 1e-6 * max(1.0, abs(expect)):
        lines.append("objective: level1: expected %s, recomputed %s" % (fmt(expect), fmt(c.level1)))
    for line in lines:
        print(line)
    if lines:
        return 1
    print("plan ok: %d assigned, %d unassigned, level1 %s" % (len(c.assigned), len(c.unassigned), fmt(c.level1)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
