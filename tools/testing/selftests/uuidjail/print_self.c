// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Print the caller's effective uid and label
 *
 * Run by execve from the tests to show that a label survives execve and
 * set-uid execve.  Output: "euid=N " and the contents of "self".
 *
 * "print_self kill PID" instead tries kill(PID, 0) and prints
 * "euid=N kill=E", E being 0 or the errno: what a set-uid program run
 * from inside a jail may do.
 *
 * "print_self name NAME" tries to name its jail or sub-jail NAME with
 * PR_UUIDJAIL_SET_NAME, then by writing the "name" file, and prints
 * "prctl=E fs=E name=TEXT", TEXT being what the "name" file then reads
 * ("-" for nothing): what a workload executed in a jail may do to its
 * name.  "print_self subname NAME" first enters a sub-jail (enter2).
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <linux/prctl.h>

#define UUIDJAIL_FS "/sys/kernel/security/uuidjail"

static int name_file(const char *name)
{
	int fd = open(UUIDJAIL_FS "/name", O_WRONLY | O_CLOEXEC);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, name, strlen(name)) < 0)
		err = errno;
	close(fd);
	return err;
}

static int try_names(const char *name, int enter2)
{
	char buf[80] = "";
	int by_prctl, by_file, fd;
	ssize_t len = 0;

	if (enter2 && prctl(PR_UUIDJAIL, PR_UUIDJAIL_ENTER, 2, 0, 0))
		return 1;
	by_prctl = prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME, name, 0, 0) ?
		   errno : 0;
	by_file = name_file(name);
	fd = open(UUIDJAIL_FS "/name", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (len < 0)
		return 1;
	buf[len] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	printf("prctl=%d fs=%d name=%s\n", by_prctl, by_file,
	       *buf ? buf : "-");
	return 0;
}

int main(int argc, char **argv)
{
	char buf[128];
	ssize_t len;
	int fd;

	if (argc == 3 && !strcmp(argv[1], "kill")) {
		printf("euid=%d kill=%d\n", geteuid(),
		       kill(atoi(argv[2]), 0) ? errno : 0);
		return 0;
	}

	if (argc == 3 && !strcmp(argv[1], "name"))
		return try_names(argv[2], 0);
	if (argc == 3 && !strcmp(argv[1], "subname"))
		return try_names(argv[2], 1);

	fd = open(UUIDJAIL_FS "/self", O_RDONLY);
	if (fd < 0)
		return 1;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 1;
	buf[len] = '\0';
	printf("euid=%d %s", geteuid(), buf);
	return 0;
}
