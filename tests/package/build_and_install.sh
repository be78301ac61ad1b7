#!/bin/sh
# build_and_install.sh — the Debian package as an administrator meets it:
# built with dpkg-buildpackage from a copy of this tree, installed with
# apt-get into a clean Debian 12 root made by debootstrap, then checked
# there: the files, the user and groups, the manual pages, the programs,
# the configuration, the daemon answering a member of the socket's group,
# and a purge that takes the programs and the configuration but leaves
# the recordings.
#
# Not part of `make check`: it downloads Debian (about 150 MB) and takes
# minutes.  Run it as root (chroot, mounts) from a git checkout:
#
#   sh tests/package/build_and_install.sh
#
# CANHGAC_MIRROR       the Debian mirror (http://deb.debian.org/debian)
# CANHGAC_ROOT_CACHE   a tarball of the debootstrapped root: made on the
#                      first run, unpacked instead of debootstrap after
# CANHGAC_KEEP=1       keep the scratch directory to look at afterwards
set -u

top_srcdir=$(cd "$(dirname "$0")/../.." && pwd)
MIRROR=${CANHGAC_MIRROR:-http://deb.debian.org/debian}
started=$(date +%s)

fail () {
  echo "FAIL: $*" >&2
  exit 1
}

step () {
  echo "== $* ($(( $(date +%s) - started )) s)"
}

[ "$(id -u)" = 0 ] || { echo "SKIP: run as root (debootstrap, chroot, mount)" >&2; exit 77; }
for tool in dpkg-buildpackage debootstrap git; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is missing (apt-get install dpkg-dev debhelper debootstrap git)" >&2; exit 77; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/canhgac-package.XXXXXX")
ROOT="$WORK/root"
DAEMON_PID=""
cleanup () {
  [ -n "$DAEMON_PID" ] && kill "$DAEMON_PID" 2>/dev/null
  for m in "$ROOT/dev/pts" "$ROOT/dev" "$ROOT/proc"; do
    mountpoint -q "$m" 2>/dev/null && umount -l "$m"
  done
  if [ "${CANHGAC_KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

in_root () {
  chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive "$@"
}

# ---- build ---------------------------------------------------------------
step "building the package in a copy of the tree"
mkdir -p "$WORK/src/canhgac"
(cd "$top_srcdir" && git ls-files -co --exclude-standard -z) \
  | (cd "$top_srcdir" && xargs -0 cp --parents -t "$WORK/src/canhgac") || fail "copying the tree"
(cd "$WORK/src/canhgac" && DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:-parallel=$(nproc)}" \
   dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1 \
  || { tail -n 40 "$WORK/build.log" >&2; fail "dpkg-buildpackage failed (log above)"; }
DEB=$(ls "$WORK"/src/canhgac_*_*.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || fail "dpkg-buildpackage made no canhgac_*.deb"
if command -v lintian >/dev/null 2>&1; then
  lintian -E "$DEB" >"$WORK/lintian.log" 2>&1
  grep '^E:' "$WORK/lintian.log" && fail "lintian finds errors in the package"
fi

# ---- a clean Debian 12 --------------------------------------------------
if [ -n "${CANHGAC_ROOT_CACHE:-}" ] && [ -s "$CANHGAC_ROOT_CACHE" ]; then
  step "unpacking the Debian 12 root from $CANHGAC_ROOT_CACHE"
  mkdir -p "$ROOT" && tar -C "$ROOT" -xzf "$CANHGAC_ROOT_CACHE" || fail "unpacking $CANHGAC_ROOT_CACHE"
else
  step "debootstrap bookworm from $MIRROR"
  debootstrap --variant=minbase bookworm "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log" >&2; fail "debootstrap failed"; }
  if [ -n "${CANHGAC_ROOT_CACHE:-}" ]; then
    tar -C "$ROOT" -czf "$CANHGAC_ROOT_CACHE" . || fail "saving $CANHGAC_ROOT_CACHE"
  fi
fi
mount -t proc proc "$ROOT/proc" || fail "mounting /proc in the root"
mount --bind /dev "$ROOT/dev" || fail "binding /dev in the root"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf" 2>/dev/null
echo "deb $MIRROR bookworm main" >"$ROOT/etc/apt/sources.list"
# Nothing is started by the maintainer scripts in a root without systemd.
printf '#!/bin/sh\nexit 101\n' >"$ROOT/usr/sbin/policy-rc.d"
chmod +x "$ROOT/usr/sbin/policy-rc.d"

# ---- install --------------------------------------------------------------
step "apt-get install ./$(basename "$DEB")"
cp "$DEB" "$ROOT/tmp/"
in_root apt-get update -q >"$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log" >&2; fail "apt-get update in the root"; }
in_root apt-get install -y -q --no-install-recommends "/tmp/$(basename "$DEB")" man-db >>"$WORK/apt.log" 2>&1 \
  || { tail -n 30 "$WORK/apt.log" >&2; fail "apt-get install of the package failed"; }

step "checking what was installed"
for f in /usr/bin/canhgac /usr/bin/canhgac-camsim /usr/sbin/canhgacd; do
  [ -x "$ROOT$f" ] || fail "$f is not installed"
done
for f in /etc/canhgac/canhgac.conf /usr/share/canhgac/commune.map \
         /lib/systemd/system/canhgacd.service /usr/lib/sysusers.d/canhgac.conf \
         /usr/lib/tmpfiles.d/canhgac.conf /usr/share/locale/vi/LC_MESSAGES/canhgac.mo \
         /usr/share/doc/canhgac/copyright; do
  [ -s "$ROOT$f" ] || fail "$f is not installed"
done
cmp -s "$ROOT/etc/canhgac/canhgac.conf" "$top_srcdir/data/canhgac.conf" \
  || fail "/etc/canhgac/canhgac.conf is not data/canhgac.conf"
in_root dpkg-query -W -f='${Conffiles}\n' canhgac | grep -q '/etc/canhgac/canhgac.conf' \
  || fail "/etc/canhgac/canhgac.conf is not a conffile"
grep -q '^ExecStart=/usr/sbin/canhgacd$' "$ROOT/lib/systemd/system/canhgacd.service" \
  || fail "the service does not start /usr/sbin/canhgacd"

in_root getent passwd canhgacd >/dev/null || fail "no canhgacd user"
for g in canhgacd canhgac canhgac-operator canhgac-admin; do
  in_root getent group "$g" >/dev/null || fail "no $g group"
done
in_root id -nG canhgacd | grep -qw canhgac || fail "canhgacd is not in the canhgac group (it gives the socket to it)"
# Owners by number: the host does not know the root's users.
DAEMON_UID=$(in_root id -u canhgacd)
SOCKET_GID=$(in_root getent group canhgac | cut -d: -f3)
[ "$(stat -c '%a %u' "$ROOT/var/lib/canhgac")" = "700 $DAEMON_UID" ] \
  || fail "/var/lib/canhgac is $(stat -c '%a %u' "$ROOT/var/lib/canhgac"), not 700 canhgacd ($DAEMON_UID)"

step "reading the manual pages"
for page in man1/canhgac.1 man1/canhgac-camsim.1 man5/canhgac.conf.5 man8/canhgacd.8 \
            vi/man1/canhgac.1 vi/man1/canhgac-camsim.1 vi/man5/canhgac.conf.5 vi/man8/canhgacd.8; do
  [ -s "$ROOT/usr/share/man/$page.gz" ] || fail "/usr/share/man/$page.gz is not installed"
  in_root env MANWIDTH=80 man --warnings -E UTF-8 -l "/usr/share/man/$page.gz" >"$WORK/page" 2>"$WORK/warn" \
    || fail "man -l $page failed"
  [ -s "$WORK/warn" ] && { cat "$WORK/warn" >&2; fail "man warns about $page"; }
  grep -q 'canhgac' "$WORK/page" || fail "$page reads empty"
done
in_root env MANWIDTH=80 man 8 canhgacd 2>/dev/null | grep -q 'OPTIONS' || fail "man 8 canhgacd finds no page"
in_root env MANWIDTH=80 man -L vi 5 canhgac.conf 2>/dev/null | grep -q 'Nơi lưu cơ sở dữ liệu' \
  || fail "man -L vi 5 canhgac.conf finds no Vietnamese page"

step "running the programs"
in_root canhgacd --version | grep -q '^canhgacd (canhgac)' || fail "canhgacd --version"
in_root canhgac --help | grep -q '^Usage: canhgac' || fail "canhgac --help"
in_root env LANGUAGE=vi canhgac --help | grep -q '^Cách dùng: canhgac' \
  || fail "canhgac --help does not speak Vietnamese with the installed catalogue"
in_root canhgac-camsim --help | grep -q 'canhgac-camsim' || fail "canhgac-camsim --help"
in_root canhgac config --check >"$WORK/config" 2>&1 || { cat "$WORK/config" >&2; fail "canhgac config refuses the installed configuration"; }
grep -qx '/etc/canhgac/canhgac.conf: the configuration is valid.' "$WORK/config" \
  || { cat "$WORK/config" >&2; fail "canhgac config --check did not read /etc/canhgac/canhgac.conf"; }
in_root canhgac config >"$WORK/config" 2>&1 || fail "canhgac config"
grep -qx 'socket = /run/canhgac/canhgacd.sock' "$WORK/config" || { cat "$WORK/config" >&2; fail "canhgac config shows another socket"; }

# ---- the daemon as the service would run it ---------------------------------
step "canhgacd as its user, canhgac status as a member of canhgac"
# systemd's RuntimeDirectory=, by hand.
install -d -m 0755 -o "$(in_root id -u canhgacd)" -g "$(in_root id -g canhgacd)" "$ROOT/run/canhgac"
in_root useradd -m -G canhgac officer || fail "useradd officer"
in_root useradd -m stranger || fail "useradd stranger"
chroot "$ROOT" env -i PATH=/usr/sbin:/usr/bin LC_ALL=C.UTF-8 \
  setpriv --reuid=canhgacd --regid=canhgacd --init-groups /usr/sbin/canhgacd \
  >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
deadline=$(( $(date +%s) + 60 ))
until in_root setpriv --reuid=officer --regid=officer --init-groups canhgac status >"$WORK/status" 2>&1; do
  if ! kill -0 "$DAEMON_PID" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
    cat "$WORK/daemon.log" "$WORK/status" >&2
    fail "canhgac status as a member of canhgac got no answer from canhgacd"
  fi
  sleep 0.5
done
[ "$(stat -c '%g %a' "$ROOT/run/canhgac/canhgacd.sock")" = "$SOCKET_GID 660" ] \
  || fail "the socket is $(stat -c '%g %a' "$ROOT/run/canhgac/canhgacd.sock"), not canhgac ($SOCKET_GID) 660"
in_root setpriv --reuid=stranger --regid=stranger --init-groups canhgac status >"$WORK/status" 2>&1 \
  && fail "a user outside the canhgac group reached the daemon"
[ -s "$ROOT/var/lib/canhgac/canhgac.db" ] || fail "canhgacd made no database in /var/lib/canhgac"
[ "$(stat -c '%u %a' "$ROOT/var/lib/canhgac/canhgac.db")" = "$DAEMON_UID 600" ] \
  || fail "canhgac.db is $(stat -c '%u %a' "$ROOT/var/lib/canhgac/canhgac.db"), not canhgacd ($DAEMON_UID) 600"
kill -TERM "$DAEMON_PID"
wait "$DAEMON_PID"
DAEMON_PID=""

# A recording of the kind canhgacd writes, beside the database, to show
# that nothing the daemon keeps is lost to a reinstall or a purge.
install -d -m 0700 -o "$DAEMON_UID" -g "$(in_root id -g canhgacd)" \
  "$ROOT/var/lib/canhgac/recordings" "$ROOT/var/lib/canhgac/recordings/1" \
  "$ROOT/var/lib/canhgac/recordings/1/2026-11-29" || fail "making a recordings directory"
head -c 188000 /dev/urandom >"$ROOT/var/lib/canhgac/recordings/1/2026-11-29/080000.ts"
(cd "$ROOT/var/lib/canhgac" && find . -type f -exec sha256sum {} + | sort) >"$WORK/kept.before"

# ---- the maintainer scripts again, then purge -------------------------------
step "reinstalling (the maintainer scripts run twice)"
in_root apt-get install -y -q --reinstall "/tmp/$(basename "$DEB")" >>"$WORK/apt.log" 2>&1 \
  || { tail -n 20 "$WORK/apt.log" >&2; fail "reinstalling the package failed"; }
(cd "$ROOT/var/lib/canhgac" && find . -type f -exec sha256sum {} + | sort) >"$WORK/kept.after"
cmp -s "$WORK/kept.before" "$WORK/kept.after" || fail "reinstalling changed /var/lib/canhgac"

step "apt-get purge canhgac"
in_root apt-get purge -y -q canhgac >"$WORK/purge.log" 2>&1 || { cat "$WORK/purge.log" >&2; fail "apt-get purge failed"; }
for f in /usr/bin/canhgac /usr/sbin/canhgacd /usr/bin/canhgac-camsim /lib/systemd/system/canhgacd.service; do
  [ -e "$ROOT$f" ] && fail "$f is still there after purge"
done
[ -e "$ROOT/etc/canhgac" ] && fail "/etc/canhgac is still there after purge"
(cd "$ROOT/var/lib/canhgac" && find . -type f -exec sha256sum {} + | sort) >"$WORK/kept.after"
cmp -s "$WORK/kept.before" "$WORK/kept.after" || { diff "$WORK/kept.before" "$WORK/kept.after" >&2; fail "purge touched the recordings in /var/lib/canhgac"; }
grep -q 'rm -rf /var/lib/canhgac' "$WORK/purge.log" || { cat "$WORK/purge.log" >&2; fail "purge does not say where the recordings are kept and how to remove them"; }

step "done: built, installed, checked and purged in $(( $(date +%s) - started )) s"
exit 0
