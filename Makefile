# SPDX-License-Identifier: GPL-2.0
#
# uuidjail: build a kernel with the LSM, boot it under QEMU and use it.
#
#   make run       build if needed, boot, show the access matrix as observed
#   make check     static checks, then KUnit and the kselftests on the base
#                  kernel (uuidjail last, first and alone in lsm=) and on
#                  the debug kernel (KASAN, lockdep, UBSAN, ...)
#   make shell     boot into a busybox shell with uuidjail enabled
#   make mutants   show that deleting any check or hook fails the tests
#   make check-i386  static checks, then the suites on a 32-bit x86 kernel
#   make bench     what uuidjail costs, beside the kernel without it and
#                  Landlock (figures only; build/bench/)
#   make deb CONFIG=/boot/config-$(uname -r) [LOCALMODCONFIG=1]
#                  Debian packages of the kernel with uuidjail, built from
#                  that configuration (build/deb/)
#   make host      the base kernel packaged, installed with dpkg into a
#                  Debian image with systemd, libvirt, qemu and swtpm, and
#                  booted (build/host/host.log)
#   make series [VERSION=2]
#                  the patch series for the LSM list, on the pristine tree
#                  (build/series/; see harness/series/)
#   make check-series
#                  the series, with every patch built (W=1); make check
#                  runs it with the static checks
#   make fuzz [MINUTES=10]
#                  trinity as an unprivileged user in a jail on the debug
#                  kernel, beside canaries it must not reach
#
# FLAVOURS="base" checks the base kernel only. KSRC=/path/to/linux uses
# that tree (7.3 or newer) instead of Debian's linux-source-7.3; it is
# never modified. See README.md.

H := harness
FLAVOURS ?= base debug

.PHONY: all run check check-i386 shell mutants bench deb host fuzz deps source \
	series check-series \
	kernels guests clean distclean

all: run

deps:
	@$(H)/deps.sh $(FLAVOURS)

source: deps
	@$(H)/fetch-kernel.sh
	@$(H)/integrate.sh

# Build one flavour after the other: never two kernel builds at once.
kernels: source
	@for f in $(FLAVOURS); do \
		$(H)/configure.sh $$f && $(H)/build-kernel.sh $$f || exit 1; \
	done

guests: kernels
	@for f in $(FLAVOURS); do $(H)/build-guest.sh $$f || exit 1; done

run: FLAVOURS = base
run: guests
	@$(H)/run-vm.sh demo base
	@$(H)/demo-report.sh base

check: guests
	@$(H)/check.sh $(FLAVOURS)

# A full kernel build of its own (harness/configs/i386.list): not part of
# the default check.
check-i386:
	@$(MAKE) --no-print-directory check FLAVOURS=i386

bench: FLAVOURS = bench
bench: guests
	@$(H)/bench.sh

deb: source
	@$(H)/deb.sh "$(CONFIG)"

host: FLAVOURS = base
host: guests
	@$(H)/host.sh

series: source
	@$(H)/series.sh $(VERSION)

check-series: source
	@$(H)/series.sh --build $(VERSION)

fuzz: FLAVOURS = debug
fuzz: guests
	@$(H)/fuzz.sh $(MINUTES)

shell: FLAVOURS = base
shell: guests
	@$(H)/run-vm.sh shell base

mutants: FLAVOURS = base
mutants: guests
	@$(H)/mutants.py

clean:
	rm -rf build

# Also drops the shared cache: downloads, trees, kernel builds, ccache.
distclean: clean
	rm -rf "$${UUIDJAIL_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/uuidjail}"
