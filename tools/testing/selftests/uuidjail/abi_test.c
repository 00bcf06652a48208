// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The version of the rules: PR_UUIDJAIL_GET_ABI and
 * the abi file
 *
 * Every task may ask, in every state, and both interfaces answer the
 * same.  The version is 1: a kernel that answers otherwise runs rules
 * these tests do not describe.  enter_test's prctl_bad_arguments checks
 * that the unused arguments must be 0.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define ABI_VERSION 1

static long abi_prctl(void)
{
	const long abi = prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET_ABI, 0, 0, 0);

	return abi < 0 ? -errno : abi;
}

static long abi_file(void)
{
	char text[16];
	int len;

	len = read_text(UUIDJAIL_FS "/abi", text, sizeof(text));
	if (len < 0)
		return len;
	if (len == 0 || text[len - 1] != '\n')
		return -EINVAL;
	return strtol(text, NULL, 10);
}

TEST(abi_in_every_state)
{
	int level;

	for (level = 0; level <= 2; level++) {
		if (level)
			ASSERT_EQ(0, jail_enter_prctl(level));
		ASSERT_EQ(level, jail_state());
		EXPECT_EQ(ABI_VERSION, abi_prctl());
		EXPECT_EQ(ABI_VERSION, abi_file());
	}
}

/* Read-only for everyone, root included: there is no write. */
TEST(abi_file_read_only)
{
	struct stat st;
	int fd;

	ASSERT_EQ(0, stat(UUIDJAIL_FS "/abi", &st));
	EXPECT_EQ(0444, st.st_mode & 07777);
	fd = open(UUIDJAIL_FS "/abi", O_WRONLY | O_CLOEXEC);
	if (fd >= 0) {
		EXPECT_EQ(-1, write(fd, "2\n", 2));
		EXPECT_EQ(EINVAL, errno);
		close(fd);
	} else {
		EXPECT_EQ(EACCES, errno);
	}
	EXPECT_EQ(ABI_VERSION, abi_file());
}

TEST_HARNESS_MAIN
