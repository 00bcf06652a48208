// SPDX-License-Identifier: GPL-2.0
/*
 * uuidjail - run a program in a fresh uuidjail jail
 *
 *   uuidjail [--half | --sub] [--seal] [--name NAME] [--connect FD=PATH]...
 *            [--best-effort] [--] [CMD [ARG...]]
 *   uuidjail status [PID...]
 *   uuidjail ps
 *
 * The launcher enters a jail and a sub-jail of it (or only one of them),
 * optionally sealed and named, then execs CMD in place: CMD keeps the
 * launcher's pid, and so does whatever supervises it.  --connect makes
 * connections to UNIX sockets before entering, for a CMD whose jail is
 * sealed but needs a helper outside it.  See uuidjail(1) and
 * Documentation/admin-guide/LSM/uuidjail.rst.
 *
 * Exit status, as env(1) and chroot(1) have it: 125 when the launcher
 * itself fails or refuses, 126 when CMD cannot be run, 127 when it is not
 * found, otherwise CMD's own.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>

#include <linux/types.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

/* A distribution's headers may predate uuidjail or its newer requests. */
#ifndef PR_UUIDJAIL
#define PR_UUIDJAIL 0x55554a4c
#endif
#ifndef PR_UUIDJAIL_ENTER
#define PR_UUIDJAIL_ENTER 1
#endif
#ifndef PR_UUIDJAIL_ENTER_SEALED
#define PR_UUIDJAIL_ENTER_SEALED 1UL
#endif
#ifndef PR_UUIDJAIL_GET
#define PR_UUIDJAIL_GET 2
#endif
#ifndef PR_UUIDJAIL_SET_NAME
#define PR_UUIDJAIL_SET_NAME 3
#endif
#ifndef PR_UUIDJAIL_GET_ABI
#define PR_UUIDJAIL_GET_ABI 4
#endif

/* lsm_list_modules(2) has the same number everywhere but on alpha. */
#if !defined(__NR_lsm_list_modules) && !defined(__alpha__)
#define __NR_lsm_list_modules 461
#endif

/* From <linux/lsm.h>, which older distributions lack. */
#define UUIDJAIL_LSM_ID 114

#ifndef UUIDJAIL_VERSION
#define UUIDJAIL_VERSION "1.0"
#endif

#define UUIDJAIL_FS "/sys/kernel/security/uuidjail"
#define LSM_FILE "/sys/kernel/security/lsm"
#define NAME_MAX_LEN 63

enum {
	EXIT_REFUSED = 125,	/* the launcher failed or refused */
	EXIT_CANNOT_RUN = 126,	/* CMD was found but could not be run */
	EXIT_NOT_FOUND = 127,	/* CMD was not found */
};

/* The states, as PR_UUIDJAIL_GET returns them. */
enum { UNRESTRICTED, HALF_RESTRICTED, RESTRICTED };

enum mode {
	MODE_FULL,	/* enter1 then enter2 */
	MODE_HALF,	/* enter1 only */
	MODE_SUB,	/* enter2 only */
};

/* How requests reach uuidjail: see choose_route(). */
static bool use_prctl;

