// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Concurrent entering, forking, exec and checks
 *
 * For UUIDJAIL_STRESS_SECONDS (default 10), workers keep spawning
 * short-lived residents that enter random jail levels at the same time,
 * exec a helper that must report their label unchanged, and act on
 * random live residents (kill, getsid, /proc/PID/status, /proc/PID/mem),
 * comparing each result with the matrix.  Afterwards: no jail or
 * sub-jail was handed out twice (a jail's id1 is global, a sub-jail's id2
 * is numbered inside its jail), no result differed from the matrix.
 *
 * A shared registry lists live residents with their final labels; a
 * slot's generation is re-read after acting, so that a result is only
 * judged against the process that really was there.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define WORKERS 8
#define SLOTS 256
#define MAX_IDS (1024 * 1024)

struct slot {
	atomic_uint gen;	/* odd while being written */
	pid_t pid;
	unsigned long long id1, id2;
};

/* A jail (id2 == 0) or a sub-jail that some resident entered. */
struct fresh {
	unsigned long long id1, id2;
};

struct shared {
	struct slot slots[SLOTS];
	atomic_ulong checks, mismatches, execs, exec_mismatches, enters;
	atomic_ulong nr_ids;
	struct fresh ids[MAX_IDS];
};

static struct shared *sh;
static time_t deadline;
static char helper[PATH_MAX];
static bool root;

static int read_label(unsigned long long *id1, unsigned long long *id2)
{
	char buf[128];

	*id1 = *id2 = 0;
	if (jail_read_self(buf, sizeof(buf)) < 0)
		return -1;
	if (!strcmp(buf, "unrestricted\n"))
		return 0;
	if (sscanf(buf, "half-restricted id1=%llu", id1) == 1 &&
	    !strstr(buf, "id2"))
		return 0;
	if (sscanf(buf, "restricted id1=%llu id2=%llu", id1, id2) == 2)
		return 0;
	return -1;
}

static bool may_act(unsigned long long s1, unsigned long long s2,
		    unsigned long long o1, unsigned long long o2)
{
	if (!s1)
		return true;
	if (!s2)
		return !o1 || o1 == s1;
	return o1 == s1 && (!o2 || o2 == s2);
}

/* Enter up to @levels more levels, logging every fresh jail. */
static void enter_random(int levels)
{
	unsigned long long id1, id2;
	struct fresh *fresh;
	int i;

	for (i = 0; i < levels; i++) {
		if (jail_enter_prctl(jail_state() + 1))
			return;
		read_label(&id1, &id2);
		atomic_fetch_add(&sh->enters, 1);
		fresh = &sh->ids[atomic_fetch_add(&sh->nr_ids, 1) % MAX_IDS];
		fresh->id1 = id1;
		fresh->id2 = id2;
	}
}

/* Does print_self, exec'd, see our label? */
static void check_exec(void)
{
	unsigned long long id1, id2;
	char self[128], out[192] = "", want[192];
	int fds[2], status;
	ssize_t len;
	pid_t pid;

	if (read_label(&id1, &id2) || jail_read_self(self, sizeof(self)) < 0 ||
	    pipe(fds))
		return;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execl(helper, helper, NULL);
		_exit(127);
	}
	close(fds[1]);
	len = read(fds[0], out, sizeof(out) - 1);
	out[len > 0 ? len : 0] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	snprintf(want, sizeof(want), "euid=%d %s", geteuid(), self);
	atomic_fetch_add(&sh->execs, 1);
	if (strcmp(out, want))
		atomic_fetch_add(&sh->exec_mismatches, 1);
}

static int act(int op, pid_t pid)
{
	switch (op) {
	case 0:
		return kill(pid, 0) ? -errno : 0;
	case 1:
		return getsid(pid) < 0 ? -errno : 0;
	case 2:
		return proc_open(pid, "status", O_RDONLY);
	default:
		return proc_open(pid, "mem", O_RDONLY);
	}
}

/* Act on a live resident; count the result if it is judgeable. */
static void check_one(unsigned int seed)
{
	static const int denied[] = { -EPERM, -EPERM, -EACCES, -EACCES };
	const int op = (seed / SLOTS) % (root ? 4 : 3);
	unsigned long long s1, s2, o1 = 0, o2 = 0;
	struct slot *slot = NULL;
	unsigned int gen = 0, i;
	pid_t pid = 0;
	int ret;

	/* The first registered resident from a random slot on. */
	for (i = 0; i < SLOTS && !pid; i++) {
		slot = &sh->slots[(seed + i) % SLOTS];
		gen = atomic_load(&slot->gen);
		if (gen & 1)
			continue;
		pid = slot->pid;
		o1 = slot->id1;
		o2 = slot->id2;
	}
	if (!pid || pid == getpid() || read_label(&s1, &s2))
		return;
	ret = act(op, pid);
	/* Judge only if the same resident was registered all along. */
	if (atomic_load(&slot->gen) != gen)
		return;
	if (ret == -ESRCH || ret == -ENOENT)
		return;
	atomic_fetch_add(&sh->checks, 1);
	if (ret != (may_act(s1, s2, o1, o2) ? 0 : denied[op]))
		atomic_fetch_add(&sh->mismatches, 1);
}

