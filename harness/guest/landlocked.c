// SPDX-License-Identifier: GPL-2.0
/*
 * landlocked PROGRAM [ARG...] - run PROGRAM in a Landlock domain that
 * scopes signals and abstract UNIX sockets
 *
 * Used in the test VM to run the uuidjail selftests while a Landlock
 * domain with signal scoping is active in the same processes: every test
 * process is in this domain or one nested in it, so Landlock allows what
 * they do to each other and uuidjail alone decides.
 */

#include <linux/landlock.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const struct landlock_ruleset_attr attr = {
		.scoped = LANDLOCK_SCOPE_SIGNAL |
			  LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET,
	};
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: landlocked PROGRAM [ARG...]\n");
		return 2;
	}
	fd = syscall(__NR_landlock_create_ruleset, &attr, sizeof(attr), 0);
	if (fd < 0 || syscall(__NR_landlock_restrict_self, fd, 0)) {
		perror("landlocked");
		return 1;
	}
	close(fd);
	execv(argv[1], argv + 1);
	perror(argv[1]);
	return 127;
}
