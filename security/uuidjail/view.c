// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - The admin view: which task is in which jail
 *
 * /sys/kernel/security/uuidjail/tasks lists one task (thread) per line,
 * /sys/kernel/security/uuidjail/jails one jail or sub-jail per line.  A
 * reader sees only the tasks it may act on, so a jailed reader learns
 * nothing about other jails: not their tasks, not their number.  Nor does
 * it see what /proc mounted with hidepid=invisible would hide from it
 * (the ptrace read check: another uid's tasks, tasks that are not
 * dumpable), whatever its own /proc shows: the files are world-readable
 * and outside any pid or mount namespace's /proc options, and the names
 * of other users' jails (their virtual machines' UUIDs) are theirs.
 * Root, with CAP_SYS_PTRACE, sees every task uuidjail lets it act on.
 *
 * Both walk the pids of the reader's pid namespace under rcu_read_lock(),
 * as /proc does: tasks fork and exit while the file is read, and a task
 * found by its pid under RCU, with its jail, stays readable until the
 * lock is dropped.  Nothing is written anywhere and no task is pinned.
 * Between two read() calls the walk resumes at the next pid number, so a
 * long listing is a sequence of snapshots, as ps(1)'s is.
 */

#include <linux/limits.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/ptrace.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/stat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "common.h"
#include "format.h"
#include "jail.h"
#include "label.h"
#include "view.h"

/*
 * Whether the current task, labelled @reader, sees @task: uuidjail lets
 * it act on @task, and procfs mounted with hidepid=invisible would show
 * @task to it (has_pid_permissions()).  The ptrace check is not audited:
 * a listing is no attempt to act, and uuidjail's own hook, reached only
 * for tasks uuidjail allows, records nothing either.  It takes the task's
 * alloc_lock, a spinlock, and runs the LSMs' ptrace_access_check hooks,
 * which never sleep (ptrace_attach() calls them under that lock).
 *
 * Context: rcu_read_lock() held.
 */
static bool visible(const struct uuidjail_label *const reader,
		    struct task_struct *const task)
{
	const struct uuidjail_label label =
		uuidjail_jail_label(uuidjail_task_jail(task));

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(),
			 "uuidjail: a task of the view used outside RCU");
	return uuidjail_may_act(reader, &label) &&
	       ptrace_may_access(task, PTRACE_MODE_READ_FSCREDS |
				       PTRACE_MODE_NOAUDIT);
}

/*
 * The first task at or after pid number *@pos that the current task,
 * labelled @reader, sees; *@pos becomes its pid number.  If @budget is
 * not NULL, at most *@budget pids are looked at, each one counted: NULL
 * with *@budget at 0 means that the walk is not over.
 *
 * Context: rcu_read_lock() held.
 */
static struct task_struct *next_visible(const struct uuidjail_label *reader,
					struct pid_namespace *const ns,
					loff_t *const pos,
					unsigned int *const budget)
{
	struct task_struct *task;
	struct pid *pid;

	while (*pos <= INT_MAX) {
		if (budget) {
			if (!*budget)
				return NULL;
			--*budget;
		}
		pid = find_ge_pid(*pos, ns);
		if (!pid)
			break;
		*pos = pid_nr_ns(pid, ns);
		task = pid_task(pid, PIDTYPE_PID);
		if (task && visible(reader, task))
			return task;
		++*pos;
	}
	if (budget)
		*budget = max(*budget, 1U);
	return NULL;
}

static void *tasks_start(struct seq_file *const m, loff_t *const pos)
	__acquires(RCU)
{
	const struct uuidjail_label reader = uuidjail_task_label(current);

	rcu_read_lock();
	return next_visible(&reader, task_active_pid_ns(current), pos, NULL);
}

static void *tasks_next(struct seq_file *const m, void *const v,
			loff_t *const pos)
{
	const struct uuidjail_label reader = uuidjail_task_label(current);

	++*pos;
	return next_visible(&reader, task_active_pid_ns(current), pos, NULL);
}

static void tasks_stop(struct seq_file *const m, void *const v)
	__releases(RCU)
{
	rcu_read_unlock();
}

/* "PID TGID STATE ID1 ID2 NAME COMM": the command last, it may hold blanks. */
static int tasks_show(struct seq_file *const m, void *const v)
{
	struct pid_namespace *const ns = task_active_pid_ns(current);
	struct task_struct *const task = v;
	const struct uuidjail_jail *const jail = uuidjail_task_jail(task);
	const struct uuidjail_label label = uuidjail_jail_label(jail);
	const char *const name = uuidjail_jail_name(jail);
	char comm[TASK_COMM_LEN];

	get_task_comm(comm, task);
	seq_printf(m, "%d %d %s %llu %llu %s %s\n", task_pid_nr_ns(task, ns),
		   task_tgid_nr_ns(task, ns), uuidjail_state_name(&label),
		   label.id1, label.id2, name ?: "-", comm);
	return 0;
}

static const struct seq_operations tasks_sops = {
	.start = tasks_start,
	.next = tasks_next,
	.stop = tasks_stop,
	.show = tasks_show,
};

