// SPDX-License-Identifier: GPL-2.0
/*
 * runas UID GID PROGRAM [ARG...] - drop every privilege and exec PROGRAM
 *
 * Used in the test VM to run the selftests as an unprivileged user.
 */

#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t uid;
	gid_t gid;

	if (argc < 4) {
		fprintf(stderr, "usage: runas UID GID PROGRAM [ARG...]\n");
		return 2;
	}
	uid = atoi(argv[1]);
	gid = atoi(argv[2]);
	if (setgroups(0, NULL) || setgid(gid) || setuid(uid)) {
		perror("runas");
		return 1;
	}
	execv(argv[3], argv + 3);
	perror(argv[3]);
	return 127;
}
