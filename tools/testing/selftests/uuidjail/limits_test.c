// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The documented limits of a jail
 *
 * Each test shows, from inside a restricted jail, one behaviour that the
 * admin guide (Documentation/admin-guide/LSM/uuidjail.rst) documents as
 * outside uuidjail's checks, so that a kernel change that alters it is
 * noticed and the guide updated.  The comment of each test names the
 * section it pins.  Every test first shows that the task it reaches is out
 * of reach of an ordinary check, then that the documented way still
 * reaches it.
 *
 * Tests that need what only root has (making a cgroup, a namespace)
 * skip without it, saying why.  Not here, for want of the feature in the
 * test kernel: BPF tracing (CONFIG_BPF_SYSCALL).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <mqueue.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/io_uring.h>
#include <linux/keyctl.h>
#include <linux/netlink.h>
#include <linux/nsfs.h>
#include <linux/perf_event.h>

#include "common.h"
#include "kselftest_harness.h"

/*
 * <linux/pidfd.h> clashes with glibc's <fcntl.h>: the first published
 * layout of struct pidfd_info, which the kernel accepts for ever.
 */
struct pidfd_info_v0 {
	__u64 mask;
	__u64 cgroupid;
	__u32 pid;
	__u32 tgid;
	__u32 ppid;
	__u32 ruid;
	__u32 rgid;
	__u32 euid;
	__u32 egid;
	__u32 suid;
	__u32 sgid;
	__u32 fsuid;
	__u32 fsgid;
	__s32 exit_code;
};

#define INFO_CREDS 0x2UL		/* PIDFD_INFO_CREDS */
#define INFO_EXIT 0x8UL		/* PIDFD_INFO_EXIT */
#define GET_INFO _IOWR(0xFF, 11, struct pidfd_info_v0)	/* PIDFD_GET_INFO */

/* How long a process waits for a signal it is expected to get. */
#define SIGNAL_WAIT_SECONDS 5

/* What the kernel's perfmon_capable() says. */
static bool perfmon_capable(void)
{
	return has_effective_cap(CAP_PERFMON) || has_effective_cap(CAP_SYS_ADMIN);
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

/* Wait up to SIGNAL_WAIT_SECONDS for @sig, which must be blocked. */
static bool got_signal(int sig)
{
	const struct timespec timeout = { SIGNAL_WAIT_SECONDS, 0 };
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, NULL, &timeout) == sig;
}

/*
 * An outsider: a child that stays unrestricted while its parent enters a
 * jail.  It runs @prep (if any), says it is ready, then waits until its
 * hold pipe is closed; if @sig is not 0, it blocks @sig first and then
 * exits 1 if @sig came (waiting for it a while), 0 if not.  Without @sig
 * it exits 0.  @hold is the pipe's write end on return.
 */
static pid_t spawn_outsider(int *hold, int sig, void (*prep)(void))
{
	int go[2], ready[2];
	pid_t pid;
	char c;

	if (pipe(go) || pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		if (sig)
			block(sig);
		if (prep)
			prep();
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		while (read(go[0], &c, 1) > 0)
			;
		_exit(sig ? got_signal(sig) : 0);
	}
	close(go[0]);
	close(ready[1]);
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		close(go[1]);
		go[1] = -1;
	}
	close(ready[0]);
	*hold = go[1];
	return pid;
}

/* Release an outsider: its exit status (0 or 1), or -1. */
static int reap_outsider(pid_t pid, int hold)
{
	int status;

	close(hold);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

static int enter_restricted(void)
{
	return jail_enter_levels(1, 2);
}

/* 0 if kill(@pid, 0) succeeds, else -errno. */
static int probe_kill(pid_t pid)
{
	return kill(pid, 0) ? -errno : 0;
}

/*
 * Guide: "/proc", and "Ways around a jail", the list of PIDs in /proc.
 * Without hidepid, a jailed task still lists every PID, and looks up
 * /proc/PID; stat() of it and opening an entry are denied.
 */
TEST(proc_lists_every_pid)
{
	char path[64];
	bool listed = false;
	struct dirent *d;
	struct stat st;
	pid_t outsider;
	DIR *proc;
	int hold;

	outsider = spawn_outsider(&hold, 0, NULL);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EACCES, proc_open(outsider, "status", O_RDONLY));

	proc = opendir("/proc");
	ASSERT_NE(NULL, proc);
	while ((d = readdir(proc)))
		if (atoi(d->d_name) == outsider)
			listed = true;
	closedir(proc);
	EXPECT_TRUE(listed);

	snprintf(path, sizeof(path), "/proc/%d", outsider);
	EXPECT_EQ(0, access(path, F_OK));
	EXPECT_EQ(-1, stat(path, &st));
	EXPECT_EQ(EACCES, errno);

	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

/* The outsider's copy says so; ours never does. */
static char outsider_data[64];

static void write_outsider_data(void)
{
	snprintf(outsider_data, sizeof(outsider_data), "only in the outsider");
}

/*
 * Guide: "Ways around a jail", descriptors from outside (and "/proc": a
 * file already open stays open).  /proc/PID/status and /proc/PID/mem
 * opened while the task was in reach keep working after entering: the
 * check is made at open, and reading mem is not checked again.  Here the
 * files are opened before entering; one received with SCM_RIGHTS is the
 * same open file.
 */
TEST(fd_opened_outside_keeps_working)
{
	char path[64], buf[4096], want[32];
	int status_fd, mem_fd, hold;
	pid_t outsider;
	ssize_t len;

	outsider = spawn_outsider(&hold, 0, write_outsider_data);
	ASSERT_LT(0, outsider);
	snprintf(path, sizeof(path), "/proc/%d/status", outsider);
	status_fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, status_fd);
	snprintf(path, sizeof(path), "/proc/%d/mem", outsider);
	mem_fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, mem_fd);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EACCES, proc_open(outsider, "status", O_RDONLY));
	EXPECT_EQ(-EACCES, proc_open(outsider, "mem", O_RDONLY));

	len = read(status_fd, buf, sizeof(buf) - 1);
	ASSERT_LT(0, len);
	buf[len] = '\0';
	snprintf(want, sizeof(want), "\nPid:\t%d\n", outsider);
	EXPECT_NE(NULL, strstr(buf, want));

	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(sizeof(outsider_data),
		  pread(mem_fd, buf, sizeof(outsider_data),
			(off_t)(uintptr_t)outsider_data));
	EXPECT_STREQ("only in the outsider", buf);
	EXPECT_STREQ("", outsider_data);

	close(status_fd);
	close(mem_fd);
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

