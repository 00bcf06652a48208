#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the test job and judge it; the last line printed is the closing
# "N passed, N failed, N skipped". Exits non-zero on any failure.
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
"$HARNESS/run-vm.sh" test "$flavour"
python3 "$HARNESS/summarize.py" \
	"$(integrated_tree)/tools/testing/kunit/kunit.py" \
	"$OUT/$flavour/console.log" "$OUT/$flavour/test.log"
