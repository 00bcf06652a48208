// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - SIGIO and SIGURG to a file's owner
 *
 * The kernel sends SIGIO/SIGURG (or the F_SETSIG signal) to a file's
 * owner on behalf of whoever made it the owner, whatever task triggers
 * the I/O.  So the subject is the task that set the owner, judged by the
 * label it had then: a jailed task cannot aim signals outside its jail,
 * neither by triggering I/O itself nor by passing the file to a process
 * outside the jail.
 */

#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/sched.h>

#include "audit.h"
#include "common.h"
#include "fown.h"
#include "label.h"
#include "setup.h"
#include "task.h"

/* Called under the owner's write lock, by the task setting the owner. */
static void hook_file_set_fowner(struct file *const file)
{
	uuidjail_file(file)->fowner = uuidjail_task_label(current);
}

/* Called under the owner's read lock, once per receiving task. */
static int hook_file_send_sigiotask(struct task_struct *const tsk,
				    struct fown_struct *const fown,
				    const int sig)
{
	const struct uuidjail_label *const slabel =
		&uuidjail_file(fown->file)->fowner;

	if (!slabel->id1)
		return 0;
	return uuidjail_check(UUIDJAIL_OP_FILE_SEND_SIGIOTASK, NULL, slabel,
			      tsk, true);
}

static struct security_hook_list uuidjail_fown_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(file_set_fowner, hook_file_set_fowner),
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
