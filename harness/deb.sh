#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build Debian binary packages (bindeb-pkg: the kernel image and its
# headers) of the integrated tree from a configuration the user names,
# with uuidjail built in and listed in CONFIG_LSM, and nothing else of
# that configuration changed but what a build outside Debian's own
# packaging cannot have (its module-signing certificates).
#
#   deb.sh CONFIG        CONFIG: a .config, e.g. /boot/config-$(uname -r)
#
# LOCALMODCONFIG=1 first keeps only the modules the running machine has
# loaded (make localmodconfig). The packages are named
# linux-image-VERSION-uuidjail and install beside Debian's own kernels;
# they are copied to $OUT/deb/ and their paths printed. Each configuration
# has its own build directory under the cache, so a second run rebuilds
# only what changed.
. "$(dirname "$0")/common.sh"

config=${1:-}
[ -n "$config" ] || die "usage: make deb CONFIG=/path/to/config [LOCALMODCONFIG=1]"
[ -f "$config" ] || die "CONFIG=$config: no such file"
tree=$(integrated_tree)
key=$( { cat "$config"; echo "localmod=${LOCALMODCONFIG:-}"; tree_key; } |
	sha1sum | cut -c1-12)
dir=$CACHE/deb-$key
out=$dir/build
mkdir -p "$out"

# The configuration: the user's, with uuidjail inserted into CONFIG_LSM
# after yama (where Debian's lsm= lists it; first if there is no yama) and
# built in. Redone only when the user's file changed (the key above).
if [ ! -f "$out/.config.done" ]; then
	cp "$config" "$out/.config"
	cfg() { "$tree/scripts/config" --file "$out/.config" "$@"; }
	if [ -n "${LOCALMODCONFIG:-}" ]; then
		lsmod > "$dir/lsmod"
		make -s -C "$tree" O="$out" LSMOD="$dir/lsmod" localmodconfig \
			< /dev/null
	fi
	lsm=$(cfg --state LSM)
	[ "$lsm" = undef ] && lsm=
	case ",$lsm," in
	*,uuidjail,*) ;;
	*,yama,*) lsm=$(echo "$lsm" | sed 's/\(^\|,\)yama\(,\|$\)/\1yama,uuidjail\2/') ;;
	,,) lsm=uuidjail ;;
	*) lsm=uuidjail,$lsm ;;
	esac
	cfg --enable SECURITY --enable SECURITYFS --enable SECURITY_UUIDJAIL \
	    --set-str LSM "$lsm"
	# Debian's configurations name certificates in its own source
	# package (debian/certs/...), which no other tree has.
	for opt in SYSTEM_TRUSTED_KEYS SYSTEM_REVOCATION_KEYS; do
		case $(cfg --state "$opt") in
		debian/*) cfg --set-str "$opt" "" ;;
		esac
	done
	make -s -C "$tree" O="$out" olddefconfig
	[ "$(cfg --state SECURITY_UUIDJAIL)" = y ] ||
		die "CONFIG_SECURITY_UUIDJAIL did not survive olddefconfig"
	say "CONFIG_LSM=\"$(cfg --state LSM)\""
	touch "$out/.config.done"
fi

# What bindeb-pkg runs, and what the configuration may need besides.
need=(debhelper kmod cpio rsync dpkg-dev libdw-dev)
grep -q '^CONFIG_DEBUG_INFO_BTF=y' "$out/.config" && need+=(dwarves)
"$HARNESS/deps.sh" --packages "${need[@]}"

version=$(make -s -C "$tree" O="$out" kernelversion)
start=$(date +%s)
# dpkg-buildpackage writes the packages beside the build directory.
make -s -C "$tree" O="$out" -j"$JOBS" CC="ccache gcc" \
	LOCALVERSION=-uuidjail KDEB_PKGVERSION="$version-uuidjail-1" \
	KDEB_CHANGELOG_DIST=unstable bindeb-pkg > "$dir/build.log" 2>&1 || {
	tail -n 30 "$dir/build.log" >&2
	die "bindeb-pkg failed: $dir/build.log"
}
say "packages built in $(( $(date +%s) - start ))s"

# Not linux-libc-dev: it would replace the distribution's own.
mkdir -p "$OUT/deb"
rm -f "$OUT/deb"/*.deb
for deb in "$dir"/linux-image-*"$version"-uuidjail*.deb \
	   "$dir"/linux-headers-*"$version"-uuidjail*.deb; do
	[ -f "$deb" ] || continue
	cp "$deb" "$OUT/deb/"
	echo "$OUT/deb/$(basename "$deb")"
done
ls "$OUT/deb"/linux-image-*.deb >/dev/null 2>&1 || die "no kernel package was built"
