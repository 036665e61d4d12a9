/*
 * test_json.c - unit tests of io/json.c: the reader's positions and
 * rejections (syntax, UTF-8, control characters, depth, duplicates,
 * numbers) and the writer's format, by round trips of the format samples (tests/data/samples).
 *
 * Run from the repository root: the samples are read from
 * tests/data/samples/.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/json.h"

#define SAMPLES "tests/data/samples/"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		print_error("cannot open %s (run from the repository root)\n", path);
	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	long n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	char *p = mp_xmalloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static mp_node *parse_n(const char *s, size_t n, mp_errors *e)
{
	mp_errors_init(e);
	return mp_json_parse("t.json", s, n, e);
}

static mp_node *parse(const char *s, mp_errors *e)
{
	return parse_n(s, strlen(s), e);
}

/* Asserts that s is rejected with a first error at line:col whose
 * message holds want. */
static void expect_error_n(const char *s, size_t n, int line, int col,
			   const char *want)
{
	mp_errors e;
	mp_node *root = parse_n(s, n, &e);
	if (root || e.n < 1 || e.v[0].line != line || e.v[0].col != col ||
	    !strstr(e.v[0].msg, want))
		print_error("input '%.60s': want %d:%d '%s', got %d:%d '%s' (%d errors)\n",
			    s, line, col, want, e.n ? e.v[0].line : -1,
			    e.n ? e.v[0].col : -1, e.n ? e.v[0].msg : "(none)", e.n);
	assert_null(root);
	assert_true(e.n >= 1);
	assert_int_equal(e.v[0].status, MP_EDATA);
	assert_string_equal(e.v[0].file, "t.json");
	assert_int_equal(e.v[0].line, line);
	assert_int_equal(e.v[0].col, col);
	assert_non_null(strstr(e.v[0].msg, want));
	mp_errors_release(&e);
}

static void expect_error(const char *s, int line, int col, const char *want)
{
	expect_error_n(s, strlen(s), line, col, want);
}

static void expect_ok(const char *s)
{
	mp_errors e;
	mp_node *root = parse(s, &e);
	if (!root)
		print_error("input '%.60s' rejected: %d:%d %s\n", s,
			    e.v[0].line, e.v[0].col, e.v[0].msg);
	assert_non_null(root);
	assert_int_equal(e.n, 0);
	mp_node_free(root);
	mp_errors_release(&e);
}

static bool tree_equal(const mp_node *a, const mp_node *b)
{
	if (a->kind != b->kind || a->n_children != b->n_children)
		return false;
	if ((a->key == NULL) != (b->key == NULL) || (a->key && strcmp(a->key, b->key)))
		return false;
	if ((a->str == NULL) != (b->str == NULL) || (a->str && strcmp(a->str, b->str)))
		return false;
	if (a->kind == MP_NODE_NUMBER && a->num != b->num)
		return false;
	if (a->kind == MP_NODE_BOOL && a->b != b->b)
		return false;
	for (const mp_node *x = a->child, *y = b->child; x || y; x = x->next, y = y->next)
		if (!x || !y || !tree_equal(x, y))
			return false;
	return true;
}

static const mp_node *nth(const mp_node *arr, int i)
{
	const mp_node *c = arr ? arr->child : NULL;
	while (c && i-- > 0)
		c = c->next;
	return c;
}

/* parse -> write must give the sample back byte for byte (plus the final
 * newline the samples lack), and -> parse the same tree. */
static void roundtrip_sample(const char *name)
{
	char path[256];
	size_t len;
	mp_errors e;
	snprintf(path, sizeof path, SAMPLES "%s", name);
	char *text = slurp(path, &len);
	mp_node *a = parse_n(text, len, &e);
	assert_non_null(a);
	assert_int_equal(e.n, 0);
	char *out = mp_json_write(a);
	size_t n = strlen(out);
	assert_true(n == len + 1 || n == len);
	assert_memory_equal(out, text, len);
	assert_int_equal(out[n - 1], '\n');
	mp_node *b = parse(out, &e);
	assert_non_null(b);
	assert_true(tree_equal(a, b));
	assert_int_equal(b->line, 1);
	mp_node_free(a);
	mp_node_free(b);
	free(out);
	free(text);
	mp_errors_release(&e);
}

