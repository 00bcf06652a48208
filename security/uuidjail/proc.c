// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - /proc/PID hooks
 *
 * Every /proc/PID/... inode is tied to its task at task_to_inode.  What
 * shows or changes something of the task through such an inode is then
 * judged with the task's label of that moment, once per operation, by a
 * hook that no path walk calls: a host where nobody jails pays nothing
 * per path component.  This covers the entries that no ptrace check
 * guards (status, cmdline, comm, oom_score_adj, attr/...) and those
 * whose ptrace check a capability can bypass (mm_access() lets
 * CAP_PERFMON read environ, maps, ...), since root inside a jail must
 * stay jailed.  Every way in, and what stops it:
 *
 * - open() and openat2() of any entry, files and directories, whatever
 *   the path (through a bind mount, /proc/self/../PID, a directory
 *   descriptor or a cwd taken before entering): file_open.
 * - readdir: needs a descriptor opened without O_PATH: file_open.
 * - stat(), statx(), fstat() of an entry or of a descriptor: inode_getattr.
 * - chown(), utimensat(), truncate(): inode_setattr.
 * - getxattr(), listxattr(): inode_getxattr, inode_listxattr.
 * - inotify and fanotify marks on an entry: path_notify.  A fanotify mark
 *   on a whole mount or filesystem needs CAP_SYS_ADMIN, which a jail
 *   does not take away (see the admin guide).  A watch on /proc itself is
 *   not judged (/proc shows no task): it reports which /proc/PID
 *   directories are opened or listed, not by whom nor what is read.
 * - the magic links (exe, cwd, root, fd/N, map_files/..., ns/...),
 *   whether read with readlink() or followed: procfs asks the ptrace
 *   check (call_proc_get_link(), proc_ns_get_link(), ...), which
 *   ptrace_access_check judges.  What following ns/... opens is an nsfs
 *   file, which file_open leaves alone: the ptrace check is the one.
 * - a file opened, or a mark set, while the task was within reach: not
 *   judged again when it is read or written after the task entered a
 *   jail out of reach.  A hook there (file_permission) would run on every
 *   read() and write() of the system; while the task was within reach,
 *   it could be signalled and ptraced as well.
 * - an O_PATH descriptor, chdir() or fchdir() into /proc/PID: not judged,
 *   and they reveal nothing of the task; whatever is then done through
 *   them is one of the operations above.
 * - lookups, access(), faccessat2(), setxattr(): not judged.  A lookup
 *   tells which names exist, so which threads (as tgkill() does) and which
 *   descriptor numbers the task has; access() tells whether an entry's
 *   owner and mode would let the caller in, which the task's uid and
 *   dumpability decide, and for fd/N whether that descriptor is open for
 *   reading or writing (procfs gives the entry its mode).  procfs keeps
 *   no extended attributes to set.
 */

#include <linux/cred.h>
#include <linux/fs.h>
#include <linux/lsm_hooks.h>
#include <linux/magic.h>
#include <linux/path.h>
#include <linux/pid.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>

#include "audit.h"
#include "common.h"
#include "jail.h"
#include "proc.h"
#include "setup.h"
#include "task.h"

/* Drop what hook_task_to_inode() recorded. */
static void put_proc_pid(struct pid *const pid)
{
	if (!IS_ERR(pid))
		put_pid(pid);
}

/*
 * The inode keeps a reference on the pid of its task's thread group, not
 * a label: the pid leads to the group's label at check time, so a task
 * that enters a jail after its inode was created is still judged by its
 * current label.  The tasks of a thread group always share one label (a
 * task enters only while it is single-threaded, and threads inherit their
 * creator's label), so /proc/PID/task/TID inodes use it too.
 *
 * The group's pid, not the task's: a non-leader thread's execve() swaps
 * the pids of that thread and of the leader (exchange_tids() in
 * de_thread()), then releases the old leader with the thread's old pid.
 * Had procfs made the inode in between, the task's pid would be that
 * dying one (or none at all, once released) while procfs keeps serving
 * the inode through the pid it took before the swap: the check would
 * deny for ever, or find no pid and mistake the inode for one outside
 * /proc.  The group's pid moves to the new leader with it
 * (transfer_pid()) and stays attached while any thread of the group
 * lives.  It is gone only once the whole group was released: procfs then
 * fails on the inode itself, and UUIDJAIL_PROC_GONE marks it, so that the
 * check denies instead of taking the inode for one outside /proc.
 *
 * procfs calls this hook when it makes the inode (the inode is not yet
 * visible) and again on every revalidation, under RCU and concurrently on
 * several CPUs.  Only the first call records a pid, and nothing ever
 * replaces or drops it before the inode is freed, so no CPU can see a pid
 * that another one released.
 */
