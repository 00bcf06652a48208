#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# One step of series.sh --build, run in the series repository after each
# commit: build security/uuidjail/ with W=1 and check that its objects
# define every uuidjail symbol they use (vmlinux is not linked at each
# step; the rest of the kernel is the pristine one, already built).
# SERIES_BUILD is the build directory, SERIES_CONFIG the configuration.
set -euo pipefail

[ -d security/uuidjail ] || exit 0	# before the LSM's own files
# A patch that changes neither the kernel's code nor its configuration
# (selftests, tools, documentation) builds what the one before built.
if [ "$SERIES_STEP" != 1 ] &&
		git diff --quiet HEAD~1 HEAD -- security include; then
	exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# The base configuration, as far as this step's Kconfig knows it. Only a
# step that changes a Kconfig file needs it again: rewriting .config makes
# make check the whole tree's configuration again (half a minute).
if [ "$SERIES_STEP" = 1 ] || [ ! -e "$SERIES_BUILD/.config" ] ||
		! git diff --quiet HEAD~1 HEAD -- '*Kconfig*'; then
	cp "$SERIES_CONFIG" "$SERIES_BUILD/.config"
	make -s O="$SERIES_BUILD" -j"${JOBS:-$(nproc)}" CC="ccache gcc" \
		olddefconfig >/dev/null
fi
if ! make -s O="$SERIES_BUILD" -j"${JOBS:-$(nproc)}" CC="ccache gcc" W=1 \
		security/uuidjail/ > "$log" 2>&1 ||
		grep -v '^make\[[0-9]*\]: ' "$log" | grep -q .; then
	echo "patch $SERIES_STEP ($SERIES_SUBJECT) does not build cleanly:"
	cat "$log"
	exit 1
fi >&2

# The objects this step links: those the Makefile lists for this config.
objs=$(make -s -f - O="$SERIES_BUILD" <<'EOF'
include $(O)/include/config/auto.conf
include security/uuidjail/Makefile
all:
	@echo $(uuidjail-y)
EOF
)
cd "$SERIES_BUILD/security/uuidjail"
# shellcheck disable=SC2086
undefined=$(nm -u $objs | awk '$2 ~ /^uuidjail_/ { print $2 }' | sort -u)
defined=$(nm --defined-only $objs | awk '{ print $3 }' | sort -u)
missing=$(comm -23 <(echo "$undefined") <(echo "$defined") | grep . || true)
if [ -n "$missing" ]; then
	echo "patch $SERIES_STEP ($SERIES_SUBJECT) uses undefined symbols:" \
		$missing >&2
	exit 1
fi
