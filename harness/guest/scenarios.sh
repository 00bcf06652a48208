#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The seed use cases of uuidjail, run through its launcher and shown as
# tables (busybox sh, in the demo VM):
#
#   a manager (libvirtd) and three guests, each started by
#   "uuidjail -- scenario_guest SOCK" as a qemu would be;
#   a browser started by "uuidjail --half", which starts two tabs with
#   "uuidjail --sub", beside a guest of another jail.
#
# Each column is one probe, "A>B": A tries every operation on the task B
# (scenario_guest's "probe"), the last row being connect() to B's socket.
# "ok" is allowed, an errno name denied; "!" marks a result the admin
# guide does not predict. Exits 1 if there is one.
#
# A scenario_guest reads its commands from a FIFO and answers into
# another, both opened read-write so that neither side ever blocks on an
# open or sees an end of file.

dir=$(mktemp -d /tmp/uuidjail-scenarios.XXXXXX) || exit 1
results=0
differ=0
ncols=0
ops=

# ask NAME COMMAND...: send COMMAND to NAME (relayed by the agent that
# spawned it, if any) and set $answer to its lines, "." left out.
ask() {
	local name=$1 cmd via
	shift
	cmd=$*
	eval "via=\${${name}_via}"
	while [ -n "$via" ]; do
		eval "cmd=\"to \${${name}_index} \$cmd\""
		name=$via
		eval "via=\${${name}_via}"
	done
	echo "$cmd" 1<>"$dir/$name.in"
	read_answer "$name"
}

# Both opened read-write: a guest that died makes read time out rather
# than block the open.
read_answer() {
	local line
	answer=
	while IFS= read -t 60 -r line; do
		[ "$line" = . ] && return 0
		answer="$answer$line
"
	done <>"$dir/$1.out"
	return 1
}

# The words after KEY on the line of $answer that starts with KEY.
field() {
	echo "$answer" | sed -n "s/^$1 //p"
}

show_agent() {	# show_agent NAME
	local pid
	eval "pid=\$${1}_pid"
	ask "$1" self
	printf '  %-8s pid %-5s %s\n' "$1" "$pid" "$(field self)"
}

# start NAME unjailed | start NAME [LAUNCHER-OPTION...]
start() {
	local name=$1
	shift
	mkfifo "$dir/$name.in" "$dir/$name.out"
	if [ "$1" = unjailed ]; then
		scenario_guest "$dir/$name.sock" \
			<>"$dir/$name.in" 1<>"$dir/$name.out" &
	else
		uuidjail "$@" -- scenario_guest "$dir/$name.sock" \
			<>"$dir/$name.in" 1<>"$dir/$name.out" &
	fi
	read_answer "$name" || return 1
	set -- $(field ready)
	[ -n "$1" ] || { echo "$name did not start"; return 1; }
	eval "${name}_pid=$1 ${name}_via= ${name}_sock=$dir/$name.sock"
}

# spawn NAME PARENT [LAUNCHER-OPTION...]: PARENT starts NAME.
spawn() {
	local name=$1 parent=$2
	shift 2
	ask "$parent" spawn "$dir/$name.sock" "$@"
	set -- $(field spawned)
	[ -n "$2" ] || { echo "$name did not start: $answer"; return 1; }
	eval "${name}_pid=$2 ${name}_via=$parent ${name}_index=$1"
	eval "${name}_sock=$dir/$name.sock"
}

# What the admin guide says OP gives for a probe of KIND: allow (every
# operation), deny (none) or socket (only the connect(), the socket of an
# unrestricted task being open to every jail).
expected() {	# expected OP KIND
	case $2:$1 in
	allow:*|socket:connect) echo ok ;;
	*:proc_*) echo EACCES ;;
	*) echo EPERM ;;
	esac
}

