// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The uuidjail(1) launcher
 *
 * Each test forks a child that may first enter jail levels, name its jail
 * or start a tracee, then execs the launcher (tools/uuidjail, built
 * beside this test), whose command reports what it got: the "self",
 * "name" or "tasks" file, its pid.  The test checks the launcher's exit
 * status, what it wrote on stderr where it matters, and that report.
 * The test process itself starts unrestricted.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "common.h"
#include "kselftest_harness.h"

#define SELF UUIDJAIL_FS "/self"
#define NAME UUIDJAIL_FS "/name"
#define TASKS UUIDJAIL_FS "/tasks"
#define JAILS UUIDJAIL_FS "/jails"
#define PS_HEADER "PID TGID STATE ID1 ID2 NAME COMMAND\n"

/* The exit status of a child that failed before it could exec. */
#define CHILD_FAILED 99

/* The launcher, beside this test. */
static char launcher[PATH_MAX];

/* What the child does before it execs the launcher. */
struct setup {
	int levels;		/* jail levels it enters */
	const char *name;	/* then the name it gives its jail */
	bool report_self;	/* it writes its "self" line to stdout */
	const char *shell;	/* SHELL: NULL keeps it, "" unsets it */
	bool gated;		/* it waits for a byte on gate_fd first */
	int gate_fd;
	bool tracing;		/* it traces a child of its own */
	int hold_fd;		/* which lives until this pipe is closed */
	bool no_prctl;		/* prctl(PR_UUIDJAIL) fails with EINVAL */
	const char *input;	/* its stdin; NULL: kept open, see launch() */
};

static const struct setup plain = { .input = "" };

struct run {
	pid_t pid;
	int in_fd, out_fd, err_fd;	/* ours, -1 once closed */
	char out[1 << 18], err[4096];	/* ps lists every task */
	size_t out_len, err_len;
};

#define ARGS(...) ((const char *const []){ __VA_ARGS__, NULL })

/* Fork off a tracee that waits for @hold_fd to close; 0 or -1. */
static int start_tracee(int hold_fd)
{
	int ready[2], fd;
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(ready[0]);
		c = ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? 'n' : 'y';
		if (write(ready[1], &c, 1) != 1 || c != 'y')
			_exit(1);
		/* Keep no end of the launcher's pipes open. */
		for (fd = 0; fd < 1024; fd++)
			if (fd != hold_fd)
				close(fd);
		/* EOF once the test closes its end. */
		_exit(read(hold_fd, &c, 1) != 0);
	}
	close(ready[1]);
	if (read(ready[0], &c, 1) != 1 || c != 'y')
		return -1;
	close(ready[0]);
	return 0;
}

/* From now on, prctl(PR_UUIDJAIL, ...) fails with EINVAL; 0 or -1. */
static int hide_prctl(void)
{
#if defined(__x86_64__)
	const __u32 arch = AUDIT_ARCH_X86_64;
#elif defined(__i386__)
	const __u32 arch = AUDIT_ARCH_I386;
#elif defined(__aarch64__)
	const __u32 arch = AUDIT_ARCH_AARCH64;
#else
	const __u32 arch = 0;
#endif
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_prctl, 0, 3),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, args[0])),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_UUIDJAIL, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = ARRAY_SIZE(insns),
		.filter = insns,
	};

	if (!arch)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) ? -1 : 0;
}

/* The child: set up as @s says, then exec the launcher.  Never returns. */
static void child(const struct setup *s, const char **argv, int in, int out,
		  int err)
{
	char buf[128], c;
	ssize_t len;

	if (s->gated && read(s->gate_fd, &c, 1) != 1)
		_exit(CHILD_FAILED);
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(CHILD_FAILED);
	if (jail_enter_levels(1, s->levels))
		_exit(CHILD_FAILED);
	if (s->name && jail_name_prctl(s->name))
		_exit(CHILD_FAILED);
	if (s->report_self) {
		len = jail_read_self(buf, sizeof(buf));
		if (len < 0 || write(1, buf, len) != len)
			_exit(CHILD_FAILED);
	}
	if (s->shell && *s->shell)
		setenv("SHELL", s->shell, 1);
	else if (s->shell)
		unsetenv("SHELL");
	if (s->tracing && start_tracee(s->hold_fd))
		_exit(CHILD_FAILED);
	if (s->no_prctl && hide_prctl())
		_exit(CHILD_FAILED);
	execv(argv[0], (char **)argv);
	_exit(CHILD_FAILED);
}

/*
 * Start the launcher with @args in a child set up as @s says: 0 or -1.
 * Its stdin gets @s->input, then EOF; or, if that is NULL, stays open
 * until launch_wait().
 */