static void test_roundtrip_all_fields(void **state)
{
	roundtrip_sample("all-fields.json");
}

static void test_roundtrip_minimal(void **state)
{
	roundtrip_sample("minimal.json");
}

static void test_positions_all_fields(void **state)
{
	size_t len;
	mp_errors e;
	char *text = slurp(SAMPLES "all-fields.json", &len);
	mp_node *root = parse_n(text, len, &e);
	assert_non_null(root);
	assert_int_equal(root->line, 1);
	assert_int_equal(root->col, 1);
	const mp_node *flights = mp_node_get(root, "flights");
	assert_int_equal(flights->kind, MP_NODE_ARRAY);
	assert_int_equal(flights->line, 37);   /*  "flights": [   */
	assert_int_equal(flights->col, 13);
	const mp_node *second = nth(flights, 1);
	assert_int_equal(second->line, 57);
	assert_int_equal(second->col, 3);
	const mp_node *seats = mp_node_get(second, "seats");
	assert_int_equal(seats->kind, MP_NODE_NUMBER);
	assert_true(seats->num == 25);
	assert_int_equal(seats->line, 65);     /*    "seats": 25,   */
	assert_int_equal(seats->col, 13);
	const mp_node *cancelled = mp_node_get(nth(flights, 2), "cancelled");
	assert_int_equal(cancelled->kind, MP_NODE_BOOL);
	assert_true(cancelled->b);
	assert_int_equal(cancelled->line, 82);
	assert_int_equal(cancelled->col, 17);
	/* "OXYG" of member AFG-0002-01: line 274, col 7 */
	const mp_node *case2 = nth(mp_node_get(root, "cases"), 1);
	const mp_node *ssr = mp_node_get(nth(mp_node_get(case2, "members"), 0), "ssr");
	const mp_node *oxyg = nth(ssr, 2);
	assert_string_equal(oxyg->str, "OXYG");
	assert_int_equal(oxyg->line, 274);
	assert_int_equal(oxyg->col, 7);
	mp_node_free(root);
	free(text);
	mp_errors_release(&e);
}

/* Columns count characters, not bytes; tabs count one; CRLF is fine. */
static void test_positions_characters(void **state)
{
	mp_errors e;
	mp_node *root = parse("{\"a\": \"\xC3\xA9\", \"b\": 1}", &e);
	assert_non_null(root);
	assert_string_equal(mp_node_get(root, "a")->str, "\xC3\xA9");
	assert_int_equal(mp_node_get(root, "b")->line, 1);
	assert_int_equal(mp_node_get(root, "b")->col, 17);
	mp_node_free(root);
	root = parse("{\r\n\t\"a\": 1,\r\n\"b\": [null, \"\xF0\x9F\x98\x80\", false]\r\n}", &e);
	assert_non_null(root);
	assert_int_equal(mp_node_get(root, "a")->line, 2);
	assert_int_equal(mp_node_get(root, "a")->col, 7);
	const mp_node *b = mp_node_get(root, "b");
	assert_int_equal(b->line, 3);
	assert_int_equal(b->col, 6);
	assert_int_equal(nth(b, 0)->kind, MP_NODE_NULL);
	assert_int_equal(nth(b, 0)->col, 7);
	assert_int_equal(nth(b, 2)->kind, MP_NODE_BOOL);
	assert_int_equal(nth(b, 2)->col, 18); /* the emoji is one column */
	mp_node_free(root);
	mp_errors_release(&e);
}

