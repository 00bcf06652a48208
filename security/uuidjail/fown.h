/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - SIGIO and SIGURG to a file's owner
 */

#ifndef _SECURITY_UUIDJAIL_FOWN_H
#define _SECURITY_UUIDJAIL_FOWN_H

#include <linux/fs.h>
#include <linux/init.h>

#include "label.h"

/**
 * struct uuidjail_file_security - The file blob
 * @fowner: the label of the task that last set the file's owner
 *          (F_SETOWN, F_SETOWN_EX, FIOSETOWN, ...); written and read
 *          under the owner's lock
 */
struct uuidjail_file_security {
	struct uuidjail_label fowner;
};

static inline struct uuidjail_file_security *
uuidjail_file(const struct file *const file)
{
	return file->f_security + uuidjail_blob_sizes.lbs_file;
}

void __init uuidjail_add_fown_hooks(void);

#endif /* _SECURITY_UUIDJAIL_FOWN_H */
