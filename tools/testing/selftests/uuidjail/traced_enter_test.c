// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Entering a jail while traced, or while tracing
 *
 * A traced task may enter a jail only if its tracer may act on the label
 * the task is about to take: an unrestricted tracer (strace, gdb) never
 * stands in the way, a jailed tracer may not keep a tracee that moves
 * out of its reach (EBUSY, the label unchanged).  A task that traces
 * another may not enter at all (EBUSY).  The check and the label write
 * are one step, both against PTRACE_ATTACH/PTRACE_SEIZE and against a
 * child's PTRACE_TRACEME: the two race tests look for a window between
 * them.
 *
 * The tracer is always the tracee's parent, so that every Yama ptrace
 * scope up to "relational" allows the attach, as root and as an
 * unprivileged user alike.  The only signal used is SIGWINCH, ignored
 * by default, which a tracee raises on itself to enter a signal-delivery
 * stop from which its tracer detaches it.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

/* Raised by a tracee on itself, to stop for its tracer. */
#define STOP_SIGNAL SIGWINCH

/* Commands a tracee runs, one byte each; it answers an int. */
enum {
	CMD_ENTER1 = '1',	/* enter a jail by prctl */
	CMD_ENTER2 = '2',	/* enter a sub-jail by prctl */
	CMD_FS_ENTER1 = 'a',	/* the same through securityfs */
	CMD_FS_ENTER2 = 'b',
	CMD_STATE = 's',	/* PR_UUIDJAIL_GET */
	CMD_TRACEME = 't',	/* PTRACE_TRACEME */
	CMD_TRACER = 'p',	/* TracerPid, as the tracee sees it */
	CMD_STOP = 'w',		/* raise STOP_SIGNAL, answer once resumed */
};

/* The TracerPid line of /proc/self/status: a pid, 0 or -errno. */
static int own_tracer(void)
{
	char buf[2048], *line;
	ssize_t len;
	int fd, pid;

	fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len < 0)
		return -EIO;
	buf[len] = '\0';
	line = strstr(buf, "\nTracerPid:");
	if (!line || sscanf(line, "\nTracerPid: %d", &pid) != 1)
		return -EINVAL;
	return pid;
}

static int run_command(char cmd)
{
	switch (cmd) {
	case CMD_ENTER1:
		return jail_enter_prctl(1);
	case CMD_ENTER2:
		return jail_enter_prctl(2);
	case CMD_FS_ENTER1:
		return jail_write("enter1", "1", 1);
	case CMD_FS_ENTER2:
		return jail_write("enter2", "1", 1);
	case CMD_STATE:
		return jail_state();
	case CMD_TRACEME:
		return ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? -errno : 0;
	case CMD_TRACER:
		return own_tracer();
	case CMD_STOP:
		return raise(STOP_SIGNAL) ? -errno : 0;
	}
	return -EINVAL;
}

struct tracee {
	pid_t pid;
	int cmd_fd;	/* to the tracee; closing it makes the tracee exit */
	int res_fd;	/* from the tracee */
};

/*
 * Fork a tracee that enters @levels more levels than its parent, answers
 * the result (which also says "ready"), then serves commands until EOF.
 */
static int spawn_tracee(struct tracee *t, int levels)
{
	int cmd[2], res[2], state, err;
	char c;

	if (pipe2(cmd, O_CLOEXEC) || pipe2(res, O_CLOEXEC))
		return -errno;
	t->pid = fork();
	if (t->pid < 0)
		return -errno;
	if (t->pid == 0) {
		close(cmd[1]);
		close(res[0]);
		state = jail_state();
		err = jail_enter_levels(state + 1, state + levels);
		if (write(res[1], &err, sizeof(err)) != sizeof(err))
			_exit(1);
		while (read(cmd[0], &c, 1) == 1) {
			err = run_command(c);
			if (write(res[1], &err, sizeof(err)) != sizeof(err))
				_exit(1);
		}
		_exit(0);
	}
	close(cmd[0]);
	close(res[1]);
	t->cmd_fd = cmd[1];
	t->res_fd = res[0];
	if (read(t->res_fd, &err, sizeof(err)) != sizeof(err))
		return -EPIPE;
	return err;
}