static int launch_start(struct run *r, const struct setup *s,
			const char *const *args)
{
	const char *argv[32];
	int in[2], out[2], err[2];
	size_t i, len;

	memset(r, 0, sizeof(*r));
	argv[0] = launcher;
	for (i = 0; args[i]; i++) {
		if (i + 2 >= ARRAY_SIZE(argv))
			return -1;
		argv[i + 1] = args[i];
	}
	argv[i + 1] = NULL;

	if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) ||
	    pipe2(err, O_CLOEXEC))
		return -1;
	r->pid = fork();
	if (r->pid < 0)
		return -1;
	if (r->pid == 0)
		child(s, argv, in[0], out[1], err[1]);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	r->in_fd = in[1];
	r->out_fd = out[0];
	r->err_fd = err[0];
	if (s->input) {
		/* Small enough for the pipe: no deadlock. */
		len = strlen(s->input);
		if (write(r->in_fd, s->input, len) != (ssize_t)len)
			return -1;
		close(r->in_fd);
		r->in_fd = -1;
	}
	return 0;
}

/* Read stdout up to a newline into r->out: 0, or -1 at EOF. */
static int launch_read_line(struct run *r)
{
	char c;

	while (read(r->out_fd, &c, 1) == 1) {
		if (r->out_len < sizeof(r->out) - 1)
			r->out[r->out_len++] = c;
		if (c == '\n')
			return 0;
	}
	return -1;
}

/*
 * Close the child's stdin, collect its output and wait for it (letting it
 * go on if we trace it): its exit status, 256 + the signal that killed it,
 * or -1.
 */
