// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Jails: their lifetime, their ids, and task inheritance
 *
 * A task points to one jail object, shared by every task of its jail or
 * sub-jail.  The object is immutable once published, so a check is one
 * pointer load per task and a few compares, on every architecture.
 */

#include <linux/atomic.h>
#include <linux/container_of.h>
#include <linux/lsm_hooks.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "common.h"
#include "jail.h"
#include "setup.h"

/*
 * The last id1 handed out.  Only unrestricted tasks make jails, so the
 * value tells a jailed task nothing about others; 2^64 ids are never
 * used up, so none is reused.
 */
static atomic64_t uuidjail_last_id = ATOMIC64_INIT(0);

/* See uuidjail_active(). */
DEFINE_STATIC_KEY_FALSE(uuidjail_jails_exist);

/* What one jail may get audited: a noisy jail spends only its own. */
#define UUIDJAIL_AUDIT_INTERVAL (5 * HZ)
#define UUIDJAIL_AUDIT_BURST 20

/**
 * uuidjail_new_id - Hand out a fresh id1
 *
 * Return: a non-zero id never returned before.
 */
u64 uuidjail_new_id(void)
{
	return atomic64_inc_return(&uuidjail_last_id);
}

/**
 * uuidjail_jail_get - Take a reference on a jail
 * @jail: a jail the caller already holds a reference on, or NULL
 *
 * Return: @jail.
 */
struct uuidjail_jail *uuidjail_jail_get(struct uuidjail_jail *const jail)
{
	if (jail)
		refcount_inc(&jail->usage);
	return jail;
}

static void jail_free_rcu(struct rcu_head *const head)
{
	struct uuidjail_jail *const jail =
		container_of(head, struct uuidjail_jail, rcu);
	struct uuidjail_jail *const parent = jail->parent;

	kfree(jail->name);
	kfree(jail);
	uuidjail_jail_put(parent);
}

/**
 * uuidjail_jail_put - Drop a reference on a jail
 * @jail: the jail, or NULL
 *
 * The last reference frees the jail after an RCU grace period, so that
 * readers that found it in a task or file blob under rcu_read_lock() can
 * finish with it.
 *
 * Context: any context but NMI: it never sleeps.
 */
void uuidjail_jail_put(struct uuidjail_jail *const jail)
{
	if (jail && refcount_dec_and_test(&jail->usage))
		call_rcu(&jail->rcu, jail_free_rcu);
}

/**
 * uuidjail_jail_alloc - Allocate a jail to enter
 *
 * The jail gets its ids from uuidjail_jail_init(), under the locks that
 * make entering it one step.
 *
 * Context: process context; may sleep.
 *
 * Return: the jail, with one reference, or NULL if out of memory.
 */
struct uuidjail_jail *uuidjail_jail_alloc(void)
{
	struct uuidjail_jail *const jail =
		kzalloc_obj(struct uuidjail_jail, GFP_KERNEL_ACCOUNT);

	if (!jail)
		return NULL;
	refcount_set(&jail->usage, 1);
	ratelimit_state_init(&jail->audit_limit, UUIDJAIL_AUDIT_INTERVAL,
			     UUIDJAIL_AUDIT_BURST);
	/* Jails come and go: no "callbacks suppressed" lines for each. */
	ratelimit_set_flags(&jail->audit_limit, RATELIMIT_MSG_ON_RELEASE);
	return jail;
}

/**
 * uuidjail_jail_init - Give a new jail its ids
 * @jail: from uuidjail_jail_alloc(), not yet published
 * @parent: NULL to make a jail; else the jail to make a sub-jail of, whose
 *          reference the caller hands over to @jail
 * @sealed: whether @jail is sealed; a sub-jail of a sealed jail is sealed
 *          whatever this says, since a label only ever tightens
 *
 * A jail takes a fresh global id1.  A sub-jail takes its jail's id1 and
 * the next id2 of that jail: ids of sub-jails are numbered per jail, so
 * entering one tells a task nothing about what other jails do.
 */
void uuidjail_jail_init(struct uuidjail_jail *const jail,
			struct uuidjail_jail *const parent, const bool sealed)
{
	jail->sealed = sealed || uuidjail_jail_sealed(parent);
	if (!parent) {
		jail->label.id1 = uuidjail_new_id();
		return;
	}
	jail->parent = parent;
	jail->label.id1 = parent->label.id1;
	jail->label.id2 = atomic64_inc_return(&parent->last_sub);
}