/* Have the tracee run @cmd: its answer, or -EPIPE. */
static int ask(const struct tracee *t, char cmd)
{
	int res;

	if (write(t->cmd_fd, &cmd, 1) != 1)
		return -EPIPE;
	if (read(t->res_fd, &res, sizeof(res)) != sizeof(res))
		return -EPIPE;
	return res;
}

/* Become the tracer of @t, by PTRACE_SEIZE or by its PTRACE_TRACEME. */
static int attach(const struct tracee *t, bool traceme)
{
	if (traceme)
		return ask(t, CMD_TRACEME);
	return ptrace(PTRACE_SEIZE, t->pid, NULL, 0) ? -errno : 0;
}

/*
 * Let go of @t: it raises STOP_SIGNAL on itself (a task may always
 * signal itself), stops for us, and we detach it with the signal
 * suppressed.  No signal crosses a jail boundary.
 */
static int detach(const struct tracee *t)
{
	char cmd = CMD_STOP;
	int status, res;

	if (write(t->cmd_fd, &cmd, 1) != 1)
		return -EPIPE;
	if (waitpid(t->pid, &status, __WALL) != t->pid)
		return -errno;
	if (!WIFSTOPPED(status) || WSTOPSIG(status) != STOP_SIGNAL)
		return -EINVAL;
	if (ptrace(PTRACE_DETACH, t->pid, NULL, 0))
		return -errno;
	if (read(t->res_fd, &res, sizeof(res)) != sizeof(res))
		return -EPIPE;
	return res;
}

/* Close the tracee's pipes; it exits on EOF: its wait status. */
static int reap_tracee(struct tracee *t)
{
	int status;

	if (t->pid <= 0)
		return -1;
	/* Should a failed test have left it stopped, resume it. */
	ptrace(PTRACE_DETACH, t->pid, NULL, 0);
	close(t->cmd_fd);
	close(t->res_fd);
	if (waitpid(t->pid, &status, __WALL) != t->pid)
		return -1;
	return status;
}

/*
 * The tracee C enters levels while its parent P traces it.  Each variant
 * builds one pair: P enters @tracer_before_fork levels, forks C, C enters
 * @tracee_levels more, P enters @tracer_after_fork more and then traces
 * C; C tries to enter @first..@last, each expected to give @expected.
 *
 * Pictures: [A] is a jail, [A/a] one of its sub-jails, "." unrestricted;
 * "P [A] -> C ." reads "P, in [A], traces C, unrestricted".
 */
FIXTURE(traced) {
	struct tracee tracee;
};

FIXTURE_VARIANT(traced) {
	int tracer_before_fork;
	int tracee_levels;
	int tracer_after_fork;
	bool traceme;
	bool securityfs;
	int first, last;
	int expected;
};

/* P . -> C .: enter1 to [B], then enter2 to [B/b]: strace keeps working. */
FIXTURE_VARIANT_ADD(traced, unrestricted_tracer_seize) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 0,
	.traceme = false, .first = 1, .last = 2, .expected = 0,
};

FIXTURE_VARIANT_ADD(traced, unrestricted_tracer_traceme) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 0,
	.traceme = true, .first = 1, .last = 2, .expected = 0,
};

FIXTURE_VARIANT_ADD(traced, unrestricted_tracer_securityfs) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 0,
	.traceme = false, .securityfs = true, .first = 1, .last = 2,
	.expected = 0,
};

/* P . -> C [B]: enter2 to [B/b]. */
FIXTURE_VARIANT_ADD(traced, unrestricted_tracer_of_jail) {
	.tracer_before_fork = 0, .tracee_levels = 1, .tracer_after_fork = 0,
	.traceme = false, .first = 2, .last = 2, .expected = 0,
};

/* P [A] -> C .: enter1 to [B], out of P's reach. */
FIXTURE_VARIANT_ADD(traced, half_tracer_new_jail_seize) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = false, .first = 1, .last = 1, .expected = -EBUSY,
};

