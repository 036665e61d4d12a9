#!/usr/bin/env python3
"""report_check.py DIR PNG PLAN DATA... - checks a report folder and its
rendering: the files SPEC 4 names are there (index.html, plan.json, one
CSV per table), no member's or escort's name, birth date or document
number appears in anything but plan.json (SPEC 5), every CSV parses as
UTF-8 without a byte order mark, report.json parses; every chart of
index.html has both axis titles and a legend, every quota of the plan a
mark in persons (and one in cases where it counts cases) naming it, and
the HTML lists only the flights in use (flights.csv every one); and the
PNG chromium drew is a real picture (valid PNG of the asked width, not
blank)."""
import csv
import glob
import html.parser
import io
import json
import os
import re
import struct
import sys
import zlib


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def personal(data):
    values = set()
    for path in data:
        d = json.load(open(path, encoding="utf-8"))
        people = [m for c in d.get("cases", []) for m in c.get("members", [])]
        people += d.get("escorts", [])
        for p in people:
            for k in ("family_name", "given_names", "birth_date"):
                if p.get(k):
                    values.add(p[k])
            if p.get("document", {}).get("number"):
                values.add(p["document"]["number"])
    return values


def check_files(out):
    for name in ("index.html", "plan.json", "report.json", "flights.csv", "quotas.csv",
                 "unassigned.csv", "waiting.csv", "destinations.csv"):
        path = os.path.join(out, name)
        if not os.path.isfile(path):
            fail("no " + name)
        if os.stat(path).st_mode & 0o777 != 0o600:
            fail("%s: mode %o, want 600" % (name, os.stat(path).st_mode & 0o777))
    if os.stat(out).st_mode & 0o777 != 0o700:
        fail("folder mode %o, want 700" % (os.stat(out).st_mode & 0o777))
    json.load(open(os.path.join(out, "report.json"), encoding="utf-8"))
    for path in glob.glob(os.path.join(out, "*.csv")):
        raw = open(path, "rb").read()
        if raw.startswith(b"\xef\xbb\xbf"):
            fail(os.path.basename(path) + ": a byte order mark")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            fail(os.path.basename(path) + ": not one table")


def check_no_personal(out, plan, data):
    # dates that also belong to the plan or the network are not a leak
    public = open(plan, encoding="utf-8").read()
    public += "".join(open(p, encoding="utf-8").read() for p in data if "cases" not in p)
    values = [v for v in personal(data)
              if not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) and v in public)]
    for path in glob.glob(os.path.join(out, "*")):
        if os.path.basename(path) == "plan.json":
            continue
        text = open(path, encoding="utf-8-sig").read()
        for v in values:
            if re.search(r"(?<!\w)" + re.escape(v) + r"(?!\w)", text):
                fail("%s names a person (a value of the dataset's personal fields)"
                     % os.path.basename(path))


class Charts(html.parser.HTMLParser):
    """Every <svg class="chart">: its axis titles, legends, quota marks."""

    def __init__(self):
        super().__init__()
        self.charts, self.cur, self.stack, self.text = [], None, [], ""
        self.tables = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and a.get("class") == "chart":
            self.cur = {"axis": 0, "legend": 0, "marks": [], "title": None}
        if self.cur is None:
            if tag == "caption":
                self.stack.append("caption")
                self.text = ""
            return
        cls = a.get("class", "")
        if tag == "text" and cls == "axis-title":
            self.cur["axis"] += 1
        if tag == "g" and cls == "legend":
            self.cur["legend"] += 1
        self.stack.append(cls if tag == "line" and cls == "quota" else tag)
        self.text = ""

    def handle_data(self, data):
        self.text += data

    def handle_endtag(self, tag):
        if self.cur is None:
            if tag == "caption" and self.stack:
                self.tables.append(self.text.strip())
                self.stack.pop()
            return
        if tag == "svg":
            self.charts.append(self.cur)
            self.cur, self.stack = None, []
            return
        if tag == "title" and "quota" in self.stack:
            self.cur["marks"].append(self.text.strip())
        elif tag == "title" and self.cur["title"] is None:
            self.cur["title"] = self.text.strip()
        if self.stack:
            self.stack.pop()


def check_charts(out, plan):
    p = Charts()
    p.feed(open(os.path.join(out, "index.html"), encoding="utf-8").read())
    if len(p.charts) < 5:
        fail("index.html: %d charts" % len(p.charts))
    marks = set()
    for c in p.charts:
        if c["axis"] < 2:
            fail("chart '%s': %d axis titles, want 2" % (c["title"], c["axis"]))
        if c["legend"] < 1:
            fail("chart '%s': no legend" % c["title"])
        marks.update(c["marks"])
    for q in json.load(open(plan, encoding="utf-8"))["plan"].get("quotas", []):
        want = ["quota %s: %d persons" % (q["id"], q["max_persons"])]
        if q.get("max_cases") is not None and q["max_cases"] >= 0:
            want.append("quota %s: %d cases" % (q["id"], q["max_cases"]))
        for w in want:
            if w not in marks:
                fail("no chart marks '%s'" % w)
    rows = list(csv.DictReader(open(os.path.join(out, "flights.csv"), encoding="utf-8")))
    used = [r["flight"] for r in rows if int(r["used"]) > 0]
    text = open(os.path.join(out, "index.html"), encoding="utf-8").read()
    listed = [f for f in (r["flight"] for r in rows) if "<td>%s</td>" % f in text]
    if sorted(listed) != sorted(used) or len(rows) <= len(used):
        fail("index.html lists %d flights, %d are in use (of %d in flights.csv)"
             % (len(listed), len(used), len(rows)))


def png_pixels(path):
    raw = open(path, "rb").read()
    if raw[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG")
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(raw):
        n, kind = struct.unpack(">I4s", raw[pos:pos + 8])
        chunk = raw[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    return width, height, zlib.decompress(idat)


def check_png(path, want_width):
    width, height, pixels = png_pixels(path)
    if width != want_width or height < 500:
        fail("PNG is %dx%d" % (width, height))
    # filtered scanlines: anything but a blank page has many byte values
    if len(set(pixels[:4_000_000])) < 16:
        fail("the rendering is blank")


def main():
    out, png, plan, data = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    check_files(out)
    check_no_personal(out, plan, data)
    check_charts(out, plan)
    if png != "-":
        check_png(png, 1280)
    print("ok: report folder and rendering")


if __name__ == "__main__":
    main()
