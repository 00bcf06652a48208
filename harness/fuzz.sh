#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make fuzz MINUTES=N: boot the debug kernel and run only the fuzzer of
# harness/guest/fuzz.sh for N minutes (default 10): Debian's trinity as
# uid 1000 in a restricted jail, beside canaries it must not reach. The
# verdict is summarize.py's, console splats included; the figures are in
# $OUT/debug/fuzz.log.
. "$(dirname "$0")/common.sh"

minutes=${1:-10}
case $minutes in
''|*[!0-9]*) die "MINUTES=$minutes: a whole number of minutes" ;;
esac
secs=$((minutes * 60))
LSM=landlock,yama,uuidjail VM_TIMEOUT=$((secs + 900)) VM_MEM=${VM_MEM:-2G} \
	EXTRA_CMDLINE="kunit.enable=0 uj_tests=none uj_fuzz=$secs" \
	"$HARNESS/run-vm.sh" test debug fuzz
grep -E '^(ok|not ok) .*fuzz:' "$OUT/debug/fuzz.log" >&2 || true
python3 "$HARNESS/summarize.py" \
	"$(integrated_tree)/tools/testing/kunit/kunit.py" \
	"debug-fuzz:$OUT/debug/fuzz-console.log:$OUT/debug/fuzz.log:nokunit"
