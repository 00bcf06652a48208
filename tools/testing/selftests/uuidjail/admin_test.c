// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The admin view (tasks, jails) and named jails
 *
 * Each test starts unrestricted, in a fresh child of the harness.  Tasks
 * to look at are children parked in a chosen state ("parked" below): they
 * enter, report, and wait for SIGKILL.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

/* One line of the jails file. */
struct jail_line {
	unsigned long long id1, id2;
	unsigned int tasks;
	char name[72];
	char sealed[8];
};

/*
 * Read the tasks file into @lines.  Returns the number of lines, or -1 if
 * one is malformed, there are more than @max, or the file cannot be read.
 */
static int read_tasks(struct task_line *lines, int max)
{
	FILE *f = fopen(UUIDJAIL_FS "/tasks", "re");
	char text[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(text, sizeof(text), f)) {
		struct task_line t;

		if (n == max || parse_task_line(text, &t)) {
			n = -1;
			break;
		}
		lines[n++] = t;
	}
	fclose(f);
	return n;
}

/* The line of @pid among @n lines, or NULL. */
static const struct task_line *find_task(const struct task_line *lines,
					 int n, int pid)
{
	int i;

	for (i = 0; i < n; i++)
		if (lines[i].pid == pid)
			return &lines[i];
	return NULL;
}

/* The same for the jails file. */
static int read_jails(struct jail_line *lines, int max)
{
	FILE *f = fopen(UUIDJAIL_FS "/jails", "re");
	char text[256], tail;
	int n = 0;

	if (!f)
		return -1;
	while (fgets(text, sizeof(text), f)) {
		struct jail_line j = {};

		if (sscanf(text, "%llu %llu %u %71s %7s%c", &j.id1, &j.id2,
			   &j.tasks, j.name, j.sealed, &tail) != 6 ||
		    tail != '\n' || !j.id1 || n == max ||
		    (strcmp(j.sealed, "sealed") && strcmp(j.sealed, "open"))) {
			n = -1;
			break;
		}
		lines[n++] = j;
	}
	fclose(f);
	return n;
}

static const struct jail_line *find_jail(const struct jail_line *lines,
					 int n, unsigned long long id1,
					 unsigned long long id2)
{
	int i;

	for (i = 0; i < n; i++)
		if (lines[i].id1 == id1 && lines[i].id2 == id2)
			return &lines[i];
	return NULL;
}

/* The name file's text, or "" if none: 0 or -errno. */
static int read_name(char *buf, size_t size)
{
	int len = read_text(UUIDJAIL_FS "/name", buf, size);

	return len < 0 ? len : 0;
}

static int set_name_file(const char *name)
{
	return jail_write("name", name, strlen(name));
}

/*
 * Parked tasks wait for the write end of this pipe to close.  They cannot
 * all be killed: a jailed test may not signal a task outside its jail.
 */
static int hold[2] = { -1, -1 };

/*
 * A child of the caller that enters levels @first..@last (none if
 * @first is 0), names itself @name if not NULL, and waits until
 * unpark_all().  Returns its pid once it is in place, or -1.
 */
static pid_t park(int first, int last, const char *name)
{
	int pipefd[2];
	char ok = 0;
	pid_t pid;

	if (hold[1] < 0 && pipe2(hold, O_CLOEXEC))
		return -1;
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		close(pipefd[0]);
		close(hold[1]);
		if (first && jail_enter_levels(first, last))
			_exit(1);
		if (name && jail_name_prctl(name))
			_exit(1);
		ok = 1;
		if (write(pipefd[1], &ok, 1) != 1)
			_exit(1);
		/* Until the test closes its end: EOF. */
		while (read(hold[0], &ok, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], &ok, 1) != 1 || !ok) {
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	close(pipefd[0]);
	return pid;
}

/* Let every parked task go, and reap those given. */
static void unpark_all(const pid_t *pids, int n)
{
	int i;

	close(hold[0]);
	close(hold[1]);
	hold[0] = -1;
	hold[1] = -1;
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			waitpid(pids[i], NULL, 0);
}

