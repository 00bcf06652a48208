#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh SECONDS: Debian's trinity, run as uid 1000 inside a restricted
# jail for SECONDS, beside three canaries of the same uid that it must not
# reach: one unrestricted, one in another jail, one in a sibling sub-jail
# of trinity's own jail (their manager, half-restricted, started both).
# Run by the test VM's init as root; prints a kselftest-style TAP run.
#
# trinity gets its own session, no terminal (the ways around a jail that
# a shared terminal opens are documented, not closed) and a directory of
# its own. When the time is up it gets SIGINT, which makes it report how
# many syscalls it made; whatever of its jail is left is then killed.
#
# One of trinity's descriptor providers is off, sockets: the Debian 12
# trinity (2023.01) dies of a segmentation fault while building its
# socket cache on a kernel with few socket families (as it does with
# -P UNIX on any kernel). The socket syscalls are still fuzzed, on
# sockets trinity makes as it goes.

secs=${1:-60}
dir=/tmp/fuzz
fs=/sys/kernel/security/uuidjail
n=0
failed=0

tap() {	# tap 0|1 DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n fuzz: $2"
	else
		failed=$((failed + 1))
		echo "not ok $n fuzz: $2"
	fi
}

# The first pid of the tasks named $1 whose command starts with $2, as
# root sees them (trinity's main process renames itself trinity-main).
pid_of() {
	awk -v n="$1" -v c="$2" '$6 == n && index($7, c) == 1 { print $1; exit }' \
		"$fs/tasks"
}
# Every pid of the sub-jail named $1.
pids_of() {
	awk -v n="$1" '$6 == n { print $1 }' "$fs/tasks"
}

echo "### kselftest fuzz as user"
if [ ! -x /bin/trinity ]; then
	echo "ok 1 fuzz: # SKIP trinity is not in the initramfs"
	echo "1..1"
	echo "### exit 0"
	exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
chown 1000:1000 "$dir"
for c in unrestricted other-jail sibling; do
	mkfifo "$dir/$c.in"
	chown 1000:1000 "$dir/$c.in"
done

# The canaries; each FIFO is opened read-write, so no open blocks.
runas 1000 1000 /bin/canary unrestricted \
	<>"$dir/unrestricted.in" >"$dir/unrestricted.out" 2>&1 &
runas 1000 1000 /bin/uuidjail --name fuzz-other -- /bin/canary other-jail \
	<>"$dir/other-jail.in" >"$dir/other-jail.out" 2>&1 &
# The manager: a half-restricted shell that starts the sibling canary and
# trinity, each in a sub-jail of its own.
runas 1000 1000 /bin/uuidjail --half --name fuzz -- /bin/sh -c "
	/bin/uuidjail --sub --name fuzz-sibling -- /bin/canary sibling \
		<>$dir/sibling.in >$dir/sibling.out 2>&1 &
	sleep 1
	echo 1000 >/proc/self/oom_score_adj
	ulimit -v 1048576
	cd $dir && setsid /bin/uuidjail --sub --name fuzz-trinity -- \
		/bin/trinity -q -l off -C 2 --disable-fds=sockets \
		</dev/null >$dir/trinity.out 2>&1
	echo \$? >$dir/trinity.status
" </dev/null >"$dir/manager.out" 2>&1 &
manager=$!

# Out of memory, the kernel kills trinity first, never a canary.
i=0
while [ $i -lt 30 ]; do
	for c in unrestricted other-jail sibling; do
		pid=$(sed -n "s/^ready $c //p" "$dir/$c.out" 2>/dev/null)
		[ -n "$pid" ] && echo -1000 >"/proc/$pid/oom_score_adj"
	done
	[ "$(grep -h '^ready' "$dir"/*.out 2>/dev/null | wc -l)" = 3 ] && break
	sleep 1
	i=$((i + 1))
done
i=0
while [ -z "$(pid_of fuzz-trinity trinity)" ] && [ $i -lt 60 ]; do
	sleep 1
	i=$((i + 1))
done
trinity=$(pid_of fuzz-trinity trinity)
if [ -z "$trinity" ]; then
	tap 1 "trinity started in a restricted jail"
	cat "$dir"/*.out | sed 's/^/#   /'
else
	tap 0 "trinity started in a restricted jail (pid $trinity)"
	sleep "$secs"
	kill -INT "$trinity"
	i=0
	while [ -d "/proc/$trinity" ] && [ $i -lt 60 ]; do
		sleep 1
		i=$((i + 1))
	done
	# Whatever of the jail is left (a child that left trinity's group).
	for round in 1 2 3 4 5; do
		left=$(pids_of fuzz-trinity)
		[ -n "$left" ] || break
		kill -KILL $left 2>/dev/null
		sleep 1
	done
	ran=$(sed -n 's/.*Ran \([0-9]*\) syscalls.*/\1/p' "$dir/trinity.out" | tail -n1)
	tap "$([ -n "$ran" ] && echo 0 || echo 1)" \
		"trinity ran ${ran:-an unknown number of} syscalls in ${secs}s"
	[ -n "$ran" ] || {
		echo "#   trinity exited $(cat "$dir/trinity.status" 2>/dev/null)"
		tail -n 20 "$dir/trinity.out" | sed 's/^/#   /'
		dmesg | tail -n 10 | sed 's/^/#   dmesg: /'
	}
	tap "$([ -z "$(pids_of fuzz-trinity)" ] && echo 0 || echo 1)" \
		"nothing of trinity's jail is left"
fi

# Each canary answers, untouched.
for c in unrestricted other-jail sibling; do
	echo >"$dir/$c.in" &
	i=0
	while ! grep -q "^canary $c:" "$dir/$c.out" 2>/dev/null && [ $i -lt 20 ]; do
		sleep 1
		i=$((i + 1))
	done
	line=$(grep "^canary $c:" "$dir/$c.out")
	tap "$([ "$line" = "canary $c: untouched" ] && echo 0 || echo 1)" \
		"${line:-canary $c: no answer (killed, stopped or traced)}"
done
wait "$manager" 2>/dev/null

# The kernel is alive: a new process runs and the jail files answer.
tap "$([ "$(sh -c 'echo alive')" = alive ] && [ -r "$fs/jails" ] && echo 0 || echo 1)" \
	"the kernel is alive"
echo "1..$n"
echo "### exit $((failed ? 1 : 0))"
