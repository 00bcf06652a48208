#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build, once, the host image: a sparse raw ext4 file system holding Debian
# with systemd as PID 1, libvirt's system daemon (qemu driver) and virsh,
# qemu-system-x86 (TCG) and swtpm, for a kernel under test to boot as a
# real libvirt host (harness/host-boot.sh). No kernel is in it: the kernel
# under test is given to QEMU, or installed by passing its .deb.
#
#   host-image.sh [EXTRA...]
#
# EXTRA: more Debian packages or paths of .deb files (e.g. linux-image-amd64,
# or a kernel package) to install in a variant of the image with its own
# cache entry; a variant's kernel, initrd and config are copied out of its
# /boot beside its image. Prints the image's path on the last line.
#
# The image is built by mmdebstrap (root mode, into a directory: no loop
# mounts) from harness/host/packages, configured by harness/host/customize.sh
# and harness/host/rootfs/, and written by mkfs.ext4 -d. It is cached in
# $CACHE/host-image/KEY/root.img, KEY being a hash of the suite, the size,
# the extras and the files that shape the image; a run with nothing changed
# builds nothing. The .debs apt downloaded are kept in $CACHE/host-image/debs
# (apt checks them against the signed index again) for the next build.
#
# HOST_SUITE: Debian suite (default trixie if the machine's keyring knows
# its signing keys, else bookworm); HOST_IMAGE_SIZE: file system size (4G).
. "$(dirname "$0")/common.sh"

host=$HARNESS/host
size=${HOST_IMAGE_SIZE:-4G}
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
mirror=http://deb.debian.org/debian
# mmdebstrap takes a .deb by its path when the path is absolute.
extra=()
for e; do
	if [ -f "$e" ]; then extra+=("$(realpath "$e")"); else extra+=("$e"); fi
done

# Root: mmdebstrap's root mode, and mkfs -d keeps the files' owners.
[ "$(id -u)" = 0 ] || die "host-image.sh must run as root"
# What this script needs on the machine (not inside the image).
missing=()
for p in mmdebstrap e2fsprogs debian-archive-keyring; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	say "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# The key's user IDs are plain text in the keyring: a Debian 12 machine
# whose debian-archive-keyring predates trixie's keys falls back.
if [ -n "${HOST_SUITE:-}" ]; then
	suite=$HOST_SUITE
elif grep -aq '(13/trixie)' "$keyring"; then
	suite=trixie
else
	suite=bookworm
	say "$keyring has no trixie key: using bookworm"
fi

mapfile -t packages < <(sed 's/#.*//; /^[[:space:]]*$/d' "$host/packages")

# Everything that shapes the image, file modes included.
key=$( {
	echo "$suite $size ${packages[*]}"
	cd "$HARNESS"
	find host-image.sh host/packages host/customize.sh host/rootfs \
		-type f -printf '%m %p\n' | sort
	find host-image.sh host/packages host/customize.sh host/rootfs \
		-type f -print0 | sort -z | xargs -0 sha256sum
	for e in "${extra[@]}"; do
		if [ -f "$e" ]; then sha256sum < "$e"; else echo "$e"; fi
	done
} | sha256sum | cut -c1-16)
dir=$CACHE/host-image/$suite-$key
# One build at a time; a run that waited finds the image built.
mkdir -p "$CACHE/host-image"
exec 9> "$CACHE/host-image/lock"
flock 9
img=$dir/root.img
if [ -f "$img" ]; then
	say "host image ($suite${extra:+, ${extra[*]}}) cached: $img"
	echo "$img"
	exit 0
fi

start=$(date +%s)
debs=$CACHE/host-image/debs
mkdir -p "$debs"
tmp=$(mktemp -d "$CACHE/host-image/tmp.XXXXXX")
# mmdebstrap unmounts what it mounted, even when it fails.
trap 'rm -rf --one-file-system "$tmp"' EXIT
export HOST_DEBS=$debs HOST_DEBS_USED=$tmp/debs-used
# Extra packages by name go to apt; .deb files are copied in and
# installed with dpkg -i, as a user installs a kernel package (apt's
# chrooted dpkg could not see their paths on this machine).
names=()
dpkg_hooks=()
for e in "${extra[@]}"; do
	if [ -f "$e" ]; then
		dpkg_hooks+=(--customize-hook="copy-in $e /tmp"
			     --customize-hook="chroot \"\$1\" dpkg -i /tmp/${e##*/}"
			     --customize-hook="rm -f \"\$1/tmp/${e##*/}\"")
	else
		names+=("$e")
	fi
done
includes=$(IFS=,; echo "${packages[*]}${names:+,${names[*]}}")
say "building host image: Debian $suite, ${#packages[@]} packages${extra:+ + ${extra[*]}}"

# Recommends are off (mmdebstrap's default). No manuals, documentation or
# translations: nothing here reads them. The cached .debs are hard-linked
# into apt's archive before the download and back out before the cleanup
# (the essential ones too: --skip=essential/unlink).
mmdebstrap --mode=root --format=directory --variant=apt \
	--include="$includes" \
	--aptopt='Acquire::Languages "none"' \
	--dpkgopt='path-exclude=/usr/share/man/*' \
	--dpkgopt='path-exclude=/usr/share/info/*' \
	--dpkgopt='path-exclude=/usr/share/doc/*' \
	--dpkgopt='path-include=/usr/share/doc/*/copyright' \
	--dpkgopt='path-exclude=/usr/share/locale/*' \
	--skip=download/empty --skip=essential/unlink \
	--setup-hook='mkdir -p "$1/var/cache/apt/archives"' \
	--setup-hook='find "$HOST_DEBS" -name "*.deb" -exec ln -f -t "$1/var/cache/apt/archives" {} +' \
	--customize-hook='find "$1/var/cache/apt/archives" -name "*.deb" -exec ln -f -t "$HOST_DEBS" {} +' \
	--customize-hook='ls "$1/var/cache/apt/archives" > "$HOST_DEBS_USED"' \
	--customize-hook="$host/customize.sh" \
	"${dpkg_hooks[@]}" \
	"$suite" "$tmp/root" "$mirror"

# Keep one version per package in the .deb cache: the one just used.
grep '\.deb$' "$tmp/debs-used" | while read -r b; do
	for old in "$debs/${b%%_*}"_*_"${b##*_}"; do
		[ "${old##*/}" = "$b" ] || rm -f "$old"
	done
done
rm -f "$tmp/debs-used"

# A kernel installed by EXTRA: boot files beside the image.
for f in "$tmp"/root/boot/vmlinuz-* "$tmp"/root/boot/initrd.img-* \
	 "$tmp"/root/boot/config-*; do
	if [ -f "$f" ]; then cp "$f" "$tmp/"; fi
done
dpkg-query --admindir="$tmp/root/var/lib/dpkg" -W > "$tmp/packages.txt"

# -d copies the tree with its owners, modes, links and extended
# attributes; the file is sparse.
mkfs.ext4 -q -F -L uuidjail-host -d "$tmp/root" "$tmp/root.img" "$size"
used=$(du -sh --apparent-size "$tmp/root" | cut -f1)
rm -rf --one-file-system "$tmp/root"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
say "host image built in $(( $(date +%s) - start ))s: $(wc -l < "$dir/packages.txt") packages, $used in a $size file system"
echo "$img"
