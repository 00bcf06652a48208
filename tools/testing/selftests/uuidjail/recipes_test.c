// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail selftests - The admin guide's recipes, as far as a VM allows
 *
 * Each test runs a recipe's command line through the launcher (and, for
 * libvirt, through tools/uuidjail/qemu-uuidjail) with a stand-in for the
 * real program that reports where it landed: its "self" and "name" files,
 * and what it can see.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "kselftest_harness.h"

#define VM_UUID "5c1f4e0a-7d2b-4c39-8e61-0f9a2b3c4d5e"

/*
 * Run @argv with @env added to the environment and @input on its stdin;
 * store its stdout and stderr in @out.  Returns its exit status, or -1.
 */
static int run(const char *const argv[], const char *env, const char *input,
	       char *out, size_t size)
{
	int in[2], res[2], status;
	size_t len = 0;
	ssize_t got;
	pid_t pid;

	if (pipe(in) || pipe(res))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(res[1], 1);
		dup2(res[1], 2);
		close(in[1]);
		close(res[0]);
		if (env)
			putenv((char *)env);
		execvp(argv[0], (char *const *)argv);
		_exit(99);
	}
	close(in[0]);
	close(res[1]);
	if (input && write(in[1], input, strlen(input)) < 0)
		return -1;
	close(in[1]);
	while (len + 1 < size &&
	       (got = read(res[0], out + len, size - 1 - len)) > 0)
		len += got;
	out[len] = '\0';
	close(res[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The path of the launcher or of a script installed beside the tests. */
static void tool(char *path, size_t size, const char *name)
{
	helper_path(path, size, name);
	if (access(path, X_OK))
		snprintf(path, size, "%s", name);
}

/* What a stand-in prints: its state, then its name line (if any). */
#define REPORT "cat " UUIDJAIL_FS "/self " UUIDJAIL_FS "/name"

FIXTURE(recipe) {
	char launcher[PATH_MAX];
	char out[4096];
};

FIXTURE_SETUP(recipe)
{
	ASSERT_EQ(UNRESTRICTED, jail_state());
	tool(self->launcher, sizeof(self->launcher), "uuidjail");
}

FIXTURE_TEARDOWN(recipe) {}

/*
 * libvirt: <emulator> is qemu-uuidjail, which libvirt runs with qemu's
 * arguments (-name guest=...,  -uuid ...).  The stand-in emulator is sh,
 * which runs its -c script with the rest as $0 $1 ...
 */
TEST_F(recipe, libvirt_emulator_wrapper)
{
	char wrapper[PATH_MAX];
	const char *const argv[] = {
		wrapper, "-c", REPORT "; echo \"args: $0 $1 $2 $3\"",
		"-name", "guest=vm1,debug-threads=on", "-uuid", VM_UUID, NULL
	};
	const char *const probe[] = { wrapper, "-c", REPORT, "-machine", "none", NULL };

	tool(wrapper, sizeof(wrapper), "qemu-uuidjail");
	ASSERT_EQ(0, run(argv, "UUIDJAIL_QEMU=/bin/sh", NULL, self->out,
			 sizeof(self->out)));
	EXPECT_NE(NULL, strstr(self->out, "restricted id1=")) {
		TH_LOG("%s", self->out);
	}
	EXPECT_EQ(NULL, strstr(self->out, "half-restricted"));
	EXPECT_NE(NULL, strstr(self->out, "\n" VM_UUID "\n")) {
		TH_LOG("%s", self->out);
	}
	/* qemu gets its arguments untouched. */
	EXPECT_NE(NULL, strstr(self->out,
			       "args: -name guest=vm1,debug-threads=on -uuid "
			       VM_UUID)) {
		TH_LOG("%s", self->out);
	}

	/* A capability probe has no -uuid: a jail without a name. */
	ASSERT_EQ(0, run(probe, "UUIDJAIL_QEMU=/bin/sh", NULL, self->out,
			 sizeof(self->out)));
	EXPECT_EQ(0, strncmp(self->out, "restricted id1=", 15)) {
		TH_LOG("%s", self->out);
	}
	EXPECT_EQ(NULL, strstr(self->out, VM_UUID));
}

/* A listening UNIX socket at @path (unlinked first): its fd, or -1. */
static int listen_at(const char *path, bool keep_across_exec)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM |
			(keep_across_exec ? 0 : SOCK_CLOEXEC), 0);

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	unlink(path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof(addr)) ||
	    listen(fd, 4))
		return -1;
	return fd;
}

