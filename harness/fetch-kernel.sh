#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Make the pristine kernel tree available: check $KSRC, or download
# Debian's linux-source-7.3 with a private apt configuration (the machine's
# own apt sources and state are not touched) and extract it once.
. "$(dirname "$0")/common.sh"

check_version() {
	local mk=$1/Makefile v p
	[ -f "$mk" ] || die "$1: not a kernel tree (no Makefile)"
	v=$(sed -n 's/^VERSION = //p' "$mk")
	p=$(sed -n 's/^PATCHLEVEL = //p' "$mk")
	[ -n "$v" ] && [ -n "$p" ] || die "$1: no VERSION/PATCHLEVEL in Makefile"
	if [ "$v" -lt 7 ] || { [ "$v" -eq 7 ] && [ "$p" -lt 3 ]; }; then
		die "$1: Linux $v.$p is older than 7.3"
	fi
	say "kernel source: $1 (Linux $v.$p)"
}

if [ -n "${KSRC:-}" ]; then
	check_version "$(pristine_tree)"
	exit 0
fi

apt_dir=$CACHE/apt
mkdir -p "$CACHE/debian"
private_apt "$apt_dir" "$DEBIAN_SUITE"
version=$(private_apt_version "$DEBIAN_PACKAGE")
[ -n "$version" ] || die "$DEBIAN_PACKAGE not found in $DEBIAN_SUITE"

dest=$CACHE/debian/$DEBIAN_PACKAGE-$version
if [ ! -f "$dest.extracted" ]; then
	say "downloading $DEBIAN_PACKAGE $version"
	deb_dir=$(mktemp -d "$CACHE/debian/dl.XXXXXX")
	# apt-get download checks the .deb against the signed index.
	(cd "$deb_dir" && apt-get "${apt_opts[@]}" download "$DEBIAN_PACKAGE=$version")
	say "extracting"
	dpkg-deb --fsys-tarfile "$deb_dir"/*.deb |
		tar -xO --wildcards './usr/src/linux-source-*.tar.xz' > "$deb_dir/src.tar.xz"
	rm -rf "$dest" "$dest.tmp"
	mkdir -p "$dest.tmp"
	tar -xJf "$deb_dir/src.tar.xz" -C "$dest.tmp" --strip-components=1
	rm -rf "$deb_dir"
	mv "$dest.tmp" "$dest"
	touch "$dest.extracted"
fi
# The physical path: a cache whose debian/ is a link to a shared one must
# not change the shared tree's name (integrated trees are keyed by it).
(cd "$dest" && pwd -P) > "$CACHE/debian/current"
check_version "$dest"
