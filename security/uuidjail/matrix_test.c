// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for the uuidjail access matrix
 */

#include <kunit/test.h>

#include "label.h"

/* Two jail ids (id1) and two sub-jail ids (id2). */
#define JA 11
#define JB 22
#define SA 33
#define SB 44

struct matrix_case {
	const char *name;
	struct uuidjail_label subject;
	struct uuidjail_label object;
	bool allowed;
};

#define CELL(_name, _s1, _s2, _o1, _o2, _allowed) \
	{ _name, { _s1, _s2 }, { _o1, _o2 }, _allowed }

/* The 14 (subject state x object relation) cells of the admin guide's matrix, and more. */
static const struct matrix_case matrix_cases[] = {
	CELL("unrestricted on unrestricted", 0, 0, 0, 0, true),
	CELL("unrestricted on half", 0, 0, JA, 0, true),
	CELL("unrestricted on restricted", 0, 0, JA, SA, true),
	CELL("half on unrestricted", JA, 0, 0, 0, true),
	CELL("half on half same id1", JA, 0, JA, 0, true),
	CELL("half on half other id1", JA, 0, JB, 0, false),
	CELL("half on restricted same id1", JA, 0, JA, SA, true),
	CELL("half on restricted other id1", JA, 0, JB, SA, false),
	CELL("restricted on unrestricted", JA, SA, 0, 0, false),
	CELL("restricted on half same id1", JA, SA, JA, 0, true),
	CELL("restricted on half other id1", JA, SA, JB, 0, false),
	CELL("restricted on restricted same ids", JA, SA, JA, SA, true),
	CELL("restricted on restricted other id2", JA, SA, JA, SB, false),
	CELL("restricted on restricted other id1", JA, SA, JB, SB, false),
	/* An equal id2 under another id1 is not the same sub-jail. */
	CELL("restricted on other id1 same id2", JA, SA, JB, SA, false),
	/* Ids of both levels come from one counter; values never alias. */
	CELL("half on other id1 whose id2 is our id1", JA, 0, JB, JA, false),
};

static void matrix_case_desc(const struct matrix_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(matrix, matrix_cases, matrix_case_desc);

static void test_matrix_cell(struct kunit *const test)
{
	const struct matrix_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test, uuidjail_may_act(&c->subject, &c->object),
			c->allowed);
}

/*
 * The matrix as the admin guide's table states it, by state and relation, to
 * cross-check uuidjail_may_act() on every label made of ids 0, 1 and 2.
 */
static bool reference_may_act(const struct uuidjail_label *s,
			      const struct uuidjail_label *o)
{
	const bool same1 = o->id1 == s->id1;
	const bool same2 = o->id2 == s->id2;

	switch (uuidjail_state(s)) {
	case UUIDJAIL_UNRESTRICTED:
		return true;
	case UUIDJAIL_HALF_RESTRICTED:
		return uuidjail_state(o) == UUIDJAIL_UNRESTRICTED || same1;
	case UUIDJAIL_RESTRICTED:
	default:
		switch (uuidjail_state(o)) {
		case UUIDJAIL_UNRESTRICTED:
			return false;
		case UUIDJAIL_HALF_RESTRICTED:
			return same1;
		case UUIDJAIL_RESTRICTED:
		default:
			return same1 && same2;
		}
	}
}

/*
 * The @i-th of the 3^4 pairs of labels made of ids 0, 1 and 2: false for
 * those that cannot exist (an id2 without an id1).
 */
static bool label_pair(const unsigned int i, struct uuidjail_label *const a,
		       struct uuidjail_label *const b)
{
	*a = (struct uuidjail_label){ i % 3, (i / 3) % 3 };
	*b = (struct uuidjail_label){ (i / 9) % 3, (i / 27) % 3 };
	return (a->id1 || !a->id2) && (b->id1 || !b->id2);
}

#define LABEL_PAIRS 81