static int launch_wait(struct run *r)
{
	struct pollfd fds[2] = {
		{ .fd = r->out_fd, .events = POLLIN },
		{ .fd = r->err_fd, .events = POLLIN },
	};
	char *bufs[2] = { r->out, r->err };
	size_t *lens[2] = { &r->out_len, &r->err_len };
	size_t sizes[2] = { sizeof(r->out), sizeof(r->err) };
	char chunk[1024];
	int status, i, open_fds = 2;
	ssize_t got;
	size_t n;

	if (r->in_fd >= 0)
		close(r->in_fd);
	r->in_fd = -1;
	while (open_fds) {
		if (poll(fds, 2, -1) < 0)
			return -1;
		for (i = 0; i < 2; i++) {
			if (fds[i].fd < 0 || !fds[i].revents)
				continue;
			got = read(fds[i].fd, chunk, sizeof(chunk));
			if (got <= 0) {
				close(fds[i].fd);
				fds[i].fd = -1;
				open_fds--;
				continue;
			}
			n = sizes[i] - 1 - *lens[i];
			if ((size_t)got < n)
				n = got;
			memcpy(bufs[i] + *lens[i], chunk, n);
			*lens[i] += n;
		}
	}
	r->out[r->out_len] = '\0';
	r->err[r->err_len] = '\0';
	r->out_fd = -1;
	r->err_fd = -1;

	for (;;) {
		if (waitpid(r->pid, &status, 0) != r->pid)
			return -1;
		if (!WIFSTOPPED(status))
			break;
		/* A tracee of ours: a signal is passed on, an event is not. */
		if (ptrace(PTRACE_CONT, r->pid, NULL,
			   status >> 16 ? 0 : WSTOPSIG(status)))
			return -1;
	}
	if (WIFSIGNALED(status))
		return 256 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Run the launcher to its end: as launch_wait(). */
static int launch(struct run *r, const struct setup *s,
		  const char *const *args)
{
	if (launch_start(r, s, args))
		return -1;
	return launch_wait(r);
}

struct label {
	int state;
	unsigned long long id1, id2;
};

/* Parse a label as "self" gives it, ending at a newline: the state or -1. */
static int parse_label(const char *text, struct label *l)
{
	int n = 0;

	memset(l, 0, sizeof(*l));
	l->state = -1;
	if (!strncmp(text, "unrestricted\n", 13))
		l->state = UNRESTRICTED;
	else if (sscanf(text, "half-restricted id1=%llu%n", &l->id1, &n) == 1 &&
		 text[n] == '\n' && l->id1)
		l->state = HALF;
	else if (sscanf(text, "restricted id1=%llu id2=%llu%n", &l->id1,
			&l->id2, &n) == 2 && text[n] == '\n' && l->id1 &&
		 l->id2)
		l->state = RESTRICTED;
	return l->state;
}

/* The line after the first of @text, or NULL. */
static const char *next_line(const char *text)
{
	const char *nl = strchr(text, '\n');

	return nl && nl[1] ? nl + 1 : NULL;
}

/* The number of lines of @text. */
static int lines(const char *text)
{
	int n = 0;

	for (; text && *text; text = next_line(text))
		n++;
	return n;
}

static bool contains(const char *text, const char *part)
{
	return strstr(text, part);
}

/* Find the line of @pid in the "tasks" text @text: 0 or -1. */
static int find_task(const char *text, pid_t pid, struct task_line *t)
{
	const char *line;

	for (line = text; line; line = next_line(line))
		if (!parse_task_line(line, t) && t->pid == pid)
			return 0;
	return -1;
}

/* Whether the "jails" text @text has the line "@id1 @id2 N @name". */
static bool has_jail(const char *text, unsigned long long id1,
		     unsigned long long id2, const char *name)
{
	unsigned long long a, b, tasks;
	char found[80];
	const char *line;

	for (line = text; line; line = next_line(line))
		if (sscanf(line, "%llu %llu %llu %79s", &a, &b, &tasks,
			   found) == 4 && a == id1 && b == id2 &&
		    !strcmp(found, name))
			return true;
	return false;
}

FIXTURE(launcher) {};

FIXTURE_SETUP(launcher)
{
	helper_path(launcher, sizeof(launcher), "uuidjail");
	ASSERT_EQ(0, access(launcher, X_OK)) {
		TH_LOG("no launcher at %s: %s", launcher, strerror(errno));
	}
	ASSERT_EQ(UNRESTRICTED, jail_state());
}

FIXTURE_TEARDOWN(launcher)
{
}

TEST_F(launcher, default_enters_jail_and_subjail)
{
	struct label l;
	struct run r;

	ASSERT_EQ(0, launch(&r, &plain, ARGS("--", "cat", SELF)));
	EXPECT_STREQ("", r.err);
	ASSERT_EQ(RESTRICTED, parse_label(r.out, &l));
	EXPECT_EQ(1, lines(r.out));
	/* Without "--" too. */
	ASSERT_EQ(0, launch(&r, &plain, ARGS("cat", SELF)));
	EXPECT_EQ(RESTRICTED, parse_label(r.out, &l));
	/* And the caller is left as it was. */
	EXPECT_EQ(UNRESTRICTED, jail_state());
}

TEST_F(launcher, half)
{
	struct label l;
	struct run r;

	ASSERT_EQ(0, launch(&r, &plain, ARGS("--half", "--", "cat", SELF)));
	EXPECT_STREQ("", r.err);
	EXPECT_EQ(HALF, parse_label(r.out, &l));
}

TEST_F(launcher, sub_keeps_the_jail)
{
	const struct setup s = { .levels = 1, .report_self = true,
				 .input = "" };
	struct label before, after;
	struct run r;

	ASSERT_EQ(0, launch(&r, &s, ARGS("--sub", "--", "cat", SELF)));
	EXPECT_STREQ("", r.err);
	ASSERT_EQ(HALF, parse_label(r.out, &before));
	ASSERT_EQ(2, lines(r.out));
	ASSERT_EQ(RESTRICTED, parse_label(next_line(r.out), &after));
	EXPECT_EQ(before.id1, after.id1);
}

/* --seal seals the first level entered; "self" ends in " sealed". */
TEST_F(launcher, seal)
{
	const struct setup s = { .levels = 1, .input = "" };
	struct run r;

	ASSERT_EQ(0, launch(&r, &plain, ARGS("--seal", "--", "cat", SELF)));
	EXPECT_STREQ("", r.err);
	EXPECT_EQ(0, strncmp(r.out, "restricted id1=", 15));
	EXPECT_TRUE(contains(r.out, " sealed\n")) {
		TH_LOG("%s", r.out);
	}
	ASSERT_EQ(0, launch(&r, &plain,
			    ARGS("--half", "--seal", "--", "cat", SELF)));
	EXPECT_EQ(0, strncmp(r.out, "half-restricted id1=", 20));
	EXPECT_TRUE(contains(r.out, " sealed\n"));
	ASSERT_EQ(0, launch(&r, &s, ARGS("--sub", "--seal", "--", "cat", SELF)));
	EXPECT_EQ(0, strncmp(r.out, "restricted id1=", 15));
	EXPECT_TRUE(contains(r.out, " sealed\n"));
	/* Without --seal, nothing is sealed. */
	ASSERT_EQ(0, launch(&r, &plain, ARGS("--", "cat", SELF)));
	EXPECT_FALSE(contains(r.out, "sealed"));
}

/* --connect refuses what it cannot do, before entering anything. */
static const struct {
	const char *spec;
	const char *message;
} bad_connects[] = {
	{ "2=/tmp/x.sock", "invalid --connect '2=/tmp/x.sock'" },
	{ "x=/tmp/x.sock", "invalid --connect 'x=/tmp/x.sock'" },
	{ "7", "invalid --connect '7'" },
	{ "7=", "invalid --connect '7=': bad socket path" },
	{ "7=/tmp/uuidjail-no-such.sock", "cannot connect to '/tmp/uuidjail-no-such.sock'" },
	{ "1=/tmp/x.sock", "invalid --connect '1=/tmp/x.sock'" },
};

TEST_F(launcher, connect_refusals)
{
	struct run r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_connects); i++) {
		EXPECT_EQ(125, launch(&r, &plain,
				      ARGS("--connect", bad_connects[i].spec,
					   "--", "cat", SELF)));
		EXPECT_STREQ("", r.out);
		EXPECT_TRUE(contains(r.err, bad_connects[i].message)) {
			TH_LOG("%s: %s", bad_connects[i].spec, r.err);
		}
	}
	EXPECT_EQ(UNRESTRICTED, jail_state());
}

/* Each case: the state the caller is in, the request, what stderr says. */
static const struct {
	int levels;
	const char *mode;
	const char *message;
} wrong_states[] = {
	{ 0, "--sub", "cannot enter a sub-jail: in no jail (unrestricted)" },
	{ 1, "--half", "cannot enter a jail: already in a jail (half-restricted id1=" },
	{ 1, NULL, "cannot enter a jail: already in one (half-restricted id1=" },
	{ 2, NULL, "cannot enter a jail: already in a sub-jail (restricted id1=" },
	{ 2, "--half", "cannot enter a jail: already in a sub-jail (restricted id1=" },
	{ 2, "--sub", "cannot enter a sub-jail: already in a sub-jail (restricted id1=" },
};

