#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Judge test boots: KUnit results from each console (parsed by the
kernel's own kunit.py), kselftest results from each job log, kernel splats
anywhere on a console, and the static checks.

Usage: summarize.py KUNIT_PY TAG:CONSOLE:LOG[:nokunit]... [lint=LINT_LOG]

A boot marked nokunit ran with kunit.enable=0: no KUnit results expected.

Prints a line per suite and closes with "N passed, N failed, N skipped";
exits non-zero on any failure, any splat, or a VM that did not finish.
"""

import json
import os
import re
import subprocess
import sys

SPLATS = [
    r"\bBUG[: ]", r"WARNING:", r"\bOops\b", r"KASAN", r"UBSAN:", r"KFENCE:",
    r"INFO: possible", r"INFO: lockdep", r"turning off the locking",
    r"DEBUG_LOCKS_WARN_ON", r"sleeping function called from invalid context",
    r"Kernel panic", r"general protection fault", r"Call Trace:",
    r"self-detected stall", r"blocked for more than",
]
SPLAT_RE = re.compile("|".join(SPLATS))
# Notices that say "WARNING:" but are no splat: each is a plain pr_warn()
# that an unprivileged caller may reach, with no stack trace and no taint.
# WARN() prints "WARNING: FILE:LINE at ..." or "WARNING: at ...", and
# lockdep "WARNING: possible ..."; none of those is excused here.
NOT_SPLATS = [
    # fs/namespace.c warn_mandlock(): mount(MS_MANDLOCK), which the fuzzer
    # reaches as root of its own user and mount namespace.
    r"^WARNING: The mand mount option has been deprecated and$",
]
NOT_SPLAT_RE = re.compile("|".join(NOT_SPLATS))
KUNIT_SUITES = ("uuidjail_matrix", "uuidjail_jail", "uuidjail_enter",
                "uuidjail_format", "uuidjail_audit", "uuidjail_socket")


def kunit_counts(kunit_py, console):
    # kunit.py changes to the kernel tree: give it an absolute path.
    out = subprocess.run([sys.executable, kunit_py, "parse", "--json",
                          os.path.abspath(console)],
                         capture_output=True, text=True)
    start = out.stdout.find("{")
    if start < 0:
        print("kunit: no results (kunit.py parse printed no JSON)")
        return 0, 1, 0
    result = json.loads(out.stdout[start:])
    misc = result["misc"]
    suites = {g["name"]: g["misc"] for g in result["sub_groups"]}
    failed = misc["failed"] + misc["crashed"] + misc["errors"]
    for name in KUNIT_SUITES:
        if name not in suites:
            print(f"kunit: suite {name} did not run")
            failed += 1
    for name, m in sorted(suites.items()):
        print(f"kunit {name}: {m['passed']} passed, "
              f"{m['failed'] + m['crashed'] + m['errors']} failed, "
              f"{m['skipped']} skipped")
    return misc["passed"], failed, misc["skipped"]


def kselftest_counts(log):
    passed = failed = skipped = 0
    runs = re.split(r"^### kselftest ", log, flags=re.M)[1:]
    for run in runs:
        title = run.splitlines()[0]
        ok = len(re.findall(r"^ok \d+ (?!.*# SKIP)", run, re.M))
        skip = len(re.findall(r"^ok \d+ .*# SKIP", run, re.M))
        bad = len(re.findall(r"^not ok \d+", run, re.M))
        plan = re.search(r"^1\.\.(\d+)", run, re.M)
        code = re.search(r"^### exit (\d+)", run, re.M)
        problems = []
        if not plan or int(plan.group(1)) != ok + skip + bad:
            problems.append("incomplete TAP (crash or missing plan)")
        if not code or (code.group(1) != "0" and not bad):
            problems.append(f"exit {code.group(1) if code else 'missing'}")
        for line in re.findall(r"^not ok \d+ .*$", run, re.M):
            print(f"  FAILED: {line}")
        if problems:
            bad += 1
            print(f"  {title}: {', '.join(problems)}")
        print(f"kselftest {title}: {ok} passed, {bad} failed, "
              f"{skip} skipped")
        passed, failed, skipped = passed + ok, failed + bad, skipped + skip
    if not runs:
        print("kselftest: no results")
        failed += 1
    return passed, failed, skipped


def judge_boot(kunit_py, tag, console_path, log_path, kunit=True):
    print(f"== {tag}")
    try:
        console = open(console_path, errors="replace").read()
        log = open(log_path, errors="replace").read()
    except OSError as e:
        print(f"{tag}: no output ({e})")
        return 0, 1, 0
    console, log = console.replace("\r", ""), log.replace("\r", "")

    begin = re.search(r"^UUIDJAIL-BEGIN .*$", log, re.M)
    if begin:
        print(begin.group(0))
    kp, kf, ks = kunit_counts(kunit_py, console_path) if kunit else (0, 0, 0)
    sp, sf, ss = kselftest_counts(log)
    passed, failed, skipped = kp + sp, kf + sf, ks + ss

    splats = [l for l in console.splitlines()
              if SPLAT_RE.search(l) and not NOT_SPLAT_RE.search(l.strip())]
    for line in splats[:20]:
        print(f"splat: {line}")
    if splats:
        failed += 1
    if "UUIDJAIL-DONE" not in log:
        print(f"VM did not finish (no UUIDJAIL-DONE): see {console_path}")
        failed += 1
    return passed, failed, skipped


def judge_lint(path):
    """Lines "ok NAME" or "not ok NAME" from harness/lint.sh."""
    print("== static checks")
    passed = failed = 0
    for line in open(path).read().splitlines():
        if line.startswith("not ok "):
            failed += 1
            print(f"  FAILED: {line[7:]}")
        elif line.startswith("ok "):
            passed += 1
    print(f"static checks: {passed} passed, {failed} failed")
    return passed, failed, 0


def main():
    kunit_py, *runs = sys.argv[1:]
    total = [0, 0, 0]
    for run in runs:
        if run.startswith("lint="):
            counts = judge_lint(run[5:])
        else:
            tag, console_path, log_path, *flags = run.split(":")
            counts = judge_boot(kunit_py, tag, console_path, log_path,
                                "nokunit" not in flags)
        total = [t + c for t, c in zip(total, counts)]
    passed, failed, skipped = total
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
