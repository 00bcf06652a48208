#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build bzImage and the uapi headers for one flavour, out of tree, with
# ccache. make decides what is stale; nothing is cleaned. A flavour whose
# list says ARCH=i386 builds a 32-bit x86 kernel (bzImage too).
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
tree=$(integrated_tree)
out=$(build_dir "$flavour")
list=$HARNESS/configs/$flavour.list
[ -f "$list" ] || die "unknown flavour $flavour (no $list)"
mapfile -t kvars < <(grep -E '^(ARCH|CROSS_COMPILE)=' "$list" || true)
case $(sed -n 's/^ARCH=//p' "$list") in
''|x86|x86_64|i386) ;;
*) die "flavour $flavour: only x86 kernels are booted" ;;
esac
start=$(date +%s)
make -s -C "$tree" O="$out" -j"$JOBS" "${kvars[@]}" CC="ccache gcc" bzImage
make -s -C "$tree" O="$out" "${kvars[@]}" headers
say "kernel $flavour built in $(( $(date +%s) - start ))s: $out/arch/x86/boot/bzImage"