static void test_duplicate_keys(void **state)
{
	mp_errors e;
	expect_error("{\n \"seats\": 1,\n \"seats\": 2\n}", 3, 2, "duplicate key 'seats'");
	/* the same key spelt with an escape is the same key */
	expect_error("{\"a\": 1, \"\\u0061\": 2}", 1, 10, "duplicate key 'a'");

	mp_node *root = parse("{\"flights\": [{\"id\": \"TK1/2026-01-01\", \"seats\": 1},\n"
			      " {\"id\": \"TK2/2026-01-01\", \"limits\": {\"WCHC\": 1, \"WCHC\": 2}}]}", &e);
	assert_null(root);
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].line, 2);
	assert_int_equal(e.v[0].col, 49);
	assert_string_equal(e.v[0].item, "flight 'TK2/2026-01-01'");
	assert_string_equal(e.v[0].field, "WCHC");
	assert_string_equal(e.v[0].msg, "duplicate key 'WCHC'");
	mp_errors_release(&e);

	root = parse("{\"cases\": [{\"id\": \"C1\", \"members\": [{\"id\": \"C1-1\", "
		     "\"sex\": \"F\", \"sex\": \"M\"}]}]}", &e);
	assert_null(root);
	assert_int_equal(e.n, 1);
	assert_string_equal(e.v[0].item, "case 'C1': member 'C1-1'");
	assert_string_equal(e.v[0].field, "sex");
	char *line = mp_error_format(&e.v[0]);
	assert_string_equal(line, "t.json:1:64: case 'C1': member 'C1-1': sex: duplicate key 'sex'");
	free(line);
	mp_errors_release(&e);
}

/* Objects with many members use a hash set; dozens of duplicates are
 * summarised after MAX_DUP_ERRORS (20). */
static void test_duplicate_keys_many(void **state)
{
	char buf[8192];
	size_t n = 0;
	mp_errors e;
	n += (size_t)snprintf(buf + n, sizeof buf - n, "{");
	for (int i = 0; i < 200; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\"k%d\": %d",
				      i ? ", " : "", i, i);
	snprintf(buf + n, sizeof buf - n, "}");
	expect_ok(buf);
	buf[n] = '\0';
	n += (size_t)snprintf(buf + n, sizeof buf - n, ",\n\"k150\": 0}");
	expect_error(buf, 2, 1, "duplicate key 'k150'");

	n = (size_t)snprintf(buf, sizeof buf, "{\"x\": 1");
	for (int i = 0; i < 30; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, ", \"x\": 1");
	snprintf(buf + n, sizeof buf - n, "}");
	assert_null(parse(buf, &e));
	assert_int_equal(e.n, 21);
	assert_non_null(strstr(e.v[20].msg, "more duplicate keys"));
	mp_errors_release(&e);
}

static void test_trailing(void **state)
{
	expect_error("{} x", 1, 4, "trailing characters after the JSON value");
	expect_error("{\"a\": 1}\n{\"b\": 2}", 2, 1, "trailing characters");
	expect_error("[1]]", 1, 4, "trailing characters");
	expect_error("1 2", 1, 3, "trailing characters");
	expect_error("{}\n[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
		     2, 1, "trailing characters");
	expect_ok("{} \n\t\r\n ");
}

static void test_truncated(void **state)
{
	size_t len;
	char *text = slurp(SAMPLES "all-fields.json", &len);
	/* cut after line 100's  "departs": "2026-11-23T06:15+01:00",  */
	char *cut = strstr(text, "\"2026-11-23T06:15+01:00\",") + 25;
	expect_error_n(text, (size_t)(cut - text), 100, 40, "unexpected end of file");
	/* cut inside a string: the place is where the string opens */
	cut = strstr(text, "\"TK17/2026-11-23\"") + 5;
	expect_error_n(text, (size_t)(cut - text), 105, 10, "unexpected end of file in a string");
	free(text);
	expect_error("{\"a\": [1, 2", 1, 12, "unexpected end of file");
	expect_error("{\"a\"", 1, 5, "unexpected end of file");
	expect_error("{\"a\": tr", 1, 7, "not valid JSON");
}

