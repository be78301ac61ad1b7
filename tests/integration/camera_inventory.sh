#!/bin/sh
# A camera's inventory from the command line, in Vietnamese: who paid
# (funding, donor), who hosts it (household or business, name, address,
# phone), who gives power and the line (and the line's plan), when it
# was installed, what it is (brand, model, serial), the warranty's last
# day, notes.  Every option kept and shown; every bad value refused with
# its own words and nothing changed; a viewer reads the inventory but
# never the password; each change is in the audit log.
. "$(dirname "$0")/lib.sh"

loc=$(vi_locale) || exit $?
write_config 10s 3s
# A viewer (nobody, group nogroup) reaches the configuration and the
# socket: see camera_command.sh.
chmod 0711 "$TMP"
mkdir -m 0755 "$TMP/run"
cat > "$TMP/cg.conf" <<CONF
[daemon]
data_dir = $TMP/data
socket = $TMP/run/cg.sock
group = nogroup
[roles]
viewer = nogroup
CONF
chmod 0644 "$TMP/cg.conf"
vi () { env LANG="$loc" LC_ALL="$loc" LANGUAGE= $CG camera "$@"; }
viewer () { env LANG="$loc" LC_ALL="$loc" LANGUAGE= setpriv --reuid=65534 --regid=65534 --clear-groups $CG camera "$@"; }

start_daemon
[ "$(sql "PRAGMA user_version")" -ge 13 ] || fail "schema $(sql "PRAGMA user_version") is older than 13"
run_status 0 vi add --name "Cổng chợ" --url rtsp://127.0.0.1:9/cam1 --user admin --password-stdin <<PW
Bimat-789
PW

# --help names every option; --host-name is still read but not shown.
run_status 0 vi edit --help
for o in --donor --host-kind --host --host-address --network-plan --brand --model --serial \
         --warranty-until --notes; do
  expect_contains "$TMP/out" "$o "
done
expect_not_contains "$TMP/out" "--host-name"

# Every option at once.
notes=$(printf 'Dây điện đi qua mái tôn.\nGọi trước 8 giờ sáng.')
run_status 0 vi edit "Cổng chợ" --funding community --donor "Ông Năm" --host-kind business \
  --host "Tiệm vàng Kim Thành" --host-address "Số 12, thôn Đông" --host-phone "0912.345.678" \
  --power-by "tiệm vàng" --network-by "tiệm vàng" --network-plan "VNPT 30 Mbps" \
  --installed 15/03/2024 --brand Hikvision --model DS-2CD1023G0E-I --serial F12345678 \
  --warranty-until 15/03/2025 --notes "$notes"
expect_contains "$TMP/out" "Cổng chợ"

run_status 0 vi show "Cổng chợ"
cp "$TMP/out" "$TMP/shown"
for line in "Tài sản/Kiểm kê:" "Nguồn kinh phí: xã hội hóa" "Nhà tài trợ: Ông Năm" \
            "Đặt tại: cơ sở kinh doanh" "Hộ/cơ sở đặt camera: Tiệm vàng Kim Thành" \
            "Địa chỉ: Số 12, thôn Đông" "Điện thoại: 0912.345.678" "Cấp điện: tiệm vàng" \
            "Cấp đường truyền: tiệm vàng" "Gói cước: VNPT 30 Mbps" "Ngày lắp đặt: 15/03/2024" \
            "Hãng: Hikvision" "Model: DS-2CD1023G0E-I" "Số sê-ri: F12345678" \
            "Hạn bảo hành: 15/03/2025 (đã hết hạn)" "Ghi chú: Dây điện đi qua mái tôn."; do
  # Labels are padded to one width: squeeze the spaces.
  tr -s ' ' < "$TMP/shown" | grep -qF -- "$line" || { cat "$TMP/shown" >&2; fail "camera show lacks “$line”"; }
done
# The notes' second line goes on under the first.
grep -q "^ *Gọi trước 8 giờ sáng\.$" "$TMP/shown" || { cat "$TMP/shown" >&2; fail "the notes' second line"; }
# The inventory after the rest, under its heading.
inv=$(grep -n "Tài sản/Kiểm kê:" "$TMP/shown" | cut -d: -f1)
addr=$(grep -n "^Địa chỉ camera\|^Address\|rtsp://127.0.0.1:9" "$TMP/shown" | head -n 1 | cut -d: -f1)
[ "$inv" -gt "$addr" ] || fail "the inventory is not a group of its own"

run_status 0 $CG camera show "Cổng chợ" --json
cp "$TMP/out" "$TMP/before.json"
python3 - "$TMP/before.json" <<'PY' || fail "camera show --json lacks the inventory"
import json, sys
d = json.load(open(sys.argv[1]))
want = {"funding": "community", "donor": "Ông Năm", "host_kind": "business",
        "host_name": "Tiệm vàng Kim Thành", "host_address": "Số 12, thôn Đông",
        "host_phone": "0912.345.678", "power_by": "tiệm vàng", "network_by": "tiệm vàng",
        "network_plan": "VNPT 30 Mbps", "installed": "2024-03-15", "brand": "Hikvision",
        "model": "DS-2CD1023G0E-I", "serial": "F12345678", "warranty_until": "2025-03-15",
        "notes": "Dây điện đi qua mái tôn.\nGọi trước 8 giờ sáng."}