static void set_slot(struct slot *slot, pid_t pid, unsigned long long id1,
		     unsigned long long id2)
{
	atomic_fetch_add(&slot->gen, 1);
	slot->pid = pid;
	slot->id1 = id1;
	slot->id2 = id2;
	atomic_fetch_add(&slot->gen, 1);
}

static void resident(unsigned int seed)
{
	struct slot *slot = &sh->slots[seed % SLOTS];
	unsigned long long id1, id2;
	unsigned int i;

	enter_random(seed % 3);
	if (read_label(&id1, &id2))
		_exit(1);
	if (seed % 7 == 0)
		check_exec();

	/* Claim a free slot; lose it to nobody else's writes. */
	for (i = 0; i < SLOTS; i++, slot = &sh->slots[(seed + i) % SLOTS]) {
		unsigned int gen = atomic_load(&slot->gen);

		if (!(gen & 1) && !slot->pid &&
		    atomic_compare_exchange_strong(&slot->gen, &gen, gen + 1)) {
			slot->pid = getpid();
			slot->id1 = id1;
			slot->id2 = id2;
			atomic_fetch_add(&slot->gen, 1);
			break;
		}
	}
	for (i = 0; i < 20; i++)
		check_one(rand_r(&seed));
	if (slot->pid == getpid())
		set_slot(slot, 0, 0, 0);
	_exit(0);
}

static void worker(unsigned int seed)
{
	int status, live = 0;

	srand(seed);
	enter_random(seed % 2);
	while (time(NULL) < deadline) {
		const unsigned int r = rand();

		/* Bound the residents alive at once. */
		if (live >= 8 && wait(&status) > 0)
			live--;
		if (fork() == 0)
			resident(r);
		live++;
		while (waitpid(-1, &status, WNOHANG) > 0)
			live--;
		check_one(rand());
	}
	while (wait(&status) > 0)
		;
	_exit(0);
}

static int cmp_ids(const void *a, const void *b)
{
	const struct fresh *x = a, *y = b;

	if (x->id1 != y->id1)
		return x->id1 < y->id1 ? -1 : 1;
	return x->id2 < y->id2 ? -1 : x->id2 > y->id2;
}

FIXTURE(stress) {};

FIXTURE_SETUP(stress)
{
}

FIXTURE_TEARDOWN(stress)
{
}

TEST_F_TIMEOUT(stress, concurrent_jails, 600)
{
	const char *env = getenv("UUIDJAIL_STRESS_SECONDS");
	const int seconds = env ? atoi(env) : 10;
	unsigned long nr_ids, i, dups = 0;
	int status;

	helper_path(helper, sizeof(helper), "print_self");
	root = geteuid() == 0;
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, sh);
	deadline = time(NULL) + seconds;

	for (i = 0; i < WORKERS; i++)
		if (fork() == 0)
			worker(time(NULL) * 131 + i);
	while (wait(&status) > 0)
		EXPECT_EQ(0, status);

	nr_ids = atomic_load(&sh->nr_ids);
	ASSERT_GE(MAX_IDS, nr_ids);
	qsort(sh->ids, nr_ids, sizeof(sh->ids[0]), cmp_ids);
	for (i = 1; i < nr_ids; i++)
		dups += !cmp_ids(&sh->ids[i], &sh->ids[i - 1]);

	TH_LOG("%d s, %d workers: %lu enters, %lu checks, %lu execs",
	       seconds, WORKERS, (unsigned long)atomic_load(&sh->enters),
	       (unsigned long)atomic_load(&sh->checks),
	       (unsigned long)atomic_load(&sh->execs));
	EXPECT_LT(0, nr_ids);
	EXPECT_LT(0, atomic_load(&sh->checks));
	EXPECT_EQ(0, dups);
	EXPECT_EQ(0, atomic_load(&sh->mismatches));
	EXPECT_EQ(0, atomic_load(&sh->exec_mismatches));
	for (i = 0; i < nr_ids; i++)
		EXPECT_NE(0, sh->ids[i].id1);
}

TEST_HARNESS_MAIN
