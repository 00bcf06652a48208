// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Signals against the access matrix (task_kill,
 * file_send_sigiotask)
 */

#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "matrix_fixture.h"

TEST_F(matrix, kill)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(kill(self->child, 0)));
}

TEST_F(matrix, tgkill)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(syscall(__NR_tgkill, self->child, self->child, 0)));
}

TEST_F(matrix, rt_sigqueueinfo)
{
	siginfo_t info = {
		.si_signo = 0,
		.si_code = SI_QUEUE,
		.si_pid = getpid(),
		.si_uid = getuid(),
	};

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(syscall(__NR_rt_sigqueueinfo, self->child, 0,
				 &info)));
}

TEST_F(matrix, pidfd_send_signal)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sys_pidfd_send_signal(self->pidfd, 0)));
}

/*
 * SIGIO with F_SETSIG: P makes C the owner of a pipe's read end and
 * writes to the pipe.  send_sigio() runs within the write, so the signal
 * is pending in C (which blocks it) by the time write() returns.
 */
TEST_F(matrix, sigio)
{
	int fds[2];

	ASSERT_EQ(0, pipe(fds));
	ASSERT_EQ(0, fcntl(fds[0], F_SETOWN, self->child));
	ASSERT_EQ(0, fcntl(fds[0], F_SETSIG, WATCHED_SIGNAL));
	ASSERT_EQ(0, fcntl(fds[0], F_SETFL, O_ASYNC | O_NONBLOCK));
	ASSERT_EQ(1, write(fds[1], "x", 1));
	EXPECT_EQ(variant->allowed,
		  child_ask(self->cmd_fd, self->res_fd, CMD_PENDING));
	close(fds[0]);
	close(fds[1]);
}

TEST_F(matrix, reverse_kill)
{
	EXPECT_EQ(expected(variant->reverse_allowed, EPERM),
		  child_ask(self->cmd_fd, self->res_fd, CMD_KILL));
}

TEST_F(matrix, reverse_pidfd_send_signal)
{
	EXPECT_EQ(expected(variant->reverse_allowed, EPERM),
		  child_ask(self->cmd_fd, self->res_fd, CMD_PIDFD_SIGNAL));
}

/*
 * kill(-1, sig) and kill(-pgrp, sig) skip the tasks the caller may not
 * signal, but report it differently: kill_something_info() returns 0 for
 * -1 as soon as another task exists, whether or not one was signalled;
 * __kill_pgrp_info() returns the last error when none of the group was.
 * The canary, an unrestricted leader of its own process group, blocks
 * SIGUSR1 and reports whether one is pending once the sender is done.
 */
static void group_kill(struct __test_metadata *const _metadata, bool jailed)
{
	int ready[2], go[2], report[2], status;
	pid_t canary, sender;
	sigset_t set;
	char c;

	ASSERT_EQ(0, pipe(ready));
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(report));
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);

	canary = fork();
	ASSERT_LE(0, canary);
	if (canary == 0) {
		if (sigprocmask(SIG_BLOCK, &set, NULL) || setpgid(0, 0))
			_exit(1);
		c = 'r';
		if (write(ready[1], &c, 1) != 1 || read(go[0], &c, 1) != 1 ||
		    sigpending(&set))
			_exit(1);
		c = sigismember(&set, SIGUSR1) ? 'S' : '-';
		_exit(write(report[1], &c, 1) == 1 ? 0 : 1);
	}
	ASSERT_EQ(1, read(ready[0], &c, 1));

	sender = fork();
	ASSERT_LE(0, sender);
	if (sender == 0) {
		if (jailed) {
			if (jail_enter_levels(1, 2))
				_exit(10);
			/* Alone in its jail: every other task is skipped. */
			if (kill(-1, SIGUSR1))
				_exit(11);
			if (kill(-canary, SIGUSR1) != -1 || errno != EPERM)
				_exit(12);
		} else if (kill(-canary, SIGUSR1)) {
			_exit(13);
		}
		_exit(0);
	}
	ASSERT_EQ(sender, waitpid(sender, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	c = 'g';
	ASSERT_EQ(1, write(go[1], &c, 1));
	ASSERT_EQ(1, read(report[0], &c, 1));
	EXPECT_EQ(jailed ? '-' : 'S', c);
	ASSERT_EQ(canary, waitpid(canary, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* Restricted sender: -1 returns 0, -pgrp EPERM, the canary got nothing. */
TEST(kill_all_and_group_from_jail)
{
	group_kill(_metadata, true);
}

/* Unrestricted sender: the canary's group gets the signal. */
TEST(kill_group_unrestricted)
{
	group_kill(_metadata, false);
}

TEST_HARNESS_MAIN
