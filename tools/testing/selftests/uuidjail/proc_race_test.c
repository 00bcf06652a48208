// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - /proc/PID checks racing exec, thread exit and exit
 *
 * A /proc/PID inode leads the /proc check to its task through a pid
 * reference.  Procfs revalidates the inode, possibly under RCU, while
 * the task's threads come and go: a non-leader thread's execve() swaps
 * its pid with the leader's (exchange_tids() in de_thread()), exiting
 * threads and processes have their /proc inodes evicted.  The reference
 * must stay valid, and lead to the right task, whatever procfs and exec
 * do meanwhile.
 *
 * For UUIDJAIL_STRESS_SECONDS (default 5), churners make processes whose
 * second thread execs this very program (which starts another such
 * thread, a number of times) and whose short-lived threads exit, in five
 * places of the matrix: the walkers' own sub-jail, their jail (both
 * allowed), a sibling sub-jail, another jail and unrestricted (all
 * denied).  Restricted walkers meanwhile open, stat, list and openat()
 * through O_PATH descriptors the /proc/PID and /proc/PID/task/TID
 * entries of these processes and of each other.
 *
 * A shared registry tells whether the target was there all through an
 * access and whether one of its threads was in execve() meanwhile.  An
 * access is judged against the matrix when the target was there and no
 * exec overlapped it: allowed must succeed, denied must fail with EACCES.
 * An access through a descriptor opened before an exec that is over is
 * judged too: that is where a check that followed a pid stored by a
 * revalidation during the exec would deny.  Otherwise (a vanishing
 * target, an exec under way, when procfs itself may briefly find no
 * task) only ENOENT, ESRCH and EACCES are accepted, and success only on
 * an allowed target.  A kernel that uses a freed pid shows up in the
 * kernel log (KASAN).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define CHURN_ARG "--uuidjail-churn"
#define MANAGERS 5
#define CHURNERS 2		/* per manager, alive at once */
#define WALKERS 3
#define SLOTS (MANAGERS * CHURNERS + WALKERS)
#define EXEC_ROUNDS 6		/* execs per churner process */
#define SHORT_THREADS 3		/* per image */
#define MAX_FORKS 100000	/* per manager */
#define MAX_WALKS 10000000	/* per walker */
#define MAX_BAD 8

/*
 * A registered process, and one of its threads.  Each part is written by
 * the process itself, seqlock-style: the count is odd while it changes,
 * and any change means the entry was not there all along.
 */
struct target {
	atomic_uint seq;
	atomic_int pid;
	atomic_bool allowed;	/* may the walkers act on it? */
	atomic_uint tseq;
	atomic_int tid;
	atomic_uint xseq;	/* odd while a thread is in execve() */
};

enum {
	OP_STATUS,
	OP_STAT,
	OP_TASKDIR,
	OP_THREAD,
	OP_DIRFD,
	OP_THREAD_DIRFD,
	OP_PS,
	NR_OPS
};

static const char *const op_names[NR_OPS] = {
	"open+read", "stat", "readdir", "thread stat", "openat(O_PATH dir)",
	"openat(O_PATH thread)", "ps",
};

struct bad {
	int op, err;
	bool allowed, judged;
	char path[64];
};

struct shared {
	long deadline;		/* CLOCK_MONOTONIC ms */
	struct target t[SLOTS];
	atomic_ulong execs, thread_exits, exits, walks;
	atomic_ulong judged_allowed, judged_denied, judged_after_exec, unjudged;
	atomic_ulong ops[NR_OPS];
	atomic_ulong mismatches;
	atomic_uint nr_bad;
	struct bad bad[MAX_BAD];
};

static struct shared *sh;

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void set_process(struct target *t, pid_t pid, bool allowed)
{
	atomic_fetch_add(&t->seq, 1);
	atomic_store(&t->pid, pid);
	atomic_store(&t->allowed, allowed);
	atomic_fetch_add(&t->seq, 1);
}

