// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - Text formats of the user interfaces
 *
 * Pure functions, shared by securityfs and the LSM syscalls, so that each
 * format is defined once and unit-tested.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "format.h"
#include "label.h"

/**
 * uuidjail_parse_enter - Parse what was written to enter1 or enter2
 * @buf: the bytes written (not NUL-terminated)
 * @len: their number
 * @sealed: set to whether the payload asks for a sealed jail
 *
 * The only valid payloads are "1" and "1 sealed", each optionally followed
 * by one newline; everything else, including other blanks, other words
 * and other numbers, is rejected so that the interface can grow later
 * without ambiguity.
 *
 * Return: 0 for a valid payload, -EINVAL otherwise (@sealed is then left
 * unspecified).
 */
int uuidjail_parse_enter(const char *buf, size_t len, bool *sealed)
{
	static const char seal[] = " sealed";

	if (len && buf[len - 1] == '\n')
		len--;
	if (len == 0 || buf[0] != '1')
		return -EINVAL;
	*sealed = len > 1;
	if (*sealed && (len != sizeof(seal) || memcmp(buf + 1, seal, len - 1)))
		return -EINVAL;
	return 0;
}

/**
 * uuidjail_parse_name - Parse the name of a jail
 * @buf: the bytes given (not NUL-terminated)
 * @len: their number
 * @name: where to write the name, NUL-terminated; UUIDJAIL_NAME_MAX + 1
 *        bytes
 *
 * A name is 1 to UUIDJAIL_NAME_MAX printable ASCII characters other than
 * the space, optionally followed by one newline: it can be shown in a
 * column of the admin view and in an audit record as it is, and cannot
 * pass for anything else there.
 *
 * Return: 0 for a valid name, -EINVAL otherwise (@name is then left
 * unspecified).
 */
int uuidjail_parse_name(const char *buf, size_t len, char *name)
{
	size_t i;

	if (len && buf[len - 1] == '\n')
		len--;
	if (len == 0 || len > UUIDJAIL_NAME_MAX)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (buf[i] <= ' ' || buf[i] > '~')
			return -EINVAL;
		name[i] = buf[i];
	}
	name[len] = '\0';
	return 0;
}

/**
 * uuidjail_state_name - Name the state of a label, as the admin view does
 * @label: the label
 *
 * Return: "unrestricted", "half-restricted" or "restricted".
 */
const char *uuidjail_state_name(const struct uuidjail_label *label)
{
	switch (uuidjail_state(label)) {
	case UUIDJAIL_UNRESTRICTED:
		return "unrestricted";
	case UUIDJAIL_HALF_RESTRICTED:
		return "half-restricted";
	case UUIDJAIL_RESTRICTED:
	default:
		return "restricted";
	}
}

/**
 * uuidjail_format_label - Format a label as the "self" file shows it
 * @label: the label
 * @sealed: whether its jail is sealed (never for an unrestricted label)
 * @buf: where to write the NUL-terminated text, without a newline
 * @size: size of @buf, at least UUIDJAIL_LABEL_TEXT_MAX
 *
 * Return: the length of the text, without the NUL.
 */
int uuidjail_format_label(const struct uuidjail_label *label, bool sealed,
			  char *buf, size_t size)
{
	const char *const tail = sealed ? " sealed" : "";

	switch (uuidjail_state(label)) {
	case UUIDJAIL_UNRESTRICTED:
		return scnprintf(buf, size, "unrestricted");
	case UUIDJAIL_HALF_RESTRICTED:
		return scnprintf(buf, size, "half-restricted id1=%llu%s",
				 label->id1, tail);
	case UUIDJAIL_RESTRICTED:
	default:
		return scnprintf(buf, size, "restricted id1=%llu id2=%llu%s",
				 label->id1, label->id2, tail);
	}
}
