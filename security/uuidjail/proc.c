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

/*
 * The inode keeps a reference on its task's pid, not a label: the pid
 * leads to the task's label at check time, so a task that enters a jail
 * after its inode was created is still judged by its current label.
 *
 * procfs calls this hook when it makes the inode (the inode is not yet
 * visible) and again on every revalidation, under RCU and concurrently on
 * several CPUs.  Only the first call records a pid, and nothing ever
 * replaces or drops it before the inode is freed, so no CPU can see a pid
 * that another one released.  The pid is the task's at creation: the one
 * procfs took for the inode, unless a thread's execve swapped the pids of
 * two threads in between (exchange_tids()).  Both are pids of one thread
 * group, whose tasks always share one label (a task enters only while it
 * is single-threaded, and threads inherit their creator's label): the
 * decision is the same while that thread lives, and a denial once it is
 * gone.  The race can only deny, never allow.
 */
static void hook_task_to_inode(struct task_struct *const p,
			       struct inode *const inode)
{
	struct uuidjail_inode_security *const blob = uuidjail_inode(inode);
	struct pid *pid;

	if (rcu_access_pointer(blob->pid))
		return;
	pid = get_pid(task_pid(p));
	if (cmpxchg(&blob->pid, NULL, RCU_INITIALIZER(pid)))
		put_pid(pid);
}

/*
 * Called after an RCU grace period from the inode's eviction, when no
 * path walk can reach the inode any more (see security_inode_free()).
 */
static void hook_inode_free_security_rcu(void *const inode_security)
{
	struct uuidjail_inode_security *const blob =
		uuidjail_inode_blob(inode_security);

	put_pid(rcu_dereference_protected(blob->pid, true));
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
	int err = 0;

	/*
	 * A walk in RCU mode already holds rcu_read_lock(); a walk in
	 * reference mode holds the inode.  Either way the blob and the pid
	 * it holds outlive this check.
	 */
	rcu_read_lock();
	pid = rcu_dereference(blob->pid);
	if (pid) {
		/*
		 * Without a task to judge, deny: procfs would fail anyway,
		 * and a dead pid must never open a way around the check.
		 * Denials here are what ps and top meet for every process
		 * they may not see: counted, not audited.
		 */
		err = -EPERM;
		task = pid_task(pid, PIDTYPE_PID);
		if (task)
			err = uuidjail_check(UUIDJAIL_OP_INODE_PERMISSION,
					     current, sjail, task, false);
	}
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