static void set_thread(struct target *t, pid_t tid)
{
	atomic_fetch_add(&t->tseq, 1);
	atomic_store(&t->tid, tid);
	atomic_fetch_add(&t->tseq, 1);
}

/* Churners: each image of a churner process runs churn_image(). */

static void *short_thread(void *arg)
{
	usleep(2000);
	atomic_fetch_add(&sh->thread_exits, 1);
	return NULL;
}

struct exec_args {
	int fd, slot, rounds;
};

/* Exec from a thread that is not the leader: de_thread() swaps pids. */
static void *exec_thread(void *arg)
{
	const struct exec_args *a = arg;
	struct target *t = &sh->t[a->slot];
	char name[] = "proc_race_test", churn[] = CHURN_ARG;
	char fd[16], slot[16], rounds[16];
	char *const argv[] = { name, churn, fd, slot, rounds, NULL };

	set_thread(t, gettid());
	usleep(1000);
	set_thread(t, 0);
	atomic_fetch_add(&t->xseq, 1);
	snprintf(fd, sizeof(fd), "%d", a->fd);
	snprintf(slot, sizeof(slot), "%d", a->slot);
	snprintf(rounds, sizeof(rounds), "%d", a->rounds - 1);
	atomic_fetch_add(&sh->execs, 1);
	execve("/proc/self/exe", argv, environ);
	_exit(3);	/* the whole process: its manager reports it */
}

static void churn_image(int fd, int slot, int rounds)
{
	pthread_t threads[SHORT_THREADS], exec;
	struct exec_args args = { fd, slot, rounds };
	struct target *t;
	int i;

	if (!sh) {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED,
			  fd, 0);
		if (sh == MAP_FAILED)
			_exit(4);
	}
	t = &sh->t[slot];
	if (atomic_load(&t->xseq) & 1)
		atomic_fetch_add(&t->xseq, 1);

	for (i = 0; i < SHORT_THREADS; i++)
		if (pthread_create(&threads[i], NULL, short_thread, NULL))
			_exit(5);
	for (i = 0; i < SHORT_THREADS; i++)
		pthread_join(threads[i], NULL);

	if (rounds <= 0 || now_ms() >= sh->deadline) {
		set_process(t, 0, false);
		_exit(0);
	}
	if (pthread_create(&exec, NULL, exec_thread, &args))
		_exit(6);
	/* Killed by de_thread() when the thread execs. */
	for (i = 0; i < 1000; i++)
		sleep(1);
	_exit(7);
}

/* Keep CHURNERS churners and a short-lived process going. */
static int manager(int first_slot, bool allowed, int fd)
{
	pid_t churner[CHURNERS] = { 0 }, quick = 0, pid;
	int i, status, forks = 0, failed = 0;

	while (forks < MAX_FORKS) {
		const bool more = now_ms() < sh->deadline;
		bool live = quick > 0;

		for (i = 0; i < CHURNERS; i++) {
			if (!churner[i] && more) {
				churner[i] = fork();
				if (churner[i] == 0) {
					set_process(&sh->t[first_slot + i],
						    getpid(), allowed);
					churn_image(fd, first_slot + i,
						    EXEC_ROUNDS);
				}
				if (churner[i] < 0)
					churner[i] = 0;
				forks++;
			}
			live |= churner[i] > 0;
		}
		if (!quick && more) {
			quick = fork();
			if (quick == 0) {
				usleep(20000);
				atomic_fetch_add(&sh->exits, 1);
				_exit(0);
			}
			if (quick < 0)
				quick = 0;
			live |= quick > 0;
			forks++;
		}
		if (!live)
			break;

		pid = wait(&status);
		if (pid < 0)
			break;
		failed += status != 0;
		if (pid == quick)
			quick = 0;
		for (i = 0; i < CHURNERS; i++)
			if (churner[i] == pid)
				churner[i] = 0;
	}
	while (wait(&status) > 0)
		failed += status != 0;
	return failed;
}

/* Walkers. */

