// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests for uuidjail's securityfs and LSM syscall formats
 */

#include <kunit/test.h>
#include <linux/limits.h>

#include "format.h"
#include "label.h"

struct parse_case {
	const char *name;
	const char *buf;
	size_t len;
	int expected;
};

/* Payloads of enter1 and enter2: .expected is 0 or the errno. */
struct enter_case {
	struct parse_case parse;
	bool sealed;
};

static const struct enter_case enter_cases[] = {
	{ { "1", "1", 1, 0 }, false },
	{ { "1 newline", "1\n", 2, 0 }, false },
	{ { "sealed", "1 sealed", 8, 0 }, true },
	{ { "sealed newline", "1 sealed\n", 9, 0 }, true },
	{ { "empty", "", 0, -EINVAL } },
	{ { "0", "0", 1, -EINVAL } },
	{ { "2", "2", 1, -EINVAL } },
	{ { "11", "11", 2, -EINVAL } },
	{ { "10", "10", 2, -EINVAL } },
	{ { "1 space", "1 ", 2, -EINVAL } },
	{ { "space 1", " 1", 2, -EINVAL } },
	{ { "newline", "\n", 1, -EINVAL } },
	{ { "1 NUL", "1\0", 2, -EINVAL } },
	{ { "1 two newlines", "1\n\n", 3, -EINVAL } },
	{ { "y", "y", 1, -EINVAL } },
	{ { "sealed alone", "sealed", 6, -EINVAL } },
	{ { "2 sealed", "2 sealed", 8, -EINVAL } },
	{ { "sealed two spaces", "1  sealed", 9, -EINVAL } },
	{ { "sealed tab", "1\tsealed", 8, -EINVAL } },
	{ { "sealed short", "1 seale", 7, -EINVAL } },
	{ { "sealed long", "1 sealedx", 9, -EINVAL } },
	{ { "sealed capital", "1 Sealed", 8, -EINVAL } },
	{ { "sealed space", "1 sealed ", 9, -EINVAL } },
	{ { "sealed NUL", "1 sealed\0", 9, -EINVAL } },
	{ { "sealed two newlines", "1 sealed\n\n", 10, -EINVAL } },
};

static void parse_case_desc(const struct parse_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

static void enter_case_desc(const struct enter_case *c, char *desc)
{
	parse_case_desc(&c->parse, desc);
}

KUNIT_ARRAY_PARAM(enter, enter_cases, enter_case_desc);

static void test_parse_enter(struct kunit *const test)
{
	const struct enter_case *c = test->param_value;
	bool sealed = !c->sealed;

	KUNIT_ASSERT_EQ(test,
			uuidjail_parse_enter(c->parse.buf, c->parse.len, &sealed),
			c->parse.expected);
	if (!c->parse.expected)
		KUNIT_EXPECT_EQ(test, sealed, c->sealed);
}

/* Names: .expected is 0 or the errno; a valid name is @buf without "\n". */
static const struct parse_case name_cases[] = {
	{ "uuid", "2f9b0c6e-8a4e-4d3c-9f1a-6b7c8d9e0a1b", 36, 0 },
	{ "uuid newline", "2f9b0c6e-8a4e-4d3c-9f1a-6b7c8d9e0a1b\n", 37, 0 },
	{ "unit", "qemu@guest1.service", 19, 0 },
	{ "one char", "x", 1, 0 },
	{ "punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", 32, 0 },
	{ "63 chars",
	  "123456789012345678901234567890123456789012345678901234567890123",
	  63, 0 },
	{ "63 chars newline",
	  "123456789012345678901234567890123456789012345678901234567890123\n",
	  64, 0 },
	{ "64 chars",
	  "1234567890123456789012345678901234567890123456789012345678901234",
	  64, -EINVAL },
	{ "empty", "", 0, -EINVAL },
	{ "newline", "\n", 1, -EINVAL },
	{ "two newlines", "a\n\n", 3, -EINVAL },
	{ "space", "a b", 3, -EINVAL },
	{ "leading space", " a", 2, -EINVAL },
	{ "tab", "a\tb", 3, -EINVAL },
	{ "NUL inside", "a\0b", 3, -EINVAL },
	{ "DEL", "a\x7f", 2, -EINVAL },
	{ "8-bit", "caf\xc3\xa9", 5, -EINVAL },
	{ "escape", "a\x1b[0m", 5, -EINVAL },
};

KUNIT_ARRAY_PARAM(name, name_cases, parse_case_desc);

static void test_parse_name(struct kunit *const test)
{
	const struct parse_case *c = test->param_value;
	char name[UUIDJAIL_NAME_MAX + 1];
	size_t len = c->len;

	KUNIT_ASSERT_EQ(test, uuidjail_parse_name(c->buf, c->len, name),
			c->expected);
	if (c->expected)
		return;
	if (c->buf[len - 1] == '\n')
		len--;
	KUNIT_EXPECT_EQ(test, strlen(name), len);
	KUNIT_EXPECT_EQ(test, memcmp(name, c->buf, len), 0);
}

static void expect_format(struct kunit *const test,
			  const struct uuidjail_label *label, bool sealed,
			  const char *expected)
{
	char text[UUIDJAIL_LABEL_TEXT_MAX];
	int len;

	len = uuidjail_format_label(label, sealed, text, sizeof(text));
	KUNIT_EXPECT_STREQ(test, text, expected);
	KUNIT_EXPECT_EQ(test, len, strlen(expected));
}

static void test_format_label(struct kunit *const test)
{
	const struct uuidjail_label none = { 0, 0 }, half = { 7, 0 },
				    full = { 7, 42 },
				    max = { U64_MAX, U64_MAX };

	expect_format(test, &none, false, "unrestricted");
	expect_format(test, &half, false, "half-restricted id1=7");
	expect_format(test, &full, false, "restricted id1=7 id2=42");
	expect_format(test, &half, true, "half-restricted id1=7 sealed");
	expect_format(test, &full, true, "restricted id1=7 id2=42 sealed");
	/* The longest text still fits, untruncated. */
	expect_format(test, &max, true,
		      "restricted id1=18446744073709551615 id2=18446744073709551615 sealed");
}

static void test_state_name(struct kunit *const test)
{
	const struct uuidjail_label none = { 0, 0 }, half = { 7, 0 },
				    full = { 7, 42 };

	KUNIT_EXPECT_STREQ(test, uuidjail_state_name(&none), "unrestricted");
	KUNIT_EXPECT_STREQ(test, uuidjail_state_name(&half), "half-restricted");
	KUNIT_EXPECT_STREQ(test, uuidjail_state_name(&full), "restricted");
}

static struct kunit_case uuidjail_format_test_cases[] = {
	KUNIT_CASE_PARAM(test_parse_enter, enter_gen_params),
	KUNIT_CASE_PARAM(test_parse_name, name_gen_params),
	KUNIT_CASE(test_format_label),
	KUNIT_CASE(test_state_name),
	{}
};

static struct kunit_suite uuidjail_format_test_suite = {
	.name = "uuidjail_format",
	.test_cases = uuidjail_format_test_cases,
};

kunit_test_suite(uuidjail_format_test_suite);
