// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - Audit records and denial counts, jail by jail
 *
 * Every jail has its own audit budget, so one jail that keeps being
 * denied cannot keep another jail's denials out of the log.  Walking
 * through /proc entries of other jails, which ps and top do for every
 * process they cannot see, is counted but not recorded, while the attacks
 * that reach a task without /proc are.  A jailed task reads the counts of
 * its own jail only, and a jail numbers its own sub-jails from 1, so that
 * neither tells it what other jails do.
 *
 * The records are read the way an audit daemon reads them, over
 * NETLINK_AUDIT: without a daemon they reach the kernel log through a
 * global printk rate limit, which would hide records whatever uuidjail
 * does.  That needs CAP_AUDIT_CONTROL.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/audit.h>
#include <linux/netlink.h>

#include "common.h"
#include "kselftest_harness.h"

#define TEXT_MAX 2048
#define RECORD_WAIT_MS 5000

/* The stats file, parsed. */
#define MAX_OPS 32

struct stats {
	int nr;
	char name[MAX_OPS][32];
	unsigned long count[MAX_OPS];
};

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Parse "op count" lines: 0, or -1 if a line is not of that form. */
static int stats_parse(const char *text, struct stats *s)
{
	const char *line = text;
	char tail;
	int n;

	s->nr = 0;
	while (*line) {
		if (s->nr == MAX_OPS)
			return -1;
		n = sscanf(line, "%31[a-z_] %lu%c", s->name[s->nr],
			   &s->count[s->nr], &tail);
		if (n != 3 || tail != '\n')
			return -1;
		s->nr++;
		line = strchr(line, '\n') + 1;
	}
	return s->nr ? 0 : -1;
}

static long stats_get(const struct stats *s, const char *op)
{
	int i;

	for (i = 0; i < s->nr; i++)
		if (!strcmp(s->name[i], op))
			return s->count[i];
	return -1;
}

/* Same operations, in the same order. */
static bool stats_same_ops(const struct stats *a, const struct stats *b)
{
	int i;

	if (a->nr != b->nr)
		return false;
	for (i = 0; i < a->nr; i++)
		if (strcmp(a->name[i], b->name[i]))
			return false;
	return true;
}

/*
 * An agent: a child that enters a number of levels, then runs commands
 * from its parent and answers each with a struct ag_reply.  It exits when
 * its command pipe is closed.
 */
enum {
	AG_SELF = 1,	/* text: the agent's label */
	AG_STATS,	/* text: the stats file as the agent reads it */
	AG_KILL,	/* kill(pid, 0) @count times: how many gave EPERM */
	AG_NOISE,	/* kill(pid, 0) for @count ms: how many, or -1 */
	AG_GETSID,	/* getsid(pid): 0 or -errno */
	AG_PROC_STAT,	/* open /proc/pid/stat: 0 or -errno */
	AG_SEIZE,	/* ptrace(PTRACE_SEIZE, pid): 0 or -errno */
	AG_VM_READ,	/* process_vm_readv(pid): 0 or -errno */
	AG_SUBJAIL,	/* a new child enters a sub-jail; text: its label */
	AG_UNIX_SERVE,	/* serve a stream and a datagram socket: 0 or -errno */
	AG_UNIX_REACH,	/* reach those pid serves: how many gave EPERM */
};

struct ag_cmd {
	int op;
	pid_t pid;
	int count;
};

struct ag_reply {
	int ret;
	char text[TEXT_MAX];
};

struct agent {
	pid_t pid;
	int cmd_fd;
	int res_fd;
};

/* Children must not keep other children's pipes open. */
static void close_fds_but(int keep1, int keep2)
{
	int fd;

	for (fd = 3; fd < 1024; fd++)
		if (fd != keep1 && fd != keep2)
			close(fd);
}

static int kill_eperm(pid_t pid, int count)
{
	int i, denied = 0;

	for (i = 0; i < count; i++)
		denied += kill(pid, 0) && errno == EPERM;
	return denied;
}

static int noise(pid_t pid, int ms)
{
	const long end = now_ms() + ms;
	int n = 0;

	do {
		if (!kill(pid, 0) || errno != EPERM)
			return -1;
		n++;
	} while (n % 64 || now_ms() < end);
	return n;
}