static void hook_task_to_inode(struct task_struct *const p,
			       struct inode *const inode)
{
	struct uuidjail_inode_security *const blob = uuidjail_inode(inode);
	struct pid *pid;

	if (rcu_access_pointer(blob->pid))
		return;
	/* Takes the reference under RCU: the group may be released now. */
	pid = get_task_pid(p, PIDTYPE_TGID) ?: UUIDJAIL_PROC_GONE;
	if (cmpxchg(&blob->pid, NULL, RCU_INITIALIZER(pid)))
		put_proc_pid(pid);
}

/*
 * Called after an RCU grace period from the inode's eviction, when no
 * path walk can reach the inode any more (see security_inode_free()).
 */
static void hook_inode_free_security_rcu(void *const inode_security)
{
	struct uuidjail_inode_security *const blob =
		uuidjail_inode_blob(inode_security);

	put_proc_pid(rcu_dereference_protected(blob->pid, true));
}

/*
 * The pid of the thread group that a /proc/PID/... dentry shows: the one
 * recorded on its inode, or, for an entry procfs made without a task
 * (those under /proc/PID/net, which show the task's network namespace),
 * the one of its nearest ancestor that has one.  NULL for any other
 * procfs entry (/proc/meminfo, /proc/sys/...).
 *
 * The caller holds @dentry (through an open file, a path or the dentry
 * itself), and a dentry holds a reference on its parent: every ancestor
 * up to the root of procfs stays allocated, and procfs never moves an
 * entry to another parent.  Each blob lives as long as its inode (see
 * hook_inode_free_security_rcu()), and so does the pid it holds.
 */
static struct pid *proc_dentry_pid(const struct dentry *dentry)
{
	for (;;) {
		const struct inode *const inode = d_backing_inode(dentry);
		struct pid *const pid = inode ?
			rcu_dereference(uuidjail_inode(inode)->pid) : NULL;

		if (pid || IS_ROOT(dentry))
			return pid;
		dentry = READ_ONCE(dentry->d_parent);
	}
}

/*
 * The errno of a denial: EACCES, as for any file one may not open; but
 * ENOENT where the procfs instance hides the task from the caller
 * (hidepid=invisible or hidepid=ptraceable, has_pid_permissions()):
 * procfs hides every task the caller may not ptrace, and uuidjail's
 * ptrace check denies the same pairs as this one.  procfs answers
 * ENOENT for such a task, but stat() meets inode_getattr before procfs's
 * own getattr: EACCES would tell that the PID exists.
 */
static int proc_denial(struct super_block *const sb)
{
	const struct proc_fs_info *const fs_info = proc_sb_info(sb);

	switch (fs_info->hide_pid) {
	case HIDEPID_NOT_PTRACEABLE:
		return -ENOENT;
	case HIDEPID_INVISIBLE:
		return in_group_p(fs_info->pid_gid) ? -EACCES : -ENOENT;
	default:
		return -EACCES;
	}
}

/*
 * The slow path of check_proc(), out of line so that the quick return,
 * taken by every open and stat() on the system, is free of register
 * saves.
 */
static noinline int check_proc_dentry(const enum uuidjail_op op,
				      const struct dentry *const dentry,
				      struct uuidjail_jail *const sjail)
{
	struct task_struct *task;
	struct pid *pid;
	int err = 0;

