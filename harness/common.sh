# SPDX-License-Identifier: GPL-2.0
# Shared settings for the uuidjail build-and-boot harness; sourced, not run.
#
# UUIDJAIL_CACHE  downloads, extracted source, integrated trees, kernel
#                 builds and ccache; shared by every clone of this repository
# UUIDJAIL_OUT    this clone's initramfs, serial logs and results
# KSRC            a kernel tree (7.3 or newer) to use instead of Debian's
#                 linux-source-7.3; it is only read, never modified

set -euo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HARNESS=$TOP/harness
CACHE=${UUIDJAIL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/uuidjail}
OUT=${UUIDJAIL_OUT:-$TOP/build}
JOBS=${JOBS:-$(nproc)}
DEBIAN_SUITE=trixie-backports
DEBIAN_PACKAGE=linux-source-7.3

export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Fixed build identity: same inputs, same objects, more ccache hits.
export KBUILD_BUILD_USER=uuidjail KBUILD_BUILD_HOST=harness
export KBUILD_BUILD_TIMESTAMP='2026-01-01 00:00:00 UTC'

mkdir -p "$CACHE" "$OUT"

say() { printf '[uuidjail] %s\n' "$*" >&2; }
die() { printf '[uuidjail] error: %s\n' "$*" >&2; exit 1; }

# The pristine tree: $KSRC, or Debian's package extracted under the cache.
pristine_tree() {
	if [ -n "${KSRC:-}" ]; then
		(cd "$KSRC" && pwd)
	else
		cat "$CACHE/debian/current"
	fi
}

# One integrated tree per pristine tree, so switching KSRC never mixes them.
tree_key() {
	pristine_tree | sha1sum | cut -c1-12
}

integrated_tree() { echo "$CACHE/tree-$(tree_key)"; }
build_dir() { echo "$CACHE/build-$(tree_key)-$1"; }

# private_apt DIR SUITE [ARCH]: a private apt configuration in DIR for
# Debian's SUITE (and ARCH, default the machine's): sets the array
# apt_opts and refreshes the index at most once a day (apt verifies its
# signature). The machine's own apt sources and state are not touched.
private_apt() {
	local dir=$1 suite=$2 arch=${3:-} stamp
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	cat > "$dir/sources.list" <<-SRC
	deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main
	SRC
	apt_opts=(
		-o "Dir::Etc::SourceList=$dir/sources.list"
		-o Dir::Etc::SourceParts=/dev/null
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::Cache=$dir"
		-o "Dir::Cache::archives=$dir/archives"
		-o Dir::State::status=/dev/null
		-o Debug::NoLocking=1
		-o APT::Sandbox::User=root
		-qq
	)
	[ -z "$arch" ] ||
		apt_opts+=(-o "APT::Architecture=$arch" -o "APT::Architectures=$arch")
	stamp=$dir/updated
	if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
		say "updating private apt index for $suite${arch:+ ($arch)}"
		apt-get "${apt_opts[@]}" update
		touch "$stamp"
	fi
}

# private_apt_version PACKAGE: the version the private index offers.
private_apt_version() {
	apt-cache "${apt_opts[@]}" show --no-all-versions "$1" |
		sed -n 's/^Version: //p' | head -n1
}