struct snap {
	struct target *t;
	unsigned int seq, tseq, xseq;
	pid_t pid, tid;
	bool allowed;
};

static bool snap_take(struct snap *s, struct target *t)
{
	s->t = t;
	s->seq = atomic_load(&t->seq);
	if (s->seq & 1)
		return false;
	s->xseq = atomic_load(&t->xseq);
	s->pid = atomic_load(&t->pid);
	s->allowed = atomic_load(&t->allowed);
	s->tseq = atomic_load(&t->tseq);
	s->tid = s->tseq & 1 ? 0 : atomic_load(&t->tid);
	return s->pid > 0;
}

/* Was the process there all along since the snapshot? */
static bool process_alive(const struct snap *s)
{
	return atomic_load(&s->t->seq) == s->seq;
}

static bool thread_alive(const struct snap *s)
{
	return s->tid > 0 && atomic_load(&s->t->tseq) == s->tseq &&
	       process_alive(s);
}

/* No exec under way at @xseq, none began since. */
static bool no_exec_since(const struct snap *s, unsigned int xseq)
{
	return !(xseq & 1) && atomic_load(&s->t->xseq) == xseq;
}

/*
 * @err (0 or -errno) of one access: if @judged (the target there all
 * through, no exec meanwhile), the matrix decides; otherwise the target
 * may also be gone or between two images, which explains ENOENT, ESRCH
 * and EACCES (the check finds no task), never success on a denied
 * target.
 */
static void judge(int op, bool allowed, bool judged, int err,
		  const char *path)
{
	unsigned int n;
	bool ok;

	atomic_fetch_add(&sh->ops[op], 1);
	if (judged) {
		ok = allowed ? err == 0 : err == -EACCES;
		atomic_fetch_add(allowed ? &sh->judged_allowed :
				 &sh->judged_denied, 1);
	} else {
		ok = (allowed && !err) || err == -EACCES || err == -ENOENT ||
		     err == -ESRCH;
		atomic_fetch_add(&sh->unjudged, 1);
	}
	if (ok)
		return;
	atomic_fetch_add(&sh->mismatches, 1);
	n = atomic_fetch_add(&sh->nr_bad, 1);
	if (n < MAX_BAD) {
		sh->bad[n].op = op;
		sh->bad[n].err = err;
		sh->bad[n].allowed = allowed;
		sh->bad[n].judged = judged;
		snprintf(sh->bad[n].path, sizeof(sh->bad[n].path), "%s", path);
	}
}

static int res(long ret)
{
	return ret < 0 ? -errno : 0;
}

static int open_read(const char *path)
{
	char buf[256];
	ssize_t len;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	len = read(fd, buf, sizeof(buf));
	err = len < 0 ? -errno : len == 0 ? -ENODATA : 0;
	close(fd);
	return err;
}

static bool steady(const struct snap *s)
{
	return process_alive(s) && no_exec_since(s, s->xseq);
}

static void walk_status(const struct snap *s)
{
	char path[64];
	int err;

	snprintf(path, sizeof(path), "/proc/%d/status", s->pid);
	err = open_read(path);
	judge(OP_STATUS, s->allowed, steady(s), err, path);
}

static void walk_stat(const struct snap *s)
{
	struct stat st;
	char path[64];
	int err;

	snprintf(path, sizeof(path), "/proc/%d/stat", s->pid);
	err = res(stat(path, &st));
	judge(OP_STAT, s->allowed, steady(s), err, path);
}

/* List the threads, then stat each (they may be gone: not judged). */
static void walk_taskdir(const struct snap *s)
{
	struct dirent *de;
	int err, i, n = 0;
	char path[64];
	pid_t tids[8];
	struct stat st;
	DIR *dir;

	snprintf(path, sizeof(path), "/proc/%d/task", s->pid);
	dir = opendir(path);
	if (!dir) {
		err = -errno;
	} else {
		errno = 0;
		while ((de = readdir(dir)))
			if (de->d_name[0] != '.' && n < 8)
				tids[n++] = atoi(de->d_name);
		err = -errno;
		closedir(dir);
	}
	judge(OP_TASKDIR, s->allowed, steady(s), err, path);

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", s->pid,
			 tids[i]);
		err = res(stat(path, &st));
		judge(OP_TASKDIR, s->allowed, false, err, path);
	}
}