static int vm_read(pid_t pid)
{
	char local[8], remote[8] = "";
	struct iovec liov = { .iov_base = local, .iov_len = sizeof(local) };
	struct iovec riov = { .iov_base = remote, .iov_len = sizeof(remote) };

	return process_vm_readv(pid, &liov, 1, &riov, 1, 0) < 0 ? -errno : 0;
}

static int seize(pid_t pid)
{
	if (ptrace(PTRACE_SEIZE, pid, 0, 0))
		return -errno;
	/* Allowed, wrongly: the tracee is released when the agent exits. */
	return 0;
}

static int subjail(char *text, size_t size)
{
	int fds[2], status, err;
	ssize_t len;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		char label[128] = "";

		close(fds[0]);
		err = jail_enter_prctl(2);
		if (err)
			snprintf(label, sizeof(label), "enter2: %d\n", err);
		else if (jail_read_self(label, sizeof(label)) < 0)
			snprintf(label, sizeof(label), "self unreadable\n");
		_exit(write(fds[1], label, strlen(label)) < 0);
	}
	close(fds[1]);
	len = read(fds[0], text, size - 1);
	text[len > 0 ? len : 0] = '\0';
	close(fds[0]);
	if (waitpid(pid, &status, 0) != pid || status)
		return -ECHILD;
	return strncmp(text, "enter2", 6) ? 0 : -EPERM;
}

/* The abstract name of the stream (@kind 's') or datagram socket of @pid. */
static socklen_t unix_name(pid_t pid, char kind, struct sockaddr_un *addr)
{
	memset(addr, 0, sizeof(*addr));
	addr->sun_family = AF_UNIX;
	return offsetof(struct sockaddr_un, sun_path) + 1 +
	       snprintf(addr->sun_path + 1, sizeof(addr->sun_path) - 1,
			"uuidjail-audit-%d-%c", pid, kind);
}

static int unix_serve(void)
{
	struct sockaddr_un addr;
	socklen_t len;
	int stream, dgram;

	stream = socket(AF_UNIX, SOCK_STREAM, 0);
	dgram = socket(AF_UNIX, SOCK_DGRAM, 0);
	len = unix_name(getpid(), 's', &addr);
	if (stream < 0 || bind(stream, (struct sockaddr *)&addr, len) ||
	    listen(stream, 4))
		return -errno;
	len = unix_name(getpid(), 'd', &addr);
	if (dgram < 0 || bind(dgram, (struct sockaddr *)&addr, len))
		return -errno;
	/* Both stay open as long as the agent lives. */
	return 0;
}

static int unix_reach(pid_t pid)
{
	const int stream = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	const int dgram = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct sockaddr_un addr;
	socklen_t len;
	int denied = 0;

	if (stream < 0 || dgram < 0)
		return -errno;
	len = unix_name(pid, 's', &addr);
	denied += connect(stream, (struct sockaddr *)&addr, len) &&
		  errno == EPERM;
	len = unix_name(pid, 'd', &addr);
	denied += sendto(dgram, "x", 1, 0, (struct sockaddr *)&addr, len) < 0 &&
		  errno == EPERM;
	close(stream);
	close(dgram);
	return denied;
}

static int agent_run(const struct ag_cmd *cmd, char *text, size_t size)
{
	switch (cmd->op) {
	case AG_SELF:
		return read_text(UUIDJAIL_FS "/self", text, size);
	case AG_STATS:
		return read_text(UUIDJAIL_FS "/stats", text, size);
	case AG_KILL:
		return kill_eperm(cmd->pid, cmd->count);
	case AG_NOISE:
		return noise(cmd->pid, cmd->count);
	case AG_GETSID:
		return getsid(cmd->pid) < 0 ? -errno : 0;
	case AG_PROC_STAT:
		return proc_open(cmd->pid, "stat", O_RDONLY);
	case AG_SEIZE:
		return seize(cmd->pid);
	case AG_VM_READ:
		return vm_read(cmd->pid);
	case AG_SUBJAIL:
		return subjail(text, size);
	case AG_UNIX_SERVE:
		return unix_serve();
	case AG_UNIX_REACH:
		return unix_reach(cmd->pid);
	}
	return -EINVAL;
}

