// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - /proc/PID entries against the access matrix
 * (file_open, and ptrace_access_check behind mm_access())
 *
 * Every denial is EACCES: either the /proc open check refuses the entry,
 * or mm_access() reports the ptrace check so.  proc_ways_test.c covers
 * every other way through procfs.
 */

#include "matrix_fixture.h"

TEST_F(matrix, proc_environ)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "environ", O_RDONLY));
}

TEST_F(matrix, proc_mem)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "mem", O_RDONLY));
}

/* No ptrace check guards these: only the /proc open check does. */
TEST_F(matrix, proc_status)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "status", O_RDONLY));
}

TEST_F(matrix, proc_cmdline)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "cmdline", O_RDONLY));
}

TEST_F(matrix, proc_comm_write)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "comm", O_WRONLY));
}

/* The case that motivated the original module. */
TEST_F(matrix, proc_oom_score_adj_write)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "oom_score_adj", O_WRONLY));
}

TEST_F(matrix, proc_attr_current)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "attr/current", O_RDONLY));
}

/* The way to setns() into another process's namespaces. */
TEST_F(matrix, proc_ns)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "ns/mnt", O_RDONLY));
}

TEST_F(matrix, proc_task_status)
{
	char entry[64];

	snprintf(entry, sizeof(entry), "task/%d/status", self->child);
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, entry, O_RDONLY));
}

TEST_F(matrix, reverse_proc_environ)
{
	EXPECT_EQ(expected(variant->reverse_allowed, EACCES),
		  child_ask(self->cmd_fd, self->res_fd, CMD_ENVIRON));
}

TEST_F(matrix, reverse_proc_mem)
{
	EXPECT_EQ(expected(variant->reverse_allowed, EACCES),
		  child_ask(self->cmd_fd, self->res_fd, CMD_MEM));
}

TEST_F(matrix, reverse_proc_status)
{
	EXPECT_EQ(expected(variant->reverse_allowed, EACCES),
		  child_ask(self->cmd_fd, self->res_fd, CMD_STATUS));
}

TEST_HARNESS_MAIN
