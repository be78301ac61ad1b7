#!/bin/sh
# The periodic report laid out from a fixed report.get reply: the text
# and the CSV equal tests/data/report-2026-11.txt and .csv byte for byte,
# under vi_VN in Asia/Ho_Chi_Minh; the text fits 80 columns; a period
# without data says so and prints no figure as a fact.
#
# The figures, checked by hand against tests/data/report-2026-11.json:
# - Cầu Khe Dứa: 7 200 s out of 2 584 800 s observed: 1 - 0,00279 =
#   99,72 %, printed "99,7 %"; Ngã ba Đồng Tâm: 612 000 s out of
#   2 584 800 s: 76,32 %, "76,3 %", below 90 %: repair_camera.
# - The whole system: 847 656 s without pictures out of 14 220 000 s
#   observed (5 cameras x 2 584 800 s + 1 296 000 s for the one removed
#   half way): 94,04 %, "94,0 %"; 847 656 s = 9 d 19 h 27 min, printed
#   "9 ngày 19 giờ"; outages 2 + 3 + 0 + 14 + 6 + 1 = 26.
# - Motion 150 + 412 + 40 + 95 + 60 + 230 = 987; the month before 1.104
#   (grouped with a dot): "giảm 117"; uptime 94,04 - 95,12 = -1,08 points:
#   "giảm 1,1 điểm %".
# - Exports 1 288 490 189 bytes = 1,2 GiB.
# - The date line: generated 2026-11-30T10:15Z is 17:15 on 30/11/2026 at
#   UTC+7: "Hoằng Kim, ngày 30 tháng 11 năm 2026".
# - Maintenance: a repair of 350 000 đ and a replacement of 1 200 000 đ:
#   1 550 000 đ, "1.550.000 đ"; the month before 2 100 000 đ: "giảm
#   550.000 đ"; the fault on Nhà văn hóa thôn 3 has no repair after it:
#   one fault not repaired, and follow_fault among the recommendations.
# - CSV, plain numbers: Chợ Hoàng Kim 46 656 s = 12.96 hours; observed
#   2 584 800 s = 718.00 hours; uptime 98.19 (%).
. "$(dirname "$0")/lib.sh"

loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR
LC_ALL=$loc; LANG=$loc; LANGUAGE=; TZ=Asia/Ho_Chi_Minh
export LC_ALL LANG LANGUAGE TZ
RENDER="$top_builddir/tests/cli/report_render"
DATA="$top_srcdir/tests/data"

"$RENDER" text "$DATA/report-2026-11.json" > "$TMP/report.txt" || fail "report_render text"
diff -u "$DATA/report-2026-11.txt" "$TMP/report.txt" || fail "the text differs from tests/data/report-2026-11.txt"
"$RENDER" csv "$DATA/report-2026-11.json" > "$TMP/report.csv" || fail "report_render csv"
cmp -s "$DATA/report-2026-11.csv" "$TMP/report.csv" \
  || { diff -u "$DATA/report-2026-11.csv" "$TMP/report.csv"; fail "the CSV differs from tests/data/report-2026-11.csv"; }

# What an officer checks at a glance, in case both were regenerated wrong.
expect_contains "$TMP/report.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
expect_contains "$TMP/report.txt" "Hoằng Kim, ngày 30 tháng 11 năm 2026"
expect_contains "$TMP/report.txt" "Kết quả quản lý, khai thác hệ thống camera an ninh tháng 11 năm 2026"
expect_contains "$TMP/report.txt" "Toàn hệ thống       94,0 %"
expect_contains "$TMP/report.txt" "1.104"
expect_contains "$TMP/report.txt" "giảm 1,1 điểm %"
expect_contains "$TMP/report.txt" "Gọi Hộ ông Lê Văn Hùng (0912 345 678)"
expect_contains "$TMP/report.txt" "- Lưu: VT."
expect_contains "$TMP/report.txt" "tổng"
expect_contains "$TMP/report.txt" "chi phí: 1.550.000 đ."
expect_contains "$TMP/report.txt" "giảm 550.000 đ"
expect_contains "$TMP/report.txt" "Còn 1 camera báo hỏng chưa được sửa"
expect_contains "$TMP/report.txt" "Mã kiểm tra nhật ký: 18342/3a7bd3e2360a"
width=$(wc -L < "$TMP/report.txt")
[ "$width" -le 80 ] || fail "the text is $width columns wide, more than 80"
head -c 3 "$TMP/report.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "the CSV has no UTF-8 BOM"
expect_contains "$TMP/report.csv" '"cameras","Chợ Hoàng Kim","Cổng chợ","ngân sách xã","","","","","Công an xã (Viettel)","Viettel 100 Mbit/s","2025-03-15","không",718.00,98.19,3,12.96,'

# No data: said plainly, and no zeros printed as facts.
"$RENDER" text "$DATA/report-nodata.json" > "$TMP/nodata.txt" || fail "report_render text (no data)"
diff -u "$DATA/report-nodata.txt" "$TMP/nodata.txt" || fail "the text differs from tests/data/report-nodata.txt"
expect_contains "$TMP/nodata.txt" "Không có số liệu ghi hình cho tháng 1 năm 2024"
expect_contains "$TMP/nodata.txt" "15/03/2025."
expect_not_contains "$TMP/nodata.txt" "Toàn hệ thống"
expect_not_contains "$TMP/nodata.txt" "0 camera"
"$RENDER" csv "$DATA/report-nodata.json" > "$TMP/nodata.csv" || fail "report_render csv (no data)"
expect_contains "$TMP/nodata.csv" "Không có số liệu ghi hình cho tháng 1 năm 2024"
expect_not_contains "$TMP/nodata.csv" '"cameras"'
"$RENDER" html "$DATA/report-nodata.json" > "$TMP/nodata.html" || fail "report_render html (no data)"
expect_contains "$TMP/nodata.html" "Không có số liệu ghi hình cho tháng 1 năm 2024"
expect_not_contains "$TMP/nodata.html" "<table class=\"data\">"
exit 0
