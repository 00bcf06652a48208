// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Entering a jail
 *
 * The only transitions are unrestricted -> half-restricted (enter1, a
 * fresh jail) and half-restricted -> restricted (enter2, a fresh sub-jail
 * of the caller's jail).  A task only ever changes its own jail.
 */

#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "enter.h"
#include "jail.h"
#include "label.h"

/**
 * uuidjail_enter_check - Check whether a task may enter a jail level
 * @label: the current label of the task
 * @level: 1 for a jail (enter1), 2 for a sub-jail (enter2)
 * @alone: whether the task is the only task of its thread group (an
 *         exited leader not yet reaped counts) and shares its memory with
 *         no other process (its ptrace links are checked apart, once its
 *         new label is known)
 *
 * A request that can never succeed (a bad level, a level already entered,
 * enter2 without enter1) is reported before one that could succeed later.
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

/*
 * Established ptrace links are never checked again.  So a tracer of ours
 * must be allowed to act on our new label (an unrestricted debugger keeps
 * working), and we must trace no task: from inside a jail, we would keep
 * our hold on tasks outside it.
 *
 * Context: tasklist_lock held, which keeps ->ptrace, ->parent and
 * ->ptraced stable.
 */
static bool ptrace_links_allow(const struct uuidjail_label *const new)
{
	const struct task_struct *tracer;
	struct uuidjail_label label;

	if (!list_empty(&current->ptraced))
		return false;
	if (!current->ptrace)
		return true;
	tracer = rcu_dereference_protected(current->parent,
					   lockdep_is_held(&tasklist_lock));
	label = uuidjail_task_label(tracer);
	return uuidjail_may_act(&label, new);
}

/**
 * uuidjail_enter - Make the current task enter a jail level
 * @level: 1 for a jail (enter1), 2 for a sub-jail (enter2)
 *
 * Jailing one thread of a process whose other threads (or CLONE_VM
 * siblings) share its memory would only give a false sense of isolation,
 * and so would jailing a task that a ptrace link ties to tasks the new
 * label must not reach: such a caller is refused.  So is a thread whose
 * group leader has exited but is not yet reaped: current_is_single_threaded()
 * no longer counts the zombie, but signals to the process, /proc/PID and
 * the /proc checks of the whole group are judged by the leader's label,
 * which must stay the caller's.
 *
 * Checking the ptrace links and writing the label are one step: a tracer
 * attaches under the tracee's cred_guard_mutex (ptrace_attach()), and
 * PTRACE_TRACEME links a child to its parent under tasklist_lock held for
 * writing; both are held here.  While the caller is single-threaded,
 * nothing else can create a task that shares its memory.
 *
 * Context: process context; may sleep.
 *
 * Return: 0 on success; -ENOMEM; -ERESTARTNOINTR if a signal came while
 * waiting for the lock; or an error from uuidjail_enter_check().  The
 * label is unchanged on error.
 */
int uuidjail_enter(const unsigned long level)
{
	struct uuidjail_task_security *const ts = uuidjail_task(current);
	struct uuidjail_jail *const old = uuidjail_current_jail();
	const struct uuidjail_label label = uuidjail_jail_label(old);
	struct uuidjail_jail *jail;
	int err;

	/* Requests that can never succeed fail before anything is taken. */
	err = uuidjail_enter_check(&label, level, true);
	if (err)
		return err;

	jail = uuidjail_jail_alloc();
	if (!jail)
		return -ENOMEM;

	/*
	 * Turn the checks on before any jail is published: this may sleep,
	 * so it comes before the locks.  A request refused below leaves
	 * them on, which costs time, never isolation.
	 */
	if (!static_key_enabled(&uuidjail_jails_exist))
		static_branch_enable(&uuidjail_jails_exist);

	if (mutex_lock_interruptible(&current->signal->cred_guard_mutex)) {
		uuidjail_jail_free_unused(jail);
		return -ERESTARTNOINTR;
	}
	read_lock(&tasklist_lock);
	err = uuidjail_enter_check(&label, level,
				   thread_group_empty(current) &&
				   current_is_single_threaded());
	if (!err) {
		/* For enter2, our reference on @old becomes the new one's. */
		uuidjail_jail_init(jail, old);
		if (ptrace_links_allow(&jail->label))
			rcu_assign_pointer(ts->jail, jail);
		else
			err = -EBUSY;
	}
	read_unlock(&tasklist_lock);
	mutex_unlock(&current->signal->cred_guard_mutex);

	if (err)
		uuidjail_jail_free_unused(jail);
	return err;
}
