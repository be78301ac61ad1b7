#!/bin/sh
# Officers read Vietnamese: every translatable string of the sources is in
# po/POTFILES.in and translated in po/vi.po, which holds nothing else.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || fail "no source tree"

for f in $(grep -lE '\b(N_|_|Q_|C_)\(' $(find src -name '*.c' | sort)); do
  grep -qx "$f" po/POTFILES.in || fail "$f has translatable strings but is not in po/POTFILES.in"
done
while read -r f; do
  case "$f" in ''|\#*) continue ;; esac
  [ -f "$f" ] || fail "po/POTFILES.in names $f, which does not exist"
done < po/POTFILES.in

msgfmt --check -o /dev/null po/vi.po || fail "msgfmt --check po/vi.po"

opts=$(sed -n '/^XGETTEXT_OPTIONS/,/[^\\]$/p' po/Makevars | sed 's/^XGETTEXT_OPTIONS *= *//; s/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
xgettext $opts -C -o "$TMP/all.pot" --files-from=po/POTFILES.in || fail "xgettext"
msgmerge -q -o "$TMP/vi.po" po/vi.po "$TMP/all.pot" || fail "msgmerge"
stats=$(msgfmt --statistics -o /dev/null "$TMP/vi.po" 2>&1)
case "$stats" in
  *untranslated*|*fuzzy*)
    msgattrib --untranslated --only-fuzzy -o - "$TMP/vi.po" >&2 2>/dev/null
    msgattrib --untranslated -o - "$TMP/vi.po" >&2
    fail "po/vi.po is incomplete: $stats" ;;
esac
# And nothing else: a sentence the program no longer says is taken out
# with its translation, so that the catalogue stays the program's words.
stale=$(msgattrib --only-obsolete --no-wrap -o - "$TMP/vi.po" | grep -c '^#~ msgid ')
if [ "$stale" -gt 0 ]; then
  msgattrib --only-obsolete -o - "$TMP/vi.po" >&2
  fail "po/vi.po translates $stale sentences the sources no longer have: remove them"
fi
echo "po/vi.po: $stats"
exit 0
