/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Task labels and the access matrix
 */

#ifndef _SECURITY_UUIDJAIL_LABEL_H
#define _SECURITY_UUIDJAIL_LABEL_H

#include <linux/atomic.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/types.h>

/**
 * struct uuidjail_label - A snapshot of a task's jail
 * @id1: the jail, or 0 for an unrestricted task
 * @id2: the sub-jail inside @id1, or 0 for none
 *
 * (0, 0) is unrestricted, (id1, 0) half-restricted and (id1, id2)
 * restricted; (0, id2) never exists.
 */
struct uuidjail_label {
	u64 id1;
	u64 id2;
};

/**
 * enum uuidjail_state - The three states, as PR_UUIDJAIL_GET reports them
 * @UUIDJAIL_UNRESTRICTED: no jail
 * @UUIDJAIL_HALF_RESTRICTED: in a jail (id1 only)
 * @UUIDJAIL_RESTRICTED: in a sub-jail of a jail (id1 and id2)
 */
enum uuidjail_state {
	UUIDJAIL_UNRESTRICTED = 0,
	UUIDJAIL_HALF_RESTRICTED = 1,
	UUIDJAIL_RESTRICTED = 2,
};

/**
 * struct uuidjail_task_security - The task blob
 * @id1: see &struct uuidjail_label
 * @id2: see &struct uuidjail_label
 *
 * Only the task itself writes its ids, each at most once, from 0 to a
 * fresh id, id1 before id2.  Other tasks read them locklessly, in atomic
 * context; atomic64_t keeps those reads whole on 32-bit architectures.
 */
struct uuidjail_task_security {
	atomic64_t id1;
	atomic64_t id2;
};

extern struct lsm_blob_sizes uuidjail_blob_sizes;

static inline struct uuidjail_task_security *
uuidjail_task(const struct task_struct *task)
{
	return task->security + uuidjail_blob_sizes.lbs_task;
}

/**
 * uuidjail_task_label - Snapshot the label of a task
 * @task: any task, possibly running on another CPU
 *
 * id1 is read before id2.  If id1 reads as 0, id2 does not matter to any
 * decision; if it reads as non-zero, it is final, and id2 is whatever it
 * was at the time of its own read.  Either way the snapshot is a label
 * that @task really had.
 *
 * Return: the label.
 */
static inline struct uuidjail_label
uuidjail_task_label(const struct task_struct *task)
{
	const struct uuidjail_task_security *ts = uuidjail_task(task);

	return (struct uuidjail_label){
		.id1 = atomic64_read(&ts->id1),
		.id2 = atomic64_read(&ts->id2),
	};
}

bool uuidjail_may_act(const struct uuidjail_label *subject,
		      const struct uuidjail_label *object);
enum uuidjail_state uuidjail_state(const struct uuidjail_label *label);

#endif /* _SECURITY_UUIDJAIL_LABEL_H */
