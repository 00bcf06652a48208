// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Reporting denials: the stats file and audit
 *
 * Each denied operation must be counted under its own hook's name, which
 * also shows which hook denied it, and allowed operations must not be
 * counted.  Audit records reach the kernel log when no audit daemon
 * runs, which is how the test reads them.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>

#include "common.h"
#include "kselftest_harness.h"

/* An outsider that waits for its pipe to close. */
static pid_t spawn_outsider(int *hold)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) != 0);
	}
	close(fds[0]);
	*hold = fds[1];
	return pid;
}

static void reap(pid_t pid, int hold)
{
	int status;

	close(hold);
	waitpid(pid, &status, 0);
}

TEST(stats_format)
{
	static const char *const ops[] = {
		"ptrace_access_check", "ptrace_traceme", "task_kill",
		"file_send_sigiotask", "task_setpgid", "task_getpgid",
		"task_getsid", "task_setnice", "task_setioprio",
		"task_getioprio", "task_setrlimit", "task_setscheduler",
		"task_getscheduler", "task_movememory", "capget",
		"file_open", "inode_getattr", "inode_setattr",
		"inode_getxattr", "inode_listxattr", "path_notify",
		"perf_event_alloc", "unix_stream_connect", "unix_may_send",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++)
		EXPECT_LE(0, jail_denials(ops[i]));
}

static int do_kill(pid_t pid)
{
	return kill(pid, 0) ? -errno : 0;
}

static int do_getsid(pid_t pid)
{
	return getsid(pid) < 0 ? -errno : 0;
}

static int do_capget(pid_t pid)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
		.pid = pid,
	};
	struct __user_cap_data_struct data[2];

	return syscall(__NR_capget, &hdr, data) ? -errno : 0;
}

static int do_proc_status(pid_t pid)
{
	return proc_open(pid, "status", O_RDONLY);
}

static int do_proc_stat(pid_t pid)
{
	char path[32];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/%d", pid);
	return stat(path, &st) ? -errno : 0;
}

FIXTURE(counted) {};

FIXTURE_VARIANT(counted) {
	const char *op;
	int (*act)(pid_t pid);
	int denied_errno;
};

FIXTURE_VARIANT_ADD(counted, kill) {
	.op = "task_kill", .act = do_kill, .denied_errno = EPERM,
};

FIXTURE_VARIANT_ADD(counted, getsid) {
	.op = "task_getsid", .act = do_getsid, .denied_errno = EPERM,
};

FIXTURE_VARIANT_ADD(counted, capget) {
	.op = "capget", .act = do_capget, .denied_errno = EPERM,
};

/* No ptrace check behind status: the /proc open check denies it. */
FIXTURE_VARIANT_ADD(counted, proc_status) {
	.op = "file_open", .act = do_proc_status,
	.denied_errno = EACCES,
};

FIXTURE_VARIANT_ADD(counted, proc_stat) {
	.op = "inode_getattr", .act = do_proc_stat,
	.denied_errno = EACCES,
};

FIXTURE_SETUP(counted)
{
}

FIXTURE_TEARDOWN(counted)
{
}

/*
 * Allowed: not counted.  Denied: counted once, under its hook, in the
 * counts of the subject's jail.
 */
TEST_F(counted, denial_is_counted)
{
	long before;
	pid_t outsider;
	int hold;

	outsider = spawn_outsider(&hold);
	ASSERT_LE(0, outsider);

	before = jail_denials(variant->op);
	ASSERT_LE(0, before);
	ASSERT_EQ(0, variant->act(outsider));
	EXPECT_EQ(before, jail_denials(variant->op));

	/* A jailed reader sees only its own jail's denials: none yet. */
	ASSERT_EQ(0, jail_enter_levels(1, 2));
	EXPECT_EQ(0, jail_denials(variant->op));
	EXPECT_EQ(-variant->denied_errno, variant->act(outsider));
	EXPECT_EQ(1, jail_denials(variant->op));

	reap(outsider, hold);
}

/* Wait up to @ms for a kernel log record containing @a, @b and @c. */
static bool kmsg_find(int fd, const char *a, const char *b, const char *c,
		      int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char rec[2048];
	ssize_t len;

	while (poll(&pfd, 1, ms) > 0) {
		len = read(fd, rec, sizeof(rec) - 1);
		if (len < 0) {
			if (errno == EPIPE)	/* overwritten: read on */
				continue;
			return false;
		}
		rec[len] = '\0';
		if (strstr(rec, a) && strstr(rec, b) && strstr(rec, c))
			return true;
	}
	return false;
}

TEST(audit_record)
{
	char opid[32], sid[64], label[128];
	unsigned long long id1, id2;
	int fd, hold, tries, n;
	bool found = false;
	pid_t outsider;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		SKIP(return, "cannot read /dev/kmsg: %s", strerror(errno));
	ASSERT_LE(0, lseek(fd, 0, SEEK_END));

	outsider = spawn_outsider(&hold);
	ASSERT_LE(0, outsider);
	ASSERT_EQ(0, jail_enter_levels(1, 2));
	ASSERT_LT(0, jail_read_self(label, sizeof(label)));
	n = sscanf(label, "restricted id1=%llu id2=%llu", &id1, &id2);
	ASSERT_EQ(2, n);
	snprintf(opid, sizeof(opid), "opid=%d ", outsider);
	snprintf(sid, sizeof(sid), "sid1=%llu sid2=%llu oid1=0 oid2=0", id1,
		 id2);

	/* Earlier tests may have used up the rate limit: retry a while. */
	for (tries = 0; tries < 12 && !found; tries++) {
		ASSERT_EQ(-1, kill(outsider, 0));
		found = kmsg_find(fd, "uuidjail=denied op=task_kill", opid, sid,
				  1000);
	}
	EXPECT_TRUE(found);
	close(fd);
	reap(outsider, hold);
}

TEST_HARNESS_MAIN
