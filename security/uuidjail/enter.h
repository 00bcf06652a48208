/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Entering a jail
 */

#ifndef _SECURITY_UUIDJAIL_ENTER_H
#define _SECURITY_UUIDJAIL_ENTER_H

#include <linux/types.h>

#include "label.h"

int uuidjail_enter_check(const struct uuidjail_label *label,
			 unsigned long level, bool alone);
int uuidjail_enter(unsigned long level, bool sealed);

#endif /* _SECURITY_UUIDJAIL_ENTER_H */
