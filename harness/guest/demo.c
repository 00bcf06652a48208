// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail-demo - Observe the access matrix on the running kernel
 *
 * For each operation, puts pairs of processes into every combination of
 * states (same jail and other jail where it matters), tries the operation
 * and prints the 3x3 table it observed beside the table of the admin guide:
 * the task table, or for UNIX sockets, which O creates after entering, the
 * socket table.  Exits 1 if any cell differs.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/prctl.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * A probe: the subject enters @pre levels and forks the object, which
 * enters @obj more levels; then the subject enters @post more levels.
 */
struct probe {
	int pre, obj, post;
};

static int enter_levels(int n)
{
	int state = prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0);
	int level;

	if (state < 0)
		return -1;
	for (level = state + 1; level <= state + n; level++)
		if (prctl(PR_UUIDJAIL, PR_UUIDJAIL_ENTER, level, 0, 0))
			return -1;
	return 0;
}

static bool op_kill(pid_t pid)
{
	return kill(pid, 0) == 0;
}

static bool op_pidfd_send_signal(pid_t pid)
{
	int fd = syscall(__NR_pidfd_open, pid, 0);
	bool ok;

	if (fd < 0)
		return false;
	ok = syscall(__NR_pidfd_send_signal, fd, 0, NULL, 0) == 0;
	close(fd);
	return ok;
}

static bool op_ptrace_attach(pid_t pid)
{
	int status;

	if (ptrace(PTRACE_ATTACH, pid, NULL, 0))
		return false;
	waitpid(pid, &status, __WALL);
	ptrace(PTRACE_DETACH, pid, NULL, 0);
	return true;
}

static bool open_proc(pid_t pid, const char *entry)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, entry);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool op_proc_environ(pid_t pid)
{
	return open_proc(pid, "environ");
}

static bool op_proc_mem(pid_t pid)
{
	return open_proc(pid, "mem");
}

static bool op_proc_status(pid_t pid)
{
	return open_proc(pid, "status");
}

static bool op_oom_score_adj(pid_t pid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/oom_score_adj", pid);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static bool op_getsid(pid_t pid)
{
	return getsid(pid) >= 0;
}

static bool op_setpriority(pid_t pid)
{
	return setpriority(PRIO_PROCESS, pid, 0) == 0;
}

static bool op_sched_getaffinity(pid_t pid)
{
	cpu_set_t cpus;

	return sched_getaffinity(pid, sizeof(cpus), &cpus) == 0;
}

/*
 * UNIX sockets O creates once it entered its levels: a stream listener
 * on an abstract name, a seqpacket listener on a pathname and a datagram
 * socket on an abstract name, each named after O's pid.
 */
static socklen_t demo_address(pid_t pid, char kind, struct sockaddr_un *addr)
{
	int len;

	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	if (kind == 'q')
		len = snprintf(addr->sun_path, sizeof(addr->sun_path),
			       "/tmp/uuidjail-demo-%d", pid) + 1;
	else
		len = snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			       "uuidjail-demo-%d-%c", pid, kind) + 1;
	return offsetof(struct sockaddr_un, sun_path) + len;
}

static int serve_one(int type, char kind)
{
	struct sockaddr_un addr;
	const socklen_t len = demo_address(getpid(), kind, &addr);
	const int fd = socket(AF_UNIX, type, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, len))
		return -1;
	return type == SOCK_DGRAM ? 0 : listen(fd, 4);
}

static int serve_sockets(void)
{
	return serve_one(SOCK_STREAM, 's') || serve_one(SOCK_SEQPACKET, 'q') ||
	       serve_one(SOCK_DGRAM, 'd') ? -1 : 0;
}

static void unserve_sockets(void)
{
	struct sockaddr_un addr;

	demo_address(getpid(), 'q', &addr);
	unlink(addr.sun_path);
}

