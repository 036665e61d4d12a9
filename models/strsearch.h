/*
 * strsearch.h - the binary search by string key over a sorted array.
 *
 * The array is sorted by a string key with strcmp, a NULL key sorting
 * as "".  Two shapes: an array of items, each holding its key as the
 * `char *` at byte offset `off` (mp_strsearch), and an array of
 * pointers to such items (mp_strsearch_ptr).  Among equal keys the
 * first is found, so a sorted array with duplicates gives the one
 * that sorts first.
 */
#ifndef MP_STRSEARCH_H
#define MP_STRSEARCH_H

#include <stddef.h>

/* Index of the first of the n items (each `size` bytes from base) whose
 * key equals key, or -1 when none does or key is NULL. */
int mp_strsearch(const void *base, int n, size_t size, size_t off, const char *key);

/* The same over v[0..n), pointers to the items. */
int mp_strsearch_ptr(const void *const *v, int n, size_t off, const char *key);

#endif
