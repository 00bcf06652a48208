// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for uuidjail's denial reports
 */

#include <kunit/test.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "audit.h"
#include "jail.h"
#include "label.h"

/* Every operation has its own name: the stats file lists each once. */
static void test_op_names(struct kunit *const test)
{
	enum uuidjail_op op, other;

	for (op = 0; op < UUIDJAIL_OP_COUNT; op++) {
		const char *name = uuidjail_op_name(op);

		KUNIT_ASSERT_NOT_NULL(test, name);
		KUNIT_EXPECT_GT(test, strlen(name), 0);
		KUNIT_EXPECT_NULL(test, strchr(name, ' '));
		for (other = 0; other < op; other++)
			KUNIT_EXPECT_STRNEQ(test, name,
					    uuidjail_op_name(other));
	}
}

/*
 * A denial is counted under its operation, and only there, both
 * system-wide and in the subject's jail.
 */
static void test_deny_counts(struct kunit *const test)
{
	struct uuidjail_jail *const jail = uuidjail_jail_alloc();
	const struct uuidjail_label o = { 0, 0 };
	struct uuidjail_denial denial = {
		.op = UUIDJAIL_OP_TASK_GETSID,
		.subject = current,
		.object = current,
		.olabel = &o,
		.audit = false,
	};
	unsigned long before[UUIDJAIL_OP_COUNT];
	enum uuidjail_op op;

	KUNIT_ASSERT_NOT_NULL(test, jail);
	uuidjail_jail_init(jail, NULL, false);
	denial.sjail = jail;
	for (op = 0; op < UUIDJAIL_OP_COUNT; op++) {
		before[op] = uuidjail_denials(NULL, op);
		KUNIT_EXPECT_EQ(test, uuidjail_denials(jail, op), 0);
	}
	uuidjail_deny(&denial);
	for (op = 0; op < UUIDJAIL_OP_COUNT; op++) {
		KUNIT_EXPECT_EQ(test, uuidjail_denials(NULL, op),
				before[op] + (op == denial.op));
		KUNIT_EXPECT_EQ(test, uuidjail_denials(jail, op),
				op == denial.op);
	}
	uuidjail_jail_put(jail);
}

static struct kunit_case uuidjail_audit_test_cases[] = {
	KUNIT_CASE(test_op_names),
	KUNIT_CASE(test_deny_counts),
	{}
};

static struct kunit_suite uuidjail_audit_test_suite = {
	.name = "uuidjail_audit",
	.test_cases = uuidjail_audit_test_cases,
};

kunit_test_suite(uuidjail_audit_test_suite);
