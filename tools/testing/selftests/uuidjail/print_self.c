// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Print the caller's effective uid and label
 *
 * Run by execve from enter_test to show that a label survives execve and
 * set-uid execve.  Output: "euid=N " and the contents of "self".
 */

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char buf[128];
	ssize_t len;
	int fd;

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
