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
 * after its inode was created is still judged by its current label.  The
 * reference is our own, rather than a pointer borrowed from procfs, so
 * that it stays valid whatever procfs and exec (exchange_tids()) do.
 * Called again on every revalidation, possibly under RCU: no sleeping.
 */
static void hook_task_to_inode(struct task_struct *const p,
			       struct inode *const inode)
{
	struct pid *const old = xchg(&uuidjail_inode(inode)->pid,
				     get_pid(task_pid(p)));

	put_pid(old);
}

static void hook_inode_free_security(struct inode *const inode)
{
	put_pid(xchg(&uuidjail_inode(inode)->pid, NULL));
}

static int hook_inode_permission(struct inode *const inode, const int mask)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();
	struct task_struct *task;
	struct pid *pid;
	int err = 0;

	/* Quick return for unjailed tasks: every path walk passes here. */
	if (!sjail)
		return 0;

	pid = READ_ONCE(uuidjail_inode(inode)->pid);
	if (!pid)
		return 0;

	/*
	 * Without a task to judge, deny: procfs would fail anyway, and a
	 * stale pid must never open a way around the check.
	 */
	err = -EPERM;
	rcu_read_lock();
	task = pid_task(pid, PIDTYPE_PID);
	if (task)
		err = uuidjail_check(UUIDJAIL_OP_INODE_PERMISSION, current,
				     sjail, task, true);
	rcu_read_unlock();

	/* EACCES, as for any file one may not open or walk through. */
	return err ? -EACCES : 0;
}

static struct security_hook_list uuidjail_proc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_to_inode, hook_task_to_inode),
	LSM_HOOK_INIT(inode_free_security, hook_inode_free_security),
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
