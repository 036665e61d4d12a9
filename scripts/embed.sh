#!/bin/sh
# embed.sh NAME FILE - write a C source defining `const char NAME[]`
# holding FILE's bytes, so data files ship inside the binary.
set -eu
name=$1
file=$2
echo "/* generated from $file by scripts/embed.sh; do not edit */"
echo "const char $name[] = {"
od -An -v -tx1 "$file" | sed -e 's/ *$//' -e 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g' -e '/^$/d'
echo "0x00};"
echo "const unsigned long ${name}_len = sizeof($name) - 1;"
