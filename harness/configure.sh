#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Generate .config for one flavour: tinyconfig plus the fragments named in
# harness/configs/FLAVOUR.list. Fails, naming the option, when an option a
# fragment asks for did not survive olddefconfig (an unmet dependency).
# The build directory's .config is replaced only when it changes.
#
# ARCH=... and CROSS_COMPILE=... lines in the list configure for another
# architecture (e.g. ARCH=i386); without them, for the host (x86_64).
. "$(dirname "$0")/common.sh"

flavour=${1:-base}
list=$HARNESS/configs/$flavour.list
[ -f "$list" ] || die "unknown flavour $flavour (no $list)"
tree=$(integrated_tree)
out=$(build_dir "$flavour")
gen=$out.config-gen
mkdir -p "$out" "$gen"

fragments=()
kvars=()
while read -r f; do
	case $f in
	''|'#'*) continue ;;
	ARCH=*|CROSS_COMPILE=*) kvars+=("$f") ;;
	*) fragments+=("$HARNESS/configs/$f") ;;
	esac
done < "$list"

# Skip the whole generation when no input changed: the fragments and every
# Kconfig file of the tree.
inputs=$( { cat "$list" "${fragments[@]}"
	    cd "$tree" && find . -name 'Kconfig*' -type f | sort | xargs cat
	  } | sha1sum | cut -d' ' -f1)
if [ -f "$out/.config" ] && [ "$(cat "$out/.config.inputs" 2>/dev/null)" = "$inputs" ]; then
	exit 0
fi

make -s -C "$tree" O="$gen" "${kvars[@]}" tinyconfig >/dev/null
"$tree/scripts/kconfig/merge_config.sh" -m -O "$gen" "$gen/.config" \
	"${fragments[@]}" >/dev/null
make -s -C "$tree" O="$gen" "${kvars[@]}" olddefconfig >/dev/null

# Every CONFIG_X=v and "# CONFIG_X is not set" asked for must be in .config.
# A later fragment may override an earlier one (e.g. i386.config turning
# off base.config's CONFIG_64BIT): only the last request counts.
declare -A want_of from_of
opts=()
for f in "${fragments[@]}"; do
	while read -r line; do
		case $line in
		CONFIG_*=*) want=$line ;;
		'# CONFIG_'*' is not set') want=$line ;;
		*) continue ;;
		esac
		opt=${want#\# }
		opt=${opt%%[= ]*}
		[ -n "${want_of[$opt]+set}" ] || opts+=("$opt")
		want_of[$opt]=$want
		from_of[$opt]=$(basename "$f")
	done < "$f"
done
missing=0
for opt in "${opts[@]}"; do
	want=${want_of[$opt]}
	if ! grep -qxF -- "$want" "$gen/.config"; then
		case $want in
		*=n|*' is not set')
			grep -q "^$opt=" "$gen/.config" || continue ;;
		esac
		got=$(grep -E "^(# )?$opt[= ]" "$gen/.config" || echo "absent")
		say "${from_of[$opt]}: asked for '$want', got '$got'"
		missing=1
	fi
done
[ "$missing" = 0 ] || die "config options did not survive olddefconfig"

if ! cmp -s "$gen/.config" "$out/.config"; then
	cp "$gen/.config" "$out/.config"
	say "new .config for flavour $flavour"
fi
echo "$inputs" > "$out/.config.inputs"
