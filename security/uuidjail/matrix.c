// SPDX-License-Identifier: GPL-2.0-only
/*
 * uuidjail LSM - The access matrix
 *
 * The one place that decides who may act on whom; every hook only maps
 * its arguments to a subject and an object label.
 */

#include "label.h"

/**
 * uuidjail_may_act - Decide whether a subject may act on an object
 * @subject: label of the acting task
 * @object: label of the task acted upon
 *
 * An unrestricted subject may act on anyone; a half-restricted one on
 * unrestricted tasks and on its own jail; a restricted one only on its own
 * jail, and there only on the half-restricted tasks and on its own
 * sub-jail.
 *
 * Return: true if the action is allowed.
 */
bool uuidjail_may_act(const struct uuidjail_label *subject,
		      const struct uuidjail_label *object)
{
	/* Quick return for unjailed subjects: the common case costs one test. */
	if (!subject->id1)
		return true;

	if (object->id1 != subject->id1)
		return !subject->id2 && !object->id1;

	return !subject->id2 || !object->id2 || object->id2 == subject->id2;
}

/**
 * uuidjail_may_reach - Decide whether a task may reach a UNIX socket
 * @local: label of the task that connects or sends
 * @remote: label of the socket it reaches
 * @sealed: whether the jail of the task is sealed
 *
 * The access matrix, except that a socket of an unrestricted task is open
 * to everyone but sealed jails: jailed programs keep talking to system
 * services unless they asked to reach nothing outside their jail.  For a
 * sealed jail the matrix alone decides, which for a half-restricted task
 * also keeps it off unrestricted sockets: a sealed jail or sub-jail
 * reaches the sockets of its own jail that the matrix lets it act on.
 *
 * Return: true if the connection or the datagram is allowed.
 */
bool uuidjail_may_reach(const struct uuidjail_label *local,
			const struct uuidjail_label *remote, const bool sealed)
{
	if (!remote->id1)
		return !sealed;
	return uuidjail_may_act(local, remote);
}

/**
 * uuidjail_state - Tell the state of a label
 * @label: the label
 *
 * Return: UUIDJAIL_UNRESTRICTED, UUIDJAIL_HALF_RESTRICTED or
 * UUIDJAIL_RESTRICTED.
 */
enum uuidjail_state uuidjail_state(const struct uuidjail_label *label)
{
	if (!label->id1)
		return UUIDJAIL_UNRESTRICTED;
	if (!label->id2)
		return UUIDJAIL_HALF_RESTRICTED;
	return UUIDJAIL_RESTRICTED;
}