static void test_matrix_exhaustive(struct kunit *const test)
{
	struct uuidjail_label s, o;
	unsigned int i, checked = 0;

	for (i = 0; i < LABEL_PAIRS; i++) {
		if (!label_pair(i, &s, &o))
			continue;
		KUNIT_EXPECT_EQ_MSG(test, uuidjail_may_act(&s, &o),
				    reference_may_act(&s, &o),
				    "subject (%llu,%llu) object (%llu,%llu)",
				    s.id1, s.id2, o.id1, o.id2);
		checked++;
	}
	KUNIT_EXPECT_EQ(test, checked, 49);
}

/* A task may always act on itself, whatever its state. */
static void test_matrix_self(struct kunit *const test)
{
	const struct uuidjail_label labels[] = {
		{ 0, 0 }, { JA, 0 }, { JA, SA }
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(labels); i++)
		KUNIT_EXPECT_TRUE(test,
				  uuidjail_may_act(&labels[i], &labels[i]));
}

/* The 14 (local state x remote state x same or other ids) cells of sockets. */
static const struct matrix_case reach_cases[] = {
	CELL("unrestricted to unrestricted", 0, 0, 0, 0, true),
	CELL("unrestricted to half", 0, 0, JA, 0, true),
	CELL("unrestricted to restricted", 0, 0, JA, SA, true),
	CELL("half to unrestricted", JA, 0, 0, 0, true),
	CELL("half to half same id1", JA, 0, JA, 0, true),
	CELL("half to half other id1", JA, 0, JB, 0, false),
	CELL("half to restricted same id1", JA, 0, JA, SA, true),
	CELL("half to restricted other id1", JA, 0, JB, SA, false),
	/* The one cell where sockets differ from tasks. */
	CELL("restricted to unrestricted", JA, SA, 0, 0, true),
	CELL("restricted to half same id1", JA, SA, JA, 0, true),
	CELL("restricted to half other id1", JA, SA, JB, 0, false),
	CELL("restricted to restricted same ids", JA, SA, JA, SA, true),
	CELL("restricted to restricted other id2", JA, SA, JA, SB, false),
	CELL("restricted to restricted other id1", JA, SA, JB, SB, false),
};

KUNIT_ARRAY_PARAM(reach, reach_cases, matrix_case_desc);

static void test_reach_cell(struct kunit *const test)
{
	const struct matrix_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test,
			uuidjail_may_reach(&c->subject, &c->object, false),
			c->allowed);
}

/* The 11 cells of a sealed local: an unrestricted task is never sealed. */
static const struct matrix_case sealed_reach_cases[] = {
	CELL("sealed half to unrestricted", JA, 0, 0, 0, false),
	CELL("sealed half to half same id1", JA, 0, JA, 0, true),
	CELL("sealed half to half other id1", JA, 0, JB, 0, false),
	CELL("sealed half to restricted same id1", JA, 0, JA, SA, true),
	CELL("sealed half to restricted other id1", JA, 0, JB, SA, false),
	CELL("sealed restricted to unrestricted", JA, SA, 0, 0, false),
	CELL("sealed restricted to half same id1", JA, SA, JA, 0, true),
	CELL("sealed restricted to half other id1", JA, SA, JB, 0, false),
	CELL("sealed restricted to restricted same ids", JA, SA, JA, SA, true),
	CELL("sealed restricted to restricted other id2", JA, SA, JA, SB, false),
	CELL("sealed restricted to restricted other id1", JA, SA, JB, SB, false),
};

KUNIT_ARRAY_PARAM(sealed_reach, sealed_reach_cases, matrix_case_desc);

static void test_sealed_reach_cell(struct kunit *const test)
{
	const struct matrix_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test,
			uuidjail_may_reach(&c->subject, &c->object, true),
			c->allowed);
}

