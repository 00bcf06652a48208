// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Signals to a file's owner (SIGIO, SIGURG, F_SETSIG)
 *
 * The kernel sends a file's owner its signal on behalf of whoever aimed
 * it, whatever task triggers the I/O.  So the subject is the task that
 * last aimed the signal, judged by the jail it was in then.  Aiming is
 * anything that chooses who gets a signal, which signal, or turns a new
 * source of signals on: setting the owner (F_SETOWN, F_SETOWN_EX,
 * FIOSETOWN, SIOCSPGRP), F_SETSIG, turning O_ASYNC on (F_SETFL,
 * FIOASYNC), and F_SETLEASE and F_NOTIFY, which arm lease-break and
 * directory-change signals for the existing owner.  A jailed task thus
 * cannot aim signals outside its jail, neither by triggering I/O itself
 * nor by passing the file to a process outside the jail; an owner that
 * was set and armed before the task entered keeps getting the signals
 * its I/O triggers, since the task aimed nothing.
 */

#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <asm/ioctls.h>

#include "audit.h"
#include "common.h"
#include "fown.h"
#include "jail.h"
#include "setup.h"
#include "task.h"

/*
 * Record the current task's jail as the one the file's signal is judged
 * with.  Writers are the owner's setter, under the owner's write lock,
 * and fcntl()/ioctl() callers, under no lock at all (F_SETSIG itself is
 * lockless): xchg() orders them, and the old jail is freed after a grace
 * period, which covers readers under the owner's read lock (irqs off).
 */
static void aim(struct file *const file)
{
	struct uuidjail_jail *const jail =
		uuidjail_jail_get(uuidjail_current_jail());

	uuidjail_jail_put(unrcu_pointer(xchg(&uuidjail_file(file)->fowner,
					     RCU_INITIALIZER(jail))));
}

static void hook_file_set_fowner(struct file *const file)
{
	aim(file);
}

static int hook_file_fcntl(struct file *const file, const unsigned int cmd,
			   const unsigned long arg)
{
	switch (cmd) {
	case F_SETFL:
		/* Only turning O_ASYNC on arms a signal. */
		if (!(arg & FASYNC) || (READ_ONCE(file->f_flags) & FASYNC))
			break;
		fallthrough;
	case F_SETSIG:
	case F_SETLEASE:
	case F_NOTIFY:
		aim(file);
		break;
	}
	return 0;
}

/* FIOASYNC's argument is in user memory: any use of it counts. */
static int hook_file_ioctl(struct file *const file, const unsigned int cmd,
			   const unsigned long arg)
{
	if (cmd == FIOASYNC)
		aim(file);
	return 0;
}

/* The same ioctl from a 32-bit program on a 64-bit kernel. */
static int hook_file_ioctl_compat(struct file *const file,
				  const unsigned int cmd,
				  const unsigned long arg)
{
	return hook_file_ioctl(file, cmd, arg);
}

/*
 * The file's last reference is gone, or its opening failed before anyone
 * saw it: nobody sets its owner any more.  Readers that found the jail
 * under RCU (hook_file_send_sigiotask()) are covered by the grace period
 * of uuidjail_jail_put().
 */
static void hook_file_free_security(struct file *const file)
{
	uuidjail_jail_put(rcu_dereference_protected(uuidjail_file(file)->fowner,
						    true));
}

/*
 * Called by send_sigio() and send_sigurg() under the owner's read lock
 * and rcu_read_lock(), once per receiving task.
 */
static int hook_file_send_sigiotask(struct task_struct *const tsk,
				    struct fown_struct *const fown,
				    const int sig)
{
	struct uuidjail_jail *sjail;
	int err = 0;

	if (!uuidjail_active())
		return 0;
	/*
	 * Pairs with the full barrier of xchg() in aim(): a sender that read
	 * the signal number F_SETSIG wrote after aim() sees the new jail.
	 */
	smp_rmb();
	rcu_read_lock();
	sjail = rcu_dereference(uuidjail_file(fown->file)->fowner);
	if (sjail)
		err = uuidjail_check(UUIDJAIL_OP_FILE_SEND_SIGIOTASK, NULL,
				     sjail, tsk, true);
	rcu_read_unlock();
	return err;
}

static struct security_hook_list uuidjail_fown_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_set_fowner, hook_file_set_fowner),
	LSM_HOOK_INIT(file_fcntl, hook_file_fcntl),
	LSM_HOOK_INIT(file_ioctl, hook_file_ioctl),
	LSM_HOOK_INIT(file_ioctl_compat, hook_file_ioctl_compat),
	LSM_HOOK_INIT(file_free_security, hook_file_free_security),
	LSM_HOOK_INIT(file_send_sigiotask, hook_file_send_sigiotask),
};

/**
 * uuidjail_add_fown_hooks - Register the file owner hooks
 */
void __init uuidjail_add_fown_hooks(void)
{
	security_add_hooks(uuidjail_fown_hooks, ARRAY_SIZE(uuidjail_fown_hooks),
			   &uuidjail_lsmid);
}