/* Macros, so that the compiler checks each format against its arguments. */
#define warn(fmt, ...) fprintf(stderr, "uuidjail: " fmt "\n", ##__VA_ARGS__)
#define die(fmt, ...)					\
	do {						\
		warn(fmt, ##__VA_ARGS__);		\
		exit(EXIT_REFUSED);			\
	} while (0)

static noreturn void usage_error(void)
{
	fputs("Try 'uuidjail --help' for more information.\n", stderr);
	exit(EXIT_REFUSED);
}

static void usage(void)
{
	fputs("Usage: uuidjail [OPTIONS] [--] [CMD [ARG...]]\n"
	      "       uuidjail status [PID...]\n"
	      "       uuidjail ps\n"
	      "\n"
	      "Enter a fresh uuidjail jail and a sub-jail of it, then execute CMD\n"
	      "(by default $SHELL, or /bin/sh) in place, without forking.\n"
	      "\n"
	      "Options:\n"
	      "      --half         enter a fresh jail only (half-restricted)\n"
	      "      --sub          enter a fresh sub-jail of the caller's jail\n"
	      "      --seal         seal the first level entered: CMD reaches no\n"
	      "                     UNIX socket outside its jail\n"
	      "      --name NAME    name what is entered (the jail, the sub-jail);\n"
	      "                     1 to 63 printable ASCII characters, no space\n"
	      "      --connect FD=PATH\n"
	      "                     before entering, connect a stream socket to\n"
	      "                     the UNIX socket PATH and hand it to CMD as FD\n"
	      "      --best-effort  if uuidjail is not active, warn and run CMD\n"
	      "  -h, --help         show this help and exit\n"
	      "  -V, --version      show the version and exit\n"
	      "\n"
	      "Commands:\n"
	      "  status [PID...]    whether uuidjail is active, the version of its\n"
	      "                     rules and the caller's label; or the label\n"
	      "                     of each PID\n"
	      "  ps                 every task the caller may act on, with its label\n"
	      "\n"
	      "Exit status: 125 if uuidjail fails or refuses, 126 if CMD cannot be\n"
	      "run, 127 if CMD is not found, otherwise the exit status of CMD.\n",
	      stdout);
}

/*
 * Read the whole of @path into a NUL-terminated buffer allocated with
 * malloc(): the buffer, or NULL with errno set.
 */
static char *read_file(const char *path)
{
	size_t size = 4096, len = 0;
	char *buf = NULL, *bigger;
	ssize_t got;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	for (;;) {
		if (!buf || len + 1 >= size) {
			if (buf)
				size *= 2;
			bigger = realloc(buf, size);
			if (!bigger) {
				err = ENOMEM;
				goto fail;
			}
			buf = bigger;
		}
		got = read(fd, buf + len, size - len - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto fail;
		}
		if (!got)
			break;
		len += got;
	}
	close(fd);
	buf[len] = '\0';
	return buf;

fail:
	free(buf);
	close(fd);
	errno = err;
	return NULL;
}

/* Drop one trailing newline. */
static void chomp(char *s)
{
	size_t len = strlen(s);

	if (len && s[len - 1] == '\n')
		s[len - 1] = '\0';
}

static const struct {
	unsigned int id;
	const char *name;
} lsm_names[] = {
	{ 100, "capability" }, { 101, "selinux" }, { 102, "smack" },
	{ 103, "tomoyo" }, { 104, "apparmor" }, { 105, "yama" },
	{ 106, "loadpin" }, { 107, "safesetid" }, { 108, "lockdown" },
	{ 109, "bpf" }, { 110, "landlock" }, { 111, "ima" }, { 112, "evm" },
	{ 113, "ipe" }, { UUIDJAIL_LSM_ID, "uuidjail" },
};

/* Append the name of LSM @id to @list, a comma-separated list. */
static void append_lsm(char *list, size_t size, __u64 id)
{
	size_t len = strlen(list);
	const char *name = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lsm_names); i++)
		if (lsm_names[i].id == id)
			name = lsm_names[i].name;
	if (name)
		snprintf(list + len, size - len, "%s%s", len ? "," : "", name);
	else
		snprintf(list + len, size - len, "%s%llu", len ? "," : "",
			 (unsigned long long)id);
}

/* Whether the comma-separated @list holds @name. */
static bool list_has(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p = list;

	while (*p) {
		if (!strncmp(p, name, len) && (p[len] == ',' || !p[len]))
			return true;
		p = strchr(p, ',');
		if (!p)
			break;
		p++;
	}
	return false;
}

/*
 * Whether uuidjail is among the active LSMs.  lsm_list_modules(2) says so
 * without any mounted filesystem; where it is missing or filtered, the
 * securityfs list says it; where that is not mounted either, the prctl
 * request that uuidjail never refuses does.  @list gets the active LSMs,
 * comma-separated, or "unknown".
 */
static bool uuidjail_active(char *list, size_t size)
{
	bool active = false, by_syscall = false;
	char *text;

	list[0] = '\0';
#ifdef __NR_lsm_list_modules
	{
		__u64 ids[64];
		__u32 ids_size = sizeof(ids);
		long i, n;

		n = syscall(__NR_lsm_list_modules, ids, &ids_size, 0);
		if (n >= 0) {
			by_syscall = true;
			for (i = 0; i < n; i++) {
				append_lsm(list, size, ids[i]);
				if (ids[i] == UUIDJAIL_LSM_ID)
					active = true;
			}
		}
	}
#endif
	text = read_file(LSM_FILE);
	if (text) {
		/* Its names are the ones the administrator knows. */
		chomp(text);
		snprintf(list, size, "%s", text);
		if (!by_syscall)
			active = list_has(text, "uuidjail");
		free(text);
		return active;
	}
	if (by_syscall)
		return active;
	snprintf(list, size, "unknown");
	return prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0) >= 0;
}

