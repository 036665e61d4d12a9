/*
 * map.c - the planner's small hash maps (string -> int, uint64 -> int)
 * and int vectors.  Open addressing with linear probing; the tables
 * double at half load.  Keys of pl_map are borrowed from the dataset.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static uint64_t hash_u64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

void pl_map_init(pl_map *m)
{
	memset(m, 0, sizeof *m);
}

void pl_map_release(pl_map *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static void map_grow(pl_map *m)
{
	pl_map old = *m;
	m->cap = old.cap ? 2 * old.cap : 16;
	m->keys = mp_xcalloc((size_t)m->cap, sizeof *m->keys);
	m->vals = mp_xcalloc((size_t)m->cap, sizeof *m->vals);
	m->n = 0;
	for (int i = 0; i < old.cap; i++)
		if (old.keys[i])
			pl_map_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

void pl_map_put(pl_map *m, const char *key, int val)
{
	if (2 * (m->n + 1) > m->cap)
		map_grow(m);
	size_t mask = (size_t)m->cap - 1;
	for (size_t i = hash_str(key) & mask;; i = (i + 1) & mask) {
		if (!m->keys[i]) {
			m->keys[i] = key;
			m->vals[i] = val;
			m->n++;
			return;
		}
		if (strcmp(m->keys[i], key) == 0) {
			m->vals[i] = val;
			return;
		}
	}
}

int pl_map_get(const pl_map *m, const char *key)
{
	if (!key || m->cap == 0)
		return -1;
	size_t mask = (size_t)m->cap - 1;
	for (size_t i = hash_str(key) & mask; m->keys[i]; i = (i + 1) & mask)
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return -1;
}

/* Key 0 marks an empty slot, so keys are stored plus one. */
void pl_imap_init(pl_imap *m)
{
	memset(m, 0, sizeof *m);
}

void pl_imap_release(pl_imap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

static void imap_grow(pl_imap *m)
{
	pl_imap old = *m;
	m->cap = old.cap ? 2 * old.cap : 64;
	m->keys = mp_xcalloc((size_t)m->cap, sizeof *m->keys);
	m->vals = mp_xcalloc((size_t)m->cap, sizeof *m->vals);
	m->n = 0;
	for (int i = 0; i < old.cap; i++)
		if (old.keys[i])
			pl_imap_put(m, old.keys[i] - 1, old.vals[i]);
	free(old.keys);
	free(old.vals);
}

void pl_imap_put(pl_imap *m, uint64_t key, int val)
{
	if (2 * (m->n + 1) > m->cap)
		imap_grow(m);
	size_t mask = (size_t)m->cap - 1;
	uint64_t k = key + 1;
	for (size_t i = hash_u64(key) & mask;; i = (i + 1) & mask) {
		if (!m->keys[i]) {
			m->keys[i] = k;
			m->vals[i] = val;
			m->n++;
			return;
		}
		if (m->keys[i] == k) {
			m->vals[i] = val;
			return;
		}
	}
}

int pl_imap_get(const pl_imap *m, uint64_t key)
{
	if (m->cap == 0)
		return -1;
	size_t mask = (size_t)m->cap - 1;
	uint64_t k = key + 1;
	for (size_t i = hash_u64(key) & mask; m->keys[i]; i = (i + 1) & mask)
		if (m->keys[i] == k)
			return m->vals[i];
	return -1;
}

void pl_ivec_push(pl_ivec *a, int x)
{
	MP_GROW(a->v, a->n, a->cap);
	a->v[a->n++] = x;
}
