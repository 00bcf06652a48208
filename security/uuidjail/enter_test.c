// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for uuidjail transitions
 */

#include <kunit/test.h>

#include "enter.h"
#include "jail.h"
#include "label.h"

struct enter_case {
	const char *name;
	struct uuidjail_label label;
	unsigned long level;
	bool alone;
	int expected;
};

/* Every row of the admin guide's transition table, alone and not. */
static const struct enter_case enter_cases[] = {
	{ "enter1 unrestricted", { 0, 0 }, 1, true, 0 },
	{ "enter1 half", { 5, 0 }, 1, true, -EEXIST },
	{ "enter1 restricted", { 5, 6 }, 1, true, -EEXIST },
	{ "enter2 half", { 5, 0 }, 2, true, 0 },
	{ "enter2 unrestricted", { 0, 0 }, 2, true, -EINVAL },
	{ "enter2 restricted", { 5, 6 }, 2, true, -EEXIST },
	{ "enter1 unrestricted threaded", { 0, 0 }, 1, false, -EBUSY },
	{ "enter2 half threaded", { 5, 0 }, 2, false, -EBUSY },
	/* Permanent errors come before the transient -EBUSY. */
	{ "enter1 half threaded", { 5, 0 }, 1, false, -EEXIST },
	{ "enter2 unrestricted threaded", { 0, 0 }, 2, false, -EINVAL },
	{ "enter2 restricted threaded", { 5, 6 }, 2, false, -EEXIST },
	{ "level 0", { 0, 0 }, 0, true, -EINVAL },
	{ "level 3", { 0, 0 }, 3, true, -EINVAL },
	{ "level 3 half", { 5, 0 }, 3, true, -EINVAL },
	{ "level ULONG_MAX", { 0, 0 }, ULONG_MAX, true, -EINVAL },
#if BITS_PER_LONG == 64
	/* A valid level in the low half must not hide the rest. */
	{ "level 2^32 + 1", { 0, 0 }, 1 + (unsigned long)U32_MAX + 1, true,
	  -EINVAL },
#endif
};

static void enter_case_desc(const struct enter_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(enter, enter_cases, enter_case_desc);

static void test_enter_check(struct kunit *const test)
{
	const struct enter_case *c = test->param_value;

	KUNIT_EXPECT_EQ(test,
			uuidjail_enter_check(&c->label, c->level, c->alone),
			c->expected);
}

/* Ids are never 0 and never handed out twice. */
static void test_new_id_unique(struct kunit *const test)
{
	u64 prev = uuidjail_new_id(), next;
	unsigned int i;

	KUNIT_EXPECT_NE(test, prev, 0);
	for (i = 0; i < 1000; i++) {
		next = uuidjail_new_id();
		KUNIT_ASSERT_GT(test, next, prev);
		prev = next;
	}
}

static struct kunit_case uuidjail_enter_test_cases[] = {
	KUNIT_CASE_PARAM(test_enter_check, enter_gen_params),
	KUNIT_CASE(test_new_id_unique),
	{}
};

static struct kunit_suite uuidjail_enter_test_suite = {
	.name = "uuidjail_enter",
	.test_cases = uuidjail_enter_test_cases,
};

kunit_test_suite(uuidjail_enter_test_suite);
