/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Common definitions
 */

#ifndef _SECURITY_UUIDJAIL_COMMON_H
#define _SECURITY_UUIDJAIL_COMMON_H

#define UUIDJAIL_NAME "uuidjail"

/*
 * The version of the rules, as PR_UUIDJAIL_GET_ABI and the abi file give
 * it.  Raised by one whenever a release covers more ways of acting on a
 * task or a socket, or adds an interface; the admin guide lists what
 * each version adds.  The matrix, the states and the errnos never
 * change.
 */
#define UUIDJAIL_ABI_VERSION 1

#undef pr_fmt
#define pr_fmt(fmt) UUIDJAIL_NAME ": " fmt

#endif /* _SECURITY_UUIDJAIL_COMMON_H */
