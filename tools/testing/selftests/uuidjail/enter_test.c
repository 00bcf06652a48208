// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Entering jails, and what a label survives
 *
 * The "iface" fixture runs every row of the admin guide's transition table
 * through securityfs and through prctl.  Each test starts unrestricted:
 * the harness runs it in a fresh child of an unrestricted process.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/ioprio.h>
#include <linux/lsm.h>

#include "common.h"
#include "kselftest_harness.h"

struct label {
	unsigned long long id1, id2;
};

/* Parse the text of "self"; returns the state, or -1 if malformed. */
static int parse_self(const char *text, struct label *label)
{
	char tail;

	memset(label, 0, sizeof(*label));
	if (!strcmp(text, "unrestricted\n"))
		return UNRESTRICTED;
	if (sscanf(text, "half-restricted id1=%llu%c", &label->id1,
		   &tail) == 2 && tail == '\n' && label->id1)
		return HALF;
	if (sscanf(text, "restricted id1=%llu id2=%llu%c", &label->id1,
		   &label->id2, &tail) == 3 && tail == '\n' && label->id1 &&
	    label->id2)
		return RESTRICTED;
	return -1;
}

static int read_label(struct label *label)
{
	char buf[128];

	if (jail_read_self(buf, sizeof(buf)) < 0)
		return -1;
	return parse_self(buf, label);
}

FIXTURE(iface) {};

FIXTURE_VARIANT(iface) {
	bool securityfs;
};

FIXTURE_VARIANT_ADD(iface, securityfs) {
	.securityfs = true,
};

FIXTURE_VARIANT_ADD(iface, prctl) {
	.securityfs = false,
};

FIXTURE_SETUP(iface)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
}

FIXTURE_TEARDOWN(iface)
{
}

static int enter_via(bool securityfs, int level)
{
	if (securityfs)
		return jail_write(level == 1 ? "enter1" : "enter2", "1", 1);
	return jail_enter_prctl(level);
}

TEST_F(iface, enter1_from_unrestricted)
{
	struct label label;

	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	EXPECT_EQ(HALF, jail_state());
	EXPECT_EQ(HALF, read_label(&label));
}

TEST_F(iface, enter2_from_half)
{
	struct label before, after;

	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	ASSERT_EQ(HALF, read_label(&before));
	ASSERT_EQ(0, enter_via(variant->securityfs, 2));
	EXPECT_EQ(RESTRICTED, jail_state());
	ASSERT_EQ(RESTRICTED, read_label(&after));
	/* enter2 keeps id1. */
	EXPECT_EQ(before.id1, after.id1);
}

TEST_F(iface, enter1_when_half)
{
	struct label before, after;

	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	ASSERT_EQ(HALF, read_label(&before));
	EXPECT_EQ(-EEXIST, enter_via(variant->securityfs, 1));
	ASSERT_EQ(HALF, read_label(&after));
	EXPECT_EQ(before.id1, after.id1);
}

TEST_F(iface, enter1_when_restricted)
{
	struct label before, after;

	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	ASSERT_EQ(0, enter_via(variant->securityfs, 2));
	ASSERT_EQ(RESTRICTED, read_label(&before));
	EXPECT_EQ(-EEXIST, enter_via(variant->securityfs, 1));
	ASSERT_EQ(RESTRICTED, read_label(&after));
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
}

TEST_F(iface, enter2_when_unrestricted)
{
	EXPECT_EQ(-EINVAL, enter_via(variant->securityfs, 2));
	EXPECT_EQ(UNRESTRICTED, jail_state());
}

TEST_F(iface, enter2_when_restricted)
{
	struct label before, after;

	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	ASSERT_EQ(0, enter_via(variant->securityfs, 2));
	ASSERT_EQ(RESTRICTED, read_label(&before));
	EXPECT_EQ(-EEXIST, enter_via(variant->securityfs, 2));
	ASSERT_EQ(RESTRICTED, read_label(&after));
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
}

static void *park(void *arg)
{
	int fd = *(int *)arg;
	char c;

	/* Returns when the main thread closes the pipe. */
	return (void *)(intptr_t)read(fd, &c, 1);
}

