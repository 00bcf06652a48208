/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Text formats of the user interfaces
 */

#ifndef _SECURITY_UUIDJAIL_FORMAT_H
#define _SECURITY_UUIDJAIL_FORMAT_H

#include <linux/types.h>

#include "label.h"

/* "restricted id1=<20 digits> id2=<20 digits> sealed" and a NUL. */
#define UUIDJAIL_LABEL_TEXT_MAX 72

/* The longest payload of enter1 and enter2: "1 sealed\n". */
#define UUIDJAIL_ENTER_TEXT_MAX 9

/* The longest name of a jail: a UUID (36) or a unit name fits. */
#define UUIDJAIL_NAME_MAX 63

int uuidjail_parse_enter(const char *buf, size_t len, bool *sealed);
int uuidjail_parse_name(const char *buf, size_t len, char *name);
int uuidjail_format_label(const struct uuidjail_label *label, bool sealed,
			  char *buf, size_t size);
const char *uuidjail_state_name(const struct uuidjail_label *label);

#endif /* _SECURITY_UUIDJAIL_FORMAT_H */
