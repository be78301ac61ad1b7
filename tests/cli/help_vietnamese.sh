#!/bin/sh
# Under a Vietnamese UTF-8 locale the programs speak Vietnamese.
. "$(dirname "$0")/lib.sh"

loc=$(vi_locale) || exit $?
CANHGAC_LOCALEDIR="$TMP/locale"; export CANHGAC_LOCALEDIR
LC_ALL=$loc; LANG=$loc; LANGUAGE=; export LC_ALL LANG LANGUAGE

run_status 0 "$CANHGAC" --help
expect_contains "$TMP/out" "Cách dùng: canhgac"
expect_contains "$TMP/out" "Lệnh:"
expect_contains "$TMP/out" "kiểm tra cấu hình"
expect_not_contains "$TMP/out" "Usage:"
expect_not_contains "$TMP/out" "display this help"

run_status 0 "$CANHGACD" --help
expect_contains "$TMP/out" "Cách dùng: canhgacd"
expect_contains "$TMP/out" "Ghi hình mọi camera"
expect_not_contains "$TMP/out" "Usage:"

run_status 0 "$CAMSIM" --help
expect_contains "$TMP/out" "Cách dùng: canhgac-camsim"
expect_not_contains "$TMP/out" "Usage:"

run_status 0 "$CANHGAC" --version
expect_contains "$TMP/out" "Giấy phép GPLv3+"

run_status 2 "$CANHGAC" frobnicate
expect_contains "$TMP/err" "không có lệnh 'frobnicate'"

# Errors from the configuration are Vietnamese too.
printf '[capture]\nsegment_seconds = soon\n' > "$TMP/bad.conf"
run_status 1 "$CANHGAC" --config "$TMP/bad.conf" config
expect_contains "$TMP/err" "[capture] segment_seconds = “soon”"
expect_contains "$TMP/err" "không hợp lệ"
exit 0
