#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# mmdebstrap customize hook of the host image: configure what a boot under
# QEMU needs. $1 is the root directory; mmdebstrap (root mode) has /proc,
# /sys and /dev mounted in it, so chroot works.
#
# Root file system on /dev/vda (virtio-blk), no network, the kernel
# console on ttyS0 (from the command line), a test service that writes to
# ttyS1 and powers the machine off, root without password, and "user"
# (uid 1000) for libvirt's session daemon.
set -eu
root=$1
here=$(dirname "$0")

# rootfs/: the test unit (the test itself comes with each boot, see
# harness/host.sh) and a systemd drop-in (cp keeps the
# executable bits; the owner is root).
cp -R "$here/rootfs/." "$root/"

echo uuidjail-host > "$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\tuuidjail-host\n' > "$root/etc/hosts"
# No fsck pass: e2fsprogs is not in the image, and QEMU opens it with
# snapshot=on, so it is never left dirty.
printf '/dev/vda\t/\text4\trw,errors=remount-ro\t0\t0\n' > "$root/etc/fstab"
# mmdebstrap copied the build machine's; there is no network here.
rm -f "$root/etc/resolv.conf"

chroot "$root" passwd --delete root >/dev/null
chroot "$root" useradd --create-home --uid 1000 --shell /bin/bash user
# Lingering: logind starts user@1000.service (and /run/user/1000) at
# boot, as "loginctl enable-linger user" would.
mkdir -p "$root/var/lib/systemd/linger"
touch "$root/var/lib/systemd/linger/user"

chroot "$root" systemctl enable uuidjail-host-test.service
