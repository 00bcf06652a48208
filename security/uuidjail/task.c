// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Task hooks
 *
 * Each hook names the acting task (subject) and the task acted upon
 * (object) and asks uuidjail_may_act().  Signal and ptrace hooks run in
 * atomic context (under RCU, tasklist_lock or a sighand lock): nothing
 * here sleeps or allocates.
 */

#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>
#include <linux/signal.h>

#include "common.h"
#include "label.h"
#include "setup.h"
#include "task.h"

/**
 * uuidjail_task_may_act - Check an action of a task on another task
 * @subject: the acting task
 * @object: the task acted upon
 *
 * Return: 0 if uuidjail_may_act() allows it, -EPERM otherwise.
 */
int uuidjail_task_may_act(const struct task_struct *subject,
			  const struct task_struct *object)
{
	const struct uuidjail_label s = uuidjail_task_label(subject);
	const struct uuidjail_label o = uuidjail_task_label(object);

	return uuidjail_may_act(&s, &o) ? 0 : -EPERM;
}

/*
 * Every new task, thread or process, inherits its creator's label; the
 * label then survives execve, set-uid or not, since it lives in the task.
 */
static int hook_task_alloc(struct task_struct *const task,
			   const u64 clone_flags)
{
	const struct uuidjail_label parent = uuidjail_task_label(current);
	struct uuidjail_task_security *ts = uuidjail_task(task);

	atomic64_set(&ts->id1, parent.id1);
	atomic64_set(&ts->id2, parent.id2);
	return 0;
}

/*
 * ptrace attach and everything that checks ptrace_may_access(): /proc/PID
 * mem, environ, maps, fd, ns/..., process_vm_readv/writev, pidfd_getfd,
 * kcmp, perf_event_open(pid) and more.
 */
static int hook_ptrace_access_check(struct task_struct *const child,
				    const unsigned int mode)
{
	return uuidjail_task_may_act(current, child);
}

/* PTRACE_TRACEME makes the parent the tracer: the parent acts on us. */
static int hook_ptrace_traceme(struct task_struct *const parent)
{
	return uuidjail_task_may_act(parent, current);
}

static int hook_task_kill(struct task_struct *const p,
			  struct kernel_siginfo *const info, const int sig,
			  const struct cred *const cred)
{
	/*
	 * A signal sent on behalf of a credential (USB async I/O
	 * completion) goes to the task that asked for it; there is no
	 * sending task whose label could be checked.
	 */
	if (cred)
		return 0;
	return uuidjail_task_may_act(current, p);
}

static struct security_hook_list uuidjail_task_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, hook_task_alloc),
	LSM_HOOK_INIT(ptrace_access_check, hook_ptrace_access_check),
	LSM_HOOK_INIT(ptrace_traceme, hook_ptrace_traceme),
	LSM_HOOK_INIT(task_kill, hook_task_kill),
};

/**
 * uuidjail_add_task_hooks - Register the task hooks
 */
void __init uuidjail_add_task_hooks(void)
{
	security_add_hooks(uuidjail_task_hooks, ARRAY_SIZE(uuidjail_task_hooks),
			   &uuidjail_lsmid);
}
