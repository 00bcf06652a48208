// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail benchmark - What the checks cost, per operation
 *
 * Not a test: it prints figures and never judges them.  The harness runs
 * it under QEMU with -icount shift=0, where the guest clock counts
 * instructions (1 ns per instruction), so that figures repeat from run to
 * run; see "make bench".
 *
 *   jail_bench ops CONFIG   time every operation in one configuration:
 *     host      the caller as it is (unrestricted, or no uuidjail at all)
 *     jailed    caller and target in one sub-jail (the allowed path)
 *     denied    caller and target in sub-jails of two jails (the denied
 *               path; operations without a target are not run)
 *     landlock  caller and target in one Landlock domain that scopes
 *               signals and abstract UNIX sockets
 *   jail_bench scale N      enter1 and a check in a jail, with N jailed
 *                           tasks alive (jails of two tasks)
 *   jail_bench memory N     kernel memory of N tasks, unjailed and in
 *                           jails of two
 *
 * Each line printed is "bench KIND NAME CONFIG VALUE UNIT".
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/landlock.h>

#include "common.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define BENCH_DIR "/tmp/uuidjail-bench"
/* A path of 10 components outside /proc. */
#define DEEP_PATH BENCH_DIR "/1/2/3/4/5/6/7/8/f"

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	fprintf(stderr, "jail_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* The target: a child that serves a UNIX socket and waits for EOF. */
static pid_t target;
static int target_pidfd, target_hold;
static struct sockaddr_un target_addr;
static socklen_t target_addr_len;

static socklen_t listener_address(pid_t pid, struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			"uuidjail-bench-%d", pid);
}

