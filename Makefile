# SPDX-License-Identifier: GPL-2.0
#
# uuidjail: build a kernel with the LSM, boot it under QEMU and use it.
#
#   make run     build if needed, boot, show the access matrix as observed
#   make check   build if needed, boot, run KUnit and the kselftests
#   make shell   boot into a busybox shell with uuidjail enabled
#
# KSRC=/path/to/linux uses that tree (7.3 or newer) instead of Debian's
# linux-source-7.3; it is never modified. See README.md.

H := harness
FLAVOUR ?= base

.PHONY: all run check shell deps kernel guest clean distclean

all: run

deps:
	@$(H)/deps.sh

kernel: deps
	@$(H)/fetch-kernel.sh
	@$(H)/integrate.sh
	@$(H)/configure.sh $(FLAVOUR)
	@$(H)/build-kernel.sh $(FLAVOUR)

guest: kernel
	@$(H)/build-guest.sh $(FLAVOUR)

run: guest
	@$(H)/run-vm.sh demo $(FLAVOUR)
	@$(H)/demo-report.sh $(FLAVOUR)

check: guest
	@$(H)/check.sh $(FLAVOUR)

shell: guest
	@$(H)/run-vm.sh shell $(FLAVOUR)

clean:
	rm -rf build

# Also drops the shared cache: downloads, trees, kernel builds, ccache.
distclean: clean
	rm -rf "$${UUIDJAIL_CACHE:-$${XDG_CACHE_HOME:-$$HOME/.cache}/uuidjail}"
