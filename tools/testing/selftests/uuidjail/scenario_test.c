// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The seed use cases, end to end, through the
 * launcher
 *
 * manager_and_three_guests: the test process is the manager of a host
 * (libvirtd), in no jail.  It starts three guests, each through
 * "uuidjail -- scenario_guest SOCK" as a qemu would be started: a jail and
 * a sub-jail of its own, and a monitor socket the guest creates after
 * entering.  No guest may act on another guest or on the manager, nor
 * connect to another guest's monitor; the manager's own socket stays open
 * to them by design (a socket of an unrestricted task is).  The manager
 * acts on every guest.
 *
 * browser_and_tabs: a browser started with "uuidjail --half" starts two
 * tabs with "uuidjail --sub".  The browser acts on its tabs, a tab on the
 * browser, but not on the other tab, nor on the manager or on a guest of
 * another jail; the browser is kept from that guest too, not from the
 * manager.
 *
 * The manager acts, is acted upon and listens through an unrestricted
 * scenario_guest, a child of the test, so that every probe is made by the
 * same program and aimed at it.  Each guest lets any task ptrace it, so
 * that Yama's relational scope refuses nothing: every denial seen here is
 * uuidjail's, and the manager's probes show that nothing else refuses.
 * The test runs as root, as an unprivileged user and in a Landlock domain
 * alike: the same uid everywhere, and no capability changes a result.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define MAX_AGENTS 8
#define MAX_LINES 1024
#define LINE_LEN 256

/* The task operations of "probe", as scenario_guest names them. */
static const char *const task_ops[] = {
	"kill", "sigcont", "tgkill", "pidfd_send_signal", "ptrace_attach",
	"ptrace_seize", "setpriority", "getpgid", "getsid",
	"sched_getscheduler", "sched_setscheduler", "sched_getaffinity",
	"ioprio_get", "ioprio_set", "prlimit", "capget", "perf_event_open",
	"proc_status", "proc_environ", "proc_cmdline", "process_vm_readv",
	"kcmp", "pidfd_getfd",
};

#define NR_TASK_OPS ((int)ARRAY_SIZE(task_ops))

/* A running scenario_guest, and how to reach its stdin and stdout. */
struct agent {
	char name[32];
	char sock[108];
	pid_t pid;
	int state;
	int in;			/* its stdin, or -1 if relayed */
	FILE *out;		/* its stdout, or NULL if relayed */
	struct agent *via;	/* the agent that spawned it and relays */
	int index;		/* its number for "to" in @via */
};

/* The lines of one answer, its closing "." left out. */
struct answer {
	int n;
	char line[MAX_LINES][LINE_LEN];
};

/* The rows of "uuidjail ps": lines of the tasks file, aligned. */
struct ps_table {
	int n;
	struct task_line row[MAX_LINES];
};

/* What a probe must see, by the access matrix and the socket table. */
enum expect {
	ALLOWED,		/* every operation and the connect() */
	DENIED,			/* none of them */
	DENIED_OPEN_SOCKET,	/* no operation, but the connect() */
};

static struct answer answer;
static struct ps_table ps;

/* Where the sockets are, for the one test this process runs. */
static char sock_dir[64];

/* The manager's side: the programs it starts, and what it started. */
struct host {
	char launcher[PATH_MAX];
	char guest[PATH_MAX];
	struct agent agent[MAX_AGENTS];
	int nr_agents;
};

FIXTURE(scenario) {
	struct host host;
};

FIXTURE_SETUP(scenario)
{
	snprintf(sock_dir, sizeof(sock_dir), "/tmp/uuidjail-scenario-XXXXXX");
	ASSERT_TRUE(mkdtemp(sock_dir) == sock_dir);
	helper_path(self->host.launcher, sizeof(self->host.launcher), "uuidjail");
	helper_path(self->host.guest, sizeof(self->host.guest), "scenario_guest");
	ASSERT_EQ(0, access(self->host.launcher, X_OK)) {
		TH_LOG("no launcher at %s", self->host.launcher);
	}
	ASSERT_EQ(0, access(self->host.guest, X_OK)) {
		TH_LOG("no guest program at %s", self->host.guest);
	}
	self->host.nr_agents = 0;
}

