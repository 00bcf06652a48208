// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The sockets a task holds when it enters
 *
 * A manager such as libvirt makes a guest's listening sockets (its QMP
 * monitor, its chardevs) and hands them to the guest as descriptors; the
 * guest's launcher then enters a jail.  Every UNIX socket the entering
 * task holds on a descriptor kept across execve() (not close-on-exec),
 * whose label is unrestricted or the task's old one, takes the task's new
 * label.
 *
 * Over the 14 cells of the matrix: P makes a socket for each way before
 * it forks C and closes its copies after; C enters its levels holding
 * them; P then reaches each exactly as if C had made it after entering.
 * A socket of another jail, a socket on a close-on-exec descriptor and a
 * socket received after entering stay as they were.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"
#include "unix_ways.h"

/* P's sockets for C, and their autobound names. */
static int handed[WAY_COUNT];
static int handed_name[WAY_COUNT];

/* Handed over as a manager does: kept across execve(). */
static int make_handed(void)
{
	int way;

	for (way = 0; way < WAY_COUNT; way++) {
		handed[way] = way_serve(way, &handed_name[way]);
		if (handed[way] < 0)
			return handed[way];
		if (fcntl(handed[way], F_SETFD, 0))
			return -errno;
	}
	return 0;
}

/* As a manager does once its guest runs: C holds them alone. */
static int drop_handed(void)
{
	int way;

	for (way = 0; way < WAY_COUNT; way++)
		if (close(handed[way]))
			return -errno;
	return 0;
}

#define matrix_before_fork make_handed
#define matrix_after_fork drop_handed
#include "matrix_fixture.h"

/* P reaches the socket it made for C: as if C had made it. */
static void reach_handed(struct __test_metadata *const _metadata,
			 const struct _fixture_variant_matrix *const variant,
			 enum way way)
{
	const bool allowed = reach_allowed(variant->allowed,
					   variant->subject_before_fork +
					   variant->object_after_fork);

	EXPECT_EQ(expected(allowed, EPERM),
		  way_reach(getpid(), way, handed_name[way]));
	unlink_served(getpid(), way);
}

TEST_F(matrix, handed_unix_stream_pathname)
{
	reach_handed(_metadata, variant, WAY_STREAM_PATHNAME);
}

TEST_F(matrix, handed_unix_stream_abstract)
{
	reach_handed(_metadata, variant, WAY_STREAM_ABSTRACT);
}

TEST_F(matrix, handed_unix_seqpacket)
{
	reach_handed(_metadata, variant, WAY_SEQPACKET);
}

TEST_F(matrix, handed_unix_dgram_pathname)
{
	reach_handed(_metadata, variant, WAY_DGRAM_SENDTO_PATHNAME);
}

TEST_F(matrix, handed_unix_dgram_abstract)
{
	reach_handed(_metadata, variant, WAY_DGRAM_SENDTO_ABSTRACT);
}

TEST_F(matrix, handed_unix_dgram_connect)
{
	reach_handed(_metadata, variant, WAY_DGRAM_CONNECT);
}

TEST_F(matrix, handed_unix_dgram_autobind)
{
	reach_handed(_metadata, variant, WAY_DGRAM_SENDTO_AUTOBIND);
}

/* A listener that C took with it still serves: P's connection is queued. */
TEST_F(matrix, handed_listener_still_accepts)
{
	const bool allowed = reach_allowed(variant->allowed,
					   variant->subject_before_fork +
					   variant->object_after_fork);
	struct sockaddr_un addr;
	const socklen_t len = way_address(getpid(), WAY_STREAM_ABSTRACT, 0,
					  &addr);
	const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	ASSERT_LE(0, fd);
	EXPECT_EQ(allowed ? 0 : -1,
		  connect(fd, (struct sockaddr *)&addr, len));
	if (allowed)
		EXPECT_EQ(1, write(fd, "x", 1));
	close(fd);
}

/*
 * G, in a jail and sub-jail of its own, makes a listening socket and
 * sends it to the test, unrestricted.  A child X of the test enters a
 * jail holding it: the socket stays G's, so G still reaches it and X
 * does not.  Had X taken it, G would be refused and X allowed.
 */
static int other_jails_socket(int via, int go)
{
	int fd, res = 0, autoname;
	char c;

	if (jail_enter_levels(1, RESTRICTED))
		return 100;
	fd = way_serve(WAY_STREAM_ABSTRACT, &autoname);
	if (fd < 0)
		return 101;
	if (send_fds(via, &fd, 1, "s", 1))
		return 102;
	/* Wait until X entered, then reach the socket. */
	if (read(go, &c, 1) != 1)
		return 103;
	res = way_reach(getpid(), WAY_STREAM_ABSTRACT, 0);
	close(fd);
	return res ? 1 : 0;
}

