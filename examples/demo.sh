#!/usr/bin/env bash
# A small tour on a fresh example registry: init, register a few items, list and show them.
# Run from anywhere: bash examples/demo.sh   (the registry goes to examples/out/, recreated each run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
xinfang() { node "$here/../bin/xinfang.js" "$@"; }
out="$here/out"
rm -rf "$out" && mkdir -p "$out"
export XINFANG_DB="$out/demo.db" XINFANG_OPERATOR="演示" XINFANG_LANG="${XINFANG_LANG:-zh}"

echo "== xinfang init"
xinfang init

echo "== xinfang register (three items; each prints its new code)"
xinfang register --received 2016-06-02 --source 上级转办 --forwarded-by 甘肃省纪委监委 --ref '甘纪转〔2016〕912号' \
  --channel 来信 --category 违反群众纪律 --summary '反映某镇干部在低保评定中优亲厚友' \
  --reporter-name 王小明 --reporter-phone 13812345678 --accused-name 张三 --accused-unit 某镇人民政府 --accused-rank 乡科级
xinfang register --received 2016/6/15 --source 公检法移交 --channel 其他 --category 涉嫌职务犯罪 \
  --summary '公安机关移交：某局长涉嫌受贿' --accused-name 李四 --accused-unit 某县交通运输局 --accused-rank 县处级
code=$(xinfang register --received '2016年6月21日' --source 本级受理 --channel 来访 --summary '再次反映低保评定不公' \
  --reporter-name 王小明 --reporter-phone '138 1234 5678' --accused-name 张三 --accused-unit 某镇人民政府)

if [ -f "$here/forwarded-2016.csv" ] && xinfang import --help >/dev/null 2>&1; then
  echo "== xinfang import examples/forwarded-2016.csv (GB18030, as Excel saves it)"
  xinfang import "$here/forwarded-2016.csv"
fi

echo "== xinfang list --period 2016-06"
xinfang list --period 2016-06

echo "== xinfang show $code"
xinfang show "$code"

echo "== xinfang audit verify"
xinfang audit verify
