#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the built kernel with the initramfs under QEMU (TCG: no KVM is
# assumed) and run one job in it: test, demo or shell.
#
# The console (ttyS0) goes to $OUT/FLAVOUR/console.log, the job's output
# (ttyS1) to $OUT/FLAVOUR/MODE.log; shell mode puts the console on the
# terminal instead. A hard timeout bounds every non-interactive boot.
. "$(dirname "$0")/common.sh"

mode=${1:-test}
flavour=${2:-base}
lsm=${LSM:-landlock,yama,uuidjail}
timeout=${VM_TIMEOUT:-900}
kbuild=$(build_dir "$flavour")
dir=$OUT/$flavour
bzimage=$kbuild/arch/x86/boot/bzImage
[ -f "$bzimage" ] || die "no kernel at $bzimage: build first"

qemu=(qemu-system-x86_64 -machine pc -cpu max -smp 2 -m 1G
      -kernel "$bzimage" -initrd "$dir/guest/initramfs.cpio"
      -display none -monitor none -no-reboot)
append="lsm=$lsm panic=-1 uj_mode=$mode ${EXTRA_CMDLINE:-}"

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -serial stdio -serial null \
		-append "console=ttyS0 $append"
fi

rm -f "$dir/console.log" "$dir/$mode.log"
say "booting $flavour kernel (lsm=$lsm), job $mode, timeout ${timeout}s"
start=$(date +%s)
rc=0
timeout -k 10 "$timeout" "${qemu[@]}" \
	-serial "file:$dir/console.log" -serial "file:$dir/$mode.log" \
	-append "console=ttyS0 $append" </dev/null || rc=$?
say "VM finished in $(( $(date +%s) - start ))s (qemu exit $rc)"
[ "$rc" = 124 ] && say "VM timed out after ${timeout}s"
exit 0
