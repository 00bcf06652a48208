// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - /proc/PID hooks
 *
 * Every /proc/PID/... inode is tied to its task at task_to_inode; opening
 * or walking through such an inode is then checked against the task's
 * current label.  This covers entries that no ptrace check guards
 * (status, cmdline, comm, oom_score_adj, attr/...), and those whose
 * ptrace check a capability can bypass (mm_access() lets CAP_PERFMON read
 * environ, maps, ...), since root inside a jail must stay jailed.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/pid.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "common.h"
#include "jail.h"
#include "proc.h"
#include "setup.h"
#include "task.h"

/* Drop what hook_task_to_inode() recorded. */
static void put_proc_pid(struct pid *const pid)
{
	if (!IS_ERR(pid))
		put_pid(pid);
}

/*
 * The inode keeps a reference on the pid of its task's thread group, not
 * a label: the pid leads to the group's label at check time, so a task
 * that enters a jail after its inode was created is still judged by its
 * current label.  The tasks of a thread group always share one label (a
 * task enters only while it is single-threaded, and threads inherit their
 * creator's label), so /proc/PID/task/TID inodes use it too.
 *
 * The group's pid, not the task's: a non-leader thread's execve() swaps
 * the pids of that thread and of the leader (exchange_tids() in
 * de_thread()), then releases the old leader with the thread's old pid.
 * Had procfs made the inode in between, the task's pid would be that
 * dying one (or none at all, once released) while procfs keeps serving
 * the inode through the pid it took before the swap: the check would
 * deny for ever, or find no pid and mistake the inode for one outside
 * /proc.  The group's pid moves to the new leader with it
 * (transfer_pid()) and stays attached while any thread of the group
 * lives.  It is gone only once the whole group was released: procfs then
 * fails on the inode itself, and UUIDJAIL_PROC_GONE marks it, so that the
 * check denies instead of taking the inode for one outside /proc.
 *
 * procfs calls this hook when it makes the inode (the inode is not yet
 * visible) and again on every revalidation, under RCU and concurrently on
 * several CPUs.  Only the first call records a pid, and nothing ever
 * replaces or drops it before the inode is freed, so no CPU can see a pid
 * that another one released.
 */
static void hook_task_to_inode(struct task_struct *const p,
			       struct inode *const inode)
{
	struct uuidjail_inode_security *const blob = uuidjail_inode(inode);
	struct pid *pid;

	if (rcu_access_pointer(blob->pid))
		return;
	/* Takes the reference under RCU: the group may be released now. */
	pid = get_task_pid(p, PIDTYPE_TGID) ?: UUIDJAIL_PROC_GONE;
	if (cmpxchg(&blob->pid, NULL, RCU_INITIALIZER(pid)))
		put_proc_pid(pid);
}

/*
 * Called after an RCU grace period from the inode's eviction, when no
 * path walk can reach the inode any more (see security_inode_free()).
 */
static void hook_inode_free_security_rcu(void *const inode_security)
{
	struct uuidjail_inode_security *const blob =
		uuidjail_inode_blob(inode_security);

	put_proc_pid(rcu_dereference_protected(blob->pid, true));
}

/*
 * The slow path of hook_inode_permission(), out of line so that the
 * compiler can keep the quick return, taken once per component of every
 * path walk, free of register saves.
 */
static noinline int
check_proc_inode(const struct uuidjail_inode_security *const blob,
		 struct uuidjail_jail *const sjail)
{
	struct task_struct *task;
	struct pid *pid;
	int err;

	/*
	 * A walk in RCU mode already holds rcu_read_lock(); a walk in
	 * reference mode holds the inode.  Either way the blob and the pid
	 * it holds outlive this check.
	 */
	rcu_read_lock();
	pid = rcu_dereference(blob->pid);
	/*
	 * Without a task to judge, deny: procfs would fail anyway, and a
	 * gone thread group must never open a way around the check.  The
	 * group's leader is attached to its pid while any of its threads
	 * lives, even as a zombie, and has the group's label.  Denials here
	 * are what ps and top meet for every process they may not see:
	 * counted, not audited.
	 */
	task = IS_ERR_OR_NULL(pid) ? NULL : pid_task(pid, PIDTYPE_TGID);
	err = task ? uuidjail_check(UUIDJAIL_OP_INODE_PERMISSION, current,
				    sjail, task, false) : -EPERM;
	rcu_read_unlock();

	/* EACCES, as for any file one may not open or walk through. */
	return err ? -EACCES : 0;
}

static int hook_inode_permission(struct inode *const inode, const int mask)
{
	const struct uuidjail_inode_security *const blob =
		uuidjail_inode(inode);
	struct uuidjail_jail *const sjail = uuidjail_current_jail();

	/*
	 * Quick return for unjailed tasks and for every inode that is not
	 * a /proc/PID one: every path walk passes here, once per component.
	 * The pointer is only tested, not followed, before the RCU lock.
	 */
	if (likely(!sjail || !rcu_access_pointer(blob->pid)))
		return 0;
	return check_proc_inode(blob, sjail);
}

static struct security_hook_list uuidjail_proc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_to_inode, hook_task_to_inode),
	LSM_HOOK_INIT(inode_free_security_rcu, hook_inode_free_security_rcu),
	LSM_HOOK_INIT(inode_permission, hook_inode_permission),
};

/**
 * uuidjail_add_proc_hooks - Register the /proc hooks
 */
void __init uuidjail_add_proc_hooks(void)
{
	security_add_hooks(uuidjail_proc_hooks, ARRAY_SIZE(uuidjail_proc_hooks),
			   &uuidjail_lsmid);
}
