# lib.sh — shared by the scripted tests: paths, a scratch directory,
# and assertions that say what an officer would have seen go wrong.
set -u

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
CANHGAC="$top_builddir/canhgac"
CANHGACD="$top_builddir/canhgacd"
CAMSIM="$top_builddir/canhgac-camsim"
unset CANHGAC_CONFIG

TEST_NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/canhgac-$TEST_NAME.XXXXXX")
CG_PIDS=""
cleanup () {
  for p in $CG_PIDS; do kill -9 "$p" 2>/dev/null; done
  for p in $CG_PIDS; do wait "$p" 2>/dev/null; done
  rm -rf "$TMP"
}
trap cleanup EXIT

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

skip () {
  echo "SKIP: $*" >&2
  exit 77
}

# expect_contains FILE TEXT — FILE holds TEXT (fixed string).
expect_contains () {
  grep -qF -- "$2" "$1" || { echo "--- $1:" >&2; cat "$1" >&2; fail "expected “$2” in $1"; }
}

expect_not_contains () {
  if grep -qF -- "$2" "$1"; then echo "--- $1:" >&2; cat "$1" >&2; fail "did not expect “$2” in $1"; fi
}

# run_status EXPECTED CMD... — runs CMD with output in $TMP/out, $TMP/err.
run_status () {
  want=$1; shift
  "$@" >"$TMP/out" 2>"$TMP/err"
  got=$?
  if [ "$got" != "$want" ]; then
    echo "--- stdout:" >&2; cat "$TMP/out" >&2
    echo "--- stderr:" >&2; cat "$TMP/err" >&2
    fail "$* exited $got, expected $want"
  fi
}

# wait_for SECONDS CMD... — polls CMD every 0.1 s until it succeeds.
wait_for () {
  deadline=$(( $(date +%s) + $1 )); shift
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}

# vi_catalogue — builds po/vi.po into $TMP/locale and points the programs
# at it; prints nothing.  The test is skipped without a vi_VN.UTF-8
# locale unless CANHGAC_REQUIRE_LOCALES=1 (the quick start sets it).
vi_locale () {
  loc=$(locale -a 2>/dev/null | grep -iE '^vi_VN\.utf-?8$' | head -n 1)
  if [ -z "$loc" ]; then
    if [ "${CANHGAC_REQUIRE_LOCALES:-0}" = 1 ]; then
      fail "the vi_VN.UTF-8 locale is missing: enable it in /etc/locale.gen and run locale-gen"
    fi
    skip "no vi_VN.UTF-8 locale on this machine"
  fi
  mkdir -p "$TMP/locale/vi/LC_MESSAGES"
  msgfmt -o "$TMP/locale/vi/LC_MESSAGES/canhgac.mo" "$top_srcdir/po/vi.po" || fail "msgfmt po/vi.po"
  CANHGAC_LOCALEDIR="$TMP/locale"
  export CANHGAC_LOCALEDIR
  echo "$loc"
}
