// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Aiming a file's signal at its owner
 *
 * SIGIO (or the F_SETSIG signal) goes to a file's owner on behalf of the
 * task that last aimed it, whichever task then triggers the I/O.  Setting
 * the owner aims it, and so does each of the other ways this file tests,
 * one fixture variant each: setting the same owner again (F_SETOWN),
 * choosing the signal (F_SETSIG), turning O_ASYNC on (F_SETFL or ioctl
 * FIOASYNC), taking a lease (F_SETLEASE) and asking for directory
 * notifications (F_NOTIFY).  The last two arm a new source of signals on
 * an existing owner.
 *
 * So an owner set and armed before its setter entered a jail keeps its
 * signals (the jailed task aimed nothing), but once the jailed task
 * aims again, the owner is judged against the jailed task's label.
 *
 * Every process here blocks SIG and SIGIO, so that a delivery stays
 * pending and can be asked about; SIG is SIGWINCH, ignored by default.
 * Signals only ever go to the owner, a child of the test.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define SIG SIGWINCH

/* What the owner reports, as its exit status. */
enum { GOT_SIG = 1, GOT_SIGIO = 2, OWNER_FAILED = 4 };

static void block_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIG);
	sigaddset(&set, SIGIO);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

struct owner {
	pid_t pid;
	int hold;	/* closing it lets the owner report */
};

/*
 * Fork an owner that enters @levels more levels, says it is ready, waits
 * for its pipe to close and exits with the signals it got.
 */
static int spawn_owner(struct owner *o, int levels)
{
	int hold[2], ready[2], state;
	char c;

	if (pipe(hold) || pipe(ready))
		return -errno;
	o->pid = fork();
	if (o->pid < 0)
		return -errno;
	if (o->pid == 0) {
		sigset_t pending;

		block_signals();
		/* Hold no other pipe open, or it never sees EOF. */
		if (dup2(hold[0], 3) != 3 || dup2(ready[1], 4) != 4 ||
		    close_range(5, ~0U, 0))
			_exit(OWNER_FAILED);
		state = jail_state();
		if (jail_enter_levels(state + 1, state + levels) ||
		    write(4, "r", 1) != 1)
			_exit(OWNER_FAILED);
		close(4);
		while (read(3, &c, 1) > 0)
			;
		if (sigpending(&pending))
			_exit(OWNER_FAILED);
		_exit((sigismember(&pending, SIG) ? GOT_SIG : 0) |
		      (sigismember(&pending, SIGIO) ? GOT_SIGIO : 0));
	}
	close(hold[0]);
	close(ready[1]);
	o->hold = hold[1];
	state = read(ready[0], &c, 1);
	close(ready[0]);
	return state == 1 ? 0 : -EIO;
}

