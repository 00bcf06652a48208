// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Sealed jails
 *
 * A task that enters a jail or sub-jail with PR_UUIDJAIL_ENTER_SEALED (or
 * "1 sealed" in securityfs) and everything in it reach no UNIX socket
 * outside their jail: not the sockets of unrestricted tasks, which an
 * unsealed jail reaches.  A sub-jail of a sealed jail is sealed.  The
 * task matrix is unchanged.
 *
 * Over the 14 cells of the matrix: P seals the first level it enters
 * (before or after forking C) and reaches C's sockets in every way.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"
#include "unix_ways.h"

#define MATRIX_SEAL_P true
#include "matrix_fixture.h"

/*
 * A sealed P reaches the sockets of its own jail that the matrix lets it
 * act on: C shares P's jail only if P entered it before forking.  An
 * unrestricted P cannot be sealed: sockets' usual rule.
 */
static bool sealed_reach_allowed(const struct _fixture_variant_matrix *v)
{
	if (!v->subject_before_fork && !v->subject_after_fork)
		return reach_allowed(v->allowed, v->object_after_fork);
	return v->allowed && v->subject_before_fork;
}

static void reach_child_sealed(struct __test_metadata *const _metadata,
			       struct _test_data_matrix *const self,
			       const struct _fixture_variant_matrix *const variant,
			       enum way way)
{
	const bool allowed = sealed_reach_allowed(variant);
	const long denials = jail_denials(ways[way].op);
	int autoname;

	autoname = child_ask(self->cmd_fd, self->res_fd, CMD_SERVE(way));
	ASSERT_LE(0, autoname);
	EXPECT_EQ(expected(allowed, EPERM),
		  way_reach(self->child, way, autoname));
	EXPECT_EQ(denials + !allowed, jail_denials(ways[way].op));
	unlink_served(self->child, way);
}

TEST_F(matrix, sealed_unix_stream_pathname_connect)
{
	reach_child_sealed(_metadata, self, variant, WAY_STREAM_PATHNAME);
}

TEST_F(matrix, sealed_unix_stream_abstract_connect)
{
	reach_child_sealed(_metadata, self, variant, WAY_STREAM_ABSTRACT);
}

TEST_F(matrix, sealed_unix_seqpacket_connect)
{
	reach_child_sealed(_metadata, self, variant, WAY_SEQPACKET);
}

TEST_F(matrix, sealed_unix_dgram_sendto_pathname)
{
	reach_child_sealed(_metadata, self, variant, WAY_DGRAM_SENDTO_PATHNAME);
}

TEST_F(matrix, sealed_unix_dgram_sendto_abstract)
{
	reach_child_sealed(_metadata, self, variant, WAY_DGRAM_SENDTO_ABSTRACT);
}

TEST_F(matrix, sealed_unix_dgram_connect)
{
	reach_child_sealed(_metadata, self, variant, WAY_DGRAM_CONNECT);
}

TEST_F(matrix, sealed_unix_dgram_sendto_autobind)
{
	reach_child_sealed(_metadata, self, variant, WAY_DGRAM_SENDTO_AUTOBIND);
}

/* Sealing changes nothing of the task matrix: kill() as before. */
TEST_F(matrix, sealed_kill)
{
	EXPECT_EQ(expected(variant->allowed, EPERM), result(kill(self->child, 0)));
}

/* "self" and PR_UUIDJAIL_GET, through both interfaces. */
FIXTURE(seal) {};

FIXTURE_VARIANT(seal) {
	bool securityfs;
};

FIXTURE_VARIANT_ADD(seal, securityfs) {
	.securityfs = true,
};

FIXTURE_VARIANT_ADD(seal, prctl) {
	.securityfs = false,
};

FIXTURE_SETUP(seal)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
}

FIXTURE_TEARDOWN(seal)
{
}

static int enter_sealed(bool securityfs, int level)
{
	static const char payload[] = "1 sealed\n";

	if (securityfs)
		return jail_write(level == 1 ? "enter1" : "enter2", payload,
				  sizeof(payload) - 1);
	return jail_enter_prctl_flags(level, PR_UUIDJAIL_ENTER_SEALED);
}

/*
 * What the admin view's "jails" file says of the caller's jail (@sub
 * false) or sub-jail: 1 for "sealed", 0 for "open", -1 if not listed.
 */
