#!/usr/bin/env bash
# The station over a real weak line: SSH (and its peers) through a shaped link.
#
#   bash bench/ssh.sh [--rates 1000,384,128,64] [--seconds S] [--results FILE]
#                     [--keep] [--only ssh|mosh|chafa] [--queue-ms MS]
#
# A network namespace joined to the host by a veth pair, shaped with tc tbf at
# each rate in both directions (a queue of MS ms of the rate, default 400).
# sshd (its own configuration, host key and a key made for the run) listens
# inside the namespace; canhgac-camsim and canhgacd record 16 simulated
# cameras on the host, placed on the commune's map. The officer's terminal is
# a private tmux (160x48, C.UTF-8) on the host, so every byte the station
# draws crosses the shaped line. At each rate:
#   ssh    the station (`canhgac`) over `ssh -t`: its 4x4 Grid runs S seconds
#          (default 15), then six screen switches (Grid->Map->Grid->Status->
#          Grid->Help->Grid, 8 s of Grid before each switch away from it),
#          each timed from the key to the new title showing as current;
#   mosh   the same station over mosh (UDP 60000-61000);
#   chafa  the same 16 tiles drawn whole by the chafa command every 2 s over
#          ssh: how long a repaint takes to reach the officer.
# Wire figures are the namespace veth's tx_bytes (station -> officer).
# Prints a table and appends TSV rows to FILE (default
# /tmp/canhgac-ssh-results.tsv, or $SSH_RESULTS). --keep keeps the temporary
# directory (logs, screens, per-repaint times). Needs root and the Debian
# packages openssh-server openssh-client mosh chafa tmux iproute2.
set -euo pipefail
export LC_ALL=C            # '.' decimals in EPOCHREALTIME and awk output
SELF=$(realpath "${BASH_SOURCE[0]}")
cd "$(dirname "$SELF")/.."   # the binaries live at the repo root
REPO=$PWD
ARGS=("$@")

RATES=1000,384,128,64 DUR=15 KEEP=0 ONLY=""
NCAM=16 COLS=160 ROWS=48 LOOP=60
SWITCH_WAIT=8     # seconds of Grid before each switch away from it
AWAY_WAIT=2       # seconds on Map, Status or Help before going back
GIVEUP=30         # a switch not shown after this is recorded as ">30"
EXTRA=60          # ... and waited for this much longer, for the notes
SETTLE=0.5        # a tile's picture counts once it has not changed for this long
CHAFA_PERIOD=2    # the chafa peer repaints every 2 s
BURST=1600        # tbf bucket, bytes: one full frame (1514) and no more
LATENCY=400ms     # tbf queue: 400 ms of the rate, then drops (--queue-ms)
RESULTS=${SSH_RESULTS:-/tmp/canhgac-ssh-results.tsv}
die() { echo "ssh.sh: $*" >&2; exit 1; }
while (($#)); do
  case $1 in
    --rates) [[ ${2:-} =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--rates needs kbit/s figures such as 1000,384,128,64"; RATES=$2; shift 2 ;;
    --seconds) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--seconds needs a whole number"; DUR=$2; shift 2 ;;
    --results) RESULTS=${2:?}; shift 2 ;;
    --keep) KEEP=1; shift ;;
    --queue-ms) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--queue-ms needs a whole number of milliseconds"; LATENCY=${2}ms; shift 2 ;;
    --only) [[ ${2:-} =~ ^(ssh|mosh|chafa)$ ]] || die "--only takes ssh, mosh or chafa"; ONLY=$2; shift 2 ;;
    -h|--help) sed -n '2,26s/^# \{0,1\}//p' "$SELF"; exit 0 ;;
    *) die "bad argument '$1' (try --help)" ;;
  esac
done
IFS=, read -ra RATE_LIST <<<"$RATES"
for r in "${RATE_LIST[@]}"; do
  ((r >= 16 && r <= 100000)) || die "rate $r kbit/s: use 16 to 100000"
done
PEERS=(ssh mosh chafa)
[[ -n $ONLY ]] && PEERS=("$ONLY")
CHAFA_DUR=$((2 * DUR))   # chafa's window: 15 repaints at the default

# --- what is needed -----------------------------------------------------------
((EUID == 0)) || die "needs root (a network namespace, tc, sshd on a namespace address)"
declare -A PKG=([/usr/sbin/sshd]=openssh-server [ssh]=openssh-client [ssh-keygen]=openssh-client
  [tmux]=tmux [ip]=iproute2 [tc]=iproute2 [timeout]=coreutils [awk]=mawk)
[[ " ${PEERS[*]} " == *" mosh "* ]] && PKG[mosh]=mosh PKG[mosh-server]=mosh PKG[mosh-client]=mosh
[[ " ${PEERS[*]} " == *" chafa "* ]] && PKG[chafa]=chafa
missing=()
for t in "${!PKG[@]}"; do
  command -v "$t" >/dev/null 2>&1 || missing+=("${PKG[$t]}")
