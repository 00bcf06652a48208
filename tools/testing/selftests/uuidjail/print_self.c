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
 */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

	fd = open("/sys/kernel/security/uuidjail/self", O_RDONLY);
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