TEST(socket_of_another_jail_stays_its_own)
{
	int sv[2], go[2], fd = -1, status;
	pid_t g, x;
	char c;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	ASSERT_EQ(0, pipe2(go, O_CLOEXEC));
	g = fork();
	ASSERT_LE(0, g);
	if (g == 0)
		_exit(other_jails_socket(sv[1], go[0]));
	ASSERT_EQ(0, recv_fds(sv[0], &fd, 1, &c, 1));
	/* Kept across execve(): only its label keeps X from taking it. */
	ASSERT_EQ(0, fcntl(fd, F_SETFD, 0));

	x = fork();
	ASSERT_LE(0, x);
	if (x == 0) {
		/* Entering takes unrestricted sockets, not G's. */
		if (jail_enter_levels(1, RESTRICTED))
			_exit(100);
		_exit(way_reach(g, WAY_STREAM_ABSTRACT, 0) == -EPERM ? 0 : 1);
	}
	ASSERT_EQ(x, waitpid(x, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	ASSERT_EQ(1, write(go[1], "g", 1));
	ASSERT_EQ(g, waitpid(g, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(fd);
	close(go[0]);
	close(go[1]);
	close(sv[0]);
	close(sv[1]);
}

/*
 * A child that enters before execve() holds its parent's sockets: those
 * on close-on-exec descriptors, which the parent keeps for itself, stay
 * unrestricted; one kept across execve() was handed down, and becomes
 * the child's jail's.  Another jail then reaches only the first.
 */
FIXTURE(held) {};

FIXTURE_VARIANT(held) {
	bool close_on_exec;
};

FIXTURE_VARIANT_ADD(held, close_on_exec) {
	.close_on_exec = true,
};

FIXTURE_VARIANT_ADD(held, kept_across_exec) {
	.close_on_exec = false,
};

FIXTURE_SETUP(held)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
}

FIXTURE_TEARDOWN(held)
{
}

/*
 * A child that enters a fresh sub-jail, says so on @ready, and stays
 * there holding what it took until the test closes @hold's write end.
 */
static pid_t fork_entered(const int hold[2], const int ready[2])
{
	const pid_t pid = fork();
	char c;

	if (pid == 0) {
		close(hold[1]);
		close(ready[0]);
		if (jail_enter_levels(1, RESTRICTED) ||
		    write(ready[1], "r", 1) != 1)
			_exit(100);
		_exit(read(hold[0], &c, 1) != 0);
	}
	return pid;
}

TEST_F(held, socket_forked_child_enters_with)
{
	int fd, hold[2], ready[2], status, autoname;
	pid_t owner, other;
	char c;

	fd = way_serve(WAY_STREAM_ABSTRACT, &autoname);
	ASSERT_LE(0, fd);
	if (!variant->close_on_exec)
		ASSERT_EQ(0, fcntl(fd, F_SETFD, 0));
	ASSERT_EQ(0, pipe2(hold, O_CLOEXEC));
	ASSERT_EQ(0, pipe2(ready, O_CLOEXEC));
	owner = fork_entered(hold, ready);
	ASSERT_LE(0, owner);
	ASSERT_EQ(1, read(ready[0], &c, 1));

	/* The child is in: try from another jail. */
	other = fork();
	ASSERT_LE(0, other);
	if (other == 0) {
		close(fd);
		if (jail_enter_levels(1, RESTRICTED))
			_exit(100);
		_exit(-way_reach(getppid(), WAY_STREAM_ABSTRACT, 0));
	}
	ASSERT_EQ(other, waitpid(other, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(variant->close_on_exec ? 0 : EPERM, WEXITSTATUS(status));

	close(hold[1]);
	ASSERT_EQ(owner, waitpid(owner, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(hold[0]);
	close(ready[0]);
	close(ready[1]);
	close(fd);
}

/*
 * A socket received over SCM_RIGHTS after entering is not taken: only
 * what the task holds at the moment it enters.
 */
TEST(socket_received_after_entering_stays_unrestricted)
{
	int sv[2], fd, status, autoname;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int got;
		char c;

		if (jail_enter_levels(1, RESTRICTED))
			_exit(100);
		if (recv_fds(sv[1], &got, 1, &c, 1))
			_exit(101);
		_exit(0);
	}
	fd = way_serve(WAY_STREAM_ABSTRACT, &autoname);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, send_fds(sv[0], &fd, 1, "s", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));

	/* Still unrestricted: a task in another jail reaches it. */
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (jail_enter_levels(1, RESTRICTED))
			_exit(100);
		_exit(way_reach(getppid(), WAY_STREAM_ABSTRACT, 0) ? 1 : 0);
	}
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
	close(fd);
	close(sv[0]);
	close(sv[1]);
}

TEST_HARNESS_MAIN
