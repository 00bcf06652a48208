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
