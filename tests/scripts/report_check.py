#!/usr/bin/env python3
"""report_check.py DIR PNG PLAN DATA... - checks a report folder and its
rendering: the files SPEC 4 names are there (index.html, plan.json, one
CSV per table), no member's or escort's name, birth date or document
number appears in anything but plan.json (SPEC 5), every CSV parses,
report.json parses, and the PNG chromium drew is a real picture (valid
PNG of the asked width, not blank)."""
import csv
import glob
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
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
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
    if png != "-":
        check_png(png, 1200)
    print("ok: report folder and rendering")


if __name__ == "__main__":
    main()