static void agent_main(int levels, int cmd_fd, int res_fd)
{
	struct ag_reply reply = { 0 };
	struct ag_cmd cmd;

	close_fds_but(cmd_fd, res_fd);
	reply.ret = jail_enter_levels(1, levels);
	if (write(res_fd, &reply, sizeof(reply)) != sizeof(reply))
		_exit(1);
	while (read(cmd_fd, &cmd, sizeof(cmd)) == sizeof(cmd)) {
		reply.text[0] = '\0';
		reply.ret = agent_run(&cmd, reply.text, sizeof(reply.text));
		if (write(res_fd, &reply, sizeof(reply)) != sizeof(reply))
			_exit(1);
	}
	_exit(0);
}

/* Start an agent that enters levels 1..@levels: 0 or -errno. */
static int agent_start(struct agent *a, int levels)
{
	struct ag_reply reply;
	int cmd[2], res[2];

	if (pipe2(cmd, O_CLOEXEC))
		return -errno;
	if (pipe2(res, O_CLOEXEC))
		return -errno;
	a->pid = fork();
	if (a->pid < 0)
		return -errno;
	if (a->pid == 0)
		agent_main(levels, cmd[0], res[1]);
	close(cmd[0]);
	close(res[1]);
	a->cmd_fd = cmd[1];
	a->res_fd = res[0];
	if (read(a->res_fd, &reply, sizeof(reply)) != sizeof(reply))
		return -EPIPE;
	return reply.ret;
}

static int agent_send(struct agent *a, int op, pid_t pid, int count)
{
	const struct ag_cmd cmd = { .op = op, .pid = pid, .count = count };

	return write(a->cmd_fd, &cmd, sizeof(cmd)) == sizeof(cmd) ? 0 : -EPIPE;
}

static int agent_wait(struct agent *a, char *text, size_t size)
{
	struct ag_reply reply;

	if (read(a->res_fd, &reply, sizeof(reply)) != sizeof(reply))
		return -EPIPE;
	if (text)
		snprintf(text, size, "%s", reply.text);
	return reply.ret;
}

/* Have @a run one command: its answer; its text in @text if not NULL. */
static int agent_ask(struct agent *a, int op, pid_t pid, int count,
		     char *text, size_t size)
{
	int err = agent_send(a, op, pid, count);

	return err ? err : agent_wait(a, text, size);
}

/* Stop @a: 0 if it exited cleanly. */
static int agent_stop(struct agent *a)
{
	int status;

	close(a->cmd_fd);
	close(a->res_fd);
	if (waitpid(a->pid, &status, 0) != a->pid)
		return -ECHILD;
	return status;
}

/* " sid1=... sid2=... " of the agent's label, as records show it. */
static int agent_sids(struct agent *a, char *sids, size_t size)
{
	unsigned long long id1, id2;
	char label[128];

	if (agent_ask(a, AG_SELF, 0, 0, label, sizeof(label)) < 0 ||
	    sscanf(label, "restricted id1=%llu id2=%llu", &id1, &id2) != 2)
		return -1;
	snprintf(sids, size, " sid1=%llu sid2=%llu ", id1, id2);
	return 0;
}

static int agent_stats(struct agent *a, struct stats *s)
{
	char text[TEXT_MAX];

	if (agent_ask(a, AG_STATS, 0, 0, text, sizeof(text)) < 0)
		return -1;
	return stats_parse(text, s);
}

static int global_stats(struct stats *s)
{
	char text[TEXT_MAX];

	if (read_text(UUIDJAIL_FS "/stats", text, sizeof(text)) < 0)
		return -1;
	return stats_parse(text, s);
}

/* An unrestricted process that any tracer may attach to. */
static pid_t spawn_outsider(int *hold)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe2(fds, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid == 0) {
		close_fds_but(fds[0], -1);
		/* Yama's relational scope would deny first: nothing without Yama */
		prctl(PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
		_exit(read(fds[0], &c, 1) != 0);
	}
	close(fds[0]);
	*hold = fds[1];
	return pid;
}

static int reap_outsider(pid_t pid, int hold)
{
	int status;

	close(hold);
	if (waitpid(pid, &status, 0) != pid)
		return -ECHILD;
	return status;
}

