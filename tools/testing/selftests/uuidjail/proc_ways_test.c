// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Every way through procfs to another task, against
 * the access matrix (file_open, inode_getattr, inode_setattr,
 * inode_getxattr, inode_listxattr, path_notify, and ptrace_access_check
 * behind the magic links)
 *
 * No hook judges a path walk: the walk to /proc/PID/... succeeds, and
 * what it leads to is judged where it shows or changes something of the
 * task.  Every denial is EACCES.
 */

#define _GNU_SOURCE
#include <dirent.h>
#include <linux/openat2.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>

#include "matrix_fixture.h"

/* /proc/@pid/@entry into @path. */
static const char *proc_path(char *path, size_t size, pid_t pid,
			     const char *entry)
{
	snprintf(path, size, "/proc/%d/%s", pid, entry);
	return path;
}

static int res(long ret)
{
	return ret < 0 ? -errno : 0;
}

static int stat_entry(pid_t pid, const char *entry)
{
	char path[64];
	struct stat st;

	return res(stat(proc_path(path, sizeof(path), pid, entry), &st));
}

/* Open a directory and read it to the end: 0 or -errno. */
static int list_dir(pid_t pid, const char *entry)
{
	char path[64];
	struct dirent *d;
	DIR *dir;
	int err;

	dir = opendir(proc_path(path, sizeof(path), pid, entry));
	if (!dir)
		return -errno;
	errno = 0;
	while ((d = readdir(dir)))
		;
	err = -errno;
	closedir(dir);
	return err;
}

static int read_link(pid_t pid, const char *entry)
{
	char path[64], target[256];

	return res(readlink(proc_path(path, sizeof(path), pid, entry), target,
			    sizeof(target)));
}

/* The directory: listing, and a descriptor to open entries through. */
TEST_F(matrix, proc_dir_open)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "", O_RDONLY | O_DIRECTORY));
}

TEST_F(matrix, proc_readdir)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  list_dir(self->child, ""));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  list_dir(self->child, "task"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  list_dir(self->child, "fd"));
}

/* The owner, times and link count of the directory and its entries. */
TEST_F(matrix, proc_stat)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  stat_entry(self->child, ""));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  stat_entry(self->child, "status"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  stat_entry(self->child, "task"));
}

TEST_F(matrix, proc_statx)
{
	char path[64];
	struct statx stx;

	EXPECT_EQ(expected(variant->allowed, EACCES),
		  res(statx(AT_FDCWD,
			    proc_path(path, sizeof(path), self->child, "stat"),
			    0, STATX_BASIC_STATS, &stx)));
}

/*
 * An O_PATH descriptor is not judged and reveals nothing by itself:
 * fstat() and whatever is opened through it are.
 */
TEST_F(matrix, proc_o_path)
{
	struct stat st;
	char path[64];
	int fd, sub;

	fd = open(proc_path(path, sizeof(path), self->child, ""),
		  O_PATH | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(expected(variant->allowed, EACCES), res(fstat(fd, &st)));
	sub = openat(fd, "status", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(expected(variant->allowed, EACCES), res(sub));
	if (sub >= 0)
		close(sub);
	sub = openat(fd, "environ", O_PATH | O_CLOEXEC);
	ASSERT_LE(0, sub);
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  res(fstatat(sub, "", &st, AT_EMPTY_PATH)));
	close(sub);
	close(fd);
}

/* chdir() is not judged; opening relative to the new cwd is. */
TEST_F(matrix, proc_chdir)
{
	char path[64];
	int fd;

	ASSERT_EQ(0, chdir(proc_path(path, sizeof(path), self->child, "")));
	fd = open("cmdline", O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(expected(variant->allowed, EACCES), res(fd));
	if (fd >= 0)
		close(fd);
	ASSERT_EQ(0, chdir("/"));
}

TEST_F(matrix, proc_openat2)
{
	struct open_how how = {
		.flags = O_RDONLY | O_CLOEXEC,
		.resolve = RESOLVE_NO_MAGICLINKS,
	};
	char path[64];
	int fd;

	fd = syscall(__NR_openat2, AT_FDCWD,
		     proc_path(path, sizeof(path), self->child, "status"),
		     &how, sizeof(how));
	EXPECT_EQ(expected(variant->allowed, EACCES), res(fd));
	if (fd >= 0)
		close(fd);
}

/* The magic links: procfs asks the ptrace check, read or followed. */
TEST_F(matrix, proc_readlink)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  read_link(self->child, "exe"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  read_link(self->child, "cwd"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  read_link(self->child, "root"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  read_link(self->child, "fd/1"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  read_link(self->child, "ns/net"));
}

TEST_F(matrix, proc_follow_root)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "root/", O_RDONLY | O_DIRECTORY));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  stat_entry(self->child, "cwd/"));
}

