#!/bin/sh
# An AAC audio track is recorded beside the video; G.711, which MPEG-TS
# cannot hold, is left out while the picture is recorded.
. "$(dirname "$0")/lib.sh"

start_camsim --cameras 1 --size 320x240 --gop 1 --audio aac
aac_port=$PORT
write_config 5s 3s
start_daemon
add_camera "Có tiếng" "rtsp://127.0.0.1:$aac_port/cam1"

"$CAMSIM" --port 0 --cameras 1 --size 320x240 --gop 1 --audio pcmu >"$TMP/pcmu.out" 2>"$TMP/pcmu.log" &
CG_PIDS="$CG_PIDS $!"
wait_for 60 grep -qx ready "$TMP/pcmu.out" || fail "second camsim did not start"
pcmu_port=$(sed -n 's|^rtsp://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$TMP/pcmu.out" | head -n 1)
add_camera "G711" "rtsp://127.0.0.1:$pcmu_port/cam1"

wait_for 10 state_is "Có tiếng" recording || fail "AAC camera not recording: $($CG status)"
wait_for 10 state_is "G711" recording || fail "G.711 camera not recording: $($CG status)"
sleep 12
stop_daemon

cam=$(sql "SELECT id FROM cameras WHERE name = 'Có tiếng'")
[ "$(sql "SELECT count(*) FROM segments WHERE camera_id = $cam AND has_audio = 0")" = 0 ] || fail "segments without audio"
sql "SELECT path, (end_us - start_us) / 1e6 FROM segments WHERE camera_id = $cam" | while IFS='|' read -r p secs; do
  codecs=$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$TMP/data/$p" | grep -v '^$' | sort -u | tr '\n' ' ')
  [ "$codecs" = "aac h264 " ] || fail "$p holds: $codecs"
  adur=$(ffprobe -v error -select_streams a:0 -show_entries packet=pts_time -of csv=p=0 "$TMP/data/$p" | cut -d, -f1 | grep -v '^$' | sed -n '1p;$p' | tr '\n' ' ')
  python3 -c "import sys; a, b = map(float, '$adur'.split()); sys.exit(abs((b - a) - $secs) > 1.0)" \
    || fail "$p: audio spans $adur, the segment $secs s"
done || exit 1

cam=$(sql "SELECT id FROM cameras WHERE name = 'G711'")
p=$(sql "SELECT path FROM segments WHERE camera_id = $cam LIMIT 1")
codecs=$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$TMP/data/$p" | grep -v '^$' | sort -u | tr '\n' ' ')
[ "$codecs" = "h264 " ] || fail "G.711 camera's segment holds: $codecs"
[ "$(grep -c 'pcm_mulaw audio is not recorded' "$TMP/daemon.log")" = 1 ] || fail "the G.711 audio was not reported once"
exit 0