for k, v in want.items():
    assert d.get(k) == v, (k, d.get(k))
PY
[ "$(sql "SELECT count(*) FROM audit WHERE action = 'camera.update' AND object = 'Cổng chợ' AND detail LIKE '%warranty_until%' AND detail LIKE '%host_kind%' AND detail LIKE '%notes%'")" = 1 ] \
  || fail "no audit row naming the inventory's fields: $(sql "SELECT action, object, detail FROM audit")"
audits=$(sql "SELECT count(*) FROM audit WHERE action = 'camera.update'")

# refused EXPECTED-MESSAGE OPTION... — exit 1 or 2, the message in
# Vietnamese, the camera as it was, no audit row.
refused () {
  want=$1; shift
  vi edit "Cổng chợ" "$@" >"$TMP/out" 2>"$TMP/err"
  rc=$?
  [ "$rc" = 1 ] || [ "$rc" = 2 ] || { cat "$TMP/err" >&2; fail "$* exited $rc"; }
  expect_contains "$TMP/err" "$want"
  $CG camera show "Cổng chợ" --json > "$TMP/after.json" || fail "camera show --json"
  cmp -s "$TMP/before.json" "$TMP/after.json" || fail "$* changed the camera"
  [ "$(sql "SELECT count(*) FROM audit WHERE action = 'camera.update'")" = "$audits" ] || fail "$* was audited"
}
refused "“31/02/2026” không phải là ngày hết hạn bảo hành hợp lệ" --warranty-until 31/02/2026
refused "hạn bảo hành (01/01/2024) sớm hơn ngày lắp đặt camera (15/03/2024)" --warranty-until 01/01/2024
refused "hạn bảo hành (14/03/2024) sớm hơn ngày lắp đặt camera (16/03/2024)" --warranty-until 14/03/2024 --installed 16/03/2024
refused "“09ab 123” không phải số điện thoại" --host-phone "09ab 123"
refused "hãng camera chứa ký tự điều khiển hoặc dấu xuống dòng" --brand "$(printf 'Hik\tvision')"
refused "nhà tài trợ chỉ ghi cho camera xã hội hóa" --funding budget
refused "ghi chú chứa ký tự điều khiển (chỉ được xuống dòng)" --notes "$(printf 'chuông\007')"
refused "nội dung sau --serial không phải văn bản UTF-8 hợp lệ" --serial "$(printf 'F12\377')"
refused "model camera quá dài: tối đa 200 ký tự" --model "$(head -c 201 /dev/zero | tr '\0' x)"
refused "ghi chú quá dài: tối đa 1000 ký tự" --notes "$(head -c 1001 /dev/zero | tr '\0' x)"
refused "--host-kind" --host-kind shop
# Everything typed at once, one refused: nothing of it kept.
refused "không phải số điện thoại" --brand Dahua --host-phone "không có"

# The limits themselves pass; a budget camera without a donor; the
# older --host-name; "" clears.
run_status 0 vi edit "Cổng chợ" --notes "$(head -c 1000 /dev/zero | tr '\0' x)"
run_status 0 vi edit "Cổng chợ" --funding budget --donor ""
run_status 0 vi edit "Cổng chợ" --host-name "Nhà ông Ba" --warranty-until "" --notes ""
run_status 0 $CG camera show "Cổng chợ" --json
[ "$(json_get "d['host_name'], d['funding'], d['donor'], d['warranty_until'], d['notes']" < "$TMP/out")" = "Nhà ông Ba budget None None None" ] \
  || fail "not kept: $(cat "$TMP/out")"
run_status 0 vi edit "Cổng chợ" --warranty-until 2099-12-31
run_status 0 vi show "Cổng chợ"
tr -s ' ' < "$TMP/out" | grep -qF "Hạn bảo hành: 31/12/2099" || fail "the warranty's end"
expect_not_contains "$TMP/out" "đã hết hạn"

# A viewer reads the inventory, never the login.
run_status 0 viewer show "Cổng chợ"
tr -s ' ' < "$TMP/out" | grep -qF "Hộ/cơ sở đặt camera: Nhà ông Ba" || { cat "$TMP/out" >&2; fail "a viewer does not see the inventory"; }
expect_contains "$TMP/out" "Tài sản/Kiểm kê:"
expect_not_contains "$TMP/out" "Bimat-789"
expect_not_contains "$TMP/out" "admin"
run_status 0 viewer show "Cổng chợ" --json
expect_not_contains "$TMP/out" "Bimat-789"
expect_not_contains "$TMP/out" '"password"'
[ "$(json_get "d['host_name'] + '|' + d['model']" < "$TMP/out")" = "Nhà ông Ba|DS-2CD1023G0E-I" ] || fail "viewer's JSON: $(cat "$TMP/out")"
# and cannot change it.
run_status 1 viewer edit "Cổng chợ" --brand Dahua
