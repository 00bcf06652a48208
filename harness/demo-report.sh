#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Print what the demo job observed, and fail if it did not finish cleanly.
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
log=$OUT/$flavour/demo.log
tr -d '\r' < "$log" | grep -v '^UUIDJAIL-DONE$' | grep -v '^### exit'
[ "$(grep -c '^### exit 0' "$log")" = 3 ] && grep -q '^UUIDJAIL-DONE' "$log" ||
	die "the demo did not finish cleanly; console: $OUT/$flavour/console.log"
