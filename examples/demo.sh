#!/usr/bin/env bash
# The quick start: a small, realistic registry for the first half of 2016 and its half-year report.
#   1. init, and import the 120 cases the superior commissions forwarded in 2016 (GB18030, as Excel
#      saves it);
#   2. register the first half of 2015 for the comparison, then the items received directly in 2016
#      and the half-year's dated decisions (examples/decisions-2016.txt: duplicates, out of scope,
#      without substance, the five disposals including judicial transfers filed directly,
#      assignments, conclusions, replies, sanctions, outreach);
#   3. print the 2016-H1 report as a table and as the bulletin paragraphs (--format text).
# Run from anywhere: bash examples/demo.sh  (the registry goes to examples/out/, recreated each run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
xinfang() { node "$here/../bin/xinfang.js" "$@"; }
out="${XINFANG_DEMO_OUT:-$here/out}"   # the tests run it into a folder of their own
rm -rf "$out" && mkdir -p "$out"
export XINFANG_DB="$out/demo.db" XINFANG_OPERATOR="演示" XINFANG_LANG="${XINFANG_LANG:-zh}"
# Tables fit the terminal; piped (e.g. into a file), they are drawn 100 columns wide.
[ -t 1 ] || export COLUMNS="${COLUMNS:-100}"

echo "== xinfang init"
xinfang init

echo "== xinfang import examples/forwarded-2016.csv   (120 forwarded cases, GB18030)"
xinfang import "$here/forwarded-2016.csv"

echo "== the first half of 2015 (for the comparison), then the items received directly and the decisions"
echo "   of 2016-H1: one xinfang command a line (examples/decisions-2015.txt, decisions-2016.txt)"
node "$here/run-commands.mjs" < "$here/decisions-2015.txt"
node "$here/run-commands.mjs" < "$here/decisions-2016.txt"

echo "== xinfang report --period 2016-H1"
xinfang report --period 2016-H1

echo "== xinfang report --period 2016-H1 --format text"
xinfang report --period 2016-H1 --format text

echo "== xinfang report --period 2016-H1 -o examples/out/2016-H1.xlsx   (also .html .csv .md .json)"
xinfang report --period 2016-H1 -o "$out/2016-H1.xlsx"
xinfang report --period 2016-H1 -o "$out/2016-H1.html"

echo "== xinfang audit verify"
xinfang audit verify