/*
 * uuidjail takes the same requests, with the same rules and errors,
 * through prctl(PR_UUIDJAIL) and through its securityfs files.  prctl
 * needs no mounted filesystem, so it is the route used.  But prctl() also
 * answers EINVAL for an option it does not know, as it does for some
 * refused requests: so PR_UUIDJAIL_GET, which uuidjail never refuses, is
 * tried first, once.  If it fails although uuidjail is active (a seccomp
 * filter may hide the option), every request goes through securityfs
 * instead.  Either way, an error from a later request is uuidjail's own
 * answer, never a sign of the wrong route.
 */
static void choose_route(void)
{
	char *self;
	int err;

	if (prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0) >= 0) {
		use_prctl = true;
		return;
	}
	err = errno;
	self = read_file(UUIDJAIL_FS "/self");
	if (!self)
		die("uuidjail is active but unreachable: prctl: %s; %s: %s",
		    strerror(err), UUIDJAIL_FS, strerror(errno));
	free(self);
}

/*
 * The caller's label as the "self" file gives it ("restricted id1=3
 * id2=4"), or its state alone where that file cannot be read.
 */
static void describe_self(char *buf, size_t size)
{
	static const char *const states[] = {
		"unrestricted", "half-restricted", "restricted"
	};
	char *self = read_file(UUIDJAIL_FS "/self");
	int state;

	if (self) {
		chomp(self);
		snprintf(buf, size, "%s", self);
		free(self);
		return;
	}
	state = prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET, 0, 0, 0);
	if (state >= UNRESTRICTED && state <= RESTRICTED)
		snprintf(buf, size, "%s", states[state]);
	else
		snprintf(buf, size, "unknown");
}

/*
 * The version of uuidjail's rules (the admin guide lists what each adds),
 * through prctl() or, where that is hidden, the "abi" file; 0 if neither
 * answers.
 */
static long abi_version(void)
{
	long abi = prctl(PR_UUIDJAIL, PR_UUIDJAIL_GET_ABI, 0, 0, 0);
	char *text;

	if (abi > 0)
		return abi;
	text = read_file(UUIDJAIL_FS "/abi");
	abi = text ? strtol(text, NULL, 10) : 0;
	free(text);
	return abi > 0 ? abi : 0;
}

