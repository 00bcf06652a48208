/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - The admin view
 */

#ifndef _SECURITY_UUIDJAIL_VIEW_H
#define _SECURITY_UUIDJAIL_VIEW_H

#include <linux/fs.h>

extern const struct file_operations uuidjail_tasks_fops;
extern const struct file_operations uuidjail_jails_fops;

#endif /* _SECURITY_UUIDJAIL_VIEW_H */
