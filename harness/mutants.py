#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prove the tests can fail: for each mutant (one check deleted from the
decision function or the transitions, or one hook unregistered), patch
the integrated tree, rebuild the base kernel, boot the test job once and
expect a failure. The tree is restored after each mutant.

Usage: mutants.py [NAME...]   (default: all); prints one line per mutant
and "N killed, N survived"; exits non-zero if an unexpected one survived.
       mutants.py --check      only checks, in seconds, that every mutant
applies exactly once to this repository's sources; prints each that does
not and exits non-zero if any (make check runs it with the static checks).
A mutant may name the kselftests that should kill it (a uj_tests glob),
to boot only those; the KUnit suites run in every boot.
"""

import os
import subprocess
import sys

HARNESS = os.path.dirname(os.path.abspath(__file__))

# name: (file, old text, new text[, kselftest glob]); every old text must
# occur once.
MUTANTS = {
    "matrix-no-unrestricted-quick-return": (
        "matrix.c", "\tif (!subject->id1)\n\t\treturn true;\n", ""),
    "matrix-other-jail-ignores-subject-id2": (
        "matrix.c", "return !subject->id2 && !object->id1;",
        "return !object->id1;"),
    "matrix-other-jail-ignores-object-id1": (
        "matrix.c", "return !subject->id2 && !object->id1;",
        "return !subject->id2;"),
    "matrix-no-id1-comparison": (
        "matrix.c", "if (object->id1 != subject->id1)", "if (0)"),
    "matrix-same-jail-ignores-subject-id2": (
        "matrix.c",
        "return !subject->id2 || !object->id2 || object->id2 == subject->id2;",
        "return !object->id2 || object->id2 == subject->id2;"),
    "matrix-same-jail-ignores-object-id2": (
        "matrix.c",
        "return !subject->id2 || !object->id2 || object->id2 == subject->id2;",
        "return !subject->id2 || object->id2 == subject->id2;"),
    "matrix-same-jail-no-id2-comparison": (
        "matrix.c",
        "return !subject->id2 || !object->id2 || object->id2 == subject->id2;",
        "return !subject->id2 || !object->id2;"),
    "enter1-twice": (
        "enter.c", "\tcase 1:\n\t\tif (label->id1)\n\t\t\treturn -EEXIST;\n",
        "\tcase 1:\n"),
    "enter2-twice": (
        "enter.c", "\t\tif (label->id2)\n\t\t\treturn -EEXIST;\n", ""),
    "enter2-without-enter1": (
        "enter.c", "\t\tif (!label->id1)\n\t\t\treturn -EINVAL;\n", ""),
    "enter-threaded": (
        "enter.c", "return alone ? 0 : -EBUSY;", "return 0;"),
    "enter-any-level": (
        "enter.c", "\tdefault:\n\t\treturn -EINVAL;\n", "\tdefault:\n\t\tbreak;\n"),
    "parse-any-first-byte": (
        "format.c", "if (len == 0 || buf[0] != '1')", "if (len == 0)"),
    "parse-sealed-any-word": (
        "format.c", " || memcmp(buf + 1, seal, len - 1)", ""),
    "prctl-seal-ignored": (
        "self.c", "arg4 & PR_UUIDJAIL_ENTER_SEALED);", "false);", "unix_sealed"),
    "sealed-not-inherited": (
        "jail.c", "jail->sealed = sealed || uuidjail_jail_sealed(parent);",
        "jail->sealed = sealed;", "unix_sealed"),
    "reach-sealed-ignored": (
        "matrix.c", "return !sealed;", "return true;", "unix_sealed"),
    # The rule before: a joined thread not yet released counted as alive.
    "enter-joined-thread-counts": (
        "enter.c", "return thread_group_leader(current) &&\n"
        "\t       atomic_read(&current->signal->live) == 1 &&\n"
        "\t       !shares_with_other_process(current);",
        "return thread_group_empty(current) &&\n"
        "\t       current_is_single_threaded();", "enter"),
    "enter-thread-not-leader": (
        "enter.c", "return thread_group_leader(current) &&\n\t       ",
        "return ", "enter"),
    "enter-live-threads-ignored": (
        "enter.c", "\t       atomic_read(&current->signal->live) == 1 &&\n", "",
        "enter"),
    "enter-shared-mm": (
        "enter.c", "if (READ_ONCE(t->mm) == mm ||", "if (", "enter"),
    "enter-shared-files": (
        "enter.c", "\t\t    READ_ONCE(t->files) == files ||\n", "", "enter"),
    "enter-shared-fs": (
        "enter.c", "\t\t    READ_ONCE(t->fs) == fs ||\n", "", "enter"),
    "enter-shared-io": (
        "enter.c", "\t\t    (ioc && READ_ONCE(t->io_context) == ioc))",
        "\t\t    0)", "enter"),
    "claim-nothing": (
        "enter.c", "\tuuidjail_claim_sockets(old, jail);\n", "", "unix_claim"),
    "claim-close-on-exec": (
        "socket.c", "if (kept && sock", "if (sock", "unix_claim"),
    "claim-other-jails": (
        "socket.c", "take = !prev || prev == old;", "take = true;",
        "unix_claim"),
    "securityfs-any-offset": (
        "securityfs.c", "if (*ppos != 0 || count == 0 || count > sizeof(buf))",
        "if (count == 0 || count > sizeof(buf))"),
    "enter-while-tracing": (
        "enter.c", "\tif (!list_empty(&current->ptraced))\n\t\treturn false;\n",
        "", "*enter"),
    "enter-ignores-tracer": (
        "enter.c", "\ttracer = rcu_dereference_protected(", "\treturn true;\n"
        "\ttracer = rcu_dereference_protected(", "traced_enter"),
    "sub-jail-ids-global": (
        "jail.c", "atomic64_inc_return(&parent->last_sub)",
        "uuidjail_new_id()", "audit_jail"),
    "audit-budget-per-sub-jail": (
        "audit.c", "!__ratelimit(&uuidjail_jail_top(denial->sjail)->audit_limit)",
        "!__ratelimit(&denial->sjail->audit_limit)", "audit_jail"),
    "stats-global-for-jailed": (
        "securityfs.c", "uuidjail_denials(jail, op)",
        "uuidjail_denials(NULL, op)", "audit*"),
    "pdeath-signal-denied": (
        "task.c", "\tif (info == SEND_SIG_NOINFO && (current->flags & PF_EXITING) &&\n"
        "\t    sig == READ_ONCE(p->pdeath_signal))\n\t\treturn 0;\n", "",
        "pdeath"),
    "fown-setfl-not-aimed": (
        "fown.c", "\tcase F_SETFL:\n\t\t/* Only turning O_ASYNC on arms a signal. */\n"
        "\t\tif (!(arg & FASYNC) || (READ_ONCE(file->f_flags) & FASYNC))\n"
        "\t\t\tbreak;\n\t\tfallthrough;\n", "", "fown"),
    "fown-setsig-not-aimed": ("fown.c", "\tcase F_SETSIG:\n", "", "fown"),
    "fown-setlease-not-aimed": ("fown.c", "\tcase F_SETLEASE:\n", "", "fown"),
    "fown-notify-not-aimed": ("fown.c", "\tcase F_NOTIFY:\n", "", "fown"),
    "proc-audits-denials": (
        "proc.c", "uuidjail_check(op, current, sjail, task, false)",
        "uuidjail_check(op, current, sjail, task, true)", "audit_jail"),
    # stat() of a PID that hidepid=invisible hides tells it exists.
    "proc-hidepid-eacces": (
        "proc.c", "in_group_p(fs_info->pid_gid) ? -EACCES : -ENOENT;",
        "-EACCES;", "escape"),
    # /proc/PID/net/... judged by nothing: their inodes have no task.
    "proc-net-no-ancestor": (
        "proc.c", "\t\tif (pid || IS_ROOT(dentry))\n\t\t\treturn pid;\n",
        "\t\treturn pid;\n", "proc_ways"),
    "reach-unrestricted-remote-judged": (
        "matrix.c", "\tif (!remote->id1)\n\t\treturn !sealed;\n", "", "unix"),
    "reach-remote-any": (
        "matrix.c", "\t\treturn !sealed;\n\treturn uuidjail_may_act(local, remote);",
        "\t\treturn !sealed;\n\treturn true;", "unix"),
    "accepted-keeps-client-label": (
        "socket.c", "\t\tserver->jail = uuidjail_jail_get(listener);\n",
        "\t\tserver->jail = uuidjail_jail_get(server->jail);\n", "unix"),
    "dgram-peer-judged-again": (
        "socket.c", "\tif (READ_ONCE(unix_peer(sock->sk)) == other->sk)\n"
        "\t\treturn 0;\n", "", "unix"),
    # A workload names its own jail (and passes for another guest).
    "name-by-workload": (
        "jail.c", "\tif (!uuidjail_task(current)->may_name)\n"
        "\t\treturn -EPERM;\n", "", "admin"),
    # A task that entered after an execve() may not name what it made.
    "name-not-on-enter": (
        "enter.c", "\tts->may_name = true;\n", "", "admin"),
}
HOOKS = {
    "jail.c": ["task_alloc", "task_free", "bprm_committing_creds"],
    "task.c": ["ptrace_access_check", "ptrace_traceme",
               "task_kill", "task_setpgid", "task_getpgid", "task_getsid",
               "task_setnice", "task_setioprio", "task_getioprio",
               "task_setrlimit", "task_setscheduler", "task_getscheduler",
               "task_movememory", "capget", "perf_event_alloc"],
    "fown.c": ["file_set_fowner", "file_fcntl", "file_ioctl",
               "file_ioctl_compat", "file_free_security",
               "file_send_sigiotask"],
    "proc.c": ["task_to_inode", "inode_free_security_rcu", "file_open",
               "inode_getattr", "inode_setattr", "inode_getxattr",
               "inode_listxattr", "path_notify"],
    "socket.c": ["sk_alloc_security", "sk_free_security",
                 "unix_stream_connect", "unix_may_send"],
    "self.c": ["task_prctl", "getselfattr"],
}
# The kselftests that show a hook's work, to boot only those; the
# others boot every kselftest.
HOOK_TESTS = {
    "task_alloc": "enter", "bprm_committing_creds": "admin",
    "file_set_fowner": "fown",
    "file_fcntl": "fown", "file_ioctl": "fown",
    "file_send_sigiotask": "fown", "task_to_inode": "proc",
    "file_open": "proc", "inode_getattr": "proc_ways",
    "inode_setattr": "proc_ways", "inode_getxattr": "proc_ways",
    "inode_listxattr": "proc_ways", "path_notify": "proc_ways",
    "ptrace_traceme": "traced_enter", "ptrace_access_check": "ptrace",
    "task_kill": "signal", "task_setpgid": "task", "task_getpgid": "task",
    "task_getsid": "task", "task_setnice": "task", "task_setioprio": "task",
    "task_getioprio": "task", "task_setrlimit": "task",
    "task_setscheduler": "task", "task_getscheduler": "task",
    "task_movememory": "task", "capget": "task", "task_prctl": "enter",
    "getselfattr": "enter", "task_free": "enter",
    "file_ioctl_compat": "fown", "file_free_security": "fown",
    "inode_free_security_rcu": "proc", "sk_free_security": "unix",
    "perf_event_alloc": "limits", "sk_alloc_security": "unix",
    "unix_stream_connect": "unix", "unix_may_send": "unix",
}
for source, hooks in HOOKS.items():
    for hook in hooks:
        MUTANTS[f"no-hook-{hook}"] = (
            source, f"\tLSM_HOOK_INIT({hook}, hook_{hook}),\n", "",
            *([HOOK_TESTS[hook]] if hook in HOOK_TESTS else []))

# The kselftests of the mutants above that name none, by prefix: the
# matrix shows in every task operation, entering and its payloads in
# enter_test.  One boot of a few kselftests takes about a minute.
PREFIX_TESTS = {"matrix-": "task", "enter": "enter", "parse-": "enter",
                "securityfs-": "enter"}
for name, mutant in MUTANTS.items():
    for prefix, tests in PREFIX_TESTS.items():
        if len(mutant) == 3 and name.startswith(prefix):
            MUTANTS[name] = (*mutant, tests)

# Mutants no test can kill, and why.
EXPECTED_SURVIVORS = {
    # move_pages() and migrate_pages() check ptrace_may_access() first,
    # so the ptrace hook denies before task_movememory is reached.
    "no-hook-task_movememory",
    # Only leak memory (a jail, a pid): no behaviour changes.  The KUnit
    # jail suite checks the reference counts these hooks rely on.
    "no-hook-task_free",
    "no-hook-file_free_security",
    "no-hook-inode_free_security_rcu",
    "no-hook-sk_free_security",
    # The 32-bit compat ioctl path; the test binaries are 64-bit.
    "no-hook-file_ioctl_compat",
}


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, **kw)


def check():
    """Each mutant's old text occurs once in the repository's sources."""
    sources = os.path.join(HARNESS, "..", "security", "uuidjail")
    bad = 0
    for name, (source, old, *_) in MUTANTS.items():
        count = open(os.path.join(sources, source)).read().count(old)
        if count != 1:
            print(f"mutant {name} applies {count} times to {source}")
            bad += 1
    return 1 if bad else 0


def main():
    if sys.argv[1:] == ["--check"]:
        return check()
    tree = sh(f". {HARNESS}/common.sh && integrated_tree",
              capture_output=True, text=True, executable="/bin/bash",
              check=True).stdout.strip()
    names = sys.argv[1:] or list(MUTANTS)
    killed = survived = unexpected = 0
    for name in names:
        source, old, new, *tests = MUTANTS[name]
        cmdline = f"uj_tests={tests[0]}" if tests else ""
        path = os.path.join(tree, "security/uuidjail", source)
        original = open(path).read()
        if original.count(old) != 1:
            print(f"{name}: mutation does not apply to {source}")
            unexpected += 1
            continue
        open(path, "w").write(original.replace(old, new))
        try:
            build = sh(f"{HARNESS}/build-kernel.sh base",
                       capture_output=True, executable="/bin/bash")
            if build.returncode:
                result = "killed (does not build)"
            else:
                test = sh(f"LSM=landlock,yama,uuidjail STRESS=2 "
                          f"EXTRA_CMDLINE='{cmdline}' "
                          f"{HARNESS}/run-vm.sh test base mutant && "
                          f"python3 {HARNESS}/summarize.py "
                          f"{tree}/tools/testing/kunit/kunit.py "
                          f"mutant:$UUIDJAIL_OUT/base/mutant-console.log:"
                          f"$UUIDJAIL_OUT/base/mutant.log",
                          capture_output=True, text=True,
                          executable="/bin/bash",
                          env=dict(os.environ, UUIDJAIL_OUT=os.environ.get(
                              "UUIDJAIL_OUT", os.path.join(
                                  HARNESS, "..", "build"))))
                last = (test.stdout.strip().splitlines() or ["?"])[-1]
                result = f"killed ({last})" if test.returncode else \
                    f"SURVIVED ({last})"
        finally:
            open(path, "w").write(original)
        if result.startswith("killed"):
            killed += 1
        else:
            survived += 1
            if name not in EXPECTED_SURVIVORS:
                unexpected += 1
        print(f"{name}: {result}", flush=True)
    sh(f"{HARNESS}/build-kernel.sh base", capture_output=True,
       executable="/bin/bash")
    print(f"{killed} killed, {survived} survived")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
