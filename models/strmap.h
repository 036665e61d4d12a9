/*
 * strmap.h - a small open-addressing hash map from borrowed strings to
 * int, for id lookups (the dataset's keys live as long as the map).
 */
#ifndef MP_STRMAP_H
#define MP_STRMAP_H

typedef struct mp_strmap {
	const char **keys;
	int *vals;
	int cap, n;
} mp_strmap;

void mp_strmap_init(mp_strmap *m);
void mp_strmap_release(mp_strmap *m);
/* Sets key -> val (key is borrowed, not copied; for an existing equal
 * key the new pointer replaces the old one). */
void mp_strmap_put(mp_strmap *m, const char *key, int val);
/* The value of key, or -1 when absent. */
int mp_strmap_get(const mp_strmap *m, const char *key);

#endif