/* NETLINK_AUDIT, as an audit daemon uses it. */
static int audit_request(int fd, int type, const void *data, size_t len)
{
	static unsigned int seq;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	union {
		struct nlmsghdr nlh;
		char buf[8192];
	} msg;
	struct nlmsgerr *err;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t got;

	memset(&msg, 0, NLMSG_SPACE(len));
	msg.nlh.nlmsg_len = NLMSG_LENGTH(len);
	msg.nlh.nlmsg_type = type;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	msg.nlh.nlmsg_seq = ++seq;
	memcpy(NLMSG_DATA(&msg.nlh), data, len);
	if (sendto(fd, &msg, msg.nlh.nlmsg_len, 0, (struct sockaddr *)&kernel,
		   sizeof(kernel)) < 0)
		return -errno;

	/* The ack, skipping records that may come first. */
	while (poll(&pfd, 1, RECORD_WAIT_MS) > 0) {
		got = recv(fd, &msg, sizeof(msg), 0);
		if (got < 0)
			return -errno;
		if ((size_t)got < NLMSG_LENGTH(sizeof(*err)) ||
		    msg.nlh.nlmsg_type != NLMSG_ERROR ||
		    msg.nlh.nlmsg_seq != seq)
			continue;
		err = NLMSG_DATA(&msg.nlh);
		return err->error;
	}
	return -ETIMEDOUT;
}

static int audit_set_pid(int fd, pid_t pid)
{
	const struct audit_status status = {
		.mask = AUDIT_STATUS_PID,
		.pid = pid,
	};

	return audit_request(fd, AUDIT_SET, &status, sizeof(status));
}

/*
 * The next record until @deadline (now_ms()): 1 with its text in @text,
 * 0 on timeout, -errno on error.  Records carry the type of LSM denials,
 * AUDIT_AVC; their nlmsg_len is not to be trusted (it leaves the header
 * out), the length read is.
 */
static int audit_next(int fd, long deadline, char *text, size_t size)
{
	union {
		struct nlmsghdr nlh;
		char buf[8192];
	} msg;
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	long left;
	ssize_t got;
	size_t len;

	while ((left = deadline - now_ms()) > 0 && poll(&pfd, 1, left) > 0) {
		got = recv(fd, &msg, sizeof(msg) - 1, MSG_DONTWAIT);
		if (got < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			return -errno;
		}
		if ((size_t)got <= NLMSG_HDRLEN ||
		    msg.nlh.nlmsg_type != AUDIT_AVC)
			continue;
		len = got - NLMSG_HDRLEN;
		if (len > size - 1)
			len = size - 1;
		memcpy(text, msg.buf + NLMSG_HDRLEN, len);
		text[len] = '\0';
		return 1;
	}
	return 0;
}

/* A uuidjail record of @op made by the jail @sids: "op=xxx" then " sid1=.." */
static bool record_is(const char *rec, const char *op, const char *sids)
{
	char what[96];

	snprintf(what, sizeof(what), "uuidjail=denied op=%s ", op);
	return strstr(rec, what) && strstr(rec, sids);
}

FIXTURE(auditd) {
	int fd;
	bool registered;
};

