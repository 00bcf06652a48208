// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for uuidjail's jail objects
 */

#include <kunit/test.h>
#include <linux/ratelimit.h>

#include "audit.h"
#include "jail.h"
#include "label.h"

static struct uuidjail_jail *new_jail(struct kunit *const test,
				      struct uuidjail_jail *const parent)
{
	struct uuidjail_jail *const jail = uuidjail_jail_alloc();

	KUNIT_ASSERT_NOT_NULL(test, jail);
	/* The sub-jail takes over a reference on its jail. */
	uuidjail_jail_init(jail, uuidjail_jail_get(parent), false);
	return jail;
}

/* A jail is half-restricted, with a fresh id1 and no id2. */
static void test_jail_label(struct kunit *const test)
{
	struct uuidjail_jail *const a = new_jail(test, NULL);
	struct uuidjail_jail *const b = new_jail(test, NULL);

	KUNIT_EXPECT_NE(test, a->label.id1, 0);
	KUNIT_EXPECT_EQ(test, a->label.id2, 0);
	KUNIT_EXPECT_GT(test, b->label.id1, a->label.id1);
	KUNIT_EXPECT_EQ(test, uuidjail_state(&a->label),
			UUIDJAIL_HALF_RESTRICTED);
	KUNIT_EXPECT_PTR_EQ(test, uuidjail_jail_top(a), a);
	uuidjail_jail_put(a);
	uuidjail_jail_put(b);
}

/*
 * Sub-jails are numbered inside their jail, from 1: what other jails do
 * does not show in a task's own ids.
 */
static void test_sub_jail_ids(struct kunit *const test)
{
	struct uuidjail_jail *const a = new_jail(test, NULL);
	struct uuidjail_jail *const b = new_jail(test, NULL);
	struct uuidjail_jail *const a1 = new_jail(test, a);
	struct uuidjail_jail *const b1 = new_jail(test, b);
	struct uuidjail_jail *const a2 = new_jail(test, a);

	KUNIT_EXPECT_EQ(test, a1->label.id1, a->label.id1);
	KUNIT_EXPECT_EQ(test, a1->label.id2, 1);
	KUNIT_EXPECT_EQ(test, a2->label.id2, 2);
	KUNIT_EXPECT_EQ(test, b1->label.id1, b->label.id1);
	KUNIT_EXPECT_EQ(test, b1->label.id2, 1);
	KUNIT_EXPECT_EQ(test, uuidjail_state(&a1->label),
			UUIDJAIL_RESTRICTED);
	KUNIT_EXPECT_PTR_EQ(test, uuidjail_jail_top(a1), a);
	KUNIT_EXPECT_PTR_EQ(test, uuidjail_jail_top(a2), a);
	/* The label of a sub-jail of another jail is apart from ours. */
	KUNIT_EXPECT_FALSE(test, uuidjail_may_act(&a1->label, &b1->label));
	KUNIT_EXPECT_FALSE(test, uuidjail_may_act(&a1->label, &a2->label));
	KUNIT_EXPECT_TRUE(test, uuidjail_may_act(&a->label, &a2->label));
	uuidjail_jail_put(a1);
	uuidjail_jail_put(a2);
	uuidjail_jail_put(b1);
	uuidjail_jail_put(a);
	uuidjail_jail_put(b);
}

/* A jail outlives its last task while a sub-jail still refers to it. */
static void test_sub_jail_holds_jail(struct kunit *const test)
{
	struct uuidjail_jail *const a = new_jail(test, NULL);
	struct uuidjail_jail *const a1 = new_jail(test, a);

	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 2);
	uuidjail_jail_put(a);
	KUNIT_EXPECT_EQ(test, refcount_read(&a->usage), 1);
	KUNIT_EXPECT_EQ(test, a1->label.id1, a->label.id1);
	uuidjail_jail_put(a1);
}

/*
 * Each jail has its own audit budget, shared with its sub-jails: denials
 * audited from a sub-jail spend its jail's, and leave another jail's
 * whole.  (About 20 records reach the log.)
 */