/*
 * Guide: "Ways around a jail", sockets of other families.  Only UNIX
 * sockets are judged: a task of another jail that listens on a
 * NETLINK_USERSOCK socket gets a message sent to its port, which any
 * task may send to, although its UNIX sockets are out of reach.
 */
TEST(netlink_usersock_of_other_jail)
{
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	int go[2], ready[2], port, status, fd;
	pid_t pid;
	char c;

	ASSERT_EQ(0, pipe(go));
	ASSERT_EQ(0, pipe(ready));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		struct sockaddr_nl self = { .nl_family = AF_NETLINK };
		socklen_t len = sizeof(self);
		int fd = -1;

		close(go[1]);
		close(ready[0]);
		port = -1;
		if (!enter_restricted())
			fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_USERSOCK);
		if (fd >= 0 &&
		    !bind(fd, (struct sockaddr *)&self, sizeof(self)) &&
		    !getsockname(fd, (struct sockaddr *)&self, &len))
			port = self.nl_pid;
		if (write(ready[1], &port, sizeof(port)) != sizeof(port))
			_exit(2);
		while (read(go[0], &c, 1) > 0)
			;
		_exit(recv(fd, &c, 1, MSG_DONTWAIT) == 1 && c == 'x' ? 0 : 1);
	}
	close(go[0]);
	close(ready[1]);
	ASSERT_EQ(sizeof(port), read(ready[0], &port, sizeof(port)));
	ASSERT_LT(0, port);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(pid));
	to.nl_pid = port;
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_USERSOCK);
	ASSERT_LE(0, fd);
	EXPECT_EQ(1, sendto(fd, "x", 1, 0, (struct sockaddr *)&to, sizeof(to)));
	close(fd);
	close(go[1]);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	/* The message arrived. */
	EXPECT_EQ(0, WEXITSTATUS(status));
}

/*
 * Guide: "Ways around a jail", PIDFD_GET_INFO.  pidfd_open() takes no
 * check and PIDFD_GET_INFO answers with the outsider's ids, parent and,
 * once it is gone, its exit status; a signal through the pidfd is still
 * denied.
 */
TEST(pidfd_get_info_on_outsider)
{
	struct pidfd_info_v0 info;
	pid_t outsider;
	int pidfd, hold, status;

	outsider = spawn_outsider(&hold, 0, NULL);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));

	pidfd = sys_pidfd_open(outsider, 0);
	ASSERT_LE(0, pidfd);
	EXPECT_EQ(-1, sys_pidfd_send_signal(pidfd, 0));
	EXPECT_EQ(EPERM, errno);

	memset(&info, 0, sizeof(info));
	info.mask = INFO_CREDS;
	ASSERT_EQ(0, ioctl(pidfd, GET_INFO, &info));
	EXPECT_TRUE(info.mask & INFO_CREDS);
	EXPECT_EQ(outsider, info.pid);
	EXPECT_EQ(getpid(), info.ppid);
	EXPECT_EQ(getuid(), info.ruid);
	EXPECT_EQ(geteuid(), info.euid);

	close(hold);
	ASSERT_EQ(outsider, waitpid(outsider, &status, 0));
	memset(&info, 0, sizeof(info));
	info.mask = INFO_EXIT;
	ASSERT_EQ(0, ioctl(pidfd, GET_INFO, &info));
	ASSERT_TRUE(info.mask & INFO_EXIT);
	EXPECT_EQ(status, info.exit_code);
	close(pidfd);
}

/*
 * Guide: "Ways around a jail", getpriority() and prlimit64(pid, NULL,
 * old).  Reading is not checked; changing is.
 */
TEST(getpriority_and_prlimit_read)
{
	struct rlimit lim;
	pid_t outsider;
	int hold;

	outsider = spawn_outsider(&hold, 0, NULL);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, enter_restricted());

	errno = 0;
	EXPECT_EQ(0, getpriority(PRIO_PROCESS, outsider));
	EXPECT_EQ(0, errno);
	EXPECT_EQ(-1, setpriority(PRIO_PROCESS, outsider, 1));
	EXPECT_EQ(EPERM, errno);

	ASSERT_EQ(0, prlimit(outsider, RLIMIT_NOFILE, NULL, &lim));
	EXPECT_LT(0, lim.rlim_cur);
	EXPECT_EQ(-1, prlimit(outsider, RLIMIT_NOFILE, &lim, NULL));
	EXPECT_EQ(EPERM, errno);

	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

/* One page of the outsider's, at the same address in both processes. */
static char outsider_pages[2 * 4096];

static void *outsider_page(void)
{
	return (void *)(((uintptr_t)outsider_pages + 4095) & ~(uintptr_t)4095);
}

static void touch_outsider_page(void)
{
	memset(outsider_page(), 1, 4096);
}

static int madvise_cold(int pidfd)
{
	struct iovec vec = { outsider_page(), 4096 };
	long ret;

	ret = syscall(__NR_process_madvise, pidfd, &vec, 1, MADV_COLD, 0);
	if (ret < 0)
		return -errno;
	return ret == 4096 ? 0 : -EIO;
}

/*
 * Guide: "Ways around a jail", process_madvise(), and "What it still can
 * do", CAP_PERFMON or CAP_SYS_ADMIN.  mm_access() accepts
 * perfmon_capable() after uuidjail refused, so with CAP_SYS_NICE as well
 * (root) the call goes through; without those capabilities, uuidjail's
 * denial stands (EACCES, where CAP_SYS_NICE alone would give EPERM).
 */
