// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The parent-death signal
 *
 * A child that asked for PR_SET_PDEATHSIG gets that signal when its
 * parent dies, whatever jail the parent entered in the meantime: the
 * kernel sends it at the child's own request, not at the parent's.  It
 * is neither denied nor counted.
 *
 * The test process T is a child subreaper: P forks C, C asks for SIG on
 * P's death, P enters its levels and exits, C is reparented to T and
 * reports.  SIG is SIGWINCH, ignored by default, and C blocks it so that
 * it stays pending.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define SIG SIGWINCH

/* C's exit status. */
enum { GOT_SIG = 0, NO_SIG = 1, C_FAILED = 2 };

/*
 * C: ask for SIG on the parent's death, enter @levels, say ready, wait
 * for the parent to exit and report whether SIG came.
 */
static void child_main(int levels, int ready)
{
	const struct timespec grace = { .tv_nsec = 200 * 1000 * 1000 };
	const pid_t parent = getppid();
	struct pollfd pfd = { .events = POLLIN };
	sigset_t set, pending;

	sigemptyset(&set);
	sigaddset(&set, SIG);
	if (sigprocmask(SIG_BLOCK, &set, NULL) ||
	    prctl(PR_SET_PDEATHSIG, SIG, 0, 0, 0) || getppid() != parent)
		_exit(C_FAILED);
	pfd.fd = sys_pidfd_open(parent, 0);
	if (pfd.fd < 0 || jail_enter_levels(1, levels) ||
	    write(ready, "r", 1) != 1)
		_exit(C_FAILED);
	close(ready);

	/*
	 * The pidfd polls readable once the parent has exited, after the
	 * kernel sent the parent-death signal.
	 */
	if (poll(&pfd, 1, 20000) != 1)
		_exit(C_FAILED);
	if (sigpending(&pending))
		_exit(C_FAILED);
	if (sigismember(&pending, SIG))
		_exit(GOT_SIG);
	/* Not there: give it a last chance before saying so. */
	_exit(sigtimedwait(&set, NULL, &grace) == SIG ? GOT_SIG : NO_SIG);
}

FIXTURE(pdeath) {};

FIXTURE_VARIANT(pdeath) {
	int parent_levels;	/* entered by P after forking C */
	int child_levels;	/* entered by C itself */
};

/* Control: P . , C . */
FIXTURE_VARIANT_ADD(pdeath, parent_unrestricted) {
	.parent_levels = 0, .child_levels = 0,
};

/* P [A], C . : allowed by the matrix too. */
FIXTURE_VARIANT_ADD(pdeath, parent_half) {
	.parent_levels = 1, .child_levels = 0,
};

/* P [A/a], C . */
FIXTURE_VARIANT_ADD(pdeath, parent_restricted) {
	.parent_levels = 2, .child_levels = 0,
};

/* P [A], C [B] */
FIXTURE_VARIANT_ADD(pdeath, parent_half_child_other_jail) {
	.parent_levels = 1, .child_levels = 1,
};

/* P [A/a], C [B/b] */
FIXTURE_VARIANT_ADD(pdeath, parent_restricted_child_other_subjail) {
	.parent_levels = 2, .child_levels = 2,
};

/* P . , C [B/b] */
FIXTURE_VARIANT_ADD(pdeath, parent_unrestricted_child_jailed) {
	.parent_levels = 0, .child_levels = 2,
};

FIXTURE_SETUP(pdeath)
{
	/* C is reparented to us, so that we can reap it. */
	ASSERT_EQ(0, prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0));
}

FIXTURE_TEARDOWN(pdeath)
{
}

TEST_F(pdeath, signal_on_parent_exit)
{
	int ready[2], status;
	pid_t p, c;
	long before;
	char r;

	/* Unrestricted, we read the system-wide count. */
	before = jail_denials("task_kill");
	ASSERT_LE(0, before);
	ASSERT_EQ(0, pipe2(ready, O_CLOEXEC));

	p = fork();
	ASSERT_LE(0, p);
	if (p == 0) {
		c = fork();
		if (c < 0)
			_exit(1);
		if (c == 0) {
			close(ready[0]);
			child_main(variant->child_levels, ready[1]);
		}
		close(ready[1]);
		/* C is set up before P enters anything. */
		if (read(ready[0], &r, 1) != 1 ||
		    jail_enter_levels(1, variant->parent_levels) ||
		    jail_state() != variant->parent_levels)
			_exit(2);
		_exit(0);
	}
	close(ready[0]);
	close(ready[1]);

	ASSERT_EQ(p, waitpid(p, &status, 0));
	ASSERT_TRUE(WIFEXITED(status));
	ASSERT_EQ(0, WEXITSTATUS(status));
	/* P's only child, now ours. */
	c = waitpid(-1, &status, 0);
	ASSERT_LT(0, c);
	ASSERT_TRUE(WIFEXITED(status));
	EXPECT_EQ(GOT_SIG, WEXITSTATUS(status));
	/* The child's own request: nothing denied. */
	EXPECT_EQ(before, jail_denials("task_kill"));
}

TEST_HARNESS_MAIN