/*
 * The entries under net/ have no task of their own: they are judged by
 * the task of the /proc/PID above them.
 */
TEST_F(matrix, proc_net)
{
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  proc_open(self->child, "net/unix", O_RDONLY));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  stat_entry(self->child, "net/dev"));
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  list_dir(self->child, "net"));
}

TEST_F(matrix, proc_utimensat)
{
	char path[64];

	EXPECT_EQ(expected(variant->allowed, EACCES),
		  res(utimensat(AT_FDCWD,
				proc_path(path, sizeof(path), self->child,
					  "status"), NULL, 0)));
}

/* procfs keeps no extended attributes: allowed, the answer is empty. */
TEST_F(matrix, proc_getxattr)
{
	char path[64], value[64];
	int err;

	err = res(getxattr(proc_path(path, sizeof(path), self->child,
				     "status"),
			   "security.uuidjail", value, sizeof(value)));
	if (variant->allowed) {
		EXPECT_TRUE(err == -ENODATA || err == -EOPNOTSUPP) {
			TH_LOG("getxattr: %s", strerror(-err));
		}
	} else {
		EXPECT_EQ(-EACCES, err);
	}
}

TEST_F(matrix, proc_listxattr)
{
	char path[64], list[256];

	EXPECT_EQ(expected(variant->allowed, EACCES),
		  res(listxattr(proc_path(path, sizeof(path), self->child,
					  "status"), list, sizeof(list))));
}

/* Every read of the entry, by anyone, would be an event. */
TEST_F(matrix, proc_inotify)
{
	char path[64];
	int fd;

	fd = inotify_init1(IN_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(expected(variant->allowed, EACCES),
		  res(inotify_add_watch(fd, proc_path(path, sizeof(path),
						      self->child, "status"),
					IN_ACCESS | IN_OPEN)));
	close(fd);
}

/* A bind mount of /proc/PID leads to the same inodes and checks. */
TEST_F(matrix, proc_bind_mount)
{
	char dir[] = "/tmp/uuidjail-bind-XXXXXX", path[64], entry[80];
	int flags = CLONE_NEWNS, fd;

	if (geteuid() != 0)
		flags |= CLONE_NEWUSER;
	if (unshare(flags))
		SKIP(return, "unshare(%s): %s",
		     flags & CLONE_NEWUSER ? "user, mount" : "mount",
		     strerror(errno));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, mount(proc_path(path, sizeof(path), self->child, ""),
			   dir, NULL, MS_BIND, NULL));
	snprintf(entry, sizeof(entry), "%s/status", dir);
	fd = open(entry, O_RDONLY | O_CLOEXEC);
	EXPECT_EQ(expected(variant->allowed, EACCES), res(fd));
	if (fd >= 0)
		close(fd);
	umount(dir);
	rmdir(dir);
}

/*
 * Not judged, pinned as the admin guide says: a lookup tells which names
 * exist (here, which descriptors C has open; fd 1 is the harness's
 * output), and access() what the owner and mode of an entry allow.
 */
TEST_F(matrix, proc_lookup_not_judged)
{
	char path[64];
	int fd;

	fd = open(proc_path(path, sizeof(path), self->child, "fd/1"),
		  O_PATH | O_NOFOLLOW | O_CLOEXEC);
	EXPECT_LE(0, fd);
	if (fd >= 0)
		close(fd);
	EXPECT_EQ(-ENOENT, res(open(proc_path(path, sizeof(path),
					      self->child, "fd/999"),
				    O_PATH | O_NOFOLLOW | O_CLOEXEC)));
	EXPECT_EQ(0, res(access(proc_path(path, sizeof(path), self->child,
					  "status"), R_OK)));
}

TEST_HARNESS_MAIN
