/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Security framework setup
 */

#ifndef _SECURITY_UUIDJAIL_SETUP_H
#define _SECURITY_UUIDJAIL_SETUP_H

#include <linux/init.h>
#include <linux/lsm_hooks.h>

extern const struct lsm_id uuidjail_lsmid;
extern struct lsm_blob_sizes uuidjail_blob_sizes;
extern bool uuidjail_enabled;

void __init uuidjail_add_self_hooks(void);
int __init uuidjail_init_securityfs(void);

#endif /* _SECURITY_UUIDJAIL_SETUP_H */
