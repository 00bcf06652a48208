// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Task hooks
 *
 * Each hook names the acting task (subject) and the task acted upon
 * (object) and asks uuidjail_may_act() through uuidjail_check().  Signal
 * and ptrace hooks run in atomic context (under RCU, tasklist_lock or a
 * sighand lock): nothing here sleeps, and the allow path allocates
 * nothing.
 */

#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/perf_event.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/signal.h>

#include "audit.h"
#include "common.h"
#include "jail.h"
#include "label.h"
#include "setup.h"
#include "task.h"

/*
 * Report a denial.  Out of line, like everything that puts a report on
 * the stack: the kernel may zero every stack variable on entry (as
 * CONFIG_INIT_STACK_ALL_ZERO does), which the allow path must not pay.
 */
static noinline void deny_task(const enum uuidjail_op op,
			       struct task_struct *const subject,
			       struct uuidjail_jail *const sjail,
			       struct task_struct *const object,
			       const struct uuidjail_jail *const ojail,
			       const struct uuidjail_label *const olabel,
			       const bool audit)
{
	const struct uuidjail_denial denial = {
		.op = op,
		.subject = subject,
		.sjail = sjail,
		.object = object,
		.olabel = olabel,
		.ojail = ojail,
		.audit = audit,
	};

	uuidjail_deny(&denial);
}

/*
 * The object is in another jail or sub-jail, or unrestricted: judge its
 * label.  Out of line for the same reason as deny_task(): the label is a
 * stack variable.
 */
static noinline int check_other(const enum uuidjail_op op,
				struct task_struct *const subject,
				struct uuidjail_jail *const sjail,
				struct task_struct *const object,
				const bool audit)
{
	const struct uuidjail_jail *ojail;
	struct uuidjail_label olabel;
	bool allowed;

	/* The object's jail lives while the lock is held, report included. */
	rcu_read_lock();
	ojail = uuidjail_task_jail(object);
	olabel = uuidjail_jail_label(ojail);
	allowed = uuidjail_may_act(&sjail->label, &olabel);
	if (unlikely(!allowed))
		deny_task(op, subject, sjail, object, ojail, &olabel, audit);
	rcu_read_unlock();
	return allowed ? 0 : -EPERM;
}

/**
 * uuidjail_check - Check an action on a task, reporting a denial
 * @op: the operation, for the report
 * @subject: the acting task, or NULL if none is known
 * @sjail: the jail the action is judged with (@subject's, or the one
 *         recorded for it); not NULL
 * @object: the task acted upon
 * @audit: whether a denial may be audited (it is always counted)
 *
 * Context: the caller keeps @sjail alive: it is the current task's, or
 * rcu_read_lock() is held.
 *
 * Return: 0 if uuidjail_may_act() allows it, -EPERM otherwise.
 */
int uuidjail_check(const enum uuidjail_op op,
		   struct task_struct *const subject,
		   struct uuidjail_jail *const sjail,
		   struct task_struct *const object, const bool audit)
{
	RCU_LOCKDEP_WARN(sjail != rcu_access_pointer(uuidjail_task(current)->jail) &&
			 !rcu_read_lock_held(),
			 "uuidjail: a jail not the caller's judged outside RCU");
	/*
	 * Quick return for a task of the same jail or sub-jail: one jail
	 * object is one label, and uuidjail_may_act() lets every label act
	 * on itself.  Only the pointer is compared, never dereferenced.
	 */
	if (rcu_access_pointer(uuidjail_task(object)->jail) == sjail)
		return 0;
	return check_other(op, subject, sjail, object, audit);
}

/* The current task acts on @object. */
static __always_inline int check_current(const enum uuidjail_op op,
					 struct task_struct *const object)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();

	/* Quick return for unjailed tasks: the common case costs one test. */
	if (!sjail)
		return 0;
	return uuidjail_check(op, current, sjail, object, true);
}

/*
 * ptrace attach and everything that checks ptrace_may_access(): /proc/PID
 * mem, environ, maps, fd, ns/..., process_vm_readv/writev, pidfd_getfd,
 * kcmp, process_madvise, perf_event_open(pid), PR_SCHED_CORE and more.
 */
static int hook_ptrace_access_check(struct task_struct *const child,
				    const unsigned int mode)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();

	if (!sjail)
		return 0;
	/* Probes such as /proc/PID/stat's are denied without a record. */
	return uuidjail_check(UUIDJAIL_OP_PTRACE_ACCESS_CHECK, current, sjail,
			      child, !(mode & PTRACE_MODE_NOAUDIT));
}

/*
 * PTRACE_TRACEME makes the parent the tracer: the parent acts on us.
 * Called under tasklist_lock held for writing, which uuidjail_enter()
 * also takes, so the parent's label cannot change until the link is made.
 */
static int hook_ptrace_traceme(struct task_struct *const parent)
{
	struct uuidjail_jail *sjail;
	int err = 0;

	if (!uuidjail_active())
		return 0;
	rcu_read_lock();
	sjail = uuidjail_task_jail(parent);
	if (sjail)
		err = uuidjail_check(UUIDJAIL_OP_PTRACE_TRACEME, parent, sjail,
				     current, true);
	rcu_read_unlock();
	return err;
}