/*
 * On every label made of ids 0, 1 and 2: reaching a socket is acting on
 * a task, but for unrestricted remotes, which everyone may reach.  The
 * two differ on exactly the (restricted, unrestricted) pairs.
 */
static void test_reach_is_matrix_but_unrestricted(struct kunit *const test)
{
	struct uuidjail_label l, r;
	unsigned int i, differ = 0;

	for (i = 0; i < LABEL_PAIRS; i++) {
		if (!label_pair(i, &l, &r))
			continue;
		if (uuidjail_state(&r) == UUIDJAIL_UNRESTRICTED)
			KUNIT_EXPECT_TRUE(test, uuidjail_may_reach(&l, &r, false));
		else
			KUNIT_EXPECT_EQ_MSG(test, uuidjail_may_reach(&l, &r, false),
					    uuidjail_may_act(&l, &r),
					    "local (%llu,%llu) remote (%llu,%llu)",
					    l.id1, l.id2, r.id1, r.id2);
		if (uuidjail_may_reach(&l, &r, false) != uuidjail_may_act(&l, &r)) {
			KUNIT_EXPECT_EQ(test, uuidjail_state(&l),
					UUIDJAIL_RESTRICTED);
			KUNIT_EXPECT_EQ(test, uuidjail_state(&r),
					UUIDJAIL_UNRESTRICTED);
			differ++;
		}
	}
	/* Four restricted labels: (1,1), (1,2), (2,1), (2,2). */
	KUNIT_EXPECT_EQ(test, differ, 4);
}

/*
 * On every label made of ids 0, 1 and 2: a sealed jail reaches exactly
 * the sockets whose label the matrix lets it act on, so none outside its
 * own jail, and never more than an unsealed one.
 */
static void test_sealed_reach_is_matrix(struct kunit *const test)
{
	struct uuidjail_label l, r;
	unsigned int i, checked = 0;

	for (i = 0; i < LABEL_PAIRS; i++) {
		if (!label_pair(i, &l, &r) || !l.id1)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, uuidjail_may_reach(&l, &r, true),
				    uuidjail_may_act(&l, &r) && r.id1 == l.id1,
				    "local (%llu,%llu) remote (%llu,%llu)",
				    l.id1, l.id2, r.id1, r.id2);
		if (uuidjail_may_reach(&l, &r, true))
			KUNIT_EXPECT_TRUE(test,
					  uuidjail_may_reach(&l, &r, false));
		checked++;
	}
	/* Six jailed locals, seven labels each. */
	KUNIT_EXPECT_EQ(test, checked, 42);
}

static void test_state(struct kunit *const test)
{
	const struct uuidjail_label none = { 0, 0 }, half = { JA, 0 },
				    full = { JA, SA };

	KUNIT_EXPECT_EQ(test, uuidjail_state(&none), UUIDJAIL_UNRESTRICTED);
	KUNIT_EXPECT_EQ(test, uuidjail_state(&half), UUIDJAIL_HALF_RESTRICTED);
	KUNIT_EXPECT_EQ(test, uuidjail_state(&full), UUIDJAIL_RESTRICTED);
}

static struct kunit_case uuidjail_matrix_test_cases[] = {
	KUNIT_CASE_PARAM(test_matrix_cell, matrix_gen_params),
	KUNIT_CASE(test_matrix_exhaustive),
	KUNIT_CASE(test_matrix_self),
	KUNIT_CASE_PARAM(test_reach_cell, reach_gen_params),
	KUNIT_CASE(test_reach_is_matrix_but_unrestricted),
	KUNIT_CASE_PARAM(test_sealed_reach_cell, sealed_reach_gen_params),
	KUNIT_CASE(test_sealed_reach_is_matrix),
	KUNIT_CASE(test_state),
	{}
};

static struct kunit_suite uuidjail_matrix_test_suite = {
	.name = "uuidjail_matrix",
	.test_cases = uuidjail_matrix_test_cases,
};

kunit_test_suite(uuidjail_matrix_test_suite);