static void walk_thread(const struct snap *s)
{
	struct stat st;
	char path[64];
	int err;

	if (!s->tid)
		return;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/status", s->pid,
		 s->tid);
	err = res(stat(path, &st));
	judge(OP_THREAD, s->allowed, thread_alive(s) && steady(s), err, path);
}

/*
 * Hold an O_PATH descriptor of a directory and open entries through it
 * a number of times: the directory's inode is checked without being
 * looked up (or revalidated) again, possibly after an exec of the
 * target.  An openat() is judged if neither it nor the open of the
 * descriptor overlapped an exec: an exec in between is over, and the
 * inode still stands for the same process.
 */
static void walk_dirfd(const struct snap *s, bool thread)
{
	static const char *const entries[] = { "status", "stat", "comm" };
	const int op = thread ? OP_THREAD_DIRFD : OP_DIRFD;
	char path[64], entry[80];
	int dfd, fd, i, after, err;
	unsigned int xseq;
	bool clean, alive;

	if (thread && !s->tid)
		return;
	if (thread)
		snprintf(path, sizeof(path), "/proc/%d/task/%d", s->pid,
			 s->tid);
	else
		snprintf(path, sizeof(path), "/proc/%d", s->pid);
	dfd = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	err = dfd < 0 ? -errno : 0;
	clean = no_exec_since(s, s->xseq);
	alive = thread ? thread_alive(s) : process_alive(s);
	/*
	 * An O_PATH open is not checked: a denied walker gets a
	 * descriptor (unless the target is gone), and only what it opens
	 * through it is denied.
	 */
	if (s->allowed)
		judge(op, s->allowed, alive && clean, err, path);
	else if (err)
		judge(op, false, false, err, path);
	if (dfd < 0)
		return;

	/*
	 * A thread about to exec: go on through its exec, and a little
	 * after, with the descriptor of the image before.
	 */
	for (i = 0, after = 0; i < 2000 && after < 8; i++) {
		if (thread || !s->tid ||
		    atomic_load(&s->t->xseq) - s->xseq >= 2)
			after++;
		snprintf(entry, sizeof(entry), "%s/%s", path, entries[i % 3]);
		xseq = atomic_load(&s->t->xseq);
		fd = openat(dfd, entries[i % 3], O_RDONLY | O_CLOEXEC);
		err = fd < 0 ? -errno : 0;
		if (fd >= 0)
			close(fd);
		alive = thread ? thread_alive(s) : process_alive(s);
		if (alive && clean && no_exec_since(s, xseq) &&
		    xseq != s->xseq)
			atomic_fetch_add(&sh->judged_after_exec, 1);
		judge(op, s->allowed, alive && clean && no_exec_since(s, xseq),
		      err, entry);
	}
	close(dfd);
}

/* What ps does: /proc/PID/stat of anyone (not judged). */
static void walk_ps(unsigned int *seed)
{
	char path[64];
	struct dirent *de;
	struct stat st;
	int n = 0;
	DIR *dir;

	dir = opendir("/proc");
	if (!dir)
		return;
	while ((de = readdir(dir)) && n < 16) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9' ||
		    rand_r(seed) % 4)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat",
			 atoi(de->d_name));
		judge(OP_PS, true, false, res(stat(path, &st)), path);
		n++;
	}
	closedir(dir);
}

/*
 * While a process execs, look up /proc/PID/stat as fast as possible: each
 * lookup revalidates /proc/PID, the moment the swap of pids is racing.
 */
