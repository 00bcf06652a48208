// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Entering a jail
 *
 * The only transitions are unrestricted -> half-restricted (enter1, a
 * fresh id1) and half-restricted -> restricted (enter2, a fresh id2).  A
 * task only ever changes its own label, so writers never race each other.
 */

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "enter.h"
#include "label.h"

/* The last id handed out; 2^64 ids are never used up, so none is reused. */
static atomic64_t uuidjail_last_id = ATOMIC64_INIT(0);

/**
 * uuidjail_enter_check - Check whether a task may enter a jail level
 * @label: the current label of the task
 * @level: 1 for a jail (enter1), 2 for a sub-jail (enter2)
 * @alone: whether the task is single-threaded, traces no task and shares
 *         its memory with no other process
 *
 * A request that can never succeed (a bad level, a level already entered,
 * enter2 without enter1) is reported before one that could succeed later
 * (a multi-threaded caller).
 *
 * Return: 0 if the task may enter; -EINVAL for a bad @level or enter2
 * from an unrestricted task; -EEXIST if the level was already entered;
 * -EBUSY if the task is not @alone.
 */
int uuidjail_enter_check(const struct uuidjail_label *label,
			 unsigned long level, bool alone)
{
	switch (level) {
	case 1:
		if (label->id1)
			return -EEXIST;
		break;
	case 2:
		if (label->id2)
			return -EEXIST;
		if (!label->id1)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	return alone ? 0 : -EBUSY;
}

/**
 * uuidjail_new_id - Hand out a fresh id
 *
 * Return: a non-zero id never returned before.
 */
u64 uuidjail_new_id(void)
{
	return atomic64_inc_return(&uuidjail_last_id);
}

/**
 * uuidjail_enter - Make the current task enter a jail level
 * @level: 1 for a jail (enter1), 2 for a sub-jail (enter2)
 *
 * Jailing one thread of a process whose other threads (or CLONE_VM
 * siblings) share its memory would only give a false sense of isolation,
 * and so would jailing a tracer that keeps its tracees: such a caller is
 * refused.  While the caller is alone, nothing else can create a task
 * that shares its memory, so the check stays true until the label is
 * written.
 *
 * Return: 0 on success, or an error from uuidjail_enter_check(); the
 * label is unchanged on error.
 */
int uuidjail_enter(unsigned long level)
{
	struct uuidjail_task_security *ts = uuidjail_task(current);
	const struct uuidjail_label label = uuidjail_task_label(current);
	bool tracing;
	int err;

	/*
	 * Established ptrace links are never checked again: a tracer that
	 * entered a jail would keep its hold on tracees outside it.
	 */
	read_lock(&tasklist_lock);
	tracing = !list_empty(&current->ptraced);
	read_unlock(&tasklist_lock);

	err = uuidjail_enter_check(&label, level,
				   current_is_single_threaded() && !tracing);
	if (err)
		return err;

	atomic64_set(level == 1 ? &ts->id1 : &ts->id2, uuidjail_new_id());
	return 0;
}