TEST(process_madvise_with_cap_perfmon)
{
	const bool nice = has_effective_cap(CAP_SYS_NICE);
	const bool perfmon = perfmon_capable();
	int pidfd, hold, before;
	pid_t outsider;

	outsider = spawn_outsider(&hold, 0, touch_outsider_page);
	ASSERT_LT(0, outsider);
	pidfd = sys_pidfd_open(outsider, 0);
	ASSERT_LE(0, pidfd);
	before = madvise_cold(pidfd);
	EXPECT_EQ(nice ? 0 : -EPERM, before);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	EXPECT_EQ(perfmon ? before : -EACCES, madvise_cold(pidfd));

	close(pidfd);
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

static int sys_perf_event_open(struct perf_event_attr *attr, pid_t pid)
{
	return syscall(__NR_perf_event_open, attr, pid, -1, -1,
		       PERF_FLAG_FD_CLOEXEC);
}

/* A user-space software clock of @pid: no kernel profiling asked. */
static void task_clock_attr(struct perf_event_attr *attr)
{
	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	attr->type = PERF_TYPE_SOFTWARE;
	attr->config = PERF_COUNT_SW_TASK_CLOCK;
	attr->exclude_kernel = 1;
	attr->exclude_hv = 1;
}

/*
 * Guide: "Operations", perf_event_open(pid).  perf_check_permission()
 * lets CAP_PERFMON or CAP_SYS_ADMIN skip the ptrace check, so uuidjail
 * judges the event's target when the event is made (perf_event_alloc):
 * no counter on an outsider, whatever the capabilities; a counter on a
 * task of the caller's own sub-jail still works.
 */
TEST(perf_event_open_judged_by_target)
{
	struct perf_event_attr attr;
	pid_t outsider, insider;
	__u64 count;
	int fd, hold, hold_in;

	outsider = spawn_outsider(&hold, 0, NULL);
	ASSERT_LT(0, outsider);
	task_clock_attr(&attr);
	fd = sys_perf_event_open(&attr, outsider);
	if (fd < 0 && errno == ENOENT)
		SKIP(goto out, "no perf software events");
	ASSERT_LE(0, fd);
	close(fd);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	fd = sys_perf_event_open(&attr, outsider);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(EPERM, errno);

	insider = spawn_outsider(&hold_in, 0, NULL);
	ASSERT_LT(0, insider);
	fd = sys_perf_event_open(&attr, insider);
	ASSERT_LE(0, fd);
	EXPECT_EQ(sizeof(count), read(fd, &count, sizeof(count)));
	close(fd);
	EXPECT_EQ(0, reap_outsider(insider, hold_in));
out:
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

static __u64 now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * A spinning outsider for perf: it blocks SIGTRAP, says it is ready, then
 * spins until SIGTRAP is pending (exit 1), or its hold pipe is closed or
 * time is up (exit 0).  It spins in user mode (the vDSO clock), which
 * keeps its user-space task clock moving.
 */
static pid_t spawn_spinner(int *hold)
{
	int go[2], ready[2];
	struct pollfd pfd;
	sigset_t pending;
	__u64 end, step;
	pid_t pid;
	char c;

	if (pipe(go) || pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		close(ready[0]);
		block(SIGTRAP);
		if (write(ready[1], "r", 1) != 1)
			_exit(2);
		pfd = (struct pollfd){ .fd = go[0], .events = POLLIN };
		end = now_ns() + 2000000000ULL * SIGNAL_WAIT_SECONDS;
		while (now_ns() < end && poll(&pfd, 1, 0) == 0) {
			if (!sigpending(&pending) &&
			    sigismember(&pending, SIGTRAP))
				_exit(1);
			step = now_ns() + 1000000;
			while (now_ns() < step)
				;
		}
		_exit(0);
	}
	close(go[0]);
	close(ready[1]);
	if (pid < 0 || read(ready[0], &c, 1) != 1) {
		close(go[1]);
		go[1] = -1;
	}
	close(ready[0]);
	*hold = go[1];
	return pid;
}

/*
 * Guide: "Operations", perf_event_open(pid).  A sigtrap event would send
 * the outsider SIGTRAP through send_sig_perf(), which no LSM sees; with
 * CAP_PERFMON and CAP_KILL perf itself would allow it.  The event is
 * refused when it is made, so no SIGTRAP ever reaches the outsider.
 */
TEST(perf_sigtrap_on_outsider_refused)
{
	struct perf_event_attr attr;
	pid_t outsider;
	int fd, hold;

	outsider = spawn_spinner(&hold);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));

	task_clock_attr(&attr);
	attr.sample_period = 100000;	/* ns of the outsider's time */
	attr.sigtrap = 1;
	attr.remove_on_exec = 1;
	fd = sys_perf_event_open(&attr, outsider);
	EXPECT_EQ(-1, fd);
	EXPECT_EQ(EPERM, errno);
	if (fd >= 0)
		close(fd);
	/* The spinner exits 0 when released without SIGTRAP pending. */
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

/* The outsider aims its own SIGIO at itself on the pipe's read end. */
static int sigio_pipe[2];

static void aim_sigio_at_self(void)
{
	if (fcntl(sigio_pipe[0], F_SETOWN, getpid()) ||
	    fcntl(sigio_pipe[0], F_SETSIG, SIGUSR2) ||
	    fcntl(sigio_pipe[0], F_SETFL, O_ASYNC | O_NONBLOCK))
		_exit(3);
}

/*
 * Guide: "Signals to a file's owner".  An owner set and armed outside
 * the jail keeps receiving the signal that I/O by a jailed task triggers:
 * the jailed task aimed nothing.
 */
TEST(sigio_owner_armed_outside)
{
	pid_t outsider;
	int hold;

	ASSERT_EQ(0, pipe(sigio_pipe));
	outsider = spawn_outsider(&hold, SIGUSR2, aim_sigio_at_self);
	ASSERT_LT(0, outsider);
	close(sigio_pipe[0]);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	ASSERT_EQ(1, write(sigio_pipe[1], "x", 1));
	EXPECT_EQ(1, reap_outsider(outsider, hold));
	close(sigio_pipe[1]);
}

/*
 * Guide: "Signals uuidjail does not check".  The kernel sends SIGCHLD to
 * the parent of an exiting jailed task, though the task may not signal it.
 */
TEST(sigchld_to_outside_parent)
{
	pid_t child;
	int status;

	block(SIGCHLD);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0) {
		if (enter_restricted())
			_exit(2);
		_exit(probe_kill(getppid()) == -EPERM ? 0 : 1);
	}
	EXPECT_TRUE(got_signal(SIGCHLD));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_EQ(0, status);
}

/*
 * A pty pair.  Without a devpts on /dev/pts, root mounts a private one in
 * a mount namespace of its own; others skip.  Returns 0, or -errno.
 */
struct pty {
	int master;
	int slave;
	char dir[32];	/* a private devpts mount, or "" */
};

static int pty_open(struct pty *pty)
{
	char path[64];
	int unlock = 0;

	pty->dir[0] = '\0';
	pty->master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (pty->master < 0) {
		if (geteuid() != 0)
			return -ENODEV;
		snprintf(pty->dir, sizeof(pty->dir), "/tmp/uuidjail-pts-XXXXXX");
		if (unshare(CLONE_NEWNS) ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) ||
		    !mkdtemp(pty->dir))
			return -errno;
		if (mount("devpts", pty->dir, "devpts", 0,
			  "newinstance,ptmxmode=0666"))
			return -errno;
		snprintf(path, sizeof(path), "%s/ptmx", pty->dir);
		pty->master = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
		if (pty->master < 0)
			return -errno;
	}
	if (ioctl(pty->master, TIOCSPTLCK, &unlock))
		return -errno;
	pty->slave = ioctl(pty->master, TIOCGPTPEER,
			   O_RDWR | O_NOCTTY | O_CLOEXEC);
	return pty->slave < 0 ? -errno : 0;
}

