/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * uuidjail LSM - Labels and the access matrix
 */

#ifndef _SECURITY_UUIDJAIL_LABEL_H
#define _SECURITY_UUIDJAIL_LABEL_H

#include <linux/types.h>

/**
 * struct uuidjail_label - The ids that name a jail and a sub-jail
 * @id1: the jail, or 0 for an unrestricted task
 * @id2: the sub-jail inside @id1, or 0 for none
 *
 * (0, 0) is unrestricted, (id1, 0) half-restricted and (id1, id2)
 * restricted; (0, id2) never exists.  A label is a value: tasks carry
 * theirs in a &struct uuidjail_jail, which never changes once published.
 */
struct uuidjail_label {
	u64 id1;
	u64 id2;
};

/**
 * enum uuidjail_state - The three states, as PR_UUIDJAIL_GET reports them
 * @UUIDJAIL_UNRESTRICTED: no jail
 * @UUIDJAIL_HALF_RESTRICTED: in a jail (id1 only)
 * @UUIDJAIL_RESTRICTED: in a sub-jail of a jail (id1 and id2)
 */
enum uuidjail_state {
	UUIDJAIL_UNRESTRICTED = 0,
	UUIDJAIL_HALF_RESTRICTED = 1,
	UUIDJAIL_RESTRICTED = 2,
};

bool uuidjail_may_act(const struct uuidjail_label *subject,
		      const struct uuidjail_label *object);
bool uuidjail_may_reach(const struct uuidjail_label *local,
			const struct uuidjail_label *remote, bool sealed);
enum uuidjail_state uuidjail_state(const struct uuidjail_label *label);

#endif /* _SECURITY_UUIDJAIL_LABEL_H */