FIXTURE_TEARDOWN(scenario)
{
	int i, status;

	/*
	 * A guest exits when its stdin ends, a browser once its tabs did:
	 * the manager needs no signal to stop them.
	 */
	for (i = self->host.nr_agents - 1; i >= 0; i--) {
		struct agent *a = &self->host.agent[i];

		if (a->via)
			continue;
		close(a->in);
		fclose(a->out);
		EXPECT_EQ(a->pid, waitpid(a->pid, &status, 0));
		EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status)) {
			TH_LOG("%s ended with status %#x", a->name, status);
		}
	}
	for (i = 0; i < self->host.nr_agents; i++)
		unlink(self->host.agent[i].sock);
	rmdir(sock_dir);
}

/* Read one answer of @out into @ans: 0, or -1 if it ended early. */
static int read_answer(FILE *out, struct answer *ans)
{
	char line[LINE_LEN];

	ans->n = 0;
	while (fgets(line, sizeof(line), out)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strcmp(line, "."))
			return 0;
		if (ans->n < MAX_LINES)
			snprintf(ans->line[ans->n++], LINE_LEN, "%s", line);
	}
	return -1;
}

/* Send @a a command, relayed by its spawner if it has one: 0 or -1. */
static int ask(struct agent *a, struct answer *ans, const char *fmt, ...)
{
	int index[MAX_AGENTS], depth = 0, len = 0;
	char line[LINE_LEN];
	struct agent *top;
	va_list ap;

	/* "to N" for each agent that relays, the outermost first. */
	for (top = a; top->via && depth < MAX_AGENTS; top = top->via)
		index[depth++] = top->index;
	while (depth--)
		len += snprintf(line + len, sizeof(line) - len, "to %d ",
				index[depth]);
	va_start(ap, fmt);
	vsnprintf(line + len, sizeof(line) - len - 1, fmt, ap);
	va_end(ap);
	len = strlen(line);
	line[len++] = '\n';
	if (write(top->in, line, len) != len)
		return -1;
	return read_answer(top->out, ans);
}

/* The first line of @ans that starts with @key and a space, or NULL. */
static const char *find(const struct answer *ans, const char *key)
{
	const size_t len = strlen(key);
	int i;

	for (i = 0; i < ans->n; i++)
		if (!strncmp(ans->line[i], key, len) &&
		    ans->line[i][len] == ' ')
			return ans->line[i] + len + 1;
	return NULL;
}

/* The next free agent of @h, named @name; it counts once it is up. */
static struct agent *new_agent(struct __test_metadata *_metadata,
			       struct host *h, const char *name)
{
	struct agent *a;

	ASSERT_GT(MAX_AGENTS, h->nr_agents);
	a = &h->agent[h->nr_agents];
	memset(a, 0, sizeof(*a));
	a->in = -1;
	snprintf(a->name, sizeof(a->name), "%s", name);
	snprintf(a->sock, sizeof(a->sock), "%s/%s.sock", sock_dir, name);
	return a;
}

/*
 * Start scenario_guest for @name as a child of the test: with the
 * launcher and @options (NULL-terminated) if @options is not NULL, else
 * directly, in no jail; @serve for a socket only.  The test fails if it
 * does not come up.
 */
