/*
 * strmap.c - open addressing with linear probing; FNV-1a hashing for
 * strings, a 64-bit finaliser (MurmurHash3's) for integer keys.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "strmap.h"
#include "error.h"

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void mp_strmap_init(mp_strmap *m)
{
	memset(m, 0, sizeof *m);
}

void mp_strmap_release(mp_strmap *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->vals);
	mp_strmap_init(m);
}

static void grow(mp_strmap *m)
{
	mp_strmap big = {mp_xcalloc((size_t)(m->cap ? 2 * m->cap : 64), sizeof(char *)),
			 mp_xcalloc((size_t)(m->cap ? 2 * m->cap : 64), sizeof(int)),
			 m->cap ? 2 * m->cap : 64, 0};
	for (int i = 0; i < m->cap; i++)
		if (m->keys[i])
			mp_strmap_put(&big, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = big;
}

void mp_strmap_put(mp_strmap *m, const char *key, int val)
{
	if (!key)
		return;
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	uint32_t i = hash(key) & (uint32_t)(m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (uint32_t)(m->cap - 1);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key; /* an equal key replaces the borrowed pointer */
	m->vals[i] = val;
}

int mp_strmap_get(const mp_strmap *m, const char *key)
{
	if (!key || m->cap == 0)
		return -1;
	uint32_t i = hash(key) & (uint32_t)(m->cap - 1);
	while (m->keys[i]) {
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
		i = (i + 1) & (uint32_t)(m->cap - 1);
	}
	return -1;
}

static uint64_t hash_u64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	x *= 0xc4ceb9fe1a85ec53ull;
	return x ^ (x >> 33);
}

void mp_u64map_init(mp_u64map *m)
{
	memset(m, 0, sizeof *m);
}

void mp_u64map_release(mp_u64map *m)
{
	if (!m)
		return;
	free(m->keys);
	free(m->vals);
	mp_u64map_init(m);
}

static void grow_u64(mp_u64map *m)
{
	int cap = m->cap ? 2 * m->cap : 64;
	mp_u64map big = {mp_xcalloc((size_t)cap, sizeof(uint64_t)), mp_xcalloc((size_t)cap, sizeof(int)),
			 cap, 0};
	for (int i = 0; i < m->cap; i++)
		if (m->keys[i])
			mp_u64map_put(&big, m->keys[i] - 1, m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = big;
}

void mp_u64map_put(mp_u64map *m, uint64_t key, int val)
{
	if (2 * (m->n + 1) > m->cap)
		grow_u64(m);
	size_t mask = (size_t)m->cap - 1;
	size_t i = hash_u64(key) & mask;
	while (m->keys[i] && m->keys[i] != key + 1)
		i = (i + 1) & mask;
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key + 1;
	m->vals[i] = val;
}

int mp_u64map_get(const mp_u64map *m, uint64_t key)
{
	if (m->cap == 0)
		return -1;
	size_t mask = (size_t)m->cap - 1;
	for (size_t i = hash_u64(key) & mask; m->keys[i]; i = (i + 1) & mask)
		if (m->keys[i] == key + 1)
			return m->vals[i];
	return -1;
}
