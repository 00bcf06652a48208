/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Common definitions
 */

#ifndef _SECURITY_UUIDJAIL_COMMON_H
#define _SECURITY_UUIDJAIL_COMMON_H

#define UUIDJAIL_NAME "uuidjail"

#undef pr_fmt
#define pr_fmt(fmt) UUIDJAIL_NAME ": " fmt

#endif /* _SECURITY_UUIDJAIL_COMMON_H */
