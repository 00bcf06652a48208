// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Security framework setup
 */

#include <linux/init.h>
#include <linux/lsm_hooks.h>
#include <uapi/linux/lsm.h>

#include "common.h"
#include "fown.h"
#include "jail.h"
#include "proc.h"
#include "setup.h"
#include "socket.h"
#include "task.h"

const struct lsm_id uuidjail_lsmid = {
	.name = UUIDJAIL_NAME,
	.id = LSM_ID_UUIDJAIL,
};

struct lsm_blob_sizes uuidjail_blob_sizes __ro_after_init = {
	.lbs_task = sizeof(struct uuidjail_task_security),
	.lbs_file = sizeof(struct uuidjail_file_security),
	.lbs_inode = sizeof(struct uuidjail_inode_security),
	.lbs_sock = sizeof(struct uuidjail_sock_security),
};

/* Whether the LSM framework enabled uuidjail (lsm=), for the KUnit tests. */
bool uuidjail_enabled __ro_after_init;

static int __init uuidjail_init(void)
{
	uuidjail_add_jail_hooks();
	uuidjail_add_task_hooks();
	uuidjail_add_self_hooks();
	uuidjail_add_fown_hooks();
	uuidjail_add_proc_hooks();
	uuidjail_add_socket_hooks();
	uuidjail_enabled = true;
	pr_info("Up and running.\n");
	return 0;
}

DEFINE_LSM(uuidjail) = {
	.id = &uuidjail_lsmid,
	.init = uuidjail_init,
	.blobs = &uuidjail_blob_sizes,
	.initcall_fs = uuidjail_init_securityfs,
};
