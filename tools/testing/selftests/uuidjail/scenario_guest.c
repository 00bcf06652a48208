// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - A guest of the seed use cases: a qemu, a browser
 * or a tab, as scenario_test and the demo's scenarios.sh start it
 *
 *   scenario_guest SOCK          listen on the UNIX socket SOCK (its
 *                                monitor) and run the commands read from
 *                                stdin
 *   scenario_guest serve SOCK    only listen on SOCK (a service of the
 *                                session), until stdin ends
 *   scenario_guest daemon SOCK   only listen on SOCK, until a signal
 *                                ends it (a system service, stdin
 *                                ignored)
 *
 * Each first answers "ready PID STATE" (STATE as PR_UUIDJAIL_GET gives it).
 * Every answer is one or more lines closed by a line holding a single ".".
 * Commands, one a line:
 *
 *   probe PID [SOCK] try each operation below on task PID, then connect()
 *                    to SOCK if given: one "OP RESULT" line each, RESULT
 *                    being "ok" or the errno's name (EPERM, EACCES, ...)
 *   connect SOCK     only the connect() of probe
 *   self             "self TEXT", TEXT being UUIDJAIL_FS/self
 *   ps               run "uuidjail ps" (the launcher beside this program)
 *                    as a child: "child PID", its output, "exit STATUS"
 *   spawn SOCK [OPTION...]
 *                    start "uuidjail [OPTION...] -- scenario_guest SOCK"
 *                    as a child with pipes of its own: "spawned N PID"
 *                    then the child's "ready" line, N being the index to
 *                    use with "to"
 *   to N COMMAND     relay COMMAND to child N, and its answer back
 *   quit             answer "bye" and exit
 *
 * Every operation is harmless for its target, which must keep running:
 * signal 0 and SIGCONT (ignored by a running task), a ptrace attach that
 * detaches at once, priorities, limits and a scheduling policy set to
 * what they already are.  A guest allows any task to ptrace it
 * (PR_SET_PTRACER_ANY), so that Yama's relational scope refuses nothing
 * and uuidjail alone decides.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/ioprio.h>
#include <linux/kcmp.h>
#include <linux/perf_event.h>
#include <linux/prctl.h>

#include "common.h"

#define LINE_MAX_LEN 512
#define MAX_CHILDREN 8
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * process_vm_readv() reads this from the target at the address it has
 * here: every guest is this same static, non-PIE program.
 */
static char scratch[64] = "uuidjail scenario";

static struct child {
	pid_t pid;
	int in;		/* its stdin */
	int out;	/* its stdout */
} children[MAX_CHILDREN];
static int nr_children;

