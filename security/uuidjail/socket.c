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
 * A task that enters a jail takes the UNIX sockets it holds with it
 * (uuidjail_claim_sockets()): a socket a manager made for its guest and
 * handed over as a descriptor becomes the guest's.  Only that step changes
 * the label of a published socket, under the socket's state lock.
 *
 * Both checks run under the remote socket's state lock (a spinlock): they
 * never sleep, the allow path allocates nothing, and the lock keeps the
 * label they read, and the jail it points to, from being replaced.
 */

#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/lockdep.h>
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

	lockdep_assert_held(&unix_sk(remote)->lock);
	if (likely(uuidjail_may_reach(&sjail->label, &rlabel, sjail->sealed)))
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

/*
 * Relabel @sk from an ancestor of @jail (no jail, or the jail its holder
 * just left) to @jail.  Every task that may reach @jail's sockets could
 * reach the ancestor's, so the set of tasks that may reach @sk only
 * shrinks, except for the sealed tasks of @jail, whose own socket it now
 * is.  A socket of another jail stays as it is: taking it would open it to
 * this jail.
 */
static void claim_socket(struct sock *const sk,
			 struct uuidjail_jail *const old,
			 struct uuidjail_jail *const jail)
{
	struct uuidjail_sock_security *const ss = uuidjail_sock(sk);
	struct uuidjail_jail *prev;
	bool take;

	unix_state_lock(sk);
	prev = ss->jail;
	take = !prev || prev == old;
	if (take)
		ss->jail = uuidjail_jail_get(jail);
	unix_state_unlock(sk);
	if (take)
		uuidjail_jail_put(prev);
}

/**
 * uuidjail_claim_sockets - Give the sockets a task was handed its new jail
 * @old: the jail the current task just left, or NULL
 * @jail: the jail it just entered, whose parent @old is, if any
 *
 * Every UNIX socket that the current task holds on a descriptor kept
 * across execve() (no close-on-exec flag) and whose label is @old or
 * unrestricted takes @jail's: a listening socket that a manager made and
 * handed down (a QMP monitor, a chardev, a socket-activated service) is
 * then reachable only from unrestricted tasks and from @jail, as if the
 * guest had made it after entering.  A close-on-exec descriptor is one the
 * task was not handed: a process that forks and enters before execve()
 * still holds its parent's own sockets that way, and must not take them.
 * The fd table is the caller's alone (uuidjail_enter() refuses a shared
 * one), so it cannot change meanwhile.
 *
 * Context: process context, no lock held; takes each socket's state lock.
 */
void uuidjail_claim_sockets(struct uuidjail_jail *const old,
			    struct uuidjail_jail *const jail)
{
	struct file *file;
	unsigned int fd;

	for (fd = 0; (file = fget_task_next(current, &fd)); fd++) {
		struct socket *const sock = sock_from_file(file);
		bool kept;

		rcu_read_lock();
		kept = !close_on_exec(fd, current->files);
		rcu_read_unlock();
		if (kept && sock && sock->sk && sock->sk->sk_family == PF_UNIX)
			claim_socket(sock->sk, old, jail);
		fput(file);
	}
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