/**
 * uuidjail_jail_free_unused - Free a jail that was never published
 * @jail: from uuidjail_jail_alloc(), maybe initialised
 *
 * The reference on a parent stays with the caller: entering failed, so it
 * was not handed over.  An id the jail took is simply never used.
 */
void uuidjail_jail_free_unused(struct uuidjail_jail *const jail)
{
	kfree(jail);
}

/**
 * uuidjail_jail_set_name - Name a jail or sub-jail, once
 * @jail: the jail, kept alive by the caller
 * @name: a valid name (uuidjail_parse_name())
 *
 * Context: process context; may sleep.
 *
 * Return: 0 on success, -EEXIST if @jail already has a name (its own, not
 * its jail's), -ENOMEM.
 */
int uuidjail_jail_set_name(struct uuidjail_jail *const jail,
			   const char *const name)
{
	char *copy;

	if (READ_ONCE(jail->name))
		return -EEXIST;
	copy = kstrdup(name, GFP_KERNEL_ACCOUNT);
	if (!copy)
		return -ENOMEM;
	/* Two tasks of the jail may race: the first name stays. */
	if (cmpxchg(&jail->name, NULL, copy)) {
		kfree(copy);
		return -EEXIST;
	}
	return 0;
}

/**
 * uuidjail_name_self - Name the current task's jail or sub-jail
 * @name: a valid name (uuidjail_parse_name())
 *
 * A half-restricted task names its jail, a restricted one its sub-jail.
 * The current task's reference keeps the jail alive.
 *
 * Names are for attribution: what runs inside a jail must not choose what
 * the admin sees for it (a hijacked guest naming itself after another, so
 * that the audit records of its attacks blame its victim).  Only the task
 * that entered the jail names it, or a child it forked, and only until
 * that task executes a program: the launcher, never the workload it
 * executes.  A sub-jail its launcher left unnamed shows its jail's name
 * for good.
 *
 * Context: process context; may sleep.
 *
 * Return: 0 on success, -EINVAL for an unrestricted task, -EPERM once the
 * task executed a program since its jail was entered, -EEXIST if the jail
 * already has a name, -ENOMEM.
 */
int uuidjail_name_self(const char *const name)
{
	struct uuidjail_jail *const jail = uuidjail_current_jail();

	if (!jail)
		return -EINVAL;
	if (!uuidjail_task(current)->may_name)
		return -EPERM;
	return uuidjail_jail_set_name(jail, name);
}

/*
 * Every new task, thread or process, inherits its creator's jail; the
 * jail then survives execve, set-uid or not, since it lives in the task.
 * The new task is not visible to anyone yet.
 */
static int hook_task_alloc(struct task_struct *const task,
			   const u64 clone_flags)
{
	struct uuidjail_task_security *const ts = uuidjail_task(task);

	RCU_INIT_POINTER(ts->jail, uuidjail_jail_get(uuidjail_current_jail()));
	ts->may_name = uuidjail_task(current)->may_name;
	return 0;
}

/*
 * Past the point of no return of execve(): from now on the task runs the
 * program it executes, the workload, which may no longer name its jail.
 */
static void hook_bprm_committing_creds(const struct linux_binprm *const bprm)
{
	uuidjail_task(current)->may_name = false;
}

/*
 * The last reference on the task is gone (possibly from an RCU callback),
 * or copy_process() failed before the task was ever visible: nobody can
 * reach its blob any more, except readers that found the task under RCU,
 * which the grace period of uuidjail_jail_put() covers.  No lock or count
 * says so for both callers (the failed fork still holds its reference),
 * hence the unconditional rcu_dereference_protected().
 */
static void hook_task_free(struct task_struct *const task)
{
	uuidjail_jail_put(rcu_dereference_protected(uuidjail_task(task)->jail,
						    true));
}

static struct security_hook_list uuidjail_jail_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_alloc, hook_task_alloc),
	LSM_HOOK_INIT(task_free, hook_task_free),
	LSM_HOOK_INIT(bprm_committing_creds, hook_bprm_committing_creds),
};

/**
 * uuidjail_add_jail_hooks - Register the task lifetime hooks
 */
void __init uuidjail_add_jail_hooks(void)
{
	security_add_hooks(uuidjail_jail_hooks, ARRAY_SIZE(uuidjail_jail_hooks),
			   &uuidjail_lsmid);
}
