#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the Debian packages the harness needs, if any is missing.
# Without root, print the apt-get command instead (or use sudo if present).
set -euo pipefail

packages=(
	gcc make libc6-dev flex bison bc libelf-dev libssl-dev perl python3
	git rsync xz-utils ccache busybox-static qemu-system-x86 sparse
	gcc-arm-linux-gnueabihf
)
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
