#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build what runs inside the VM for one flavour: the uuidjail kselftests
# and the kernel's own LSM kselftests (static, against the built kernel's
# uapi headers), the guest helpers and the initramfs holding them with
# busybox-static.
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
tree=$(integrated_tree)
kbuild=$(build_dir "$flavour")
guest=$OUT/$flavour/guest
mkdir -p "$guest/selftests"

busybox=/bin/busybox
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q installed ||
	die "busybox-static is not installed (apt-get install busybox-static)"

# Drop the binaries of tests that no longer exist.
for t in "$guest"/selftests/*_test; do
	[ -e "$t" ] || continue
	[ -f "$tree/tools/testing/selftests/uuidjail/${t##*/}.c" ] || rm -f "$t"
done
make -s -C "$tree/tools/testing/selftests/uuidjail" \
	OUTPUT="$guest/selftests" CC=gcc LDFLAGS=-static \
	KHDR_INCLUDES="-isystem $kbuild/usr/include"

# The LSM framework's kselftests (lsm_list_modules, lsm_get_self_attr,
# lsm_set_self_attr), which must see uuidjail among the LSMs.
lsmtests=$guest/lsm-selftests
mkdir -p "$lsmtests"
make -s -C "$tree/tools/testing/selftests/lsm" \
	OUTPUT="$lsmtests" CC=gcc LDFLAGS=-static \
	KHDR_INCLUDES="-isystem $kbuild/usr/include"

cc_static() {	# cc_static OUTPUT SOURCE...
	local out=$1 src
	shift
	for src in "$@"; do
		if [ ! -e "$out" ] || [ "$src" -nt "$out" ]; then
			gcc -static -O2 -Wall -Werror -isystem "$kbuild/usr/include" \
				-o "$out" "$@"
			return
		fi
	done
}
cc_static "$guest/runas" "$HARNESS/guest/runas.c"
cc_static "$guest/uuidjail-demo" "$HARNESS/guest/demo.c"
cc_static "$guest/landlocked" "$HARNESS/guest/landlocked.c"
cc_static "$guest/gen_init_cpio" "$tree/usr/gen_init_cpio.c"

# gen_init_cpio sets owners and modes itself: no root needed to pack
# set-uid helpers, and the archive does not depend on who builds it.
spec=$guest/initramfs.list
{
	for d in /bin /dev /proc /sys /tmp /selftests /selftests/lsm; do
		echo "dir $d 755 0 0"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 755 0 0"
	echo "file /init $HARNESS/guest/init 755 0 0"
	echo "file /bin/runas $guest/runas 755 0 0"
	echo "file /bin/uuidjail-demo $guest/uuidjail-demo 755 0 0"
	echo "file /bin/landlocked $guest/landlocked 755 0 0"
	for t in "$guest"/selftests/*; do
		echo "file /selftests/${t##*/} $t 755 0 0"
	done
	for t in "$lsmtests"/*_test; do
		echo "file /selftests/lsm/${t##*/} $t 755 0 0"
	done
	echo "file /selftests/print_self_suid_root $guest/selftests/print_self 4755 0 0"
	echo "file /selftests/print_self_suid_other $guest/selftests/print_self 4755 1001 1001"
} > "$spec"
"$guest/gen_init_cpio" "$spec" > "$guest/initramfs.cpio.new"
mv "$guest/initramfs.cpio.new" "$guest/initramfs.cpio"