static int hook_task_kill(struct task_struct *const p,
			  struct kernel_siginfo *const info, const int sig,
			  const struct cred *const cred)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();

	/* Quick return for unjailed tasks: the common case costs one test. */
	if (!sjail)
		return 0;
	/*
	 * A signal sent on behalf of a credential (USB async I/O
	 * completion) goes to the task that asked for it; there is no
	 * sending task whose label could be checked.
	 */
	if (cred)
		return 0;
	/*
	 * The parent-death signal: the exiting parent's exit_notify() sends
	 * each child the signal the child asked for with PR_SET_PDEATHSIG,
	 * from under tasklist_lock.  The child chose it; the parent, which
	 * may have entered a jail since it forked the child, chooses neither
	 * the signal nor the target.  Nothing else sends a SEND_SIG_NOINFO
	 * signal through this check from an exiting task.
	 */
	if (info == SEND_SIG_NOINFO && (current->flags & PF_EXITING) &&
	    sig == READ_ONCE(p->pdeath_signal))
		return 0;
	return uuidjail_check(UUIDJAIL_OP_TASK_KILL, current, sjail, p, true);
}

static int hook_task_setpgid(struct task_struct *const p, const pid_t pgid)
{
	return check_current(UUIDJAIL_OP_TASK_SETPGID, p);
}

static int hook_task_getpgid(struct task_struct *const p)
{
	return check_current(UUIDJAIL_OP_TASK_GETPGID, p);
}

static int hook_task_getsid(struct task_struct *const p)
{
	return check_current(UUIDJAIL_OP_TASK_GETSID, p);
}

static int hook_task_setnice(struct task_struct *const p, const int nice)
{
	return check_current(UUIDJAIL_OP_TASK_SETNICE, p);
}

static int hook_task_setioprio(struct task_struct *const p, const int ioprio)
{
	return check_current(UUIDJAIL_OP_TASK_SETIOPRIO, p);
}

static int hook_task_getioprio(struct task_struct *const p)
{
	return check_current(UUIDJAIL_OP_TASK_GETIOPRIO, p);
}

static int hook_task_setrlimit(struct task_struct *const p,
			       const unsigned int resource,
			       struct rlimit *const new_rlim)
{
	return check_current(UUIDJAIL_OP_TASK_SETRLIMIT, p);
}

static int hook_task_setscheduler(struct task_struct *const p)
{
	return check_current(UUIDJAIL_OP_TASK_SETSCHEDULER, p);
}

static int hook_task_getscheduler(struct task_struct *const p)
{
	return check_current(UUIDJAIL_OP_TASK_GETSCHEDULER, p);
}

static int hook_task_movememory(struct task_struct *const p)
{
	return check_current(UUIDJAIL_OP_TASK_MOVEMEMORY, p);
}

static int hook_capget(const struct task_struct *const target,
		       kernel_cap_t *const effective,
		       kernel_cap_t *const inheritable,
		       kernel_cap_t *const permitted)
{
	/* Only the audit record takes the task, and only to read it. */
	return check_current(UUIDJAIL_OP_CAPGET,
			     (struct task_struct *)target);
}

#ifdef CONFIG_PERF_EVENTS
/*
 * perf_event_open(pid): perf_check_permission() lets perfmon_capable()
 * callers skip the ptrace check, so a jailed root could count, sample
 * and (with CAP_KILL) SIGTRAP any task.  The event knows its target
 * task here, before any permission check.  Events without a target
 * (per-CPU) act on no task.  An event inherited at fork (->parent set)
 * targets the child being made, in the jail of the task it was inherited
 * from: it follows the event it copies, judged when that was opened, and
 * is allowed without reading the child's blob, which copy_process() sets
 * up only later (perf_event_init_task() runs before security_task_alloc(),
 * while the child still points at its parent's blob).  Context: process
 * context, no lock held.
 */
static int hook_perf_event_alloc(struct perf_event *const event)
{
	struct task_struct *const target = event->hw.target;

	if (!target || event->parent)
		return 0;
	return check_current(UUIDJAIL_OP_PERF_EVENT_ALLOC, target);
}
#endif /* CONFIG_PERF_EVENTS */

static struct security_hook_list uuidjail_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, hook_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, hook_task_kill),
	LSM_HOOK_INIT(task_setpgid, hook_task_setpgid),
	LSM_HOOK_INIT(task_getpgid, hook_task_getpgid),
	LSM_HOOK_INIT(task_getsid, hook_task_getsid),
	LSM_HOOK_INIT(task_setnice, hook_task_setnice),
	LSM_HOOK_INIT(task_setioprio, hook_task_setioprio),
	LSM_HOOK_INIT(task_getioprio, hook_task_getioprio),
	LSM_HOOK_INIT(task_setrlimit, hook_task_setrlimit),
	LSM_HOOK_INIT(task_setscheduler, hook_task_setscheduler),
	LSM_HOOK_INIT(task_getscheduler, hook_task_getscheduler),
	LSM_HOOK_INIT(task_movememory, hook_task_movememory),
	LSM_HOOK_INIT(capget, hook_capget),
#ifdef CONFIG_PERF_EVENTS
	LSM_HOOK_INIT(perf_event_alloc, hook_perf_event_alloc),
#endif
};

/**
 * uuidjail_add_task_hooks - Register the task hooks
 */
void __init uuidjail_add_task_hooks(void)
{
	security_add_hooks(uuidjail_task_hooks, ARRAY_SIZE(uuidjail_task_hooks),
			   &uuidjail_lsmid);
}