TEST_F(launcher, refuses_wrong_state)
{
	struct setup s = { .report_self = true, .input = "" };
	struct label before;
	struct run r;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(wrong_states); i++) {
		const char *mode = wrong_states[i].mode;

		s.levels = wrong_states[i].levels;
		if (mode)
			ret = launch(&r, &s, ARGS(mode, "--", "echo", "ran"));
		else
			ret = launch(&r, &s, ARGS("--", "echo", "ran"));
		EXPECT_EQ(125, ret);
		/* Only the line written before the exec: echo did not run. */
		EXPECT_EQ(s.levels, parse_label(r.out, &before));
		EXPECT_EQ(1, lines(r.out));
		EXPECT_TRUE(contains(r.err, wrong_states[i].message)) {
			TH_LOG("%s from level %d: %s", mode ? mode : "default",
			       s.levels, r.err);
		}
	}
}

TEST_F(launcher, execs_without_fork)
{
	char expected[32];
	struct run r;

	ASSERT_EQ(0, launch(&r, &plain, ARGS("--", "sh", "-c", "echo $$")));
	snprintf(expected, sizeof(expected), "%d\n", r.pid);
	EXPECT_STREQ(expected, r.out);
	EXPECT_STREQ("", r.err);
}

TEST_F(launcher, no_command_runs_shell)
{
	struct setup s = { .input = "" };
	char shell[PATH_MAX];
	struct label l;
	struct run r;

	helper_path(shell, sizeof(shell), "print_self");
	s.shell = shell;
	ASSERT_EQ(0, launch(&r, &s, ARGS(NULL)));
	EXPECT_STREQ("", r.err);
	ASSERT_EQ(0, strncmp(r.out, "euid=", 5));
	ASSERT_TRUE(contains(r.out, " "));
	EXPECT_EQ(RESTRICTED, parse_label(strchr(r.out, ' ') + 1, &l));

	/* Without SHELL, /bin/sh, which reads its commands from stdin. */
	ASSERT_EQ(0, access("/bin/sh", X_OK));
	s.shell = "";
	s.input = "cat " SELF "\n";
	ASSERT_EQ(0, launch(&r, &s, ARGS("--half")));
	EXPECT_EQ(HALF, parse_label(r.out, &l)) {
		TH_LOG("out: %s err: %s", r.out, r.err);
	}
}

TEST_F(launcher, command_not_found)
{
	struct run r;

	EXPECT_EQ(127, launch(&r, &plain, ARGS("--", "/nonexistent/cmd")));
	EXPECT_STREQ("uuidjail: '/nonexistent/cmd': No such file or directory\n",
		     r.err);
	EXPECT_STREQ("", r.out);
	EXPECT_EQ(127, launch(&r, &plain,
			      ARGS("--half", "uuidjail-no-such-command")));
	EXPECT_STREQ("uuidjail: 'uuidjail-no-such-command': No such file or directory\n",
		     r.err);
}

TEST_F(launcher, command_not_executable)
{
	static const char script[] = "#!/bin/sh\necho ran\n";
	char path[] = "/tmp/uuidjail-launcher.XXXXXX", expected[128];
	struct run r;
	int fd;

	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	ASSERT_EQ(sizeof(script) - 1, write(fd, script, sizeof(script) - 1));
	ASSERT_EQ(0, fchmod(fd, 0644));
	close(fd);
	EXPECT_EQ(126, launch(&r, &plain, ARGS("--", path)));
	snprintf(expected, sizeof(expected),
		 "uuidjail: '%s': Permission denied\n", path);
	EXPECT_STREQ(expected, r.err);
	EXPECT_STREQ("", r.out);

	/* The same file, executable, runs: the failure was the x bit. */
	ASSERT_EQ(0, chmod(path, 0755));
	EXPECT_EQ(0, launch(&r, &plain, ARGS("--", path)));
	EXPECT_STREQ("ran\n", r.out);
	EXPECT_EQ(0, unlink(path));
}

static const char *const bad_usage[][6] = {
	{ "--no-such-option", "--", "echo", "ran" },
	{ "-z", "--", "echo", "ran" },
	{ "--half", "--sub", "--", "echo", "ran" },
	{ "--half=1", "--", "echo", "ran" },
	{ "--seal=1", "--", "echo", "ran" },
	{ "--connect" },
	{ "--name" },
	{ "status", "not-a-pid" },
	{ "status", "0" },
	{ "ps", "extra" },
};

TEST_F(launcher, bad_usage)
{
	struct run r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad_usage); i++) {
		EXPECT_EQ(125, launch(&r, &plain, bad_usage[i]));
		EXPECT_STREQ("", r.out);
		EXPECT_TRUE(contains(r.err, "Try 'uuidjail --help'")) {
			TH_LOG("%s: %s", bad_usage[i][0], r.err);
		}
	}
}