/* Connect to @path from a fresh jail and sub-jail: 0 or -errno. */
static int connect_from_jail(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int status, fd;
	pid_t pid;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", path);
	pid = fork();
	if (pid == 0) {
		if (jail_enter_levels(1, RESTRICTED))
			_exit(100);
		fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			_exit(101);
		_exit(connect(fd, (struct sockaddr *)&addr, sizeof(addr)) ?
		      errno : 0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -EIO;
	return -WEXITSTATUS(status);
}

/*
 * libvirt hands qemu its monitor socket as a descriptor and lets it
 * connect to swtpm's socket by path.  Through qemu-uuidjail the guest is
 * sealed, the monitor becomes the guest's (another jail cannot connect to
 * it, libvirt still can) and the TPM chardev becomes a connection made
 * before entering, handed to qemu as fd=N, which qemu writes to.
 */
TEST_F(recipe, libvirt_guest_sockets)
{
	char wrapper[PATH_MAX], monitor[64], helper[64], chardev[96];
	char tpm[128], *arg, buf[8];
	int mon, tpm_fd, conn;
	const char *const argv[] = {
		wrapper, "-c",
		REPORT "; echo \"monitor: $3\"; echo \"tpm: $5\"; "
		"eval \"echo tpm >&${5##*fd=}\"",
		"-uuid", VM_UUID, "-chardev", chardev, "-chardev", tpm, NULL
	};

	snprintf(monitor, sizeof(monitor), "/tmp/uuidjail-monitor-%d.sock",
		 getpid());
	snprintf(helper, sizeof(helper), "/tmp/uuidjail-swtpm-%d.sock",
		 getpid());
	/* As libvirt does: kept across execve() for qemu. */
	mon = listen_at(monitor, true);
	ASSERT_LE(0, mon);
	tpm_fd = listen_at(helper, false);
	ASSERT_LE(0, tpm_fd);
	snprintf(chardev, sizeof(chardev),
		 "socket,id=charmonitor,fd=%d,server=on,wait=off", mon);
	snprintf(tpm, sizeof(tpm), "socket,id=chrtpm,path=%s", helper);

	tool(wrapper, sizeof(wrapper), "qemu-uuidjail");
	ASSERT_EQ(0, run(argv, "UUIDJAIL_QEMU=/bin/sh", NULL, self->out,
			 sizeof(self->out))) {
		TH_LOG("%s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, " sealed\n" VM_UUID "\n")) {
		TH_LOG("%s", self->out);
	}
	/* The monitor's descriptor is passed through untouched... */
	EXPECT_NE(NULL, strstr(self->out, "monitor: socket,id=charmonitor,fd="));
	/* ... the TPM chardev is now a descriptor, which qemu wrote to. */
	arg = strstr(self->out, "tpm: socket,id=chrtpm,fd=");
	EXPECT_NE(NULL, arg) {
		TH_LOG("%s", self->out);
	}
	conn = accept(tpm_fd, NULL, NULL);
	ASSERT_LE(0, conn);
	EXPECT_EQ(4, read(conn, buf, sizeof(buf)));
	EXPECT_EQ(0, memcmp(buf, "tpm\n", 4));
	close(conn);

	/* The monitor is the guest's now: other jails are refused. */
	EXPECT_EQ(-EPERM, connect_from_jail(monitor));
	/* swtpm's own socket stays open to unsealed jails. */
	EXPECT_EQ(0, connect_from_jail(helper));
	close(mon);
	close(tpm_fd);
	unlink(monitor);
	unlink(helper);
}

/* systemd: ExecStart=uuidjail --name %n -- /usr/bin/daemon */
TEST_F(recipe, systemd_exec_start)
{
	const char *const argv[] = {
		self->launcher, "--name", "qemu@vm1.service", "--",
		"/bin/sh", "-c", REPORT, NULL
	};

	ASSERT_EQ(0, run(argv, NULL, NULL, self->out, sizeof(self->out)));
	EXPECT_EQ(0, strncmp(self->out, "restricted id1=", 15));
	EXPECT_NE(NULL, strstr(self->out, "\nqemu@vm1.service\n")) {
		TH_LOG("%s", self->out);
	}
}

/*
 * systemd's ProtectProc=ptraceable mounts the unit's /proc with
 * hidepid=ptraceable: a jailed unit then does not even list the PIDs of
 * other jails or of the host.  Needs root, to mount a proc instance in a
 * mount namespace of its own.
 */
TEST_F(recipe, systemd_protect_proc_ptraceable)
{
	char dir[] = "/tmp/uuidjail-proc.XXXXXX";
	char script[128], line[32], *p;
	const char *const argv[] = {
		self->launcher, "--name", "unit.service", "--", "/bin/sh", "-c",
		script, NULL
	};
	int listed_self = 0, listed_other = 0, listed_parent = 0;
	long unit, pid;
	int n;
	pid_t other, mine;

	if (!has_effective_cap(CAP_SYS_ADMIN))
		SKIP(return, "mounting a proc instance needs CAP_SYS_ADMIN");
	ASSERT_EQ(0, unshare(CLONE_NEWNS));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_NE(NULL, mkdtemp(dir));
	ASSERT_EQ(0, mount("proc", dir, "proc", 0, "hidepid=ptraceable"));
	snprintf(script, sizeof(script), "echo self $$; ls -1 %s", dir);

	/* Another jail's task, alive while the unit lists /proc. */
	other = fork();
	ASSERT_LE(0, other);
	if (other == 0) {
		if (jail_enter_levels(1, 2))
			_exit(1);
		pause();
		_exit(0);
	}
	mine = getpid();
	ASSERT_EQ(0, run(argv, NULL, NULL, self->out, sizeof(self->out)));
	kill(other, SIGKILL);
	waitpid(other, NULL, 0);
	umount(dir);
	rmdir(dir);

	/* "self PID", then one line per PID the unit could list. */
	n = sscanf(self->out, "self %ld", &unit);
	ASSERT_EQ(1, n) {
		TH_LOG("%s", self->out);
	}
	for (p = strchr(self->out, '\n'); p; p = strchr(p + 1, '\n')) {
		if (sscanf(p + 1, "%31s", line) != 1)
			break;
		pid = strtol(line, NULL, 10);
		listed_self += pid == unit;
		listed_other += pid == other;
		listed_parent += pid == mine;
	}
	EXPECT_EQ(1, listed_self) {
		TH_LOG("%s", self->out);
	}
	EXPECT_EQ(0, listed_other);
	/* The unit's own starter is unrestricted: out of a unit's reach. */
	EXPECT_EQ(0, listed_parent);
}

/*
 * A browser: the browser process runs --half, each tab --sub inside it.
 * Here the "browser" starts one tab and reports both.
 */
TEST_F(recipe, browser_launcher)
{
	char script[PATH_MAX + 256];
	const char *const argv[] = {
		self->launcher, "--half", "--name", "browser", "--", "/bin/sh",
		"-c", script, NULL
	};
	unsigned long long id1_browser = 0, id1_tab = 0, id2_tab = 0;
	char *tab;
	int n;

	snprintf(script, sizeof(script),
		 REPORT "; %s --sub --name tab-1 -- /bin/sh -c '" REPORT "'",
		 self->launcher);
	ASSERT_EQ(0, run(argv, NULL, NULL, self->out, sizeof(self->out)));
	n = sscanf(self->out, "half-restricted id1=%llu", &id1_browser);
	ASSERT_EQ(1, n) {
		TH_LOG("%s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "\nbrowser\n"));
	tab = strstr(self->out, "\nrestricted id1=");
	ASSERT_NE(NULL, tab);
	n = sscanf(tab, "\nrestricted id1=%llu id2=%llu", &id1_tab, &id2_tab);
	ASSERT_EQ(2, n);
	EXPECT_EQ(id1_browser, id1_tab);
	EXPECT_NE(NULL, strstr(tab, "\ntab-1\n"));
}

/* An interactive shell: uuidjail with no command runs $SHELL. */
TEST_F(recipe, interactive_shell)
{
	const char *const argv[] = { self->launcher, "--name", "scratch", NULL };
	char input[2 * PATH_MAX];

	snprintf(input, sizeof(input), REPORT "\n%s status\nexit 7\n",
		 self->launcher);
	ASSERT_EQ(7, run(argv, "SHELL=/bin/sh", input, self->out,
			 sizeof(self->out)));
	EXPECT_EQ(0, strncmp(self->out, "restricted id1=", 15)) {
		TH_LOG("%s", self->out);
	}
	EXPECT_NE(NULL, strstr(self->out, "\nscratch\n"));
	/* uuidjail status, run in the shell, names the jail too. */
	EXPECT_NE(NULL, strstr(strstr(self->out, "\nscratch\n") + 1,
			       "scratch")) {
		TH_LOG("%s", self->out);
	}
}

TEST_HARNESS_MAIN