static void start_target(int levels)
{
	int hold[2], ready[2], fd;
	char c = 0;

	if (pipe(hold) || pipe(ready))
		die("pipe");
	target = fork();
	if (target < 0)
		die("fork");
	if (target == 0) {
		struct sockaddr_un addr;
		socklen_t len = listener_address(getpid(), &addr);

		close(hold[1]);
		if (jail_enter_levels(1, levels))
			_exit(1);
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		if (fd < 0 || bind(fd, (struct sockaddr *)&addr, len) ||
		    listen(fd, 4096))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		while (read(hold[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(hold[0]);
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1)
		die("target");
	close(ready[0]);
	target_hold = hold[1];
	target_pidfd = sys_pidfd_open(target, 0);
	target_addr_len = listener_address(target, &target_addr);
}

static void stop_target(void)
{
	close(target_hold);
	close(target_pidfd);
	waitpid(target, NULL, 0);
}

/* The operations; each returns nothing useful, errors are part of it. */
static void op_kill(void)
{
	kill(target, 0);
}

static void op_pidfd_send_signal(void)
{
	sys_pidfd_send_signal(target_pidfd, 0);
}

static void op_getpgid(void)
{
	getpgid(target);
}

static void op_sched_getscheduler(void)
{
	sched_getscheduler(target);
}

static void op_setpriority(void)
{
	setpriority(PRIO_PROCESS, target, 0);
}

static void read_proc(const char *entry)
{
	char path[64], buf[4096];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", target, entry);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return;
	if (read(fd, buf, sizeof(buf)) < 0)
		buf[0] = 0;
	close(fd);
}

static void op_proc_status(void)
{
	read_proc("status");
}

static void op_proc_environ(void)
{
	read_proc("environ");
}

static void op_unix_connect(void)
{
	const int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	connect(fd, (struct sockaddr *)&target_addr, target_addr_len);
	close(fd);
}

static void op_stat(void)
{
	struct stat st;

	stat(DEEP_PATH, &st);
}

static void op_create_unlink(void)
{
	const int fd = open(BENCH_DIR "/new", O_CREAT | O_EXCL | O_WRONLY,
			    0600);

	close(fd);
	unlink(BENCH_DIR "/new");
}

static void op_fork(void)
{
	const pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
}

static const char *self_exe;

static void op_execve(void)
{
	const pid_t pid = fork();

	if (pid == 0) {
		execl(self_exe, self_exe, "exit", NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

static const struct {
	const char *name;
	void (*fn)(void);
	int iterations;
	bool on_target;
} ops[] = {
	{ "kill", op_kill, 20000, true },
	{ "pidfd_send_signal", op_pidfd_send_signal, 20000, true },
	{ "getpgid", op_getpgid, 20000, true },
	{ "sched_getscheduler", op_sched_getscheduler, 20000, true },
	{ "setpriority", op_setpriority, 20000, true },
	{ "proc_status", op_proc_status, 2000, true },
	{ "proc_environ", op_proc_environ, 2000, true },
	{ "unix_connect", op_unix_connect, 2000, true },
	{ "stat_10", op_stat, 5000, false },
	{ "create_unlink", op_create_unlink, 2000, false },
	{ "fork_exit_wait", op_fork, 300, false },
	{ "execve", op_execve, 100, false },
};

/*
 * Time @fn: ns per call, after a tenth as many calls to warm caches.  The
 * calls run in ROUNDS rounds and the fastest round counts: under -icount a
 * round is only slower when something else ran in it (a timer tick that
 * runs RCU callbacks, a kworker), which is not the operation's cost.
 */
#define ROUNDS 5

static double time_op(void (*fn)(void), int iterations)
{
	const int per_round = iterations < ROUNDS ? 1 : iterations / ROUNDS;
	double best = 0;
	long long start;
	int i, round;

	for (i = 0; i < iterations / 10; i++)
		fn();
	for (round = 0; round < ROUNDS; round++) {
		double t;

		start = now_ns();
		for (i = 0; i < per_round; i++)
			fn();
		t = (double)(now_ns() - start) / per_round;
		if (!round || t < best)
			best = t;
	}
	return best;
}

static void landlock_scope(void)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL |
			  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
	};
	const int fd = syscall(SYS_landlock_create_ruleset, &attr,
			       sizeof(attr), 0);

	if (fd < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_landlock_restrict_self, fd, 0))
		die("landlock");
	close(fd);
}

static void make_deep_path(void)
{
	char path[sizeof(DEEP_PATH)];
	char *slash;
	int fd;

	snprintf(path, sizeof(path), "%s", DEEP_PATH);
	for (slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	fd = open(DEEP_PATH, O_CREAT | O_WRONLY, 0644);
	if (fd < 0)
		die(DEEP_PATH);
	close(fd);
}

static int run_ops(const char *config)
{
	const bool denied = !strcmp(config, "denied");
	unsigned int i;

	make_deep_path();
	if (!strcmp(config, "jailed")) {
		if (jail_enter_levels(1, 2))
			die("enter");
		start_target(0);
	} else if (denied) {
		start_target(2);
		if (jail_enter_levels(1, 2))
			die("enter");
	} else if (!strcmp(config, "landlock")) {
		landlock_scope();
		start_target(0);
	} else if (!strcmp(config, "host")) {
		start_target(0);
	} else {
		fprintf(stderr, "jail_bench: no configuration %s\n", config);
		return 2;
	}
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (denied && !ops[i].on_target)
			continue;
		printf("bench op %s %s %.1f ns\n", ops[i].name, config,
		       time_op(ops[i].fn, ops[i].iterations));
	}
	stop_target();
	return 0;
}

/*
 * @tasks tasks in (@tasks + 1) / 2 jails of a process that entered and,
 * but for the last jail of an odd count, a thread of it.
 */
static void *idle_thread(void *arg)
{
	char c;

	while (read(*(int *)arg, &c, 1) > 0)
		;
	return NULL;
}

static int populate(int tasks, bool jailed)
{
	const int jails = (tasks + 1) / 2, threads = tasks - jails;
	int hold[2], ready[2], i, made = 0;
	char c;

	if (pipe(hold) || pipe(ready))
		die("pipe");
	for (i = 0; i < jails; i++) {
		const pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			static char stack[16384];
			pthread_attr_t attr;
			pthread_t thread;

			close(hold[1]);
			if (jailed && jail_enter_prctl(1))
				_exit(1);
			pthread_attr_init(&attr);
			pthread_attr_setstack(&attr, stack, sizeof(stack));
			if (i < threads &&
			    pthread_create(&thread, &attr, idle_thread, &hold[0]))
				_exit(1);
			if (write(ready[1], "r", 1) != 1)
				_exit(1);
			idle_thread(&hold[0]);
			_exit(0);
		}
	}
	close(hold[0]);
	close(ready[1]);
	while (made < jails && read(ready[0], &c, 1) == 1)
		made++;
	close(ready[0]);
	if (made != jails) {
		fprintf(stderr, "jail_bench: %d of %d jails\n", made, jails);
		exit(1);
	}
	return hold[1];
}

static void depopulate(int hold)
{
	close(hold);
	while (wait(NULL) > 0)
		;
}

static int compare_long_long(const void *a, const void *b)
{
	return *(const long long *)a < *(const long long *)b ? -1 :
	       *(const long long *)a > *(const long long *)b;
}

/*
 * enter1 in ENTER_ITERATIONS fresh children: the median, since one entry is
 * short enough that a timer tick landing in it would weigh on a mean.
 */
#define ENTER_ITERATIONS 201

static double time_enter1(void)
{
	long long t[ENTER_ITERATIONS];
	int fds[2], i, status;

	if (pipe(fds))
		die("pipe");
	for (i = 0; i < ENTER_ITERATIONS; i++) {
		const pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0) {
			long long start = now_ns();

			if (jail_enter_prctl(1))
				_exit(1);
			start = now_ns() - start;
			_exit(write(fds[1], &start, sizeof(start)) !=
			      sizeof(start));
		}
		/* The pipe keeps what the child wrote after it exits. */
		if (waitpid(pid, &status, 0) != pid || status ||
		    read(fds[0], &t[i], sizeof(t[i])) != sizeof(t[i]))
			die("enter1");
	}
	close(fds[0]);
	close(fds[1]);
	qsort(t, ENTER_ITERATIONS, sizeof(t[0]), compare_long_long);
	return t[ENTER_ITERATIONS / 2];
}

static int run_scale(int tasks)
{
	const int hold = populate(tasks, true);
	const pid_t pid = fork();
	int status;

	if (pid == 0) {
		printf("bench scale enter1 %d %.1f ns\n", tasks,
		       time_enter1());
		if (jail_enter_levels(1, 2))
			die("enter");
		start_target(0);
		printf("bench scale kill %d %.1f ns\n", tasks,
		       time_op(op_kill, 20000));
		stop_target();
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	depopulate(hold);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

/* Kernel memory in use, in kB: slabs, stacks and page tables. */
static long kernel_kb(void)
{
	static const char *const fields[] = { "Slab:", "KernelStack:",
					      "PageTables:" };
	char line[128];
	long total = 0, kb;
	unsigned int i;
	FILE *f;
	int fd;

	/* Free what can be freed, and let RCU callbacks run. */
	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "3", 1) != 1)
			die("drop_caches");
		close(fd);
	}
	sleep(1);
	f = fopen("/proc/meminfo", "re");
	if (!f)
		die("/proc/meminfo");
	while (fgets(line, sizeof(line), f))
		for (i = 0; i < ARRAY_SIZE(fields); i++)
			if (!strncmp(line, fields[i], strlen(fields[i])) &&
			    sscanf(line + strlen(fields[i]), "%ld", &kb) == 1)
				total += kb;
	fclose(f);
	return total;
}

