#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Prove, with Debian's own kernel, that the host image boots and that its
# libvirt runs guests (the image has no kernel of its own):
#
# 1. a throw-away variant of the image with linux-image-amd64 installed
#    (host-image.sh linux-image-amd64: the same packages and set-up, plus
#    the kernel, its modules and initramfs-tools; cached on its own),
#    booted with its kernel and initrd: every module is at hand, and the
#    report lists those that got loaded;
# 2. the image itself, booted with that kernel and initrd: no modules but
#    the initrd's (virtio-blk, ext4), as a kernel with all it needs built
#    in would see it.
#
# Reports: $OUT/host/debian-full.log and $OUT/host/debian-image.log (the
# consoles beside them, *-console.log). Exits non-zero unless both VMs
# finished and reported no failure.
. "$(dirname "$0")/../common.sh"

img=$("$HARNESS/host-image.sh" | tail -n1)
variant=$("$HARNESS/host-image.sh" linux-image-amd64 | tail -n1)
kernel=$(ls "${variant%/*}"/vmlinuz-* | head -n1)
initrd=$(ls "${variant%/*}"/initrd.img-* | head -n1)

rc=0
for boot in "debian-full $variant" "debian-image $img"; do
	read -r tag image <<< "$boot"
	HOST_TAG=$tag "$HARNESS/host-boot.sh" "$image" "$kernel" "$initrd" || rc=1
	tail -n1 "$OUT/host/$tag.log" 2>/dev/null | grep -q ' 0 failed' || rc=1
done
exit "$rc"
