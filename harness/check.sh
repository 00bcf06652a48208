#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The whole test job: static checks, then the test VM in every boot
# configuration, then the verdict. The last line printed is the closing
# "N passed, N failed, N skipped"; exits non-zero on any failure.
#
#   check.sh FLAVOUR...   (flavours must be built; default: base debug)
. "$(dirname "$0")/common.sh"

flavours=("${@:-base}")
runs=()

"$HARNESS/lint.sh" > "$OUT/lint.log" 2>&1 || true
runs+=("lint=$OUT/lint.log")

# tag, lsm= list, stress seconds, KUnit: uuidjail last (with the stress
# run), first, and alone. The KUnit socket suite turns uuidjail's checks
# on (as the first enter1 would); the boot without KUnit has them turned
# on by the kselftests' first enter1, as on a real system.
boots=(
	"last landlock,yama,uuidjail ${UUIDJAIL_STRESS:-60} kunit"
	"first uuidjail,landlock,yama 3 kunit"
	"alone uuidjail 3 nokunit"
)
for flavour in "${flavours[@]}"; do
	for boot in "${boots[@]}"; do
		read -r tag lsm stress kunit <<< "$boot"
		timeout=900 mem=1G
		cmdline=
		[ "$kunit" = kunit ] || cmdline=kunit.enable=0
		if [ "$flavour" != base ]; then
			# The debug kernel runs the main boot only: it is slow.
			[ "$tag" = last ] || continue
			stress=20
			# KASAN and lockdep make it several times slower;
			# KASAN's shadow and quarantine, and trinity, want
			# memory.
			timeout=2400 mem=2G
			# It ends with trinity in a jail (guest/fuzz.sh).
			cmdline+=" uj_fuzz=${UUIDJAIL_FUZZ:-120}"
			# It runs the root round only: that round reaches every
			# hook, every cell of the matrix and the stress and
			# /proc race tests, which is what KASAN and lockdep are
			# there to watch. The rounds as uid 1000 and in a
			# Landlock domain take the same code paths with other
			# credentials; the base boots run them.
			cmdline+=" uj_rounds=root"
		fi
		LSM=$lsm STRESS=$stress VM_TIMEOUT=${VM_TIMEOUT:-$timeout} \
			VM_MEM=${VM_MEM:-$mem} \
			EXTRA_CMDLINE="${EXTRA_CMDLINE:-} $cmdline" \
			"$HARNESS/run-vm.sh" test "$flavour" "$tag"
		runs+=("$flavour-$tag:$OUT/$flavour/$tag-console.log:$OUT/$flavour/$tag.log:$kunit")
	done
done

# The real host: the packaged kernel under Debian's systemd, libvirt and
# qemu (harness/host.sh). Its report is TAP, as the kselftests' logs.
if [ -z "${UUIDJAIL_NO_HOST:-}" ]; then
	"$HARNESS/host.sh" || true
	runs+=("host:$OUT/host/host-console.log:$OUT/host/host.log:nokunit")
fi

python3 "$HARNESS/summarize.py" \
	"$(integrated_tree)/tools/testing/kunit/kunit.py" "${runs[@]}"
