/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Task hooks
 */

#ifndef _SECURITY_UUIDJAIL_TASK_H
#define _SECURITY_UUIDJAIL_TASK_H

#include <linux/init.h>
#include <linux/sched.h>

#include "audit.h"
#include "jail.h"

int uuidjail_check(enum uuidjail_op op, struct task_struct *subject,
		   struct uuidjail_jail *sjail,
		   struct task_struct *object, bool audit);
void __init uuidjail_add_task_hooks(void);

#endif /* _SECURITY_UUIDJAIL_TASK_H */