TEST_F(launcher, help_and_version)
{
	struct run r;

	EXPECT_EQ(0, launch(&r, &plain, ARGS("--help", "--", "echo", "ran")));
	EXPECT_EQ(0, strncmp(r.out, "Usage: uuidjail ", 16));
	EXPECT_EQ(0, launch(&r, &plain, ARGS("-V")));
	EXPECT_EQ(0, strncmp(r.out, "uuidjail ", 9));
	EXPECT_EQ(1, lines(r.out));
}

/*
 * The default mode names the jail, then its sub-jail with the same name
 * (nothing could name the sub-jail once the command runs): the command
 * reads the name, and the kernel lists both.
 */
TEST_F(launcher, name_default)
{
	const struct setup s = {};
	static char jails[1 << 16], tasks[1 << 20];
	struct run r, status;
	char line[256];
	struct task_line t;

	ASSERT_EQ(0, launch_start(&r, &s,
				  ARGS("--name", "vm-4c1d6a9e", "--", "sh", "-c",
				       "cat " NAME "; read x; echo bye")));
	ASSERT_EQ(0, launch_read_line(&r));
	EXPECT_STREQ("vm-4c1d6a9e\n", r.out);

	ASSERT_LE(0, read_text(TASKS, tasks, sizeof(tasks)));
	ASSERT_EQ(0, find_task(tasks, r.pid, &t));
	EXPECT_EQ(r.pid, t.tgid);
	EXPECT_STREQ("restricted", t.state);
	EXPECT_NE(0, t.id1);
	EXPECT_NE(0, t.id2);
	EXPECT_STREQ("vm-4c1d6a9e", t.name);
	EXPECT_STREQ("sh", t.comm);
	ASSERT_LE(0, read_text(JAILS, jails, sizeof(jails)));
	EXPECT_TRUE(has_jail(jails, t.id1, 0, "vm-4c1d6a9e")) {
		TH_LOG("jails:\n%s", jails);
	}
	EXPECT_TRUE(has_jail(jails, t.id1, t.id2, "vm-4c1d6a9e"));

	/* "uuidjail status PID" gives the same line. */
	snprintf(line, sizeof(line), "%d", r.pid);
	EXPECT_EQ(0, launch(&status, &plain, ARGS("status", line)));
	snprintf(line, sizeof(line), "%d %d restricted %llu %llu vm-4c1d6a9e sh\n",
		 r.pid, r.pid, t.id1, t.id2);
	EXPECT_STREQ(line, status.out);

	EXPECT_EQ(0, launch_wait(&r));
	EXPECT_STREQ("vm-4c1d6a9e\nbye\n", r.out);
	EXPECT_STREQ("", r.err);
}

TEST_F(launcher, name_half)
{
	struct label l;
	struct run r;

	ASSERT_EQ(0, launch(&r, &plain, ARGS("--half", "--name", "browser",
					     "--", "cat", NAME, SELF)));
	EXPECT_STREQ("", r.err);
	EXPECT_EQ(0, strncmp(r.out, "browser\n", 8));
	ASSERT_EQ(2, lines(r.out));
	EXPECT_EQ(HALF, parse_label(next_line(r.out), &l));
}

/* --sub --name in a named jail names the sub-jail; the jail keeps its own. */
TEST_F(launcher, name_sub_in_named_jail)
{
	const struct setup s = { .levels = 1, .name = "browser" };
	static char jails[1 << 16], tasks[1 << 20];
	struct task_line t;
	struct run r;

	ASSERT_EQ(0, launch_start(&r, &s,
				  ARGS("--sub", "--name", "tab-42", "--", "sh",
				       "-c", "cat " NAME "; read x; echo bye")));
	ASSERT_EQ(0, launch_read_line(&r));
	EXPECT_STREQ("tab-42\n", r.out);
	ASSERT_LE(0, read_text(TASKS, tasks, sizeof(tasks)));
	ASSERT_EQ(0, find_task(tasks, r.pid, &t));
	EXPECT_STREQ("restricted", t.state);
	EXPECT_STREQ("tab-42", t.name);
	ASSERT_LE(0, read_text(JAILS, jails, sizeof(jails)));
	EXPECT_TRUE(has_jail(jails, t.id1, 0, "browser")) {
		TH_LOG("jails:\n%s", jails);
	}
	EXPECT_TRUE(has_jail(jails, t.id1, t.id2, "tab-42"));
	EXPECT_EQ(0, launch_wait(&r));
	EXPECT_STREQ("", r.err);
}

/*
 * The launcher only names what it has just entered, which has no name
 * yet: naming a named jail again is refused before that, as entering it.
 */
TEST_F(launcher, name_twice)
{
	const struct setup s = { .levels = 1, .name = "first", .input = "" };
	struct run r;

	EXPECT_EQ(125, launch(&r, &s, ARGS("--half", "--name", "second", "--",
					   "cat", NAME)));
	EXPECT_STREQ("", r.out);
	EXPECT_TRUE(contains(r.err, "already in a jail")) {
		TH_LOG("%s", r.err);
	}
	/* The named jail itself can still start a named sub-jail. */
	EXPECT_EQ(0, launch(&r, &s, ARGS("--sub", "--name", "second", "--",
					 "cat", NAME)));
	EXPECT_STREQ("second\n", r.out);
}