TEST_F(iface, multithreaded_caller)
{
	pthread_t thread;
	int fds[2];

	ASSERT_EQ(0, pipe(fds));
	ASSERT_EQ(0, pthread_create(&thread, NULL, park, &fds[0]));
	EXPECT_EQ(-EBUSY, enter_via(variant->securityfs, 1));
	EXPECT_EQ(UNRESTRICTED, jail_state());
	close(fds[1]);
	ASSERT_EQ(0, pthread_join(thread, NULL));
	close(fds[0]);

	/* Alone again: enter1 works, and enter2 is refused with a thread. */
	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	ASSERT_EQ(0, pipe(fds));
	ASSERT_EQ(0, pthread_create(&thread, NULL, park, &fds[0]));
	EXPECT_EQ(-EBUSY, enter_via(variant->securityfs, 2));
	EXPECT_EQ(HALF, jail_state());
	close(fds[1]);
	ASSERT_EQ(0, pthread_join(thread, NULL));
	close(fds[0]);
}

/* The state letter of @pid's main thread, from /proc/PID/stat, or 0. */
static char main_thread_state(pid_t pid)
{
	char path[64], buf[512];
	const char *end;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (read_text(path, buf, sizeof(buf)) <= 0)
		return 0;
	end = strrchr(buf, ')');
	return end && end[1] == ' ' ? end[2] : 0;
}

struct orphan_thread {
	bool securityfs;
	pid_t pid;
	int fd;
};

/* Once the main thread is a zombie: enter, and report. */
static void *enter_after_main_exits(void *arg)
{
	const struct orphan_thread *o = arg;
	int report[3] = { 0 }, i;

	for (i = 0; i < 10000 && !report[2]; i++) {
		report[2] = main_thread_state(o->pid) == 'Z';
		if (!report[2])
			usleep(1000);
	}
	report[0] = enter_via(o->securityfs, 1);
	report[1] = jail_state();
	_exit(write(o->fd, report, sizeof(report)) != sizeof(report));
}

/*
 * The last live thread of a process whose main thread exited: signals to
 * the process and its /proc/PID are judged by the zombie main thread's
 * label, so this thread may not take another one.
 */
TEST_F(iface, thread_of_exited_main_thread)
{
	int fds[2], report[3], status;
	pid_t child;

	ASSERT_EQ(0, pipe(fds));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		static struct orphan_thread o;
		pthread_t thread;

		o.securityfs = variant->securityfs;
		o.pid = getpid();
		o.fd = fds[1];
		if (pthread_create(&thread, NULL, enter_after_main_exits, &o))
			_exit(1);
		/* This thread only: the process lives on in the other. */
		syscall(SYS_exit, 0);
	}
	close(fds[1]);
	ASSERT_EQ(sizeof(report), read(fds[0], report, sizeof(report)));
	ASSERT_TRUE(report[2]) {
		TH_LOG("the main thread never showed as a zombie");
	}
	EXPECT_EQ(-EBUSY, report[0]);
	EXPECT_EQ(UNRESTRICTED, report[1]);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(fds[0]);
}

static void *return_at_once(void *arg)
{
	return arg;
}

/* Spin until the parent dies: the exiting threads below wait for a CPU. */
static pid_t start_hog(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;)
			;
	}
	return pid;
}

/*
 * Up to 500 rounds: the old rule failed within 200 in 4 runs of 6 on
 * the base kernel.  The debug kernel gets through fewer in the time the
 * harness gives a test.
 */
#define JOIN_ROUNDS 500
#define JOIN_SECONDS 12

static double seconds_since(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) +
	       (now.tv_nsec - start->tv_nsec) / 1e9;
}

/*
 * pthread_join() returns when the thread clears its tid, in exit_mm(),
 * long before the thread is unlinked from its group (release_task()).  A
 * process that joined all its threads is alone: entering must not fail
 * while the joined thread finishes exiting, on any round, with both CPUs
 * busy so that the exiting thread is often preempted.  Each round is a
 * fresh process, since entering is one-way.
 */
