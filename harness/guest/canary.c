// SPDX-License-Identifier: GPL-2.0
/*
 * canary NAME - a task that reports whether anyone acted on it
 *
 * Run beside the fuzzer of the test VM (fuzz.sh), outside its jail or
 * sub-jail.  It records, when it starts, everything of itself that the
 * operations uuidjail judges could change: nice value, I/O priority, CPU
 * affinity, scheduling policy and priority, every resource limit, process
 * group, session, tracer; it owns a pipe whose signal (F_SETOWN, O_ASYNC)
 * it aims at itself, and counts every signal that reaches it.  It prints
 * "ready NAME PID", then waits for a line on stdin and prints
 * "canary NAME: untouched" or "canary NAME: touched: WHAT...", and exits.
 * A canary that was killed, stopped or is being traced never answers.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/ioprio.h>

struct state {
	int nice, ioprio, policy, prio;
	cpu_set_t cpus;
	struct rlimit limits[RLIM_NLIMITS];
	pid_t pgid, sid;
	int tracer;
};

/* Written by the handler, read once the canary is asked: atomics. */
static int signals[_NSIG];
static int last_sender;

static void on_signal(int sig, siginfo_t *info, void *ctx)
{
	__atomic_add_fetch(&signals[sig], 1, __ATOMIC_RELAXED);
	__atomic_store_n(&last_sender, info->si_pid, __ATOMIC_RELAXED);
}

static int tracer_pid(void)
{
	char line[128];
	int pid = -1;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "TracerPid: %d", &pid) == 1)
			break;
	fclose(f);
	return pid;
}

static void record(struct state *s)
{
	struct sched_param param = {};
	int i;

	memset(s, 0, sizeof(*s));
	errno = 0;
	s->nice = getpriority(PRIO_PROCESS, 0);
	s->ioprio = syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0);
	s->policy = sched_getscheduler(0);
	sched_getparam(0, &param);
	s->prio = param.sched_priority;
	sched_getaffinity(0, sizeof(s->cpus), &s->cpus);
	for (i = 0; i < RLIM_NLIMITS; i++)
		getrlimit(i, &s->limits[i]);
	s->pgid = getpgid(0);
	s->sid = getsid(0);
	s->tracer = tracer_pid();
}

static void diff(bool changed, const char *what)
{
	if (changed)
		printf(" %s", what);
}

/* Print what changed since @before, and every signal received. */
static int report(const char *name, const struct state *before)
{
	struct state now;
	int i, touched;
	char buf[2048];
	size_t len = 0;

	record(&now);
	for (i = 1; i < _NSIG; i++) {
		int count = __atomic_load_n(&signals[i], __ATOMIC_RELAXED);

		if (count && len < sizeof(buf) - 64)
			len += snprintf(buf + len, sizeof(buf) - len,
					" signal %d (x%d, last from %d)", i,
					count,
					__atomic_load_n(&last_sender,
							__ATOMIC_RELAXED));
	}
	touched = len || before->nice != now.nice ||
		  before->ioprio != now.ioprio ||
		  before->policy != now.policy || before->prio != now.prio ||
		  !CPU_EQUAL(&before->cpus, &now.cpus) ||
		  memcmp(before->limits, now.limits, sizeof(now.limits)) ||
		  before->pgid != now.pgid || before->sid != now.sid ||
		  before->tracer != now.tracer;
	if (!touched) {
		printf("canary %s: untouched\n", name);
		return 0;
	}
	printf("canary %s: touched:", name);
	diff(before->nice != now.nice, "nice");
	diff(before->ioprio != now.ioprio, "ioprio");
	diff(before->policy != now.policy, "policy");
	diff(before->prio != now.prio, "priority");
	diff(!CPU_EQUAL(&before->cpus, &now.cpus), "affinity");
	diff(memcmp(before->limits, now.limits, sizeof(now.limits)),
	     "rlimits");
	diff(before->pgid != now.pgid, "pgid");
	diff(before->sid != now.sid, "sid");
	diff(before->tracer != now.tracer, "tracer");
	printf("%.*s\n", (int)len, buf);
	return 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_sigaction = on_signal,
				.sa_flags = SA_SIGINFO | SA_RESTART };
	struct state before;
	int fds[2], sig;
	char c;

	if (argc != 2) {
		fprintf(stderr, "usage: canary NAME\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	sigfillset(&sa.sa_mask);
	for (sig = 1; sig < _NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &sa, NULL);
	/* A pipe that signals its owner, us, on input: only we write it. */
	if (pipe2(fds, O_CLOEXEC) || fcntl(fds[0], F_SETOWN, getpid()) ||
	    fcntl(fds[0], F_SETSIG, SIGRTMIN + 1) ||
	    fcntl(fds[0], F_SETFL, O_ASYNC | O_NONBLOCK))
		return 1;
	record(&before);
	printf("ready %s %d\n", argv[1], getpid());
	while (read(STDIN_FILENO, &c, 1) < 0)
		;
	return report(argv[1], &before);
}