TEST_F(launcher, bad_names)
{
	static const char *const names[] = {
		"", "a b", "tab\there", "caf\xc3\xa9", "nul\x7f",
		"0123456789012345678901234567890123456789012345678901234567890123",
	};
	const char *longest =
		"012345678901234567890123456789012345678901234567890123456789012";
	char expected[80];
	struct run r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		EXPECT_EQ(125, launch(&r, &plain, ARGS("--name", names[i], "--",
						       "echo", "ran")));
		EXPECT_STREQ("", r.out);
		EXPECT_EQ(0, strncmp(r.err, "uuidjail: invalid name '", 24)) {
			TH_LOG("'%s': %s", names[i], r.err);
		}
	}

	/* 63 bytes, every one allowed, is fine. */
	ASSERT_EQ(63, strlen(longest));
	EXPECT_EQ(0, launch(&r, &plain, ARGS("--half", "--name", longest, "--",
					     "cat", NAME)));
	snprintf(expected, sizeof(expected), "%s\n", longest);
	EXPECT_STREQ(expected, r.out);
	EXPECT_EQ(0, launch(&r, &plain, ARGS("--half", "--name", "!~", "--",
					     "cat", NAME)));
	EXPECT_STREQ("!~\n", r.out);
}

/*
 * The launcher traces a task (its child across the exec): the kernel
 * refuses with EBUSY, and the launcher says why.
 */
