#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build bzImage and the uapi headers for one flavour, out of tree, with
# ccache. make decides what is stale; nothing is cleaned.
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
tree=$(integrated_tree)
out=$(build_dir "$flavour")
start=$(date +%s)
make -s -C "$tree" O="$out" -j"$JOBS" CC="ccache gcc" bzImage
make -s -C "$tree" O="$out" headers
say "kernel $flavour built in $(( $(date +%s) - start ))s: $out/arch/x86/boot/bzImage"
