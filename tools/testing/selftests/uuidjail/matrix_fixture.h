/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uuidjail selftests - The "matrix" fixture shared by the operation tests
 *
 * Each test runs for the 14 variants of matrix_variants.h.  The test
 * process P (the subject) acts on its child C (the object); "reverse"
 * tests ask C to act on P.  C is always P's own child, so Yama's
 * relational ptrace scope and the same-uid rule allow every case that
 * uuidjail allows, as root and as an unprivileged user alike; the
 * unrestricted_on_unrestricted variant proves it for every operation.
 */

#ifndef _SELFTESTS_UUIDJAIL_MATRIX_FIXTURE_H
#define _SELFTESTS_UUIDJAIL_MATRIX_FIXTURE_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

/* The signal C watches for: blocked, so that it stays pending. */
#define WATCHED_SIGNAL SIGUSR1

/* Commands C runs against P, one byte each; C answers 0 or -errno. */
enum {
	CMD_KILL = 'k',
	CMD_PIDFD_SIGNAL = 'p',
	CMD_ENVIRON = 'e',
	CMD_MEM = 'm',
	CMD_STATUS = 's',
	CMD_PENDING = '?',	/* answers 1 if WATCHED_SIGNAL is pending */
};

FIXTURE(matrix) {
	pid_t child;
	int pidfd;
	int cmd_fd;	/* to C; closing it makes C exit */
	int res_fd;	/* from C */
};

FIXTURE_VARIANT(matrix) {
	int subject_before_fork;
	int object_after_fork;
	int subject_after_fork;
	bool allowed;
	bool reverse_allowed;
};

#include "matrix_variants.h"

/*
 * A test file gives C commands of its own by defining
 * matrix_child_extra() before it includes this file; it has P prepare
 * what C inherits with matrix_before_fork() and drop P's copy with
 * matrix_after_fork() (both called as P, return 0 or -errno); and it seals
 * the jail P enters first by defining MATRIX_SEAL_P.
 */
#ifndef matrix_child_extra
#define matrix_child_extra(cmd) ((void)(cmd), -EINVAL)
#endif
#ifndef matrix_before_fork
#define matrix_before_fork() 0
#endif
#ifndef matrix_after_fork
#define matrix_after_fork() 0
#endif
#ifndef MATRIX_SEAL_P
#define MATRIX_SEAL_P false
#endif

/* Enter levels first..last, sealing the first if MATRIX_SEAL_P. */
static inline int matrix_enter_p(int first, int last)
{
	if (MATRIX_SEAL_P && first == 1 && last >= 1) {
		const int err = jail_enter_prctl_flags(1,
						       PR_UUIDJAIL_ENTER_SEALED);

		if (err)
			return err;
		first = 2;
	}
	return jail_enter_levels(first, last);
}

static int child_run(char cmd)
{
	const pid_t parent = getppid();
	sigset_t pending;
	int pidfd, err;

	switch (cmd) {
	case CMD_KILL:
		return kill(parent, 0) ? -errno : 0;
	case CMD_PIDFD_SIGNAL:
		pidfd = sys_pidfd_open(parent, 0);
		if (pidfd < 0)
			return -errno;
		err = sys_pidfd_send_signal(pidfd, 0) ? -errno : 0;
		close(pidfd);
		return err;
	case CMD_ENVIRON:
		return proc_open(parent, "environ", O_RDONLY);
	case CMD_MEM:
		return proc_open(parent, "mem", O_RDONLY);
	case CMD_STATUS:
		return proc_open(parent, "status", O_RDONLY);
	case CMD_PENDING:
		if (sigpending(&pending))
			return -errno;
		return sigismember(&pending, WATCHED_SIGNAL);
	}
	return matrix_child_extra(cmd);
}

static void child_main(int levels, int cmd_fd, int res_fd)
{
	const int state = jail_state();
	sigset_t watched;
	int res;
	char cmd;

	sigemptyset(&watched);
	sigaddset(&watched, WATCHED_SIGNAL);
	res = sigprocmask(SIG_BLOCK, &watched, NULL) ? -errno :
	      jail_enter_levels(state + 1, state + levels);

	/* The first answer is the result of entering: it also says "ready". */
	if (write(res_fd, &res, sizeof(res)) != sizeof(res))
		_exit(1);
	while (read(cmd_fd, &cmd, 1) == 1) {
		res = child_run(cmd);
		if (write(res_fd, &res, sizeof(res)) != sizeof(res))
			_exit(1);
	}
	_exit(0);
}

FIXTURE_SETUP(matrix)
{
	int cmd[2], res[2], entered;

	ASSERT_EQ(0, matrix_enter_p(1, variant->subject_before_fork));
	ASSERT_EQ(0, matrix_before_fork());
	ASSERT_EQ(0, pipe2(cmd, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(res, O_CLOEXEC));

	self->child = fork();
	ASSERT_LE(0, self->child);
	if (self->child == 0) {
		close(cmd[1]);
		close(res[0]);
		child_main(variant->object_after_fork, cmd[0], res[1]);
	}
	close(cmd[0]);
	close(res[1]);
	ASSERT_EQ(0, matrix_after_fork());
	self->cmd_fd = cmd[1];
	self->res_fd = res[0];
	/*
	 * Let Yama's relational scope allow C's reverse ptrace checks;
	 * without Yama in lsm=, nothing handles the option (EINVAL).
	 */
	if (prctl(PR_SET_PTRACER, self->child, 0, 0, 0))
		ASSERT_EQ(EINVAL, errno);

	ASSERT_EQ(sizeof(entered), read(self->res_fd, &entered,
					sizeof(entered)));
	ASSERT_EQ(0, entered);
	ASSERT_EQ(0, matrix_enter_p(jail_state() + 1,
				    variant->subject_before_fork +
				    variant->subject_after_fork));
	ASSERT_EQ(variant->subject_before_fork + variant->subject_after_fork,
		  jail_state());

	self->pidfd = sys_pidfd_open(self->child, 0);
	ASSERT_LE(0, self->pidfd);
}

FIXTURE_TEARDOWN(matrix)
{
	int status;

	/* C exits on EOF: no signal, which P may not be allowed to send. */
	close(self->cmd_fd);
	close(self->res_fd);
	close(self->pidfd);
	EXPECT_EQ(self->child, waitpid(self->child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* What a call returns where the matrix allows it, else -denied_errno. */
static inline int expected(bool allowed, int denied_errno)
{
	return allowed ? 0 : -denied_errno;
}

/* Have C run @cmd against P: its answer. */
static inline int child_ask(int cmd_fd, int res_fd, char cmd)
{
	int res;

	if (write(cmd_fd, &cmd, 1) != 1)
		return -EPIPE;
	if (read(res_fd, &res, sizeof(res)) != sizeof(res))
		return -EPIPE;
	return res;
}

#endif /* _SELFTESTS_UUIDJAIL_MATRIX_FIXTURE_H */