/* Write @text to UUIDJAIL_FS/@file in one write: 0 or -errno. */
static int write_fs(const char *file, const char *text)
{
	char path[128];
	size_t len = strlen(text);
	ssize_t ret;
	int fd, err = 0;

	snprintf(path, sizeof(path), UUIDJAIL_FS "/%s", file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = write(fd, text, len);
	if (ret < 0)
		err = -errno;
	else if ((size_t)ret != len)
		err = -EIO;
	close(fd);
	return err;
}

static int enter(int level, bool sealed)
{
	if (use_prctl)
		return prctl(PR_UUIDJAIL, PR_UUIDJAIL_ENTER, level,
			     sealed ? PR_UUIDJAIL_ENTER_SEALED : 0, 0) ?
		       -errno : 0;
	return write_fs(level == 1 ? "enter1" : "enter2",
			sealed ? "1 sealed" : "1");
}

static int set_name(const char *name)
{
	if (use_prctl)
		return prctl(PR_UUIDJAIL, PR_UUIDJAIL_SET_NAME,
			     (unsigned long)name, 0, 0) ? -errno : 0;
	return write_fs("name", name);
}

/* Why a name is not valid, or NULL if it is. */
static const char *bad_name(const char *name)
{
	const char *p;

	if (!*name)
		return "it is empty";
	if (strlen(name) > NAME_MAX_LEN)
		return "it is longer than 63 bytes";
	for (p = name; *p; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e)
			return "only printable ASCII characters other than space are allowed";
	return NULL;
}

/* The field @key of /proc/self/status as a number, or -1. */
static long status_field(const char *key)
{
	char *text = read_file("/proc/self/status");
	size_t len = strlen(key);
	long value = -1;
	char *line;

	if (!text)
		return -1;
	for (line = text; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (!strncmp(line, key, len) && line[len] == ':') {
			value = strtol(line + len + 1, NULL, 10);
			break;
		}
	}
	free(text);
	return value;
}

/*
 * Say which of the three causes of EBUSY holds: more than one thread, a
 * tracer that may not act on the new label, or a tracee of ours.
 */
static void busy_cause(char *buf, size_t size)
{
	long threads = status_field("Threads");
	long tracer = status_field("TracerPid");
	char path[64], *comm = NULL;

	if (threads < 0 || tracer < 0) {
		snprintf(buf, size,
			 "it is multi-threaded, traces a task, or is traced by a tracer outside the new jail");
	} else if (threads > 1) {
		snprintf(buf, size, "it is multi-threaded (%ld threads)",
			 threads);
	} else if (tracer > 0) {
		snprintf(path, sizeof(path), "/proc/%ld/comm", tracer);
		comm = read_file(path);
		if (comm)
			chomp(comm);
		snprintf(buf, size,
			 "it is traced by process %ld%s%s%s, a tracer outside the new jail",
			 tracer, comm ? " (" : "", comm ? comm : "",
			 comm ? ")" : "");
		free(comm);
	} else {
		snprintf(buf, size,
			 "it traces another task, which it would keep reaching from inside");
	}
}

/* Report why entering @level failed with @err, and exit. */
static noreturn void enter_failed(int level, int err, enum mode mode,
				  bool sealed)
{
	const char *what = level == 1 ? "a jail" : "a sub-jail";
	char label[128], cause[192];

	describe_self(label, sizeof(label));
	switch (err) {
	case -EEXIST:
		if (strncmp(label, "half-", 5))
			die("cannot enter %s: already in a sub-jail (%s)",
			    what, label);
		if (mode == MODE_FULL)
			die("cannot enter a jail: already in one (%s); see --sub",
			    label);
		die("cannot enter %s: already in a jail (%s)", what, label);
	case -EINVAL:
		if (level == 2 && !strcmp(label, "unrestricted"))
			die("cannot enter a sub-jail: in no jail (%s); drop --sub",
			    label);
		if (sealed)
			die("cannot enter %s sealed: %s (does this kernel support sealed jails?)",
			    what, strerror(-err));
		die("cannot enter %s: %s", what, strerror(-err));
	case -EBUSY:
		busy_cause(cause, sizeof(cause));
		die("cannot enter %s: %s: %s", what, strerror(-err), cause);
	default:
		die("cannot enter %s: %s", what, strerror(-err));
	}
}

/* Name what was just entered: level 1 the jail, level 2 the sub-jail. */
static void name_or_die(const char *name, int level)
{
	const char *what = level == 2 ? "sub-jail" : "jail";
	char *old;
	int err;

	err = set_name(name);
	if (!err)
		return;
	switch (err) {
	case -EEXIST:
		old = read_file(UUIDJAIL_FS "/name");
		if (old)
			chomp(old);
		die("cannot name the %s '%s': it already has a name%s%s%s",
		    what, name, old && *old ? " ('" : "",
		    old && *old ? old : "", old && *old ? "')" : "");
	case -EINVAL:
		die("cannot name the %s '%s': %s (does this kernel support names?)",
		    what, name, strerror(-err));
	default:
		die("cannot name the %s '%s': %s", what, name, strerror(-err));
	}
}

/*
 * --connect FD=PATH: connect a stream socket to the UNIX socket at PATH
 * and move it to descriptor FD, kept across execve().  Made before
 * entering, the connection is judged with the launcher's label of that
 * moment, and a connection is never judged again: so a program in a
 * sealed jail can keep talking to a helper its manager started outside
 * (a TPM emulator), but cannot reach it anew.
 */
static void connect_or_die(const char *spec)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	const char *path;
	char *end;
	long fd;
	int s;

	errno = 0;
	fd = strtol(spec, &end, 10);
	if (errno || end == spec || *end != '=' || fd < 3 || fd > 65535)
		die("invalid --connect '%s': want FD=PATH, FD at least 3", spec);
	path = end + 1;
	if (!*path || strlen(path) >= sizeof(addr.sun_path))
		die("invalid --connect '%s': bad socket path", spec);
	if (fcntl(fd, F_GETFD) >= 0)
		die("--connect '%s': descriptor %ld is already open", spec, fd);
	strcpy(addr.sun_path, path);
	s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		die("--connect '%s': socket: %s", spec, strerror(errno));
	if (connect(s, (struct sockaddr *)&addr, sizeof(addr)))
		die("cannot connect to '%s': %s", path, strerror(errno));
	if (s == fd) {
		/* The lowest free descriptor was FD itself. */
		if (fcntl(s, F_SETFD, 0))
			die("--connect '%s': %s", spec, strerror(errno));
		return;
	}
	/* dup2() leaves the new descriptor without close-on-exec. */
	if (dup2(s, fd) != fd)
		die("--connect '%s': dup2: %s", spec, strerror(errno));
	close(s);
}