/* Name setting, through either interface. */
FIXTURE(naming) {};

FIXTURE_VARIANT(naming) {
	int (*set_name)(const char *name);
};

FIXTURE_VARIANT_ADD(naming, securityfs) {
	.set_name = set_name_file,
};

FIXTURE_VARIANT_ADD(naming, prctl) {
	.set_name = jail_name_prctl,
};

FIXTURE_SETUP(naming)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
}

FIXTURE_TEARDOWN(naming) {}

TEST_F(naming, unrestricted_task_cannot_name)
{
	char buf[80];

	EXPECT_EQ(-EINVAL, variant->set_name("host"));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
}

TEST_F(naming, jail_is_named_once)
{
	char buf[80];

	ASSERT_EQ(0, jail_enter_levels(1, 1));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	ASSERT_EQ(0, variant->set_name("8f14e45f-ceea-467a-9575-7d1e9b3b2a11"));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("8f14e45f-ceea-467a-9575-7d1e9b3b2a11\n", buf);
	EXPECT_EQ(-EEXIST, variant->set_name("another"));
	EXPECT_EQ(-EEXIST, set_name_file("another"));
	EXPECT_EQ(-EEXIST, jail_name_prctl("another"));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("8f14e45f-ceea-467a-9575-7d1e9b3b2a11\n", buf);
	/* A name changes nothing else. */
	EXPECT_EQ(HALF, jail_state());
}

TEST_F(naming, sub_jail_shows_then_replaces_its_jail_name)
{
	const struct task_line *t;
	struct task_line lines[256];
	char buf[80];
	int n;

	ASSERT_EQ(0, jail_enter_levels(1, 1));
	ASSERT_EQ(0, variant->set_name("browser"));
	ASSERT_EQ(0, jail_enter_levels(2, 2));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("browser\n", buf);
	/* A restricted task names its sub-jail, not its jail. */
	ASSERT_EQ(0, variant->set_name("tab-1"));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("tab-1\n", buf);
	EXPECT_EQ(-EEXIST, variant->set_name("tab-2"));
	n = read_tasks(lines, 256);
	ASSERT_LT(0, n);
	t = find_task(lines, n, getpid());
	ASSERT_NE(NULL, t);
	EXPECT_STREQ("tab-1", t->name);
}

/* 63 characters: the longest name. */
#define LONGEST "12345678901234567890123456789012345678901234567890123456789012_"

TEST_F(naming, bad_names_change_nothing)
{
	static const char *const bad[] = {
		"", "\n", "a b", " a", "a\tb", "a\n\n", "caf\xc3\xa9", "a\x7f",
		"1234567890123456789012345678901234567890123456789012345678901234",
	};
	char buf[80];
	unsigned int i;

	ASSERT_EQ(0, jail_enter_levels(1, 1));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, variant->set_name(bad[i])) {
			TH_LOG("name %u accepted", i);
		}
	}
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ("", buf);
	/* The longest name, then it is taken. */
	EXPECT_EQ(0, variant->set_name(LONGEST));
	ASSERT_EQ(0, read_name(buf, sizeof(buf)));
	EXPECT_STREQ(LONGEST "\n", buf);
}

TEST(prctl_name_arguments)
{
	char *page;

	ASSERT_EQ(0, jail_enter_levels(1, 1));
	EXPECT_EQ(-1, prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, "a", 1, 0));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, "a", 0, 1));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, NULL, 0, 0));
	EXPECT_EQ(EFAULT, errno);

	/* A name that runs into an unmapped page is bad memory, not a name. */
	page = mmap(NULL, 2 * getpagesize(), PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, page);
	ASSERT_EQ(0, munmap(page + getpagesize(), getpagesize()));
	memset(page, 'x', getpagesize());
	EXPECT_EQ(-1, prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME,
			    page + getpagesize() - 4, 0, 0));
	EXPECT_EQ(EFAULT, errno);
	/*
	 * 63 characters and a newline that end the mapping, unterminated:
	 * too long, not a 63-character name.
	 */
	memcpy(page + getpagesize() - 64,
	       "123456789012345678901234567890123456789012345678901234567890123\n",
	       64);
	EXPECT_EQ(-1, prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME,
			    page + getpagesize() - 64, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	/* Exactly 64 characters and a NUL elsewhere is EINVAL, not a cut. */
	memset(page, 'z', 80);
	page[80] = '\0';
	EXPECT_EQ(-1, prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, page, 0, 0));
	EXPECT_EQ(EINVAL, errno);
	munmap(page, getpagesize());
	/* Nothing was named by any of these. */
	EXPECT_EQ(0, jail_name_prctl("ok"));
}