TEST_F(launcher, busy_tracing)
{
	struct setup s = { .tracing = true, .input = "" };
	struct run r;
	int hold[2], status;

	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
	ASSERT_EQ(0, pipe2(hold, O_CLOEXEC));
	s.hold_fd = hold[0];
	EXPECT_EQ(125, launch(&r, &s, ARGS("--", "echo", "ran")));
	EXPECT_STREQ("", r.out);
	EXPECT_TRUE(contains(r.err, "Device or resource busy: it traces another task")) {
		TH_LOG("%s", r.err);
	}
	/* The tracee, now ours, exits when its pipe closes. */
	close(hold[1]);
	close(hold[0]);
	EXPECT_LT(0, waitpid(-1, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
}

/*
 * The launcher is traced by this process, in a jail of its own: its new
 * jail would be out of the tracer's reach, so the kernel refuses with
 * EBUSY, and the launcher names the tracer.
 */
TEST_F(launcher, busy_traced)
{
	struct setup s = { .gated = true, .input = "" };
	char expected[128];
	struct run r;
	int gate[2];

	ASSERT_EQ(0, pipe2(gate, O_CLOEXEC));
	s.gate_fd = gate[0];
	ASSERT_EQ(0, launch_start(&r, &s, ARGS("--", "echo", "ran")));
	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, ptrace(PTRACE_SEIZE, r.pid, NULL, NULL));
	ASSERT_EQ(1, write(gate[1], "g", 1));
	EXPECT_EQ(125, launch_wait(&r));
	EXPECT_STREQ("", r.out);
	snprintf(expected, sizeof(expected),
		 "cannot enter a jail: Device or resource busy: it is traced by process %d ",
		 getpid());
	EXPECT_TRUE(contains(r.err, expected)) {
		TH_LOG("%s", r.err);
	}
}

/* The first lines of "uuidjail status": the ABI version is 1. */
#define STATUS_HEAD "active: yes\nabi: 1\nlsm: "

TEST_F(launcher, status_self)
{
	struct label unjailed, jailed;
	char line[256];
	const char *p;
	struct run r;

	ASSERT_EQ(0, launch(&r, &plain, ARGS("status")));
	ASSERT_EQ(5, lines(r.out));
	ASSERT_EQ(0, strncmp(r.out, STATUS_HEAD, strlen(STATUS_HEAD)));
	p = next_line(next_line(next_line(r.out)));
	ASSERT_EQ(0, strncmp(p, "state: ", 7));
	EXPECT_EQ(UNRESTRICTED, parse_label(p + 7, &unjailed));
	EXPECT_STREQ("name: -\n", next_line(p));

	/* The same process reads "self", then becomes "uuidjail status". */
	ASSERT_EQ(0, launch(&r, &plain,
			    ARGS("--name", "st", "--", "sh", "-c",
				 "cat " SELF " && exec \"$0\" status",
				 launcher)));
	ASSERT_EQ(RESTRICTED, parse_label(r.out, &jailed));
	ASSERT_EQ(6, lines(r.out));
	p = next_line(r.out);
	ASSERT_EQ(0, strncmp(p, STATUS_HEAD, strlen(STATUS_HEAD)));
	EXPECT_TRUE(contains(p, "uuidjail"));
	p = next_line(next_line(next_line(p)));
	snprintf(line, sizeof(line),
		 "state: restricted id1=%llu id2=%llu\nname: st\n",
		 jailed.id1, jailed.id2);
	EXPECT_STREQ(line, p);
}

TEST_F(launcher, status_pids)
{
	char me[16], line[256];
	struct label l;
	struct run r;

	snprintf(me, sizeof(me), "%d", getpid());
	/* Unrestricted, it sees this process. */
	EXPECT_EQ(0, launch(&r, &plain, ARGS("status", me)));
	snprintf(line, sizeof(line), "%d %d unrestricted 0 0 - ", getpid(),
		 getpid());
	EXPECT_EQ(0, strncmp(r.out, line, strlen(line))) {
		TH_LOG("%s", r.out);
	}
	EXPECT_EQ(1, lines(r.out));

	/* In a sub-jail, it sees itself but not this process. */
	EXPECT_EQ(1, launch(&r, &plain,
			    ARGS("--", "sh", "-c",
				 "cat " SELF " && exec \"$0\" status $$ \"$1\"",
				 launcher, me)));
	ASSERT_EQ(RESTRICTED, parse_label(r.out, &l));
	snprintf(line, sizeof(line),
		 "%d %d restricted %llu %llu - uuidjail\n%d: not visible\n",
		 r.pid, r.pid, l.id1, l.id2, getpid());
	EXPECT_STREQ(line, next_line(r.out));
}

/*
 * Copy the line @row of "uuidjail ps" into @buf as a "tasks" line: the
 * padding dropped, single spaces between fields, ending with a newline.
 */
static void squeeze(const char *row, char *buf, size_t size)
{
	size_t i, j = 0;

	for (i = 0; row[i] && row[i] != '\n' && j < size - 2; i++)
		if (row[i] != ' ' || (j && buf[j - 1] != ' '))
			buf[j++] = row[i];
	buf[j++] = '\n';
	buf[j] = '\0';
}

/* Where the field of @row under the header column @col starts, or -1. */
static int column_start(const char *row, int col)
{
	const char *p = row;
	int i;

	while (*p == ' ')
		p++;
	for (i = 0; i < col; i++) {
		p = strchr(p, ' ');
		if (!p)
			return -1;
		while (*p == ' ')
			p++;
	}
	return p - row;
}

/* Where the field @col of @row ends, or -1. */
static int column_end(const char *row, int col)
{
	int start = column_start(row, col);

	if (start < 0)
		return -1;
	return start + strcspn(row + start, "\n ");
}

/*
 * An unrestricted caller's "uuidjail ps" lists a jailed task with its
 * label and name, in aligned columns: numbers right-aligned, text
 * left-aligned.
 */
TEST_F(launcher, ps_unrestricted)
{
	const struct setup s = {};
	bool found = false, mine = false;
	const char *row;
	struct run jailed, r;
	char squeezed[128];
	struct task_line t;

	ASSERT_EQ(0, launch_start(&jailed, &s,
				  ARGS("--name", "psjail", "--", "sh", "-c",
				       "echo ready; read x; echo bye")));
	ASSERT_EQ(0, launch_read_line(&jailed));
	ASSERT_STREQ("ready\n", jailed.out);

	EXPECT_EQ(0, launch(&r, &plain, ARGS("ps")));
	EXPECT_STREQ("", r.err);
	squeeze(r.out, squeezed, sizeof(squeezed));
	EXPECT_STREQ(PS_HEADER, squeezed);

	for (row = next_line(r.out); row; row = next_line(row)) {
		/* Each row is a "tasks" line with more spaces. */
		squeeze(row, squeezed, sizeof(squeezed));
		ASSERT_EQ(0, parse_task_line(squeezed, &t)) {
			TH_LOG("row: %s", row);
		}
		/* Aligned under the header. */
		EXPECT_EQ(column_end(r.out, 0), column_end(row, 0));
		EXPECT_EQ(column_end(r.out, 1), column_end(row, 1));
		EXPECT_EQ(column_start(r.out, 2), column_start(row, 2));
		EXPECT_EQ(column_end(r.out, 3), column_end(row, 3));
		EXPECT_EQ(column_end(r.out, 4), column_end(row, 4));
		EXPECT_EQ(column_start(r.out, 5), column_start(row, 5));
		EXPECT_EQ(column_start(r.out, 6), column_start(row, 6));
		if (t.pid == jailed.pid) {
			found = true;
			EXPECT_STREQ("restricted", t.state);
			EXPECT_NE(0, t.id1);
			EXPECT_NE(0, t.id2);
			EXPECT_STREQ("psjail", t.name);
			EXPECT_STREQ("sh", t.comm);
		}
		if (t.pid == getpid()) {
			mine = true;
			EXPECT_STREQ("unrestricted", t.state);
		}
	}
	EXPECT_TRUE(found) {
		TH_LOG("no row for pid %d:\n%s", jailed.pid, r.out);
	}
	EXPECT_TRUE(mine);
	EXPECT_EQ(0, launch_wait(&jailed));
}

/* From inside a sub-jail, "uuidjail ps" lists that sub-jail only. */
TEST_F(launcher, ps_in_jail)
{
	const struct setup s = {};
	struct run other, r;
	bool found_self = false;
	unsigned long long id1 = 0, id2 = 0;
	const char *row;
	static char tasks[1 << 20];
	char squeezed[128];
	struct task_line t;
	int rows = 0;

	/* A task in another jail, which must not be listed. */
	ASSERT_EQ(0, launch_start(&other, &s,
				  ARGS("--", "sh", "-c",
				       "echo ready; read x; echo bye")));
	ASSERT_EQ(0, launch_read_line(&other));
	ASSERT_STREQ("ready\n", other.out);
	ASSERT_LE(0, read_text(TASKS, tasks, sizeof(tasks)));
	ASSERT_EQ(0, find_task(tasks, other.pid, &t));

	EXPECT_EQ(0, launch(&r, &plain, ARGS("--", launcher, "ps")));
	EXPECT_STREQ("", r.err);
	squeeze(r.out, squeezed, sizeof(squeezed));
	ASSERT_STREQ(PS_HEADER, squeezed);
	for (row = next_line(r.out); row; row = next_line(row)) {
		struct task_line cur;

		squeeze(row, squeezed, sizeof(squeezed));
		ASSERT_EQ(0, parse_task_line(squeezed, &cur)) {
			TH_LOG("row: %s", row);
		}
		rows++;
		if (!id1) {
			id1 = cur.id1;
			id2 = cur.id2;
		}
		EXPECT_STREQ("restricted", cur.state);
		EXPECT_EQ(id1, cur.id1);
		EXPECT_EQ(id2, cur.id2);
		EXPECT_NE(getpid(), cur.pid);
		EXPECT_NE(other.pid, cur.pid);
		if (cur.pid == r.pid) {
			found_self = true;
			EXPECT_STREQ("uuidjail", cur.comm);
		}
	}
	EXPECT_TRUE(found_self);
	EXPECT_LE(1, rows);
	EXPECT_NE(t.id1, id1);
	EXPECT_EQ(0, launch_wait(&other));
}

/* Replace each run of digits of @text by one '#': ids differ run to run. */
static void hide_numbers(char *text)
{
	char *in = text, *out = text;

	while (*in) {
		if (*in >= '0' && *in <= '9') {
			while (*in >= '0' && *in <= '9')
				in++;
			*out++ = '#';
		} else {
			*out++ = *in++;
		}
	}
	*out = '\0';
}

/* Where uuidjail is active, --best-effort changes nothing. */
TEST_F(launcher, best_effort_when_active)
{
	const struct setup s = { .levels = 2, .input = "" };
	struct run with, without;
	struct label l;

	EXPECT_EQ(0, launch(&with, &plain,
			    ARGS("--best-effort", "--", "cat", SELF)));
	EXPECT_STREQ("", with.err);
	EXPECT_EQ(RESTRICTED, parse_label(with.out, &l));

	EXPECT_EQ(125, launch(&with, &plain,
			      ARGS("--best-effort", "--sub", "--", "echo",
				   "ran")));
	EXPECT_EQ(125, launch(&without, &plain,
			      ARGS("--sub", "--", "echo", "ran")));
	EXPECT_STREQ("", with.out);
	EXPECT_STRNE("", with.err);
	EXPECT_STREQ(without.err, with.err);

	EXPECT_EQ(125, launch(&with, &s, ARGS("--best-effort", "--", "echo",
					      "ran")));
	EXPECT_EQ(125, launch(&without, &s, ARGS("--", "echo", "ran")));
	EXPECT_STREQ("", with.out);
	EXPECT_TRUE(contains(with.err, "already in a sub-jail"));
	hide_numbers(with.err);
	hide_numbers(without.err);
	EXPECT_STREQ(without.err, with.err);
}

/* Whether a child can hide prctl(PR_UUIDJAIL) from itself. */
static bool can_hide_prctl(void)
{
	int status;
	pid_t pid;

	pid = fork();
	if (pid == 0)
		_exit(hide_prctl() ? 1 : 0);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFEXITED(status) && !WEXITSTATUS(status);
}

/*
 * Where prctl(PR_UUIDJAIL) is hidden (here by a seccomp filter), the
 * launcher goes through securityfs, with the same results.
 */
TEST_F(launcher, securityfs_route)
{
	const struct setup s = { .no_prctl = true, .input = "" };
	struct label l;
	struct run r;

	if (!can_hide_prctl())
		SKIP(return, "cannot hide prctl: no CONFIG_SECCOMP_FILTER, or an unknown arch");

	EXPECT_EQ(0, launch(&r, &s, ARGS("--name", "by-fs", "--", "cat", NAME,
					 SELF)));
	EXPECT_STREQ("", r.err);
	EXPECT_EQ(0, strncmp(r.out, "by-fs\n", 6));
	ASSERT_EQ(2, lines(r.out));
	EXPECT_EQ(RESTRICTED, parse_label(next_line(r.out), &l));

	EXPECT_EQ(0, launch(&r, &s, ARGS("--half", "--", "cat", SELF)));
	EXPECT_EQ(HALF, parse_label(r.out, &l));

	EXPECT_EQ(125, launch(&r, &s, ARGS("--sub", "--", "echo", "ran")));
	EXPECT_STREQ("", r.out);
	EXPECT_TRUE(contains(r.err, "in no jail (unrestricted)")) {
		TH_LOG("%s", r.err);
	}
}

TEST_HARNESS_MAIN
