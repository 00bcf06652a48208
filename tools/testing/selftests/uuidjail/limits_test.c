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
 * Not here, for want of the feature in the test kernel: descriptors
 * received with SCM_RIGHTS (CONFIG_UNIX), KEYCTL_SESSION_TO_PARENT
 * (CONFIG_KEYS), cgroup.kill and cgroup.freeze (CONFIG_CGROUPS), io_uring
 * rings (CONFIG_IO_URING), nsfs file handles (CONFIG_FHANDLE,
 * CONFIG_NAMESPACES), BPF tracing (CONFIG_BPF_SYSCALL).
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/perf_event.h>

#include "common.h"

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

static bool has_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	if (syscall(__NR_capget, &hdr, data))
		return false;
	return data[cap / 32].effective & (1U << (cap % 32));
}

/* What the kernel's perfmon_capable() says. */
static bool perfmon_capable(void)
{
	return has_cap(CAP_PERFMON) || has_cap(CAP_SYS_ADMIN);
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
 * Without hidepid, a jailed task still lists every PID and stat()s
 * /proc/PID, which opens nothing below it; opening an entry is denied.
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
	ASSERT_EQ(0, stat(path, &st));
	EXPECT_EQ(geteuid(), st.st_uid);

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
	const bool nice = has_cap(CAP_SYS_NICE);
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
 * Guide: "Ways around a jail", perf_event_open(pid) with CAP_PERFMON or
 * CAP_SYS_ADMIN.  perf_check_permission() skips ptrace_may_access() for
 * perfmon_capable(): root attaches a counter to an outsider from inside a
 * jail; without the capabilities, uuidjail's denial gives EACCES.
 */
TEST(perf_event_open_with_cap_perfmon)
{
	struct perf_event_attr attr;
	pid_t outsider;
	__u64 count;
	int fd, hold;

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
	if (perfmon_capable()) {
		ASSERT_LE(0, fd);
		EXPECT_EQ(sizeof(count), read(fd, &count, sizeof(count)));
		close(fd);
	} else {
		EXPECT_EQ(-1, fd);
		EXPECT_EQ(EACCES, errno);
	}
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
 * Guide: "Ways around a jail", perf_event_open(pid), and "What it still
 * can do": with CAP_KILL as well, a sigtrap event sends the outsider
 * SIGTRAP (send_sig_perf(), no LSM) although kill() is denied.  Without
 * perfmon_capable() and CAP_KILL, the check falls back to an attach-mode
 * ptrace check, which uuidjail denies.
 */
TEST(perf_sigtrap_with_cap_kill)
{
	const bool can = perfmon_capable() && has_cap(CAP_KILL);
	struct perf_event_attr attr;
	int fd, hold, status;
	pid_t outsider;

	outsider = spawn_spinner(&hold);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, enter_restricted());
	EXPECT_EQ(-EPERM, probe_kill(outsider));

	task_clock_attr(&attr);
	attr.sample_period = 100000;	/* ns of the outsider's time */
	attr.sigtrap = 1;
	attr.remove_on_exec = 1;
	fd = sys_perf_event_open(&attr, outsider);
	if (can) {
		ASSERT_LE(0, fd);
		/* The outsider exits 1 once it has SIGTRAP pending. */
		ASSERT_EQ(outsider, waitpid(outsider, &status, 0));
		EXPECT_TRUE(WIFEXITED(status));
		EXPECT_EQ(1, WEXITSTATUS(status));
		close(hold);
		close(fd);
	} else {
		EXPECT_EQ(-1, fd);
		EXPECT_EQ(EACCES, errno);
		EXPECT_EQ(0, reap_outsider(outsider, hold));
	}
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

	if (!tiocsti_allowed() && !has_cap(CAP_SYS_ADMIN))
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

TEST_HARNESS_MAIN