/* Two tasks of one jail name it at once: one wins, the other sees EEXIST. */
TEST(concurrent_names_one_wins)
{
	int round, status, wins;
	pid_t pids[2];
	char buf[80];

	for (round = 0; round < 20; round++) {
		pid_t jail = fork();

		ASSERT_LE(0, jail);
		if (jail == 0) {
			int i;

			if (jail_enter_levels(1, 1))
				_exit(10);
			for (i = 0; i < 2; i++) {
				pids[i] = fork();
				if (pids[i] == 0) {
					int err = jail_name_prctl(i ? "two" : "one");

					_exit(!err ? 0 : err == -EEXIST ? 1 : 2);
				}
			}
			wins = 0;
			for (i = 0; i < 2; i++) {
				if (waitpid(pids[i], &status, 0) != pids[i] ||
				    !WIFEXITED(status) ||
				    WEXITSTATUS(status) > 1)
					_exit(11);
				wins += WEXITSTATUS(status) == 0;
			}
			if (wins != 1 || read_name(buf, sizeof(buf)))
				_exit(12);
			_exit(strcmp(buf, "one\n") && strcmp(buf, "two\n") ?
			      13 : 0);
		}
		ASSERT_EQ(jail, waitpid(jail, &status, 0));
		ASSERT_TRUE(WIFEXITED(status));
		ASSERT_EQ(0, WEXITSTATUS(status));
	}
}

/*
 * Who sees whom in the tasks file: a reader in each state, and parked
 * tasks around it: unrestricted (U), the half-restricted manager of the
 * reader's own jail (H), a task of its own sub-jail (S), of a sibling
 * sub-jail (T), and of another jail (O).
 */
FIXTURE(view) {
	pid_t u, o, h, s, t;
};

FIXTURE_VARIANT(view) {
	int state;
	bool sees_u, sees_h, sees_s, sees_t, sees_o;
};

FIXTURE_VARIANT_ADD(view, unrestricted) {
	.state = UNRESTRICTED,
	.sees_u = true, .sees_h = true, .sees_s = true, .sees_t = true,
	.sees_o = true,
};

FIXTURE_VARIANT_ADD(view, half) {
	.state = HALF,
	.sees_u = true, .sees_h = true, .sees_s = true, .sees_t = true,
};

FIXTURE_VARIANT_ADD(view, restricted) {
	.state = RESTRICTED,
	.sees_h = true, .sees_s = true,
};

/*
 * The harness child (unrestricted) parks U and O, enters its jail, parks
 * H and T (a sibling sub-jail), and finally takes the reader's state: for
 * a restricted reader it parks S after entering its own sub-jail.
 */
FIXTURE_SETUP(view)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
	self->u = park(0, 0, NULL);
	self->o = park(1, 2, "other");
	ASSERT_LT(0, self->u);
	ASSERT_LT(0, self->o);
	if (variant->state == UNRESTRICTED) {
		/* The "jail" is the one H lives in; S and T its sub-jails. */
		self->h = park(1, 1, "mine");
		ASSERT_LT(0, self->h);
		self->s = -1;
		self->t = -1;
		return;
	}
	ASSERT_EQ(0, jail_enter_levels(1, 1));
	ASSERT_EQ(0, jail_name_prctl("mine"));
	self->h = park(0, 0, NULL);
	self->t = park(2, 2, NULL);
	ASSERT_LT(0, self->h);
	ASSERT_LT(0, self->t);
	if (variant->state == RESTRICTED)
		ASSERT_EQ(0, jail_enter_levels(2, 2));
	self->s = park(variant->state == RESTRICTED ? 0 : 2,
		       variant->state == RESTRICTED ? 0 : 2, NULL);
	ASSERT_LT(0, self->s);
}

