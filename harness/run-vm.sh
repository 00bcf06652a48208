#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the built kernel with the initramfs under QEMU (TCG: no KVM is
# assumed) and run one job in it: test, demo or shell.
#
#   run-vm.sh MODE FLAVOUR [TAG]
#
# The console (ttyS0) goes to $OUT/FLAVOUR/TAG-console.log, the job's
# output (ttyS1) to $OUT/FLAVOUR/TAG.log (TAG defaults to MODE); shell mode
# puts the console on the terminal instead. A hard timeout bounds every
# non-interactive boot. LSM= sets lsm=, STRESS= the stress seconds,
# BZIMAGE= boots another kernel image (e.g. a saved older build),
# QEMU_CPU= another -cpu model (default max,la57=off, see below),
# VM_SMP= and VM_MEM= the CPUs (2) and memory (1G), QEMU_EXTRA= more
# QEMU options (make bench: -icount).
. "$(dirname "$0")/common.sh"

mode=${1:-test}
flavour=${2:-base}
tag=${3:-$mode}
lsm=${LSM:-landlock,yama,uuidjail}
timeout=${VM_TIMEOUT:-900}
kbuild=$(build_dir "$flavour")
dir=$OUT/$flavour
bzimage=${BZIMAGE:-$kbuild/arch/x86/boot/bzImage}
[ -f "$bzimage" ] || die "no kernel at $bzimage: build first"

# No LA57: identify_boot_cpu() zeroes and re-reads boot_cpu_data's
# feature bits with interrupts on, so an interrupt there sees 4-level
# __VIRTUAL_MASK_SHIFT and KASAN reports the 5-level direct map as wild.
cpu=${QEMU_CPU:-max,la57=off}

qemu=(qemu-system-x86_64 -machine pc -cpu "$cpu" -smp "${VM_SMP:-2}"
      -m "${VM_MEM:-1G}" ${QEMU_EXTRA:-}
      -kernel "$bzimage" -initrd "$dir/guest/initramfs.cpio"
      -display none -monitor none -no-reboot)
# A flavour whose list says ARCH=i386 is a 32-bit kernel: a 32-bit PC,
# whose "max" CPU says Intel. QEMU's own vendor is AMD, with family 6: a
# 32-bit kernel takes that for an Athlon not certified for SMP and warns.
if grep -qx 'ARCH=i386' "$HARNESS/configs/$flavour.list" 2>/dev/null; then
	qemu[0]=qemu-system-i386
	qemu+=(-global max-i386-cpu.vendor=GenuineIntel)
fi
append="lsm=$lsm panic=-1 uj_mode=$mode uj_stress=${STRESS:-10} ${EXTRA_CMDLINE:-}"

if [ "$mode" = shell ]; then
	exec "${qemu[@]}" -serial stdio -serial null \
		-append "console=ttyS0 $append"
fi

rm -f "$dir/$tag-console.log" "$dir/$tag.log"
say "booting $flavour kernel (lsm=$lsm), job $mode, timeout ${timeout}s"
start=$(date +%s)
rc=0
timeout -k 10 "$timeout" "${qemu[@]}" \
	-serial "file:$dir/$tag-console.log" -serial "file:$dir/$tag.log" \
	-append "console=ttyS0 $append" </dev/null || rc=$?
say "VM finished in $(( $(date +%s) - start ))s (qemu exit $rc)"
[ "$rc" = 124 ] && say "VM timed out after ${timeout}s"
exit 0
