#!/bin/sh
# The report's HTML page printed by Chromium: A4, the title, the unit, the
# totals and every camera in the PDF's text, and no table row cut across
# two pages, with 40 cameras whose long names take several lines in each
# table.  Skipped when Chromium is not installed.
. "$(dirname "$0")/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser) || skip "chromium is not installed"
command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null || fail "pdfinfo and pdftotext are missing: install poppler-utils"
command -v python3 >/dev/null || skip "python3 is not installed"
loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR
LC_ALL=$loc; LANG=$loc; LANGUAGE=; TZ=Asia/Ho_Chi_Minh
export LC_ALL LANG LANGUAGE TZ

# The fixture's six cameras become 40, each named "CAMnnA ... CAMnnZ": a
# row cut across pages leaves a page with a CAMnnZ and no CAMnnA.
python3 - "$top_srcdir/tests/data/report-2026-11.json" "$TMP/report-40.json" <<'PY' || fail "python3"
import json, sys
r = json.load(open(sys.argv[1]))
base = r["cameras"]
cams = []
for i in range(40):
    c = dict(base[i % len(base)])
    c["name"] = "CAM%02dA camera ở ngã ba thôn Đồng Tâm gần cầu Khe Dứa phía bắc CAM%02dZ" % (i + 1, i + 1)
    cams.append(c)
r["cameras"] = cams
r["totals"]["cameras"] = 40
json.dump(r, open(sys.argv[2], "w"), ensure_ascii=False)
PY
"$top_builddir/tests/cli/report_render" html "$TMP/report-40.json" > "$TMP/report.html" || fail "report_render html"
expect_not_contains "$TMP/report.html" "<link"
# The uptime bars start at 70 %, under the lowest camera (76.3 %), as the
# station's do: that camera's bar is (76.3 - 70) / 30 of a full one, not
# three quarters of it.
expect_contains "$TMP/report.html" "thanh tính từ 70,0 % đến 100 %"
python3 - "$TMP/report.html" <<'PY' || fail "the uptime bars are not drawn from 70 %"
import re, sys
chart = open(sys.argv[1], encoding="utf-8").read().split("<figure>")[1]
w = [float(x) for x in re.findall(r'<rect [^>]*width="([0-9.]+)"', chart)]
assert abs(min(w) / max(w) - (0.763 - 0.7) / 0.3) < 0.01, w
PY
expect_not_contains "$TMP/report.html" "src=\"http"

cd "$TMP" || fail "no $TMP"
timeout 60 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --user-data-dir="$TMP/chromium" --print-to-pdf="$TMP/report.pdf" "file://$TMP/report.html" \
  >"$TMP/chromium.log" 2>&1
[ -s "$TMP/report.pdf" ] || { cat "$TMP/chromium.log" >&2; fail "chromium printed no PDF"; }

pdfinfo "$TMP/report.pdf" > "$TMP/info" || fail "pdfinfo"
grep -qE '^Page size: +59[45](\.[0-9]+)? x 84[12](\.[0-9]+)? pts' "$TMP/info" \
  || { cat "$TMP/info" >&2; fail "the PDF is not A4 (595 x 842 pts)"; }
pages=$(sed -n 's/^Pages: *//p' "$TMP/info")
[ "$pages" -ge 3 ] || fail "40 cameras on $pages pages: the tables do not span pages, nothing is tested"

pdftotext "$TMP/report.pdf" "$TMP/all.txt" || fail "pdftotext"
expect_contains "$TMP/all.txt" "BÁO CÁO"
expect_contains "$TMP/all.txt" "CÔNG AN XÃ HOẰNG KIM"
expect_contains "$TMP/all.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
expect_contains "$TMP/all.txt" "Toàn hệ thống"
expect_contains "$TMP/all.txt" "94,0 %"
expect_contains "$TMP/all.txt" "Mã kiểm tra nhật ký: 18342/3a7bd3e2360a"

# Each page on its own: every camera's name whole wherever a row holds it
# (the charts, which never break, show the names cut after CAMnnA).
p=1
while [ "$p" -le "$pages" ]; do
  pdftotext -layout -f "$p" -l "$p" "$TMP/report.pdf" "$TMP/page-$p.txt" || fail "pdftotext page $p"
  p=$((p + 1))
done
python3 - "$TMP" "$pages" <<'PY' || fail "a table row is cut across two pages (see above)"
import re, sys
tmp, pages = sys.argv[1], int(sys.argv[2])
bad = False
total = {}
for p in range(1, pages + 1):
    text = open("%s/page-%d.txt" % (tmp, p), encoding="utf-8").read()
    for n in range(1, 41):
        a = len(re.findall(r"CAM%02dA" % n, text))
        z = len(re.findall(r"CAM%02dZ" % n, text))
        total[n] = total.get(n, 0) + a
        if z > a:
            print("page %d: camera %d's name ends here but began on the page before" % (p, n))
            bad = True
for n in range(1, 41):
    if total[n] == 0:
        print("camera %d is missing from the PDF" % n)
        bad = True
sys.exit(1 if bad else 0)
PY
exit 0