# probe LABEL FROM TO KIND: one column of the table.
probe() {
	local label=$1 pid sock row pair op got
	eval "pid=\$${3}_pid sock=\$${3}_sock"
	ask "$2" probe "$pid" "$sock"
	ncols=$((ncols + 1))
	row=
	set -- "$label" "$4"
	for pair in $(echo "$answer" | tr ' ' '='); do
		op=${pair%%=*}
		got=${pair#*=}
		[ "$ncols" = 1 ] && ops="$ops $op"
		results=$((results + 1))
		if [ "$got" != "$(expected "$op" "$2")" ]; then
			got="$got!"
			differ=$((differ + 1))
		fi
		row="$row $op=$got"
	done
	eval "col${ncols}_label=\$1 col${ncols}_kind=\$2 col${ncols}_row=\"\$row \""
}

# Print the columns gathered since the last table, 7 a line.
table() {
	local first=1 last i kind op row got
	while [ "$first" -le "$ncols" ]; do
		last=$((first + 6))
		[ "$last" -gt "$ncols" ] && last=$ncols
		printf '  %-19s' ""
		i=$first
		while [ "$i" -le "$last" ]; do
			eval "printf ' %-7s' \"\$col${i}_label\""
			i=$((i + 1))
		done
		printf '\n  %-19s' "expected"
		i=$first
		while [ "$i" -le "$last" ]; do
			eval "kind=\$col${i}_kind"
			case $kind in
			allow) kind=ok ;;
			deny) kind=denied ;;
			socket) kind="sock ok" ;;
			esac
			printf ' %-7s' "$kind"
			i=$((i + 1))
		done
		echo
		for op in $ops; do
			printf '  %-19s' "$op"
			i=$first
			while [ "$i" -le "$last" ]; do
				eval "row=\$col${i}_row"
				got=${row#* $op=}
				printf ' %-7s' "${got%% *}"
				i=$((i + 1))
			done
			echo
		done
		first=$((last + 1))
		[ "$first" -le "$ncols" ] && echo
	done
}

# Print the table and start the next one.
show_table() {
	table | sed 's/ *$//'
	ncols=0
	ops=
}

# "uuidjail ps" rows of the PIDs given, with its header.
ps_rows() {	# ps_rows PID...
	local pids=" $* " line
	printf '%s\n' "$answer" | while IFS= read -r line; do
		set -- $line
		case "$1:$pids" in
		PID:*|*" $1 "*) echo "    $line" ;;
		esac
	done
}

# Without waiting for "bye": a FIFO loses what is left in it once the
# guest that held it open exits.
stop() {	# stop NAME...
	local name
	for name; do
		echo quit 1<>"$dir/$name.in"
	done
}

echo "Each column A>B is a probe: A tries every operation of the admin"
echo "guide's table on the task B, then connect() to B's socket. ok is"
echo "allowed, an errno name denied; \"expected\" is what the guide says for"
echo "A and B (\"sock ok\": every operation denied, but the socket of a task"
echo "in no jail is open to every jail); ! marks a result it does not say."
echo
echo "=== a manager and three guests"
echo "The manager (libvirtd) is in no jail; each guest is started by"
echo "\"uuidjail --name guestN -- scenario_guest SOCK\", a jail and a sub-jail"
echo "of its own, and creates its monitor socket SOCK after entering."
start manager unjailed || exit 1
for g in 1 2 3; do
	start guest$g --name guest$g || exit 1
done
for a in manager guest1 guest2 guest3; do
	show_agent $a
done
echo
for a in 1 2 3; do
	for b in 1 2 3; do
		[ $a = $b ] || probe "g$a>g$b" guest$a guest$b deny
	done
done
for g in 1 2 3; do
	probe "g$g>mgr" guest$g manager socket
done
for g in 1 2 3; do
	probe "mgr>g$g" manager guest$g allow
done
show_table
echo
echo "uuidjail ps, run by the manager (the guests' rows):"
answer=$(uuidjail ps)
ps_rows PID $guest1_pid $guest2_pid $guest3_pid
echo "uuidjail ps, run by guest1 (all it prints):"
ask guest1 ps
printf '%s' "$answer" | grep -v '^child \|^exit ' | sed 's/^/    /'
stop guest1 guest2 guest3

echo
echo "=== a browser and its tabs"
echo "The browser is started by \"uuidjail --half\" (a jail), and starts"
echo "each tab by \"uuidjail --sub\" (a sub-jail of the browser's jail);"
echo "a guest, \"uuidjail --\", runs beside it in a jail of its own."
start browser --half --name browser || exit 1
spawn tab1 browser --sub --name tab1 || exit 1
spawn tab2 browser --sub --name tab2 || exit 1
start guest --name guest || exit 1
for a in manager browser tab1 tab2 guest; do
	show_agent $a
done
echo
probe "t1>t2" tab1 tab2 deny
probe "t2>t1" tab2 tab1 deny
probe "b>t1" browser tab1 allow
probe "b>t2" browser tab2 allow
probe "t1>b" tab1 browser allow
probe "t2>b" tab2 browser allow
probe "t1>mgr" tab1 manager socket
probe "t2>mgr" tab2 manager socket
probe "b>mgr" browser manager allow
probe "t1>g" tab1 guest deny
probe "b>g" browser guest deny
probe "g>b" guest browser deny
probe "mgr>b" manager browser allow
probe "mgr>t1" manager tab1 allow
show_table
echo
echo "uuidjail ps, run by tab1 (all it prints):"
ask tab1 ps
printf '%s' "$answer" | grep -v '^child \|^exit ' | sed 's/^/    /'
stop browser guest manager
wait
rm -rf "$dir"

echo
echo "$results results, $differ not as the admin guide says"
[ "$differ" = 0 ]