static void pty_close(struct pty *pty)
{
	close(pty->slave);
	close(pty->master);
	if (pty->dir[0]) {
		umount2(pty->dir, MNT_DETACH);
		rmdir(pty->dir);
	}
}

/*
 * An outside shell: a session leader whose controlling terminal is the
 * slave, hence in its foreground process group.  It blocks SIGINT, says
 * it is ready, and exits 1 if SIGINT comes within a while, 0 if not.
 */
static pid_t spawn_terminal_owner(struct pty *pty)
{
	int ready[2];
	pid_t pid;
	char c;

	if (pipe(ready))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(pty->master);
		block(SIGINT);
		if (setsid() < 0 || ioctl(pty->slave, TIOCSCTTY, 0) ||
		    write(ready[1], "r", 1) != 1)
			_exit(2);
		_exit(got_signal(SIGINT));
	}
	close(ready[1]);
	if (pid > 0 && read(ready[0], &c, 1) != 1)
		pid = -1;
	close(ready[0]);
	return pid;
}

/* The outsider's exit status: 1 if it got SIGINT, 0 if not, -1. */
static int reap_terminal_owner(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * Guide: "Ways around a jail", a pty master.  TIOCSIG on the master sends
 * the slave's foreground group (outside the jail) a signal the jailed
 * task may not send with kill(): pty_signal() uses kill_pgrp() with priv
 * set, which no LSM sees.
 */
TEST(pty_tiocsig_to_outside_group)
{
	struct pty pty;
	pid_t outsider;
	int err;

	err = pty_open(&pty);
	if (err)
		SKIP(return, "no pty: %s", strerror(-err));
	outsider = spawn_terminal_owner(&pty);
	ASSERT_LT(0, outsider);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	EXPECT_EQ(0, ioctl(pty.master, TIOCSIG, SIGINT));
	EXPECT_EQ(1, reap_terminal_owner(outsider));
	pty_close(&pty);
}

/*
 * Guide: "Ways around a jail", a pty master.  Writing ^C to the master
 * makes the line discipline send SIGINT to the slave's foreground group
 * (n_tty's isig(), kill_pgrp() with priv set).
 */
TEST(pty_ctrl_c_to_outside_group)
{
	struct pty pty;
	pid_t outsider;
	int err;

	err = pty_open(&pty);
	if (err)
		SKIP(return, "no pty: %s", strerror(-err));
	outsider = spawn_terminal_owner(&pty);
	ASSERT_LT(0, outsider);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	EXPECT_EQ(1, write(pty.master, "\003", 1));
	EXPECT_EQ(1, reap_terminal_owner(outsider));
	pty_close(&pty);
}

static bool tiocsti_allowed(void)
{
	char c = '0';
	int fd;

	fd = open("/proc/sys/dev/tty/legacy_tiocsti", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (read(fd, &c, 1) != 1)
		c = '0';
	close(fd);
	return c == '1';
}

/*
 * Guide: "Ways around a jail", TIOCSTI into a shared controlling
 * terminal.  A jailed task that shares its controlling terminal with an
 * outside shell types a line that the shell reads (tiocsti()), when
 * dev.tty.legacy_tiocsti is 1 or with CAP_SYS_ADMIN.
 *
 * The outside shell forks the jailed task, waits for it, then reads the
 * terminal: it exits 0 if it read "x\n", 2 if the jailed task could not
 * type, 3 if it read something else.
 */
TEST(tiocsti_into_shared_terminal)
{
	struct pty pty;
	pid_t shell;
	int err, status;

	if (!tiocsti_allowed() && !has_effective_cap(CAP_SYS_ADMIN))
		SKIP(return, "TIOCSTI is off (dev.tty.legacy_tiocsti=0)");
	err = pty_open(&pty);
	if (err)
		SKIP(return, "no pty: %s", strerror(-err));

	shell = fork();
	ASSERT_LE(0, shell);
	if (shell == 0) {
		struct pollfd pfd = { .fd = pty.slave, .events = POLLIN };
		char line[8] = "";
		pid_t jailed;

		close(pty.master);
		if (setsid() < 0 || ioctl(pty.slave, TIOCSCTTY, 0))
			_exit(4);
		jailed = fork();
		if (jailed == 0) {
			if (enter_restricted() ||
			    probe_kill(getppid()) != -EPERM)
				_exit(1);
			_exit(ioctl(pty.slave, TIOCSTI, "x") ||
			      ioctl(pty.slave, TIOCSTI, "\n"));
		}
		if (jailed < 0 || waitpid(jailed, &status, 0) != jailed ||
		    status)
			_exit(2);
		if (poll(&pfd, 1, SIGNAL_WAIT_SECONDS * 1000) != 1 ||
		    read(pty.slave, line, sizeof(line) - 1) != 2)
			_exit(3);
		_exit(strcmp(line, "x\n") ? 3 : 0);
	}
	ASSERT_EQ(shell, waitpid(shell, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	pty_close(&pty);
}

/*
 * Guide: "Ways around a jail", descriptors from outside.  An outsider
 * opens its own /proc/PID/status and /proc/PID/mem after the jailed task
 * entered and sends them with SCM_RIGHTS: both work in the jail, although
 * the jailed task may open neither.  Receiving a descriptor is not judged.
 */
TEST(fd_received_from_outside)
{
	char buf[4096], want[32], c;
	int sv[2], fds[2], status;
	pid_t outsider;
	ssize_t len;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	outsider = fork();
	ASSERT_LE(0, outsider);
	if (outsider == 0) {
		close(sv[0]);
		write_outsider_data();
		if (read(sv[1], &c, 1) != 1)
			_exit(2);
		fds[0] = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
		fds[1] = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
		if (fds[0] < 0 || fds[1] < 0 || send_fds(sv[1], fds, 2, "f", 1))
			_exit(3);
		while (read(sv[1], &c, 1) > 0)
			;
		_exit(0);
	}
	close(sv[1]);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	EXPECT_EQ(-EACCES, proc_open(outsider, "status", O_RDONLY));
	EXPECT_EQ(-EACCES, proc_open(outsider, "mem", O_RDONLY));

	ASSERT_EQ(1, write(sv[0], "?", 1));
	ASSERT_EQ(0, recv_fds(sv[0], fds, 2, &c, 1));
	len = read(fds[0], buf, sizeof(buf) - 1);
	ASSERT_LT(0, len);
	buf[len] = '\0';
	snprintf(want, sizeof(want), "\nPid:\t%d\n", outsider);
	EXPECT_NE(NULL, strstr(buf, want));

	memset(buf, 0, sizeof(buf));
	ASSERT_EQ(sizeof(outsider_data),
		  pread(fds[1], buf, sizeof(outsider_data),
			(off_t)(uintptr_t)outsider_data));
	EXPECT_STREQ("only in the outsider", buf);

	close(fds[0]);
	close(fds[1]);
	close(sv[0]);
	ASSERT_EQ(outsider, waitpid(outsider, &status, 0));
	EXPECT_EQ(0, status);
}

static long sys_keyctl(int op, unsigned long arg2, unsigned long arg3,
		       unsigned long arg4, unsigned long arg5)
{
	return syscall(__NR_keyctl, op, arg2, arg3, arg4, arg5);
}

#define OUTSIDER_KEY "uuidjail:outsider"
#define OUTSIDER_SECRET "the outsider's secret"
#define JAIL_KEY "uuidjail:jail"

/*
 * The jailed child of keyctl_session_to_outside_parent: it makes a
 * session keyring with a key of its own in it, hands the keyring to its
 * parent, sends its id up and, once the parent says it added a key,
 * reads that key.  Exits 0, or the step that failed.
 */
static int session_to_parent_child(int up, int down)
{
	char buf[64] = "";
	long ring, key;
	char c;

	if (enter_restricted() || probe_kill(getppid()) != -EPERM)
		return 2;
	ring = sys_keyctl(KEYCTL_JOIN_SESSION_KEYRING, 0, 0, 0, 0);
	if (ring < 0 ||
	    syscall(__NR_add_key, "user", JAIL_KEY, "planted", 7,
		    KEY_SPEC_SESSION_KEYRING) < 0)
		return 3;
	if (sys_keyctl(KEYCTL_SESSION_TO_PARENT, 0, 0, 0, 0))
		return 4;
	/* The parent takes the keyring on its way back to user space. */
	if (write(up, &ring, sizeof(ring)) != sizeof(ring) ||
	    read(down, &c, 1) != 1)
		return 5;
	key = sys_keyctl(KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING,
			 (unsigned long)"user", (unsigned long)OUTSIDER_KEY, 0);
	if (key < 0)
		return 6;
	if (sys_keyctl(KEYCTL_READ, key, (unsigned long)buf, sizeof(buf) - 1,
		       0) != strlen(OUTSIDER_SECRET))
		return 7;
	return strcmp(buf, OUTSIDER_SECRET) ? 8 : 0;
}

/*
 * Guide: "Ways around a jail", KEYCTL_SESSION_TO_PARENT.  A jailed child
 * may not signal its unrestricted parent, yet it replaces the parent's
 * session keyring with one of its own: the parent's uid and gids match
 * and it is single-threaded, which is all keyctl_session_to_parent()
 * asks.  The keyring is then shared: the parent finds the key the jailed
 * child put in it, and the child reads the key its parent adds to it.
 */
TEST(keyctl_session_to_outside_parent)
{
	int up[2], down[2], status;
	long before, ring, key;
	pid_t child;

	ASSERT_EQ(0, pipe(up));
	ASSERT_EQ(0, pipe(down));
	before = sys_keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING,
			    0, 0, 0);
	ASSERT_LT(0, before);
	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		_exit(session_to_parent_child(up[1], down[0]));
	close(up[1]);
	close(down[0]);

	ASSERT_EQ(sizeof(ring), read(up[0], &ring, sizeof(ring)));
	EXPECT_NE(before, ring);
	EXPECT_EQ(ring, sys_keyctl(KEYCTL_GET_KEYRING_ID,
				   KEY_SPEC_SESSION_KEYRING, 0, 0, 0));
	EXPECT_LT(0, sys_keyctl(KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING,
				(unsigned long)"user", (unsigned long)JAIL_KEY,
				0));
	key = syscall(__NR_add_key, "user", OUTSIDER_KEY, OUTSIDER_SECRET,
		      strlen(OUTSIDER_SECRET), KEY_SPEC_SESSION_KEYRING);
	EXPECT_LT(0, key);
	ASSERT_EQ(1, write(down[1], "k", 1));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	if (key > 0)
		sys_keyctl(KEYCTL_INVALIDATE, key, 0, 0, 0);
	close(up[0]);
	close(down[1]);
}

#define CGROUP_ROOT "/sys/fs/cgroup"
/* The unprivileged uid the test VM uses. */
#define DELEGATE_UID 1000

static int cg_write(const char *cg, const char *file, const char *text)
{
	char path[128];
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s", cg, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = -errno;
	close(fd);
	return err;
}

static int cg_write_pid(const char *cg, const char *file, pid_t pid)
{
	char text[16];

	snprintf(text, sizeof(text), "%d", pid);
	return cg_write(cg, file, text);
}

/* Wait up to SIGNAL_WAIT_SECONDS for @cg's cgroup.events to say frozen. */
static bool cg_wait_frozen(const char *cg)
{
	char path[128], buf[256];
	int tries, fd;
	ssize_t len;

	snprintf(path, sizeof(path), "%s/cgroup.events", cg);
	for (tries = 0; tries < SIGNAL_WAIT_SECONDS * 100; tries++) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len < 0)
			return false;
		buf[len] = '\0';
		if (strstr(buf, "frozen 1\n"))
			return true;
		usleep(10000);
	}
	return false;
}

/* Wait up to @ms for the outsider to read what is in its hold pipe. */
static bool hold_drained(int hold, int ms)
{
	int queued;

	for (; ms > 0; ms -= 10) {
		if (ioctl(hold, FIONREAD, &queued))
			return false;
		if (!queued)
			return true;
		usleep(10000);
	}
	return false;
}

static int become(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
	    setresuid(uid, uid, uid))
		return -errno;
	return 0;
}

