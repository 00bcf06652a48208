/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uuidjail selftests - The 14 cells of the access matrix
 *
 * Each variant builds one pair of tasks: the test process P (the subject)
 * and its child C (the object).  P enters @subject_before_fork levels,
 * forks C (which inherits P's label), C enters @object_after_fork more
 * levels and P enters @subject_after_fork more levels.  @allowed is what
 * the matrix says of P acting on C, @reverse_allowed of C acting on P.
 *
 * Pictures: [A] is a jail with id1 A, [A/a] its sub-jail with id2 a,
 * "." is unrestricted.
 */

/* P .  C . */
FIXTURE_VARIANT_ADD(matrix, unrestricted_on_unrestricted) {
	.subject_before_fork = 0, .object_after_fork = 0,
	.subject_after_fork = 0, .allowed = true, .reverse_allowed = true,
};

/* P .  C [B] */
FIXTURE_VARIANT_ADD(matrix, unrestricted_on_half) {
	.subject_before_fork = 0, .object_after_fork = 1,
	.subject_after_fork = 0, .allowed = true, .reverse_allowed = true,
};

/* P .  C [B/b] */
FIXTURE_VARIANT_ADD(matrix, unrestricted_on_restricted) {
	.subject_before_fork = 0, .object_after_fork = 2,
	.subject_after_fork = 0, .allowed = true, .reverse_allowed = false,
};

/* P [A]  C . */
FIXTURE_VARIANT_ADD(matrix, half_on_unrestricted) {
	.subject_before_fork = 0, .object_after_fork = 0,
	.subject_after_fork = 1, .allowed = true, .reverse_allowed = true,
};

/* P [A]  C [A] */
FIXTURE_VARIANT_ADD(matrix, half_on_half_same_id1) {
	.subject_before_fork = 1, .object_after_fork = 0,
	.subject_after_fork = 0, .allowed = true, .reverse_allowed = true,
};

/* P [A]  C [B] */
FIXTURE_VARIANT_ADD(matrix, half_on_half_other_id1) {
	.subject_before_fork = 0, .object_after_fork = 1,
	.subject_after_fork = 1, .allowed = false, .reverse_allowed = false,
};

/* P [A]  C [A/b] */
FIXTURE_VARIANT_ADD(matrix, half_on_restricted_same_id1) {
	.subject_before_fork = 1, .object_after_fork = 1,
	.subject_after_fork = 0, .allowed = true, .reverse_allowed = true,
};

/* P [A]  C [B/b] */
FIXTURE_VARIANT_ADD(matrix, half_on_restricted_other_id1) {
	.subject_before_fork = 0, .object_after_fork = 2,
	.subject_after_fork = 1, .allowed = false, .reverse_allowed = false,
};

/* P [A/a]  C . */
FIXTURE_VARIANT_ADD(matrix, restricted_on_unrestricted) {
	.subject_before_fork = 0, .object_after_fork = 0,
	.subject_after_fork = 2, .allowed = false, .reverse_allowed = true,
};

/* P [A/a]  C [A] */
FIXTURE_VARIANT_ADD(matrix, restricted_on_half_same_id1) {
	.subject_before_fork = 1, .object_after_fork = 0,
	.subject_after_fork = 1, .allowed = true, .reverse_allowed = true,
};

/* P [A/a]  C [B] */
FIXTURE_VARIANT_ADD(matrix, restricted_on_half_other_id1) {
	.subject_before_fork = 0, .object_after_fork = 1,
	.subject_after_fork = 2, .allowed = false, .reverse_allowed = false,
};

/* P [A/a]  C [A/a] */
FIXTURE_VARIANT_ADD(matrix, restricted_on_restricted_same_ids) {
	.subject_before_fork = 2, .object_after_fork = 0,
	.subject_after_fork = 0, .allowed = true, .reverse_allowed = true,
};

/* P [A/a]  C [A/b] */
FIXTURE_VARIANT_ADD(matrix, restricted_on_restricted_other_id2) {
	.subject_before_fork = 1, .object_after_fork = 1,
	.subject_after_fork = 1, .allowed = false, .reverse_allowed = false,
};

/* P [A/a]  C [B/b] */
FIXTURE_VARIANT_ADD(matrix, restricted_on_restricted_other_id1) {
	.subject_before_fork = 0, .object_after_fork = 2,
	.subject_after_fork = 2, .allowed = false, .reverse_allowed = false,
};
