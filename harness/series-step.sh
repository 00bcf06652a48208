#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# One step of series.sh --build, run in the series repository after each
# commit: build security/uuidjail/ with W=1 and check that its objects
# define every uuidjail symbol they use (vmlinux is not linked at each
# step; the rest of the kernel is the pristine one, already built); and
# build the kselftests as far as this step has them, with no warning.
# A step that changes neither skips that part: it builds what the step
# before built.
# SERIES_BUILD is the build directory, SERIES_CONFIG the configuration.
set -euo pipefail

log=$(mktemp)
trap 'rm -f "$log"' EXIT
repo=$PWD

changed() {
	[ "$SERIES_STEP" = 1 ] || ! git -C "$repo" diff --quiet HEAD~1 HEAD -- "$@"
}

# Fail the step if the command failed or printed anything but make's
# directory lines and the selftests' "  CC  PROGRAM" lines.
quiet_or_fail() {
	if ! "$@" > "$log" 2>&1 ||
			grep -Ev '^(make\[[0-9]*\]: |  CC +[^ ]+$)' "$log" |
			grep -q .; then
		echo "patch $SERIES_STEP ($SERIES_SUBJECT) does not build cleanly:"
		cat "$log"
		exit 1
	fi >&2
}

kmake() {
	make -s O="$SERIES_BUILD" -j"${JOBS:-$(nproc)}" CC="ccache gcc" "$@"
}

build_lsm() {
	# The base configuration, as far as this step's Kconfig knows it.
	# Only a step that changes a Kconfig file needs it again: rewriting
	# .config makes make check the whole tree's configuration again (half
	# a minute).
	if [ ! -e "$SERIES_BUILD/.config" ] || changed '*Kconfig*'; then
		cp "$SERIES_CONFIG" "$SERIES_BUILD/.config"
		kmake olddefconfig >/dev/null
	fi
	quiet_or_fail kmake W=1 security/uuidjail/

	# The objects this step links: those the Makefile lists for this
	# config.
	local objs undefined defined missing
	objs=$(make -s -f - O="$SERIES_BUILD" <<'EOF'
include $(O)/include/config/auto.conf
include security/uuidjail/Makefile
all:
	@echo $(uuidjail-y)
EOF
)
	# shellcheck disable=SC2086
	undefined=$(cd "$SERIES_BUILD/security/uuidjail" && nm -u $objs |
		awk '$2 ~ /^uuidjail_/ { print $2 }' | sort -u)
	# shellcheck disable=SC2086
	defined=$(cd "$SERIES_BUILD/security/uuidjail" &&
		nm --defined-only $objs | awk '{ print $3 }' | sort -u)
	missing=$(comm -23 <(echo "$undefined") <(echo "$defined") | grep . ||
		true)
	if [ -n "$missing" ]; then
		# shellcheck disable=SC2086
		echo "patch $SERIES_STEP ($SERIES_SUBJECT) uses undefined" \
			"symbols:" $missing >&2
		exit 1
	fi
}

# The kselftests of this step, against this step's uapi headers, into a
# directory of their own (make rebuilds what a step changed).
build_selftests() {
	local out=$SERIES_BUILD/series-selftests
	if [ ! -e "$SERIES_BUILD/usr/include/linux/lsm.h" ] ||
			changed include/uapi; then
		kmake headers_install >/dev/null
	fi
	mkdir -p "$out"
	quiet_or_fail make -s -C tools/testing/selftests/uuidjail \
		OUTPUT="$out" \
		KHDR_INCLUDES="-isystem $SERIES_BUILD/usr/include"
}

if [ -d security/uuidjail ] && changed security include; then
	build_lsm
fi
if [ -d tools/testing/selftests/uuidjail ] &&
		changed tools/testing/selftests/uuidjail tools/uuidjail; then
	build_selftests
fi