static void test_invalid_utf8(void **state)
{
	const char *msg = "text is not valid UTF-8";
	expect_error("{\"a\": \"x\xC0\xAF\"}", 1, 9, msg);          /* overlong '/' */
	expect_error("{\"a\": \"x\xE0\x80\xAF\"}", 1, 9, msg);      /* overlong, 3 bytes */
	expect_error("{\"a\": \"x\xF0\x80\x80\xAF\"}", 1, 9, msg);  /* overlong, 4 bytes */
	expect_error("{\"a\":\n \"\xC3\xA9\x80\"}", 2, 4, msg);     /* lone continuation */
	expect_error("{\"a\": \"\xED\xA0\x80\"}", 1, 8, msg);       /* surrogate U+D800 */
	expect_error("{\"a\": \"\xF4\x90\x80\x80\"}", 1, 8, msg);   /* above U+10FFFF */
	expect_error("{\"a\": \"\xF5\x80\x80\x80\"}", 1, 8, msg);
	expect_error("{\"a\": \"\xFF\"}", 1, 8, msg);
	expect_error("{\"a\": \"\xE2\x82", 1, 8, msg);              /* cut at end of file */
	expect_error("{\"a\": \"\xE2\x82z\"}", 1, 8, msg);
	expect_error("{\"\xC3\": 1}", 1, 3, msg);                   /* in a key */
	expect_error("[1, \xC3\xA9]", 1, 5, "not valid JSON");    /* valid, outside a string */
	expect_ok("{\"a\": \"\xEF\xBF\xBF \xF4\x8F\xBF\xBF \xE2\x82\xAC \xD5\x80\"}");
}

static void test_control_characters(void **state)
{
	mp_errors e;
	const char *msg = "string holds a control character";
	assert_null(parse("{\"family_name\": \"Ra\x01him\"}", &e));
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].col, 20);
	assert_non_null(strstr(e.v[0].msg, msg));
	char *line = mp_error_format(&e.v[0]);
	assert_null(strstr(line, "Ra")); /* SPEC 3: never the value */
	free(line);
	mp_errors_release(&e);
	expect_error("[\"a\tb\"]", 1, 4, msg);       /* a raw tab is not allowed */
	expect_error("[\"a\nb\"]", 1, 4, msg);
	expect_error_n("[\"a\0b\"]", 7, 1, 4, msg);
	expect_ok("[\"a\x7f\"]");                     /* DEL is no JSON control */
	expect_error("{\x01}", 1, 2, "control character outside a string");
	expect_error_n("[1,\0 2]", 7, 1, 4, "control character outside a string");
	expect_error("[1,\x0b 2]", 1, 4, "control character outside a string");
}

static void test_escapes(void **state)
{
	const char *msg = "string holds a control character";
	mp_errors e;
	expect_error("{\"a\": \"ab\\u0000c\"}", 1, 10, msg);
	expect_error("{\"a\": \"\\u001F\"}", 1, 8, msg);
	expect_error("{\"a\": \"\\u0001\"}", 1, 8, msg);
	expect_error("{\"a\": \"\\b\"}", 1, 8, msg);
	expect_error("{\"a\": \"\\f\"}", 1, 8, msg);
	expect_error("{\"\\u0000\": 1}", 1, 3, msg);
	expect_error("[\"\\x\"]", 1, 3, "invalid escape");
	expect_error("[\"\\u12\"]", 1, 3, "invalid escape");
	expect_error("[\"\\uD800\"]", 1, 3, "invalid escape");
	expect_error("[\"\\uD800\\u0041\"]", 1, 3, "invalid escape");
	expect_error("[\"\\uDC00\"]", 1, 3, "invalid escape");
	expect_error("[\"\\", 1, 3, "invalid escape");
	mp_node *root = parse("[\"\\t\\n\\r\\\"\\\\\\/\\u00e9\\uD83D\\uDE00\\u0009\\u007f\"]", &e);
	assert_non_null(root);
	assert_string_equal(root->child->str, "\t\n\r\"\\/\xC3\xA9\xF0\x9F\x98\x80\t\x7f");
	mp_node_free(root);
	mp_errors_release(&e);
}

