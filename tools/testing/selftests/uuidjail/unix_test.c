// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Reaching UNIX-domain sockets
 *
 * A UNIX socket carries the label of the task that created it.  A task
 * may connect or send to it as the access matrix lets it act on a task of
 * that label, except that a socket of an unrestricted task is open to
 * everyone.  Each "way" below is one way to reach a socket; each runs
 * over the 14 cells of the matrix, P (the subject) reaching a socket C
 * created after entering its own levels, and reversed.
 *
 * Out of reach by design, and tested as such: connections and
 * socketpairs made before entering, sockets received over SCM_RIGHTS.
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
#include "matrix_fixture.h"

/* P reaches C's socket: allowed as P may reach C's label. */
static void reach_child(struct __test_metadata *const _metadata,
			struct _test_data_matrix *const self,
			const struct _fixture_variant_matrix *const variant,
			enum way way)
{
	const bool allowed = reach_allowed(variant->allowed,
					   variant->subject_before_fork +
					   variant->object_after_fork);
	const long denials = jail_denials(ways[way].op);
	int autoname;

	autoname = child_ask(self->cmd_fd, self->res_fd, CMD_SERVE(way));
	ASSERT_LE(0, autoname);
	EXPECT_EQ(expected(allowed, EPERM),
		  way_reach(self->child, way, autoname));
	/* A denial is counted under its operation's name. */
	EXPECT_EQ(denials + !allowed, jail_denials(ways[way].op));
	unlink_served(self->child, way);
}

/* C reaches P's socket: allowed as C may reach P's label. */
static void reach_parent(struct __test_metadata *const _metadata,
			 struct _test_data_matrix *const self,
			 const struct _fixture_variant_matrix *const variant,
			 enum way way)
{
	const bool allowed = reach_allowed(variant->reverse_allowed,
					   variant->subject_before_fork +
					   variant->subject_after_fork);
	int autoname = 0, fd;

	fd = way_serve(way, &autoname);
	ASSERT_LE(0, fd);
	EXPECT_EQ(expected(allowed, EPERM),
		  child_ask(self->cmd_fd, self->res_fd, CMD_REACH(way)));
	close(fd);
	unlink_served(getpid(), way);
}

TEST_F(matrix, unix_stream_pathname_connect)
{
	reach_child(_metadata, self, variant, WAY_STREAM_PATHNAME);
}

TEST_F(matrix, unix_stream_abstract_connect)
{
	reach_child(_metadata, self, variant, WAY_STREAM_ABSTRACT);
}

TEST_F(matrix, unix_seqpacket_connect)
{
	reach_child(_metadata, self, variant, WAY_SEQPACKET);
}

TEST_F(matrix, unix_dgram_sendto_pathname)
{
	reach_child(_metadata, self, variant, WAY_DGRAM_SENDTO_PATHNAME);
}

TEST_F(matrix, unix_dgram_sendto_abstract)
{
	reach_child(_metadata, self, variant, WAY_DGRAM_SENDTO_ABSTRACT);
}

TEST_F(matrix, unix_dgram_connect)
{
	reach_child(_metadata, self, variant, WAY_DGRAM_CONNECT);
}

/* A socket the kernel named (autobind) is reachable as any other. */
TEST_F(matrix, unix_dgram_sendto_autobind)
{
	reach_child(_metadata, self, variant, WAY_DGRAM_SENDTO_AUTOBIND);
}

TEST_F(matrix, reverse_unix_stream_pathname_connect)
{
	reach_parent(_metadata, self, variant, WAY_STREAM_PATHNAME);
}

TEST_F(matrix, reverse_unix_stream_abstract_connect)
{
	reach_parent(_metadata, self, variant, WAY_STREAM_ABSTRACT);
}

TEST_F(matrix, reverse_unix_seqpacket_connect)
{
	reach_parent(_metadata, self, variant, WAY_SEQPACKET);
}

TEST_F(matrix, reverse_unix_dgram_sendto_pathname)
{
	reach_parent(_metadata, self, variant, WAY_DGRAM_SENDTO_PATHNAME);
}

TEST_F(matrix, reverse_unix_dgram_sendto_abstract)
{
	reach_parent(_metadata, self, variant, WAY_DGRAM_SENDTO_ABSTRACT);
}

TEST_F(matrix, reverse_unix_dgram_connect)
{
	reach_parent(_metadata, self, variant, WAY_DGRAM_CONNECT);
}