static void become_delegate(void)
{
	if (become(DELEGATE_UID))
		_exit(3);
}

/*
 * A cgroup that root makes outside the jail, and in the "delegated"
 * variant delegates to DELEGATE_UID as cgroup-v2.rst describes (the
 * directory, cgroup.procs, cgroup.threads and cgroup.subtree_control),
 * as a service manager does for a user session.  The parent process of
 * the test removes it.
 */
FIXTURE(cgroup) {
	char top[64];
	char sub[80];	/* made from inside the jail */
	pid_t outsider;
};

FIXTURE_VARIANT(cgroup) {
	uid_t uid;	/* of the jailed task and the outsider */
};

FIXTURE_VARIANT_ADD(cgroup, root) {
	.uid = 0,
};

FIXTURE_VARIANT_ADD(cgroup, delegated) {
	.uid = DELEGATE_UID,
};

FIXTURE_SETUP(cgroup)
{
	static const char * const delegated[] = {
		"", "cgroup.procs", "cgroup.threads", "cgroup.subtree_control",
	};
	char path[128];
	size_t i;

	if (geteuid() != 0)
		SKIP(return, "only root makes a cgroup in " CGROUP_ROOT
		     " (the root round delegates one to uid %d)",
		     DELEGATE_UID);
	if (access(CGROUP_ROOT "/cgroup.procs", F_OK))
		SKIP(return, "no cgroup2 on " CGROUP_ROOT);
	snprintf(self->top, sizeof(self->top),
		 CGROUP_ROOT "/uuidjail-limits-%d", getpid());
	snprintf(self->sub, sizeof(self->sub), "%s/jail", self->top);
	self->outsider = 0;
	ASSERT_EQ(0, mkdir(self->top, 0755));
	for (i = 0; variant->uid && i < sizeof(delegated) / sizeof(*delegated);
	     i++) {
		snprintf(path, sizeof(path), "%s/%s", self->top, delegated[i]);
		ASSERT_EQ(0, chown(path, variant->uid, variant->uid));
	}
}

