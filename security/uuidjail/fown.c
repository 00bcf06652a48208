// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - SIGIO and SIGURG to a file's owner
 *
 * The kernel sends SIGIO/SIGURG (or the F_SETSIG signal) to a file's
 * owner on behalf of whoever made it the owner, whatever task triggers
 * the I/O.  So the subject is the task that set the owner, judged by the
 * jail it was in then: a jailed task cannot aim signals outside its jail,
 * neither by triggering I/O itself nor by passing the file to a process
 * outside the jail.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "audit.h"
#include "common.h"
#include "fown.h"
#include "jail.h"
#include "setup.h"
#include "task.h"

/*
 * Record the current task's jail as the one the file's signal is judged
 * with.  The writer holds the owner's write lock; the old jail is freed
 * after a grace period, which also covers lockless readers.
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