FIXTURE_TEARDOWN(view)
{
	const pid_t pids[] = { self->u, self->o, self->h, self->s, self->t };

	unpark_all(pids, ARRAY_SIZE(pids));
}

TEST_F(view, tasks_lists_what_the_reader_may_act_on)
{
	static struct task_line lines[4096];
	const struct task_line *me, *t;
	int n = read_tasks(lines, 4096);

	ASSERT_LT(0, n);
	ASSERT_GT(4096, n);
	me = find_task(lines, n, getpid());
	ASSERT_NE(NULL, me);
	EXPECT_EQ(getpid(), me->tgid);
	EXPECT_EQ(variant->sees_u, !!find_task(lines, n, self->u));
	EXPECT_EQ(variant->sees_o, !!find_task(lines, n, self->o));
	EXPECT_EQ(variant->sees_h, !!find_task(lines, n, self->h));
	if (self->s > 0)
		EXPECT_EQ(variant->sees_s, !!find_task(lines, n, self->s));
	if (self->t > 0)
		EXPECT_EQ(variant->sees_t, !!find_task(lines, n, self->t));

	/* Each line's state matches its ids. */
	for (t = lines; t < lines + n; t++) {
		if (!strcmp(t->state, "unrestricted"))
			EXPECT_TRUE(!t->id1 && !t->id2 && !strcmp(t->name, "-"));
		if (!strcmp(t->state, "half-restricted"))
			EXPECT_TRUE(t->id1 && !t->id2);
		if (!strcmp(t->state, "restricted"))
			EXPECT_TRUE(t->id1 && t->id2);
		/* A jailed reader never sees another jail's ids. */
		if (variant->state != UNRESTRICTED)
			EXPECT_TRUE(!t->id1 || t->id1 == me->id1);
	}

	/* The other jail's name reaches only an unrestricted reader. */
	t = find_task(lines, n, self->o);
	if (t)
		EXPECT_STREQ("other", t->name);
	t = find_task(lines, n, self->h);
	ASSERT_NE(NULL, t);
	EXPECT_STREQ("mine", t->name);
}

TEST_F(view, jails_lists_what_the_reader_may_see)
{
	struct jail_line lines[4096];
	const struct jail_line *j;
	struct task_line tl[4096];
	const struct task_line *h, *o, *s, *tt;
	int n, nt, i, total;

	nt = read_tasks(tl, 4096);
	ASSERT_LT(0, nt);
	n = read_jails(lines, 4096);
	ASSERT_LE(0, n);
	h = find_task(tl, nt, self->h);
	ASSERT_NE(NULL, h);

	/*
	 * The jail's own line counts its half-restricted tasks: H, and the
	 * reader when it is half-restricted too.
	 */
	j = find_jail(lines, n, h->id1, 0);
	ASSERT_NE(NULL, j);
	EXPECT_STREQ("mine", j->name);
	EXPECT_STREQ("open", j->sealed);
	EXPECT_EQ(variant->state == HALF ? 2 : 1, j->tasks);

	o = find_task(tl, nt, self->o);
	EXPECT_EQ(variant->sees_o, !!o);
	if (o) {
		/* O, restricted, named its sub-jail; its jail has no name. */
		j = find_jail(lines, n, o->id1, o->id2);
		ASSERT_NE(NULL, j);
		EXPECT_EQ(1, j->tasks);
		EXPECT_STREQ("other", j->name);
		j = find_jail(lines, n, o->id1, 0);
		ASSERT_NE(NULL, j);
		EXPECT_EQ(0, j->tasks);
		EXPECT_STREQ("-", j->name);
	}
	s = self->s > 0 ? find_task(tl, nt, self->s) : NULL;
	if (s) {
		j = find_jail(lines, n, s->id1, s->id2);
		ASSERT_NE(NULL, j);
		EXPECT_EQ(variant->state == RESTRICTED ? 2 : 1, j->tasks);
	}
	if (self->t > 0) {
		tt = find_task(tl, nt, self->t);
		EXPECT_EQ(variant->sees_t, !!tt);
	}

	/* Sorted, no duplicates, and no jail the reader may not see. */
	total = 0;
	for (i = 0; i < n; i++) {
		if (i)
			EXPECT_TRUE(lines[i - 1].id1 < lines[i].id1 ||
				    (lines[i - 1].id1 == lines[i].id1 &&
				     lines[i - 1].id2 < lines[i].id2));
		if (variant->state != UNRESTRICTED)
			EXPECT_EQ(h->id1, lines[i].id1);
		total += lines[i].tasks;
	}
	/* Every visible jailed task is counted once. */
	for (i = 0; i < nt; i++)
		total -= tl[i].id1 != 0;
	EXPECT_EQ(0, total);
}

