#!/bin/sh
# canhgac-camsim serves H.264 and H.265 cameras, with AAC or G.711 audio
# if asked, on a free loopback port, announces them, obeys stop/start on
# stdin, and stops on SIGTERM.
. "$(dirname "$0")/lib.sh"

command -v ffprobe >/dev/null 2>&1 || skip "ffprobe (from ffmpeg) is not installed"
command -v timeout >/dev/null 2>&1 || skip "timeout (from coreutils) is not installed"

run_status 0 "$CAMSIM" --help
expect_contains "$TMP/out" "--fault"
run_status 2 "$CAMSIM" --fault cam1:explode
expect_contains "$TMP/err" "unknown kind 'explode'"
run_status 2 "$CAMSIM" --cameras 2 --fault cam3:drop
expect_contains "$TMP/err" "cam3"
run_status 2 "$CAMSIM" --size 1280
expect_contains "$TMP/err" "--size"
run_status 2 "$CAMSIM" --audio mp3
expect_contains "$TMP/err" "unknown audio codec 'mp3'"
run_status 2 "$CAMSIM" --audio aac --clip /nonexistent.mp4
expect_contains "$TMP/err" "--clip"
run_status 0 "$CAMSIM" --help
expect_contains "$TMP/out" "--path=CAM:PATH"
run_status 2 "$CAMSIM" --path cam1:Streaming
expect_contains "$TMP/err" "invalid value 'cam1:Streaming' for --path"
run_status 2 "$CAMSIM" --cameras 2 --path cam3:/x
expect_contains "$TMP/err" "--path names cam3, but there are only 2 cameras"
run_status 2 "$CAMSIM" --cameras 2 --path 'cam1:/live?ch=1' --path 'cam2:/live?ch=2'
expect_contains "$TMP/err" "two cameras cannot share the path /live"

# start_camsim NAME ARGS... — runs camsim with stdin from the fifo
# $TMP/NAME.in, waits for "ready"; sets $pid and $base (rtsp://host:port/).
start_camsim () {
  name=$1; shift
  mkfifo "$TMP/$name.in"
  timeout 120 "$CAMSIM" --port 0 "$@" <"$TMP/$name.in" >"$TMP/$name.out" 2>"$TMP/$name.err" &
  pid=$!; CG_PIDS="$CG_PIDS $pid"
  exec 3>"$TMP/$name.in"
  wait_for 60 grep -qx ready "$TMP/$name.out" \
    || { cat "$TMP/$name.err" >&2; fail "canhgac-camsim $* did not get ready"; }
  base=$(head -n 1 "$TMP/$name.out" | sed 's,cam1$,,')
  case "$base" in rtsp://127.0.0.1:*/) ;; *) fail "unexpected first line: $base" ;; esac
}

# probe URL — codec_name,width,height of the first video stream.
probe () {
  timeout 20 ffprobe -v error -rtsp_transport tcp -select_streams v:0 \
    -show_entries stream=codec_name,width,height -of csv=p=0 "$1" 2>&1
}

# probe_audio URL — codec_name,sample_rate,channels of the first audio stream.
probe_audio () {
  timeout 20 ffprobe -v error -rtsp_transport tcp -select_streams a:0 \
    -show_entries stream=codec_name,sample_rate,channels -of csv=p=0 "$1" 2>&1
}

# stop_camsim — SIGTERM to the last one started, and wait for it.
stop_camsim () {
  kill -TERM "$pid"
  wait "$pid"
  exec 3>&-
}

start_camsim h264 --cameras 2 --size 640x360
[ "$(grep -c '^rtsp://' "$TMP/h264.out")" = 2 ] || fail "expected two camera URLs"
expect_contains "$TMP/h264.out" "${base}cam2"
[ "$(probe "${base}cam1")" = "h264,640,360" ] || fail "cam1: $(probe "${base}cam1")"
[ "$(probe "${base}cam2")" = "h264,640,360" ] || fail "cam2: $(probe "${base}cam2")"
[ -n "$(probe "${base}cam3" | grep '404')" ] || fail "cam3 should not exist"

# A camera taken offline answers 404 and comes back.
echo "stop cam2" >&3
wait_for 10 grep -qx "ok stop cam2" "$TMP/h264.out" || fail "no reply to 'stop cam2'"
probe "${base}cam2" | grep -q 404 || fail "cam2 still served after 'stop cam2'"
echo "start cam2" >&3
wait_for 10 grep -qx "ok start cam2" "$TMP/h264.out" || fail "no reply to 'start cam2'"
[ "$(probe "${base}cam2")" = "h264,640,360" ] || fail "cam2 did not come back"

start=$(date +%s)
kill -TERM "$pid"
wait "$pid"; rc=$?
exec 3>&-
[ "$rc" = 0 ] || fail "canhgac-camsim exited $rc on SIGTERM"
[ $(( $(date +%s) - start )) -le 5 ] || fail "canhgac-camsim took more than 5 s to stop"

start_camsim h265 --cameras 1 --codec h265 --size 320x240 --gop 1 --loop 1
[ "$(probe "${base}cam1")" = "hevc,320,240" ] || fail "h265 cam1: $(probe "${base}cam1")"
[ -z "$(probe_audio "${base}cam1")" ] || fail "h265 cam1 has audio without --audio"
stop_camsim

# A second track, and the video still there.
start_camsim aac --cameras 2 --size 320x240 --gop 1 --loop 1 --audio aac
[ "$(probe_audio "${base}cam2")" = "aac,16000,1" ] || fail "aac cam2: $(probe_audio "${base}cam2")"
[ "$(probe "${base}cam2")" = "h264,320,240" ] || fail "aac cam2 video: $(probe "${base}cam2")"
stop_camsim

start_camsim pcmu --cameras 1 --size 320x240 --gop 1 --loop 1 --audio pcmu
[ "$(probe_audio "${base}cam1")" = "pcm_mulaw,8000,1" ] \
  || fail "pcmu cam1: $(probe_audio "${base}cam1")"
stop_camsim
exit 0