static void answer(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void answer_end(void)
{
	puts(".");
	fflush(stdout);
}

static const char *errname(int err)
{
	static char buf[16];
	const char *name;

	if (!err)
		return "ok";
	name = strerrorname_np(err);
	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

/* 0 or -errno of a call that returns -1 on error. */
/* Read one line of @fd, byte by byte so that no input is held back. */
static int read_line(int fd, char *line, size_t size)
{
	size_t len = 0;
	ssize_t got;
	char c;

	for (;;) {
		got = read(fd, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return len ? (int)len : -1;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
	}
	line[len] = '\0';
	return len;
}

static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t done;

	while (len) {
		done = write(fd, buf, len);
		if (done < 0 && errno == EINTR)
			continue;
		if (done <= 0)
			return -1;
		buf += done;
		len -= done;
	}
	return 0;
}

static socklen_t unix_address(const char *path, struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	snprintf(addr->sun_path, sizeof(addr->sun_path), "%s", path);
	return sizeof(*addr);
}

static int listen_on(const char *path)
{
	struct sockaddr_un addr;
	socklen_t len = unix_address(path, &addr);
	int fd;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	unlink(path);
	if (bind(fd, (struct sockaddr *)&addr, len) || listen(fd, 64)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Take a waiting connection and hang up: a monitor that says nothing. */
static void accept_one(int listener)
{
	int fd = accept4(listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);

	if (fd >= 0)
		close(fd);
}

static int op_kill0(pid_t pid)
{
	return result(kill(pid, 0));
}

static int op_sigcont(pid_t pid)
{
	return result(kill(pid, SIGCONT));
}

static int op_tgkill(pid_t pid)
{
	return result(syscall(__NR_tgkill, pid, pid, 0));
}

static int op_pidfd_signal(pid_t pid)
{
	int fd = sys_pidfd_open(pid, 0);
	int err;

	if (fd < 0)
		return -errno;
	err = result(sys_pidfd_send_signal(fd, SIGCONT));
	close(fd);
	return err;
}

/* Wait for the tracee's stop, then let it go. */
static int ptrace_release(pid_t pid)
{
	int status, err = 0;

	if (waitpid(pid, &status, __WALL) != pid)
		err = -errno;
	if (ptrace(PTRACE_DETACH, pid, NULL, 0) && !err)
		err = -errno;
	return err;
}

static int op_ptrace_attach(pid_t pid)
{
	if (ptrace(PTRACE_ATTACH, pid, NULL, 0))
		return -errno;
	return ptrace_release(pid);
}

static int op_ptrace_seize(pid_t pid)
{
	if (ptrace(PTRACE_SEIZE, pid, NULL, 0))
		return -errno;
	if (ptrace(PTRACE_INTERRUPT, pid, NULL, 0)) {
		/* Seized but not stoppable: only our exit would detach. */
		return -errno;
	}
	return ptrace_release(pid);
}

/* Set the nice value it already has; getpriority() is not checked. */
static int op_setpriority(pid_t pid)
{
	int prio;

	errno = 0;
	prio = getpriority(PRIO_PROCESS, pid);
	if (prio == -1 && errno)
		return -errno;
	return result(setpriority(PRIO_PROCESS, pid, prio));
}

static int op_getpgid(pid_t pid)
{
	return result(getpgid(pid));
}

static int op_getsid(pid_t pid)
{
	return result(getsid(pid));
}

static int op_sched_getscheduler(pid_t pid)
{
	return result(sched_getscheduler(pid));
}

static int op_sched_setscheduler(pid_t pid)
{
	const struct sched_param param = { .sched_priority = 0 };

	return result(sched_setscheduler(pid, SCHED_OTHER, &param));
}

static int op_sched_getaffinity(pid_t pid)
{
	cpu_set_t cpus;

	return result(sched_getaffinity(pid, sizeof(cpus), &cpus));
}

static int op_ioprio_get(pid_t pid)
{
	return result(syscall(__NR_ioprio_get, IOPRIO_WHO_PROCESS, pid));
}

/* Best effort, level 4: the default of a task at nice 0. */
static int op_ioprio_set(pid_t pid)
{
	return result(syscall(__NR_ioprio_set, IOPRIO_WHO_PROCESS, pid,
			      IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)));
}

/* Set the limit it already has; reading it is not checked. */
static int op_prlimit(pid_t pid)
{
	struct rlimit limit;

	if (prlimit(pid, RLIMIT_NOFILE, NULL, &limit))
		return -errno;
	return result(prlimit(pid, RLIMIT_NOFILE, &limit, NULL));
}

static int op_capget(pid_t pid)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = pid,
	};
	struct __user_cap_data_struct data[2];

	return result(syscall(__NR_capget, &hdr, data));
}

/* A counter of the target's user time. */
static int op_perf_event_open(pid_t pid)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_TASK_CLOCK,
		.exclude_kernel = 1,
		.exclude_hv = 1,
	};
	long fd = syscall(__NR_perf_event_open, &attr, pid, -1, -1,
			  PERF_FLAG_FD_CLOEXEC);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int proc_read(pid_t pid, const char *entry)
{
	char path[64], buf[256];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, entry);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (read(fd, buf, sizeof(buf)) < 0)
		err = -errno;
	close(fd);
	return err;
}

static int op_proc_status(pid_t pid)
{
	return proc_read(pid, "status");
}

static int op_proc_environ(pid_t pid)
{
	return proc_read(pid, "environ");
}

static int op_proc_cmdline(pid_t pid)
{
	return proc_read(pid, "cmdline");
}

static int op_process_vm_readv(pid_t pid)
{
	char buf[sizeof(scratch)];
	struct iovec local = { buf, sizeof(buf) };
	struct iovec remote = { scratch, sizeof(scratch) };

	return result(process_vm_readv(pid, &local, 1, &remote, 1, 0));
}

static int op_kcmp(pid_t pid)
{
	return result(syscall(__NR_kcmp, getpid(), pid, KCMP_VM, 0, 0));
}

