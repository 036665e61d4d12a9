/*
 * strsearch.c - binary search by string key (see strsearch.h).
 */
#include <string.h>
#include "strsearch.h"

/* The key of item i: the char * at offset off in the item, which is
 * base[i] itself or, when indirect, the item base[i] points to. */
static const char *key_at(const void *base, int i, size_t size, size_t off, int indirect)
{
	const char *item = (const char *)base + (size_t)i * size;
	if (indirect)
		item = *(const char *const *)item;
	const char *k = *(const char *const *)(item + off);
	return k ? k : "";
}

/* Lower bound: the first index whose key is >= key, then equality. */
static int search(const void *base, int n, size_t size, size_t off, int indirect,
		  const char *key)
{
	if (!key)
		return -1;
	int lo = 0, hi = n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcmp(key_at(base, mid, size, off, indirect), key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && strcmp(key_at(base, lo, size, off, indirect), key) == 0 ? lo : -1;
}

int mp_strsearch(const void *base, int n, size_t size, size_t off, const char *key)
{
	return search(base, n, size, off, 0, key);
}

int mp_strsearch_ptr(const void *const *v, int n, size_t off, const char *key)
{
	return search(v, n, sizeof *v, off, 1, key);
}
