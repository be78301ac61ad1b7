#!/bin/sh
# Officers read --help over SSH, often in 80-column terminals: no line of
# the --help of any program, command or sub-command, nor of what a usage
# error prints, is wider than 80 columns, in English or in Vietnamese.
. "$(dirname "$0")/lib.sh"

# too_wide FILE — prints the lines of FILE wider than 80 display columns
# (a Vietnamese letter with its marks is one) and fails if there are any.
too_wide () {
  python3 - "$1" <<'PY'
import sys, unicodedata
bad = 0
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = unicodedata.normalize("NFC", line.rstrip("\n"))
    width = sum(0 if unicodedata.combining(c) else
                2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    if width > 80:
        print("%d columns: %s" % (width, line))
        bad = 1
sys.exit(bad)
PY
}

# entries FILE HEADING — the names listed under HEADING in a --help.
entries () {
  sed -n "/^$2\$/,/^\$/p" "$1" | sed -n 's/^  \([a-z][a-z-]*\).*/\1/p'
}

check () { # LABEL FILE
  too_wide "$2" > "$TMP/wide" || { cat "$TMP/wide" >&2; fail "$1: lines wider than 80 columns"; }
}

# Every command and sub-command, from the English --help.
run_status 0 "$CANHGAC" --help
commands=$(entries "$TMP/out" "Commands:")
paths=""
for c in $commands; do
  paths="$paths $c"
  run_status 0 "$CANHGAC" "$c" --help
  for a in $(entries "$TMP/out" "Actions:"); do
    paths="$paths $c/$a"
  done
done
[ "$(echo "$commands" | wc -w)" -ge 8 ] || fail "canhgac --help lists too few commands: $commands"
case "$paths" in
  *camera/add*camera/edit*camera/disable*audit/list*audit/verify*) ;;
  *) fail "the sub-commands of camera and audit were not found: $paths" ;;
esac

loc=$(vi_locale) || exit $?
for lang in C.UTF-8 "$loc"; do
  export LC_ALL="$lang" LANG="$lang" LANGUAGE=
  for prog in "$CANHGAC" "$CANHGACD" "$CAMSIM"; do
    run_status 0 "$prog" --help
    [ -s "$TMP/out" ] || fail "$prog --help printed nothing"
    check "$prog --help ($lang)" "$TMP/out"
    run_status 2 "$prog" --no-such-option
    check "$prog --no-such-option ($lang)" "$TMP/err"
  done
  for p in $paths; do
    words=$(echo "$p" | tr / ' ')
    # shellcheck disable=SC2086
    run_status 0 "$CANHGAC" $words --help
    grep -q "canhgac $words" "$TMP/out" || fail "canhgac $words --help does not show its usage"
    check "canhgac $words --help ($lang)" "$TMP/out"
    # shellcheck disable=SC2086
    run_status 2 "$CANHGAC" $words --no-such-option
    expect_contains "$TMP/err" "'canhgac $words --help'"
    check "canhgac $words --no-such-option ($lang)" "$TMP/err"
  done
  # A command without its action prints its usage on stderr.
  for c in camera audit; do
    run_status 2 "$CANHGAC" "$c"
    check "canhgac $c ($lang)" "$TMP/err"
  done
done

# The check itself sees a line too wide.
printf '%081d\n' 0 > "$TMP/wide81"
if too_wide "$TMP/wide81" > /dev/null; then fail "too_wide let an 81-column line through"; fi
exit 0
