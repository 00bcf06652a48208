// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - The admin view: which task is in which jail
 *
 * /sys/kernel/security/uuidjail/tasks lists one task (thread) per line,
 * /sys/kernel/security/uuidjail/jails one jail or sub-jail per line.  A
 * reader sees only the tasks it may act on, so a jailed reader learns
 * nothing about other jails: not their tasks, not their number.
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
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/sched/stat.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include "common.h"
#include "format.h"
#include "jail.h"
#include "label.h"
#include "view.h"

/*
 * The first task at or after pid number *@pos that @reader may act on;
 * *@pos becomes its pid number.
 *
 * Context: rcu_read_lock() held.
 */
static struct task_struct *next_visible(const struct uuidjail_label *reader,
					struct pid_namespace *const ns,
					loff_t *const pos)
{
	struct task_struct *task;
	struct pid *pid;

	while (*pos <= INT_MAX) {
		pid = find_ge_pid(*pos, ns);
		if (!pid)
			break;
		*pos = pid_nr_ns(pid, ns);
		task = pid_task(pid, PIDTYPE_PID);
		if (task) {
			const struct uuidjail_label label =
				uuidjail_jail_label(uuidjail_task_jail(task));

			if (uuidjail_may_act(reader, &label))
				return task;
		}
		++*pos;
	}
	return NULL;
}

static void *tasks_start(struct seq_file *const m, loff_t *const pos)
	__acquires(RCU)
{
	const struct uuidjail_label reader = uuidjail_task_label(current);

	rcu_read_lock();
	return next_visible(&reader, task_active_pid_ns(current), pos);
}

static void *tasks_next(struct seq_file *const m, void *const v,
			loff_t *const pos)
{
	const struct uuidjail_label reader = uuidjail_task_label(current);

	++*pos;
	return next_visible(&reader, task_active_pid_ns(current), pos);
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

/* One task's jail, or a jail seen through a task of one of its sub-jails. */
struct jail_seen {
	const struct uuidjail_jail *jail;
	unsigned int tasks;
};

static int cmp_seen(const void *const a, const void *const b)
{
	const struct uuidjail_label *const la =
		&((const struct jail_seen *)a)->jail->label;
	const struct uuidjail_label *const lb =
		&((const struct jail_seen *)b)->jail->label;

	if (la->id1 != lb->id1)
		return la->id1 < lb->id1 ? -1 : 1;
	if (la->id2 != lb->id2)
		return la->id2 < lb->id2 ? -1 : 1;
	return 0;
}

/*
 * Collect the jail of every visible jailed task, and the jail of every
 * visible sub-jail, into @seen (at most @max entries); sort them by ids.
 * Ids are never reused, so equal ids are one jail, and jails found under
 * this one RCU read-side section stay alive until it ends.
 *
 * Context: rcu_read_lock() held.
 */
static unsigned int collect_jails(struct jail_seen *const seen,
				  const unsigned int max)
{
	const struct uuidjail_label reader = uuidjail_task_label(current);
	struct pid_namespace *const ns = task_active_pid_ns(current);
	const struct uuidjail_jail *jail;
	struct task_struct *task;
	unsigned int n = 0;
	loff_t pos = 1;

	while (n + 2 <= max &&
	       (task = next_visible(&reader, ns, &pos))) {
		pos++;
		jail = uuidjail_task_jail(task);
		if (!jail)
			continue;
		seen[n++] = (struct jail_seen){ .jail = jail, .tasks = 1 };
		if (jail->parent)
			seen[n++] = (struct jail_seen){ .jail = jail->parent };
	}
	sort(seen, n, sizeof(*seen), cmp_seen, NULL);
	return n;
}

/*
 * "ID1 ID2 TASKS NAME SEALED", ID2 0 for a jail itself, sorted by ids;
 * SEALED is "sealed" or "open".
 */
static int jails_show(struct seq_file *const m, void *const v)
{
	/* Room for each task and its jail, and for tasks forked meanwhile. */
	const unsigned int max = 2 * (nr_threads + nr_threads / 8 + 64);
	struct jail_seen *const seen =
		kvmalloc_array(max, sizeof(*seen), GFP_KERNEL);
	const struct uuidjail_jail *jail;
	unsigned int n, i, j, tasks;
	const char *name;

	if (!seen)
		return -ENOMEM;
	rcu_read_lock();
	n = collect_jails(seen, max);
	/* Sorted by ids: the entries of one jail are next to each other. */
	for (i = 0; i < n; i = j) {
		jail = seen[i].jail;
		tasks = 0;
		for (j = i; j < n && seen[j].jail == jail; j++)
			tasks += seen[j].tasks;
		/* Its own name: a sub-jail's line does not repeat its jail's. */
		name = READ_ONCE(jail->name);
		seq_printf(m, "%llu %llu %u %s %s\n", jail->label.id1,
			   jail->label.id2, tasks, name ?: "-",
			   jail->sealed ? "sealed" : "open");
	}
	rcu_read_unlock();
	kvfree(seen);
	return 0;
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