static bool reach(pid_t pid, int type, char kind)
{
	struct sockaddr_un addr;
	const socklen_t len = demo_address(pid, kind, &addr);
	const int fd = socket(AF_UNIX, type, 0);
	bool ok;

	if (fd < 0)
		return false;
	if (type == SOCK_DGRAM)
		ok = sendto(fd, "x", 1, 0, (struct sockaddr *)&addr, len) == 1;
	else
		ok = connect(fd, (struct sockaddr *)&addr, len) == 0;
	close(fd);
	return ok;
}

static bool op_stream_connect(pid_t pid)
{
	return reach(pid, SOCK_STREAM, 's');
}

static bool op_seqpacket_connect(pid_t pid)
{
	return reach(pid, SOCK_SEQPACKET, 'q');
}

static bool op_dgram_sendto(pid_t pid)
{
	return reach(pid, SOCK_DGRAM, 'd');
}

/* [object state][subject state], in the admin guide's words. */
static const char *const task_table[3][3] = {
	{ "allow", "allow", "deny" },
	{ "allow", "same id1", "same id1" },
	{ "allow", "same id1", "same id1 and same id2" },
};

/* O is the task that created the socket S reaches. */
static const char *const socket_table[3][3] = {
	{ "allow", "allow", "allow" },
	{ "allow", "same id1", "same id1" },
	{ "allow", "same id1", "same id1 and same id2" },
};

static const struct {
	const char *name;
	bool (*fn)(pid_t pid);
	/* &socket_table: O serves its sockets */
	const char *const (*design)[3][3];
} ops[] = {
	{ "kill(pid, 0)", op_kill, &task_table },
	{ "pidfd_send_signal(pidfd, 0)", op_pidfd_send_signal, &task_table },
	{ "ptrace(PTRACE_ATTACH)", op_ptrace_attach, &task_table },
	{ "open(/proc/PID/environ)", op_proc_environ, &task_table },
	{ "open(/proc/PID/mem)", op_proc_mem, &task_table },
	{ "open(/proc/PID/status)", op_proc_status, &task_table },
	{ "open(/proc/PID/oom_score_adj, O_WRONLY)", op_oom_score_adj,
	  &task_table },
	{ "getsid(pid)", op_getsid, &task_table },
	{ "setpriority(PRIO_PROCESS, pid, 0)", op_setpriority, &task_table },
	{ "sched_getaffinity(pid)", op_sched_getaffinity, &task_table },
	{ "connect() to O's stream socket (abstract name)", op_stream_connect,
	  &socket_table },
	{ "connect() to O's seqpacket socket (pathname)", op_seqpacket_connect,
	  &socket_table },
	{ "sendto() to O's datagram socket (abstract name)", op_dgram_sendto,
	  &socket_table },
};

/* Run one probe in a fresh subject process: 1 allowed, 0 denied, -1 error. */
static int run_probe(bool (*fn)(pid_t), bool sockets, const struct probe *p)
{
	int ready[2], hold[2], status, result;
	pid_t subject, object;
	char c;

	subject = fork();
	if (subject < 0)
		return -1;
	if (subject == 0) {
		if (enter_levels(p->pre) || pipe(ready) || pipe(hold))
			_exit(2);
		object = fork();
		if (object < 0)
			_exit(2);
		if (object == 0) {
			close(hold[1]);
			if (enter_levels(p->obj) ||
			    (sockets && serve_sockets()))
				_exit(2);
			if (write(ready[1], "r", 1) != 1)
				_exit(2);
			/* Wait for EOF: the subject may not signal us. */
			result = read(hold[0], &c, 1);
			if (sockets)
				unserve_sockets();
			_exit(result == 0 ? 0 : 2);
		}
		close(hold[0]);
		if (read(ready[0], &c, 1) != 1 || enter_levels(p->post))
			_exit(2);
		result = fn(object);
		close(hold[1]);
		waitpid(object, &status, 0);
		_exit(result ? 1 : 0);
	}
	if (waitpid(subject, &status, 0) != subject || !WIFEXITED(status) ||
	    WEXITSTATUS(status) > 1)
		return -1;
	return WEXITSTATUS(status);
}