TEST_F(iface, joined_threads_leave_caller_alone)
{
	int i, status, refused = 0, rounds;
	struct timespec start;
	pid_t hogs[2];

	for (i = 0; i < 2; i++)
		ASSERT_LE(0, hogs[i] = start_hog());
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (i = 0; i < JOIN_ROUNDS && seconds_since(&start) < JOIN_SECONDS;
	     i++) {
		pid_t child = fork();

		ASSERT_LE(0, child);
		if (child == 0) {
			pthread_t thread;

			if (pthread_create(&thread, NULL, return_at_once, NULL) ||
			    pthread_join(thread, NULL))
				_exit(255);
			_exit(-enter_via(variant->securityfs, 1));
		}
		ASSERT_EQ(child, waitpid(child, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_NE(255, WEXITSTATUS(status));
		if (WEXITSTATUS(status) && refused++ < 3)
			TH_LOG("round %d: entering failed with errno %d", i,
			       WEXITSTATUS(status));
	}
	rounds = i;
	for (i = 0; i < 2; i++) {
		kill(hogs[i], SIGKILL);
		waitpid(hogs[i], NULL, 0);
	}
	TH_LOG("%d rounds", rounds);
	EXPECT_EQ(0, refused);
}

/* A tracer would keep its hold on tracees outside the jail. */
TEST_F(iface, tracer_caller)
{
	int fds[2], status;
	pid_t child;
	char c;

	ASSERT_EQ(0, pipe(fds));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) != 0);
	}
	close(fds[0]);
	ASSERT_EQ(0, ptrace(PTRACE_SEIZE, child, NULL, 0));
	EXPECT_EQ(-EBUSY, enter_via(variant->securityfs, 1));
	EXPECT_EQ(UNRESTRICTED, jail_state());
	ASSERT_EQ(0, ptrace(PTRACE_INTERRUPT, child, NULL, 0));
	ASSERT_EQ(child, waitpid(child, &status, __WALL));
	ASSERT_EQ(0, ptrace(PTRACE_DETACH, child, NULL, 0));
	/* Tracing no one again: entering works. */
	EXPECT_EQ(0, enter_via(variant->securityfs, 1));
	close(fds[1]);
	ASSERT_EQ(child, waitpid(child, &status, 0));
}

/*
 * A process made with clone() that shares one piece of state with its
 * creator, without being its thread: memory (CLONE_VM), the fd table
 * (CLONE_FILES), cwd, root and umask (CLONE_FS) or the io context
 * (CLONE_IO, through which ioprio_set() on oneself sets the other's I/O
 * priority).  While the state is shared, neither side may enter; once the
 * sharer has dropped it (unshare()) or is gone, entering works.
 */
FIXTURE(sharing) {};

FIXTURE_VARIANT(sharing) {
	int clone_flag;
	/* Whether the sharer can drop the state with unshare(). */
	bool unshare;
};

FIXTURE_VARIANT_ADD(sharing, memory) {
	.clone_flag = CLONE_VM,
};

FIXTURE_VARIANT_ADD(sharing, fd_table) {
	.clone_flag = CLONE_FILES,
	.unshare = true,
};

FIXTURE_VARIANT_ADD(sharing, fs_struct) {
	.clone_flag = CLONE_FS,
	.unshare = true,
};

FIXTURE_VARIANT_ADD(sharing, io_context) {
	.clone_flag = CLONE_IO,
};

FIXTURE_SETUP(sharing)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
}

FIXTURE_TEARDOWN(sharing)
{
}

struct sharer {
	int flag;
	bool unshare;
	int go;		/* read end: the creator writes a byte to end */
	int out;	/* write end: the three results below */
};

/*
 * Try to enter while sharing; then, if the state can be unshared, unshare
 * it and try again.  Reports errnos, negated, or 0.
 */
static int sharer_main(void *arg)
{
	const struct sharer *const s = arg;
	int report[3] = { 0, 0, 1 };
	char c;

	report[0] = jail_enter_prctl(1);
	if (s->unshare) {
		report[1] = result(unshare(s->flag));
		report[2] = jail_enter_prctl(1);
	}
	if (write(s->out, report, sizeof(report)) != sizeof(report))
		return 1;
	/* A byte, not EOF: a sharer may hold its own copy of the write end. */
	return read(s->go, &c, 1) != 1;
}