done
if ((${#missing[@]})); then
  mapfile -t missing < <(printf '%s\n' "${missing[@]}" | sort -u)
  die "missing tools; install them with: apt-get install ${missing[*]}"
fi
for b in canhgacd canhgac canhgac-camsim; do
  [[ -x ./$b ]] || die "./$b is missing: run 'make' in $PWD first"
done
locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$' || die "the C.UTF-8 locale is missing (Debian's libc-bin has it)"
[[ -d /sys/class/net ]] || die "/sys/class/net is missing"

# --- what is run, printed first ----------------------------------------------------
CMD="bash bench/ssh.sh"
((${#ARGS[@]})) && CMD+=" $(printf '%q ' "${ARGS[@]}")"
echo "command: ${CMD% }"
echo "date: $(date -u '+%F %T UTC'); $(nproc) cores; kernel $(uname -r); $(ssh -V 2>&1); tmux $(tmux -V | cut -d' ' -f2)$(
  command -v mosh >/dev/null && printf '; %s' "$(mosh --version 2>&1 | head -1)")$(
  command -v chafa >/dev/null && printf '; %s' "$(chafa --version | head -1)")"
echo "line: tbf rate R kbit, burst $BURST B, latency $LATENCY, both directions; ${COLS}x$ROWS terminal; $NCAM cameras"
echo "station: its default settings (pacing budget 256 kbit/s); 4x4 Grid ${DUR} s, then six switches"
echo "  (${SWITCH_WAIT} s of Grid before each switch away, ${AWAY_WAIT} s on the other screens; given up after $GIVEUP s)"
echo "results: $RESULTS"
cat <<'EOT'
columns: start s = ssh/mosh to the first screen; G-M ... H-G = key to the new screen's title (G Grid,
  M Map, S Status, H Help); wire = station->officer kbit/s on the line while the Grid shows; wrote =
  what the station wrote to its terminal (whole run); tile seen = s between new pictures in a tile
  on the officer's screen (first Grid period); tile made = the same, as the station drew them
EOT

# --- names of this run ----------------------------------------------------------
NS=cgline-$$ HV=cgh$$ NV=cgn$$
NET=""
for ((i = 0; i < 230; i++)); do
  n=$(( ($$ + i) % 230 + 20 ))
  ip -o -4 addr show | grep -q " 10\.231\.$n\." && continue
  ip -4 route show | grep -q "^10\.231\.$n\." && continue
  NET=$n; break
done
[[ -n $NET ]] || die "no free 10.231.N.0/24 for the line"
HIP=10.231.$NET.1 NIP=10.231.$NET.2
WORK=$(mktemp -d /tmp/canhgac-sshbench.XXXXXX)
TMUX_SOCK=canhgac-ssh-$$
PIDS=()            # camsim and canhgacd, on the host
SSHD_PID="" NS_MADE=0 RUN_SSHD_MADE=0
UTF=(env LANG=C.UTF-8 LC_ALL=C.UTF-8)
tm() { "${UTF[@]}" timeout 10 tmux -u -L "$TMUX_SOCK" -f /dev/null "$@"; }
q() { printf '%q' "$1"; }

# Everything in the namespace but sshd itself: the sessions, the stations,
# mosh-server, the chafa loops.
kill_ns_sessions() {
  local sig=${1:-TERM} p
  ((NS_MADE)) || return 0
  for p in $(ip netns pids "$NS" 2>/dev/null); do
    [[ $p == "$SSHD_PID" ]] && continue
    kill -"$sig" "$p" 2>/dev/null || true
  done
}
cleanup() {
  local p
  trap - INT TERM
  tm kill-server 2>/dev/null || true
  if ((NS_MADE)); then
    kill_ns_sessions TERM; sleep 0.5
    [[ -n $SSHD_PID ]] && kill -TERM "$SSHD_PID" 2>/dev/null
    sleep 0.5
    for p in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    ip link del "$HV" 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
  fi
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  ((${#PIDS[@]})) && sleep 1
  for p in "${PIDS[@]}"; do kill -KILL "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  ((RUN_SSHD_MADE)) && rmdir /run/sshd 2>/dev/null
  if ((KEEP)); then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'echo "ssh.sh: interrupted, cleaning up" >&2; exit 130' INT
trap 'exit 143' TERM

alive() { local s; { read -r s </proc/"$1"/stat; } 2>/dev/null || return 1; s=${s##*) }; [[ $s != Z* ]]; }
calc() { awk "BEGIN {printf \"$1\", ($2)}"; }
now() { echo "$EPOCHREALTIME"; }
# Bytes the namespace has sent towards the officer (station -> viewer).
wire() { ip netns exec "$NS" cat /sys/class/net/"$NV"/statistics/tx_bytes; }
pane() { tm capture-pane -p -t view 2>/dev/null || true; }
pane_dead() { [[ $(tm display-message -p -t view '#{pane_dead}' 2>/dev/null || echo 1) == 1 ]]; }
# Is LABEL ("F2 Map") the current screen, shown reversed in the title line?
title_is() {
  local line re=$'\e''\[([0-9;]*)m'"$1"
  line=$(tm capture-pane -p -e -t view -S 0 -E 0 2>/dev/null) || return 1
  [[ $line =~ $re ]] && [[ ";${BASH_REMATCH[1]};" == *";7;"* ]]
}
# wait_for SECONDS CMD...: polls CMD every 20 ms; 0 as soon as it holds.
wait_for() {
  local end; end=$(( ${EPOCHREALTIME/./} + $(calc %d "$1 * 1000000") )); shift
  until "$@"; do
    (( ${EPOCHREALTIME/./} > end )) && return 1
    sleep 0.02
  done
  return 0
}
pane_has() { pane | grep -qE -- "$1"; }
up_or_gone() { pane_has 'F10' || pane_dead; }

# watch_tiles SECONDS: how many new pictures reach the officer's screen while
# the 4x4 Grid shows. A tile's picture is its 9 rows of 39 cells (as text);
# it counts as new when it has not changed for SETTLE s and at least 5 of its
# rows differ from the picture last counted (so a picture that arrives in
# pieces, the line stalling between them, counts once). The first look is
# the baseline. Sets SEEN (all tiles together).
watch_tiles() {
  local LC_ALL=C.UTF-8   # ${line:x:w} counts characters
  local end t k r y x txt settle d
  local -a prev=() since=() settled=() lines=() rows=()
  end=$(( ${EPOCHREALTIME/./} + $1 * 1000000 ))
  settle=$(calc %d "$SETTLE * 1000000")
  SEEN=0
  while :; do
    t=${EPOCHREALTIME/./}
    ((t < end)) || break
    mapfile -t lines < <(tm capture-pane -p -t view 2>/dev/null || true)
    for ((k = 0; k < NCAM; k++)); do
      y=$(( (k / 4) * 11 + 2 )) x=$(( (k % 4) * 40 )) txt=""
      for ((r = y; r < y + 9; r++)); do txt+="${lines[r]:x:39}"$'\n'; done
      if [[ -z ${settled[k]+set} ]]; then
        settled[k]=$txt prev[k]=$txt since[k]=$t
      elif [[ $txt != "${prev[k]}" ]]; then
        prev[k]=$txt since[k]=$t
      elif [[ $txt != "${settled[k]}" ]] && ((t - since[k] >= settle)); then
        mapfile -t rows <<<"${settled[k]}"
        d=0
        for ((r = 0; r < 9; r++)); do
          [[ ${lines[y + r]:x:39} != "${rows[r]}" ]] && d=$((d + 1))
        done
        if ((d >= 5)); then settled[k]=$txt SEEN=$((SEEN + 1)); fi
      fi
    done
    sleep 0.1
  done
}

# --- camsim, canhgacd, 16 cameras (as bench/station.sh) -------------------------
echo "== starting camsim: $NCAM cameras, 1280x720, ${LOOP} s loop (encodes once: about 30 s)" >&2
./canhgac-camsim --port 0 --cameras "$NCAM" --size 1280x720 --loop "$LOOP" >"$WORK/camsim.out" 2>"$WORK/camsim.log" &
SIM=$!; PIDS+=("$SIM"); t=$SECONDS
until grep -qx ready "$WORK/camsim.out"; do
  alive "$SIM" || die "camsim exited: $(tail -3 "$WORK/camsim.log")"
  ((SECONDS - t < 300)) || die "camsim not ready after 300 s"
  sleep 0.5
done
mapfile -t URLS < <(grep '^rtsp://' "$WORK/camsim.out")
((${#URLS[@]} == NCAM)) || die "camsim printed ${#URLS[@]} URLs, not $NCAM"

CONF=$WORK/canhgac.conf
mkdir -p "$WORK/data"
printf '[daemon]\ndata_dir = %s\nsocket = %s\n' "$WORK/data" "$WORK/cg.sock" >"$CONF"
# The Map screen as a post has it: the commune's map, the cameras on it.
[[ -r data/commune.map ]] || die "data/commune.map is missing"
printf '[station]\nmap = %s\n' "$REPO/data/commune.map" >>"$CONF"
MAP_AT=("35,8" "18,9" "10,14" "20,5" "63,11" "21,14" "37,16" "50,6" "6,3" "45,3" "6,10" "40,12" "45,14" "12,16" "55,16" "28,6")
./canhgacd --config "$CONF" >"$WORK/canhgacd.log" 2>&1 &
DMN=$!; PIDS+=("$DMN"); t=$SECONDS
until timeout 10 ./canhgac --config "$CONF" status >/dev/null 2>>"$WORK/cli.log"; do
  alive "$DMN" || die "canhgacd exited: $(tail -5 "$WORK/canhgacd.log")"
  ((SECONDS - t < 60)) || die "canhgacd not answering after 60 s"
  sleep 0.2
done
for ((k = 1; k <= NCAM; k++)); do
  timeout 10 ./canhgac --config "$CONF" camera add --name "cam$k" --url "${URLS[k - 1]}" --map "${MAP_AT[k - 1]}" >/dev/null 2>>"$WORK/cli.log" \
    || die "camera add cam$k: $(tail -1 "$WORK/cli.log")"
done
t=$SECONDS rec=0
while ((SECONDS - t < 120)); do
  alive "$DMN" || die "canhgacd exited: $(tail -5 "$WORK/canhgacd.log")"
  rec=$(timeout 10 ./canhgac --config "$CONF" status --json 2>/dev/null | grep -c '"state" *: *"recording"' || true)
  ((rec == NCAM)) && break; sleep 1
done
((rec == NCAM)) || die "only $rec/$NCAM cameras recording after 120 s"
echo "   $NCAM cameras recording after $((SECONDS - t)) s" >&2

# --- the line: a namespace, a veth pair, tbf both ways ---------------------------
echo "== line: namespace $NS, $HV ($HIP) <-> $NV ($NIP)" >&2
ip netns add "$NS" || die "ip netns add $NS failed (is this a container without CAP_SYS_ADMIN?)"
NS_MADE=1
ip link add "$HV" type veth peer name "$NV" netns "$NS" || die "cannot make a veth pair (kernel without veth?)"
ip addr add "$HIP/24" dev "$HV"
ip link set "$HV" up
ip -n "$NS" addr add "$NIP/24" dev "$NV"
ip -n "$NS" link set "$NV" up
ip -n "$NS" link set lo up
# No IPv6 chatter (router solicitations) on the measured link.
sysctl -qw "net.ipv6.conf.$HV.disable_ipv6=1" 2>/dev/null || true
ip netns exec "$NS" sysctl -qw "net.ipv6.conf.$NV.disable_ipv6=1" 2>/dev/null || true
# shape RATE: tbf on both ends' egress (the namespace's carries station->viewer).
shape() {
  local err
  err=$(tc qdisc replace dev "$HV" root tbf rate "${1}kbit" burst "$BURST" latency "$LATENCY" 2>&1) \
    || die "tc tbf on $HV failed: $err (kernel without sch_tbf?)"
  err=$(tc -n "$NS" qdisc replace dev "$NV" root tbf rate "${1}kbit" burst "$BURST" latency "$LATENCY" 2>&1) \
    || die "tc tbf on $NV failed: $err"
}
shape "${RATE_LIST[0]}"

# --- sshd in the namespace --------------------------------------------------------
S=$WORK/sshd; mkdir -p "$S"
ssh-keygen -q -t ed25519 -N '' -C canhgac-bench-host -f "$S/host_key" || die "ssh-keygen failed"
ssh-keygen -q -t ed25519 -N '' -C canhgac-bench-user -f "$S/user_key" || die "ssh-keygen failed"
cp "$S/user_key.pub" "$S/authorized_keys"
cat >"$S/sshd_config" <<EOF
Port 2222
ListenAddress $NIP
HostKey $S/host_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AcceptEnv LANG LC_*
PrintMotd no
PrintLastLog no
X11Forwarding no
ClientAliveInterval 0
EOF
if [[ ! -d /run/sshd ]]; then
  mkdir -p /run/sshd && chmod 755 /run/sshd && RUN_SSHD_MADE=1   # sshd's privilege separation directory
fi
err=$(/usr/sbin/sshd -t -f "$S/sshd_config" 2>&1) || die "sshd rejects its configuration: $err"
ip netns exec "$NS" /usr/sbin/sshd -D -e -f "$S/sshd_config" 2>"$S/sshd.log" &
SSHD_PID=$!
for ((i = 0; i < 100; i++)); do
  grep -q 'Server listening' "$S/sshd.log" 2>/dev/null && break
  alive "$SSHD_PID" || die "sshd exited at once: $(tail -3 "$S/sshd.log")"
  sleep 0.1
done
grep -q 'Server listening' "$S/sshd.log" || die "sshd not listening on $NIP:2222 after 10 s: $(tail -3 "$S/sshd.log")"
SSH_OPTS=(-F /dev/null -i "$S/user_key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
  -o LogLevel=ERROR -o BatchMode=yes -o ConnectTimeout=30 -p 2222)
err=$(timeout 60 ssh "${SSH_OPTS[@]}" "root@$NIP" true 2>&1) \
  || die "cannot log in to sshd in the namespace: ${err:-timeout} / sshd: $(tail -3 "$S/sshd.log")"

# --- one station run over ssh or mosh ---------------------------------------------------
# Sets R_* for the table.
KEYS=(F2 F3 F4 F3 F1 F3)
TITLES=("F2 Map" "F3 Camera grid" "F4 Status" "F3 Camera grid" "F1 Help" "F3 Camera grid")
SW_NAMES=(G-M M-G G-S S-G G-H H-G)

# The officer's terminal: a private tmux running SCRIPT.
open_view() {
  tm kill-server 2>/dev/null || true
  tm new-session -d -s view -x "$COLS" -y "$ROWS" "bash $(q "$1") 2>$(q "$2")" || die "tmux would not start"
  tm set-option -t view remain-on-exit on >/dev/null
}
# Ends a run: the officer's terminal, whatever it started in the namespace,
# then waits for the line to fall quiet.
close_run() {
  local i a b
  tm kill-server 2>/dev/null || true
  kill_ns_sessions TERM; sleep 0.3; kill_ns_sessions KILL
  b=$(wire)
  for ((i = 0; i < 40; i++)); do
    sleep 0.5; a=$b; b=$(wire)
    ((b - a < 200)) && break
  done
  return 0
}

run_station() {
  local peer=$1 rate=$2 D=$WORK/$2-$1 notes="" i t0 t1 w0 w1 gbytes=0 gsecs=0 remote
  mkdir -p "$D"
  local STATS=$D/stats.json PIDF=$D/station.pid
  R_START=- R_GRID=- R_SW=(- - - - - -) R_KBIT=- R_PICS=- R_GRIDS=- R_TILE=- R_SEEN=- R_WROTE=- R_NOTES=""
  remote="echo \$\$ >$(q "$PIDF"); cd $(q "$REPO") && exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color"
  remote+=" CANHGAC_STATION_STATS=$(q "$STATS") ./canhgac --config $(q "$CONF") 2>$(q "$D/station.err")"
  if [[ $peer == ssh ]]; then
    printf 'exec ssh %s -t root@%s %s\n' "$(printf '%q ' "${SSH_OPTS[@]}")" "$NIP" "$(q "$remote")" >"$D/viewer.sh"
  else
    printf 'export LANG=C.UTF-8 LC_ALL=C.UTF-8\nexec mosh --ssh=%s root@%s -- sh -c %s\n' \
      "$(q "ssh ${SSH_OPTS[*]}")" "$NIP" "$(q "$remote")" >"$D/viewer.sh"
  fi
  t0=$(now)
  open_view "$D/viewer.sh" "$D/viewer.err"
  # The first screen (Map) whole: its status line with F10.
  wait_for 90 up_or_gone || true
  if ! pane_has 'F10'; then
    pane >"$D/screen-fail.txt"
    R_NOTES="FAILED: no station after 90 s ($(tr '\n' ' ' <"$D/viewer.err" | head -c 200); $(tail -c 200 "$D/station.err" 2>/dev/null | tr '\n' ' '))"
    close_run; return
  fi
  t1=$(now); R_START=$(calc %.1f "$t1 - $t0")
  local tgrid=$t1
  # F3 then "-" twice: 2x2, 3x3, 4x4. The station takes keys in order, so the
  # three go at once and the 2x2 and 3x3 pictures are mostly never sent.
  tm send-keys -t view F3; sleep 0.1
  tm send-keys -t view -- -; sleep 0.1
  tm send-keys -t view -- -
  if ! wait_for 120 pane_has '16 to a page'; then
    pane >"$D/screen-fail.txt"
    R_NOTES="FAILED: no 4x4 grid 120 s after F3 - -"; close_run; return
  fi
  t1=$(now); R_GRID=$(calc %.1f "$t1 - $tgrid")
  pane >"$D/screen-grid.txt"
  # Grid periods: DUR seconds now, SWITCH_WAIT before each switch away.
  local away=0 open=0 tk
  for ((i = 0; i < ${#KEYS[@]}; i++)); do
    if ((i % 2 == 0)); then
      local len=$SWITCH_WAIT; ((i == 0)) && len=$DUR
      w0=$(wire) t0=$(now)
      if ((i == 0)); then
        watch_tiles "$len"
        R_SEEN=$(calc %.1f "$SEEN > 0 ? $NCAM * $len / $SEEN : 0")
        ((SEEN == 0)) && R_SEEN=">$len"
      else
        sleep "$len"
      fi
      w1=$(wire) t1=$(now)
      gbytes=$((gbytes + w1 - w0)); gsecs=$(calc %.3f "$gsecs + $t1 - $t0")
    else
      sleep "$AWAY_WAIT"
    fi
    tk=$(now)
    tm send-keys -t view "${KEYS[i]}"
    # Time away from the Grid, from the keys (the station acts on a key as it
    # comes: keys travel the quiet way): from each key that leaves it to the
    # key back.
    if ((i % 2 == 0)); then away=$(calc %.3f "$away - $tk") open=1; else away=$(calc %.3f "$away + $tk") open=0; fi
    if wait_for "$GIVEUP" title_is "${TITLES[i]}"; then
      R_SW[i]=$(calc %.2f "$EPOCHREALTIME - $tk")
    else
      R_SW[i]=">$GIVEUP"
      # How long it really took, for the notes; without the screen the
      # switches after it would measure nothing.
      if wait_for "$EXTRA" title_is "${TITLES[i]}"; then
        notes+="${SW_NAMES[i]} shown after $(calc %.1f "$EPOCHREALTIME - $tk") s; "
      else
        notes+="${SW_NAMES[i]} not shown after $((GIVEUP + EXTRA)) s: the switches after it not measured; "
        pane | head -1 | grep -q 'Last contact' && notes+="$(pane | head -1 | sed 's/ *\[To quit.*//'); "
        pane >"$D/screen-$i-${KEYS[i]}.txt"
        break
      fi
    fi
    pane >"$D/screen-$i-${KEYS[i]}.txt"
  done
  R_KBIT=$(calc %.1f "$gbytes * 8 / 1000 / $gsecs")
  # Quit: F10, the pictures counted at exit. The station writes its
  # figures once all it drew is out of its hands; if the line holds that
  # up, the officer's terminal is closed (SIGHUP).
  local tq; tq=$(now)
  ((open)) && away=$(calc %.3f "$away + $tq")
  tm send-keys -t view F10
  if ! wait_for 20 test -s "$STATS"; then
    notes+="F10 not done after 20 s: terminal closed; "
    tm kill-server 2>/dev/null || true
    wait_for 10 test -s "$STATS" || true
  fi
  if [[ -s $STATS ]]; then
    R_PICS=$(sed -n 's/.*"pictures": *\([0-9]*\).*/\1/p' "$STATS")
    R_WROTE=$(awk '{gsub(/[{},:"]/, " "); for (i = 1; i < NF; i++) v[$i] = $(i + 1)}
      END {printf "%.1f", (v["seconds"] > 0 ? v["bytes"] * 8 / 1000 / v["seconds"] : 0)}' "$STATS")
    # Grid time: from F3 to F10, less the time on other screens (the station
    # fetches pictures only for tiles drawn in the last 3 s).
    R_GRIDS=$(calc %.0f "$tq - $tgrid - $away")
    ((R_PICS > 0)) && R_TILE=$(calc %.1f "$NCAM * $R_GRIDS / $R_PICS")
    ((R_PICS == 0)) && notes+="NO pictures arrived; "
  else
    notes+="no stats from the station; "
  fi
  [[ -s $D/station.err ]] && notes+="stderr: $(head -c 200 "$D/station.err" | tr '\n' ' '); "
  R_NOTES=${notes%; }
  close_run
  return 0
}

# --- the chafa peer: 16 tiles drawn whole every 2 s ------------------------------------
write_chafa_loop() {
  cat >"$1/loop.sh" <<'EOF'
#!/bin/bash
# loop.sh REPO DIR CONFIG CAMERAS SECONDS PERIOD ROWS: the cameras' tiles at
# the station's places (a 4x4 grid in 160 columns: 39x9 pictures under a name
# line), each camera's thumbnail drawn whole by chafa, every PERIOD s for
# SECONDS s; a marker on the last line after each repaint; each repaint's
# times (started, written, written out) and size in DIR/repaints.tsv.
set -u
cd "$1" || exit 1
D=$2 conf=$3 ncam=$4 dur=$5 period=$6 rows=$7 e=$'\033'
printf '%s' "${e}[?25l${e}[H${e}[2J"
n=0 start=${EPOCHREALTIME/./}
while (( ${EPOCHREALTIME/./} - start < dur * 1000000 )); do
  t0=$EPOCHREALTIME
  # Every thumbnail fetched and drawn at once (a tile keeps its last
  # picture if its camera has none).
  for ((k = 1; k <= ncam; k++)); do
    { ./canhgac --config "$conf" snapshot --camera "cam$k" -o "$D/cam$k.jpg" >/dev/null \
        && chafa -f symbols -c 240 --symbols block+space+half --size 39x9 --stretch --animate off \
             --threads 1 "$D/cam$k.jpg" >"$D/tile$k.tmp" && mv "$D/tile$k.tmp" "$D/tile$k.txt"; } 2>>"$D/loop.err" &
  done
  wait
  n=$((n + 1))
  for ((k = 1; k <= ncam; k++)); do
    y=$(( ((k - 1) / 4) * 11 + 2 )) x=$(( ((k - 1) % 4) * 40 + 1 ))
    printf '%s' "${e}[0m${e}[$y;${x}H cam$k"
    [[ -s $D/tile$k.txt ]] && awk -v y="$y" -v x="$x" '{printf "\033[%d;%dH%s", y + NR, x, $0}' "$D/tile$k.txt"
  done >"$D/frame"
  printf '%s' "${e}[0m${e}[$rows;1HREPAINT $(printf %05d $n) " >>"$D/frame"
  tw=$EPOCHREALTIME
  cat "$D/frame"
  echo "$n $t0 $tw $EPOCHREALTIME $(stat -c %s "$D/frame")" >>"$D/repaints.tsv"
  left=$(( ${t0/./} + period * 1000000 - ${EPOCHREALTIME/./} ))
  ((left > 0)) && sleep "$((left / 1000000)).$(printf %06d $((left % 1000000)))"
done
echo "end $EPOCHREALTIME $n" >>"$D/repaints.tsv"
exec sleep 3600
EOF
}

run_chafa() {
  local rate=$1 D=$WORK/$1-chafa notes="" remote
  mkdir -p "$D"
  R_CW=- R_CS=- R_CMED=- R_CMAX=- R_CKBIT=- R_CINT=- R_NOTES=""
  write_chafa_loop "$D"
  remote="exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color bash $(q "$D/loop.sh") $(q "$REPO") $(q "$D")"
  remote+=" $(q "$CONF") $NCAM $CHAFA_DUR $CHAFA_PERIOD $ROWS"
  printf 'exec ssh %s -t root@%s %s\n' "$(printf '%q ' "${SSH_OPTS[@]}")" "$NIP" "$(q "$remote")" >"$D/viewer.sh"
  open_view "$D/viewer.sh" "$D/viewer.err"
  # Poll the last line: when each repaint's marker first shows.
  local -A seen=()
  local last=0 m line tend="" wfirst="" tfirst="" wlast="" tlast="" deadline t
  deadline=$(calc %.3f "$EPOCHREALTIME + 60 + $CHAFA_DUR")
  while :; do
    t=$EPOCHREALTIME
    line=$(tm capture-pane -p -t view -S $((ROWS - 1)) -E $((ROWS - 1)) 2>/dev/null || true)
    if [[ $line =~ REPAINT\ ([0-9]{5}) ]]; then
      m=$((10#${BASH_REMATCH[1]}))
      if ((m > last)); then
        for ((k = last + 1; k <= m; k++)); do seen[$k]=$t; done
        last=$m
        if [[ -z $wfirst ]]; then wfirst=$(wire) tfirst=$t; fi
        wlast=$(wire) tlast=$t
      fi
    fi
    if [[ -z $tend ]] && grep -q '^end ' "$D/repaints.tsv" 2>/dev/null; then
      tend=$t
      deadline=$(calc %.3f "$t + $GIVEUP")
    fi
    if [[ -n $tend ]]; then
      local written; written=$(awk '$1 == "end" {print $3}' "$D/repaints.tsv")
      ((last >= written)) && break
    fi
    (($(calc %d "$t > $deadline"))) && break
    pane_dead && { notes+="the session ended early ($(tr '\n' ' ' <"$D/viewer.err" | head -c 200)); "; break; }
    sleep 0.02
  done
  pane >"$D/screen-end.txt"
  if [[ ! -s $D/repaints.tsv ]]; then
    R_NOTES="FAILED: the loop never drew (${notes}$(head -c 200 "$D/loop.err" 2>/dev/null))"
    close_run; return
  fi
  [[ -n $tend ]] || notes+="the loop did not finish in time; "
  R_CW=$(awk '$1 != "end"' "$D/repaints.tsv" | wc -l)
  R_CS=$last
  # Lag of each repaint: its marker on the officer's screen minus the
  # moment the loop began writing it.
  # A repaint that never showed: over the time from its writing to the end
  # of the wait.
  local -a lags=()
  for ((k = 1; k <= R_CW; k++)); do
    tw=$(awk -v n="$k" '$1 == n {print $3}' "$D/repaints.tsv")
    [[ -n $tw ]] || continue
    if [[ -n ${seen[$k]-} ]]; then lags+=("$(calc %.3f "${seen[$k]} - $tw")")
    else lags+=(">$(calc %d "$t - $tw")"); fi
  done
  printf '%s\n' "${lags[@]}" >"$D/lags"
  read -r R_CMED R_CMAX < <(median_worst "${lags[@]}")
  ((R_CS < R_CW)) && notes+="$((R_CW - R_CS)) repaints never reached the viewer; "
  if [[ -n $tfirst && $last -gt 1 ]]; then
    R_CKBIT=$(calc %.1f "($wlast - $wfirst) * 8 / 1000 / ($tlast - $tfirst)")
    R_CINT=$(calc %.1f "($tlast - $tfirst) / ($last - 1)")
  fi
  [[ -s $D/loop.err ]] && notes+="loop stderr: $(head -c 200 "$D/loop.err" | tr '\n' ' '); "
  R_NOTES=${notes%; }
  close_run
  return 0
}

# --- the table ----------------------------------------------------------------------------
# median_worst VALUE...: "median worst" of times in seconds; ">N" is a time
# known only to be over N (a switch given up on, a repaint not seen), which
# sorts after every measured one; "-" is left out.
median_worst() {
  printf '%s\n' "$@" | awk '
    $1 == "-" {next}
    {n++; lb[n] = ($1 ~ /^>/); x[n] = substr($1, lb[n] + 1) + 0; k[n] = x[n] + (lb[n] ? 1e9 : 0)}
    function show(v, over) {return over ? sprintf(">%d", v) : sprintf("%.2f", v)}
    END {
      if (n == 0) {print "- -"; exit}
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (k[j] < k[i]) {
        t = k[i]; k[i] = k[j]; k[j] = t; t = x[i]; x[i] = x[j]; x[j] = t; t = lb[i]; lb[i] = lb[j]; lb[j] = t }
      if (n % 2) med = show(x[(n + 1) / 2], lb[(n + 1) / 2])
      else med = show((x[n / 2] + x[n / 2 + 1]) / 2, lb[n / 2] || lb[n / 2 + 1])
      # Over a bound: over the longest time known, measured or bound.
      for (i = 1; i <= n; i++) if (x[i] > mx) mx = x[i]
      print med, (lb[n] ? show(mx, 1) : show(x[n], 0))
    }'
}
COLS_TSV="date rate_kbit peer start_s grid4x4_s sw_grid_map_s sw_map_grid_s sw_grid_status_s sw_status_grid_s \
sw_grid_help_s sw_help_grid_s switch_median_s switch_worst_s grid_wire_kbitps station_wrote_kbitps \
tile_seen_s grid_seconds pictures tile_made_s \
chafa_repaints_written chafa_repaints_seen chafa_lag_median_s chafa_lag_worst_s chafa_wire_kbitps chafa_s_between_repaints \
tbf notes"
[[ -s $RESULTS ]] || tr ' ' '\t' <<<"$COLS_TSV" >"$RESULTS"
tsv() { local IFS=$'\t'; echo "$*" >>"$RESULTS"; }
SUMMARY=()

line_fmt='%-6s %7s | %6s %6s %6s %6s %6s %6s | %6s %6s | %6s %6s | %5s %5s'
T_ALL=$SECONDS
for rate in "${RATE_LIST[@]}"; do
  shape "$rate"
  echo
  echo "== $rate kbit/s line"
  # shellcheck disable=SC2059
  printf "$line_fmt\n" peer "start s" G-M M-G G-S S-G G-H H-G median worst wire wrote "tile" "tile"
  # shellcheck disable=SC2059
  printf "$line_fmt\n" "" "" "" "" "" "" "" "" "" "" kbit/s kbit/s "seen" "made"
  row_ssh="- - - - -" row_mosh="- - - - -" chafa="- - - - -"
  for peer in "${PEERS[@]}"; do
    alive "$SSHD_PID" || die "sshd in the namespace has died: $(tail -3 "$S/sshd.log")"
    alive "$DMN" || die "canhgacd has died: $(tail -3 "$WORK/canhgacd.log")"
    alive "$SIM" || die "canhgac-camsim has died: $(tail -3 "$WORK/camsim.log")"
    ts=$SECONDS
    if [[ $peer == chafa ]]; then
      run_chafa "$rate"
      printf '%-6s %s repaints written, %s reached the officer; lag median %s s, worst %s s; %s s apart on screen; wire %s kbit/s  (%d s)\n' \
        chafa "$R_CW" "$R_CS" "$R_CMED" "$R_CMAX" "$R_CINT" "$R_CKBIT" $((SECONDS - ts))
      tsv "$(date -u +%FT%TZ)" "$rate" chafa - - - - - - - - - - - - - - - - \
        "$R_CW" "$R_CS" "$R_CMED" "$R_CMAX" "$R_CKBIT" "$R_CINT" "rate ${rate}kbit burst $BURST latency $LATENCY" "$R_NOTES"
      chafa="$R_CMED $R_CMAX $R_CINT $R_CKBIT $R_CS/$R_CW"
    else
      run_station "$peer" "$rate"
      read -r med worst < <(median_worst "${R_SW[@]}")
      # shellcheck disable=SC2059
      printf "$line_fmt  (%d s)\n" "$peer" "$R_START" "${R_SW[@]}" "$med" "$worst" "$R_KBIT" "$R_WROTE" \
        "$R_SEEN" "$R_TILE" $((SECONDS - ts))
      tsv "$(date -u +%FT%TZ)" "$rate" "$peer" "$R_START" "$R_GRID" "${R_SW[@]}" "$med" "$worst" "$R_KBIT" "$R_WROTE" \
        "$R_SEEN" "$R_GRIDS" "$R_PICS" "$R_TILE" - - - - - - "rate ${rate}kbit burst $BURST latency $LATENCY" "$R_NOTES"
      if [[ $peer == ssh ]]; then row_ssh="$med $worst $R_KBIT $R_SEEN $R_TILE"; else row_mosh="$med $worst $R_KBIT $R_SEEN"; fi
    fi
    [[ -n $R_NOTES ]] && echo "       notes: $R_NOTES"
  done
  SUMMARY+=("$rate $row_ssh $row_mosh $chafa")
done

echo
echo "== summary: median / worst of the six switches (s), the Grid's kbit/s on the wire, s between new pictures per tile"
sum_fmt='%6s | %-13s %6s %5s %5s | %-13s %6s %5s | %-13s %6s %6s %5s'
# shellcheck disable=SC2059
printf "$sum_fmt\n" "line" "ssh switch" "kbit/s" "seen" "made" "mosh switch" "kbit/s" "seen" "chafa lag" "apart" "kbit/s" "shown"
for s in "${SUMMARY[@]}"; do
  read -r rate sm sw sk ss st mm mw mk ms cm cw ci ck cr _ <<<"$s"
  # shellcheck disable=SC2059
  printf "$sum_fmt\n" "$rate" "$sm / $sw" "$sk" "$ss" "$st" "$mm / $mw" "$mk" "$ms" "$cm / $cw" "$ci" "$ck" "$cr"
done
echo "run time: $((SECONDS - T_ALL)) s of measuring, $SECONDS s in all"
