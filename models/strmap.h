/*
 * strmap.h - small open-addressing hash maps: borrowed strings to int,
 * for id lookups (the dataset's keys live as long as the map), and
 * 64-bit keys to int (the planner's itinerary and resource keys).
 */
#ifndef MP_STRMAP_H
#define MP_STRMAP_H

#include <stdint.h>

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

/* uint64 -> int, the same contract (keys are values, not borrowed). */
typedef struct mp_u64map {
	uint64_t *keys;    /* stored plus one: 0 marks an empty slot */
	int *vals;
	int cap, n;
} mp_u64map;

void mp_u64map_init(mp_u64map *m);
void mp_u64map_release(mp_u64map *m);
void mp_u64map_put(mp_u64map *m, uint64_t key, int val);
int mp_u64map_get(const mp_u64map *m, uint64_t key);

#endif
