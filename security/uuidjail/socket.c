// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - UNIX-domain sockets
 *
 * A UNIX socket carries the label of the task that created it; the
 * server-side socket accept() returns carries its listener's.  Reaching a
 * socket (connecting to it, or sending it a datagram) is judged with the
 * label the reaching task has at that moment against the socket's, by
 * uuidjail_may_reach(): a socket of an unrestricted task (a system
 * service) can be reached by everyone.
 *
 * A connection is judged once, when it is made: the data sent over an
 * established stream, or by a datagram socket to the peer it connected
 * to, is not judged again, so a connection or a socketpair made before
 * entering keeps working, as does a socket received over SCM_RIGHTS.
 *
 * Both checks run under the remote socket's state lock (a spinlock): they
 * never sleep, the allow path allocates nothing, and the socket whose
 * label they read is held by the caller, which keeps its blob's jail.
 */

#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/af_unix.h>
#include <net/sock.h>

#include "audit.h"
#include "common.h"
#include "jail.h"
#include "label.h"
#include "setup.h"
#include "socket.h"

/* Report a denial: out of line, see deny_task() in task.c. */
static noinline void deny_reach(const enum uuidjail_op op,
				struct uuidjail_jail *const sjail,
				const struct sock *const remote,
				const struct uuidjail_jail *const rjail,
				const struct uuidjail_label *const rlabel)
{
	const struct uuidjail_denial denial = {
		.op = op,
		.subject = current,
		.sjail = sjail,
		.osock = remote,
		.olabel = rlabel,
		.ojail = rjail,
		.audit = true,
	};

	uuidjail_deny(&denial);
}

/* The current task reaches @remote, a UNIX socket held by the caller. */
static int check_reach(const enum uuidjail_op op,
		       struct uuidjail_jail *const sjail,
		       const struct sock *const remote)
{
	const struct uuidjail_jail *const rjail = uuidjail_sock(remote)->jail;
	const struct uuidjail_label rlabel = uuidjail_jail_label(rjail);

	if (likely(uuidjail_may_reach(&sjail->label, &rlabel)))
		return 0;
	deny_reach(op, sjail, remote, rjail, &rlabel);
	return -EPERM;
}

/*
 * Only UNIX sockets are labelled: they are allocated in process context,
 * by the task that creates them (socket(), socketpair(), and the
 * connecting task for the server-side socket of a stream connection).
 * Sockets of other families carry no label and reach no hook here; the
 * LSM framework hands over a zeroed blob.
 */
static int hook_sk_alloc_security(struct sock *const sk, const int family,
				  const gfp_t priority)
{
	if (family == PF_UNIX)
		uuidjail_sock(sk)->jail =
			uuidjail_jail_get(uuidjail_current_jail());
	return 0;
}

/* May run from an RCU callback: uuidjail_jail_put() never sleeps. */
static void hook_sk_free_security(struct sock *const sk)
{
	uuidjail_jail_put(uuidjail_sock(sk)->jail);
}

/*
 * Stream and seqpacket connect(), under unix_state_lock(@other) and
 * unix_state_lock(@sock).  @newsk, the socket accept() will return, was
 * made by the connecting task and is not yet visible to any other: it
 * takes the label of @other, the listening socket, on the way.
 */
static int hook_unix_stream_connect(struct sock *const sock,
				    struct sock *const other,
				    struct sock *const newsk)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();
	struct uuidjail_sock_security *const server = uuidjail_sock(newsk);
	struct uuidjail_jail *listener;

	/* No jail yet: neither socket has a label. */
	if (!uuidjail_active())
		return 0;
	listener = uuidjail_sock(other)->jail;
	if (sjail) {
		const int err = check_reach(UUIDJAIL_OP_UNIX_STREAM_CONNECT,
					    sjail, other);

		if (err)
			return err;
	}
	if (server->jail != listener) {
		/* The connecting task still holds the old jail: no free. */
		uuidjail_jail_put(server->jail);
		server->jail = uuidjail_jail_get(listener);
	}
	return 0;
}

/*
 * Datagram connect() and every datagram sent (sendto(), sendmsg(),
 * sendmmsg(), io_uring), named or abstract address alike, under
 * unix_state_lock(@other).
 */
static int hook_unix_may_send(struct socket *const sock,
			      struct socket *const other)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();

	/* Quick return for unjailed tasks: the common case costs one test. */
	if (!sjail)
		return 0;
	/*
	 * A datagram to the peer @sock is connected to: that connection was
	 * judged when it was made, possibly before the sender entered.  The
	 * peer only changes under both state locks, and only to a socket
	 * that connect() judged, so a stale value names such a socket too.
	 */
	if (READ_ONCE(unix_peer(sock->sk)) == other->sk)
		return 0;
	return check_reach(UUIDJAIL_OP_UNIX_MAY_SEND, sjail, other->sk);
}

static struct security_hook_list uuidjail_socket_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(sk_alloc_security, hook_sk_alloc_security),
	LSM_HOOK_INIT(sk_free_security, hook_sk_free_security),
	LSM_HOOK_INIT(unix_stream_connect, hook_unix_stream_connect),
	LSM_HOOK_INIT(unix_may_send, hook_unix_may_send),
};

/**
 * uuidjail_add_socket_hooks - Register the UNIX socket hooks
 */
void __init uuidjail_add_socket_hooks(void)
{
	security_add_hooks(uuidjail_socket_hooks,
			   ARRAY_SIZE(uuidjail_socket_hooks), &uuidjail_lsmid);
}
