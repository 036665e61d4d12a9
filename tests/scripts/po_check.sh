#!/bin/sh
# po_check.sh - the itinerary message catalogs (po/*.po) read by GNU
# gettext's own tools: `msgfmt --check` accepts each, every message is
# translated (no untranslated or fuzzy one), and the messages the code
# marks N_("...") - extracted by xgettext, not by movplan - are exactly
# those of po/movplan.pot and each catalog.
set -u
skip() { echo "skip: $*"; exit 77; }
die() { echo "FAIL: $*"; exit 1; }
for t in msgfmt xgettext msgcmp; do
	command -v $t >/dev/null 2>&1 || skip "$t is not installed (gettext)"
done
W=$(mktemp -d "${TMPDIR:-/tmp}/movplan-po.XXXXXX") || die "mktemp"
trap 'rm -rf "$W"' EXIT

xgettext --from-code=UTF-8 --language=C -k -kN_ --no-wrap --no-location --sort-output \
	-o "$W/code.pot" reports/*.c || die "xgettext failed"
ids() { msgcat --no-wrap --sort-output "$1" | grep '^msgid ' | sort; }
ids "$W/code.pot" > "$W/code.ids"
ids po/movplan.pot > "$W/pot.ids"
cmp -s "$W/code.ids" "$W/pot.ids" ||
	{ diff "$W/pot.ids" "$W/code.ids" | head; die "po/movplan.pot is not the code's messages (regenerate it)"; }
n=$(grep -c . "$W/code.ids")
for lang in en fa_AF ps; do
	po=po/$lang.po
	[ -f "$po" ] || die "no catalog $po"
	msgfmt --check --statistics -o /dev/null "$po" 2> "$W/stat" || { cat "$W/stat"; die "$po: msgfmt --check"; }
	grep -q "untranslated\|fuzzy" "$W/stat" && { cat "$W/stat"; die "$po: not every message translated"; }
	msgcmp "$po" "$W/code.pot" 2> "$W/cmp" || { head "$W/cmp"; die "$po: lacks messages of the code"; }
	ids "$po" > "$W/po.ids"
	cmp -s "$W/po.ids" "$W/code.ids" || die "$po: messages the code no longer has"
	echo "ok: $po: $(cat "$W/stat")"
done
echo "ok: 3 catalogs, $((n - 1)) messages each"
