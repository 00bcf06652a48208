// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - securityfs interface
 *
 * /sys/kernel/security/uuidjail/
 *   enter1, enter2  writing "1" makes the writer enter a jail, a sub-jail;
 *                   "1 sealed" a sealed one
 *   self            the reader's own label
 *   stats           denials since boot, per operation: the whole
 *                   system's for an unrestricted reader, its own jail's
 *                   (or sub-jail's) for a jailed one
 *   name            writing a name gives it to the writer's jail (or
 *                   sub-jail), once; reading shows the reader's
 *   tasks, jails    the admin view (view.c)
 *
 * The files act on the task that writes or reads, never on the opener, so
 * passing an open file to another process only lets it jail itself.
 */

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/security.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>

#include "audit.h"
#include "common.h"
#include "enter.h"
#include "format.h"
#include "jail.h"
#include "label.h"
#include "setup.h"
#include "view.h"

static ssize_t enter_write(struct file *const file,
			   const char __user *const ubuf, const size_t count,
			   loff_t *const ppos, const unsigned long level)
{
	char buf[UUIDJAIL_ENTER_TEXT_MAX];
	bool sealed;
	int err;

	/* The whole payload in one write, from the start. */
	if (*ppos != 0 || count == 0 || count > sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;

	err = uuidjail_parse_enter(buf, count, &sealed);
	if (!err)
		err = uuidjail_enter(level, sealed);
	return err ? err : count;
}

static ssize_t enter1_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return enter_write(file, ubuf, count, ppos, 1);
}

static ssize_t enter2_write(struct file *file, const char __user *ubuf,
			    size_t count, loff_t *ppos)
{
	return enter_write(file, ubuf, count, ppos, 2);
}

static ssize_t self_read(struct file *const file, char __user *const ubuf,
			 const size_t count, loff_t *const ppos)
{
	const struct uuidjail_jail *const jail = uuidjail_current_jail();
	const struct uuidjail_label label = uuidjail_jail_label(jail);
	char text[UUIDJAIL_LABEL_TEXT_MAX + 1];
	int len;

	len = uuidjail_format_label(&label, uuidjail_jail_sealed(jail), text,
				    UUIDJAIL_LABEL_TEXT_MAX);
	text[len++] = '\n';
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static ssize_t name_write(struct file *const file,
			  const char __user *const ubuf, const size_t count,
			  loff_t *const ppos)
{
	/* Room for the longest name, its newline and one byte too many. */
	char buf[UUIDJAIL_NAME_MAX + 2];
	char name[UUIDJAIL_NAME_MAX + 1];
	int err;

	if (*ppos != 0 || count == 0 || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;

	err = uuidjail_parse_name(buf, count, name);
	if (!err)
		err = uuidjail_name_self(name);
	return err ? err : count;
}

static ssize_t name_read(struct file *const file, char __user *const ubuf,
			 const size_t count, loff_t *const ppos)
{
	/* The current task's reference keeps its jail and name alive. */
	const struct uuidjail_jail *const jail = uuidjail_current_jail();
	const char *const name = uuidjail_jail_name(jail);
	char text[UUIDJAIL_NAME_MAX + 2];
	int len = 0;

	if (name)
		len = scnprintf(text, sizeof(text), "%s\n", name);
	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

/*
 * A jailed reader must not learn what other jails do: it sees only the
 * denials of the tasks that share its jail or sub-jail.
 */
static int stats_show(struct seq_file *const m, void *const v)
{
	const struct uuidjail_jail *const jail = uuidjail_current_jail();
	enum uuidjail_op op;

	for (op = 0; op < UUIDJAIL_OP_COUNT; op++)
		seq_printf(m, "%s %lu\n", uuidjail_op_name(op),
			   uuidjail_denials(jail, op));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

static const struct file_operations enter1_fops = {
	.write = enter1_write,
	.llseek = noop_llseek,
};

static const struct file_operations enter2_fops = {
	.write = enter2_write,
	.llseek = noop_llseek,
};

/* The version of the rules: see UUIDJAIL_ABI_VERSION. */
static ssize_t abi_read(struct file *const file, char __user *const ubuf,
			const size_t count, loff_t *const ppos)
{
	char text[16];
	const int len = scnprintf(text, sizeof(text), "%d\n",
				  UUIDJAIL_ABI_VERSION);

	return simple_read_from_buffer(ubuf, count, ppos, text, len);
}

static const struct file_operations abi_fops = {
	.read = abi_read,
	.llseek = generic_file_llseek,
};

static const struct file_operations self_fops = {
	.read = self_read,
	.llseek = generic_file_llseek,
};

static const struct file_operations name_fops = {
	.read = name_read,
	.write = name_write,
	.llseek = generic_file_llseek,
};

/**
 * uuidjail_init_securityfs - Create /sys/kernel/security/uuidjail/
 *
 * Return: 0 on success, or the error of the securityfs call that failed;
 * on error nothing is left behind.
 */
int __init uuidjail_init_securityfs(void)
{
	struct dentry *dir, *dentry;

	dir = securityfs_create_dir(UUIDJAIL_NAME, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);

	dentry = securityfs_create_file("enter1", 0666, dir, NULL,
					&enter1_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("enter2", 0666, dir, NULL,
					&enter2_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("self", 0444, dir, NULL, &self_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("stats", 0444, dir, NULL, &stats_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("name", 0666, dir, NULL, &name_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("tasks", 0444, dir, NULL,
					&uuidjail_tasks_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("jails", 0444, dir, NULL,
					&uuidjail_jails_fops);
	if (IS_ERR(dentry))
		goto err;
	dentry = securityfs_create_file("abi", 0444, dir, NULL, &abi_fops);
	if (IS_ERR(dentry))
		goto err;
	return 0;

err:
	securityfs_remove(dir);
	return PTR_ERR(dentry);
}