/* Release the owner: the GOT_* it reports, or -1. */
static int reap_owner(struct owner *o)
{
	int status;

	close(o->hold);
	if (waitpid(o->pid, &status, 0) != o->pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

enum aim { AIM_SETOWN, AIM_SETSIG, AIM_SETFL, AIM_FIOASYNC, AIM_SETLEASE, AIM_NOTIFY };

struct target {
	int fd;		/* the file whose owner gets the signal */
	int io_fd;	/* the pipe's write end */
	char path[64];	/* the leased file, or the watched directory */
};

FIXTURE(fown) {
	struct target t;
	struct owner owner;
};

FIXTURE_VARIANT(fown) {
	enum aim aim;
};

/* A pipe armed with O_ASYNC and SIG; F_SETOWN again after entering. */
FIXTURE_VARIANT_ADD(fown, f_setown) {
	.aim = AIM_SETOWN,
};

/* A pipe, armed with O_ASYNC; the signal is chosen after entering. */
FIXTURE_VARIANT_ADD(fown, f_setsig) {
	.aim = AIM_SETSIG,
};

/* A pipe with its signal chosen; O_ASYNC is turned on after entering. */
FIXTURE_VARIANT_ADD(fown, f_setfl_o_async) {
	.aim = AIM_SETFL,
};

FIXTURE_VARIANT_ADD(fown, ioctl_fioasync) {
	.aim = AIM_FIOASYNC,
};

/* A regular file; the read lease is taken after entering. */
FIXTURE_VARIANT_ADD(fown, f_setlease) {
	.aim = AIM_SETLEASE,
};

/* A directory; the notification is asked for after entering. */
FIXTURE_VARIANT_ADD(fown, f_notify) {
	.aim = AIM_NOTIFY,
};

FIXTURE_SETUP(fown)
{
	int fds[2];

	block_signals();
	self->t.io_fd = -1;
	switch (variant->aim) {
	case AIM_SETOWN:
	case AIM_SETSIG:
	case AIM_SETFL:
	case AIM_FIOASYNC:
		ASSERT_EQ(0, pipe2(fds, O_CLOEXEC));
		self->t.fd = fds[0];
		self->t.io_fd = fds[1];
		break;
	case AIM_SETLEASE:
		snprintf(self->t.path, sizeof(self->t.path),
			 "/tmp/uuidjail-lease-XXXXXX");
		self->t.fd = mkstemp(self->t.path);
		ASSERT_LE(0, self->t.fd);
		close(self->t.fd);
		/* A read lease needs a file that nobody has open to write. */
		self->t.fd = open(self->t.path, O_RDONLY | O_CLOEXEC);
		ASSERT_LE(0, self->t.fd);
		break;
	case AIM_NOTIFY:
		snprintf(self->t.path, sizeof(self->t.path),
			 "/tmp/uuidjail-dnotify-XXXXXX");
		ASSERT_NE(NULL, mkdtemp(self->t.path));
		self->t.fd = open(self->t.path,
				  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ASSERT_LE(0, self->t.fd);
		break;
	}
}

FIXTURE_TEARDOWN(fown)
{
	close(self->t.fd);
	if (self->t.io_fd >= 0)
		close(self->t.io_fd);
	if (variant->aim == AIM_SETLEASE) {
		unlink(self->t.path);
	} else if (variant->aim == AIM_NOTIFY) {
		char path[128];

		snprintf(path, sizeof(path), "%s/new", self->t.path);
		unlink(path);
		rmdir(self->t.path);
	}
}

/*
 * Make @owner the owner of the file and aim it in every way but the
 * variant's.  For F_SETSIG, the file is armed with O_ASYNC and its
 * default signal, SIGIO; for the others, the signal is SIG.  For
 * F_SETOWN, the file is armed with both: only setting the owner again
 * remains to aim it.
 */
static int set_owner(enum aim how, int fd, pid_t owner)
{
	if (fcntl(fd, F_SETOWN, owner))
		return -errno;
	if ((how == AIM_SETSIG || how == AIM_SETOWN) &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC))
		return -errno;
	if (how == AIM_SETSIG)
		return 0;
	return fcntl(fd, F_SETSIG, SIG) ? -errno : 0;
}

/* Aim the file's signal the variant's way: 0 or -errno. */
static int aim(enum aim how, int fd)
{
	int on = 1;

	switch (how) {
	case AIM_SETOWN:
		return fcntl(fd, F_SETOWN, fcntl(fd, F_GETOWN)) ? -errno : 0;
	case AIM_SETSIG:
		return fcntl(fd, F_SETSIG, SIG) ? -errno : 0;
	case AIM_SETFL:
		return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_ASYNC) ?
		       -errno : 0;
	case AIM_FIOASYNC:
		return ioctl(fd, FIOASYNC, &on) ? -errno : 0;
	case AIM_SETLEASE:
		return fcntl(fd, F_SETLEASE, F_RDLCK) ? -errno : 0;
	case AIM_NOTIFY:
		return fcntl(fd, F_NOTIFY, DN_CREATE) ? -errno : 0;
	}
	return -EINVAL;
}

static void aim_or_fail(struct __test_metadata *const _metadata,
			enum aim how, int fd)
{
	const int err = aim(how, fd);

	/* Not a skip: the test kernel must be able to run every case. */
	ASSERT_EQ(0, err) TH_LOG("aiming: %s%s", strerror(-err),
				 how == AIM_NOTIFY && err == -EINVAL ?
				 " (F_NOTIFY needs CONFIG_DNOTIFY=y)" : "");
}

/* Cause the I/O that signals the owner: 0 or -errno. */
static int trigger(const struct target *t, enum aim how)
{
	int fd;

	switch (how) {
	case AIM_SETOWN:
	case AIM_SETSIG:
	case AIM_SETFL:
	case AIM_FIOASYNC:
		return write(t->io_fd, "x", 1) == 1 ? 0 : -EIO;
	case AIM_SETLEASE:
		/* Breaks the lease; without waiting for it to go. */
		fd = open(t->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			close(fd);
			return -EEXIST;	/* there was no lease to break */
		}
		if (errno != EWOULDBLOCK)
			return -errno;
		return fcntl(t->fd, F_SETLEASE, F_UNLCK) ? -errno : 0;
	case AIM_NOTIFY:
		fd = openat(t->fd, "new", O_WRONLY | O_CREAT | O_CLOEXEC,
			    0600);
		if (fd < 0)
			return -errno;
		close(fd);
		return 0;
	}
	return -EINVAL;
}

/* Where the owner is, seen from the test process (the aimer). */
enum where {
	OUTSIDE,	/* forked before the aimer entered, entering nothing */
	OTHER_JAIL,	/* forked before, then entered a jail [B] */
	OTHER_SUBJAIL,	/* forked before, then entered [B/b] */
	OWN_JAIL,	/* forked after the aimer's enter1: in [A] */
	OWN_SUBJAIL,	/* forked after the aimer's enter2: in [A/a] */
};

struct fown_case {
	enum where owner;
	int levels;		/* the levels the aimer enters */
	bool aim_before;	/* aim before entering, not after */
	bool delivered;
};

static void run_case(struct __test_metadata *const _metadata,
		     struct owner *owner, const struct target *t,
		     const enum aim how, const struct fown_case *c)
{
	const int owner_levels = c->owner == OTHER_JAIL ? 1 :
				 c->owner == OTHER_SUBJAIL ? 2 : 0;
	long before, after;
	int got;

	if (c->owner != OWN_JAIL && c->owner != OWN_SUBJAIL) {
		ASSERT_EQ(0, spawn_owner(owner, owner_levels));
		ASSERT_EQ(0, set_owner(how, t->fd, owner->pid));
	}
	if (c->aim_before)
		aim_or_fail(_metadata, how, t->fd);
	ASSERT_EQ(0, jail_enter_levels(1, c->levels > 1 ? 1 : c->levels));
	if (c->owner == OWN_JAIL) {
		ASSERT_EQ(0, spawn_owner(owner, 0));
		ASSERT_EQ(0, set_owner(how, t->fd, owner->pid));
	}
	ASSERT_EQ(0, jail_enter_levels(2, c->levels));
	if (c->owner == OWN_SUBJAIL) {
		ASSERT_EQ(0, spawn_owner(owner, 0));
		ASSERT_EQ(0, set_owner(how, t->fd, owner->pid));
	}
	ASSERT_EQ(c->levels, jail_state());
	if (!c->aim_before)
		aim_or_fail(_metadata, how, t->fd);

	before = jail_denials("file_send_sigiotask");
	ASSERT_LE(0, before);
	/* send_sigio() runs within the call: no waiting needed. */
	ASSERT_EQ(0, trigger(t, how));
	after = jail_denials("file_send_sigiotask");

	got = reap_owner(owner);
	ASSERT_LE(0, got);
	ASSERT_EQ(0, got & OWNER_FAILED);
	if (c->delivered) {
		EXPECT_EQ(GOT_SIG, got);
		EXPECT_EQ(before, after);
	} else {
		EXPECT_EQ(0, got);
		/* Counted once, under the hook; seen by the jail's reader. */
		EXPECT_EQ(before + 1, after);
	}
}

/*
 * Documented: an owner set and armed before entering keeps the signals
 * that the jailed task's I/O triggers.
 */
TEST_F(fown, armed_before_entering)
{
	const struct fown_case c = {
		.owner = OUTSIDE, .levels = 2, .aim_before = true,
		.delivered = true,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

/* [A/a] aims again at its unrestricted owner: nothing. */
TEST_F(fown, aimed_after_entering)
{
	const struct fown_case c = {
		.owner = OUTSIDE, .levels = 2, .delivered = false,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

/* [A] aims again at an owner in [B]: nothing. */
TEST_F(fown, aimed_after_enter1_at_other_jail)
{
	const struct fown_case c = {
		.owner = OTHER_JAIL, .levels = 1, .delivered = false,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

/* [A] aims again at an unrestricted owner: a jail may act on the host. */
TEST_F(fown, aimed_after_enter1_at_host)
{
	const struct fown_case c = {
		.owner = OUTSIDE, .levels = 1, .delivered = true,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

/* [A/a] aims again at an owner in [A], set before enter2. */
TEST_F(fown, aimed_after_enter2_at_own_jail)
{
	const struct fown_case c = {
		.owner = OWN_JAIL, .levels = 2, .delivered = true,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

/* [A/a] aims at an owner in [A/a]. */
TEST_F(fown, aimed_in_own_subjail)
{
	const struct fown_case c = {
		.owner = OWN_SUBJAIL, .levels = 2, .delivered = true,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

/* An unrestricted task aims at an owner in [B/b]: allowed. */
TEST_F(fown, unrestricted_aims_at_subjail)
{
	const struct fown_case c = {
		.owner = OTHER_SUBJAIL, .levels = 0, .delivered = true,
	};

	run_case(_metadata, &self->owner, &self->t, variant->aim, &c);
}

TEST_HARNESS_MAIN
