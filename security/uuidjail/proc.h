/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - /proc/PID hooks
 */

#ifndef _SECURITY_UUIDJAIL_PROC_H
#define _SECURITY_UUIDJAIL_PROC_H

#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/pid.h>

#include "setup.h"

/**
 * struct uuidjail_inode_security - The inode blob
 * @pid: for a /proc/PID/... inode, a reference on the pid of its task's
 *       thread group (or UUIDJAIL_PROC_GONE), set once when procfs creates
 *       the inode and released after an RCU grace period once the inode is
 *       freed; NULL for every other inode
 */
struct uuidjail_inode_security {
	struct pid __rcu *pid;
};

/* A /proc/PID inode made after its whole thread group was released. */
#define UUIDJAIL_PROC_GONE ((struct pid *)ERR_PTR(-ESRCH))

/* The blob starts with the LSM framework's rcu_head: see lsm_init.c. */
static inline struct uuidjail_inode_security *
uuidjail_inode_blob(void *const blob)
{
	return blob + uuidjail_blob_sizes.lbs_inode;
}

static inline struct uuidjail_inode_security *
uuidjail_inode(const struct inode *const inode)
{
	return uuidjail_inode_blob(inode->i_security);
}

void __init uuidjail_add_proc_hooks(void);

#endif /* _SECURITY_UUIDJAIL_PROC_H */
