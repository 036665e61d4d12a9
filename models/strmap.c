/*
 * strmap.c - open addressing with linear probing, FNV-1a hashing.
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
