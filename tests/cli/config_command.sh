#!/bin/sh
# `canhgac config`: where the configuration comes from, and what an
# officer sees when it is wrong.
. "$(dirname "$0")/lib.sh"

cat > "$TMP/good.conf" <<'CONF'
[daemon]
data_dir = store
[capture]
segment_seconds = 30
[storage]
quota = 500G
full_rate_days = 0.5d
CONF

# --config before the sub-command.
run_status 0 "$CANHGAC" --config "$TMP/good.conf" config
expect_contains "$TMP/out" "# $TMP/good.conf"
expect_contains "$TMP/out" "data_dir = $TMP/store"
expect_contains "$TMP/out" "segment_seconds = 30s"
expect_contains "$TMP/out" "stall_seconds = 10s"
expect_contains "$TMP/out" "quota = 500G"
expect_contains "$TMP/out" "full_rate_days = 12h"
cp "$TMP/out" "$TMP/shown.conf"

# What it shows is itself a valid configuration with the same values.
run_status 0 "$CANHGAC" --config "$TMP/shown.conf" config
tail -n +2 "$TMP/out" > "$TMP/a"; tail -n +2 "$TMP/shown.conf" > "$TMP/b"
cmp -s "$TMP/a" "$TMP/b" || fail "config output does not read back the same"

run_status 0 "$CANHGAC" --config "$TMP/good.conf" config --check
expect_contains "$TMP/out" "the configuration is valid"

# $CANHGAC_CONFIG, and --config wins over it.
CANHGAC_CONFIG="$TMP/good.conf" run_status 0 "$CANHGAC" config
expect_contains "$TMP/out" "segment_seconds = 30s"
printf '[capture]\nsegment_seconds = 45s\n' > "$TMP/other.conf"
CANHGAC_CONFIG="$TMP/good.conf" run_status 0 "$CANHGAC" --config "$TMP/other.conf" config
expect_contains "$TMP/out" "segment_seconds = 45s"

# A named file that does not exist.
run_status 1 "$CANHGAC" --config "$TMP/missing.conf" config
expect_contains "$TMP/err" "$TMP/missing.conf"
CANHGAC_CONFIG="$TMP/missing.conf" run_status 1 "$CANHGAC" config
expect_contains "$TMP/err" "$TMP/missing.conf"

# Bad values: file, group, key, value and what is accepted.
printf '[storage]\nquota = 150%%\n' > "$TMP/bad1.conf"
run_status 1 "$CANHGAC" --config "$TMP/bad1.conf" config
expect_contains "$TMP/err" "$TMP/bad1.conf: [storage] quota = “150%”"
expect_contains "$TMP/err" "up to 100%"
expect_not_contains "$TMP/out" "quota"

printf '[capture]\nstall_seconds = 0.2s\n' > "$TMP/bad2.conf"
run_status 1 "$CANHGAC" --config "$TMP/bad2.conf" config
expect_contains "$TMP/err" "[capture] stall_seconds = “0.2s”"
expect_contains "$TMP/err" "from 1s to 10m"

printf '[capture]\nsegment_second = 60\n' > "$TMP/bad3.conf"
run_status 1 "$CANHGAC" --config "$TMP/bad3.conf" config
expect_contains "$TMP/err" "“segment_second”"
expect_contains "$TMP/err" "segment_seconds, stall_seconds"

printf 'garbage without a group\n' > "$TMP/bad4.conf"
run_status 1 "$CANHGAC" --config "$TMP/bad4.conf" config
expect_contains "$TMP/err" "$TMP/bad4.conf"

# A directory given as the file.
run_status 1 "$CANHGAC" --config "$TMP" config
expect_contains "$TMP/err" "$TMP"

run_status 2 "$CANHGAC" --config "$TMP/good.conf" config --bogus
expect_contains "$TMP/err" "--bogus"

# The example configuration shipped in data/ is valid.
run_status 0 "$CANHGAC" --config "$top_srcdir/data/canhgac.conf" config --check
exit 0
