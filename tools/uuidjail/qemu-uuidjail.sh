#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# qemu-uuidjail - run a libvirt guest's qemu in a sealed jail of its own
#
# Set as the domain's emulator:
#
#   <emulator>/usr/local/bin/qemu-uuidjail</emulator>
#
# libvirt then starts every qemu of the domain (and its capability
# probes) through this script, which enters a fresh jail and sub-jail
# named with the domain's UUID (qemu's -uuid argument) and executes the
# real emulator in place, so libvirt keeps the PID it started.
#
# The jail is sealed: the guest reaches no UNIX socket outside it, so not
# libvirt's own control sockets, nor another guest's helpers.  The sockets
# libvirt made for the guest and handed over (its QMP monitor, its
# listening chardevs) become the guest's when it enters.  The helpers qemu
# connects to by path (a TPM emulator, virtiofsd, vhost-user backends) are
# connected here, before entering, and handed to qemu as descriptors
# (-chardev socket,...,path=P becomes ...,fd=N).  Where qemu would connect
# to a helper in a way that cannot be handed over (qemu-pr-helper, a D-Bus
# display, a stream netdev), the jail is left unsealed, with a warning in
# the guest's log.
#
# UUIDJAIL_QEMU names the real emulator (default
# /usr/bin/qemu-system-x86_64); libvirt passes it only from the domain's
# <qemu:commandline><qemu:env name='UUIDJAIL_QEMU' value='...'/>.

qemu=${UUIDJAIL_QEMU:-/usr/bin/qemu-system-x86_64}

uuid=
seal=--seal
unsealed_by=
# Newline-separated FD=PATH, for the launcher's --connect.
connects=
next_fd=3

# The lowest descriptor at or above $next_fd that is not open.
free_fd() {
	while [ -e "/proc/$$/fd/$next_fd" ]; do
		next_fd=$((next_fd + 1))
	done
}

# Whether a -chardev argument ($arg) needs rewriting: a client socket
# chardev with a path.  Sets unsealed_by where it cannot be rewritten.
client_chardev() {
	case $arg in
	socket,*) ;;
	\{*\"unix\"*)
		case $arg in
		*'"server":true'*) ;;
		*) unsealed_by="a JSON -chardev that connects to a socket" ;;
		esac
		return 1 ;;
	*) return 1 ;;
	esac
	case ,$arg, in
	*,path=*) ;;
	*) return 1 ;;
	esac
	case ,$arg, in
	*,server=on,* | *,server=true,* | *,server=yes,* | *,server,*)
		return 1 ;;
	*,,*)
		# An escaped comma: not split safely here.
		unsealed_by="a -chardev path with a comma"
		return 1 ;;
	esac
}

# Rewrite a client -chardev ($arg): a connected descriptor instead of the
# path; reconnect= cannot apply to a descriptor and goes.
rewrite_chardev() {
	path=
	out=
	rest=$arg,
	while [ -n "$rest" ]; do
		opt=${rest%%,*}
		rest=${rest#*,}
		case $opt in
		path=*) path=${opt#path=} ;;
		reconnect=*) ;;
		*) out=${out:+$out,}$opt ;;
		esac
	done
	free_fd
	connects="$connects$next_fd=$path
"
	arg=$out,fd=$next_fd
	next_fd=$((next_fd + 1))
}

# First pass: the domain's UUID, and whether the jail can be sealed.
prev=
for arg in "$@"; do
	case $prev in
	-uuid) uuid=$arg ;;
	-chardev) client_chardev ;;
	-object)
		case $arg in
		*pr-manager-helper*) unsealed_by="qemu-pr-helper" ;;
		*dbus-vmstate*) unsealed_by="a D-Bus helper" ;;
		esac ;;
	-display)
		case $arg in
		dbus*) unsealed_by="a D-Bus display" ;;
		esac ;;
	-netdev)
		case $arg in
		*stream*unix*) unsealed_by="a stream netdev" ;;
		esac ;;
	esac
	prev=$arg
done
if [ -n "$unsealed_by" ]; then
	echo "qemu-uuidjail: warning: jail not sealed: qemu connects to $unsealed_by" >&2
	seal=
fi

# Second pass, sealed only: rewrite the client chardevs in place, each
# argument shifted off the front and appended at the back.
if [ -n "$seal" ]; then
	n=$#
	prev=
	while [ "$n" -gt 0 ]; do
		arg=$1
		shift
		n=$((n - 1))
		orig=$arg
		if [ "$prev" = -chardev ] && client_chardev; then
			rewrite_chardev
		fi
		set -- "$@" "$arg"
		prev=$orig
	done
fi

# The launcher's options go before "--", qemu's arguments after it: add
# them at the back, then rotate qemu's $count arguments behind them.
count=$#
set -- "$@" $seal
[ -n "$uuid" ] && set -- "$@" --name "$uuid"
while IFS= read -r spec; do
	[ -n "$spec" ] && set -- "$@" --connect "$spec"
done <<EOF
$connects
EOF
set -- "$@" -- "$qemu"
i=0
while [ "$i" -lt "$count" ]; do
	arg=$1
	shift
	set -- "$@" "$arg"
	i=$((i + 1))
done
# The launcher installed beside this script (make install puts both in
# one directory; libvirt gives the emulator a PATH of its own), else the
# one on PATH.
launcher=${0%/*}/uuidjail
[ -x "$launcher" ] || launcher=uuidjail
exec "$launcher" "$@"
