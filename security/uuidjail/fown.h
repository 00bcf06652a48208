/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Signals to a file's owner
 */

#ifndef _SECURITY_UUIDJAIL_FOWN_H
#define _SECURITY_UUIDJAIL_FOWN_H

#include <linux/fs.h>
#include <linux/init.h>

#include "jail.h"
#include "setup.h"

/**
 * struct uuidjail_file_security - The file blob
 * @fowner: the jail (a reference) of the task that last aimed the file's
 *          owner signal, NULL if that task was unrestricted
 */
struct uuidjail_file_security {
	struct uuidjail_jail __rcu *fowner;
};

static inline struct uuidjail_file_security *
uuidjail_file(const struct file *const file)
{
	return file->f_security + uuidjail_blob_sizes.lbs_file;
}

void __init uuidjail_add_fown_hooks(void);

#endif /* _SECURITY_UUIDJAIL_FOWN_H */