static void test_audit_budget_per_jail(struct kunit *const test)
{
	struct uuidjail_jail *const noisy = new_jail(test, NULL);
	struct uuidjail_jail *const quiet = new_jail(test, NULL);
	struct uuidjail_jail *const noisy_sub = new_jail(test, noisy);
	const struct uuidjail_label object = { 0, 0 };
	const struct uuidjail_denial denial = {
		.op = UUIDJAIL_OP_TASK_KILL,
		.subject = current,
		.sjail = noisy_sub,
		.object = current,
		.olabel = &object,
		.audit = true,
	};
	unsigned int i;

	for (i = 0; i < 100; i++)
		uuidjail_deny(&denial);
	KUNIT_EXPECT_EQ(test, uuidjail_denials(noisy_sub, denial.op), 100);
	KUNIT_EXPECT_FALSE(test, __ratelimit(&noisy->audit_limit));
	KUNIT_EXPECT_TRUE(test, __ratelimit(&quiet->audit_limit));
	uuidjail_jail_put(noisy_sub);
	uuidjail_jail_put(noisy);
	uuidjail_jail_put(quiet);
}

/* A name is given once, to one jail, and a sub-jail shows its jail's. */
static void test_jail_names(struct kunit *const test)
{
	struct uuidjail_jail *const a = new_jail(test, NULL);
	struct uuidjail_jail *const a1 = new_jail(test, a);
	struct uuidjail_jail *const a2 = new_jail(test, a);
	struct uuidjail_jail *const b = new_jail(test, NULL);
	char name[] = "vm-1";

	KUNIT_EXPECT_NULL(test, uuidjail_jail_name(a));
	KUNIT_EXPECT_NULL(test, uuidjail_jail_name(a1));

	KUNIT_EXPECT_EQ(test, uuidjail_jail_set_name(a, name), 0);
	/* The jail keeps its own copy. */
	name[3] = '2';
	KUNIT_EXPECT_STREQ(test, uuidjail_jail_name(a), "vm-1");
	KUNIT_EXPECT_EQ(test, uuidjail_jail_set_name(a, "other"), -EEXIST);
	KUNIT_EXPECT_STREQ(test, uuidjail_jail_name(a), "vm-1");

	/* Sub-jails show their jail's name until they get their own. */
	KUNIT_EXPECT_STREQ(test, uuidjail_jail_name(a1), "vm-1");
	KUNIT_EXPECT_EQ(test, uuidjail_jail_set_name(a1, "tab-1"), 0);
	KUNIT_EXPECT_STREQ(test, uuidjail_jail_name(a1), "tab-1");
	KUNIT_EXPECT_EQ(test, uuidjail_jail_set_name(a1, "tab-9"), -EEXIST);
	KUNIT_EXPECT_STREQ(test, uuidjail_jail_name(a2), "vm-1");
	KUNIT_EXPECT_STREQ(test, uuidjail_jail_name(a), "vm-1");

	/* Other jails are untouched; an unrestricted task has no jail. */
	KUNIT_EXPECT_NULL(test, uuidjail_jail_name(b));
	KUNIT_EXPECT_NULL(test, uuidjail_jail_name(NULL));

	uuidjail_jail_put(a1);
	uuidjail_jail_put(a2);
	uuidjail_jail_put(a);
	uuidjail_jail_put(b);
}

static struct kunit_case uuidjail_jail_test_cases[] = {
	KUNIT_CASE(test_jail_label),
	KUNIT_CASE(test_sub_jail_ids),
	KUNIT_CASE(test_sub_jail_holds_jail),
	KUNIT_CASE(test_audit_budget_per_jail),
	KUNIT_CASE(test_jail_names),
	{}
};

static struct kunit_suite uuidjail_jail_test_suite = {
	.name = "uuidjail_jail",
	.test_cases = uuidjail_jail_test_cases,
};

kunit_test_suite(uuidjail_jail_test_suite);
