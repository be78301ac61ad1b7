#!/bin/sh
# The station's help sends the officer to a section of the operator's
# guide for each screen: every section it names is a heading of
# doc/vi/huong-dan-su-dung.md, and every screen with keys (but help
# itself) names one.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || fail "no source tree"

guide=doc/vi/huong-dan-su-dung.md
[ -f "$guide" ] || fail "no $guide"
n=0
for f in src/station/screens/*.c; do
  [ "$f" != src/station/screens/help.c ] || continue
  grep -q "^const CgScreen cg_screen_" "$f" || continue
  grep -q "^  \.keys = " "$f" || continue
  section=$(sed -n 's/^  \.guide = "\(.*\)",$/\1/p' "$f")
  [ -n "$section" ] || fail "$f: a screen with keys names no section of the guide (.guide)"
  grep -qxF "## $section" "$guide" || fail "$f names the section “$section”, which $guide does not have"
  n=$((n + 1))
done
[ "$n" -ge 7 ] || fail "only $n screens name a section of the guide"
echo "guide_sections: $n screens, each with its section"
