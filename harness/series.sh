#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# uuidjail as a patch series for the LSM list (harness/series/NN-*.txt):
# committed on top of the pristine tree, written out with git
# format-patch to $OUT/series/, each patch checked with checkpatch.pl
# --strict, and the whole series applied with git am to the pristine tree,
# which must then be exactly the integrated tree.
#
#   series.sh [--build] [VERSION]
#
# VERSION (2, 3, ...) makes a "[PATCH vN ...]" series. --build also
# builds the kernel's security/uuidjail/ after every patch, with W=1 and
# the base kernel's configuration, and checks that the objects of each
# step define every uuidjail symbol they use. Findings go to stderr and
# make the script exit non-zero.
. "$(dirname "$0")/common.sh"

build=
[ "${1:-}" != --build ] || { build=1; shift; }
version=${1:-}
src=$(pristine_tree)
tree=$(integrated_tree)
repo=$CACHE/series-$(tree_key)
out=$OUT/series
# Every commit of the series, and its base, has this identity and date:
# the same repository gives the same patches and the same base-commit.
author=$(git -C "$TOP" log -1 --format='%an <%ae>')
export GIT_AUTHOR_NAME=${author% <*} GIT_COMMITTER_NAME=${author% <*}
email=${author##*<}
export GIT_AUTHOR_EMAIL=${email%>} GIT_COMMITTER_EMAIL=${email%>}
date=$(git -C "$TOP" log -1 --format=%ad --date=rfc)
export GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date

# The pristine tree as a git repository, made once per pristine tree.
if ! git -C "$repo" rev-parse -q --verify pristine >/dev/null 2>&1; then
	say "series: committing the pristine tree (once)"
	rm -rf "$repo"
	cp -a "$src" "$repo"
	rm -rf "$repo/.git"
	git -C "$repo" init -q
	git -C "$repo" add -A -f .
	GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" \
	GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
		git -C "$repo" commit -q -m "$(basename "$src") as extracted"
	git -C "$repo" tag pristine
fi

each=()
if [ -n "$build" ]; then
	bdir=$(build_dir series)
	mkdir -p "$bdir"
	"$HARNESS/configure.sh" base >/dev/null
	export SERIES_BUILD=$bdir SERIES_CONFIG=$(build_dir base)/.config
	each=(--each "$HARNESS/series-step.sh")
fi
python3 "$HARNESS/series.py" "$src" "$tree" "$repo" "$HARNESS/series" \
	"${each[@]}"

rm -rf "$out"
git -C "$repo" format-patch -q --base=pristine --cover-letter \
	${version:+-v "$version"} -o "$out" pristine..series
cover=$(ls "$out"/*0000-cover-letter.patch)
mapfile -t patches < <(ls "$out"/*.patch | grep -v 0000-cover-letter)
python3 - "$cover" "$HARNESS/series/cover-letter.txt" "$src" <<'EOF'
import os, sys
cover, letter, src = sys.argv[1:]
subject, _, blurb = open(letter).read().partition("\n\n")
blurb = blurb.replace("@BASE@", os.path.basename(src))
text = open(cover).read()
text = text.replace("*** SUBJECT HERE ***", subject.strip())
text = text.replace("*** BLURB HERE ***", blurb.strip())
open(cover, "w").write(text)
EOF

status=0
# checkpatch.pl --strict on each patch; task_prctl must return -ENOSYS
# for options that are not its own (the LSM contract), and series.py
# checks what FILE_PATH_CHANGES asks (is every new file in MAINTAINERS?).
# checkpatch runs scripts/spdxcheck.py in a git tree, with the python3
# found first: make it Debian's, which has the modules deps.sh installs.
# One checkpatch per core: a minute and a half on one.
printf '%s\n' "${patches[@]}" |
	(cd "$repo" && PATH=/usr/bin:$PATH xargs -P "$JOBS" -n 1 \
		scripts/checkpatch.pl --strict --quiet --no-summary \
		--ignore ENOSYS,FILE_PATH_CHANGES) >&2 || status=1

# git am on the pristine tree gives the integrated tree.
git -C "$repo" checkout -q -f --detach pristine
if ! git -C "$repo" am -q "${patches[@]}" >&2; then
	echo "git am of the series fails on the pristine tree" >&2
	git -C "$repo" am --abort >/dev/null 2>&1 || true
	status=1
elif ! git -C "$repo" diff --quiet series HEAD; then
	echo "git am of the series does not give the integrated tree" >&2
	status=1
fi
git -C "$repo" checkout -q -f --detach series

[ $status = 0 ] && say "series: $(ls "$out" | wc -l) files in $out"
exit $status
