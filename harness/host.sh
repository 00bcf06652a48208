#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make host: the real-host boot. The host flavour's kernel
# (harness/configs/host.list) is packaged by deb.sh, installed with dpkg
# into the Debian image of host-image.sh (systemd, libvirt, qemu, swtpm),
# and booted with Debian's lsm= list plus uuidjail; the image's test
# service reports on $OUT/host/host.log, whose last line is printed.
. "$(dirname "$0")/common.sh"

# Debian 7.3's built-in list, with uuidjail after yama as make deb puts it.
lsm=landlock,lockdown,yama,uuidjail,loadpin,safesetid,integrity,apparmor,selinux,smack,tomoyo,bpf,ipe

"$HARNESS/configure.sh" host
deb=$("$HARNESS/deb.sh" "$(build_dir host)/.config" | grep '/linux-image-' | head -n1)
[ -n "$deb" ] || die "no kernel package"
img=$("$HARNESS/host-image.sh" "$deb" | tail -n1)
kernel=$(ls "${img%/*}"/vmlinuz-*-uuidjail | head -n1)
[ -f "$kernel" ] || die "the image has no uuidjail kernel in /boot"
HOST_TAG=host "$HARNESS/host-boot.sh" "$img" "$kernel" "" "lsm=$lsm"
tail -n1 "$OUT/host/host.log"
