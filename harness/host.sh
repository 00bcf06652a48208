#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make host: the real-host boot. The base flavour's kernel (the one the
# initramfs boots test; harness/configs/base.list) is packaged by deb.sh,
# as make deb packages a user's; the Debian image of host-image.sh
# (systemd, libvirt, qemu, swtpm; built once, cached by its package list)
# boots that kernel with Debian's lsm= list plus uuidjail. The second
# disk is a tar archive the image's test unit unpacks: the kernel package
# (installed with dpkg -i first), uuidjail's tools as "make install" puts
# them, the test programs and harness/host/payload/. The report (TAP, as
# the kselftests' logs) is $OUT/host/host.log; its console
# $OUT/host/host-console.log.
#
# Needs the base flavour built, with its guest programs (make guests
# FLAVOURS=base): the scenario_guest that plays guests and attackers.
# deb.sh builds the package in a directory of its own from the same
# .config, so ccache serves every object the base build compiled.
. "$(dirname "$0")/common.sh"

# Debian 7.3's built-in list, with uuidjail after yama as make deb puts it.
lsm=landlock,lockdown,yama,uuidjail,loadpin,safesetid,integrity,apparmor,selinux,smack,tomoyo,bpf,ipe

tree=$(integrated_tree)
guest=$OUT/base/guest
[ -x "$guest/selftests/scenario_guest" ] ||
	die "no $guest/selftests/scenario_guest: make guests FLAVOURS=base first"

deb=$("$HARNESS/deb.sh" "$(build_dir base)/.config" | grep '/linux-image-' | head -n1)
[ -n "$deb" ] || die "no kernel package"
img=$("$HARNESS/host-image.sh" | tail -n1)

# The payload. QEMU boots the kernel the package holds; the test checks
# that dpkg -i installed that very file.
dir=$OUT/host
payload=$dir/payload
rm -rf "$payload" "$dir/vmlinuz"
mkdir -p "$payload/root/uuidjail" "$payload/usr/local/lib/uuidjail"
cp "$deb" "$payload/root/uuidjail/"
dpkg-deb --fsys-tarfile "$deb" | tar -xO --wildcards './boot/vmlinuz-*' > "$dir/vmlinuz"
[ -s "$dir/vmlinuz" ] || die "no vmlinuz in $deb"
sha256sum < "$dir/vmlinuz" | cut -d' ' -f1 > "$payload/root/uuidjail/vmlinuz.sha256"
make -s -C "$tree/tools/uuidjail" install DESTDIR="$payload" PREFIX=/usr/local \
	LDFLAGS=-static KHDR_INCLUDES="-isystem $(build_dir base)/usr/include"
make -s -C "$tree/tools/uuidjail" clean
cp "$guest/selftests/scenario_guest" "$payload/usr/local/lib/uuidjail/"
cp -R "$HARNESS/host/payload/." "$payload/"
# A raw disk: QEMU wants whole sectors, which tar's records are.
tar --owner=0 --group=0 -cf "$dir/payload.tar" -C "$payload" .

HOST_TAG=host HOST_DISK2="$dir/payload.tar" \
	"$HARNESS/host-boot.sh" "$img" "$dir/vmlinuz" "" "lsm=$lsm" kunit.enable=0 || true
tail -n1 "$dir/host.log"
