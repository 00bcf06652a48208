#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the integrated tree: the pristine kernel plus this repository's
# kernel-path files and patches. The pristine tree is only read.
#
# Files are rewritten only when their content changes, so a re-run with
# nothing changed leaves every timestamp alone and make rebuilds nothing.
# Anything in the integrated tree that is neither pristine nor ours (a file
# an older revision added, a patch since dropped) is reverted or deleted.
. "$(dirname "$0")/common.sh"

src=$(pristine_tree)
tree=$(integrated_tree)
stage=$(mktemp -d "$CACHE/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT

patches=("$TOP"/*.patch)
[ -e "${patches[0]}" ] || die "no patches found in $TOP"

# 1. Stage the pristine copies of the files the patches touch, our own
#    kernel-path files, then apply the patches to the stage.
for p in "${patches[@]}"; do
	sed -n 's|^--- a/||p' "$p"
done | sort -u | while read -r f; do
	[ -f "$src/$f" ] || die "a patch edits $f, which is not in $src"
	mkdir -p "$stage/$(dirname "$f")"
	cp "$src/$f" "$stage/$f"
done
for d in security Documentation tools; do
	cp -r "$TOP/$d" "$stage/"
done
cp "$TOP/kunit/uuidjail.kunitconfig" "$stage/security/uuidjail/.kunitconfig"
for p in "${patches[@]}"; do
	GIT_CEILING_DIRECTORIES=$CACHE git -C "$stage" apply --whitespace=error-all "$p" ||
		die "$(basename "$p") does not apply to $src"
done

# 2. Mirror the pristine tree, leaving staged paths to step 3. Directories
#    the pristine tree lacks (security/uuidjail/, ...) are wholly ours.
(cd "$stage" && find . -mindepth 1 -type d | sed 's|^\./||') |
	while read -r d; do
		[ -d "$src/$d" ] || [ ! -d "$src/$(dirname "$d")" ] || echo "$d"
	done > "$stage.own"
trap 'rm -rf "$stage" "$stage.own" "$stage.list"' EXIT
# What the integrated tree has of ours: every staged file, one path a
# line (series.sh commits exactly these).
(cd "$stage" && find . -type f | sed 's|^\./||' | sort) > "$tree.files"
{
	sed 's|^\(.*\)$|/\1/|' "$stage.own"
	sed 's|^|/|' "$tree.files"
} > "$stage.list"
mkdir -p "$tree"
rsync -a --delete --exclude=/.git --exclude-from="$stage.list" "$src/" "$tree/"

# 3. Copy staged files whose content differs; in our own directories,
#    also delete what is no longer staged.
rsync -rc "$stage/" "$tree/"
while read -r d; do
	rsync -rc --delete "$stage/$d/" "$tree/$d/"
done < "$stage.own"
say "integrated tree: $tree"
