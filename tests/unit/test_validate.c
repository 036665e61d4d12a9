/*
 * test_validate.c - models/validate: the rules that span items
 * (references, unique keys, ranges), each problem at its place.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "models/validate.h"
#include "builders.h"

static void test_references(void **state)
{
	tb_expect_problem(TB_HEAD " \"flights\": [{\"id\": \"F1\", \"from\": \"TIA\", \"to\": \"JFK\",\n"
	       "  \"departs\": \"2026-12-10T09:00+01:00\", \"arrives\": \"2026-12-10T13:00-05:00\", \"seats\": 9}]}",
	       "flight 'F1': to: unknown airport 'JFK'", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"}, "
	       "\"priority\": \"normal\", \"clinic\": \"NOPE\",\n"
	       "  \"ready\": \"2026-12-01\", \"members\": [" TB_MEMBER "]}]}",
	       "t.json:5:12: case 'C1': clinic: unknown clinic 'NOPE'", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") TB_CASE(TB_MEMBER ", " TB_MEMBER), "member 'C1-1': id: duplicate member id", NULL);
	tb_expect_problem("{\"movplan\": 1, \"quotas\": [{\"id\": \"Q\", \"country\": \"CA\", \"from\": \"2026-12-31\","
	       " \"to\": \"2026-12-01\", \"max_persons\": 3}]}", "quota 'Q': to: before from", NULL);
	tb_expect_problem("{\"movplan\": 1, \"bogus\": []}", "unknown part (key 2 of the document)",
			  "bogus");
	tb_expect_problem("{\"movplan\": 2}", "unsupported format version 2", NULL);
	tb_expect_problem("{\"mission\": {\"id\": \"M\", \"origin\": \"TIA\"}}", "movplan: missing format version", NULL);
}

/* SPEC 1 kinds: an unknown kind, a quota's unknown kind, and our rule
 * that linked cases make one kind of movement. */
static void test_kinds(void **state)
{
	(void)state;
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"}, "
	       "\"priority\": \"normal\", \"kind\": \"asylum\",\n"
	       "  \"ready\": \"2026-12-01\", \"members\": [" TB_MEMBER "]}]}",
	       "case 'C1': kind: expected one of", NULL);
	tb_expect_problem("{\"movplan\": 1, \"quotas\": [{\"id\": \"Q\", \"country\": \"CA\", \"from\": \"2026-12-01\","
	       " \"to\": \"2026-12-31\", \"max_persons\": 3, \"kinds\": [\"return\", \"exile\"]}]}",
	       "quota 'Q': kinds: expected case kinds resettlement, relocation or return", NULL);
	tb_expect_problem(TB_HEAD TB_FLIGHT("10") " \"cases\": [{\"id\": \"C1\", \"destination\": {\"country\": \"CA\"}, "
	       "\"priority\": \"normal\", \"link\": \"L\",\n  \"ready\": \"2026-12-01\", \"members\": [" TB_MEMBER "]},\n"
	       " {\"id\": \"C2\", \"destination\": {\"country\": \"CA\"}, \"priority\": \"normal\", \"link\": \"L\",\n"
	       "  \"kind\": \"return\", \"ready\": \"2026-12-01\", \"members\": [{\"id\": \"C2-1\", \"family_name\": \"Noori\","
	       " \"sex\": \"F\", \"birth_date\": \"1990-01-01\", \"nationality\": \"AFG\"}]}]}",
	       "case 'C2': kind: return, but linked case 'C1' (link 'L') is a resettlement", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