/* Readers race with tasks that fork, enter, name themselves and exit. */
static int stop_churn;

static void *read_views(void *arg)
{
	static struct task_line tl[4096];
	struct jail_line jl[4096];
	long *bad = arg;

	while (!__atomic_load_n(&stop_churn, __ATOMIC_RELAXED)) {
		if (read_tasks(tl, 4096) < 0 || read_jails(jl, 4096) < 0)
			++*bad;
	}
	return NULL;
}

TEST(views_while_tasks_come_and_go)
{
	const char *env = getenv("UUIDJAIL_STRESS_SECONDS");
	int seconds = env ? atoi(env) : 3;
	pthread_t reader;
	long bad = 0;
	time_t end;
	pid_t pid;
	int i = 0;

	if (seconds > 10)
		seconds = 10;
	ASSERT_EQ(0, pthread_create(&reader, NULL, read_views, &bad));
	end = time(NULL) + (seconds > 0 ? seconds : 1);
	while (time(NULL) < end) {
		pid = fork();
		ASSERT_LE(0, pid);
		if (pid == 0) {
			char name[16];

			snprintf(name, sizeof(name), "churn-%d", i % 7);
			if (jail_enter_prctl(1) || jail_name_prctl(name))
				_exit(1);
			if (i % 2 && (jail_enter_prctl(2) ||
				      jail_name_prctl("sub")))
				_exit(1);
			_exit(0);
		}
		ASSERT_EQ(pid, waitpid(pid, NULL, 0));
		i++;
	}
	__atomic_store_n(&stop_churn, 1, __ATOMIC_RELAXED);
	ASSERT_EQ(0, pthread_join(reader, NULL));
	EXPECT_EQ(0, bad);
	TH_LOG("%d tasks came and went", i);
}

/* A parked jail's threads wait on the hold pipe, as the jail itself. */
static void *park_thread(void *arg)
{
	char c;

	while (read(hold[0], &c, 1) < 0 && errno == EINTR)
		;
	return NULL;
}

#define MANY_JAILS 64
#define THREADS_PER_JAIL 30
#define READERS 4
#define READS 25

/*
 * Reading "jails" while many tasks exist: 64 jails of 31 tasks each (as
 * root; fewer threads where RLIMIT_NPROC would refuse them), read by 4
 * readers at once, 25 times each.  Every read lists every jail with all
 * its tasks; the debug kernel must report no RCU stall and no lockdep
 * splat (the collection runs in short RCU sections, its memory is the
 * reader's).
 */
