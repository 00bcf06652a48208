// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the labels of uuidjail's UNIX sockets
 *
 * The label of a socket is only seen through the decisions it makes, and
 * that of a socket accept() returns makes none yet: these tests create
 * kernel sockets while the test thread carries a jail of the test's
 * choosing, and look at the labels directly.  Each test case runs in a
 * kernel thread of its own, which dies with the jail it was given.
 */

#include <kunit/test.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/un.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "jail.h"
#include "label.h"
#include "setup.h"
#include "socket.h"

struct socket_test {
	struct uuidjail_jail *jail;
};

/*
 * Make the test thread carry @jail (NULL: unrestricted) from now on, as
 * uuidjail_enter() would, but in any direction: the thread is the test's.
 */
static void set_jail(struct uuidjail_jail *const jail)
{
	struct uuidjail_jail *const old = uuidjail_current_jail();

	rcu_assign_pointer(uuidjail_task(current)->jail,
			   uuidjail_jail_get(jail));
	uuidjail_jail_put(old);
}

static int socket_test_init(struct kunit *const test)
{
	struct socket_test *const t = kunit_kzalloc(test, sizeof(*t),
						    GFP_KERNEL);

	if (!uuidjail_enabled)
		kunit_skip(test, "uuidjail is not enabled (lsm=)");
	KUNIT_ASSERT_NOT_NULL(test, t);
	/* As the first enter1 does; it stays on, as it would. */
	static_branch_enable(&uuidjail_jails_exist);
	t->jail = uuidjail_jail_alloc();
	KUNIT_ASSERT_NOT_NULL(test, t->jail);
	uuidjail_jail_init(t->jail, NULL, false);
	test->priv = t;
	return 0;
}

/* Runs in another thread: the test's own drops its jail as it dies. */
static void socket_test_exit(struct kunit *const test)
{
	struct socket_test *const t = test->priv;

	if (t)
		uuidjail_jail_put(t->jail);
}

static struct uuidjail_jail *label_of(const struct socket *const sock)
{
	return uuidjail_sock(sock->sk)->jail;
}

static struct socket *new_socket(struct kunit *const test)
{
	struct socket *sock;

	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, AF_UNIX,
					       SOCK_STREAM, 0, &sock), 0);
	return sock;
}

/* A listener on an abstract name of the kernel's choosing (autobind). */
static struct socket *new_listener(struct kunit *const test,
				   struct sockaddr_un *const addr, int *const len)
{
	struct socket *const sock = new_socket(test);

	addr->sun_family = AF_UNIX;
	KUNIT_ASSERT_EQ(test, kernel_bind(sock,
					  (struct sockaddr_unsized *)addr,
					  sizeof(addr->sun_family)), 0);
	*len = kernel_getsockname(sock, (struct sockaddr *)addr);
	KUNIT_ASSERT_GT(test, *len, (int)sizeof(addr->sun_family));
	KUNIT_ASSERT_EQ(test, kernel_listen(sock, 1), 0);
	return sock;
}

/*
 * Connect a socket made by a task with @client_jail to @listener and
 * return the socket accept() hands the server.
 */
static struct socket *connect_accept(struct kunit *const test,
				     struct socket *const listener,
				     struct sockaddr_un *const addr,
				     const int len,
				     struct uuidjail_jail *const client_jail,
				     struct socket **const client)
{
	struct socket *server;

	set_jail(client_jail);
	*client = new_socket(test);
	KUNIT_EXPECT_PTR_EQ(test, label_of(*client), client_jail);
	KUNIT_ASSERT_EQ(test, kernel_connect(*client,
					     (struct sockaddr_unsized *)addr,
					     len, 0), 0);
	set_jail(NULL);
	KUNIT_ASSERT_EQ(test, kernel_accept(listener, &server, 0), 0);
	return server;
}

/* A socket takes its creator's label, jailed or not. */
static void test_socket_takes_creator_label(struct kunit *const test)
{
	struct socket_test *const t = test->priv;
	struct socket *jailed, *host;

	set_jail(t->jail);
	jailed = new_socket(test);
	set_jail(NULL);
	host = new_socket(test);
	KUNIT_EXPECT_PTR_EQ(test, label_of(jailed), t->jail);
	KUNIT_EXPECT_NULL(test, label_of(host));
	sock_release(jailed);
	sock_release(host);
}

/* An unrestricted client's connection accepted by a jailed listener. */
static void test_accepted_takes_jailed_listener_label(struct kunit *const test)
{
	struct socket_test *const t = test->priv;
	struct sockaddr_un addr = {};
	struct socket *listener, *client, *server;
	int len;

	set_jail(t->jail);
	listener = new_listener(test, &addr, &len);
	server = connect_accept(test, listener, &addr, len, NULL, &client);
	KUNIT_EXPECT_PTR_EQ(test, label_of(server), t->jail);
	KUNIT_EXPECT_NULL(test, label_of(client));
	sock_release(server);
	sock_release(client);
	sock_release(listener);
}

/* A jailed client's connection accepted by an unrestricted listener. */
static void test_accepted_takes_host_listener_label(struct kunit *const test)
{
	struct socket_test *const t = test->priv;
	struct sockaddr_un addr = {};
	struct socket *listener, *client, *server;
	int len;

	set_jail(NULL);
	listener = new_listener(test, &addr, &len);
	server = connect_accept(test, listener, &addr, len, t->jail, &client);
	KUNIT_EXPECT_NULL(test, label_of(server));
	KUNIT_EXPECT_PTR_EQ(test, label_of(client), t->jail);
	sock_release(server);
	sock_release(client);
	sock_release(listener);
}

static struct kunit_case uuidjail_socket_test_cases[] = {
	KUNIT_CASE(test_socket_takes_creator_label),
	KUNIT_CASE(test_accepted_takes_jailed_listener_label),
	KUNIT_CASE(test_accepted_takes_host_listener_label),
	{}
};

static struct kunit_suite uuidjail_socket_test_suite = {
	.name = "uuidjail_socket",
	.init = socket_test_init,
	.exit = socket_test_exit,
	.test_cases = uuidjail_socket_test_cases,
};

kunit_test_suite(uuidjail_socket_test_suite);
