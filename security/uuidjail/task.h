/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Task hooks
 */

#ifndef _SECURITY_UUIDJAIL_TASK_H
#define _SECURITY_UUIDJAIL_TASK_H

#include <linux/init.h>
#include <linux/sched.h>

#include "audit.h"
#include "label.h"

int uuidjail_check(enum uuidjail_op op, struct task_struct *subject,
		   const struct uuidjail_label *slabel,
		   struct task_struct *object, bool audit);
void __init uuidjail_add_task_hooks(void);

#endif /* _SECURITY_UUIDJAIL_TASK_H */