FIXTURE_SETUP(auditd)
{
	const int rcvbuf = 1 << 20;
	int err;

	self->registered = false;
	self->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
	ASSERT_LE(0, self->fd);
	setsockopt(self->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	err = audit_set_pid(self->fd, getpid());
	if (err == -EPERM)
		SKIP(return, "reading audit records needs CAP_AUDIT_CONTROL");
	ASSERT_EQ(0, err) {
		TH_LOG("cannot register as the audit daemon: %s",
		       strerror(-err));
	}
	self->registered = true;
}

FIXTURE_TEARDOWN(auditd)
{
	if (self->registered)
		EXPECT_EQ(0, audit_set_pid(self->fd, 0));
	close(self->fd);
}

/*
 * Jail N keeps being denied signals, far beyond any budget, while jail Q
 * is denied one: Q's record must be there.  With one budget for all jails
 * N would have used it up (it is spent within microseconds of every
 * renewal), and Q's record would be dropped.
 */
TEST_F_TIMEOUT(auditd, noisy_jail_does_not_silence_quiet_jail, 120)
{
	char n_sids[64], q_sids[64], rec[TEXT_MAX];
	struct agent noisy, quiet;
	int hold, made, q_seen = 0, n_seen = 0;
	pid_t outsider;
	long deadline;

	outsider = spawn_outsider(&hold);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, agent_start(&noisy, 2));
	ASSERT_EQ(0, agent_start(&quiet, 2));
	ASSERT_EQ(0, agent_sids(&noisy, n_sids, sizeof(n_sids)));
	ASSERT_EQ(0, agent_sids(&quiet, q_sids, sizeof(q_sids)));
	ASSERT_STRNE(n_sids, q_sids);

	/* 200 denials first, then noise all along Q's denial. */
	ASSERT_EQ(200, agent_ask(&noisy, AG_KILL, outsider, 200, NULL, 0));
	ASSERT_EQ(0, agent_send(&noisy, AG_NOISE, outsider, 1500));
	usleep(500 * 1000);
	EXPECT_EQ(1, agent_ask(&quiet, AG_KILL, outsider, 1, NULL, 0));
	made = agent_wait(&noisy, NULL, 0);
	EXPECT_LE(200, made);
	TH_LOG("jail N: %d more denials during Q's", made);

	deadline = now_ms() + RECORD_WAIT_MS;
	while (!q_seen && audit_next(self->fd, deadline, rec, sizeof(rec)) > 0) {
		n_seen += record_is(rec, "task_kill", n_sids);
		q_seen += record_is(rec, "task_kill", q_sids);
	}
	TH_LOG("records: %d of jail N, %d of jail Q", n_seen, q_seen);
	/* The reader works: N's first denials were recorded. */
	EXPECT_LE(1, n_seen);
	EXPECT_EQ(1, q_seen);

	EXPECT_EQ(0, agent_stop(&noisy));
	EXPECT_EQ(0, agent_stop(&quiet));
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

/*
 * Reaching a UNIX socket of another jail is recorded with the operation,
 * both labels and the socket's address (an abstract name, in hex).
 */
TEST_F_TIMEOUT(auditd, unix_socket_denials_are_recorded, 120)
{
	char a_sids[64], b_sids[64], b_oids[64], rec[TEXT_MAX], path[160];
	unsigned long long id1, id2;
	struct sockaddr_un addr;
	struct agent a, b;
	int stream_seen = 0, dgram_seen = 0, i;
	socklen_t len;
	long deadline;

	ASSERT_EQ(0, agent_start(&a, 2));
	ASSERT_EQ(0, agent_start(&b, 2));
	ASSERT_EQ(0, agent_sids(&a, a_sids, sizeof(a_sids)));
	ASSERT_EQ(0, agent_sids(&b, b_sids, sizeof(b_sids)));
	i = sscanf(b_sids, " sid1=%llu sid2=%llu", &id1, &id2);
	ASSERT_EQ(2, i);
	snprintf(b_oids, sizeof(b_oids), " oid1=%llu oid2=%llu", id1, id2);

	ASSERT_EQ(0, agent_ask(&b, AG_UNIX_SERVE, 0, 0, NULL, 0));
	EXPECT_EQ(2, agent_ask(&a, AG_UNIX_REACH, b.pid, 0, NULL, 0));

	/* The stream socket's name, as the record shows it: " path=00..." */
	len = unix_name(b.pid, 's', &addr);
	snprintf(path, sizeof(path), " path=");
	for (i = 0; i < (int)(len - offsetof(struct sockaddr_un, sun_path)); i++)
		sprintf(path + strlen(path), "%02X",
			(unsigned char)addr.sun_path[i]);

	deadline = now_ms() + RECORD_WAIT_MS;
	while ((!stream_seen || !dgram_seen) &&
	       audit_next(self->fd, deadline, rec, sizeof(rec)) > 0) {
		if (!strstr(rec, b_oids))
			continue;
		if (record_is(rec, "unix_stream_connect", a_sids)) {
			stream_seen++;
			EXPECT_NE(NULL, strstr(rec, path)) {
				TH_LOG("record: %s", rec);
			}
		}
		dgram_seen += record_is(rec, "unix_may_send", a_sids);
	}
	EXPECT_EQ(1, stream_seen);
	EXPECT_EQ(1, dgram_seen);

	EXPECT_EQ(0, agent_stop(&a));
	EXPECT_EQ(0, agent_stop(&b));
}

#define PS_OUTSIDERS 20

/*
 * A restricted ps: opening /proc/PID/stat of 20 processes outside its jail is
 * counted, 20 times in the jail's own counts, but not recorded.  What the
 * same jail then does to reach an outside task without /proc is
 * recorded: a signal, a ptrace attach, process_vm_readv.
 */
TEST_F_TIMEOUT(auditd, jailed_ps_is_counted_not_recorded, 120)
{
	int hold[PS_OUTSIDERS], i, denied = 0, proc_seen = 0, kill_seen = 0;
	int ptrace_seen = 0;
	pid_t outsider[PS_OUTSIDERS];
	char sids[64], rec[TEXT_MAX];
	struct stats before, after;
	struct agent ps;
	long deadline;

	for (i = 0; i < PS_OUTSIDERS; i++) {
		outsider[i] = spawn_outsider(&hold[i]);
		ASSERT_LT(0, outsider[i]);
	}
	ASSERT_EQ(0, agent_start(&ps, 2));
	ASSERT_EQ(0, agent_sids(&ps, sids, sizeof(sids)));

	ASSERT_EQ(0, agent_stats(&ps, &before));
	ASSERT_LE(0, stats_get(&before, "file_open"));
	for (i = 0; i < PS_OUTSIDERS; i++)
		denied += agent_ask(&ps, AG_PROC_STAT, outsider[i], 0, NULL,
				    0) == -EACCES;
	ASSERT_EQ(PS_OUTSIDERS, denied);
	ASSERT_EQ(0, agent_stats(&ps, &after));
	EXPECT_EQ(stats_get(&before, "file_open") + PS_OUTSIDERS,
		  stats_get(&after, "file_open"));

	EXPECT_EQ(1, agent_ask(&ps, AG_KILL, outsider[0], 1, NULL, 0));
	EXPECT_EQ(-EPERM, agent_ask(&ps, AG_SEIZE, outsider[1], 0, NULL, 0));
	EXPECT_EQ(-EPERM, agent_ask(&ps, AG_VM_READ, outsider[2], 0, NULL, 0));

	/* kauditd keeps the order: the opens. records would come first. */
	deadline = now_ms() + RECORD_WAIT_MS;
	while ((!kill_seen || ptrace_seen < 2) &&
	       audit_next(self->fd, deadline, rec, sizeof(rec)) > 0) {
		proc_seen += record_is(rec, "file_open", sids);
		kill_seen += record_is(rec, "task_kill", sids);
		ptrace_seen += record_is(rec, "ptrace_access_check", sids);
	}
	TH_LOG("records: %d file_open, %d task_kill, %d ptrace_access_check",
	       proc_seen, kill_seen, ptrace_seen);
	EXPECT_EQ(0, proc_seen);
	EXPECT_EQ(1, kill_seen);
	EXPECT_EQ(2, ptrace_seen);

	EXPECT_EQ(0, agent_stop(&ps));
	for (i = 0; i < PS_OUTSIDERS; i++)
		EXPECT_EQ(0, reap_outsider(outsider[i], hold[i]));
}

/*
 * Denials made in jail A show in the system-wide counts and in A's own,
 * and not in those that a task of jail B reads.
 */
TEST(stats_are_per_jail)
{
	static const struct {
		const char *op;
		int op_cmd, times, err;
	} made[] = {
		{ "task_kill", AG_KILL, 3, 0 },
		{ "task_getsid", AG_GETSID, 2, -EPERM },
		{ "file_open", AG_PROC_STAT, 1, -EACCES },
	};
	struct stats g0, g1, a0, a1, b0, b1;
	struct agent a, b;
	unsigned int i;
	int hold, j;
	pid_t outsider;

	outsider = spawn_outsider(&hold);
	ASSERT_LT(0, outsider);
	ASSERT_EQ(0, agent_start(&a, 2));
	ASSERT_EQ(0, agent_start(&b, 2));

	ASSERT_EQ(0, global_stats(&g0));
	ASSERT_EQ(0, agent_stats(&a, &a0));
	ASSERT_EQ(0, agent_stats(&b, &b0));
	/* One format for every reader. */
	EXPECT_TRUE(stats_same_ops(&g0, &a0));
	EXPECT_TRUE(stats_same_ops(&g0, &b0));

	for (i = 0; i < ARRAY_SIZE(made); i++) {
		if (made[i].op_cmd == AG_KILL) {
			EXPECT_EQ(made[i].times,
				  agent_ask(&a, AG_KILL, outsider,
					    made[i].times, NULL, 0));
			continue;
		}
		for (j = 0; j < made[i].times; j++)
			EXPECT_EQ(made[i].err,
				  agent_ask(&a, made[i].op_cmd, outsider, 0,
					    NULL, 0));
	}

	ASSERT_EQ(0, global_stats(&g1));
	ASSERT_EQ(0, agent_stats(&a, &a1));
	ASSERT_EQ(0, agent_stats(&b, &b1));
	ASSERT_TRUE(stats_same_ops(&g0, &g1));
	ASSERT_TRUE(stats_same_ops(&g0, &a1));
	ASSERT_TRUE(stats_same_ops(&g0, &b1));

	for (j = 0; j < g0.nr; j++) {
		unsigned long want = 0;

		for (i = 0; i < ARRAY_SIZE(made); i++)
			if (!strcmp(g0.name[j], made[i].op))
				want = made[i].times;
		EXPECT_EQ(want, g1.count[j] - g0.count[j]) {
			TH_LOG("system-wide %s", g0.name[j]);
		}
		EXPECT_EQ(want, a1.count[j] - a0.count[j]) {
			TH_LOG("jail A's own %s", g0.name[j]);
		}
		EXPECT_EQ(b0.count[j], b1.count[j]) {
			TH_LOG("jail B sees %s of jail A", g0.name[j]);
		}
	}

	EXPECT_EQ(0, agent_stop(&a));
	EXPECT_EQ(0, agent_stop(&b));
	EXPECT_EQ(0, reap_outsider(outsider, hold));
}

/* Have @a's jail make @n sub-jails; expect id2 @first, @first + 1, ... */
static int make_subjails(struct __test_metadata *_metadata, struct agent *a,
			 unsigned long long id1, int first, int n)
{
	unsigned long long got1, got2;
	char label[128];
	int i, fields;

	for (i = 0; i < n; i++) {
		EXPECT_EQ(0, agent_ask(a, AG_SUBJAIL, 0, 0, label,
				       sizeof(label))) {
			TH_LOG("%s", label);
			return -1;
		}
		fields = sscanf(label, "restricted id1=%llu id2=%llu", &got1,
				&got2);
		EXPECT_EQ(2, fields) {
			TH_LOG("%s", label);
			return -1;
		}
		EXPECT_EQ(id1, got1);
		EXPECT_EQ((unsigned long long)(first + i), got2);
	}
	return 0;
}

static int agent_id1(struct agent *a, unsigned long long *id1)
{
	char label[128];

	if (agent_ask(a, AG_SELF, 0, 0, label, sizeof(label)) < 0 ||
	    sscanf(label, "half-restricted id1=%llu", id1) != 1)
		return -1;
	return 0;
}

/*
 * A jail numbers its sub-jails 1, 2, ...: the second one a task of jail
 * J makes has id2=2 however many sub-jails other jails made in between.
 */
TEST(subjail_ids_count_from_one)
{
	unsigned long long j1, k1;
	struct agent j, k, other;

	ASSERT_EQ(0, agent_start(&j, 1));
	ASSERT_EQ(0, agent_start(&k, 1));
	ASSERT_EQ(0, agent_id1(&j, &j1));
	ASSERT_EQ(0, agent_id1(&k, &k1));
	ASSERT_NE(j1, k1);

	ASSERT_EQ(0, make_subjails(_metadata, &k, k1, 1, 3));
	ASSERT_EQ(0, agent_start(&other, 2));
	EXPECT_EQ(0, agent_stop(&other));
	ASSERT_EQ(0, make_subjails(_metadata, &j, j1, 1, 1));

	ASSERT_EQ(0, make_subjails(_metadata, &k, k1, 4, 2));
	ASSERT_EQ(0, agent_start(&other, 2));
	EXPECT_EQ(0, agent_stop(&other));
	ASSERT_EQ(0, make_subjails(_metadata, &j, j1, 2, 1));

	EXPECT_EQ(0, agent_stop(&j));
	EXPECT_EQ(0, agent_stop(&k));
}

TEST_HARNESS_MAIN
