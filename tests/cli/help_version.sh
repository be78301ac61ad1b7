#!/bin/sh
# --help and --version of the three programs, GNU style.
. "$(dirname "$0")/lib.sh"

version=$(sed -n 's/^AC_INIT(\[canhgac\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
for prog in canhgac canhgacd canhgac-camsim; do
  run_status 0 "$top_builddir/$prog" --help
  expect_contains "$TMP/out" "Usage: $prog"
  expect_contains "$TMP/out" "--help"
  expect_contains "$TMP/out" "--version"
  expect_contains "$TMP/out" "--config"
  run_status 0 "$top_builddir/$prog" --version
  [ "$(head -n 1 "$TMP/out")" = "$prog (canhgac) $version" ] || fail "$prog --version: $(head -n 1 "$TMP/out")"
  expect_contains "$TMP/out" "GPLv3+"
  run_status 2 "$top_builddir/$prog" --no-such-option
  expect_contains "$TMP/err" "--no-such-option"
  expect_contains "$TMP/err" "Try '$prog --help'"
done

run_status 0 "$CANHGAC" --help
expect_contains "$TMP/out" "config [--check]"
run_status 2 "$CANHGAC" < /dev/null
expect_contains "$TMP/err" "the station needs a terminal"
run_status 2 "$CANHGAC" frobnicate
expect_contains "$TMP/err" "unknown command 'frobnicate'"
run_status 2 "$CANHGAC" --config
expect_contains "$TMP/err" "needs a value"
run_status 2 "$CANHGACD" stray-argument
expect_contains "$TMP/err" "stray-argument"
exit 0