TEST(jails_read_with_many_tasks)
{
	static struct jail_line jl[4096];
	pid_t pids[MANY_JAILS], readers[READERS];
	int ready[2], i, status, threads = THREADS_PER_JAIL;
	struct rlimit nproc;
	char c;

	/* Half of the uid's limit, the rest being for everything else. */
	ASSERT_EQ(0, getrlimit(RLIMIT_NPROC, &nproc));
	if (getuid() && nproc.rlim_cur != RLIM_INFINITY &&
	    nproc.rlim_cur / 2 / MANY_JAILS < THREADS_PER_JAIL + 1)
		threads = nproc.rlim_cur / 2 / MANY_JAILS - 1;
	ASSERT_LT(0, threads);
	TH_LOG("%d jails of %d tasks", MANY_JAILS, threads + 1);

	ASSERT_EQ(0, pipe2(hold, O_CLOEXEC));
	ASSERT_EQ(0, pipe(ready));
	for (i = 0; i < MANY_JAILS; i++) {
		pids[i] = fork();
		ASSERT_LE(0, pids[i]);
		if (pids[i] == 0) {
			pthread_attr_t attr;
			pthread_t thread;
			int t;

			close(hold[1]);
			if (jail_enter_levels(1, 1) ||
			    pthread_attr_init(&attr) ||
			    pthread_attr_setstacksize(&attr, 64 << 10))
				_exit(1);
			for (t = 0; t < threads; t++)
				if (pthread_create(&thread, &attr, park_thread,
						   NULL))
					_exit(2);
			c = 'r';
			if (write(ready[1], &c, 1) != 1)
				_exit(3);
			park_thread(NULL);
			_exit(0);
		}
	}
	for (i = 0; i < MANY_JAILS; i++)
		ASSERT_EQ(1, read(ready[0], &c, 1));

	for (i = 0; i < READERS; i++) {
		readers[i] = fork();
		ASSERT_LE(0, readers[i]);
		if (readers[i] == 0) {
			int r, n, j, full;

			for (r = 0; r < READS; r++) {
				n = read_jails(jl, 4096);
				if (n < MANY_JAILS)
					_exit(10);
				for (j = 0, full = 0; j < n; j++)
					full += jl[j].tasks == threads + 1;
				if (full < MANY_JAILS)
					_exit(11);
			}
			_exit(0);
		}
	}
	for (i = 0; i < READERS; i++) {
		ASSERT_EQ(readers[i], waitpid(readers[i], &status, 0));
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(0, WEXITSTATUS(status));
	}
	unpark_all(pids, MANY_JAILS);
}

/*
 * What /proc mounted with hidepid=invisible would hide, the view hides:
 * a task of another uid (pid 1, root's), whatever the reader's own /proc
 * shows.  As root: a reader of uid 1001 lists its own task, neither pid 1
 * nor a jailed task of uid 1002 nor that task's named jail; root lists
 * them.  As another uid: the reader itself, without pid 1.  Whether root
 * sees pid 1 is what the ptrace read check of /proc/1/exe says, exactly
 * hidepid's (call_proc_get_link()): not from inside a Landlock domain,
 * which pid 1 is not in.  (/proc/1/environ would not do: mm_access() lets
 * CAP_PERFMON read it past that check.)
 */