FIXTURE_TEARDOWN_PARENT(cgroup)
{
	int tries;

	if (self->outsider > 0)
		kill(self->outsider, SIGKILL);
	/* A killed task leaves its cgroup as it exits, not at once. */
	for (tries = 0; tries < SIGNAL_WAIT_SECONDS * 100; tries++) {
		if (rmdir(self->sub) && errno != ENOENT) {
			usleep(10000);
			continue;
		}
		if (!rmdir(self->top) || errno == ENOENT)
			return;
		usleep(10000);
	}
	TH_LOG("could not remove %s", self->top);
}

/*
 * Guide: "Ways around a jail", cgroup.kill, cgroup.freeze, cgroup.procs
 * of a cgroup the jail's uid may write.  An outsider placed outside the
 * jail in a cgroup that root made (and in the "delegated" variant gave to
 * the outsider's uid) is moved by the jailed task into a cgroup of its
 * own making, frozen there, thawed and killed: kill() is denied, but
 * cgroupfs looks at file permissions only, and cgroup.kill sends SIGKILL
 * with send_sig(), which no LSM sees.  In the delegated variant the
 * top's own cgroup.kill stays root's: only what was delegated is writable.
 */
TEST_F(cgroup, freeze_and_kill_from_jail)
{
	pid_t outsider;
	int hold, status;

	outsider = spawn_outsider(&hold, 0,
				  variant->uid ? become_delegate : NULL);
	ASSERT_LT(0, outsider);
	self->outsider = outsider;
	ASSERT_EQ(0, cg_write_pid(self->top, "cgroup.procs", outsider));

	if (variant->uid)
		ASSERT_EQ(0, become(variant->uid));
	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	if (variant->uid)
		EXPECT_EQ(-EACCES, cg_write(self->top, "cgroup.kill", "1"));

	ASSERT_EQ(0, mkdir(self->sub, 0755));
	ASSERT_EQ(0, cg_write_pid(self->sub, "cgroup.procs", outsider));

	/* Frozen, it does not read the byte put in its hold pipe. */
	ASSERT_EQ(0, cg_write(self->sub, "cgroup.freeze", "1"));
	EXPECT_TRUE(cg_wait_frozen(self->sub));
	ASSERT_EQ(1, write(hold, "x", 1));
	EXPECT_FALSE(hold_drained(hold, 200));
	ASSERT_EQ(0, cg_write(self->sub, "cgroup.freeze", "0"));
	EXPECT_TRUE(hold_drained(hold, SIGNAL_WAIT_SECONDS * 1000));

	ASSERT_EQ(0, cg_write(self->sub, "cgroup.kill", "1"));
	ASSERT_EQ(outsider, waitpid(outsider, &status, 0));
	self->outsider = 0;
	EXPECT_TRUE(WIFSIGNALED(status));
	EXPECT_EQ(SIGKILL, WTERMSIG(status));
	close(hold);
}

#define RING_ENTRIES 4

/* An io_uring ring, mapped. */
struct ring {
	int fd;
	struct io_uring_params p;
	void *sq;
	void *cq;
	struct io_uring_sqe *sqes;
};

static __u32 *ring_u32(void *map, __u32 off)
{
	return (__u32 *)((char *)map + off);
}

static size_t ring_sq_len(const struct ring *r)
{
	return r->p.sq_off.array + r->p.sq_entries * sizeof(__u32);
}

static size_t ring_cq_len(const struct ring *r)
{
	return r->p.cq_off.cqes + r->p.cq_entries * sizeof(struct io_uring_cqe);
}

static size_t ring_sqes_len(const struct ring *r)
{
	return r->p.sq_entries * sizeof(struct io_uring_sqe);
}

/* Map the ring of @r->fd, set up with @r->p: 0 or -errno. */
static int ring_map(struct ring *r)
{
	const int prot = PROT_READ | PROT_WRITE;
	const int flags = MAP_SHARED | MAP_POPULATE;

	r->sq = mmap(NULL, ring_sq_len(r), prot, flags, r->fd,
		     IORING_OFF_SQ_RING);
	r->cq = mmap(NULL, ring_cq_len(r), prot, flags, r->fd,
		     IORING_OFF_CQ_RING);
	r->sqes = mmap(NULL, ring_sqes_len(r), prot, flags, r->fd,
		       IORING_OFF_SQES);
	if (r->sq == MAP_FAILED || r->cq == MAP_FAILED ||
	    r->sqes == MAP_FAILED)
		return -errno;
	return 0;
}

/* A ring of this task's, set up with @flags: 0 or -errno. */
static int ring_setup(struct ring *r, __u32 flags)
{
	memset(r, 0, sizeof(*r));
	r->p.flags = flags;
	r->p.sq_thread_idle = 100;	/* ms */
	r->fd = syscall(__NR_io_uring_setup, RING_ENTRIES, &r->p);
	if (r->fd < 0)
		return -errno;
	return ring_map(r);
}

static void ring_close(struct ring *r)
{
	if (r->sq && r->sq != MAP_FAILED)
		munmap(r->sq, ring_sq_len(r));
	if (r->cq && r->cq != MAP_FAILED)
		munmap(r->cq, ring_cq_len(r));
	if (r->sqes && r->sqes != MAP_FAILED)
		munmap(r->sqes, ring_sqes_len(r));
	close(r->fd);
}

/*
 * Submit @sqe and wait for its completion: its result.  The same call
 * submits on a ring without SQPOLL and wakes the polling thread of one
 * with it.
 */
