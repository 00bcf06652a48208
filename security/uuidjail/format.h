/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Text formats of the user interfaces
 */

#ifndef _SECURITY_UUIDJAIL_FORMAT_H
#define _SECURITY_UUIDJAIL_FORMAT_H

#include <linux/types.h>

#include "label.h"

/* "restricted id1=<20 digits> id2=<20 digits>" and a NUL. */
#define UUIDJAIL_LABEL_TEXT_MAX 64

int uuidjail_parse_enter(const char *buf, size_t len);
int uuidjail_format_label(const struct uuidjail_label *label, char *buf,
			  size_t size);

#endif /* _SECURITY_UUIDJAIL_FORMAT_H */
