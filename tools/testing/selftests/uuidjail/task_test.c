// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Process groups, priorities, limits, scheduling,
 * memory placement and capabilities against the access matrix (task_*
 * and capget hooks)
 */

#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include <linux/capability.h>
#include <linux/ioprio.h>

#include "matrix_fixture.h"

TEST_F(matrix, setpgid)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(setpgid(self->child, self->child)));
}

TEST_F(matrix, getpgid)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(getpgid(self->child)));
}

TEST_F(matrix, getsid)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(getsid(self->child)));
}

/* The child runs at nice 0: setting 0 again needs no privilege. */
TEST_F(matrix, setpriority)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(setpriority(PRIO_PROCESS, self->child, 0)));
}

TEST_F(matrix, ioprio_set)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(syscall(__NR_ioprio_set, IOPRIO_WHO_PROCESS,
				 self->child,
				 IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4))));
}

TEST_F(matrix, ioprio_get)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(syscall(__NR_ioprio_get, IOPRIO_WHO_PROCESS,
				 self->child)));
}

/* Reading a limit is not covered; setting it (to its value) is. */
TEST_F(matrix, prlimit_set)
{
	struct rlimit limit;

	ASSERT_EQ(0, prlimit(self->child, RLIMIT_NOFILE, NULL, &limit));
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(prlimit(self->child, RLIMIT_NOFILE, &limit, NULL)));
}

TEST_F(matrix, sched_setscheduler)
{
	const struct sched_param param = { .sched_priority = 0 };

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sched_setscheduler(self->child, SCHED_OTHER,
					    &param)));
}

TEST_F(matrix, sched_setaffinity)
{
	cpu_set_t cpus;

	ASSERT_EQ(0, sched_getaffinity(0, sizeof(cpus), &cpus));
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sched_setaffinity(self->child, sizeof(cpus), &cpus)));
}

TEST_F(matrix, sched_getscheduler)
{
	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sched_getscheduler(self->child)));
}

TEST_F(matrix, sched_getparam)
{
	struct sched_param param;

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sched_getparam(self->child, &param)));
}

TEST_F(matrix, sched_getaffinity)
{
	cpu_set_t cpus;

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sched_getaffinity(self->child, sizeof(cpus), &cpus)));
}

TEST_F(matrix, sched_rr_get_interval)
{
	struct timespec ts;

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(sched_rr_get_interval(self->child, &ts)));
}

/*
 * move_pages() of no page still looks the task up and checks it.  Both
 * calls exist only on NUMA kernels, which x86 builds for 64 bits only.
 */
TEST_F(matrix, move_pages)
{
	const int ret = result(syscall(__NR_move_pages, self->child, 0, NULL,
				       NULL, NULL, 0));

	if (ret == -ENOSYS)
		SKIP(return, "move_pages() needs CONFIG_NUMA");
	EXPECT_EQ(expected(variant->allowed, EPERM), ret);
}

TEST_F(matrix, migrate_pages)
{
	unsigned long nodes = 1;
	const int ret = result(syscall(__NR_migrate_pages, self->child,
				       8 * sizeof(nodes), &nodes, &nodes));

	if (ret == -ENOSYS)
		SKIP(return, "migrate_pages() needs CONFIG_NUMA");
	EXPECT_EQ(expected(variant->allowed, EPERM), ret);
}

TEST_F(matrix, capget)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = self->child,
	};
	struct __user_cap_data_struct data[2];

	EXPECT_EQ(expected(variant->allowed, EPERM),
		  result(syscall(__NR_capget, &hdr, data)));
}

TEST_HARNESS_MAIN
