/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Denials: counting and auditing
 */

#ifndef _SECURITY_UUIDJAIL_AUDIT_H
#define _SECURITY_UUIDJAIL_AUDIT_H

#include <linux/sched.h>
#include <linux/types.h>

#include "label.h"

struct sock;
struct uuidjail_jail;

/* What was denied: one per hook, named after it. */
enum uuidjail_op {
	UUIDJAIL_OP_PTRACE_ACCESS_CHECK,
	UUIDJAIL_OP_PTRACE_TRACEME,
	UUIDJAIL_OP_TASK_KILL,
	UUIDJAIL_OP_FILE_SEND_SIGIOTASK,
	UUIDJAIL_OP_TASK_SETPGID,
	UUIDJAIL_OP_TASK_GETPGID,
	UUIDJAIL_OP_TASK_GETSID,
	UUIDJAIL_OP_TASK_SETNICE,
	UUIDJAIL_OP_TASK_SETIOPRIO,
	UUIDJAIL_OP_TASK_GETIOPRIO,
	UUIDJAIL_OP_TASK_SETRLIMIT,
	UUIDJAIL_OP_TASK_SETSCHEDULER,
	UUIDJAIL_OP_TASK_GETSCHEDULER,
	UUIDJAIL_OP_TASK_MOVEMEMORY,
	UUIDJAIL_OP_CAPGET,
	UUIDJAIL_OP_FILE_OPEN,
	UUIDJAIL_OP_INODE_GETATTR,
	UUIDJAIL_OP_INODE_SETATTR,
	UUIDJAIL_OP_INODE_GETXATTR,
	UUIDJAIL_OP_INODE_LISTXATTR,
	UUIDJAIL_OP_PATH_NOTIFY,
	UUIDJAIL_OP_PERF_EVENT_ALLOC,
	UUIDJAIL_OP_UNIX_STREAM_CONNECT,
	UUIDJAIL_OP_UNIX_MAY_SEND,
	UUIDJAIL_OP_COUNT
};

/**
 * struct uuidjail_denial - What uuidjail_deny() reports
 * @op: the operation
 * @subject: the acting task, or NULL when it is not known (SIGIO)
 * @sjail: the jail the subject acts from (for SIGIO, the one recorded
 *         when the signal was aimed); never NULL, since an unrestricted
 *         subject is never denied
 * @object: the task acted upon, or NULL for a socket
 * @osock: the UNIX socket reached, when @object is NULL
 * @olabel: the label of @object or @osock
 * @ojail: the jail @olabel was read from, kept alive by the caller; NULL
 *         for an unrestricted object.  Only its name is reported.
 * @audit: false to count without an audit record: a routine probe
 *         (PTRACE_MODE_NOAUDIT, a /proc entry)
 */
struct uuidjail_denial {
	enum uuidjail_op op;
	struct task_struct *subject;
	struct uuidjail_jail *sjail;
	struct task_struct *object;
	const struct sock *osock;
	const struct uuidjail_label *olabel;
	const struct uuidjail_jail *ojail;
	bool audit;
};

void uuidjail_deny(const struct uuidjail_denial *denial);
const char *uuidjail_op_name(enum uuidjail_op op);
unsigned long uuidjail_denials(const struct uuidjail_jail *jail,
			       enum uuidjail_op op);

#endif /* _SECURITY_UUIDJAIL_AUDIT_H */
