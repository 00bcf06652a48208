#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Commit uuidjail as a patch series on top of the pristine kernel tree.

Usage: series.py PRISTINE INTEGRATED REPO SPEC_DIR [--each CMD]

REPO is a git work tree whose commit tagged "pristine" holds PRISTINE;
the series is committed on top of it, one commit per spec in SPEC_DIR
(NN-*.txt, in order), and the branch "series" is left pointing at the
last. With --each, CMD runs in REPO after each commit (with SERIES_STEP
and SERIES_SUBJECT in its environment); the run fails if CMD fails.

A spec reads like a mail: headers, a blank line, the commit message's
body.

  Subject: uuidjail: the access matrix
  Files: security/uuidjail/label.h security/uuidjail/matrix.c
  Strip: security/uuidjail/Makefile /matrix\\.o/
  Block: security/uuidjail/setup.c /^struct lsm_blob_sizes/ /^};$/

Every file the integrated tree has beyond the pristine one, and every
pristine file it changes, is claimed by exactly one "Files:" (globs
allowed); from that commit on, it has its final content, less the lines
that later commits add. "Strip:" names such a line of an earlier file
(each line matching the regular expression), "Block:" a run of lines
(from one matching the first expression to the next matching the
second): they appear in this commit. The last commit thus holds exactly
the integrated tree, which is checked.
"""

import fnmatch
import os
import re
import subprocess
import sys


class Spec:
    def __init__(self, path):
        self.path = path
        text = open(path).read()
        head, _, body = text.partition("\n\n")
        self.subject = None
        self.files = []
        self.strips = []    # (path, regex)
        self.blocks = []    # (path, start regex, end regex)
        for line in head.splitlines():
            key, _, value = line.partition(": ")
            if key == "Subject":
                self.subject = value
            elif key == "Files":
                self.files += value.split()
            elif key == "Strip":
                m = re.fullmatch(r"(\S+)\s+/(.*)/", value)
                if not m:
                    fail(f"{path}: bad Strip: {value}")
                self.strips.append((m[1], re.compile(m[2])))
            elif key == "Block":
                m = re.fullmatch(r"(\S+)\s+/(.*?)/\s+/(.*)/", value)
                if not m:
                    fail(f"{path}: bad Block: {value}")
                self.blocks.append((m[1], re.compile(m[2]),
                                    re.compile(m[3])))
            else:
                fail(f"{path}: unknown header {key}")
        if not self.subject:
            fail(f"{path}: no Subject")
        self.body = body.strip("\n")


def fail(msg):
    print(f"series: {msg}", file=sys.stderr)
    sys.exit(1)


def git(repo, *args, **kw):
    return subprocess.run(["git", "-C", repo, *args], check=True,
                          capture_output=True, text=True, **kw).stdout


def changed_paths(integrated):
    """Our files and the pristine files our patches change, as
    integrate.sh listed them beside the integrated tree."""
    paths = set(open(integrated.rstrip("/") + ".files").read().split())
    for p in paths:
        if not os.path.isfile(os.path.join(integrated, p)):
            fail(f"{p} is not in the integrated tree")
    return paths


def lines_owned(text, path, spec):
    """Indexes of the lines of text that spec's rules give to it."""
    lines = text.split("\n")
    owned = set()
    for p, regex in spec.strips:
        if p == path:
            hits = {i for i, l in enumerate(lines) if regex.search(l)}
            if not hits:
                fail(f"{spec.path}: Strip /{regex.pattern}/ "
                     f"matches nothing in {path}")
            owned |= hits
    for p, start, end in spec.blocks:
        if p != path:
            continue
        found = False
        i = 0
        while i < len(lines):
            if start.search(lines[i]):
                j = i
                while j < len(lines) and not end.search(lines[j]):
                    j += 1
                if j == len(lines):
                    fail(f"{spec.path}: Block /{start.pattern}/ has no "
                         f"end in {path}")
                owned |= set(range(i, j + 1))
                found = True
                i = j
            i += 1
        if not found:
            fail(f"{spec.path}: Block /{start.pattern}/ matches nothing "
                 f"in {path}")
    return owned