static struct agent *start_guest(struct __test_metadata *_metadata,
				 struct host *h, const char *name,
				 bool serve, const char *const *options)
{
	struct agent *a = new_agent(_metadata, h, name);
	int in[2], out[2], argc = 0, i, ready_pid = 0, status;
	char *argv[16];
	pid_t pid;

	if (options) {
		argv[argc++] = h->launcher;
		for (i = 0; options[i]; i++)
			argv[argc++] = (char *)options[i];
		argv[argc++] = "--";
	}
	argv[argc++] = h->guest;
	if (serve)
		argv[argc++] = "serve";
	argv[argc++] = a->sock;
	argv[argc] = NULL;

	ASSERT_EQ(0, pipe2(in, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(out, O_CLOEXEC));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		execv(argv[0], argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	a->pid = pid;
	a->in = in[1];
	a->out = fdopen(out[0], "r");
	ASSERT_TRUE(!!a->out);
	if (read_answer(a->out, &answer) || !answer.n ||
	    sscanf(answer.line[0], "ready %d %d", &ready_pid,
		   &a->state) != 2) {
		close(a->in);
		fclose(a->out);
		if (waitpid(pid, &status, 0) != pid)
			status = -1;
		ASSERT_TRUE(false) {
			TH_LOG("%s did not start: status %#x", name, status);
		}
	}
	h->nr_agents++;
	/* The launcher enters, then execs: no process in between. */
	ASSERT_EQ(pid, ready_pid) {
		TH_LOG("%s does not run as the launcher did", name);
	}
	return a;
}

/*
 * Have @browser spawn a tab through the launcher with @options; the test
 * fails if it does not come up.
 */
static struct agent *spawn_tab(struct __test_metadata *_metadata,
			       struct host *h, struct agent *browser,
			       const char *name, const char *options)
{
	struct agent *a = new_agent(_metadata, h, name);
	const char *spawned, *ready;
	int ready_pid = 0;

	ASSERT_EQ(0, ask(browser, &answer, "spawn %s %s", a->sock, options));
	spawned = find(&answer, "spawned");
	ready = find(&answer, "ready");
	ASSERT_TRUE(spawned && ready &&
		    sscanf(spawned, "%d %d", &a->index, &a->pid) == 2 &&
		    sscanf(ready, "%d %d", &ready_pid, &a->state) == 2) {
		TH_LOG("%s did not start: %s", name,
		       answer.n ? answer.line[0] : "no answer");
	}
	ASSERT_EQ(a->pid, ready_pid);
	a->via = browser;
	h->nr_agents++;
	return a;
}

static const char *expected_result(const char *op, enum expect expect)
{
	if (!strcmp(op, "connect"))
		return expect == DENIED ? "EPERM" : "ok";
	if (expect == ALLOWED)
		return "ok";
	/* The /proc check refuses as any file one may not open. */
	return strncmp(op, "proc_", 5) ? "EPERM" : "EACCES";
}

/* Have @from probe @to, and judge every result. */
static void check_probe(struct __test_metadata *_metadata,
			struct agent *from, struct agent *to,
			enum expect expect)
{
	const char *got;
	int i;

	ASSERT_EQ(0, ask(from, &answer, "probe %d %s", to->pid, to->sock)) {
		TH_LOG("%s did not answer", from->name);
	}
	/* One line per operation and no other: nothing goes unjudged. */
	EXPECT_EQ(NR_TASK_OPS + 1, answer.n) {
		TH_LOG("%s -> %s: %d lines, first: %s", from->name, to->name,
		       answer.n, answer.n ? answer.line[0] : "");
	}
	for (i = 0; i <= NR_TASK_OPS; i++) {
		const char *op = i < NR_TASK_OPS ? task_ops[i] : "connect";
		const char *want = expected_result(op, expect);

		got = find(&answer, op);
		EXPECT_STREQ(want, got ? got : "(missing)") {
			TH_LOG("%s (pid %d) -> %s (pid %d): %s", from->name,
			       from->pid, to->name, to->pid, op);
		}
	}
}

/* Have @from connect() to @to's socket only. */
static void reach(struct __test_metadata *_metadata, struct agent *from,
		  struct agent *to, const char *want)
{
	const char *got;

	ASSERT_EQ(0, ask(from, &answer, "connect %s", to->sock));
	got = find(&answer, "connect");
	EXPECT_STREQ(want, got ? got : "(missing)") {
		TH_LOG("%s -> socket of %s", from->name, to->name);
	}
}

/* Parse the lines of "uuidjail ps" into @table. */
static void parse_ps(struct ps_table *table, char (*line)[LINE_LEN], int n)
{
	int i;

	table->n = 0;
	for (i = 0; i < n; i++)
		/* The header, and the scenario_guest's own lines, fail. */
		if (!parse_task_line(line[i], &table->row[table->n]))
			table->n++;
}

static const struct task_line *ps_find(const struct ps_table *table, pid_t pid)
{
	int i;

	for (i = 0; i < table->n; i++)
		if (table->row[i].pid == pid)
			return &table->row[i];
	return NULL;
}

/* Whether the last "uuidjail ps" listed @pid. */
static bool listed(pid_t pid)
{
	return ps_find(&ps, pid);
}

/* Run "uuidjail ps" from the test itself into ps: its exit status. */
static int ps_here(struct host *h)
{
	char line[LINE_LEN];
	int out[2], status;
	FILE *f;
	pid_t pid;

	if (pipe2(out, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		dup2(out[1], STDOUT_FILENO);
		execl(h->launcher, "uuidjail", "ps", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	f = fdopen(out[0], "r");
	answer.n = 0;
	while (f && fgets(line, sizeof(line), f))
		if (answer.n < MAX_LINES)
			snprintf(answer.line[answer.n++], LINE_LEN, "%s",
				 line);
	if (f)
		fclose(f);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	parse_ps(&ps, answer.line, answer.n);
	return WEXITSTATUS(status);
}

/* Run "uuidjail ps" in @a into ps: its exit status; its own pid. */
static int ps_in(struct agent *a, pid_t *ps_pid)
{
	const char *exit_line, *child;

	if (ask(a, &answer, "ps"))
		return -1;
	exit_line = find(&answer, "exit");
	child = find(&answer, "child");
	if (!exit_line || !child)
		return -1;
	*ps_pid = atoi(child);
	parse_ps(&ps, answer.line, answer.n);
	return atoi(exit_line);
}

/*
 * In @a's ps: only tasks of the sub-jail (@id1, @id2), or of the jail
 * @id1 with id2 0 (its half-restricted tasks) if @half_too.
 */
static void ps_only_jail(struct __test_metadata *_metadata,
			 const struct agent *a, unsigned long long id1,
			 unsigned long long id2, bool half_too)
{
	int i;

	for (i = 0; i < ps.n; i++) {
		const struct task_line *r = &ps.row[i];

		EXPECT_TRUE(r->id1 == id1 &&
			    (r->id2 == id2 || (half_too && !r->id2))) {
			TH_LOG("ps in %s (id1=%llu id2=%llu) lists pid %d: id1=%llu id2=%llu",
			       a->name, id1, id2, r->pid, r->id1, r->id2);
		}
	}
}

TEST_F_TIMEOUT(scenario, manager_and_three_guests, 180)
{
	static const char *const jail_options[][3] = {
		{ "--name", "guest1", NULL },
		{ "--name", "guest2", NULL },
		{ "--name", "guest3", NULL },
	};
	struct host *h = &self->host;
	struct agent *manager, *guest[3];
	unsigned long long id1[3], id2[3];
	const struct task_line *row;
	pid_t ps_pid;
	int i, j;

	manager = start_guest(_metadata, h, "manager", false, NULL);
	ASSERT_EQ(UNRESTRICTED, manager->state);
	for (i = 0; i < 3; i++) {
		char name[16];

		snprintf(name, sizeof(name), "guest%d", i + 1);
		guest[i] = start_guest(_metadata, h, name, false,
				       jail_options[i]);
		/* The launcher entered a jail and a sub-jail of it. */
		ASSERT_EQ(RESTRICTED, guest[i]->state);
	}

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			if (i != j)
				check_probe(_metadata, guest[i], guest[j],
					    DENIED);
		}
		/* libvirtd's socket stays open to every guest. */
		check_probe(_metadata, guest[i], manager, DENIED_OPEN_SOCKET);
		check_probe(_metadata, manager, guest[i], ALLOWED);
	}

	/* The manager sees every guest, each in a jail of its own. */
	ASSERT_EQ(0, ps_here(h));
	for (i = 0; i < 3; i++) {
		ASSERT_TRUE(listed(guest[i]->pid)) {
			TH_LOG("ps of the manager misses %s", guest[i]->name);
		}
		row = ps_find(&ps, guest[i]->pid);
		id1[i] = row->id1;
		id2[i] = row->id2;
		EXPECT_NE(0ULL, id1[i]);
		EXPECT_NE(0ULL, id2[i]);
		EXPECT_STREQ(guest[i]->name, row->name);
		for (j = 0; j < i; j++)
			EXPECT_NE(id1[j], id1[i]);
	}
	EXPECT_TRUE(listed(manager->pid));
	EXPECT_TRUE(listed(getpid()));

	/* A guest sees itself and its own ps, nothing else. */
	for (i = 0; i < 3; i++) {
		ASSERT_EQ(0, ps_in(guest[i], &ps_pid)) {
			TH_LOG("ps in %s failed", guest[i]->name);
		}
		EXPECT_TRUE(listed(guest[i]->pid));
		EXPECT_TRUE(listed(ps_pid));
		EXPECT_EQ(2, ps.n);
		ps_only_jail(_metadata, guest[i], id1[i], id2[i], false);
	}
}

TEST_F_TIMEOUT(scenario, browser_and_tabs, 180)
{
	static const char *const half[] = { "--half", "--name", "browser",
					    NULL };
	static const char *const jail[] = { "--name", "guest", NULL };
	struct host *h = &self->host;
	struct agent *manager, *bus, *browser, *tab[2], *other;
	unsigned long long id1, id2[2];
	const struct task_line *row;
	pid_t ps_pid;
	int i;

	manager = start_guest(_metadata, h, "manager", false, NULL);
	ASSERT_EQ(UNRESTRICTED, manager->state);
	bus = start_guest(_metadata, h, "bus", true, NULL);
	browser = start_guest(_metadata, h, "browser", false, half);
	ASSERT_EQ(HALF, browser->state);
	tab[0] = spawn_tab(_metadata, h, browser, "tab1",
			   "--sub --name tab1");
	tab[1] = spawn_tab(_metadata, h, browser, "tab2",
			   "--sub --name tab2");
	other = start_guest(_metadata, h, "guest", false, jail);
	for (i = 0; i < 2; i++)
		ASSERT_EQ(RESTRICTED, tab[i]->state);
	ASSERT_EQ(RESTRICTED, other->state);

	/* Each tab is alone in its sub-jail. */
	check_probe(_metadata, tab[0], tab[1], DENIED);
	check_probe(_metadata, tab[1], tab[0], DENIED);

	for (i = 0; i < 2; i++) {
		/* The browser manages its tabs; a tab reaches its browser. */
		check_probe(_metadata, browser, tab[i], ALLOWED);
		check_probe(_metadata, tab[i], browser, ALLOWED);
		/* Nothing outside the jail, but unrestricted sockets. */
		check_probe(_metadata, tab[i], manager, DENIED_OPEN_SOCKET);
		reach(_metadata, tab[i], bus, "ok");
		check_probe(_metadata, tab[i], other, DENIED);
		check_probe(_metadata, manager, tab[i], ALLOWED);
	}

	/* The browser is kept from other jails only. */
	check_probe(_metadata, browser, manager, ALLOWED);
	reach(_metadata, browser, bus, "ok");
	check_probe(_metadata, browser, other, DENIED);
	check_probe(_metadata, other, browser, DENIED);
	check_probe(_metadata, manager, browser, ALLOWED);

	/* A tab sees its own sub-jail and the browser, not the other tab. */
	ASSERT_EQ(0, ps_here(h));
	ASSERT_TRUE(listed(browser->pid));
	row = ps_find(&ps, browser->pid);
	id1 = row->id1;
	EXPECT_NE(0ULL, id1);
	EXPECT_EQ(0ULL, row->id2);
	EXPECT_STREQ("browser", row->name);
	for (i = 0; i < 2; i++) {
		ASSERT_TRUE(listed(tab[i]->pid));
		row = ps_find(&ps, tab[i]->pid);
		EXPECT_EQ(id1, row->id1);
		EXPECT_NE(0ULL, row->id2);
		EXPECT_STREQ(tab[i]->name, row->name);
		id2[i] = row->id2;
	}
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, ps_in(tab[i], &ps_pid));
		EXPECT_TRUE(listed(tab[i]->pid));
		EXPECT_TRUE(listed(ps_pid));
		EXPECT_TRUE(listed(browser->pid));
		EXPECT_FALSE(listed(tab[!i]->pid));
		EXPECT_FALSE(listed(manager->pid));
		ps_only_jail(_metadata, tab[i], id1, id2[i], true);
	}

	/* The browser sees its tabs and the unrestricted manager. */
	ASSERT_EQ(0, ps_in(browser, &ps_pid));
	EXPECT_TRUE(listed(browser->pid));
	EXPECT_TRUE(listed(tab[0]->pid));
	EXPECT_TRUE(listed(tab[1]->pid));
	EXPECT_TRUE(listed(manager->pid));
	EXPECT_FALSE(listed(other->pid));
}

TEST_HARNESS_MAIN