static int ring_run(struct ring *r, const struct io_uring_sqe *sqe)
{
	const __u32 sq_mask = *ring_u32(r->sq, r->p.sq_off.ring_mask);
	const __u32 cq_mask = *ring_u32(r->cq, r->p.cq_off.ring_mask);
	__u32 *sq_tail = ring_u32(r->sq, r->p.sq_off.tail);
	__u32 *cq_head = ring_u32(r->cq, r->p.cq_off.head);
	__u32 *cq_tail = ring_u32(r->cq, r->p.cq_off.tail);
	__u32 *array = ring_u32(r->sq, r->p.sq_off.array);
	struct io_uring_cqe *cqes;
	__u32 tail = *sq_tail, head;
	int res;

	cqes = (void *)((char *)r->cq + r->p.cq_off.cqes);
	r->sqes[tail & sq_mask] = *sqe;
	array[tail & sq_mask] = tail & sq_mask;
	__atomic_store_n(sq_tail, tail + 1, __ATOMIC_RELEASE);
	for (;;) {
		head = *cq_head;
		if (head != __atomic_load_n(cq_tail, __ATOMIC_ACQUIRE)) {
			res = cqes[head & cq_mask].res;
			__atomic_store_n(cq_head, head + 1, __ATOMIC_RELEASE);
			return res;
		}
		if (syscall(__NR_io_uring_enter, r->fd, 1, 1,
			    IORING_ENTER_GETEVENTS | IORING_ENTER_SQ_WAKEUP,
			    NULL, 0) < 0 && errno != EINTR)
			return -errno;
	}
}

/*
 * What a ring's requests point to.  It is shared memory at the same
 * address in every process of the test: a polling thread resolves the
 * addresses in its creator's memory.
 */
struct ring_io {
	char path[64];
	char data[4096];
};

/*
 * Read /proc/@pid/status through @r, each request with @flags: the
 * length read, or the result of the first request that failed.
 */
static int ring_read_status(struct ring *r, struct ring_io *io, pid_t pid,
			    __u8 flags)
{
	struct io_uring_sqe sqe;
	int fd, len;

	snprintf(io->path, sizeof(io->path), "/proc/%d/status", pid);
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_OPENAT;
	sqe.flags = flags;
	sqe.fd = AT_FDCWD;
	sqe.addr = (uintptr_t)io->path;
	sqe.open_flags = O_RDONLY | O_CLOEXEC;
	fd = ring_run(r, &sqe);
	if (fd < 0)
		return fd;

	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_READ;
	sqe.flags = flags;
	sqe.fd = fd;
	sqe.addr = (uintptr_t)io->data;
	sqe.len = sizeof(io->data) - 1;
	len = ring_run(r, &sqe);
	if (len >= 0)
		io->data[len] = '\0';

	/* The descriptor is in the table of whoever ran the open. */
	memset(&sqe, 0, sizeof(sqe));
	sqe.opcode = IORING_OP_CLOSE;
	sqe.fd = fd;
	ring_run(r, &sqe);
	return len;
}

/*
 * The jailed child of the io_uring tests: it enters a restricted jail and
 * checks that the outsider is out of reach (else exits 2).  With @r, a
 * ring it inherited, it reads the outsider's /proc status through it and
 * exits 0 if that worked.  Without @r, it expects every way to fail with
 * EACCES: @outside (a ring inherited too), inline and forced to a worker
 * (IOSQE_ASYNC), then rings of its own making, without and with SQPOLL.
 * Exits 3 if a result differs.
 */
static int jailed_ring_child(struct ring *r, struct ring *outside,
			     struct ring_io *io, pid_t outsider)
{
	static const __u32 setups[] = { 0, IORING_SETUP_SQPOLL };
	static const __u8 flags[] = { 0, IOSQE_ASYNC };
	struct ring inside;
	char want[32];
	int i, j, len;

	if (enter_restricted() || probe_kill(outsider) != -EPERM ||
	    proc_open(outsider, "status", O_RDONLY) != -EACCES)
		return 2;
	if (r) {
		len = ring_read_status(r, io, outsider, 0);
		snprintf(want, sizeof(want), "\nPid:\t%d\n", outsider);
		if (len > 0 && strstr(io->data, want))
			return 0;
		fprintf(stderr, "# the ring's read gave %d\n", len);
		return 3;
	}
	for (i = -1; i < 2; i++) {
		if (i >= 0 && ring_setup(&inside, setups[i]))
			return 4;
		for (j = 0; j < 2; j++) {
			len = ring_read_status(i < 0 ? outside : &inside, io,
					       outsider, flags[j]);
			if (len != -EACCES) {
				fprintf(stderr, "# ring %d, flags %d: %d\n",
					i, flags[j], len);
				return 3;
			}
		}
		if (i >= 0)
			ring_close(&inside);
	}
	return 0;
}

static struct ring_io *ring_io_map(void)
{
	struct ring_io *io;

	io = mmap(NULL, sizeof(*io), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	return io == MAP_FAILED ? NULL : io;
}

/*
 * Guide: "Ways around a jail", an io_uring ring made outside the jail
 * with IORING_SETUP_SQPOLL.  An unrestricted process makes the ring, then
 * forks a child that enters a jail with the ring still open (a ring
 * cannot be sent with SCM_RIGHTS: inheriting it is the way in).  The
 * child may not open /proc/OUTSIDER/status, yet has the ring open and
 * read it: the polling thread runs the requests with its creator's label.
 * SQPOLL needs no privilege in 7.3.
 */
TEST(io_uring_sqpoll_ring_from_outside)
{
	int hold, status, sv[2];
	struct ring_io *io;
	struct ring ring;
	pid_t outsider, child;

	io = ring_io_map();
	ASSERT_NE(NULL, io);
	outsider = spawn_outsider(&hold, 0, NULL);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, ring_setup(&ring, IORING_SETUP_SQPOLL));

	/* What SCM_RIGHTS refuses. */
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	EXPECT_EQ(-EINVAL, send_fds(sv[0], &ring.fd, 1, "r", 1));
	close(sv[0]);
	close(sv[1]);

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		_exit(jailed_ring_child(&ring, NULL, io, outsider));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	ring_close(&ring);
	EXPECT_EQ(0, reap_outsider(outsider, hold));
	munmap(io, sizeof(*io));
}

/*
 * Guide: "Ways around a jail", io_uring rings (the contrast).  A request
 * runs with the label of the task that runs it: the submitter itself, or
 * a worker (io-wq) or polling thread that a task of the jail created and
 * that inherited its label.  So a ring without SQPOLL made outside, and
 * rings made inside the jail, with or without SQPOLL, are judged with the
 * jail: the open of /proc/OUTSIDER/status fails with EACCES.
 */
