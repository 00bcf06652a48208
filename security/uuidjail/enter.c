// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Entering a jail
 *
 * The only transitions are unrestricted -> half-restricted (enter1, a
 * fresh jail) and half-restricted -> restricted (enter2, a fresh sub-jail
 * of the caller's jail).  A task only ever changes its own jail.
 */

#include <linux/errno.h>
#include <linux/fdtable.h>
#include <linux/fs_struct.h>
#include <linux/iocontext.h>
#include <linux/mm_types.h>
#include <linux/mutex.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/task.h>

#include "enter.h"
#include "jail.h"
#include "label.h"
#include "socket.h"

/**
 * uuidjail_enter_check - Check whether a task may enter a jail level
 * @label: the current label of the task
 * @level: 1 for a jail (enter1), 2 for a sub-jail (enter2)
 * @alone: whether the task is the only live thread of its process, and
 *         its leader, and shares no state with another process (see
 *         caller_is_alone(); its ptrace links are checked apart, once its
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
 * Whether a task of another thread group holds one of @me's memory, fd
 * table, fs_struct (cwd, root, umask) or io context.  Through any of them
 * a process outside would keep a hold on the jailed one, or the jailed
 * one on it: shared memory is shared code and data, a shared fd table
 * shows each side what the other opens next and lets it close or replace
 * it, a shared fs_struct lets either change the other's cwd, root and
 * umask, and a shared io context lets ioprio_set() on oneself change the
 * other's I/O priority.  Kernel threads that borrow an mm run no user code.
 *
 * Context: tasklist_lock held, so no task is linked into or unlinked from
 * the task list during the walk.  Only a holder of one of these objects
 * can make another holder (clone() with CLONE_VM, CLONE_FILES, CLONE_FS or
 * CLONE_IO), so a holder that is still being created has a creator on the
 * list that holds the object too.  A holder may drop its pointer while it
 * is read (exit, unshare()): the pointers are only compared, never
 * followed, and a late drop only makes the answer more cautious.
 */
static bool shares_with_other_process(struct task_struct *const me)
{
	const struct mm_struct *const mm = me->mm;
	const struct files_struct *const files = me->files;
	const struct fs_struct *const fs = me->fs;
	const struct io_context *const ioc = me->io_context;
	struct task_struct *p, *t;

	lockdep_assert_held(&tasklist_lock);

	/* Counted once: no one else holds any of them. */
	if (atomic_read(&mm->mm_users) == 1 &&
	    atomic_read(&files->count) == 1 &&
	    READ_ONCE(fs->users) == 1 &&
	    (!ioc || atomic_read(&ioc->active_ref) == 1))
		return false;

	/*
	 * Counts also include transient references (get_task_mm()) and our
	 * own exiting threads: look for a holder outside the group.
	 */
	for_each_process_thread(p, t) {
		if (same_thread_group(t, me) || (t->flags & PF_KTHREAD))
			continue;
		if (READ_ONCE(t->mm) == mm ||
		    READ_ONCE(t->files) == files ||
		    READ_ONCE(t->fs) == fs ||
		    (ioc && READ_ONCE(t->io_context) == ioc))
			return true;
	}
	return false;
}

/*
 * Whether the caller may take a label for its whole process.  It must be
 * the thread group leader: signals to the process and every /proc/PID
 * inode of the group are judged by the leader's label, so a thread whose
 * leader has exited (a zombie kept until the group is reaped) may not
 * take another one.  It must be the only live thread: a thread that has
 * left ->live is past exit_signals() in do_exit() and never runs user code
 * again, so it counts as gone even though it stays linked to the group
 * until release_task() (pthread_join() returns before that, when the
 * thread clears its tid in exit_mm()).  And it must share no state with
 * another process.
 *
 * Context: tasklist_lock held; ->live only ever drops while the caller
 * is the only live thread, since nothing else can add a thread.
 */
static bool caller_is_alone(void)
{
	lockdep_assert_held(&tasklist_lock);
	return thread_group_leader(current) &&
	       atomic_read(&current->signal->live) == 1 &&
	       !shares_with_other_process(current);
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

	lockdep_assert_held(&tasklist_lock);
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
 * @sealed: seal the new jail or sub-jail: its tasks will reach no UNIX
 *          socket outside it (a sub-jail of a sealed jail is sealed anyway)
 *
 * Jailing one thread of a process whose other threads share its memory,
 * or a process that shares its memory, fd table, fs_struct or io context
 * with another, would only give a false sense of isolation, and so would
 * jailing a task that a ptrace link ties to tasks the new label must not
 * reach: such a caller is refused (caller_is_alone(),
 * ptrace_links_allow()).
 *
 * Checking the ptrace links and writing the label are one step: a tracer
 * attaches under the tracee's cred_guard_mutex (ptrace_attach()), and
 * PTRACE_TRACEME links a child to its parent under tasklist_lock held for
 * writing; both are held here.  Once the caller is alone, only the
 * caller itself could make a task that shares its state, and it is busy
 * here.
 *
 * Once in, the UNIX sockets the caller holds as descriptors become the new
 * jail's (uuidjail_claim_sockets()).  That comes after the label is
 * written: a socket is never more reachable than it was, so the order
 * only matters to a connection made in between, as if made before.
 *
 * Context: process context; may sleep.
 *
 * Return: 0 on success; -ENOMEM; -ERESTARTNOINTR if a signal came while
 * waiting for the lock; or an error from uuidjail_enter_check().  The
 * label is unchanged on error.
 */
int uuidjail_enter(const unsigned long level, const bool sealed)
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
	err = uuidjail_enter_check(&label, level, caller_is_alone());
	if (!err) {
		/* For enter2, our reference on @old becomes the new one's. */
		uuidjail_jail_init(jail, old, sealed);
		if (ptrace_links_allow(&jail->label))
			rcu_assign_pointer(ts->jail, jail);
		else
			err = -EBUSY;
	}
	read_unlock(&tasklist_lock);
	mutex_unlock(&current->signal->cred_guard_mutex);

	if (err) {
		uuidjail_jail_free_unused(jail);
		return err;
	}
	/* Its launcher, not the workload it will execute, may name it. */
	ts->may_name = true;
	uuidjail_claim_sockets(old, jail);
	return 0;
}