	rcu_read_lock();
	pid = proc_dentry_pid(dentry);
	/*
	 * Without a task to judge, deny: procfs would fail anyway, and a
	 * gone thread group must never open a way around the check.  The
	 * group's leader is attached to its pid while any of its threads
	 * lives, even as a zombie, and has the group's label.  Denials here
	 * are what ps and top meet for every process they may not see:
	 * counted, not audited.
	 */
	if (pid) {
		task = IS_ERR(pid) ? NULL : pid_task(pid, PIDTYPE_TGID);
		err = task ? uuidjail_check(op, current, sjail, task, false) :
			     -EPERM;
	}
	rcu_read_unlock();

	return err ? proc_denial(dentry->d_sb) : 0;
}

/*
 * Judge an operation on a procfs entry by the label its task has now.
 * Quick return for unjailed tasks and for every other filesystem: every
 * open and every stat() on the system passes here, once per call.
 */
static __always_inline int check_proc(const enum uuidjail_op op,
				      const struct dentry *const dentry)
{
	struct uuidjail_jail *const sjail = uuidjail_current_jail();

	if (likely(!sjail || dentry->d_sb->s_magic != PROC_SUPER_MAGIC))
		return 0;
	return check_proc_dentry(op, dentry, sjail);
}

/*
 * Opening any entry: its content, a directory to list, a descriptor to
 * open entries relative to.  An O_PATH open is not checked (the kernel
 * does not call this hook for it): such a descriptor reveals nothing of
 * the task by itself, and everything done through it passes one of the
 * hooks here or a ptrace check.
 */
static int hook_file_open(struct file *const file)
{
	return check_proc(UUIDJAIL_OP_FILE_OPEN, file->f_path.dentry);
}

/* stat(), statx(), fstat(): the owner, the times, the link counts. */
static int hook_inode_getattr(const struct path *const path)
{
	return check_proc(UUIDJAIL_OP_INODE_GETATTR, path->dentry);
}

/* chown(), utimensat(), truncate(): procfs refuses only chmod(). */
static int hook_inode_setattr(struct mnt_idmap *const idmap,
			      struct dentry *const dentry,
			      struct iattr *const attr)
{
	return check_proc(UUIDJAIL_OP_INODE_SETATTR, dentry);
}

/*
 * procfs keeps no extended attributes, but an LSM that labels a task's
 * /proc entries (SELinux, Smack) shows the task's label as one.
 */
static int hook_inode_getxattr(struct dentry *const dentry,
			       const char *const name)
{
	return check_proc(UUIDJAIL_OP_INODE_GETXATTR, dentry);
}

static int hook_inode_listxattr(struct dentry *const dentry)
{
	return check_proc(UUIDJAIL_OP_INODE_LISTXATTR, dentry);
}

/*
 * inotify and fanotify marks: every read of the entry, by the task or by
 * its admin, would be an event.  dnotify needs an open descriptor.
 */
static int hook_path_notify(const struct path *const path, const u64 mask,
			    const unsigned int obj_type)
{
	return check_proc(UUIDJAIL_OP_PATH_NOTIFY, path->dentry);
}

static struct security_hook_list uuidjail_proc_hooks[] __ro_after_init = {
	LSM_HOOK_INIT(task_to_inode, hook_task_to_inode),
	LSM_HOOK_INIT(inode_free_security_rcu, hook_inode_free_security_rcu),
	LSM_HOOK_INIT(file_open, hook_file_open),
	LSM_HOOK_INIT(inode_getattr, hook_inode_getattr),
	LSM_HOOK_INIT(inode_setattr, hook_inode_setattr),
	LSM_HOOK_INIT(inode_getxattr, hook_inode_getxattr),
	LSM_HOOK_INIT(inode_listxattr, hook_inode_listxattr),
	LSM_HOOK_INIT(path_notify, hook_path_notify),
};

/**
 * uuidjail_add_proc_hooks - Register the /proc hooks
 */
void __init uuidjail_add_proc_hooks(void)
{
	security_add_hooks(uuidjail_proc_hooks, ARRAY_SIZE(uuidjail_proc_hooks),
			   &uuidjail_lsmid);
}
