/*
 * test_rp_util.c - reports/rp_util: the one CSV cell writer (RFC 4180
 * quoting, and OWASP's CSV injection advice: a cell that would be a
 * spreadsheet formula is written as text).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "reports/rp.h"
#include "builders.h"

static void cell(const char *in, const char *want)
{
	rp_buf b = {0};
	rp_csv_field(&b, in);
	rp_buf_putc(&b, '\0');
	assert_string_equal(b.s, want);
	rp_buf_release(&b);
}

static void test_csv_field(void **state)
{
	cell("AFG-0001", "AFG-0001");
	cell("a,b", "\"a,b\"");
	cell("say \"hi\"", "\"say \"\"hi\"\"\"");
	cell("two\r\nlines", "\"two\r\nlines\"");
	/* formulas become text */
	cell("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	cell("+Rahimi", "\"'+Rahimi\"");
	cell("-A1", "\"'-A1\"");
	cell("@SUM(1,2)", "\"'@SUM(1,2)\"");
	cell("\tx", "\"'\tx\"");
	cell("\rx", "\"'\rx\"");
	/* numbers stay numbers */
	cell("-3", "-3");
	cell("-0.25", "-0.25");
	cell("12", "12");
	cell("-", "\"'-\"");
	cell("-1e3", "\"'-1e3\"");
	cell("", "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