static char *nested(int depth, const char *open, const char *inner, const char *close)
{
	size_t lo = strlen(open), lc = strlen(close), li = strlen(inner);
	char *s = mp_xmalloc((size_t)depth * (lo + lc) + li + 1), *p = s;
	for (int i = 0; i < depth; i++, p += lo)
		memcpy(p, open, lo);
	memcpy(p, inner, li);
	p += li;
	for (int i = 0; i < depth; i++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

static void test_depth(void **state)
{
	char *s = nested(64, "[", "1", "]");
	expect_ok(s);
	free(s);
	s = nested(65, "[", "1", "]");
	expect_error(s, 1, 65, "nesting deeper than 64 levels");
	free(s);
	s = nested(100, "[", "", "]");
	expect_error(s, 1, 65, "nesting deeper than 64 levels");
	free(s);
	s = nested(64, "{\"a\":", "{}", "}");
	expect_error(s, 1, 321, "nesting deeper than 64 levels");
	free(s);

	clock_t t0 = clock();
	s = nested(10000, "[", "", "]");
	expect_error(s, 1, 65, "nesting deeper");
	free(s);
	s = nested(10000, "{\"a\": ", "1", "}");
	expect_error(s, 1, 385, "nesting deeper");
	free(s);
	s = nested(100000, "[", "", "");        /* unclosed, too */
	expect_error(s, 1, 65, "nesting deeper");
	free(s);
	s = nested(10000, "[1,", "", "]");      /* deep and broken after 64 */
	expect_error(s, 1, 193, "nesting deeper");
	free(s);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0);
}

static void test_numbers(void **state)
{
	mp_errors e;
	mp_node *root = parse("{\"seats\": 1e999}", &e);
	assert_null(root);
	assert_int_equal(e.n, 1);
	assert_int_equal(e.v[0].col, 11);
	assert_string_equal(e.v[0].field, "seats");
	assert_string_equal(e.v[0].msg, "number out of range");
	mp_errors_release(&e);
	expect_error("[-1e999]", 1, 2, "number out of range");
	const char *bad[] = { "[01]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]", "[1e+]",
			      "[0x10]", "[1.5.3]", "[-01]", "[1ee5]", "[2a]", "[- 1]",
			      "[NaN]", "[Infinity]", "[-Infinity]" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		expect_error(bad[i], 1, 2, bad[i][1] == '.' || bad[i][1] == '+' ||
			     bad[i][1] == 'N' || bad[i][1] == 'I' ? "not valid JSON"
			     : "not a valid JSON number");
	char big[128] = "[1";
	memset(big + 2, '0', 70);
	strcpy(big + 72, "]");
	expect_error(big, 1, 2, "more than 63 characters");
	root = parse("[-0, 0.5, 1e-7, 1E+2, 123, -45.25e1, 1e-999, 0, 9007199254740993]", &e);
	assert_non_null(root);
	double want[] = { 0, 0.5, 1e-7, 100, 123, -452.5, 0, 0, 9007199254740992.0 };
	int i = 0;
	for (const mp_node *c = root->child; c; c = c->next, i++)
		assert_true(c->num == want[i]);
	assert_int_equal(i, 9);
	mp_node_free(root);
	mp_errors_release(&e);
}

static void test_syntax(void **state)
{
	expect_error("[1 2]", 1, 4, "not valid JSON");
	expect_error("{\"a\" 1}", 1, 6, "not valid JSON");
	expect_error("[1,]", 1, 4, "not valid JSON (unexpected ']')");
	expect_error("{\"a\": 1,}", 1, 9, "not valid JSON");
	expect_error("{1: 2}", 1, 2, "not valid JSON");
	expect_error("[1}", 1, 3, "not valid JSON");
	expect_error("]", 1, 1, "not valid JSON");
	expect_error("tru", 1, 1, "not valid JSON");
	expect_error("[nulls]", 1, 2, "not valid JSON");
	expect_error("{'a': 1}", 1, 2, "not valid JSON");
	expect_error("[1, /* c */ 2]", 1, 5, "not valid JSON");
	/* a syntax error before a lexical one is reported first */
	expect_error("{\"a\" 1, \"b\": 01}", 1, 6, "not valid JSON");
	expect_error("{\"a\" 1, \"b\": \"\\u0000\"}", 1, 6, "not valid JSON");
	expect_error("[1 2, [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]",
		     1, 4, "not valid JSON");
	/* and a lexical one before a syntax error is reported first */
	expect_error("{\"a\": 01, \"b\" 1}", 1, 7, "not a valid JSON number");
	expect_ok("\"just a string\"");
	expect_ok(" 42 ");
	expect_ok("null");
	expect_ok("[[], {}, [{}], {\"\": []}]");
}

static void test_empty_and_bom(void **state)
{
	mp_errors e;
	expect_error("", 1, 1, "unexpected end of file");
	expect_error("  \n ", 2, 2, "unexpected end of file");
	expect_error("\xEF\xBB\xBF", 1, 1, "unexpected end of file");
	expect_error("\xEF\xBB\xBF\xEF\xBB\xBF{}", 1, 1, "not valid JSON");
	mp_node *root = parse("\xEF\xBB\xBF{\"a\": 1}", &e);
	assert_non_null(root);
	assert_int_equal(mp_node_get(root, "a")->col, 7); /* the BOM is not counted */
	mp_node_free(root);
	mp_errors_release(&e);
	root = parse_n(NULL, 0, &e);
	assert_null(root);
	assert_int_equal(e.n, 1);
	mp_errors_release(&e);
}

/* A file of about 4 MB: accepted, positions right at its far end. */
static void test_big_file(void **state)
{
	const int n_items = 20000;
	size_t cap = (size_t)n_items * 220 + 64, n = 0;
	char *s = mp_xmalloc(cap);
	mp_errors e;
	n += (size_t)snprintf(s + n, cap - n, "{\n \"flights\": [\n");
	for (int i = 0; i < n_items; i++)
		n += (size_t)snprintf(s + n, cap - n,
			"  {\"id\": \"XX%d/2026-12-14\", \"from\": \"TIA\", \"to\": \"IST\", "
			"\"departs\": \"2026-12-14T06:15+01:00\", \"seats\": %d, "
			"\"fare\": %d.5, \"limits\": {\"WCHC\": 2, \"INFT\": 6}, "
			"\"note\": \"\xC3\xA9t\xC3\xA9\"}%s\n",
			i, i % 300, i, i + 1 < n_items ? "," : "");
	n += (size_t)snprintf(s + n, cap - n, " ]\n}\n");
	assert_true(n > 3000000);
	mp_node *root = parse_n(s, n, &e);
	assert_non_null(root);
	const mp_node *flights = mp_node_get(root, "flights");
	assert_int_equal(flights->n_children, n_items);
	const mp_node *seats = mp_node_get(flights->last, "seats");
	assert_int_equal(seats->line, n_items + 2);
	assert_int_equal(seats->col, 106);
	assert_true(seats->num == (n_items - 1) % 300);
	assert_true(mp_node_get(flights->last, "fare")->num == n_items - 1 + 0.5);
	char *out = mp_json_write(root);
	mp_node *again = parse(out, &e);
	assert_non_null(again);
	assert_true(tree_equal(root, again));
	mp_node_free(again);
	free(out);
	mp_node_free(root);
	free(s);
	mp_errors_release(&e);

	/* too large: refused before a byte is read */
	assert_null(parse_n("{}", (size_t)MP_INPUT_MAX + 1, &e));
	assert_int_equal(e.n, 1);
	assert_non_null(strstr(e.v[0].msg, "larger than"));
	mp_errors_release(&e);
}

static void expect_written(mp_node *n, const char *want)
{
	char *out = mp_json_write(n);
	assert_string_equal(out, want);
	free(out);
	mp_node_free(n);
}

static void test_write_numbers(void **state)
{
	expect_written(mp_node_num(NULL, 3), "3\n");
	expect_written(mp_node_num(NULL, -2), "-2\n");
	expect_written(mp_node_num(NULL, -0.0), "0\n");
	expect_written(mp_node_num(NULL, 0.1), "0.1\n");
	expect_written(mp_node_num(NULL, 2.5), "2.5\n");
	expect_written(mp_node_num(NULL, 1.0 / 3), "0.3333333333333333\n");
	expect_written(mp_node_num(NULL, 0.1 + 0.2), "0.30000000000000004\n");
	expect_written(mp_node_num(NULL, 123456789012345.0), "123456789012345\n");
	expect_written(mp_node_num(NULL, 1e15), "1e+15\n");
	expect_written(mp_node_num(NULL, 1e-7), "1e-07\n");
	expect_written(mp_node_num(NULL, 1.5e300), "1.5e+300\n");
	expect_written(mp_node_num(NULL, NAN), "null\n");
	expect_written(mp_node_num(NULL, INFINITY), "null\n");
}

static void test_write_strings_and_shape(void **state)
{
	expect_written(mp_node_str(NULL, "a\"b\\c\nd\te\x01\x1f\xC3\xA9/"),
		       "\"a\\\"b\\\\c\\nd\\te\\u0001\\u001f\xC3\xA9/\"\n");
	mp_node *t = mp_node_new(MP_NODE_TEXT, NULL, 0, 0);
	t->str = mp_xstrdup("12");
	expect_written(t, "\"12\"\n");
	expect_written(mp_node_new(MP_NODE_NULL, NULL, 0, 0), "null\n");
	expect_written(mp_node_arr(NULL), "[]\n");
	expect_written(mp_node_obj(NULL), "{}\n");
	char *out = mp_json_write(NULL);
	assert_string_equal(out, "null\n");
	free(out);

	mp_node *o = mp_node_obj(NULL);
	mp_node *a = mp_node_arr("a");
	mp_node_append(a, mp_node_num(NULL, 1));
	mp_node_append(a, mp_node_bool(NULL, false));
	mp_node_append(o, a);
	mp_node_append(o, mp_node_str(NULL, "no key: skipped"));
	mp_node_append(o, mp_node_obj("b"));
	mp_node *c = mp_node_obj("k\"ey");
	mp_node_append(c, mp_node_str("x", "y"));
	mp_node_append(o, c);
	expect_written(o, "{\n \"a\": [\n  1,\n  false\n ],\n \"b\": {},\n"
		       " \"k\\\"ey\": {\n  \"x\": \"y\"\n }\n}\n");
}

/* Flipped bytes in a sample: whatever is accepted writes and reads back
 * to the same tree; whatever is refused says where. */
static void test_mutations(void **state)
{
	size_t len;
	char *text = slurp(SAMPLES "minimal.json", &len);
	char *m = mp_xmalloc(len);
	uint32_t seed = 12345;
	const char pool[] = "{}[],:\"\\ 0-e.\x01\x80\xC3\xED\xF4tu";
	int accepted = 0;
	for (int round = 0; round < 400; round++) {
		memcpy(m, text, len);
		for (int k = 0; k < 1 + round % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			m[at] = pool[(seed >> 8) % (sizeof pool - 1)];
		}
		mp_errors e;
		mp_node *a = parse_n(m, len, &e);
		if (!a) {
			assert_true(e.n >= 1);
			assert_true(e.v[0].line >= 1 && e.v[0].col >= 1);
			mp_errors_release(&e);
			continue;
		}
		accepted++;
		char *out = mp_json_write(a);
		mp_node *b = parse(out, &e);
		assert_non_null(b);
		assert_true(tree_equal(a, b));
		mp_node_free(a);
		mp_node_free(b);
		free(out);
		mp_errors_release(&e);
	}
	assert_true(accepted > 10 && accepted < 390);
	free(m);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip_all_fields),
		cmocka_unit_test(test_roundtrip_minimal),
		cmocka_unit_test(test_positions_all_fields),
		cmocka_unit_test(test_positions_characters),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_duplicate_keys_many),
		cmocka_unit_test(test_trailing),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_syntax),
		cmocka_unit_test(test_empty_and_bom),
		cmocka_unit_test(test_big_file),
		cmocka_unit_test(test_write_numbers),
		cmocka_unit_test(test_write_strings_and_shape),
		cmocka_unit_test(test_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