/* Exec @cmd, or $SHELL if there is none; return only the exit status. */
static int run_command(char **cmd)
{
	char *shell_argv[2];
	int err;

	if (!cmd[0]) {
		shell_argv[0] = getenv("SHELL");
		if (!shell_argv[0] || !*shell_argv[0])
			shell_argv[0] = "/bin/sh";
		shell_argv[1] = NULL;
		cmd = shell_argv;
	}
	execvp(cmd[0], cmd);
	err = errno;
	warn("'%s': %s", cmd[0], strerror(err));
	return err == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}

/*
 * The uuidjail state and the lsm list, or exit 125 where uuidjail is not
 * active.
 */
static void require_active(char *lsms, size_t size)
{
	if (!uuidjail_active(lsms, size))
		die("uuidjail is not active (LSMs: %s)", lsms);
	choose_route();
}

/* One line of the "tasks" file, split into its seven fields. */
enum { F_PID, F_TGID, F_STATE, F_ID1, F_ID2, F_NAME, F_COMM, F_COUNT };

struct task_line {
	char *field[F_COUNT];
	char *line;	/* the unsplit copy */
};

/*
 * Read and split the "tasks" file: the number of lines, *@lines pointing
 * to them (never freed: the program exits soon after).
 */
static size_t read_tasks(struct task_line **lines)
{
	char *text, *line, *next, *p;
	size_t n = 0, max = 0, i;
	struct task_line *t = NULL;

	text = read_file(UUIDJAIL_FS "/tasks");
	if (!text)
		die("cannot read %s/tasks: %s", UUIDJAIL_FS, strerror(errno));
	for (line = text; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (n == max) {
			max = max ? 2 * max : 64;
			t = realloc(t, max * sizeof(*t));
			if (!t)
				die("%s", strerror(ENOMEM));
		}
		t[n].line = strdup(line);
		if (!t[n].line)
			die("%s", strerror(ENOMEM));
		/* Single spaces; the command, last, may hold more. */
		p = line;
		for (i = 0; i < F_COMM; i++) {
			t[n].field[i] = p;
			p = strchr(p, ' ');
			if (!p)
				die("unexpected line in %s/tasks: '%s'",
				    UUIDJAIL_FS, t[n].line);
			*p++ = '\0';
		}
		t[n].field[F_COMM] = p;
		n++;
	}
	*lines = t;
	return n;
}

/* Parse a PID argument: the pid, or exit 125. */
static long parse_pid(const char *arg)
{
	char *end;
	long pid;

	errno = 0;
	pid = strtol(arg, &end, 10);
	if (errno || end == arg || *end || pid <= 0 || pid > INT32_MAX) {
		warn("invalid PID '%s'", arg);
		usage_error();
	}
	return pid;
}

/*
 * uuidjail status: whether uuidjail is active and the caller's label, or
 * the "tasks" line of each PID (exit 1 if one is not visible).
 */
static int cmd_status(int argc, char **argv)
{
	char lsms[512], label[128], *name, *end;
	struct task_line *lines;
	size_t n, i;
	int ret = 0, arg;
	long pid;

	for (arg = 0; arg < argc; arg++)
		parse_pid(argv[arg]);
	require_active(lsms, sizeof(lsms));
	if (!argc) {
		describe_self(label, sizeof(label));
		name = read_file(UUIDJAIL_FS "/name");
		if (name)
			chomp(name);
		printf("active: yes\nabi: %ld\nlsm: %s\nstate: %s\nname: %s\n",
		       abi_version(), lsms, label,
		       !name ? "unknown" : *name ? name : "-");
		free(name);
		return 0;
	}
	n = read_tasks(&lines);
	for (arg = 0; arg < argc; arg++) {
		pid = parse_pid(argv[arg]);
		for (i = 0; i < n; i++)
			if (strtol(lines[i].field[F_PID], &end, 10) == pid &&
			    !*end)
				break;
		if (i < n) {
			printf("%s\n", lines[i].line);
		} else {
			printf("%s: not visible\n", argv[arg]);
			ret = 1;
		}
	}
	return ret;
}

