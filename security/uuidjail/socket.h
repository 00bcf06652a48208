/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - UNIX-domain sockets
 */

#ifndef _SECURITY_UUIDJAIL_SOCKET_H
#define _SECURITY_UUIDJAIL_SOCKET_H

#include <linux/init.h>
#include <net/sock.h>

#include "jail.h"
#include "setup.h"

/**
 * struct uuidjail_sock_security - The sock blob
 * @jail: for a UNIX socket, the jail (a reference) of the task that
 *        created it, or for a socket accept() returns, its listener's;
 *        NULL if that is unrestricted, and for every other family
 *
 * Set when the socket is allocated, and replaced for a server-side socket
 * before unix_stream_connect() publishes it.  Once published it changes
 * only when a task that holds it enters a jail (uuidjail_claim_sockets()),
 * under unix_state_lock(); so it is read under that lock, where the jail
 * it points to stays alive.
 */
struct uuidjail_sock_security {
	struct uuidjail_jail *jail;
};

static inline struct uuidjail_sock_security *
uuidjail_sock(const struct sock *const sk)
{
	return sk->sk_security + uuidjail_blob_sizes.lbs_sock;
}

void uuidjail_claim_sockets(struct uuidjail_jail *old,
			    struct uuidjail_jail *jail);
void __init uuidjail_add_socket_hooks(void);

#endif /* _SECURITY_UUIDJAIL_SOCKET_H */