/* A copy of the target's stdin, closed at once. */
static int op_pidfd_getfd(pid_t pid)
{
	int pidfd = sys_pidfd_open(pid, 0);
	int fd, err;

	if (pidfd < 0)
		return -errno;
	fd = syscall(__NR_pidfd_getfd, pidfd, 0, 0);
	err = result(fd);
	if (fd >= 0)
		close(fd);
	close(pidfd);
	return err;
}

static int op_connect(const char *path)
{
	struct sockaddr_un addr;
	socklen_t len = unix_address(path, &addr);
	int fd, err;

	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	err = result(connect(fd, (struct sockaddr *)&addr, len));
	close(fd);
	return err;
}

static const struct {
	const char *name;
	int (*run)(pid_t pid);
} ops[] = {
	{ "kill", op_kill0 },
	{ "sigcont", op_sigcont },
	{ "tgkill", op_tgkill },
	{ "pidfd_send_signal", op_pidfd_signal },
	{ "ptrace_attach", op_ptrace_attach },
	{ "ptrace_seize", op_ptrace_seize },
	{ "setpriority", op_setpriority },
	{ "getpgid", op_getpgid },
	{ "getsid", op_getsid },
	{ "sched_getscheduler", op_sched_getscheduler },
	{ "sched_setscheduler", op_sched_setscheduler },
	{ "sched_getaffinity", op_sched_getaffinity },
	{ "ioprio_get", op_ioprio_get },
	{ "ioprio_set", op_ioprio_set },
	{ "prlimit", op_prlimit },
	{ "capget", op_capget },
	{ "perf_event_open", op_perf_event_open },
	{ "proc_status", op_proc_status },
	{ "proc_environ", op_proc_environ },
	{ "proc_cmdline", op_proc_cmdline },
	{ "process_vm_readv", op_process_vm_readv },
	{ "kcmp", op_kcmp },
	{ "pidfd_getfd", op_pidfd_getfd },
};

static void cmd_probe(pid_t pid, const char *sock)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ops); i++)
		answer("%s %s", ops[i].name, errname(-ops[i].run(pid)));
	if (sock)
		answer("connect %s", errname(-op_connect(sock)));
}

static void cmd_self(void)
{
	char buf[128] = "";
	const ssize_t len = jail_read_self(buf, sizeof(buf));

	buf[strcspn(buf, "\n")] = '\0';
	answer("self %s", len > 0 ? buf : "?");
}

