#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the host image (harness/host-image.sh) with a given kernel under
# QEMU (TCG: no KVM is assumed). In it, uuidjail-host-test.service runs the
# host test and powers the machine off.
#
#   host-boot.sh IMG KERNEL [INITRD] [APPEND...]
#
# INITRD is taken as one when it is a file ("" for none: a kernel with
# virtio-blk and ext4 built in needs none); APPEND is added to the command
# line. The image is opened with snapshot=on: the cached file is never
# written. The kernel console (ttyS0) goes to $OUT/host/TAG-console.log,
# the test's report (ttyS1) to $OUT/host/TAG.log (HOST_TAG, default test).
# Exits 0 when the VM finished, whatever the test said (its verdict is the
# report's last line); 124 when the hard timeout (HOST_TIMEOUT, 1200 s)
# stopped it, QEMU's status when QEMU failed. VM_SMP= and VM_MEM= set the
# CPUs (2) and memory (4G), QEMU_CPU= the CPU model, QEMU_EXTRA= more
# QEMU options. HOST_DISK2= a file to attach, read-only, as /dev/vdb (the
# payload of harness/host.sh).
. "$(dirname "$0")/common.sh"

[ $# -ge 2 ] || die "usage: host-boot.sh IMG KERNEL [INITRD] [APPEND...]"
img=$1 kernel=$2
shift 2
initrd=()
if [ $# -gt 0 ] && { [ -z "$1" ] || [ -f "$1" ]; }; then
	[ -z "$1" ] || initrd=(-initrd "$1")
	shift
fi
[ -f "$img" ] || die "no image at $img"
[ -f "$kernel" ] || die "no kernel at $kernel"
if ! command -v qemu-system-x86_64 >/dev/null; then
	say "installing qemu-system-x86"
	DEBIAN_FRONTEND=noninteractive apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends qemu-system-x86
fi

tag=${HOST_TAG:-test}
timeout=${HOST_TIMEOUT:-1200}
dir=$OUT/host
mkdir -p "$dir"
rm -f "$dir/$tag-console.log" "$dir/$tag.log"

# No LA57: see run-vm.sh. Guests of the image's libvirt run under TCG
# inside this TCG machine: they need memory (4G) more than speed. No NIC:
# nothing in the image uses a network.
qemu=(qemu-system-x86_64 -machine pc -cpu "${QEMU_CPU:-max,la57=off}"
      -smp "${VM_SMP:-2}" -m "${VM_MEM:-4G}" ${QEMU_EXTRA:-}
      -display none -monitor none -no-reboot -nic none
      -drive "file=$img,format=raw,if=virtio,snapshot=on"
      ${HOST_DISK2:+-drive "file=$HOST_DISK2,format=raw,if=virtio,readonly=on"}
      -kernel "$kernel" "${initrd[@]}"
      -append "root=/dev/vda rw console=ttyS0 panic=-1 $*"
      -serial "file:$dir/$tag-console.log" -serial "file:$dir/$tag.log")

say "booting host image $img with $kernel, timeout ${timeout}s"
start=$(date +%s)
rc=0
timeout -k 10 "$timeout" "${qemu[@]}" </dev/null || rc=$?
say "VM finished in $(( $(date +%s) - start ))s (qemu exit $rc); report: $dir/$tag.log"
[ "$rc" != 124 ] || say "VM timed out after ${timeout}s"
tail -n 1 "$dir/$tag.log" 2>/dev/null | sed 's/^/[uuidjail] /' >&2 || true
exit "$rc"