FIXTURE_VARIANT_ADD(traced, half_tracer_new_jail_traceme) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = true, .first = 1, .last = 1, .expected = -EBUSY,
};

FIXTURE_VARIANT_ADD(traced, half_tracer_new_jail_securityfs) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = false, .securityfs = true, .first = 1, .last = 1,
	.expected = -EBUSY,
};

/* P [A] -> C [A]: enter2 to [A/c], still in P's reach. */
FIXTURE_VARIANT_ADD(traced, half_tracer_own_subjail_seize) {
	.tracer_before_fork = 1, .tracee_levels = 0, .tracer_after_fork = 0,
	.traceme = false, .first = 2, .last = 2, .expected = 0,
};

FIXTURE_VARIANT_ADD(traced, half_tracer_own_subjail_traceme) {
	.tracer_before_fork = 1, .tracee_levels = 0, .tracer_after_fork = 0,
	.traceme = true, .first = 2, .last = 2, .expected = 0,
};

/* P [A/a] -> C [A]: enter2 to [A/c], another sub-jail. */
FIXTURE_VARIANT_ADD(traced, restricted_tracer_other_subjail_seize) {
	.tracer_before_fork = 1, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = false, .first = 2, .last = 2, .expected = -EBUSY,
};

FIXTURE_VARIANT_ADD(traced, restricted_tracer_other_subjail_traceme) {
	.tracer_before_fork = 1, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = true, .first = 2, .last = 2, .expected = -EBUSY,
};

FIXTURE_VARIANT_ADD(traced, restricted_tracer_other_subjail_securityfs) {
	.tracer_before_fork = 1, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = false, .securityfs = true, .first = 2, .last = 2,
	.expected = -EBUSY,
};

/* P [A] -> C .: enter2 without enter1 is EINVAL, reported before EBUSY. */
FIXTURE_VARIANT_ADD(traced, half_tracer_enter2_unrestricted) {
	.tracer_before_fork = 0, .tracee_levels = 0, .tracer_after_fork = 1,
	.traceme = false, .first = 2, .last = 2, .expected = -EINVAL,
};

/* P [A/a] -> C [A/a]: nothing left to enter, EEXIST before EBUSY. */
FIXTURE_VARIANT_ADD(traced, restricted_tracer_same_subjail) {
	.tracer_before_fork = 2, .tracee_levels = 0, .tracer_after_fork = 0,
	.traceme = false, .first = 1, .last = 2, .expected = -EEXIST,
};

FIXTURE_SETUP(traced)
{
	const int tracer_levels = variant->tracer_before_fork +
				  variant->tracer_after_fork;

	ASSERT_EQ(0, jail_enter_levels(1, variant->tracer_before_fork));
	ASSERT_EQ(0, spawn_tracee(&self->tracee, variant->tracee_levels));
	ASSERT_EQ(0, jail_enter_levels(variant->tracer_before_fork + 1,
				       tracer_levels));
	ASSERT_EQ(tracer_levels, jail_state());
	ASSERT_EQ(0, attach(&self->tracee, variant->traceme));
	ASSERT_EQ(getpid(), ask(&self->tracee, CMD_TRACER));
}

FIXTURE_TEARDOWN(traced)
{
	EXPECT_EQ(0, reap_tracee(&self->tracee));
}

static char enter_cmd(bool securityfs, int level)
{
	if (securityfs)
		return level == 1 ? CMD_FS_ENTER1 : CMD_FS_ENTER2;
	return level == 1 ? CMD_ENTER1 : CMD_ENTER2;
}

