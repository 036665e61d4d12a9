/*
 * test_strmap.c - models/strmap and models/strsearch: the hash map and
 * the binary search by string key (both shapes, duplicates, NULL keys).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "models/strmap.h"
#include "models/strsearch.h"
#include "builders.h"

static void test_strmap(void **state)
{
	mp_strmap m;
	mp_strmap_init(&m);
	char keys[500][16];
	for (int i = 0; i < 500; i++) {
		snprintf(keys[i], sizeof keys[i], "k%d", i);
		mp_strmap_put(&m, keys[i], i);
	}
	for (int i = 0; i < 500; i++)
		assert_int_equal(mp_strmap_get(&m, keys[i]), i);
	assert_int_equal(mp_strmap_get(&m, "nope"), -1);
	mp_strmap_release(&m);
}

typedef struct item {
	int n;
	const char *key;
} item;

static void test_strsearch(void **state)
{
	/* sorted by key; NULL sorts as "", duplicates give the first */
	item v[] = {{0, NULL}, {1, "a"}, {2, "b"}, {3, "b"}, {4, "b"}, {5, "d"}};
	int n = (int)(sizeof v / sizeof v[0]);
	size_t off = offsetof(item, key);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, ""), 0);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, "a"), 1);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, "b"), 2);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, "d"), 5);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, "c"), -1);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, "e"), -1);
	assert_int_equal(mp_strsearch(v, n, sizeof(item), off, NULL), -1);
	assert_int_equal(mp_strsearch(v, 0, sizeof(item), off, "a"), -1);
	const void *p[] = {&v[1], &v[2], &v[5]};
	assert_int_equal(mp_strsearch_ptr(p, 3, off, "a"), 0);
	assert_int_equal(mp_strsearch_ptr(p, 3, off, "b"), 1);
	assert_int_equal(mp_strsearch_ptr(p, 3, off, "d"), 2);
	assert_int_equal(mp_strsearch_ptr(p, 3, off, "bb"), -1);
	/* every key of a long array is found at its first place */
	char keys[300][16];
	item big[300];
	for (int i = 0; i < 300; i++) {
		snprintf(keys[i], sizeof keys[i], "k%03d", i / 2);
		big[i] = (item){i, keys[i]};
	}
	for (int i = 0; i < 300; i += 2)
		assert_int_equal(mp_strsearch(big, 300, sizeof(item), off, keys[i]), i);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strmap),
		cmocka_unit_test(test_strsearch),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
