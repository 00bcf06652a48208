#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Static checks of everything uuidjail adds to the kernel, each reported
# as "ok NAME" or "not ok NAME" followed by its findings:
#   checkpatch --strict on every new file and on the patches, that every
#   mutant of make mutants still applies, kernel-doc on the sources, the
#   Sphinx build of the documentation, a W=1 build of security/uuidjail/
#   under sparse, W=1 builds of security/uuidjail/ for 32-bit x86 and
#   32-bit ARM, and the patch series (series.sh --build).
# Exits non-zero if any check has findings.
. "$(dirname "$0")/common.sh"

tree=$(integrated_tree)
status=0
# Each check reports its findings; none may stop the others.
set +e

report() {	# report NAME FINDINGS-FILE
	if [ -s "$2" ]; then
		echo "not ok $1"
		sed 's/^/#   /' "$2"
		status=1
	else
		echo "ok $1"
	fi
}

findings=$(mktemp)
trap 'rm -f "$findings" "$findings".*' EXIT

# The task_prctl hook must return -ENOSYS for options that are not its
# own (the LSM contract), which checkpatch flags wherever it appears.
checkpatch=("$tree/scripts/checkpatch.pl" --strict --quiet --no-summary
	    --ignore ENOSYS --root="$tree")

(cd "$TOP" && for f in security/uuidjail/* \
		tools/testing/selftests/uuidjail/* \
		tools/uuidjail/*.c \
		Documentation/admin-guide/LSM/uuidjail.rst \
		Documentation/userspace-api/uuidjail.rst \
		Documentation/ABI/testing/securityfs-uuidjail \
		harness/guest/*.c; do
	"${checkpatch[@]}" --no-tree -f "$f" 2>/dev/null
done) > "$findings"
report checkpatch-files "$findings"

(cd "$tree" && for p in "$TOP"/*.patch; do
	"${checkpatch[@]}" "$p" 2>/dev/null
done) > "$findings"
report checkpatch-patches "$findings"

# make mutants would silently test nothing with a mutant that no longer
# applies: each must match its source exactly once.
python3 "$HARNESS/mutants.py" --check > "$findings" 2>&1
report mutants-apply "$findings"

"$tree/scripts/kernel-doc" -none -Wall "$TOP"/security/uuidjail/*.[ch] \
	> "$findings" 2>&1
report kernel-doc "$findings"

# The documentation, built as the kernel builds it (Sphinx through make
# htmldocs, the ABI files through get_abi.py), only the directories that
# hold uuidjail's pages: any warning or error from a uuidjail file is a
# finding (the other pages of those directories link to documents that a
# partial build does not have, which Sphinx warns about).
docs=$(build_dir docs)
mkdir -p "$docs"
if ! command -v sphinx-build >/dev/null; then
	echo "no sphinx-build: run harness/deps.sh" > "$findings"
else
	make -s -C "$tree" O="$docs" SPHINXDIRS="admin-guide/LSM userspace-api" \
		htmldocs > "$findings.log" 2>&1 ||
		echo "make htmldocs failed" >> "$findings.log"
	sed "s|$tree/||g" "$findings.log" |
		grep -i -e uuidjail -e 'failed$' > "$findings" || true
	for f in admin-guide/LSM/uuidjail userspace-api/uuidjail; do
		[ -s "$docs/Documentation/output/$f.html" ] ||
			echo "$f.html was not built" >> "$findings"
	done
	rm -f "$findings.log"
fi
(cd "$tree" && python3 tools/docs/get_abi.py --dir Documentation/ABI \
	validate 2>&1 | sed "s|$tree/||g" | grep -i uuidjail) >> "$findings"
report docs "$findings"

# W=1 and sparse (C=2 checks every file, built or not) in a build
# directory of their own, so that the test kernel's objects keep their
# flags and nothing there is rebuilt for the checks. Linux 7.3 uses
# __typeof_unqual__, which no released sparse (Debian has 0.6.4) knows:
# the kernel would silently skip sparse, so spell it __typeof__ for sparse.
lint=$(build_dir lint)
mkdir -p "$lint"
cmp -s "$(build_dir base)/.config" "$lint/.config" ||
	cp "$(build_dir base)/.config" "$lint/.config"
make -s -C "$tree" O="$lint" -j"$JOBS" CC="ccache gcc" olddefconfig >/dev/null
make -s -C "$tree" O="$lint" -j"$JOBS" CC="ccache gcc" W=1 C=2 \
	CF="-D__typeof_unqual__=__typeof__" security/uuidjail/ \
	> "$findings" 2>&1 || echo "build failed" >> "$findings"
grep -v -e '^  CHECK ' -e '^make\[[0-9]*\]: ' "$findings" > "$findings.tmp"
mv "$findings.tmp" "$findings"
report sparse-and-W=1 "$findings"

# The same directory compiled for 32-bit kernels, where long and pointers
# are 4 bytes and u64 takes two registers: what only such a build rejects
# (a format that assumes u64 is long, a shift by 32 or more of a long, a
# size or alignment assertion) fails here, for x86 (cmpxchg8b atomics) and
# for an ARMv7 SMP platform (ldrexd/strexd atomics). A 64-bit division
# without div_u64() and friends only fails when vmlinux is linked, as a
# call to a libgcc helper the kernel does not have: look for those calls
# in the objects. Each has its own small configuration
# (harness/configs/lint-ARCH.list) and build directory; once prepared, a
# run with nothing changed takes seconds.
for arch in i386 arm; do
	flavour=lint-$arch
	list=$HARNESS/configs/$flavour.list
	mapfile -t kvars < <(grep -E '^(ARCH|CROSS_COMPILE)=' "$list")
	cross=$(sed -n 's/^CROSS_COMPILE=//p' "$list")
	out=$(build_dir "$flavour")
	: > "$findings"
	if ! command -v "${cross}gcc" >/dev/null; then
		echo "no ${cross}gcc: run harness/deps.sh" > "$findings"
	elif ! "$HARNESS/configure.sh" "$flavour" > "$findings.cfg" 2>&1; then
		grep -v 'new .config' "$findings.cfg" > "$findings"
	elif ! make -s -C "$tree" O="$out" -j"$JOBS" "${kvars[@]}" \
			CC="ccache ${cross}gcc" W=1 prepare \
			> "$findings.cfg" 2>&1; then
		{ echo "make prepare failed:"; tail -n 20 "$findings.cfg"; } \
			> "$findings"
	else
		make -s -C "$tree" O="$out" -j"$JOBS" "${kvars[@]}" \
			CC="ccache ${cross}gcc" W=1 security/uuidjail/ \
			> "$findings" 2>&1 || echo "build failed" >> "$findings"
		grep -v '^make\[[0-9]*\]: ' "$findings" > "$findings.tmp"
		mv "$findings.tmp" "$findings"
		"${cross}nm" -A -u "$out"/security/uuidjail/*.o 2>&1 |
			grep -E ' U __(u?div|u?mod)di3$| U __aeabi_u?ldivmod$' |
			sed "s|^$out/||; s|\$| (a 64-bit division: use div_u64())|" \
			>> "$findings"
	fi
	rm -f "$findings.cfg"
	report "W=1-$arch" "$findings"
done

# The series the LSM list would get (harness/series.sh): every patch
# checkpatch-clean and built with W=1, git am gives the integrated tree.
"$HARNESS/series.sh" --build > /dev/null 2> "$findings.log" ||
	echo "series.sh failed" >> "$findings.log"
grep -v '^\[uuidjail\] [^e]' "$findings.log" > "$findings" || true
rm -f "$findings.log"
report series "$findings"

exit $status
