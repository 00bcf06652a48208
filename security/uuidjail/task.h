/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Task hooks
 */

#ifndef _SECURITY_UUIDJAIL_TASK_H
#define _SECURITY_UUIDJAIL_TASK_H

#include <linux/sched.h>

int uuidjail_task_may_act(const struct task_struct *subject,
			  const struct task_struct *object);
void __init uuidjail_add_task_hooks(void);

#endif /* _SECURITY_UUIDJAIL_TASK_H */
