/*
 * node.c - the neutral document tree (see node.h).
 */
#include <stdlib.h>
#include <string.h>
#include "node.h"
#include "../models/error.h"

mp_node *mp_node_new(enum mp_node_kind kind, const char *key, int line, int col)
{
	mp_node *n = mp_xcalloc(1, sizeof *n);
	n->kind = kind;
	n->key = mp_xstrdup(key);
	n->line = line;
	n->col = col;
	return n;
}

void mp_node_free(mp_node *n)
{
	if (!n)
		return;
	mp_node *c = n->child;
	while (c) {
		mp_node *next = c->next;
		mp_node_free(c);
		c = next;
	}
	free(n->key);
	free(n->str);
	free(n);
}

void mp_node_append(mp_node *parent, mp_node *child)
{
	if (!child)
		return;
	child->next = NULL;
	if (parent->last)
		parent->last->next = child;
	else
		parent->child = child;
	parent->last = child;
	parent->n_children++;
}

mp_node *mp_node_get(const mp_node *obj, const char *key)
{
	if (!obj)
		return NULL;
	for (mp_node *c = obj->child; c; c = c->next)
		if (c->key && strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

mp_node *mp_node_detach(mp_node *obj, const char *key)
{
	mp_node *prev = NULL;
	for (mp_node *c = obj->child; c; prev = c, c = c->next) {
		if (!c->key || strcmp(c->key, key) != 0)
			continue;
		if (prev)
			prev->next = c->next;
		else
			obj->child = c->next;
		if (obj->last == c)
			obj->last = prev;
		obj->n_children--;
		c->next = NULL;
		return c;
	}
	return NULL;
}

mp_node *mp_node_clone(const mp_node *n)
{
	if (!n)
		return NULL;
	mp_node *r = mp_node_new(n->kind, n->key, n->line, n->col);
	r->str = mp_xstrdup(n->str);
	r->num = n->num;
	r->b = n->b;
	r->src = n->src;
	for (const mp_node *c = n->child; c; c = c->next)
		mp_node_append(r, mp_node_clone(c));
	return r;
}

mp_node *mp_node_str(const char *key, const char *s)
{
	if (!s)
		return NULL;
	mp_node *n = mp_node_new(MP_NODE_STRING, key, 0, 0);
	n->str = mp_xstrdup(s);
	return n;
}

mp_node *mp_node_num(const char *key, double v)
{
	mp_node *n = mp_node_new(MP_NODE_NUMBER, key, 0, 0);
	n->num = v;
	return n;
}

mp_node *mp_node_bool(const char *key, bool v)
{
	mp_node *n = mp_node_new(MP_NODE_BOOL, key, 0, 0);
	n->b = v;
	return n;
}

mp_node *mp_node_obj(const char *key)
{
	return mp_node_new(MP_NODE_OBJECT, key, 0, 0);
}

mp_node *mp_node_arr(const char *key)
{
	return mp_node_new(MP_NODE_ARRAY, key, 0, 0);
}

mp_node *mp_node_str_array(const char *key, char *const *v, int n)
{
	mp_node *a = mp_node_arr(key);
	for (int i = 0; i < n; i++)
		mp_node_append(a, mp_node_str(NULL, v[i] ? v[i] : ""));
	return a;
}

mp_node *mp_node_date(const char *key, mp_date d)
{
	char buf[MP_DATE_BUF];
	if (d == MP_NODATE)
		return NULL;
	mp_date_format(d, buf);
	return mp_node_str(key, buf);
}

mp_node *mp_node_datetime(const char *key, mp_datetime dt)
{
	char buf[MP_DATETIME_BUF];
	if (!dt.present)
		return NULL;
	mp_datetime_format(dt, buf);
	return mp_node_str(key, buf);
}