static int view_sealed(bool sub)
{
	unsigned long long id1, id2, a, b;
	char text[4096], self[128], seal[8];
	const char *line;
	unsigned int tasks;

	if (jail_read_self(self, sizeof(self)) < 0 ||
	    read_text(UUIDJAIL_FS "/jails", text, sizeof(text)) < 0)
		return -1;
	id2 = 0;
	if (sscanf(self, "half-restricted id1=%llu", &id1) != 1 &&
	    sscanf(self, "restricted id1=%llu id2=%llu", &id1, &id2) != 2)
		return -1;
	if (!sub)
		id2 = 0;
	for (line = text; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (sscanf(line, "%llu %llu %u %*s %7s", &a, &b, &tasks,
			   seal) == 4 && a == id1 && b == id2)
			return !strcmp(seal, "sealed") ? 1 :
			       !strcmp(seal, "open") ? 0 : -1;
	}
	return -1;
}

/* Whether "self" ends in " sealed\n". */
static int self_sealed(void)
{
	char buf[128];
	const char *tail;
	ssize_t len = jail_read_self(buf, sizeof(buf));

	if (len < 0)
		return len;
	tail = strstr(buf, " sealed\n");
	return tail && !tail[strlen(" sealed\n")];
}

TEST_F(seal, jail_and_its_sub_jails)
{
	ASSERT_EQ(0, enter_sealed(variant->securityfs, 1));
	EXPECT_EQ(HALF, jail_state());
	EXPECT_EQ(1, self_sealed());
	EXPECT_EQ(1, view_sealed(false));
	/* A sub-jail of a sealed jail is sealed without asking. */
	ASSERT_EQ(0, jail_enter_prctl(2));
	EXPECT_EQ(RESTRICTED, jail_state());
	EXPECT_EQ(1, self_sealed());
	EXPECT_EQ(1, view_sealed(true));
}

TEST_F(seal, sub_jail_only)
{
	ASSERT_EQ(0, jail_enter_prctl(1));
	EXPECT_EQ(0, self_sealed());
	EXPECT_EQ(0, view_sealed(false));
	ASSERT_EQ(0, enter_sealed(variant->securityfs, 2));
	EXPECT_EQ(RESTRICTED, jail_state());
	EXPECT_EQ(1, self_sealed());
	EXPECT_EQ(1, view_sealed(true));
	/* The jail itself stays open: only its new sub-jail is sealed. */
	EXPECT_EQ(0, view_sealed(false));
}

/* Refusals are the same as without the flag; nothing changes. */
TEST_F(seal, refused_as_unsealed)
{
	EXPECT_EQ(-EINVAL, enter_sealed(variant->securityfs, 2));
	EXPECT_EQ(UNRESTRICTED, jail_state());
	ASSERT_EQ(0, jail_enter_prctl(1));
	EXPECT_EQ(-EEXIST, enter_sealed(variant->securityfs, 1));
	EXPECT_EQ(HALF, jail_state());
	EXPECT_EQ(0, self_sealed());
}

/*
 * A browser (half-restricted, unsealed) and a tab in a sealed sub-jail:
 * the tab reaches the browser's socket but not an unrestricted server,
 * which the browser still reaches.
 */
static int tab_main(pid_t browser, pid_t server)
{
	if (jail_enter_prctl_flags(2, PR_UUIDJAIL_ENTER_SEALED))
		return 100;
	if (way_reach(browser, WAY_STREAM_ABSTRACT, 0))
		return 1;
	if (way_reach(server, WAY_STREAM_ABSTRACT, 0) != -EPERM)
		return 2;
	return 0;
}

/* The sockets are close-on-exec: entering takes none of them. */
static int browser_main(pid_t server)
{
	int fd, status, autoname;
	pid_t tab;

	if (jail_enter_prctl(1))
		return 100;
	fd = way_serve(WAY_STREAM_ABSTRACT, &autoname);
	if (fd < 0)
		return 101;
	tab = fork();
	if (tab < 0)
		return 102;
	if (tab == 0)
		_exit(tab_main(getppid(), server));
	if (waitpid(tab, &status, 0) != tab || !WIFEXITED(status))
		return 104;
	if (WEXITSTATUS(status))
		return 10 + WEXITSTATUS(status);
	/* The unsealed browser still reaches the unrestricted server. */
	if (way_reach(server, WAY_STREAM_ABSTRACT, 0))
		return 4;
	close(fd);
	unlink_served(getpid(), WAY_STREAM_ABSTRACT);
	return 0;
}

TEST(sealed_tab_of_open_browser)
{
	int fd, status, autoname;
	pid_t browser;

	fd = way_serve(WAY_STREAM_ABSTRACT, &autoname);
	ASSERT_LE(0, fd);
	browser = fork();
	ASSERT_LE(0, browser);
	if (browser == 0)
		_exit(browser_main(getppid()));
	ASSERT_EQ(browser, waitpid(browser, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(fd);
}

TEST_HARNESS_MAIN