static bool walk_exec(unsigned int r)
{
	struct stat st;
	char path[64];
	struct snap s;
	int i, n;

	for (i = 0; i < SLOTS; i++)
		if (snap_take(&s, &sh->t[(r + i) % SLOTS]) && s.xseq & 1)
			break;
	if (i == SLOTS)
		return false;
	snprintf(path, sizeof(path), "/proc/%d/stat", s.pid);
	for (n = 0; n < 1000 && atomic_load(&s.t->xseq) == s.xseq; n++)
		judge(OP_STAT, s.allowed, false, res(stat(path, &st)), path);
	return true;
}

static void walker(int slot, unsigned int seed)
{
	struct snap s;
	long walks;
	int i;

	set_process(&sh->t[slot], getpid(), true);
	for (walks = 0; walks < MAX_WALKS; walks++) {
		const unsigned int r = rand_r(&seed);

		if (walks % 16 == 0 && now_ms() >= sh->deadline)
			break;
		atomic_fetch_add(&sh->walks, 1);
		/* The first walker watches for execs. */
		if (slot == MANAGERS * CHURNERS && walk_exec(r))
			continue;
		if (r % 32 == 0) {
			walk_ps(&seed);
			continue;
		}
		/*
		 * Half of the walks go to a process that is exec'ing or
		 * about to, if any, the others to the first registered
		 * process from a random slot on.
		 */
		for (i = 0; i < SLOTS && r % 2; i++) {
			struct target *t = &sh->t[(r / 32 + i) % SLOTS];

			if ((atomic_load(&t->xseq) & 1 || atomic_load(&t->tid)) &&
			    snap_take(&s, t))
				break;
		}
		if (i == SLOTS || !(r % 2)) {
			for (i = 0; i < SLOTS; i++)
				if (snap_take(&s, &sh->t[(r / 32 + i) % SLOTS]))
					break;
			if (i == SLOTS)
				continue;
		}
		switch ((r / 1024) % 6) {
		case 0:
			walk_status(&s);
			break;
		case 1:
			walk_stat(&s);
			break;
		case 2:
			walk_taskdir(&s);
			break;
		case 3:
			walk_thread(&s);
			break;
		case 4:
			walk_dirfd(&s, false);
			break;
		default:
			walk_dirfd(&s, true);
			break;
		}
	}
	set_process(&sh->t[slot], 0, false);
}

/* Fork @fn(@arg...) as a child that exits with its result. */
#define SPAWN(fn, ...) do {						\
	pid_t __pid = fork();						\
	if (__pid == 0)							\
		_exit(fn(__VA_ARGS__));					\
	failed += __pid < 0;						\
} while (0)

static int wait_all(void)
{
	int status, failed = 0;

	while (wait(&status) > 0)
		failed += status != 0;
	return failed;
}

static int run_walker(int slot, unsigned int seed)
{
	if (jail_state() != RESTRICTED)
		return 101;
	walker(slot, seed);
	return 0;
}

/* A manager in a jail and sub-jail of its own: X/x. */
static int jailed_manager(int first_slot, int fd)
{
	if (jail_enter_levels(1, 2))
		return 100;
	return manager(first_slot, false, fd);
}

/* A manager in a sibling sub-jail of the walkers': W/v. */
static int sibling_manager(int first_slot, int fd)
{
	if (jail_enter_prctl(2))
		return 100;
	return manager(first_slot, false, fd);
}

/*
 * The walkers' jail W: a manager in W itself, one in a sibling sub-jail
 * W/v, then the sub-jail W/w for a manager and the walkers.
 */
static int jail_w(int fd, unsigned int seed)
{
	int i, failed = 0;

	if (jail_enter_prctl(1))
		return 100;
	SPAWN(manager, 2 * CHURNERS, true, fd);
	SPAWN(sibling_manager, 3 * CHURNERS, fd);
	if (jail_enter_prctl(2))
		return 100 + wait_all();
	SPAWN(manager, 4 * CHURNERS, true, fd);
	for (i = 0; i < WALKERS; i++)
		SPAWN(run_walker, MANAGERS * CHURNERS + i, seed + i);
	return failed + wait_all();
}