/* uuidjail ps: the tasks the caller may act on, one aligned row each. */
static int cmd_ps(void)
{
	static const char *const header[F_COUNT] = {
		"PID", "TGID", "STATE", "ID1", "ID2", "NAME", "COMMAND"
	};
	/* Numbers right-aligned, text left-aligned, as ps(1) does. */
	static const bool right[F_COUNT] = {
		true, true, false, true, true, false, false
	};
	int width[F_COUNT], i, len;
	struct task_line *lines;
	char lsms[512];
	size_t n, row;

	require_active(lsms, sizeof(lsms));
	n = read_tasks(&lines);
	for (i = 0; i < F_COUNT; i++)
		width[i] = strlen(header[i]);
	for (row = 0; row < n; row++)
		for (i = 0; i < F_COMM; i++) {
			len = strlen(lines[row].field[i]);
			if (len > width[i])
				width[i] = len;
		}
	for (row = 0; row <= n; row++) {
		for (i = 0; i < F_COMM; i++) {
			const char *f = row ? lines[row - 1].field[i] :
					      header[i];

			printf(right[i] ? "%*s " : "%-*s ", width[i], f);
		}
		printf("%s\n", row ? lines[row - 1].field[F_COMM] :
				     header[F_COMM]);
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "half", no_argument, NULL, 'H' },
		{ "sub", no_argument, NULL, 'S' },
		{ "seal", no_argument, NULL, 's' },
		{ "connect", required_argument, NULL, 'c' },
		{ "name", required_argument, NULL, 'n' },
		{ "best-effort", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	bool best_effort = false, half = false, sub = false, seal = false;
	enum mode mode = MODE_FULL;
	const char *name = NULL, *why;
	char **connects;
	int opt, err, i, nconnects = 0;
	char lsms[512];

	connects = calloc(argc, sizeof(*connects));
	if (!connects)
		die("out of memory");

	/* A command only as the first argument: "-- status" runs a program. */
	if (argc > 1 && !strcmp(argv[1], "status"))
		return cmd_status(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "ps")) {
		if (argc > 2) {
			warn("ps takes no argument");
			usage_error();
		}
		return cmd_ps();
	}

	/* Stop at CMD: its options are its own. */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'H':
			half = true;
			break;
		case 'S':
			sub = true;
			break;
		case 's':
			seal = true;
			break;
		case 'c':
			connects[nconnects++] = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'b':
			best_effort = true;
			break;
		case 'h':
			usage();
			return 0;
		case 'V':
			printf("uuidjail %s\n", UUIDJAIL_VERSION);
			return 0;
		case ':':
			warn("option '%s' requires an argument",
			     argv[optind - 1]);
			usage_error();
		default:
			if (optopt && strncmp(argv[optind - 1], "--", 2))
				warn("invalid option -- '%c'", optopt);
			else
				warn("unrecognized option '%s'",
				     argv[optind - 1]);
			usage_error();
		}
	}
	if (half && sub) {
		warn("--half and --sub exclude each other");
		usage_error();
	}
	mode = half ? MODE_HALF : sub ? MODE_SUB : MODE_FULL;
	if (name) {
		why = bad_name(name);
		if (why)
			die("invalid name '%s': %s", name, why);
	}

	if (!uuidjail_active(lsms, sizeof(lsms))) {
		if (!best_effort)
			die("uuidjail is not active (LSMs: %s); see --best-effort",
			    lsms);
		warn("warning: uuidjail is not active (LSMs: %s): running unjailed",
		     lsms);
		for (i = 0; i < nconnects; i++)
			connect_or_die(connects[i]);
		return run_command(argv + optind);
	}
	choose_route();

	/* Before entering: the connections are judged as the launcher's. */
	for (i = 0; i < nconnects; i++)
		connect_or_die(connects[i]);
	if (mode != MODE_SUB) {
		err = enter(1, seal);
		if (err)
			enter_failed(1, err, mode, seal);
		/* Name the jail before its sub-jail exists. */
		if (name)
			name_or_die(name, 1);
	}
	if (mode != MODE_HALF) {
		/* A sub-jail of a sealed jail is sealed without asking. */
		err = enter(2, seal && mode == MODE_SUB);
		if (err)
			enter_failed(2, err, mode, seal && mode == MODE_SUB);
		/*
		 * Name the sub-jail too: once the command runs, nothing can
		 * name it (the kernel allows it only until execve()).
		 */
		if (name)
			name_or_die(name, 2);
	}
	return run_command(argv + optind);
}