TEST_F(sharing, enter_refused_while_shared)
{
	const size_t stack_size = 256 * 1024;
	char *const stack = malloc(stack_size);
	struct sharer s = {
		.flag = variant->clone_flag,
		.unshare = variant->unshare,
	};
	int go[2], out[2], report[3], status;
	pid_t child;

	ASSERT_NE(NULL, stack);
	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(out));
	s.go = go[0];
	s.out = out[1];
	/* CLONE_IO shares an io context only once there is one. */
	if (variant->clone_flag == CLONE_IO)
		ASSERT_EQ(0, syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
				     IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 4)));
	/* malloc() aligns the top of the stack as clone() needs. */
	child = clone(sharer_main, stack + stack_size,
		      variant->clone_flag | SIGCHLD, &s);
	ASSERT_LE(0, child);
	ASSERT_EQ(sizeof(report), read(out[0], report, sizeof(report)));

	/* The sharer was refused; it entered once it had unshared. */
	EXPECT_EQ(-EBUSY, report[0]);
	if (variant->unshare) {
		EXPECT_EQ(0, report[1]);
		EXPECT_EQ(0, report[2]);
		/* Nothing shared any more: this side enters too. */
		EXPECT_EQ(0, jail_enter_prctl(1));
		EXPECT_EQ(HALF, jail_state());
	} else {
		/* The creator is refused as long as the sharer lives... */
		EXPECT_EQ(-EBUSY, jail_enter_prctl(1));
		EXPECT_EQ(UNRESTRICTED, jail_state());
	}
	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	if (!variant->unshare) {
		/* ... and enters once it is gone. */
		EXPECT_EQ(0, jail_enter_prctl(1));
		EXPECT_EQ(HALF, jail_state());
	}
	close(go[0]);
	close(go[1]);
	close(out[0]);
	close(out[1]);
	free(stack);
}

/* Ids come from one counter: two jails never share an id. */
TEST_F(iface, fresh_ids)
{
	struct label mine, theirs;
	int fds[2], status;
	pid_t child;

	ASSERT_EQ(0, pipe(fds));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		if (enter_via(variant->securityfs, 1) || read_label(&theirs) != HALF ||
		    write(fds[1], &theirs, sizeof(theirs)) != sizeof(theirs))
			_exit(1);
		_exit(0);
	}
	ASSERT_EQ(sizeof(theirs), read(fds[0], &theirs, sizeof(theirs)));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_EQ(0, status);
	ASSERT_EQ(0, enter_via(variant->securityfs, 1));
	ASSERT_EQ(HALF, read_label(&mine));
	EXPECT_NE(mine.id1, theirs.id1);

	/* Two sub-jails of one jail: same id1, different id2. */
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		if (enter_via(variant->securityfs, 2) || read_label(&theirs) != RESTRICTED ||
		    write(fds[1], &theirs, sizeof(theirs)) != sizeof(theirs))
			_exit(1);
		_exit(0);
	}
	ASSERT_EQ(sizeof(theirs), read(fds[0], &theirs, sizeof(theirs)));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_EQ(0, status);
	ASSERT_EQ(0, enter_via(variant->securityfs, 2));
	ASSERT_EQ(RESTRICTED, read_label(&mine));
	EXPECT_EQ(mine.id1, theirs.id1);
	EXPECT_NE(mine.id2, theirs.id2);
	EXPECT_NE(mine.id2, mine.id1);
}

TEST(securityfs_accepts_newline)
{
	ASSERT_EQ(0, jail_write("enter1", "1\n", 2));
	EXPECT_EQ(HALF, jail_state());
	ASSERT_EQ(0, jail_write("enter2", "1\n", 2));
	EXPECT_EQ(RESTRICTED, jail_state());
}

static const struct {
	const char *buf;
	size_t len;
} bad_payloads[] = {
	{ "", 0 },   { "0", 1 },  { "2", 1 },   { "11", 2 },
	{ "1 ", 2 }, { " 1", 2 }, { "\n", 1 },  { "1\n\n", 3 },
	{ "y", 1 },  { "1\0", 2 }, { "-1", 2 }, { "10000000000000000", 17 },
};

