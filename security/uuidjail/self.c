// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - prctl(PR_UUIDJAIL) and lsm_get_self_attr()
 *
 * The interfaces for programs without securityfs (chroots, sandboxes):
 * same rules, same errors as the securityfs files.
 */

#include <linux/errno.h>
#include <linux/lsm_hooks.h>
#include <linux/prctl.h>
#include <linux/security.h>
#include <linux/uaccess.h>
#include <uapi/linux/lsm.h>

#include "common.h"
#include "enter.h"
#include "format.h"
#include "jail.h"
#include "label.h"
#include "setup.h"

static int hook_task_prctl(const int option, const unsigned long arg2,
			   const unsigned long arg3, const unsigned long arg4,
			   const unsigned long arg5)
{
	struct uuidjail_label label;
	char name[UUIDJAIL_NAME_MAX + 1];
	long len;

	/*
	 * The task_prctl contract: -ENOSYS tells the LSM framework and
	 * prctl() that the option is not ours.
	 */
	if (option != PR_UUIDJAIL)
		return -ENOSYS;

	switch (arg2) {
	case PR_UUIDJAIL_ENTER:
		if ((arg4 & ~PR_UUIDJAIL_ENTER_SEALED) || arg5)
			return -EINVAL;
		return uuidjail_enter(arg3, arg4 & PR_UUIDJAIL_ENTER_SEALED);
	case PR_UUIDJAIL_GET:
		if (arg3 || arg4 || arg5)
			return -EINVAL;
		label = uuidjail_task_label(current);
		return uuidjail_state(&label);
	case PR_UUIDJAIL_SET_NAME:
		if (arg4 || arg5)
			return -EINVAL;
		/* One byte more than the longest name: too long is EINVAL. */
		len = strncpy_from_user(name, (const char __user *)arg3,
					sizeof(name));
		if (len < 0)
			return len;
		if (len == sizeof(name) || uuidjail_parse_name(name, len, name))
			return -EINVAL;
		return uuidjail_name_self(name);
	case PR_UUIDJAIL_GET_ABI:
		if (arg3 || arg4 || arg5)
			return -EINVAL;
		return UUIDJAIL_ABI_VERSION;
	default:
		return -EINVAL;
	}
}

static int hook_getselfattr(const unsigned int attr,
			    struct lsm_ctx __user *const ctx, u32 *const size,
			    const u32 flags)
{
	/* The current task's reference keeps its jail alive. */
	const struct uuidjail_jail *const jail = uuidjail_current_jail();
	const struct uuidjail_label label = uuidjail_jail_label(jail);
	char text[UUIDJAIL_LABEL_TEXT_MAX];
	int len, err;

	if (attr != LSM_ATTR_CURRENT)
		return -EOPNOTSUPP;

	len = uuidjail_format_label(&label, uuidjail_jail_sealed(jail), text,
				    sizeof(text));
	err = lsm_fill_user_ctx(ctx, size, text, len + 1, LSM_ID_UUIDJAIL, 0);
	return err ? err : 1;
}

static struct security_hook_list uuidjail_self_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_prctl, hook_task_prctl),
	LSM_HOOK_INIT(getselfattr, hook_getselfattr),
};

/**
 * uuidjail_add_self_hooks - Register the prctl and LSM syscall hooks
 */
void __init uuidjail_add_self_hooks(void)
{
	security_add_hooks(uuidjail_self_hooks, ARRAY_SIZE(uuidjail_self_hooks),
			   &uuidjail_lsmid);
}