def content_at(final, path, later):
    """final less the lines the later specs add; blank runs collapsed."""
    drop = set()
    for spec in later:
        drop |= lines_owned(final, path, spec)
    if not drop:
        return final
    kept = [l for i, l in enumerate(final.split("\n")) if i not in drop]
    out = []
    for line in kept:
        if line == "" and out and out[-1] == "":
            continue
        out.append(line)
    return "\n".join(out)


def check_maintained(pristine, integrated, paths):
    """Each new file is in uuidjail's MAINTAINERS entry, which names no
    file that does not exist.  (checkpatch.pl only guesses at this: it
    asks every patch that adds a file but not the one that adds the
    entry whether MAINTAINERS needs updating.)"""
    entry = open(os.path.join(integrated, "MAINTAINERS")).read()
    entry = entry[entry.index("\nUUIDJAIL SECURITY MODULE\n"):]
    entry = entry[:entry.index("\n\n")]
    globs = [l[3:] for l in entry.splitlines() if l.startswith("F:\t")]
    new = [p for p in paths
           if not os.path.exists(os.path.join(pristine, p))]

    def covers(glob, path):
        return path.startswith(glob) if glob.endswith("/") else \
            fnmatch.fnmatchcase(path, glob)
    for p in sorted(new):
        if not any(covers(g, p) for g in globs):
            fail(f"{p} is in no F: line of uuidjail's MAINTAINERS entry")
    for g in globs:
        if not any(covers(g, p) for p in new):
            fail(f"MAINTAINERS names {g}, which the series does not add")


def main():
    args = sys.argv[1:]
    each = None
    if "--each" in args:
        i = args.index("--each")
        each = args[i + 1]
        del args[i:i + 2]
    pristine, integrated, repo, spec_dir = args
    specs = [Spec(os.path.join(spec_dir, f))
             for f in sorted(os.listdir(spec_dir))
             if re.fullmatch(r"\d\d-.*\.txt", f)]
    paths = changed_paths(integrated)

    owner = {}
    for n, spec in enumerate(specs):
        for glob in spec.files:
            hits = [p for p in paths if fnmatch.fnmatchcase(p, glob)]
            if not hits:
                fail(f"{spec.path}: Files {glob} matches nothing")
            for p in hits:
                if p in owner:
                    fail(f"{p} is claimed by {specs[owner[p]].path} "
                         f"and {spec.path}")
                owner[p] = n
    for p in sorted(paths - owner.keys()):
        fail(f"{p} is in no spec's Files")
    for n, spec in enumerate(specs):
        for p, *_ in spec.strips + spec.blocks:
            if owner.get(p, n) >= n:
                fail(f"{spec.path}: {p} must come in an earlier commit")

    finals = {p: open(os.path.join(integrated, p)).read() for p in paths}
    git(repo, "checkout", "-q", "-f", "--detach", "pristine")
    git(repo, "clean", "-qfdx")
    for n, spec in enumerate(specs):
        mine = []
        for p in sorted(paths):
            if owner[p] > n:
                continue
            text = content_at(finals[p], p, specs[n + 1:])
            dest = os.path.join(repo, p)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            old = open(dest).read() if os.path.exists(dest) else None
            if old != text:
                with open(dest, "w") as f:
                    f.write(text)
                mine.append(p)
            mode = os.stat(os.path.join(integrated, p)).st_mode & 0o777
            if os.stat(dest).st_mode & 0o777 != mode:
                os.chmod(dest, mode)
                mine.append(p)
        if not mine:
            fail(f"{spec.path}: the commit would be empty")
        git(repo, "add", "-f", "--", *sorted(set(mine)))
        message = f"{spec.subject}\n\n{spec.body}\n"
        git(repo, "commit", "-q", "-s", "-F", "-", input=message)
        print(f"{n + 1:2}/{len(specs)} {spec.subject}", flush=True)
        if each:
            env = dict(os.environ, SERIES_STEP=str(n + 1),
                       SERIES_SUBJECT=spec.subject)
            if subprocess.run(each, shell=True, cwd=repo, env=env).returncode:
                fail(f"after {spec.path}: {each} failed")
    git(repo, "branch", "-f", "series", "HEAD")
    check_maintained(pristine, integrated, paths)
    # The last commit is the integrated tree.
    for p in sorted(paths):
        if open(os.path.join(repo, p)).read() != finals[p]:
            fail(f"{p} differs from the integrated tree after the series")
    return 0


if __name__ == "__main__":
    sys.exit(main())
