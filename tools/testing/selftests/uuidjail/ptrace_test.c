// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - ptrace and ptrace_may_access() users against the
 * access matrix (ptrace_access_check), and perf_event_open(pid)
 * (perf_event_alloc)
 */

#include <stdint.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include <linux/capability.h>
#include <linux/kcmp.h>
#include <linux/perf_event.h>

#include "matrix_fixture.h"

/* Memory at the same address in P and C, for process_vm_*. */
static char scratch[64] = "uuidjail";

TEST_F(matrix, ptrace_attach)
{
	int status;

	ASSERT_EQ(expected(variant->allowed, EPERM),
		  result(ptrace(PTRACE_ATTACH, self->child, NULL, 0)));
	if (!variant->allowed)
		return;
	ASSERT_EQ(self->child, waitpid(self->child, &status, __WALL));
	EXPECT_TRUE(WIFSTOPPED(status));
	EXPECT_EQ(0, ptrace(PTRACE_DETACH, self->child, NULL, 0));
}

TEST_F(matrix, ptrace_seize)
{
	ASSERT_EQ(expected(variant->allowed, EPERM),
		  result(ptrace(PTRACE_SEIZE, self->child, NULL, 0)));
	if (variant->allowed) {
		/* A seized tracee must be stopped to be detached. */
		int status;

		ASSERT_EQ(0, ptrace(PTRACE_INTERRUPT, self->child, NULL, 0));
		ASSERT_EQ(self->child, waitpid(self->child, &status, __WALL));
		EXPECT_EQ(0, ptrace(PTRACE_DETACH, self->child, NULL, 0));
	}
}

TEST_F(matrix, pidfd_getfd)
{
	const int fd = syscall(__NR_pidfd_getfd, self->pidfd, 0, 0);

	EXPECT_EQ(expected(variant->allowed, EPERM), result(fd));
	if (fd >= 0)
		close(fd);
}

/* process_vm_rw_core() reports mm_access()'s EACCES as EPERM. */
TEST_F(matrix, process_vm_readv)
{
	char buf[sizeof(scratch)];
	struct iovec local = { buf, sizeof(buf) };
	struct iovec remote = { scratch, sizeof(scratch) };

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(process_vm_readv(self->child, &local, 1, &remote, 1,
					  0)));
}

TEST_F(matrix, process_vm_writev)
{
	struct iovec local = { scratch, sizeof(scratch) };
	struct iovec remote = { scratch, sizeof(scratch) };

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(process_vm_writev(self->child, &local, 1, &remote, 1,
					   0)));
}

/*
 * A counter on C's user time: the perf_event_alloc hook judges it before
 * perf's own check, which CAP_PERFMON would let root skip.
 */
TEST_F(matrix, perf_event_open)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_TASK_CLOCK,
		.exclude_kernel = 1,
		.exclude_hv = 1,
	};
	long fd;

	fd = syscall(__NR_perf_event_open, &attr, self->child, -1, -1,
		     PERF_FLAG_FD_CLOEXEC);
	EXPECT_EQ(expected(variant->allowed, EPERM), result(fd));
	if (fd >= 0)
		close(fd);
}

TEST_F(matrix, kcmp)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(syscall(__NR_kcmp, getpid(), self->child, KCMP_VM,
				 0, 0)));
}

/*
 * process_madvise() takes mm_access(PTRACE_MODE_READ), which lets
 * CAP_PERFMON or CAP_SYS_ADMIN skip ptrace_may_access() and so every LSM:
 * a known gap for a jailed root (see the admin guide).  Without those
 * capabilities, a denial is mm_access()'s EACCES, and an allowed call
 * still needs CAP_SYS_NICE for another process.
 */
TEST_F(matrix, process_madvise)
{
	/* One whole page of scratch, at the same address in C. */
	static char pages[2 * 4096];
	struct iovec vec = {
		(void *)(((uintptr_t)pages + 4095) & ~(uintptr_t)4095), 4096
	};
	const bool nice = has_effective_cap(CAP_SYS_NICE);

	if (!variant->allowed && (has_effective_cap(CAP_PERFMON) ||
				  has_effective_cap(CAP_SYS_ADMIN)))
		SKIP(return, "mm_access() lets CAP_PERFMON bypass the LSMs");

	EXPECT_EQ(variant->allowed ? (nice ? 0 : -EPERM) : -EACCES,
		  result(syscall(__NR_process_madvise, self->pidfd, &vec, 1,
				 MADV_COLD, 0)));
}

TEST_HARNESS_MAIN
