#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the harness needs, if any is missing.
# Without root, print the apt-get command instead (or use sudo if present).
#
#   deps.sh [FLAVOUR...]
#   deps.sh --packages PACKAGE...   only these (make deb, the host image)
#
# The i386 flavour also needs a 32-bit libc and libgcc to link its static
# guest programs; only a run that builds that flavour installs them. Not
# gcc-multilib: Debian makes it conflict with every cross compiler, the
# ARM one included, for the /usr/include/asm link it adds, which the guest
# programs do not need (they take asm/ from the kernel's uapi headers).
set -euo pipefail

packages=(
	gcc make libc6-dev flex bison bc libelf-dev libssl-dev perl python3
	git rsync xz-utils ccache busybox-static qemu-system-x86 sparse
	trinity
	gcc-arm-linux-gnueabihf libcap-dev
	python3-sphinx python3-yaml python3-ply python3-git
)
if [ "${1:-}" = --packages ]; then
	shift
	packages=("$@")
	set --
fi
for flavour in "$@"; do
	case $flavour in
	i386) packages+=(libc6-dev-i386
			 "lib32gcc-$(gcc -dumpversion | cut -d. -f1)-dev") ;;
	esac
done
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd=(apt-get install -y -q --no-install-recommends "${missing[@]}")
echo "[uuidjail] installing: ${missing[*]}" >&2
if [ "$(id -u)" = 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	"${cmd[@]}"
elif command -v sudo >/dev/null; then
	sudo apt-get update -q
	sudo DEBIAN_FRONTEND=noninteractive "${cmd[@]}"
else
	echo "[uuidjail] run as root: apt-get update && ${cmd[*]}" >&2
	exit 1
fi