static void cmd_ps(void)
{
	char launcher[PATH_MAX], line[LINE_MAX_LEN];
	int out[2], status;
	pid_t pid;

	helper_path(launcher, sizeof(launcher), "uuidjail");
	fflush(stdout);
	if (pipe2(out, O_CLOEXEC)) {
		answer("error pipe %s", errname(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		answer("error fork %s", errname(errno));
		close(out[0]);
		close(out[1]);
		return;
	}
	if (!pid) {
		dup2(out[1], STDOUT_FILENO);
		execl(launcher, "uuidjail", "ps", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	answer("child %d", pid);
	while (read_line(out[0], line, sizeof(line)) >= 0)
		if (strcmp(line, "."))
			answer("%s", line);
	close(out[0]);
	if (waitpid(pid, &status, 0) != pid)
		status = -1;
	answer("exit %d", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

/* Copy child @c's answer to our stdout, its closing "." included. */
static int relay_answer(struct child *c)
{
	char line[LINE_MAX_LEN];

	while (read_line(c->out, line, sizeof(line)) >= 0) {
		if (!strcmp(line, "."))
			return 0;
		answer("%s", line);
	}
	return -1;
}

/*
 * spawn SOCK [OPTION...]: @args holds "SOCK OPTION...".  The child is
 * started by the launcher, which enters as its options say and execs
 * this program.
 */
static void cmd_spawn(char *args)
{
	char launcher[PATH_MAX], self[PATH_MAX], line[LINE_MAX_LEN];
	char *argv[16], *sock, *save;
	int in[2], out[2], argc = 0, status;
	struct child *c;
	pid_t pid;

	sock = strtok_r(args, " ", &save);
	if (!sock || nr_children == MAX_CHILDREN) {
		answer("error spawn");
		return;
	}
	helper_path(launcher, sizeof(launcher), "uuidjail");
	helper_path(self, sizeof(self), "scenario_guest");
	argv[argc++] = "uuidjail";
	while (argc < 12) {
		argv[argc] = strtok_r(NULL, " ", &save);
		if (!argv[argc])
			break;
		argc++;
	}
	argv[argc++] = "--";
	argv[argc++] = self;
	argv[argc++] = sock;
	argv[argc] = NULL;

	if (pipe2(in, O_CLOEXEC)) {
		answer("error pipe %s", errname(errno));
		return;
	}
	if (pipe2(out, O_CLOEXEC)) {
		answer("error pipe %s", errname(errno));
		close(in[0]);
		close(in[1]);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (!pid) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		execv(launcher, argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (pid < 0) {
		answer("error fork %s", errname(errno));
		close(in[1]);
		close(out[0]);
		return;
	}
	c = &children[nr_children];
	c->pid = pid;
	c->in = in[1];
	c->out = out[0];
	/* Its first line is "ready PID STATE", or nothing if it failed. */
	if (read_line(c->out, line, sizeof(line)) < 0 ||
	    strncmp(line, "ready ", 6)) {
		close(c->in);
		close(c->out);
		if (waitpid(pid, &status, 0) != pid)
			status = -1;
		answer("error exit %d",
		       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return;
	}
	nr_children++;
	answer("spawned %d %d", nr_children, pid);
	answer("%s", line);
	/* Drop the "." of its ready answer: ours follows. */
	read_line(c->out, line, sizeof(line));
}

/* to N COMMAND: @args holds "N COMMAND". */
static void cmd_to(char *args)
{
	char *command;
	struct child *c;
	long n;

	n = strtol(args, &command, 10);
	if (n < 1 || n > nr_children || *command != ' ') {
		answer("error to");
		return;
	}
	c = &children[n - 1];
	command++;
	if (write_all(c->in, command, strlen(command)) ||
	    write_all(c->in, "\n", 1) || relay_answer(c))
		answer("error child %ld", n);
}

static void stop_children(void)
{
	int i;

	for (i = 0; i < nr_children; i++) {
		close(children[i].in);
		close(children[i].out);
	}
	for (i = 0; i < nr_children; i++)
		waitpid(children[i].pid, NULL, 0);
}

/* Run one command; false once the guest should exit. */
static bool run_command(char *line)
{
	char sock[LINE_MAX_LEN];
	int pid, n;

	n = sscanf(line, "probe %d %511s", &pid, sock);
	if (n >= 1)
		cmd_probe(pid, n == 2 ? sock : NULL);
	else if (sscanf(line, "connect %511s", sock) == 1)
		answer("connect %s", errname(-op_connect(sock)));
	else if (!strcmp(line, "self"))
		cmd_self();
	else if (!strcmp(line, "ps"))
		cmd_ps();
	else if (!strncmp(line, "spawn ", 6))
		cmd_spawn(line + 6);
	else if (!strncmp(line, "to ", 3))
		cmd_to(line + 3);
	else if (!strcmp(line, "quit"))
		answer("bye");
	else
		answer("error unknown command");
	answer_end();
	return strcmp(line, "quit");
}

static int print_usage(void)
{
	fprintf(stderr,
		"usage: scenario_guest SOCK\n"
		"       scenario_guest serve SOCK\n"
		"       scenario_guest daemon SOCK\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct pollfd fds[2];
	char line[LINE_MAX_LEN];
	bool serve = argc == 3 && !strcmp(argv[1], "serve");
	bool as_daemon = argc == 3 && !strcmp(argv[1], "daemon");
	int listener;

	if (argc != 2 && !serve && !as_daemon)
		return print_usage();
	signal(SIGPIPE, SIG_IGN);
	/* Without Yama in lsm=, nothing handles the option: EINVAL. */
	prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);

	listener = listen_on(argv[argc - 1]);
	if (listener < 0) {
		perror(argv[argc - 1]);
		return 1;
	}
	answer("ready %d %d", getpid(),
	       prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0));
	answer_end();

	/* poll() skips a negative descriptor: a daemon never reads stdin. */
	fds[0].fd = as_daemon ? -1 : STDIN_FILENO;
	fds[0].events = POLLIN;
	fds[1].fd = listener;
	fds[1].events = POLLIN;
	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[1].revents & POLLIN)
			accept_one(listener);
		if (!fds[0].revents)
			continue;
		if (read_line(STDIN_FILENO, line, sizeof(line)) < 0)
			break;
		if (serve)
			continue;
		if (!run_command(line))
			break;
	}
	stop_children();
	unlink(argv[argc - 1]);
	return 0;
}