TEST(securityfs_bad_payloads)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_payloads); i++) {
		EXPECT_EQ(-EINVAL, jail_write("enter1", bad_payloads[i].buf,
					      bad_payloads[i].len))
			TH_LOG("enter1 payload %u", i);
		ASSERT_EQ(UNRESTRICTED, jail_state());
	}
	ASSERT_EQ(0, jail_enter_prctl(1));
	for (i = 0; i < ARRAY_SIZE(bad_payloads); i++) {
		EXPECT_EQ(-EINVAL, jail_write("enter2", bad_payloads[i].buf,
					      bad_payloads[i].len))
			TH_LOG("enter2 payload %u", i);
		ASSERT_EQ(HALF, jail_state());
	}
}

TEST(securityfs_write_at_offset)
{
	int fd = open(UUIDJAIL_FS "/enter1", O_WRONLY | O_CLOEXEC);

	ASSERT_LE(0, fd);
	EXPECT_EQ(-1, pwrite(fd, "1", 1, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(UNRESTRICTED, jail_state());
	close(fd);
}

TEST(securityfs_modes)
{
	struct stat st;

	ASSERT_EQ(0, stat(UUIDJAIL_FS "/enter1", &st));
	EXPECT_EQ(0666, st.st_mode & 07777);
	ASSERT_EQ(0, stat(UUIDJAIL_FS "/enter2", &st));
	EXPECT_EQ(0666, st.st_mode & 07777);
	ASSERT_EQ(0, stat(UUIDJAIL_FS "/self", &st));
	EXPECT_EQ(0444, st.st_mode & 07777);
}

TEST(prctl_bad_arguments)
{
	/* 4 is PR_UUIDJAIL_GET_ABI: the first unused value is 5. */
	static const unsigned long bad_ops[] = { 0, 5, 99, ULONG_MAX };
	/* An operation, then its arguments: one that must be 0 is not. */
	static const unsigned long unused_set[][4] = {
		{ PR_UUIDJAIL_ENTER, 1, 0, 1 },
		{ PR_UUIDJAIL_GET, 1, 0, 0 },
		{ PR_UUIDJAIL_GET, 0, 0, 1 },
		{ PR_UUIDJAIL_GET_ABI, 1, 0, 0 },
		{ PR_UUIDJAIL_GET_ABI, 0, 1, 0 },
		{ PR_UUIDJAIL_GET_ABI, 0, 0, 1 },
	};
	/* Only PR_UUIDJAIL_ENTER_SEALED is a flag of PR_UUIDJAIL_ENTER. */
	static const unsigned long bad_flags[] = {
		2, 4, PR_UUIDJAIL_ENTER_SEALED | 2, ~PR_UUIDJAIL_ENTER_SEALED,
		ULONG_MAX,
	};
	static const unsigned long bad_levels[] = { 0, 3, 4, ULONG_MAX,
#if ULONG_MAX > UINT_MAX
		/* A valid level in the low half must not hide the rest. */
		(1UL << 32) | 1,
#endif
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_ops); i++) {
		EXPECT_EQ(-1, prctl(PR_UUIDJAIL, bad_ops[i], 1, 0, 0));
		EXPECT_EQ(EINVAL, errno);
	}
	for (i = 0; i < ARRAY_SIZE(bad_levels); i++)
		EXPECT_EQ(-EINVAL, jail_enter_prctl(bad_levels[i]));
	for (i = 0; i < ARRAY_SIZE(bad_flags); i++)
		EXPECT_EQ(-EINVAL, jail_enter_prctl_flags(1, bad_flags[i]));
	/* A bad level with the flag is still a bad level. */
	EXPECT_EQ(-EINVAL, jail_enter_prctl_flags(3, PR_UUIDJAIL_ENTER_SEALED));
	for (i = 0; i < ARRAY_SIZE(unused_set); i++) {
		const unsigned long *const a = unused_set[i];

		EXPECT_EQ(-1, prctl(PR_UUIDJAIL, a[0], a[1], a[2], a[3]));
		EXPECT_EQ(EINVAL, errno);
	}
	/* None of them changed anything. */
	EXPECT_EQ(UNRESTRICTED, jail_state());
}

TEST(self_formats)
{
	char buf[128], want[128];
	struct label half, full;

	ASSERT_LT(0, jail_read_self(buf, sizeof(buf)));
	EXPECT_STREQ("unrestricted\n", buf);

	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_LT(0, jail_read_self(buf, sizeof(buf)));
	ASSERT_EQ(HALF, parse_self(buf, &half));
	snprintf(want, sizeof(want), "half-restricted id1=%llu\n", half.id1);
	EXPECT_STREQ(want, buf);

	ASSERT_EQ(0, jail_enter_prctl(2));
	ASSERT_LT(0, jail_read_self(buf, sizeof(buf)));
	ASSERT_EQ(RESTRICTED, parse_self(buf, &full));
	snprintf(want, sizeof(want), "restricted id1=%llu id2=%llu\n",
		 full.id1, full.id2);
	EXPECT_STREQ(want, buf);
	EXPECT_EQ(half.id1, full.id1);
}

/* lsm_get_self_attr(LSM_ATTR_CURRENT) reports the text of "self". */
TEST(lsm_get_self_attr)
{
	char buf[4096], self_text[128];
	struct lsm_ctx *ctx;
	__u32 size = sizeof(buf);
	int count, i;
	bool found = false;

	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, jail_enter_prctl(2));
	ASSERT_LT(0, jail_read_self(self_text, sizeof(self_text)));
	self_text[strcspn(self_text, "\n")] = '\0';

	count = syscall(__NR_lsm_get_self_attr, LSM_ATTR_CURRENT, buf, &size,
			0);
	ASSERT_LE(1, count);
	ctx = (struct lsm_ctx *)buf;
	for (i = 0; i < count; i++) {
		if (ctx->id == LSM_ID_UUIDJAIL) {
			EXPECT_STREQ(self_text, (char *)ctx->ctx);
			EXPECT_EQ(strlen(self_text) + 1, ctx->ctx_len);
			found = true;
		}
		ctx = (struct lsm_ctx *)((char *)ctx + ctx->len);
	}
	EXPECT_TRUE(found);
}

