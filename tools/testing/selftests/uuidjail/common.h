/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uuidjail selftest helpers
 *
 * No test harness here: the benchmark and the scenarios' guest program,
 * which are not tests, use these helpers too.
 */

#ifndef _SELFTESTS_UUIDJAIL_COMMON_H
#define _SELFTESTS_UUIDJAIL_COMMON_H

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/prctl.h>

#define UUIDJAIL_FS "/sys/kernel/security/uuidjail"

/* The three states, as PR_UUIDJAIL_GET returns them. */
enum { UNRESTRICTED = 0, HALF = 1, RESTRICTED = 2 };

static inline int sys_pidfd_open(pid_t pid, unsigned int flags)
{
	return syscall(__NR_pidfd_open, pid, flags);
}

static inline int sys_pidfd_send_signal(int pidfd, int sig)
{
	return syscall(__NR_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/* 0 or -errno of a call that returns -1 on error. */
static inline int result(long ret)
{
	return ret < 0 ? -errno : 0;
}

/* prctl(PR_UUIDJAIL, PR_UUIDJAIL_ENTER, level, flags): 0 or -errno. */
static inline int jail_enter_prctl_flags(unsigned long level,
					 unsigned long flags)
{
	return prctl(PR_UUIDJAIL, PR_UUIDJAIL_ENTER, level, flags, 0) ?
	       -errno : 0;
}

/* prctl(PR_UUIDJAIL, PR_UUIDJAIL_ENTER, level): 0 or -errno. */
static inline int jail_enter_prctl(unsigned long level)
{
	return jail_enter_prctl_flags(level, 0);
}

/* Enter levels first..last, one at a time; 0 or the first -errno. */
static inline int jail_enter_levels(int first, int last)
{
	int level, err;

	for (level = first; level <= last; level++) {
		err = jail_enter_prctl(level);
		if (err)
			return err;
	}
	return 0;
}

/* prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, name): 0 or -errno. */
static inline int jail_name_prctl(const char *name)
{
	return prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, name, 0, 0) ? -errno : 0;
}

static inline int jail_state(void)
{
	return prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0);
}

/* Write @len bytes of @buf to UUIDJAIL_FS/@name: 0 or -errno. */
static inline int jail_write(const char *name, const char *buf, size_t len)
{
	char path[128];
	ssize_t ret;
	int fd, err = 0;

	snprintf(path, sizeof(path), UUIDJAIL_FS "/%s", name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write(fd, buf, len);
	if (ret < 0)
		err = -errno;
	else if ((size_t)ret != len)
		err = -EIO;
	close(fd);
	return err;
}

/* Read all of @path into @buf, NUL-terminated: its length or -errno. */
static inline int read_text(const char *path, char *buf, size_t size)
{
	ssize_t len, total = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((size_t)total < size - 1) {
		len = read(fd, buf + total, size - 1 - total);
		if (len < 0) {
			total = -errno;
			break;
		}
		if (len == 0)
			break;
		total += len;
	}
	buf[total > 0 ? total : 0] = '\0';
	close(fd);
	return total;
}

/* Read UUIDJAIL_FS/self into @buf: its length or -errno. */
static inline ssize_t jail_read_self(char *buf, size_t size)
{
	return read_text(UUIDJAIL_FS "/self", buf, size);
}

/* One line of UUIDJAIL_FS/tasks: "PID TGID STATE ID1 ID2 NAME COMM". */
struct task_line {
	int pid, tgid;
	char state[32];
	unsigned long long id1, id2;
	char name[80], comm[32];
};

/*
 * Parse one line of the tasks file (up to its newline): 0, or -1 if it is
 * malformed.  The command is the rest of the line, blanks included.
 */
static inline int parse_task_line(const char *line, struct task_line *t)
{
	size_t len;
	int n = 0;

	memset(t, 0, sizeof(*t));
	if (sscanf(line, "%d %d %31s %llu %llu %79s %n", &t->pid, &t->tgid,
		   t->state, &t->id1, &t->id2, t->name, &n) != 6 || !n)
		return -1;
	if (strcmp(t->state, "unrestricted") &&
	    strcmp(t->state, "half-restricted") &&
	    strcmp(t->state, "restricted"))
		return -1;
	len = strcspn(line + n, "\n");
	if (!len || len >= sizeof(t->comm))
		return -1;
	memcpy(t->comm, line + n, len);
	return 0;
}

/*
 * The count of @op's denials in the stats file (the whole system's for an
 * unrestricted reader, its own jail's for a jailed one), or -1.
 */
static inline long jail_denials(const char *op)
{
	char line[128], name[64];
	long count = -1, n;
	FILE *f = fopen(UUIDJAIL_FS "/stats", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%63s %ld", name, &n) == 2 &&
		    !strcmp(name, op))
			count = n;
	fclose(f);
	return count;
}

/* Whether the calling thread has @cap in its effective set. */
static inline bool has_effective_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2] = {};

	if (syscall(__NR_capget, &hdr, data))
		return false;
	return data[cap / 32].effective & (1U << (cap % 32));
}

/* Open /proc/@pid/@entry: 0 if it opened, else -errno. */
static inline int proc_open(pid_t pid, const char *entry, int flags)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, entry);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* The path of @name, a helper installed beside the running test. */
static inline void helper_path(char *path, size_t size, const char *name)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	exe[len > 0 ? len : 0] = '\0';
	snprintf(path, size, "%s/%s", dirname(exe), name);
}

/*
 * Send @n descriptors (at most 4) and @len bytes of @data over @sock: 0 or
 * -errno.
 */
static inline int send_fds(int sock, const int *fds, int n,
			   const void *data, size_t len)
{
	char control[CMSG_SPACE(4 * sizeof(int))] = {};
	struct iovec iov = { (void *)data, len };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control,
		.msg_controllen = CMSG_SPACE(n * sizeof(int)),
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(cmsg), fds, n * sizeof(int));
	return sendmsg(sock, &msg, 0) == (ssize_t)len ? 0 : -errno;
}

/* Receive what send_fds() sent: 0, or -errno (-EIO if incomplete). */
static inline int recv_fds(int sock, int *fds, int n, void *data,
			   size_t len)
{
	char control[CMSG_SPACE(4 * sizeof(int))] = {};
	struct iovec iov = { data, len };
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control,
		.msg_controllen = CMSG_SPACE(n * sizeof(int)),
	};
	struct cmsghdr *cmsg;
	ssize_t got;

	got = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
	if (got < 0)
		return -errno;
	cmsg = CMSG_FIRSTHDR(&msg);
	if ((size_t)got != len || !cmsg || cmsg->cmsg_type != SCM_RIGHTS ||
	    cmsg->cmsg_len != CMSG_LEN(n * sizeof(int)))
		return -EIO;
	memcpy(fds, CMSG_DATA(cmsg), n * sizeof(int));
	return 0;
}

#endif /* _SELFTESTS_UUIDJAIL_COMMON_H */
