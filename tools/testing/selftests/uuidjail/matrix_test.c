// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Task-to-task operations against the access matrix
 *
 * Every test runs for the 14 variants of matrix_variants.h.  The forward
 * tests check the test process acting on its child; the reverse tests have
 * the child act on its parent.  The child is always the parent's own, so
 * Yama's relational ptrace scope and the same-uid rule allow every case
 * that uuidjail allows, as root and as an unprivileged user alike.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"

/* Commands the child runs against its parent, one byte each. */
enum {
	CMD_KILL = 'k',
	CMD_PIDFD_SIGNAL = 'p',
	CMD_ENVIRON = 'e',
	CMD_MEM = 'm',
	CMD_STATUS = 's',
};

FIXTURE(matrix) {
	pid_t child;
	int pidfd;
	int cmd_fd;	/* to the child; closing it makes the child exit */
	int res_fd;	/* from the child */
};

FIXTURE_VARIANT(matrix) {
	int subject_before_fork;
	int object_after_fork;
	int subject_after_fork;
	bool allowed;
	bool reverse_allowed;
};

#include "matrix_variants.h"

/* Run @cmd against the parent: 0 or -errno. */
static int child_run(char cmd)
{
	const pid_t parent = getppid();
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
	}
	return -EINVAL;
}

static void child_main(int levels, int cmd_fd, int res_fd)
{
	const int state = jail_state();
	int res = jail_enter_levels(state + 1, state + levels);
	char cmd;

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

	ASSERT_EQ(0, jail_enter_levels(1, variant->subject_before_fork));
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
	self->cmd_fd = cmd[1];
	self->res_fd = res[0];
	/* Let Yama's relational scope allow the child's reverse_proc_mem. */
	ASSERT_EQ(0, prctl(PR_SET_PTRACER, self->child, 0, 0, 0));

	ASSERT_EQ(sizeof(entered), read(self->res_fd, &entered,
					sizeof(entered)));
	ASSERT_EQ(0, entered);
	ASSERT_EQ(0, jail_enter_levels(jail_state() + 1,
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

	/* The child exits on EOF: no signal, which P may not be allowed. */
	close(self->cmd_fd);
	close(self->res_fd);
	close(self->pidfd);
	EXPECT_EQ(self->child, waitpid(self->child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/* The errno a denied caller sees, or 0 where the matrix allows. */
static int expected(bool allowed, int denied_errno)
{
	return allowed ? 0 : denied_errno;
}

/* Have the child run @cmd against us: its 0 or -errno. */
static int child_ask(int cmd_fd, int res_fd, char cmd)
{
	int res;

	if (write(cmd_fd, &cmd, 1) != 1)
		return -EPIPE;
	if (read(res_fd, &res, sizeof(res)) != sizeof(res))
		return -EPIPE;
	return res;
}

TEST_F(matrix, kill)
{
	const int ret = kill(self->child, 0);

	EXPECT_EQ(expected(variant->allowed, EPERM), ret ? errno : 0);
}

TEST_F(matrix, pidfd_send_signal)
{
	const int ret = sys_pidfd_send_signal(self->pidfd, 0);

	EXPECT_EQ(expected(variant->allowed, EPERM), ret ? errno : 0);
}

TEST_F(matrix, ptrace_attach)
{
	int status;

	if (!variant->allowed) {
		EXPECT_EQ(-1, ptrace(PTRACE_ATTACH, self->child, NULL, 0));
		EXPECT_EQ(EPERM, errno);
		return;
	}
	ASSERT_EQ(0, ptrace(PTRACE_ATTACH, self->child, NULL, 0));
	ASSERT_EQ(self->child, waitpid(self->child, &status, __WALL));
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(0, ptrace(PTRACE_DETACH, self->child, NULL, 0));
}

/* mm_access() reports a ptrace denial on /proc/PID/{environ,mem} as EACCES. */
TEST_F(matrix, proc_environ)
{
	EXPECT_EQ(-expected(variant->allowed, EACCES),
		  proc_open(self->child, "environ", O_RDONLY));
}

TEST_F(matrix, proc_mem)
{
	EXPECT_EQ(-expected(variant->allowed, EACCES),
		  proc_open(self->child, "mem", O_RDONLY));
}

/* No ptrace check guards status: only the /proc inode check does. */
TEST_F(matrix, proc_status)
{
	EXPECT_EQ(-expected(variant->allowed, EACCES),
		  proc_open(self->child, "status", O_RDONLY));
}

TEST_F(matrix, reverse_kill)
{
	EXPECT_EQ(-expected(variant->reverse_allowed, EPERM),
		  child_ask(self->cmd_fd, self->res_fd, CMD_KILL));
}

TEST_F(matrix, reverse_pidfd_send_signal)
{
	EXPECT_EQ(-expected(variant->reverse_allowed, EPERM),
		  child_ask(self->cmd_fd, self->res_fd, CMD_PIDFD_SIGNAL));
}

TEST_F(matrix, reverse_proc_environ)
{
	EXPECT_EQ(-expected(variant->reverse_allowed, EACCES),
		  child_ask(self->cmd_fd, self->res_fd, CMD_ENVIRON));
}

TEST_F(matrix, reverse_proc_mem)
{
	EXPECT_EQ(-expected(variant->reverse_allowed, EACCES),
		  child_ask(self->cmd_fd, self->res_fd, CMD_MEM));
}

TEST_F(matrix, reverse_proc_status)
{
	EXPECT_EQ(-expected(variant->reverse_allowed, EACCES),
		  child_ask(self->cmd_fd, self->res_fd, CMD_STATUS));
}

TEST_HARNESS_MAIN
