/*
 * fuzz_json.c - fuzz target for the JSON reader and writer (io/json.c).
 *
 * Every input must either be refused with at least one positioned error,
 * or be accepted, written back, and accepted again as the same tree.
 * Anything else (a crash, a sanitizer report, a failed round trip)
 * aborts.
 *
 * With libFuzzer (clang): `make fuzz` builds build/libfuzzer/fuzz_json,
 * then
 *   build/libfuzzer/fuzz_json -max_len=4096 CORPUS_DIR tests/hostile tests/data/samples
 * Without: `make test` builds it with gcc and the sanitizers as a
 * program that runs each file named on its command line once (the
 * replay of tests/hostile).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/json.h"

static int same(const mp_node *a, const mp_node *b)
{
	if (a->kind != b->kind || a->n_children != b->n_children)
		return 0;
	if ((a->key == NULL) != (b->key == NULL) || (a->key && strcmp(a->key, b->key)))
		return 0;
	if ((a->str == NULL) != (b->str == NULL) || (a->str && strcmp(a->str, b->str)))
		return 0;
	if ((a->kind == MP_NODE_NUMBER && a->num != b->num) ||
	    (a->kind == MP_NODE_BOOL && a->b != b->b))
		return 0;
	for (a = a->child, b = b->child; a && b; a = a->next, b = b->next)
		if (!same(a, b))
			return 0;
	return a == NULL && b == NULL;
}

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_json: %s\n", what);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mp_errors errs;
	mp_errors_init(&errs);
	mp_node *root = mp_json_parse("fuzz.json", (const char *)data, size, &errs);
	if (!root) {
		check(errs.n > 0, "refused without an error");
		check(errs.v[0].status != MP_EDATA || errs.v[0].line > 0,
		      "data error without a line");
		mp_errors_release(&errs);
		return 0;
	}
	check(errs.n == 0, "accepted with errors");
	char *text = mp_json_write(root);
	mp_node *again = mp_json_parse("written.json", text, strlen(text), &errs);
	if (!again)
		fprintf(stderr, "fuzz_json: %s\n", errs.n ? errs.v[0].msg : "?");
	check(again != NULL, "written text refused");
	check(same(root, again), "round trip changed the tree");
	char *text2 = mp_json_write(again);
	check(strcmp(text, text2) == 0, "second write differs");
	free(text2);
	mp_node_free(again);
	free(text);
	mp_node_free(root);
	mp_errors_release(&errs);
	return 0;
}

#define FUZZ_NAME "fuzz_json"
#include "replay_main.h"
