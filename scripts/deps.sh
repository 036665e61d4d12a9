#!/bin/sh
# deps.sh - install the Debian packages movplan needs, only those missing.
#
#   scripts/deps.sh build   libraries and tools to build movplan
#   scripts/deps.sh test    + what the test suite's independent readers need
#   scripts/deps.sh bench   + the peer solvers of `make bench`
#
# Works unattended (CI has no terminal): one `apt-get update`, then
# `apt-get install -y` of the missing packages, and says what it installs.
set -eu

want="gcc make pkg-config libglpk-dev libxml2-dev libsqlite3-dev libcjson-dev"
case "${1:-build}" in
build) ;;
test) want="$want libcmocka-dev libxml2-utils glpk-utils python3 sqlite3 gettext fonts-noto-core" ;;
bench) want="$want glpk-utils coinor-cbc python3" ;;
*) echo "usage: $0 build|test|bench" >&2; exit 64 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		# python3 may come from elsewhere (pyenv); a working one is enough
		if [ "$p" = python3 ] && command -v python3 >/dev/null 2>&1; then
			continue
		fi
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "deps: installing missing Debian packages:$missing"
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
		echo "deps: not root and no sudo; install them by hand: apt-get install$missing" >&2
		exit 1
	fi
else
	SUDO=""
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: installed:$missing"
