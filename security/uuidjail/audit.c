// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Denials: counting and auditing
 *
 * Only the deny path comes here.  It runs in the hooks' atomic context:
 * the counters are atomics, the rate limit takes no sleeping lock and
 * common_lsm_audit() allocates its record with GFP_ATOMIC.
 *
 * Denials are counted system-wide and in the subject's jail (or
 * sub-jail).  Records are rate-limited per jail, a sub-jail sharing its
 * jail's budget: a noisy jail can spend only its own, and a half-
 * restricted task cannot get more by making sub-jails.
 */

#include <linux/atomic.h>
#include <linux/audit.h>
#include <linux/container_of.h>
#include <linux/lsm_audit.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/socket.h>

#include "audit.h"
#include "common.h"
#include "jail.h"
#include "label.h"

static const char *const op_names[UUIDJAIL_OP_COUNT] = {
	[UUIDJAIL_OP_PTRACE_ACCESS_CHECK] = "ptrace_access_check",
	[UUIDJAIL_OP_PTRACE_TRACEME] = "ptrace_traceme",
	[UUIDJAIL_OP_TASK_KILL] = "task_kill",
	[UUIDJAIL_OP_FILE_SEND_SIGIOTASK] = "file_send_sigiotask",
	[UUIDJAIL_OP_TASK_SETPGID] = "task_setpgid",
	[UUIDJAIL_OP_TASK_GETPGID] = "task_getpgid",
	[UUIDJAIL_OP_TASK_GETSID] = "task_getsid",
	[UUIDJAIL_OP_TASK_SETNICE] = "task_setnice",
	[UUIDJAIL_OP_TASK_SETIOPRIO] = "task_setioprio",
	[UUIDJAIL_OP_TASK_GETIOPRIO] = "task_getioprio",
	[UUIDJAIL_OP_TASK_SETRLIMIT] = "task_setrlimit",
	[UUIDJAIL_OP_TASK_SETSCHEDULER] = "task_setscheduler",
	[UUIDJAIL_OP_TASK_GETSCHEDULER] = "task_getscheduler",
	[UUIDJAIL_OP_TASK_MOVEMEMORY] = "task_movememory",
	[UUIDJAIL_OP_CAPGET] = "capget",
	[UUIDJAIL_OP_FILE_OPEN] = "file_open",
	[UUIDJAIL_OP_INODE_GETATTR] = "inode_getattr",
	[UUIDJAIL_OP_INODE_SETATTR] = "inode_setattr",
	[UUIDJAIL_OP_INODE_GETXATTR] = "inode_getxattr",
	[UUIDJAIL_OP_INODE_LISTXATTR] = "inode_listxattr",
	[UUIDJAIL_OP_PATH_NOTIFY] = "path_notify",
	[UUIDJAIL_OP_PERF_EVENT_ALLOC] = "perf_event_alloc",
	[UUIDJAIL_OP_UNIX_STREAM_CONNECT] = "unix_stream_connect",
	[UUIDJAIL_OP_UNIX_MAY_SEND] = "unix_may_send",
};

static atomic_long_t denials[UUIDJAIL_OP_COUNT];

/**
 * uuidjail_op_name - Name an operation
 * @op: the operation
 *
 * Return: the name of its hook, as audit records and the stats file use.
 */
const char *uuidjail_op_name(const enum uuidjail_op op)
{
	return op_names[op];
}

/**
 * uuidjail_denials - Count the denials of an operation since boot
 * @jail: count those of the tasks of this jail or sub-jail only, or NULL
 *        for the whole system
 * @op: the operation
 *
 * Return: the count.
 */
unsigned long uuidjail_denials(const struct uuidjail_jail *const jail,
			       const enum uuidjail_op op)
{
	return atomic_long_read(jail ? &jail->denials[op] : &denials[op]);
}

/* common_lsm_audit() hands its callbacks the common_audit_data. */
struct denial_audit {
	struct common_audit_data ad;
	const struct uuidjail_denial *denial;
};

static const struct uuidjail_denial *to_denial(void *const data)
{
	return container_of(data, struct denial_audit, ad)->denial;
}

static void audit_pre(struct audit_buffer *const ab, void *const data)
{
	const struct uuidjail_denial *const d = to_denial(data);

	audit_log_format(ab, "uuidjail=denied op=%s", op_names[d->op]);
	if (d->subject)
		audit_log_format(ab, " spid=%d", task_tgid_nr(d->subject));
}

/* Names only help people read the record: present when given. */
static void log_jail_name(struct audit_buffer *const ab,
			  const char *const field,
			  const struct uuidjail_jail *const jail)
{
	const char *const name = uuidjail_jail_name(jail);

	if (!name)
		return;
	audit_log_format(ab, " %s=", field);
	audit_log_untrustedstring(ab, name);
}

static void audit_post(struct audit_buffer *const ab, void *const data)
{
	const struct uuidjail_denial *const d = to_denial(data);

	audit_log_format(ab, " sid1=%llu sid2=%llu oid1=%llu oid2=%llu",
			 d->sjail->label.id1, d->sjail->label.id2,
			 d->olabel->id1, d->olabel->id2);
	log_jail_name(ab, "sname", d->sjail);
	log_jail_name(ab, "oname", d->ojail);
}

/**
 * uuidjail_deny - Count a denial and audit it, rate-limited per jail
 * @denial: what was denied, to whom
 *
 * The record names the operation, the subject (spid= when it is known,
 * pid= and comm= the current task), the object (opid= and ocomm= for a
 * task, path= the address of a UNIX socket that has one), both labels,
 * and the names of both jails when they have one (sname=, oname=).
 */
void uuidjail_deny(const struct uuidjail_denial *const denial)
{
	struct lsm_network_audit net = {
		.sk = denial->osock,
		.family = AF_UNIX,
	};
	struct denial_audit audit = {
		.ad = {
			.type = LSM_AUDIT_DATA_TASK,
			.u.tsk = denial->object,
		},
		.denial = denial,
	};

	atomic_long_inc(&denials[denial->op]);
	atomic_long_inc(&denial->sjail->denials[denial->op]);
	if (!denial->audit ||
	    !__ratelimit(&uuidjail_jail_top(denial->sjail)->audit_limit))
		return;
	if (!denial->object) {
		audit.ad.type = LSM_AUDIT_DATA_NET;
		audit.ad.u.net = &net;
	}
	common_lsm_audit(&audit.ad, audit_pre, audit_post);
}
