#!/bin/sh
# The repository stands alone: no source, document, test or build file
# sends its reader to a design note or style guide kept outside it, or to
# a directory beside the checkout.  What a reader needs is in the tree:
# doc/architecture.md is the map, doc/protocol.md and doc/storage.md the
# details.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || fail "no source tree"

# Written in pieces, so that this file does not name them itself.
names="DESIGN""[.]md|STYLE""[.]md|glossary-vi""[.]md|[.][.]/""shared|/work/""shared"

if [ "$(git rev-parse --show-toplevel 2>/dev/null)" = "$(pwd -P)" ]; then
  # A checkout: every tracked text file (binary files are skipped).
  git grep -n -I -E -e "$names" > "$TMP/found" 2>/dev/null
else
  # A release tarball (even one unpacked inside a checkout, as distcheck
  # does): the distributed tree, not the logs of tests run in it.
  grep -r -n -I -E --exclude='*.log' --exclude='*.trs' -e "$names" src tests doc bench data \
    build-aux po README.md configure.ac Makefile.am > "$TMP/found" 2>/dev/null
fi
if [ -s "$TMP/found" ]; then
  cat "$TMP/found" >&2
  fail "these lines name files outside the repository: say the fact, or point into doc/"
fi
exit 0
