#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build what runs inside the VM for one flavour: the uuidjail kselftests
# and the kernel's own LSM kselftests (static, against the built kernel's
# uapi headers), the guest helpers and the initramfs holding them with
# busybox-static.
#
# A flavour whose list says ARCH=i386 gets 32-bit programs (gcc -m32,
# Debian's libc6-dev-i386) and Debian's 32-bit busybox-static, downloaded
# once with a private apt configuration (its own sources list, lists and
# cache; the machine's apt sources and dpkg architectures are not touched)
# and unpacked under the cache.
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
tree=$(integrated_tree)
kbuild=$(build_dir "$flavour")
guest=$OUT/$flavour/guest
mkdir -p "$guest/selftests"

# Set busybox to the binary of Debian's busybox-static for DEBIAN-ARCH,
# from the Debian release the machine runs (so the same busybox as the
# x86_64 guests), or from Debian 12 elsewhere.
fetch_busybox() {	# fetch_busybox DEBIAN-ARCH
	local arch=$1 suite apt_dir version dest deb_dir
	suite=$(. /etc/os-release 2>/dev/null
		[ "${ID:-}" = debian ] && echo "${VERSION_CODENAME:-}") || true
	suite=${suite:-bookworm}
	apt_dir=$CACHE/apt-$suite-$arch
	private_apt "$apt_dir" "$suite" "$arch"
	version=$(private_apt_version "busybox-static:$arch")
	[ -n "$version" ] || die "busybox-static:$arch not found in $suite"
	dest=$CACHE/busybox-$arch/${version//:/_}
	if [ ! -x "$dest/bin/busybox" ]; then
		say "downloading busybox-static:$arch $version"
		deb_dir=$(mktemp -d "$CACHE/busybox-dl.XXXXXX")
		# apt-get download checks the .deb against the signed index.
		(cd "$deb_dir" && apt-get "${apt_opts[@]}" download \
			"busybox-static:$arch=$version")
		rm -rf "$dest"
		mkdir -p "$dest"
		dpkg-deb -x "$deb_dir"/*.deb "$dest"
		rm -rf "$deb_dir"
		[ -x "$dest/bin/busybox" ] || die "no bin/busybox in busybox-static:$arch"
	fi
	busybox=$dest/bin/busybox
}

arch=$(sed -n 's/^ARCH=//p' "$HARNESS/configs/$flavour.list" 2>/dev/null)
case $arch in
''|x86|x86_64)
	cc=(gcc)
	busybox=/bin/busybox
	dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q installed ||
		die "busybox-static is not installed (apt-get install busybox-static)"
	;;
i386)
	cc=(gcc -m32)
	fetch_busybox i386
	;;
*)
	die "flavour $flavour: no guest for ARCH=$arch"
	;;
esac

# Drop the binaries of tests that no longer exist.
for t in "$guest"/selftests/*_test; do
	[ -e "$t" ] || continue
	[ -f "$tree/tools/testing/selftests/uuidjail/${t##*/}.c" ] || rm -f "$t"
done
make -s -C "$tree/tools/testing/selftests/uuidjail" \
	OUTPUT="$guest/selftests" CC="${cc[*]}" LDFLAGS=-static \
	KHDR_INCLUDES="-isystem $kbuild/usr/include"

# The LSM framework's kselftests (lsm_list_modules, lsm_get_self_attr,
# lsm_set_self_attr), which must see uuidjail among the LSMs.
lsmtests=$guest/lsm-selftests
mkdir -p "$lsmtests"
make -s -C "$tree/tools/testing/selftests/lsm" \
	OUTPUT="$lsmtests" CC="${cc[*]}" LDFLAGS=-static \
	KHDR_INCLUDES="-isystem $kbuild/usr/include"

# Landlock's abstract UNIX socket scoping test, which must keep passing
# inside a jail (it links libcap: x86_64 guests only).
landlock=$guest/landlock-selftests
if [ "${#cc[@]}" = 1 ]; then
	mkdir -p "$landlock"
	make -s -C "$tree/tools/testing/selftests/landlock" \
		OUTPUT="$landlock" CC="${cc[*]}" LDFLAGS=-static \
		KHDR_INCLUDES="-isystem $kbuild/usr/include" \
		"$landlock/scoped_abstract_unix_test"
fi

cc_static() {	# cc_static COMPILER OUTPUT SOURCE...
	local compiler=$1 out=$2 src
	shift 2
	for src in "$@"; do
		if [ ! -e "$out" ] || [ "$src" -nt "$out" ]; then
			$compiler -static -O2 -Wall -Werror \
				-isystem "$kbuild/usr/include" -o "$out" "$@"
			return
		fi
	done
}
cc_static "${cc[*]}" "$guest/runas" "$HARNESS/guest/runas.c"
cc_static "${cc[*]}" "$guest/uuidjail-demo" "$HARNESS/guest/demo.c"
cc_static "${cc[*]}" "$guest/landlocked" "$HARNESS/guest/landlocked.c"
cc_static "${cc[*]}" "$guest/canary" "$HARNESS/guest/canary.c"
# gen_init_cpio runs here, on the build machine.
cc_static gcc "$guest/gen_init_cpio" "$tree/usr/gen_init_cpio.c"

# gen_init_cpio sets owners and modes itself: no root needed to pack
# set-uid helpers, and the archive does not depend on who builds it.
spec=$guest/initramfs.list
{
	for d in /bin /dev /proc /sys /tmp /selftests /selftests/lsm \
		 /selftests/landlock; do
		echo "dir $d 755 0 0"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 755 0 0"
	echo "file /init $HARNESS/guest/init 755 0 0"
	echo "file /bin/runas $guest/runas 755 0 0"
	echo "file /bin/uuidjail-demo $guest/uuidjail-demo 755 0 0"
	echo "file /bin/landlocked $guest/landlocked 755 0 0"
	echo "file /bin/scenarios.sh $HARNESS/guest/scenarios.sh 755 0 0"
	echo "file /bin/fuzz.sh $HARNESS/guest/fuzz.sh 755 0 0"
	echo "file /bin/canary $guest/canary 755 0 0"
	# Debian's trinity (the fuzzer of fuzz.sh) and the shared libraries
	# it links, where its loader looks for them (x86_64 guests).
	if [ "${#cc[@]}" = 1 ] && [ -x /usr/bin/trinity ]; then
		echo "file /bin/trinity /usr/bin/trinity 755 0 0"
		libs=$(ldd /usr/bin/trinity | grep -o '/[^ ]*' | sort -u)
		for lib in $libs; do
			d=${lib%/*}
			while [ -n "$d" ]; do
				echo "dir $d 755 0 0"
				d=${d%/*}
			done
		done | sort -u
		for lib in $libs; do
			echo "file $lib $(realpath "$lib") 755 0 0"
		done
	fi
	# The launcher and the guest program, where users would find them.
	echo "file /bin/uuidjail $guest/selftests/uuidjail 755 0 0"
	echo "file /bin/scenario_guest $guest/selftests/scenario_guest 755 0 0"
	echo "file /bin/qemu-uuidjail $tree/tools/uuidjail/qemu-uuidjail.sh 755 0 0"
	for t in "$guest"/selftests/*; do
		echo "file /selftests/${t##*/} $t 755 0 0"
	done
	for t in "$lsmtests"/*_test; do
		echo "file /selftests/lsm/${t##*/} $t 755 0 0"
	done
	for t in "$landlock"/*_test; do
		[ -e "$t" ] || continue
		echo "file /selftests/landlock/${t##*/} $t 755 0 0"
	done
	echo "file /selftests/print_self_suid_root $guest/selftests/print_self 4755 0 0"
	echo "file /selftests/print_self_suid_other $guest/selftests/print_self 4755 1001 1001"
} > "$spec"
"$guest/gen_init_cpio" "$spec" > "$guest/initramfs.cpio.new"
mv "$guest/initramfs.cpio.new" "$guest/initramfs.cpio"