/*
 * What @tasks tasks cost the kernel, jailed or not: the median of three
 * rounds.  Blobs are allocated for every task, jailed or not; the
 * difference between the two is what the jails themselves cost.
 */
static int run_memory(int tasks)
{
	long long delta[2][3], before;
	int jailed, round, hold;

	for (round = 0; round < 3; round++) {
		for (jailed = 0; jailed < 2; jailed++) {
			before = kernel_kb();
			hold = populate(tasks, jailed);
			delta[jailed][round] = kernel_kb() - before;
			depopulate(hold);
		}
	}
	for (jailed = 0; jailed < 2; jailed++) {
		qsort(delta[jailed], 3, sizeof(delta[jailed][0]),
		      compare_long_long);
		printf("bench memory %s %d %lld kB\n",
		       jailed ? "jailed" : "unjailed", tasks, delta[jailed][1]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	self_exe = argv[0];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 2 && !strcmp(argv[1], "exit"))
		return 0;
	if (argc != 3) {
		fprintf(stderr, "usage: jail_bench ops|scale|memory ARG\n");
		return 2;
	}
	if (!strcmp(argv[1], "ops"))
		return run_ops(argv[2]);
	if (!strcmp(argv[1], "scale"))
		return run_scale(atoi(argv[2]));
	if (!strcmp(argv[1], "memory"))
		return run_memory(atoi(argv[2]));
	fprintf(stderr, "jail_bench: unknown mode %s\n", argv[1]);
	return 2;
}