TEST_F(traced, enter)
{
	const struct tracee *const t = &self->tracee;
	const int before = ask(t, CMD_STATE);
	int level;

	ASSERT_LE(0, before);
	for (level = variant->first; level <= variant->last; level++) {
		EXPECT_EQ(variant->expected,
			  ask(t, enter_cmd(variant->securityfs, level)))
			TH_LOG("enter%d", level);
		/* A refused request leaves the label as it was. */
		EXPECT_EQ(variant->expected ? before : level,
			  ask(t, CMD_STATE));
	}
	/* Entering, or failing to, changes nothing to the ptrace link. */
	EXPECT_EQ(getpid(), ask(t, CMD_TRACER));

	if (variant->expected != -EBUSY)
		return;
	/* Nobody in the way any more: the same request succeeds. */
	ASSERT_EQ(0, detach(t));
	ASSERT_EQ(0, ask(t, CMD_TRACER));
	EXPECT_EQ(0, ask(t, enter_cmd(variant->securityfs, variant->first)));
	EXPECT_EQ(variant->first, ask(t, CMD_STATE));
}

/*
 * A tracer may not enter, whichever way it became the tracer: its hold
 * on a tracee outside the new jail would survive.  C is forked after P
 * entered its first @level - 1 levels, so that it stays in P's reach.
 */
FIXTURE(tracer) {
	struct tracee tracee;
};

FIXTURE_VARIANT(tracer) {
	bool traceme;
	int level;
};

FIXTURE_VARIANT_ADD(tracer, enter1_traceme) {
	.traceme = true, .level = 1,
};

FIXTURE_VARIANT_ADD(tracer, enter2_seize) {
	.traceme = false, .level = 2,
};

FIXTURE_VARIANT_ADD(tracer, enter2_traceme) {
	.traceme = true, .level = 2,
};

FIXTURE_SETUP(tracer)
{
	ASSERT_EQ(0, jail_enter_levels(1, variant->level - 1));
	ASSERT_EQ(0, spawn_tracee(&self->tracee, 0));
	ASSERT_EQ(0, attach(&self->tracee, variant->traceme));
	ASSERT_EQ(getpid(), ask(&self->tracee, CMD_TRACER));
}

FIXTURE_TEARDOWN(tracer)
{
	EXPECT_EQ(0, reap_tracee(&self->tracee));
}

TEST_F(tracer, enter)
{
	EXPECT_EQ(-EBUSY, jail_enter_prctl(variant->level));
	EXPECT_EQ(variant->level - 1, jail_state());
	EXPECT_EQ(-EBUSY, jail_write(variant->level == 1 ? "enter1" : "enter2",
				     "1", 1));
	EXPECT_EQ(variant->level - 1, jail_state());

	/* Tracing no one again: entering works. */
	ASSERT_EQ(0, detach(&self->tracee));
	EXPECT_EQ(0, jail_enter_prctl(variant->level));
	EXPECT_EQ(variant->level, jail_state());
}

/*
 * The race tests.  Each round, a fresh P forks a fresh C while both are
 * unrestricted, P enters a jail [A], and then both act at once: P tries
 * to enter or attach, C tries to attach or enter.  Whichever comes first
 * must make the other fail; a round where both succeed leaves a task of
 * one jail tracing a task it may not act on.
 *
 * Who comes first depends on a head start: P spins @delay loops before
 * acting if it is positive, C spins -@delay loops if it is negative.
 * After each round the head start moves toward the side that lost, so
 * that the rounds keep hitting the point where both act at the same
 * time, whatever the speed of the machine.
 */
struct race {
	atomic_int ready, go, stop;
	int delay;
	pid_t p;
	int p_err, p_state;	/* P's request and its state afterwards */
	int c_err, c_state;	/* C's request and its state afterwards */
	int c_tracer;		/* C's TracerPid afterwards */
};

enum outcome { P_FIRST, C_FIRST, BOTH, OTHER };

struct race_ops {
	void (*child)(struct race *r);
	void (*parent)(struct race *r, pid_t c);
	enum outcome (*judge)(const struct race *r);
};

static void spin(int loops)
{
	int i;

	for (i = 0; i < loops; i++)
		__asm__ __volatile__("" ::: "memory");
}