TEST(view_hides_other_uids)
{
	static struct task_line tl[4096];
	static struct jail_line jl[4096];
	const struct task_line *t;
	int hold_pipe[2], ready[2], report[2], status, n, m;
	char c, seen[6] = "", target[PATH_MAX];
	pid_t other, reader;

	n = read_tasks(tl, 4096);
	ASSERT_LT(0, n);
	ASSERT_NE(NULL, find_task(tl, n, getpid()));
	if (getuid()) {
		EXPECT_EQ(NULL, find_task(tl, n, 1));
		return;
	}
	EXPECT_EQ(readlink("/proc/1/exe", target, sizeof(target)) > 0,
		  !!find_task(tl, n, 1));

	/* A jailed task of uid 1002, its jail named. */
	ASSERT_EQ(0, pipe(hold_pipe));
	ASSERT_EQ(0, pipe(ready));
	other = fork();
	ASSERT_LE(0, other);
	if (other == 0) {
		close(hold_pipe[1]);
		if (setgroups(0, NULL) || setresgid(1002, 1002, 1002) ||
		    setresuid(1002, 1002, 1002) ||
		    jail_enter_levels(1, 1) || jail_name_prctl("secret-vm"))
			_exit(1);
		c = 'r';
		if (write(ready[1], &c, 1) != 1)
			_exit(1);
		/* Until the test closes its end. */
		while (read(hold_pipe[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(hold_pipe[0]);
	ASSERT_EQ(1, read(ready[0], &c, 1));

	/* The reader: uid 1001, unrestricted. */
	ASSERT_EQ(0, pipe(report));
	reader = fork();
	ASSERT_LE(0, reader);
	if (reader == 0) {
		if (setgroups(0, NULL) || setresgid(1001, 1001, 1001) ||
		    setresuid(1001, 1001, 1001))
			_exit(1);
		n = read_tasks(tl, 4096);
		m = read_jails(jl, 4096);
		if (n < 0 || m < 0)
			_exit(2);
		seen[0] = find_task(tl, n, getpid()) ? 'y' : 'n';
		seen[1] = find_task(tl, n, 1) ? 'y' : 'n';
		seen[2] = find_task(tl, n, other) ? 'y' : 'n';
		seen[3] = m ? 'y' : 'n';
		seen[4] = '\n';
		_exit(write(report[1], seen, 5) == 5 ? 0 : 3);
	}
	ASSERT_EQ(reader, waitpid(reader, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	/* Itself, not pid 1, not the other uid's task nor its jail. */
	ASSERT_EQ(5, read(report[0], seen, 5));
	EXPECT_STREQ("ynnn\n", seen);

	/* Root sees the jailed task and its jail. */
	n = read_tasks(tl, 4096);
	m = read_jails(jl, 4096);
	ASSERT_LT(0, n);
	ASSERT_LT(0, m);
	t = find_task(tl, n, other);
	ASSERT_NE(NULL, t);
	EXPECT_STREQ("secret-vm", t->name);
	ASSERT_NE(NULL, find_jail(jl, m, t->id1, 0));
	EXPECT_STREQ("secret-vm", find_jail(jl, m, t->id1, 0)->name);

	close(hold_pipe[1]);
	ASSERT_EQ(other, waitpid(other, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * What a workload may do to its jail's name, the workload being print_self
 * executed by the task that entered (as a launcher executes its command):
 * enter @levels, name the jail @jail_name if not NULL, execute
 * "print_self @mode guest-b" and return its line in @out.
 */
static int workload_names(int levels, const char *jail_name,
			  const char *mode, char *out, size_t size)
{
	char path[PATH_MAX];
	int pipefd[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	helper_path(path, sizeof(path), "print_self");
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (dup2(pipefd[1], STDOUT_FILENO) < 0 ||
		    jail_enter_levels(1, 1) ||
		    (jail_name && jail_name_prctl(jail_name)) ||
		    (levels == 2 && jail_enter_levels(2, 2)))
			_exit(10);
		execl(path, path, mode, "guest-b", (char *)NULL);
		_exit(11);
	}
	close(pipefd[1]);
	while (len < size - 1 &&
	       (n = read(pipefd[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * A hijacked guest names itself after another so that the audit records
 * of its attacks blame the victim: refused by both interfaces, whether its
 * sub-jail has a name or shows its jail's, and the name stays.
 */
TEST(workload_cannot_rename)
{
	static const struct {
		int levels;
		const char *jail_name, *expected;
	} cases[] = {
		{ 2, "guest-a", "name=guest-a" },	/* unnamed sub-jail */
		{ 1, "browser", "name=browser" },	/* the jail itself */
		{ 2, NULL, "name=-" },			/* nothing named */
	};
	char out[160], expected[160];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_EQ(0, workload_names(cases[i].levels,
					    cases[i].jail_name, "name", out,
					    sizeof(out)));
		snprintf(expected, sizeof(expected), "prctl=%d fs=%d %s\n",
			 EPERM, EPERM, cases[i].expected);
		EXPECT_STREQ(expected, out);
	}
}

/*
 * The allow path: a program that enters a sub-jail itself (a browser
 * starting a tab) names it, once, though it was executed in its jail.
 */
TEST(workload_names_what_it_enters)
{
	char out[160], expected[160];

	ASSERT_EQ(0, workload_names(1, "browser", "subname", out,
				    sizeof(out)));
	snprintf(expected, sizeof(expected), "prctl=0 fs=%d name=guest-b\n",
		 EEXIST);
	EXPECT_STREQ(expected, out);
}

TEST_HARNESS_MAIN
