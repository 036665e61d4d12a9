/*
 * fuzz_xml.c - fuzz target for the XML reader and writer (io/xml.c).
 *
 * Every input must either be refused with at least one positioned error,
 * or be accepted, written back, and accepted again; writing that tree
 * again gives the same bytes and the same tree.  (The first tree may
 * lack the version the writer always adds, so the fixed point is
 * checked from the second round.)  Anything else - a crash, a sanitizer
 * report, a failed round trip - aborts.
 *
 * With libFuzzer (clang): `make fuzz` builds build/libfuzzer/fuzz_xml,
 * then
 *   build/libfuzzer/fuzz_xml -max_len=8192 CORPUS_DIR tests/hostile tests/data/samples
 * Without: `make test` builds it with gcc and the sanitizers as a
 * program that runs each file named on its command line once (the
 * replay of tests/hostile).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "io/xml.h"

static int same(const mp_node *a, const mp_node *b)
{
	if (a->kind != b->kind || a->n_children != b->n_children)
		return 0;
	if ((a->key == NULL) != (b->key == NULL) || (a->key && strcmp(a->key, b->key)))
		return 0;
	if ((a->str == NULL) != (b->str == NULL) || (a->str && strcmp(a->str, b->str)))
		return 0;
	for (a = a->child, b = b->child; a && b; a = a->next, b = b->next)
		if (!same(a, b))
			return 0;
	return a == NULL && b == NULL;
}

static void check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz_xml: %s\n", what);
		abort();
	}
}

/* Parses text that must be accepted; aborts with the first error if not. */
static mp_node *must_parse(const char *text)
{
	mp_errors errs;
	mp_errors_init(&errs);
	mp_node *t = mp_xml_parse("written.xml", text, strlen(text), &errs);
	if (!t) {
		char *s = errs.n ? mp_error_format(&errs.v[0]) : NULL;
		fprintf(stderr, "fuzz_xml: %s\n", s ? s : "?");
		free(s);
	}
	check(t != NULL, "written text refused");
	check(errs.n == 0, "accepted with errors");
	mp_errors_release(&errs);
	return t;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mp_errors errs;
	mp_errors_init(&errs);
	mp_node *root = mp_xml_parse("fuzz.xml", (const char *)data, size, &errs);
	if (!root) {
		check(errs.n > 0, "refused without an error");
		check(errs.v[0].status != MP_EDATA || errs.v[0].line > 0,
		      "data error without a line");
		mp_errors_release(&errs);
		return 0;
	}
	check(errs.n == 0, "accepted with errors");
	check(mp_xml_validate((const char *)data, size, &errs) == 0, "parse and validate disagree");
	char *text = mp_xml_write(root);
	check(text != NULL, "accepted tree not writable");
	mp_node *again = must_parse(text);
	char *text2 = mp_xml_write(again);
	check(text2 != NULL, "second write failed");
	check(strcmp(text, text2) == 0, "second write differs");
	mp_node *third = must_parse(text2);
	check(same(again, third), "round trip changed the tree");
	mp_node_free(third);
	free(text2);
	mp_node_free(again);
	free(text);
	mp_node_free(root);
	mp_errors_release(&errs);
	return 0;
}

#define FUZZ_NAME "fuzz_xml"
#include "replay_main.h"