/* Run on @cpu only, if there are two CPUs: P and C race side by side. */
static void pin(int cpu)
{
	cpu_set_t set;

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* C: say ready, and spin until P says go. */
static void wait_go(struct race *r)
{
	pin(1);
	atomic_store(&r->ready, 1);
	while (!atomic_load(&r->go))
		;
	spin(-r->delay);
}

/*
 * C's side of the PTRACE_TRACEME race: ask until traced, or until P has
 * entered (from then on P may no longer act on C).
 */
static void traceme_child(struct race *r)
{
	int err;

	wait_go(r);
	do {
		err = ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? -errno : 0;
	} while (err && !atomic_load(&r->stop));
	r->c_err = err;
	r->c_tracer = own_tracer();
	r->c_state = jail_state();
	_exit(0);
}

/* P's side: enter2 while the unrestricted child asks to be traced. */
static void traceme_parent(struct race *r, pid_t c)
{
	spin(r->delay);
	r->p_err = jail_enter_prctl(2);
	atomic_store(&r->stop, 1);
}

static enum outcome traceme_judge(const struct race *r)
{
	if (!r->p_err && !r->c_err)
		return BOTH;
	/* P entered [A/p]; C was refused and is not traced. */
	if (!r->p_err && r->p_state == RESTRICTED && r->c_err == -EPERM &&
	    r->c_tracer == 0 && r->c_state == UNRESTRICTED)
		return P_FIRST;
	/* C is traced by P, which was refused and stays in [A]. */
	if (!r->c_err && r->c_tracer == r->p && r->c_state == UNRESTRICTED &&
	    r->p_err == -EBUSY && r->p_state == HALF)
		return C_FIRST;
	return OTHER;
}

static const struct race_ops traceme_race = {
	.child = traceme_child,
	.parent = traceme_parent,
	.judge = traceme_judge,
};

/* C's side of the attach race: enter1, into a jail [B] of its own. */
static void seize_child(struct race *r)
{
	wait_go(r);
	r->c_err = jail_enter_prctl(1);
	r->c_tracer = own_tracer();
	r->c_state = jail_state();
	_exit(0);
}

/* P's side: seize the child while it enters. */
static void seize_parent(struct race *r, pid_t c)
{
	spin(r->delay);
	r->p_err = ptrace(PTRACE_SEIZE, c, NULL, 0) ? -errno : 0;
}

static enum outcome seize_judge(const struct race *r)
{
	if (!r->p_err && !r->c_err)
		return BOTH;
	/* P traces C, which was refused and stays unrestricted. */
	if (!r->p_err && r->c_err == -EBUSY && r->c_tracer == r->p &&
	    r->c_state == UNRESTRICTED)
		return P_FIRST;
	/* C entered [B]; P was refused and traces nobody. */
	if (!r->c_err && r->c_state == HALF && r->c_tracer == 0 &&
	    r->p_err == -EPERM)
		return C_FIRST;
	return OTHER;
}

static const struct race_ops seize_race = {
	.child = seize_child,
	.parent = seize_parent,
	.judge = seize_judge,
};

/* One round, run by P: fork C, enter [A], race. */
static void race_round(struct race *r, const struct race_ops *ops)
{
	int status;
	pid_t c;

	pin(0);
	c = fork();
	if (c < 0)
		_exit(2);
	if (c == 0)
		ops->child(r);
	if (jail_enter_prctl(1))
		_exit(3);
	/* Both must be running when the race starts. */
	while (!atomic_load(&r->ready))
		sched_yield();
	atomic_store(&r->go, 1);
	ops->parent(r, c);
	r->p_state = jail_state();
	/* C never stops: it gets no signal and does not exec. */
	if (waitpid(c, &status, __WALL) != c || status)
		_exit(4);
	_exit(0);
}

/* In spin loops: far more than a context switch takes, even emulated. */
#define MAX_HEAD_START 10000000

struct race_tally {
	unsigned int rounds, count[OTHER + 1];
};

/*
 * Rounds for UUIDJAIL_STRESS_SECONDS (default 3, at most 10), and at
 * least 100; then on, up to a minute, until each side came first once
 * (a loaded host can keep the two from running side by side a while),
 * unless a round already failed.  The first ten failed rounds are shown.
 */
static void race_run(struct __test_metadata *const _metadata,
		     const struct race_ops *ops, struct race_tally *tally)
{
	const char *env = getenv("UUIDJAIL_STRESS_SECONDS");
	int seconds = env ? atoi(env) : 3;
	int delay = 0, status, step;
	enum outcome outcome;
	struct race *r;
	time_t deadline, limit;
	pid_t p;

	if (seconds > 10)
		seconds = 10;
	r = mmap(NULL, sizeof(*r), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, r);
	memset(tally, 0, sizeof(*tally));
	srand(getpid());
	deadline = time(NULL) + seconds;
	limit = time(NULL) + 60;

	while (time(NULL) < deadline || tally->rounds < 100 ||
	       (!tally->count[P_FIRST] && !tally->count[BOTH] &&
		time(NULL) < limit) ||
	       (!tally->count[C_FIRST] && !tally->count[BOTH] &&
		time(NULL) < limit)) {
		memset(r, 0, sizeof(*r));
		r->delay = delay;
		p = fork();
		ASSERT_LE(0, p);
		if (p == 0)
			race_round(r, ops);
		r->p = p;
		ASSERT_EQ(p, waitpid(p, &status, 0));
		ASSERT_EQ(0, status)
			TH_LOG("round %u: P failed to set up", tally->rounds);
		tally->rounds++;

		outcome = ops->judge(r);
		tally->count[outcome]++;
		if ((outcome == BOTH || outcome == OTHER) &&
		    tally->count[BOTH] + tally->count[OTHER] <= 10)
			TH_LOG("round %u: P %d (state %d), C %d (state %d, tracer %d, P is %d)",
			       tally->rounds, r->p_err, r->p_state, r->c_err,
			       r->c_state, r->c_tracer, r->p);
		/* Give the side that lost a head start, with some jitter. */
		step = 1 + rand() % (16 + abs(delay) / 4);
		if (outcome == P_FIRST && delay < MAX_HEAD_START)
			delay += step;
		else if (outcome == C_FIRST && delay > -MAX_HEAD_START)
			delay -= step;
	}
	munmap(r, sizeof(*r));
	TH_LOG("%u rounds: P first %u, C first %u, both %u, other %u (head start %d)",
	       tally->rounds, tally->count[P_FIRST],
	       tally->count[C_FIRST], tally->count[BOTH], tally->count[OTHER],
	       delay);
}

FIXTURE(race) {};

FIXTURE_SETUP(race)
{
}

FIXTURE_TEARDOWN(race)
{
}

/*
 * P [A] enters [A/p] while its unrestricted child C asks PTRACE_TRACEME.
 * Either C is traced first, and P's enter2 fails with EBUSY (P stays in
 * [A]), or P enters first, and from then on C's request is judged
 * against [A/p], which may not act on C: EPERM.  Never both.
 */
TEST_F_TIMEOUT(race, traceme_against_enter2, 120)
{
	struct race_tally t;

	race_run(_metadata, &traceme_race, &t);
	EXPECT_EQ(0, t.count[BOTH]);
	EXPECT_EQ(0, t.count[OTHER]);
	/* The rounds really ran both orders. */
	EXPECT_LT(0, t.count[P_FIRST]);
	EXPECT_LT(0, t.count[C_FIRST]);
}

/*
 * P [A] seizes its unrestricted child C while C enters a jail [B] of its
 * own.  Either P seizes first, and C's enter1 fails with EBUSY (C stays
 * unrestricted, traced by P), or C enters first, and P's seize is judged
 * against [B]: EPERM.  Never both.
 */
TEST_F_TIMEOUT(race, seize_against_enter1, 120)
{
	struct race_tally t;

	race_run(_metadata, &seize_race, &t);
	EXPECT_EQ(0, t.count[BOTH]);
	EXPECT_EQ(0, t.count[OTHER]);
	EXPECT_LT(0, t.count[P_FIRST]);
	EXPECT_LT(0, t.count[C_FIRST]);
}

TEST_HARNESS_MAIN