TEST(io_uring_ring_judged_with_submitter)
{
	struct ring_io *io;
	struct ring ring;
	pid_t outsider, child;
	int hold, status;

	io = ring_io_map();
	ASSERT_NE(NULL, io);
	outsider = spawn_outsider(&hold, 0, NULL);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, ring_setup(&ring, 0));

	child = fork();
	ASSERT_LE(0, child);
	if (child == 0)
		_exit(jailed_ring_child(NULL, &ring, io, outsider));
	ASSERT_EQ(child, waitpid(child, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	ring_close(&ring);
	EXPECT_EQ(0, reap_outsider(outsider, hold));
	munmap(io, sizeof(*io));
}

static char mq_name[64];

/* The outsider asks for SIGUSR2 when a message comes to its queue. */
static void notify_me_on_message(void)
{
	struct mq_attr attr = { .mq_maxmsg = 1, .mq_msgsize = 8 };
	struct sigevent ev = {
		.sigev_notify = SIGEV_SIGNAL,
		.sigev_signo = SIGUSR2,
	};
	mqd_t q;

	q = mq_open(mq_name, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600,
		    &attr);
	if (q == (mqd_t)-1 || mq_notify(q, &ev))
		_exit(3);
}

/*
 * Guide: "Ways around a jail", POSIX message queue notification.  An
 * outsider registered with mq_notify() for SIGUSR2 on its queue; the
 * jailed task, which may not signal it, opens the queue by name and
 * sends a message: the outsider gets SIGUSR2.  __do_notify() sends it
 * without check_kill_permission(), so no LSM sees it.
 */
TEST(mq_notify_signal_to_outsider)
{
	pid_t outsider;
	int hold;
	mqd_t q;

	snprintf(mq_name, sizeof(mq_name), "/uuidjail-limits-%d", getpid());
	outsider = spawn_outsider(&hold, SIGUSR2, notify_me_on_message);
	ASSERT_LT(0, outsider);

	EXPECT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	q = mq_open(mq_name, O_WRONLY | O_CLOEXEC);
	EXPECT_EQ(0, mq_unlink(mq_name));
	ASSERT_NE((mqd_t)-1, q);
	EXPECT_EQ(0, mq_send(q, "x", 1, 0));
	EXPECT_EQ(1, reap_outsider(outsider, hold));
	mq_close(q);
}

#ifndef FD_NSFS_ROOT
#define FD_NSFS_ROOT -10003	/* <linux/fcntl.h>, which clashes with glibc */
#endif

#define OUTSIDER_HOST "uuidjail-outsider"

static void own_uts_namespace(void)
{
	if (unshare(CLONE_NEWUTS) ||
	    sethostname(OUTSIDER_HOST, strlen(OUTSIDER_HOST)))
		_exit(3);
}

static int set_effective(int cap, bool on)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	if (syscall(__NR_capget, &hdr, data))
		return -errno;
	if (on)
		data[cap / 32].effective |= 1U << (cap % 32);
	else
		data[cap / 32].effective &= ~(1U << (cap % 32));
	return syscall(__NR_capset, &hdr, data) ? -errno : 0;
}

/* Is @id among the UTS namespaces listns() names? */
static bool listns_has_uts(__u64 id)
{
	struct ns_id_req req = {
		.size = sizeof(req),
		.ns_type = UTS_NS,
	};
	__u64 ids[64];
	long n, i;

	n = syscall(__NR_listns, &req, ids, 64, 0);
	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/*
 * Guide: "Ways around a jail", nsfs file handles, and "What it still can
 * do", CAP_SYS_ADMIN.  An outsider has a UTS namespace of its own.  The
 * jailed task may not open /proc/OUTSIDER/ns/uts, but with CAP_SYS_ADMIN
 * listns() names the namespace, and a handle built from its id alone (on
 * the model of the task's own namespace's handle) opens it: the task
 * then joins it with setns().  Without CAP_SYS_ADMIN the open fails, as
 * for a handle of nothing.
 */
TEST(nsfs_handle_of_outside_namespace)
{
	struct nsfs_file_handle *nsfh;
	char path[64], host[64] = "";
	struct file_handle *fh;
	int hold, mnt_id, nsfd;
	pid_t outsider;
	__u64 id = 0;

	if (!has_effective_cap(CAP_SYS_ADMIN))
		SKIP(return, "no CAP_SYS_ADMIN: no namespace to make or open");
	outsider = spawn_outsider(&hold, 0, own_uts_namespace);
	ASSERT_LT(0, outsider);
	snprintf(path, sizeof(path), "/proc/%d/ns/uts", outsider);
	nsfd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, nsfd);
	ASSERT_EQ(0, ioctl(nsfd, NS_GET_ID, &id));
	close(nsfd);

	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));
	EXPECT_EQ(-EACCES, proc_open(outsider, "ns/uts", O_RDONLY));
	EXPECT_TRUE(listns_has_uts(id));

	fh = calloc(1, sizeof(*fh) + MAX_HANDLE_SZ);
	ASSERT_NE(NULL, fh);
	fh->handle_bytes = MAX_HANDLE_SZ;
	ASSERT_EQ(0, name_to_handle_at(AT_FDCWD, "/proc/self/ns/uts", fh,
				       &mnt_id, AT_SYMLINK_FOLLOW));
	ASSERT_LE(sizeof(*nsfh), fh->handle_bytes);
	nsfh = (struct nsfs_file_handle *)fh->f_handle;
	EXPECT_NE(id, nsfh->ns_id);
	nsfh->ns_id = id;
	nsfh->ns_type = 0;
	nsfh->ns_inum = 0;

	/* nsfs refuses with EPERM, which reaches the caller as ESTALE. */
	ASSERT_EQ(0, set_effective(CAP_SYS_ADMIN, false));
	EXPECT_EQ(-1, open_by_handle_at(FD_NSFS_ROOT, fh, O_RDONLY));
	EXPECT_EQ(ESTALE, errno);
	ASSERT_EQ(0, set_effective(CAP_SYS_ADMIN, true));

	nsfd = open_by_handle_at(FD_NSFS_ROOT, fh, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, nsfd);
	ASSERT_EQ(0, setns(nsfd, CLONE_NEWUTS));
	ASSERT_EQ(0, gethostname(host, sizeof(host)));
	EXPECT_STREQ(OUTSIDER_HOST, host);
	close(nsfd);
	free(fh);
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

TEST_HARNESS_MAIN
