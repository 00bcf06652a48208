#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: what uuidjail costs, side by side with the kernel without it
# and with Landlock, on one kernel image booted three times (lsm=yama,
# lsm=landlock,yama, lsm=landlock,yama,uuidjail), then twice more beside
# AppArmor with no profile loaded, as a distribution kernel would run it
# (unrestricted callers only: uj_bench=host).
#
# The kernel is the "bench" flavour: the base kernel with jump labels
# (harness/configs/bench.config says why they are not in the base one).
#
# QEMU runs with -icount shift=0,sleep=off: the guest clock advances one
# nanosecond per instruction executed, so figures are instruction counts
# that repeat from run to run however busy the host is. One vCPU, so that
# nothing else runs in between. What that does not see: cache misses,
# the real latency of atomics and of memory barriers, frequency.
. "$(dirname "$0")/common.sh"

# The flavour's own output directory: the logs land there.
dir=$OUT/bench
mkdir -p "$dir"
for lsm in yama landlock,yama landlock,yama,uuidjail \
	   apparmor,landlock,yama apparmor,landlock,yama,uuidjail; do
	tag=bench-${lsm//,/-}
	only=
	case $lsm in apparmor,*) only=uj_bench=host ;; esac
	LSM=$lsm VM_SMP=1 VM_MEM=2G VM_TIMEOUT=${VM_TIMEOUT:-1800} \
		QEMU_EXTRA="-icount shift=0,sleep=off" \
		EXTRA_CMDLINE="lsm.debug kunit.enable=0 $only" \
		"$HARNESS/run-vm.sh" bench bench "$tag"
done
python3 "$HARNESS/bench-report.py" "$dir"
