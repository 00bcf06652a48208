// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Signals against the access matrix (task_kill,
 * file_send_sigiotask)
 */

#include <signal.h>
#include <sys/syscall.h>

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

TEST_HARNESS_MAIN
