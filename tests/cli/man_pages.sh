#!/bin/sh
# The manual pages, English and Vietnamese: each formats without a
# warning from man or groff, and names every option and command that the
# program's --help lists (and every key `canhgac config` shows), so a page
# cannot fall out of step with its program.
. "$(dirname "$0")/lib.sh"

command -v groff >/dev/null 2>&1 || skip "groff is not installed (apt-get install groff-base)"
command -v man >/dev/null 2>&1 || skip "man is not installed (apt-get install man-db)"

MAN="$top_builddir/man"
CANHGAC_LOCALEDIR="$top_builddir/locale"; export CANHGAC_LOCALEDIR

# formats_cleanly PAGE — no warning from man nor groff; the text is kept
# in $TMP/page as a reader sees it.
formats_cleanly () {
  [ -s "$1" ] || fail "$1 is missing or empty (make builds it)"
  LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l "$1" >"$TMP/page" 2>"$TMP/warn" \
    || { cat "$TMP/warn" >&2; fail "man -l $1 failed"; }
  [ -s "$TMP/warn" ] && { cat "$TMP/warn" >&2; fail "man warns about $1"; }
  groff -ww -Tutf8 -man -z "$1" 2>"$TMP/warn" || { cat "$TMP/warn" >&2; fail "groff failed on $1"; }
  [ -s "$TMP/warn" ] && { cat "$TMP/warn" >&2; fail "groff warns about $1"; }
  # Words broken at the end of a line would hide an option from grep.
  LC_ALL=C.UTF-8 MANWIDTH=1000 man -E UTF-8 -l "$1" 2>/dev/null | sed 's/\xe2\x80\x90//g' >"$TMP/page"
  return 0
}

# names_options PAGE HELP — every option (and, with "commands", every
# command) listed in HELP appears in PAGE.
names_options () {
  grep -oE '(^|[ ,])--?[A-Za-z][A-Za-z0-9-]*' "$2" | sed 's/^[ ,]*//' | sort -u >"$TMP/options"
  [ -s "$TMP/options" ] || fail "no option found in $2"
  while read -r opt; do
    grep -qF -- "$opt" "$TMP/page" || fail "$1 does not name $opt, which --help lists"
  done <"$TMP/options"
}

for lang in en vi; do
  if [ "$lang" = vi ]; then dir="$MAN/vi"; LANGUAGE=vi; else dir="$MAN"; LANGUAGE=; fi
  export LANGUAGE
  LC_ALL=C.UTF-8; export LC_ALL

  formats_cleanly "$dir/canhgac.1"
  "$CANHGAC" --help >"$TMP/help" || fail "canhgac --help"
  names_options "$dir/canhgac.1" "$TMP/help"
  for cmd in status camera config recordings export incident alarm snapshot storage audit demo; do
    grep -qE "^  $cmd( |\$)" "$TMP/help" || fail "canhgac --help no longer lists $cmd: update this test"
    expect_contains "$TMP/page" "canhgac $cmd"
    "$CANHGAC" "$cmd" --help >"$TMP/help-$cmd" || fail "canhgac $cmd --help"
    names_options "$dir/canhgac.1" "$TMP/help-$cmd"
  done

  formats_cleanly "$dir/canhgacd.8"
  "$CANHGACD" --help >"$TMP/help" || fail "canhgacd --help"
  names_options "$dir/canhgacd.8" "$TMP/help"
  expect_contains "$TMP/page" "/var/lib/canhgac"

  formats_cleanly "$dir/canhgac-camsim.1"
  "$CAMSIM" --help >"$TMP/help" || fail "canhgac-camsim --help"
  names_options "$dir/canhgac-camsim.1" "$TMP/help"
  expect_contains "$TMP/page" "throttle=RATE"

  formats_cleanly "$dir/canhgac.conf.5"
  : >"$TMP/empty.conf"
  "$CANHGAC" --config "$TMP/empty.conf" config >"$TMP/config" || fail "canhgac config"
  grep -E '^\[' "$TMP/config" | while read -r group; do
    grep -qF -- "$group" "$TMP/page" || fail "canhgac.conf(5) in $lang has no $group"
  done || exit 1
  grep -E '^[a-z_]+ = ' "$TMP/config" | sed 's/ =.*//' | while read -r key; do
    grep -qE "^ +$key =( |$)" "$TMP/page" || fail "canhgac.conf(5) in $lang does not describe $key"
  done || exit 1
done

# The Vietnamese pages speak Vietnamese, the English ones English.
formats_cleanly "$MAN/vi/canhgacd.8"
expect_contains "$TMP/page" "TÙY CHỌN"
expect_contains "$TMP/page" "Ghi hình mọi camera"
formats_cleanly "$MAN/vi/canhgac.conf.5"
expect_contains "$TMP/page" "Nơi lưu cơ sở dữ liệu"
formats_cleanly "$MAN/canhgacd.8"
expect_contains "$TMP/page" "OPTIONS"
expect_not_contains "$TMP/page" "Ghi hình"
exit 0
