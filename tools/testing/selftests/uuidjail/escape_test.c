// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Ways out of a jail that must stay closed
 *
 * Each test starts unrestricted, in its own process group (the harness
 * runs it in a fresh child that called setpgrp()).  The signal used is
 * SIGWINCH, ignored by default: should a check ever fail, no bystander
 * process of the test machine dies.  Every process here blocks it, so
 * that a delivery stays pending and can be asked about.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <libgen.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define SIG SIGWINCH

static void block_sig(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIG);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static bool sig_pending(void)
{
	sigset_t set;

	return !sigpending(&set) && sigismember(&set, SIG);
}

/*
 * A waiter holds until its pipe is closed, then exits with 1 if SIG is
 * pending for it, 0 if not.  @hold is the pipe's write end on return.
 */
static pid_t spawn_waiter(int *hold)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		/* Hold no other waiter's pipe open, or it never sees EOF. */
		if (dup2(fds[0], 3) != 3 || close_range(4, ~0U, 0))
			_exit(2);
		while (read(3, &c, 1) > 0)
			;
		_exit(sig_pending());
	}
	close(fds[0]);
	*hold = fds[1];
	return pid;
}

/* Release a waiter: 1 if it got SIG, 0 if not, -1 on error. */
static int reap_waiter(pid_t pid, int hold)
{
	int status;

	close(hold);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * A restricted process J, with a waiter J2 in its own jail, sends SIG to
 * @target (-1 or a process group); J exits 0 only if the call succeeded
 * and J2 got the signal.
 */
static int jailed_broadcast(bool whole_group)
{
	int status, hold, ret;
	pid_t j, j2;

	j = fork();
	if (j == 0) {
		if (jail_enter_levels(1, 2))
			_exit(2);
		j2 = spawn_waiter(&hold);
		if (j2 < 0)
			_exit(2);
		ret = kill(whole_group ? -getpgrp() : -1, SIG);
		_exit(ret == 0 && reap_waiter(j2, hold) == 1 ? 0 : 1);
	}
	if (waitpid(j, &status, 0) != j || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

TEST(kill_minus_one)
{
	int hold;
	pid_t outsider;

	block_sig();
	outsider = spawn_waiter(&hold);
	ASSERT_LE(0, outsider);
	EXPECT_EQ(0, jailed_broadcast(false));
	EXPECT_EQ(0, reap_waiter(outsider, hold));
	EXPECT_FALSE(sig_pending());
}

TEST(kill_process_group)
{
	int hold;
	pid_t outsider;

	block_sig();
	outsider = spawn_waiter(&hold);
	ASSERT_LE(0, outsider);
	/* The outsider and this process share J's process group. */
	ASSERT_EQ(getpgrp(), getpgid(outsider));
	EXPECT_EQ(0, jailed_broadcast(true));
	EXPECT_EQ(0, reap_waiter(outsider, hold));
	EXPECT_FALSE(sig_pending());
}

static int set_owner(int fd, pid_t owner)
{
	if (fcntl(fd, F_SETOWN, owner) || fcntl(fd, F_SETSIG, SIG) ||
	    fcntl(fd, F_SETFL, O_ASYNC | O_NONBLOCK))
		return -errno;
	return 0;
}

/*
 * A jailed process points SIGIO at an outsider on a file it shares with
 * an unjailed process, which then triggers the I/O: the signal is still
 * judged by the jailed setter's label.
 */
TEST(sigio_through_passed_file)
{
	int fds[2], hold1, hold2, status;
	pid_t victim1, victim2, jailed;

	block_sig();
	victim1 = spawn_waiter(&hold1);
	victim2 = spawn_waiter(&hold2);
	ASSERT_LE(0, victim1);
	ASSERT_LE(0, victim2);
	ASSERT_EQ(0, pipe(fds));

	jailed = fork();
	ASSERT_LE(0, jailed);
	if (jailed == 0)
		_exit(jail_enter_levels(1, 2) || set_owner(fds[0], victim1));
	ASSERT_EQ(jailed, waitpid(jailed, &status, 0));
	ASSERT_EQ(0, status);

	ASSERT_EQ(1, write(fds[1], "x", 1));
	EXPECT_EQ(0, reap_waiter(victim1, hold1));

	/* Control: the same file and I/O, the owner set by us. */
	ASSERT_EQ(0, set_owner(fds[0], victim2));
	ASSERT_EQ(1, write(fds[1], "x", 1));
	EXPECT_EQ(1, reap_waiter(victim2, hold2));
}

/*
 * The owner is judged by the label its setter had when it set it: an
 * owner set before entering a jail still gets SIGIO, one set from inside
 * does not.
 */
TEST(sigio_owner_set_before_and_after_entering)
{
	int fds[2], hold1, hold2;
	pid_t before, after;

	block_sig();
	before = spawn_waiter(&hold1);
	after = spawn_waiter(&hold2);
	ASSERT_LE(0, before);
	ASSERT_LE(0, after);
	ASSERT_EQ(0, pipe(fds));

	ASSERT_EQ(0, set_owner(fds[0], before));
	ASSERT_EQ(0, jail_enter_levels(1, 2));
	EXPECT_EQ(-EPERM, kill(before, 0) ? -errno : 0);
	ASSERT_EQ(1, write(fds[1], "x", 1));
	EXPECT_EQ(1, reap_waiter(before, hold1));

	ASSERT_EQ(0, set_owner(fds[0], after));
	ASSERT_EQ(1, write(fds[1], "x", 1));
	EXPECT_EQ(0, reap_waiter(after, hold2));
}

/* A set-uid root program run from inside a jail is jailed too. */
TEST(setuid_root_helper)
{
	char path[PATH_MAX], pid[16], out[128] = "", want[64];
	int fds[2], hold, status;
	struct stat st;
	pid_t outsider, child;
	ssize_t len;

	helper_path(path, sizeof(path), "print_self_suid_root");
	if (stat(path, &st) || !(st.st_mode & S_ISUID) || st.st_uid != 0)
		SKIP(return, "no set-uid root print_self installed");

	block_sig();
	outsider = spawn_waiter(&hold);
	ASSERT_LE(0, outsider);
	ASSERT_EQ(0, jail_enter_levels(1, 2));
	ASSERT_EQ(0, pipe(fds));
	snprintf(pid, sizeof(pid), "%d", outsider);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		dup2(fds[1], 1);
		execl(path, path, "kill", pid, NULL);
		_exit(127);
	}
	close(fds[1]);
	len = read(fds[0], out, sizeof(out) - 1);
	out[len > 0 ? len : 0] = '\0';
	ASSERT_EQ(child, waitpid(child, &status, 0));
	ASSERT_EQ(0, status);
	snprintf(want, sizeof(want), "euid=0 kill=%d\n", EPERM);
	EXPECT_STREQ(want, out);
	EXPECT_EQ(0, reap_waiter(outsider, hold));
}

static void *kill_from_thread(void *pid)
{
	return (void *)(intptr_t)(kill(*(pid_t *)pid, SIG) ? errno : 0);
}

/* A thread started after entering carries the label. */
TEST(thread_after_entering)
{
	pthread_t thread;
	pid_t outsider;
	void *err;
	int hold;

	block_sig();
	outsider = spawn_waiter(&hold);
	ASSERT_LE(0, outsider);
	ASSERT_EQ(0, jail_enter_levels(1, 2));
	ASSERT_EQ(0, pthread_create(&thread, NULL, kill_from_thread,
				    &outsider));
	ASSERT_EQ(0, pthread_join(thread, &err));
	EXPECT_EQ(EPERM, (intptr_t)err);
	EXPECT_EQ(0, reap_waiter(outsider, hold));
}

/* Which /proc/PID/stat files can be opened: what ps(1) would list. */
static bool can_stat_proc(pid_t pid)
{
	return proc_open(pid, "stat", O_RDONLY) == 0;
}

TEST(ps_sees_only_its_jail)
{
	int hold_out, hold_in, listed = 0, others = 0;
	pid_t outsider, insider;
	struct dirent *d;
	DIR *proc;

	outsider = spawn_waiter(&hold_out);
	ASSERT_LE(0, outsider);
	ASSERT_EQ(0, jail_enter_prctl(1));
	insider = spawn_waiter(&hold_in);
	ASSERT_LE(0, insider);
	ASSERT_EQ(0, jail_enter_prctl(2));

	proc = opendir("/proc");
	ASSERT_NE(NULL, proc);
	while ((d = readdir(proc))) {
		pid_t pid = atoi(d->d_name);

		if (pid <= 0 || !can_stat_proc(pid))
			continue;
		listed++;
		if (pid != getpid() && pid != insider)
			others++;
	}
	closedir(proc);
	EXPECT_EQ(2, listed);
	EXPECT_EQ(0, others);
	EXPECT_FALSE(can_stat_proc(1));
	EXPECT_FALSE(can_stat_proc(outsider));
	EXPECT_TRUE(can_stat_proc(insider));
	reap_waiter(outsider, hold_out);
	reap_waiter(insider, hold_in);
}

/* With hidepid=invisible, other jails' PIDs are not even listed. */
TEST(hidepid_invisible)
{
	char dir[] = "/tmp/uuidjail-proc-XXXXXX", path[PATH_MAX];
	struct stat st;
	pid_t outsider;
	int hold;

	if (geteuid() != 0)
		SKIP(return, "mounting proc needs root");
	outsider = spawn_waiter(&hold);
	ASSERT_LE(0, outsider);
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_NE(NULL, mkdtemp(dir));
	/* gid=: members of the default gid 0 would see every PID. */
	ASSERT_EQ(0, mount("proc", dir, "proc", 0,
			   "hidepid=invisible,gid=4242"));

	/* No lookup before entering: a cached dentry would stay visible. */
	ASSERT_EQ(0, jail_enter_levels(1, 2));
	snprintf(path, sizeof(path), "%s/%d", dir, outsider);
	EXPECT_EQ(-1, stat(path, &st));
	EXPECT_EQ(ENOENT, errno);
	snprintf(path, sizeof(path), "%s/%d", dir, getpid());
	EXPECT_EQ(0, stat(path, &st));
	/* Without hidepid, /proc still lists the outsider. */
	EXPECT_EQ(0, proc_open(outsider, "", O_PATH));

	umount(dir);
	rmdir(dir);
	reap_waiter(outsider, hold);
}

/*
 * A /proc/PID directory opened while its task was reachable: once the
 * task enters another jail, opening an entry through it is denied,
 * because the check reads the task's label at the time of the open.
 */
TEST(proc_dir_opened_before_entering)
{
	int cmd[2], ack[2], dirfd, fd, status;
	char path[32], c;
	pid_t child;

	ASSERT_EQ(0, pipe(cmd));
	ASSERT_EQ(0, pipe(ack));
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		/* Enter a jail of our own when told, then wait for EOF. */
		close(cmd[1]);
		close(ack[0]);
		if (read(cmd[0], &c, 1) != 1 || jail_enter_prctl(1) ||
		    write(ack[1], "e", 1) != 1)
			_exit(1);
		_exit(read(cmd[0], &c, 1) != 0);
	}
	close(cmd[0]);
	close(ack[1]);

	ASSERT_EQ(0, jail_enter_prctl(1));
	snprintf(path, sizeof(path), "/proc/%d", child);
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, dirfd);
	fd = openat(dirfd, "status", O_RDONLY | O_CLOEXEC);
	EXPECT_LE(0, fd);
	close(fd);

	ASSERT_EQ(1, write(cmd[1], "e", 1));
	ASSERT_EQ(1, read(ack[0], &c, 1));
	EXPECT_EQ(-1, openat(dirfd, "status", O_RDONLY | O_CLOEXEC));
	EXPECT_EQ(EACCES, errno);

	close(dirfd);
	close(cmd[1]);
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
}

TEST_HARNESS_MAIN
