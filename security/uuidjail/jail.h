/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Jails and the task blob
 */

#ifndef _SECURITY_UUIDJAIL_JAIL_H
#define _SECURITY_UUIDJAIL_JAIL_H

#include <linux/atomic.h>
#include <linux/jump_label.h>
#include <linux/ratelimit_types.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "audit.h"
#include "label.h"
#include "setup.h"

/**
 * struct uuidjail_jail - A jail or a sub-jail
 * @usage: references: one per task in it, one per file whose signal a
 *         task of it aimed, one per UNIX socket labelled with it, one per
 *         sub-jail of a jail
 * @label: the ids; never changes after the jail is published
 * @parent: for a sub-jail, its jail (a reference); NULL for a jail
 * @last_sub: for a jail, the last id2 handed out to one of its sub-jails
 * @audit_limit: for a jail, the audit rate limit of its tasks and of its
 *               sub-jails' tasks
 * @denials: denials made by tasks of this jail or sub-jail, per operation
 * @sealed: tasks of this jail or sub-jail reach no UNIX socket outside it
 *          (uuidjail_may_reach()); a sub-jail of a sealed jail is sealed
 * @name: the name its launcher gave it (uuidjail_name_self()), or NULL:
 *        set once (uuidjail_jail_set_name()), freed with the jail; shown
 *        to people, never used in a decision
 * @rcu: frees the jail after a grace period
 *
 * Tasks point to their jail from their blob; a jail is freed only once
 * no task, file, socket or sub-jail refers to it, after an RCU grace
 * period, so a reader under rcu_read_lock() may use any jail it found
 * there.
 */
struct uuidjail_jail {
	refcount_t usage;
	struct uuidjail_label label;
	struct uuidjail_jail *parent;
	atomic64_t last_sub;
	struct ratelimit_state audit_limit;
	atomic_long_t denials[UUIDJAIL_OP_COUNT];
	bool sealed;
	const char *name;
	struct rcu_head rcu;
};

/**
 * struct uuidjail_task_security - The task blob
 * @jail: the task's jail or sub-jail (a reference), NULL if unrestricted
 * @may_name: the task entered @jail, or was forked by the task that did,
 *            and has not executed a program since: it runs its launcher's
 *            code, not the workload's, and may name @jail
 *            (uuidjail_name_self())
 *
 * Only the task itself replaces its @jail (uuidjail_enter()), and only
 * with a stricter one; other tasks read it under rcu_read_lock().  A
 * pointer is read whole on every architecture, whatever the alignment the
 * LSM framework gives the blob.  @may_name is only ever read and written
 * by the task itself, and set for a new task before anyone can see it.
 */
struct uuidjail_task_security {
	struct uuidjail_jail __rcu *jail;
	bool may_name;
};

DECLARE_STATIC_KEY_FALSE(uuidjail_jails_exist);

/**
 * uuidjail_active - Tell whether any task may be in a jail
 *
 * Off until the first request to enter a jail, on for ever after: until
 * then every task is unrestricted, and each hook returns at once for the
 * cost of a no-op instruction.  The key is turned on before the first
 * jail is published, and text patching waits for every CPU, so a task
 * that can see a jail can see the key on.
 *
 * Return: false while no task has ever asked to enter a jail.
 */
static __always_inline bool uuidjail_active(void)
{
	return static_branch_unlikely(&uuidjail_jails_exist);
}

static inline struct uuidjail_task_security *
uuidjail_task(const struct task_struct *const task)
{
	return task->security + uuidjail_blob_sizes.lbs_task;
}

/**
 * uuidjail_current_jail - Get the jail of the current task
 *
 * No lock is needed: only the current task changes its own jail, and its
 * blob holds a reference on it.  Before any jail exists, nothing is read.
 *
 * Return: the jail, or NULL if the current task is unrestricted.
 */
static __always_inline struct uuidjail_jail *uuidjail_current_jail(void)
{
	if (!uuidjail_active())
		return NULL;
	return rcu_dereference_protected(uuidjail_task(current)->jail, true);
}

/**
 * uuidjail_task_jail - Get the jail of any task
 * @task: the task, possibly running on another CPU
 *
 * Context: rcu_read_lock() held; the jail may be used until it is
 * released.
 *
 * Return: the jail, or NULL if @task is unrestricted.
 */
static inline struct uuidjail_jail *
uuidjail_task_jail(const struct task_struct *const task)
{
	return rcu_dereference(uuidjail_task(task)->jail);
}

/**
 * uuidjail_jail_label - Get the label of a jail
 * @jail: the jail, or NULL for an unrestricted task
 *
 * Return: its label; (0, 0) for NULL.
 */
static inline struct uuidjail_label
uuidjail_jail_label(const struct uuidjail_jail *const jail)
{
	return jail ? jail->label : (struct uuidjail_label){};
}

/**
 * uuidjail_jail_sealed - Tell whether a jail is sealed
 * @jail: the jail, or NULL for an unrestricted task
 *
 * Return: true if the tasks of @jail reach no UNIX socket outside it.
 */
static inline bool uuidjail_jail_sealed(const struct uuidjail_jail *const jail)
{
	return jail && jail->sealed;
}

/**
 * uuidjail_task_label - Snapshot the label of any task
 * @task: the task, possibly running on another CPU
 *
 * Return: the label @task has at the time of the call.
 */
static inline struct uuidjail_label
uuidjail_task_label(const struct task_struct *const task)
{
	struct uuidjail_label label;

	rcu_read_lock();
	label = uuidjail_jail_label(uuidjail_task_jail(task));
	rcu_read_unlock();
	return label;
}

/**
 * uuidjail_jail_top - Get the jail a jail or sub-jail belongs to
 * @jail: a jail or a sub-jail
 *
 * Return: @jail itself for a jail, its jail for a sub-jail.
 */
static inline struct uuidjail_jail *
uuidjail_jail_top(struct uuidjail_jail *const jail)
{
	return jail->parent ? jail->parent : jail;
}

/**
 * uuidjail_jail_name - Get the name shown for a jail or sub-jail
 * @jail: the jail, kept alive by the caller, or NULL (unrestricted)
 *
 * A sub-jail without a name of its own shows its jail's: the tabs of a
 * named browser, the helpers a named VM started in sub-jails.
 *
 * Return: the name, valid while @jail lives, or NULL if none.
 */
static inline const char *
uuidjail_jail_name(const struct uuidjail_jail *const jail)
{
	const char *name;

	if (!jail)
		return NULL;
	/* Published by cmpxchg(): the string is complete when seen. */
	name = READ_ONCE(jail->name);

	if (!name && jail->parent)
		name = READ_ONCE(jail->parent->name);
	return name;
}

struct uuidjail_jail *uuidjail_jail_get(struct uuidjail_jail *jail);
void uuidjail_jail_put(struct uuidjail_jail *jail);
struct uuidjail_jail *uuidjail_jail_alloc(void);
void uuidjail_jail_init(struct uuidjail_jail *jail,
			struct uuidjail_jail *parent, bool sealed);
void uuidjail_jail_free_unused(struct uuidjail_jail *jail);
int uuidjail_jail_set_name(struct uuidjail_jail *jail, const char *name);
int uuidjail_name_self(const char *name);
u64 uuidjail_new_id(void);
void __init uuidjail_add_jail_hooks(void);

#endif /* _SECURITY_UUIDJAIL_JAIL_H */