/*
 * A guest: a child that enters a fresh jail and sub-jail, serves every
 * way and lives until its pipe closes.
 */
struct guest {
	pid_t pid;
	int hold;
	int autoname;
};

static int spawn_guest(struct guest *g)
{
	int hold[2], ready[2], res = 0, way;
	char c;

	if (pipe2(hold, O_CLOEXEC) || pipe2(ready, O_CLOEXEC))
		return -errno;
	g->pid = fork();
	if (g->pid < 0)
		return -errno;
	if (g->pid == 0) {
		/* Hold no other pipe open, or another guest never sees EOF. */
		if (dup2(hold[0], 3) != 3 || dup2(ready[1], 4) != 4 ||
		    close_range(5, ~0U, 0))
			_exit(1);
		res = jail_enter_levels(jail_state() + 1, RESTRICTED);
		for (way = 0; way < WAY_COUNT && !res; way++) {
			served[way] = way_serve(way, &g->autoname);
			if (served[way] < 0)
				res = served[way];
		}
		if (!res)
			res = g->autoname;
		if (write(4, &res, sizeof(res)) != sizeof(res))
			_exit(1);
		close(4);
		while (read(3, &c, 1) > 0)
			;
		_exit(0);
	}
	close(hold[0]);
	close(ready[1]);
	g->hold = hold[1];
	res = read(ready[0], &g->autoname, sizeof(g->autoname));
	close(ready[0]);
	if (res != sizeof(g->autoname))
		return -EIO;
	return g->autoname < 0 ? g->autoname : 0;
}