TEST(self_after_fork)
{
	char mine[128], theirs[128] = "";
	int fds[2], status;
	pid_t child;

	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, jail_enter_prctl(2));
	ASSERT_LT(0, jail_read_self(mine, sizeof(mine)));
	ASSERT_EQ(0, pipe(fds));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		ssize_t len = jail_read_self(theirs, sizeof(theirs));

		_exit(len <= 0 || write(fds[1], theirs, len) != len);
	}
	close(fds[1]);
	EXPECT_LT(0, read(fds[0], theirs, sizeof(theirs) - 1));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
	EXPECT_STREQ(mine, theirs);
}

static void *read_self_thread(void *buf)
{
	return (void *)(intptr_t)jail_read_self(buf, 128);
}

TEST(self_in_thread)
{
	char mine[128], theirs[128] = "";
	pthread_t thread;
	void *ret;

	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, jail_enter_prctl(2));
	ASSERT_LT(0, jail_read_self(mine, sizeof(mine)));
	ASSERT_EQ(0, pthread_create(&thread, NULL, read_self_thread, theirs));
	ASSERT_EQ(0, pthread_join(thread, &ret));
	EXPECT_LT(0, (intptr_t)ret);
	EXPECT_STREQ(mine, theirs);
}

/* Run @path (argv[0] only) and capture its stdout. */
static int run_capture(const char *path, char *out, size_t size)
{
	int fds[2], status;
	ssize_t len;
	pid_t child;

	if (pipe(fds))
		return -1;
	child = fork();
	if (child < 0)
		return -1;
	if (child == 0) {
		dup2(fds[1], 1);
		execl(path, path, NULL);
		_exit(127);
	}
	close(fds[1]);
	len = read(fds[0], out, size - 1);
	close(fds[0]);
	out[len > 0 ? len : 0] = '\0';
	if (waitpid(child, &status, 0) != child || status)
		return -1;
	return 0;
}

TEST(self_after_execve)
{
	char path[PATH_MAX], out[256], self_text[128], want[256];

	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, jail_enter_prctl(2));
	ASSERT_LT(0, jail_read_self(self_text, sizeof(self_text)));
	helper_path(path, sizeof(path), "print_self");
	ASSERT_EQ(0, run_capture(path, out, sizeof(out)));
	snprintf(want, sizeof(want), "euid=%d %s", geteuid(), self_text);
	EXPECT_STREQ(want, out);
}