/*
 * The probes of each cell, [object state][subject state], in order of
 * closeness: same jail and sub-jail, same jail other sub-jail, other jail.
 */
static const struct probe cells[3][3][3] = {
	{ /* object unrestricted */
		{ { 0, 0, 0 } },
		{ { 0, 0, 1 } },
		{ { 0, 0, 2 } },
	},
	{ /* object half-restricted */
		{ { 0, 1, 0 } },
		{ { 1, 0, 0 }, { 0, 1, 1 } },
		{ { 1, 0, 1 }, { 0, 1, 2 } },
	},
	{ /* object restricted */
		{ { 0, 2, 0 } },
		{ { 1, 1, 0 }, { 0, 2, 1 } },
		{ { 2, 0, 0 }, { 1, 1, 1 }, { 0, 2, 2 } },
	},
};

/* Name what a cell's probes saw, in the admin guide's words. */
static const char *describe(const int *seen, int n)
{
	int allowed = 0, i;

	for (i = 0; i < n; i++) {
		if (seen[i] < 0)
			return "error";
		allowed += seen[i];
	}
	if (allowed == n)
		return "allow";
	if (allowed == 0)
		return "deny";
	if (n == 2 && seen[0] && !seen[1])
		return "same id1";
	if (n == 3 && seen[0] && seen[1] && !seen[2])
		return "same id1";
	if (n == 3 && seen[0] && !seen[1] && !seen[2])
		return "same id1 and same id2";
	return "inconsistent";
}

static const char *const row_names[] = { "O unrestricted", "O half",
					 "O restricted" };

static void print_header(void)
{
	printf("%-16s %-26s %-26s %s\n", "", "S unrestricted",
	       "S half-restricted", "S restricted");
}

static void print_table(const char *const table[3][3])
{
	int o;

	print_header();
	for (o = 0; o < 3; o++)
		printf("%-16s %-26s %-26s %s\n", row_names[o], table[o][0],
		       table[o][1], table[o][2]);
}

/* Observe one cell of operation @op; its text, and 1 if it differs. */
static int observe(unsigned int op, int o, int s, char *cell, size_t size)
{
	const char *const (*const design)[3][3] = ops[op].design;
	const int n = (o == 0 || s == 0) ? 1 : (o == 2 && s == 2) ? 3 : 2;
	const char *got;
	int seen[3], i;

	for (i = 0; i < n; i++)
		seen[i] = run_probe(ops[op].fn, design == &socket_table,
				    &cells[o][s][i]);
	got = describe(seen, n);
	if (strcmp(got, (*design)[o][s])) {
		snprintf(cell, size, "%s [expected %s]", got,
			 (*design)[o][s]);
		return 1;
	}
	snprintf(cell, size, "%s [ok]", got);
	return 0;
}

int main(void)
{
	char text[3][3][64];
	const char *table[3][3];
	int mismatches = 0, o, s;
	unsigned int op;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0) < 0) {
		printf("uuidjail is not enabled: %s\n", strerror(errno));
		return 1;
	}
	printf("uuidjail demo: who may act on whom, observed beside the admin guide\n");
	printf("uid %d; S acts on O; each cell: what was observed, then\n",
	       getuid());
	printf("[ok] if the admin guide says the same, else [expected ...]\n\n");
	printf("admin guide (Documentation/admin-guide/LSM/uuidjail.rst), tasks\n");
	print_table(task_table);
	printf("\nadmin guide, UNIX sockets: S connects or sends to a socket O created\n");
	print_table(socket_table);

	for (op = 0; op < ARRAY_SIZE(ops); op++) {
		for (o = 0; o < 3; o++) {
			for (s = 0; s < 3; s++) {
				mismatches += observe(op, o, s, text[o][s],
						      sizeof(text[o][s]));
				table[o][s] = text[o][s];
			}
		}
		printf("\n%s\n", ops[op].name);
		print_table(table);
	}
	printf("\n%s: %d cell(s) differ from the admin guide\n",
	       mismatches ? "MISMATCH" : "all cells match", mismatches);
	return mismatches ? 1 : 0;
}