static int reap_guest(struct guest *g)
{
	int status, way;

	close(g->hold);
	for (way = 0; way < WAY_COUNT; way++)
		unlink_served(g->pid, way);
	if (waitpid(g->pid, &status, 0) != g->pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Run @fn(@arg) in a child: the step that failed, or 0. */
static int in_child(int (*fn)(const void *arg), const void *arg)
{
	const pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* A socket of @type connected to what @g serves for @way. */
static int connect_to(const struct guest *g, enum way way)
{
	struct sockaddr_un addr;
	const socklen_t len = way_address(g->pid, way, g->autoname, &addr);
	const int fd = socket(AF_UNIX, ways[way].type | SOCK_CLOEXEC, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, len))
		return -1;
	return fd;
}

/*
 * Two jailed guests cannot reach each other in any way, neither can a
 * third jail, but all reach an unrestricted server.
 */
struct two_guests {
	const struct guest *a, *b;
};

static int guest_reaches_guest(const void *arg)
{
	const struct two_guests *const t = arg;
	int way;

	if (jail_enter_levels(1, RESTRICTED))
		return 100;
	for (way = 0; way < WAY_COUNT; way++) {
		if (way_reach(t->a->pid, way, t->a->autoname) != -EPERM)
			return 1 + way;
		if (way_reach(t->b->pid, way, t->b->autoname) != -EPERM)
			return 20 + way;
		/* The parent serves every way, unrestricted. */
		if (ways[way].name != AUTOBIND && way_reach(getppid(), way, 0))
			return 40 + way;
	}
	return 0;
}

TEST(guests_reach_only_unrestricted_servers)
{
	struct guest a, b;
	struct two_guests t = { &a, &b };
	int fd[WAY_COUNT], autoname, way;

	for (way = 0; way < WAY_COUNT; way++) {
		if (ways[way].name == AUTOBIND) {
			fd[way] = -1;	/* its name is not known to children */
			continue;
		}
		fd[way] = way_serve(way, &autoname);
		ASSERT_LE(0, fd[way]);
	}
	ASSERT_EQ(0, spawn_guest(&a));
	ASSERT_EQ(0, spawn_guest(&b));
	/* The manager, unrestricted, reaches both guests in every way. */
	for (way = 0; way < WAY_COUNT; way++) {
		EXPECT_EQ(0, way_reach(a.pid, way, a.autoname));
		EXPECT_EQ(0, way_reach(b.pid, way, b.autoname));
	}
	EXPECT_EQ(0, in_child(guest_reaches_guest, &t));
	EXPECT_EQ(0, reap_guest(&a));
	EXPECT_EQ(0, reap_guest(&b));
	for (way = 0; way < WAY_COUNT; way++) {
		if (fd[way] >= 0)
			close(fd[way]);
		unlink_served(getpid(), way);
	}
}

/*
 * Connections made before entering keep working: a stream connection,
 * and a datagram socket connected to its peer, whether the datagram
 * names the peer or not.  New ones are judged.
 */
struct connected {
	const struct guest *g;
	int stream, dgram;
};

static int use_after_entering(const void *arg)
{
	const struct connected *const c = arg;
	struct sockaddr_un addr;
	const socklen_t len = way_address(c->g->pid, WAY_DGRAM_CONNECT, 0,
					  &addr);

	if (jail_enter_levels(1, RESTRICTED))
		return 100;
	if (write(c->stream, "x", 1) != 1)
		return 1;
	if (send(c->dgram, "x", 1, 0) != 1)
		return 2;
	if (sendto(c->dgram, "x", 1, 0, (struct sockaddr *)&addr, len) != 1)
		return 3;
	if (way_reach(c->g->pid, WAY_STREAM_ABSTRACT, 0) != -EPERM)
		return 4;
	if (way_reach(c->g->pid, WAY_DGRAM_CONNECT, 0) != -EPERM)
		return 5;
	return 0;
}

TEST(connection_made_before_entering)
{
	struct guest g;
	struct connected c = { &g };

	ASSERT_EQ(0, spawn_guest(&g));
	c.stream = connect_to(&g, WAY_STREAM_ABSTRACT);
	ASSERT_LE(0, c.stream);
	c.dgram = connect_to(&g, WAY_DGRAM_CONNECT);
	ASSERT_LE(0, c.dgram);
	EXPECT_EQ(0, in_child(use_after_entering, &c));
	close(c.stream);
	close(c.dgram);
	EXPECT_EQ(0, reap_guest(&g));
}

/* Both ends of a socketpair talk after each entered a jail of its own. */
static void check_socketpair(struct __test_metadata *const _metadata,
			     int type)
{
	int sv[2], status;
	char c;
	pid_t pid;

	ASSERT_EQ(0, socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		if (jail_enter_levels(1, RESTRICTED))
			_exit(1);
		if (write(sv[1], "c", 1) != 1)
			_exit(2);
		if (read(sv[1], &c, 1) != 1 || c != 'p')
			_exit(3);
		_exit(0);
	}
	ASSERT_EQ(0, jail_enter_levels(1, HALF));
	EXPECT_EQ(1, read(sv[0], &c, 1));
	EXPECT_EQ('c', c);
	EXPECT_EQ(1, write(sv[0], "p", 1));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(0, WEXITSTATUS(status));
}

TEST(socketpair_stream_made_before_entering)
{
	check_socketpair(_metadata, SOCK_STREAM);
}

TEST(socketpair_seqpacket_made_before_entering)
{
	check_socketpair(_metadata, SOCK_SEQPACKET);
}

TEST(socketpair_dgram_made_before_entering)
{
	check_socketpair(_metadata, SOCK_DGRAM);
}

/*
 * A descriptor is a capability: sockets connected to a guest by the
 * (unrestricted) parent and sent over SCM_RIGHTS to a task in another
 * jail work there, although that task cannot connect to the guest.
 */
struct receiver {
	const struct guest *g;
	int via;
};

static int use_received(const void *arg)
{
	const struct receiver *const r = arg;
	int fds[2];
	char c;

	if (jail_enter_levels(1, RESTRICTED))
		return 100;
	if (way_reach(r->g->pid, WAY_STREAM_ABSTRACT, 0) != -EPERM)
		return 1;
	if (recv_fds(r->via, fds, 2, &c, 1))
		return 2;
	if (write(fds[0], "x", 1) != 1)
		return 3;
	if (send(fds[1], "x", 1, 0) != 1)
		return 4;
	return 0;
}

TEST(socket_received_over_scm_rights)
{
	struct guest g;
	struct receiver r = { &g };
	int sv[2], fds[2];

	ASSERT_EQ(0, spawn_guest(&g));
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv));
	fds[0] = connect_to(&g, WAY_STREAM_ABSTRACT);
	ASSERT_LE(0, fds[0]);
	fds[1] = connect_to(&g, WAY_DGRAM_CONNECT);
	ASSERT_LE(0, fds[1]);
	ASSERT_EQ(0, send_fds(sv[0], fds, 2, "f", 1));
	r.via = sv[1];
	EXPECT_EQ(0, in_child(use_received, &r));
	close(fds[0]);
	close(fds[1]);
	close(sv[0]);
	close(sv[1]);
	EXPECT_EQ(0, reap_guest(&g));
}

TEST_HARNESS_MAIN
