/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - /proc/PID hooks
 */

#ifndef _SECURITY_UUIDJAIL_PROC_H
#define _SECURITY_UUIDJAIL_PROC_H

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/pid.h>

#include "setup.h"

/**
 * struct uuidjail_inode_security - The inode blob
 * @pid: for a /proc/PID/... inode, a reference on the pid of its task;
 *       NULL for every other inode
 */
struct uuidjail_inode_security {
	struct pid *pid;
};

static inline struct uuidjail_inode_security *
uuidjail_inode(const struct inode *const inode)
{
	return inode->i_security + uuidjail_blob_sizes.lbs_inode;
}

void __init uuidjail_add_proc_hooks(void);

#endif /* _SECURITY_UUIDJAIL_PROC_H */