/* All the processes of the test, in a process group of their own. */
static int run_all(int fd, unsigned int seed)
{
	int failed = 0;

	setpgid(0, 0);
	SPAWN(manager, 0, false, fd);
	SPAWN(jailed_manager, CHURNERS, fd);
	SPAWN(jail_w, fd, seed);
	return failed + wait_all();
}

FIXTURE(proc_race) {};

FIXTURE_SETUP(proc_race)
{
}

FIXTURE_TEARDOWN(proc_race)
{
}

TEST_F_TIMEOUT(proc_race, exec_exit_and_walk, 600)
{
	const char *env = getenv("UUIDJAIL_STRESS_SECONDS");
	int seconds = env ? atoi(env) : 5;
	long give_up;
	unsigned int i;
	pid_t all, got;
	int fd, status = -1;

	if (seconds < 1)
		seconds = 1;
	if (seconds > 240)
		seconds = 240;
	fd = memfd_create("uuidjail-proc-race", 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, ftruncate(fd, sizeof(*sh)));
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		  0);
	ASSERT_NE(MAP_FAILED, sh);
	sh->deadline = now_ms() + seconds * 1000L;
	give_up = sh->deadline + 60000 + seconds * 1000L;

	all = fork();
	ASSERT_LE(0, all);
	if (all == 0)
		_exit(run_all(fd, time(NULL)));
	do {
		got = waitpid(all, &status, WNOHANG);
		if (!got)
			usleep(100 * 1000);
	} while (!got && now_ms() < give_up);
	if (got != all) {
		kill(-all, SIGKILL);
		kill(all, SIGKILL);
		waitpid(all, &status, 0);
		TH_LOG("still running after %ld s: killed",
		       (give_up - sh->deadline) / 1000 + seconds);
		status = -1;
	}

	TH_LOG("%d s: %lu execs, %lu thread exits, %lu exits, %lu walks",
	       seconds, (unsigned long)atomic_load(&sh->execs),
	       (unsigned long)atomic_load(&sh->thread_exits),
	       (unsigned long)atomic_load(&sh->exits),
	       (unsigned long)atomic_load(&sh->walks));
	TH_LOG("judged: %lu allowed, %lu denied; %lu unjudged; %lu wrong",
	       (unsigned long)atomic_load(&sh->judged_allowed),
	       (unsigned long)atomic_load(&sh->judged_denied),
	       (unsigned long)atomic_load(&sh->unjudged),
	       (unsigned long)atomic_load(&sh->mismatches));
	TH_LOG("judged through a descriptor opened before an exec: %lu",
	       (unsigned long)atomic_load(&sh->judged_after_exec));
	for (i = 0; i < NR_OPS; i++)
		TH_LOG("  %s: %lu", op_names[i],
		       (unsigned long)atomic_load(&sh->ops[i]));
	for (i = 0; i < atomic_load(&sh->nr_bad) && i < MAX_BAD; i++)
		TH_LOG("wrong: %s %s (%s, %s): %s", op_names[sh->bad[i].op],
		       sh->bad[i].path,
		       sh->bad[i].allowed ? "allowed" : "denied",
		       sh->bad[i].judged ? "judged" : "maybe gone or exec'ing",
		       sh->bad[i].err ? strerror(-sh->bad[i].err) : "success");

	EXPECT_EQ(0, status);
	EXPECT_LT(0UL, atomic_load(&sh->execs));
	EXPECT_LT(0UL, atomic_load(&sh->thread_exits));
	EXPECT_LT(0UL, atomic_load(&sh->judged_allowed));
	EXPECT_LT(0UL, atomic_load(&sh->judged_denied));
	EXPECT_EQ(0UL, atomic_load(&sh->mismatches));
	munmap(sh, sizeof(*sh));
	close(fd);
}

int main(int argc, char **argv)
{
	/* A churner's exec'd image: another round. */
	if (argc == 5 && !strcmp(argv[1], CHURN_ARG))
		churn_image(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
	return test_harness_run(argc, argv);
}