static int tasks_open(struct inode *const inode, struct file *const file)
{
	return seq_open(file, &tasks_sops);
}

/* The "tasks" file. */
const struct file_operations uuidjail_tasks_fops = {
	.open = tasks_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = seq_release,
};

/*
 * A jail or sub-jail seen through the visible tasks, copied: the listing
 * outlives the RCU read-side sections in which it is collected.
 */
struct jail_seen {
	struct uuidjail_label label;
	unsigned int tasks;
	bool sealed;
	char name[UUIDJAIL_NAME_MAX + 1];
};

/*
 * The jails seen so far, sorted by ids, each once: the array grows with
 * the number of jails the reader sees, not with the number of tasks, and
 * is charged to the reader's memory cgroup.
 */
struct jails_seen {
	struct jail_seen *v;
	unsigned int n, max;
};

/* Pids looked at per RCU read-side section, between two resched points. */
#define JAILS_BATCH 256

static int cmp_label(const struct uuidjail_label *const a,
		     const struct uuidjail_label *const b)
{
	if (a->id1 != b->id1)
		return a->id1 < b->id1 ? -1 : 1;
	if (a->id2 != b->id2)
		return a->id2 < b->id2 ? -1 : 1;
	return 0;
}

/*
 * Count @tasks more tasks for @jail, adding it in its sorted place if it
 * is new; the caller made room for it.  Ids are never reused, so equal
 * ids are one jail.
 *
 * Context: rcu_read_lock() held, which keeps @jail alive.
 */
static void see_jail(struct jails_seen *const seen,
		     const struct uuidjail_jail *const jail,
		     const unsigned int tasks)
{
	unsigned int lo = 0, hi = seen->n, mid;
	struct jail_seen *entry;
	const char *name;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = cmp_label(&jail->label, &seen->v[mid].label);
		if (!cmp) {
			seen->v[mid].tasks += tasks;
			return;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	entry = &seen->v[lo];
	memmove(entry + 1, entry, (seen->n - lo) * sizeof(*entry));
	seen->n++;
	entry->label = jail->label;
	entry->tasks = tasks;
	entry->sealed = jail->sealed;
	/* Its own name: a sub-jail's line does not repeat its jail's. */
	name = READ_ONCE(jail->name);
	strscpy(entry->name, name ?: "-");
}

/* Room for two more entries: a task's sub-jail and its jail. */
static int make_room(struct jails_seen *const seen)
{
	struct jail_seen *v;
	unsigned int max;

	if (seen->n + 2 <= seen->max)
		return 0;
	max = max(2 * seen->max, 16U);
	v = kvrealloc(seen->v, array_size(max, sizeof(*v)),
		      GFP_KERNEL_ACCOUNT);
	if (!v)
		return -ENOMEM;
	seen->v = v;
	seen->max = max;
	return 0;
}

/*
 * Collect the jail of every visible jailed task, and the jail of every
 * visible sub-jail, into @seen.  The pids are walked in batches, each
 * under an RCU read-side section of its own with a resched point between
 * them, as /proc's readdir does: tasks forked or gone meanwhile may or may
 * not be counted, a long listing being a series of snapshots.
 *
 * Context: process context; may sleep.
 */
static int collect_jails(struct jails_seen *const seen)
{
	const struct uuidjail_label reader = uuidjail_task_label(current);
	struct pid_namespace *const ns = task_active_pid_ns(current);
	const struct uuidjail_jail *jail;
	struct task_struct *task;
	unsigned int budget;
	loff_t pos = 1;
	int err;

	for (;;) {
		err = make_room(seen);
		if (err)
			return err;
		budget = JAILS_BATCH;
		rcu_read_lock();
		while (seen->n + 2 <= seen->max &&
		       (task = next_visible(&reader, ns, &pos, &budget))) {
			pos++;
			jail = uuidjail_task_jail(task);
			if (!jail)
				continue;
			see_jail(seen, jail, 1);
			if (jail->parent)
				see_jail(seen, jail->parent, 0);
		}
		rcu_read_unlock();
		/* Neither out of room nor out of budget: past the last pid. */
		if (seen->n + 2 <= seen->max && budget)
			return 0;
		cond_resched();
	}
}

/*
 * "ID1 ID2 TASKS NAME SEALED", ID2 0 for a jail itself, sorted by ids;
 * SEALED is "sealed" or "open".
 */
static int jails_show(struct seq_file *const m, void *const v)
{
	struct jails_seen seen = {};
	const struct jail_seen *e;
	int err;

	err = collect_jails(&seen);
	for (e = seen.v; !err && e < seen.v + seen.n; e++)
		seq_printf(m, "%llu %llu %u %s %s\n", e->label.id1,
			   e->label.id2, e->tasks, e->name,
			   e->sealed ? "sealed" : "open");
	kvfree(seen.v);
	return err;
}

static int jails_open(struct inode *const inode, struct file *const file)
{
	return single_open(file, jails_show, NULL);
}

/* The "jails" file. */
const struct file_operations uuidjail_jails_fops = {
	.open = jails_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};