/*
 * The test environment installs set-uid copies of print_self owned by
 * root and by another user; use the one that changes our euid.
 */
TEST(self_after_setuid_execve)
{
	static const char *const names[] = { "print_self_suid_root",
					     "print_self_suid_other" };
	char path[PATH_MAX], out[256], self_text[128], want[256];
	struct stat st;
	unsigned int i;
	bool found = false;

	for (i = 0; i < ARRAY_SIZE(names) && !found; i++) {
		helper_path(path, sizeof(path), names[i]);
		found = !stat(path, &st) && (st.st_mode & S_ISUID) &&
			st.st_uid != geteuid();
	}
	if (!found)
		SKIP(return, "no set-uid print_self owned by another user");

	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, jail_enter_prctl(2));
	ASSERT_LT(0, jail_read_self(self_text, sizeof(self_text)));
	ASSERT_EQ(0, run_capture(path, out, sizeof(out)));
	snprintf(want, sizeof(want), "euid=%d %s", st.st_uid, self_text);
	EXPECT_STREQ(want, out);
}

/*
 * PTRACE_TRACEME makes the parent the tracer, so it is the parent's
 * label that must be allowed to act on the child's.
 */
FIXTURE(traceme) {};

FIXTURE_VARIANT(traceme) {
	int parent_levels_after_fork;
	int child_levels;
	int expected_errno;
};

/* Parent . , child [B/b]: an unrestricted parent may trace anyone. */
FIXTURE_VARIANT_ADD(traceme, unrestricted_parent) {
	.parent_levels_after_fork = 0, .child_levels = 2,
	.expected_errno = 0,
};

/* Parent [A], child [B]: another jail. */
FIXTURE_VARIANT_ADD(traceme, parent_in_other_jail) {
	.parent_levels_after_fork = 1, .child_levels = 1,
	.expected_errno = EPERM,
};

/* Parent [A/a], child .: a restricted parent may not trace outsiders. */
FIXTURE_VARIANT_ADD(traceme, restricted_parent) {
	.parent_levels_after_fork = 2, .child_levels = 0,
	.expected_errno = EPERM,
};

FIXTURE_SETUP(traceme)
{
}

FIXTURE_TEARDOWN(traceme)
{
}

TEST_F(traceme, ptrace_traceme)
{
	int go[2], res[2], err, status;
	pid_t child;
	char c;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(res));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		close(go[1]);
		if (jail_enter_levels(1, variant->child_levels) ||
		    read(go[0], &c, 1) != 1)
			_exit(1);
		err = ptrace(PTRACE_TRACEME, 0, NULL, NULL) ? errno : 0;
		_exit(write(res[1], &err, sizeof(err)) != sizeof(err));
	}
	close(go[0]);
	ASSERT_EQ(0, jail_enter_levels(1, variant->parent_levels_after_fork));
	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(sizeof(err), read(res[0], &err, sizeof(err)));
	EXPECT_EQ(variant->expected_errno, err);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
}

/* Root with every capability inside a jail is still jailed. */
TEST(root_is_jailed)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};
	int go[2], status;
	pid_t child;
	char c;

	if (geteuid() != 0)
		SKIP(return, "needs root");
	ASSERT_EQ(0, syscall(__NR_capget, &hdr, data));
	ASSERT_TRUE(data[0].effective & (1U << CAP_KILL));
	ASSERT_TRUE(data[0].effective & (1U << CAP_SYS_PTRACE));
	ASSERT_TRUE(data[0].effective & (1U << CAP_SYS_ADMIN));

	ASSERT_EQ(0, pipe(go));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		close(go[1]);
		_exit(read(go[0], &c, 1) != 0);
	}
	close(go[0]);
	ASSERT_EQ(0, jail_enter_prctl(1));
	ASSERT_EQ(0, jail_enter_prctl(2));
	EXPECT_EQ(-1, kill(child, SIGKILL));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, ptrace(PTRACE_ATTACH, child, NULL, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-EACCES, proc_open(child, "mem", O_RDONLY));
	/* Still root, still every capability: only uuidjail said no. */
	EXPECT_EQ(0, geteuid());
	close(go[1]);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
}

TEST_HARNESS_MAIN
