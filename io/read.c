/*
 * read.c - from files to a dataset: sniff the form, parse, decode; and
 * scenario layers on node trees (SPEC 3, "Keys and layers").
 */
#include <stdlib.h>
#include <string.h>
#include "decode.h"
#include "decode_util.h"
#include "files.h"
#include "json.h"
#include "xml.h"

mp_node *mp_parse_bytes(const char *file, const char *buf, size_t len, mp_errors *errs)
{
	size_t i = 0;
	/* skip a UTF-8 byte order mark and white space to find the form */
	if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
	    (unsigned char)buf[2] == 0xBF)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r'))
		i++;
	if (i == len) {
		mp_errors_add(errs, file, 1, 1, NULL, NULL, "empty file");
		return NULL;
	}
	if (buf[i] == '<')
		return mp_xml_parse(file, buf, len, errs);
	return mp_json_parse(file, buf, len, errs);
}

int mp_read_dataset(const char *const *files, int n_files, mp_dataset *ds, mp_errors *errs)
{
	int before = errs->n;
	for (int i = 0; i < n_files; i++) {
		char *buf = NULL;
		size_t len = 0;
		if (mp_read_file(files[i], MP_INPUT_MAX, &buf, &len, errs) != MP_OK)
			continue;
		mp_node *root = mp_parse_bytes(files[i], buf, len, errs);
		free(buf);
		if (root)
			mp_decode(root, files[i], ds, errs);
		mp_node_free(root);
	}
	return errs->n > before ? mp_errors_status(errs) : MP_OK;
}

/* ---- layers ---- */

static const struct {
	const char *part, *key;
} part_keys[] = {
	{"airports", "code"}, {"flights", "id"}, {"quotas", "id"},
	{"arrival_rules", "country"}, {"transit_rules", "country"},
	{"clinics", "id"}, {"escorts", "id"}, {"cases", "id"}, {"bookings", "case"},
};

static const char *key_of(const char *part)
{
	for (size_t i = 0; i < sizeof part_keys / sizeof part_keys[0]; i++)
		if (strcmp(part, part_keys[i].part) == 0)
			return part_keys[i].key;
	return NULL;
}

static void mark_src(mp_node *n, const char *file)
{
	n->src = file;
	for (mp_node *c = n->child; c; c = c->next)
		mark_src(c, file);
}

static mp_node *find_item(mp_node *arr, const char *keyfield, const char *key)
{
	for (mp_node *it = arr->child; it; it = it->next) {
		const char *k = mp_dtext(mp_node_get(it, keyfield));
		if (k && strcmp(k, key) == 0)
			return it;
	}
	return NULL;
}

static void remove_child(mp_node *parent, mp_node *victim)
{
	mp_node *prev = NULL;
	for (mp_node *c = parent->child; c; prev = c, c = c->next) {
		if (c != victim)
			continue;
		if (prev)
			prev->next = c->next;
		else
			parent->child = c->next;
		if (parent->last == c)
			parent->last = prev;
		parent->n_children--;
		c->next = NULL;
		mp_node_free(c);
		return;
	}
}

/* A field given replaces the old one whole (lists and objects too). */
static void merge_fields(mp_node *dst, const mp_node *src, const char *file)
{
	for (const mp_node *f = src->child; f; f = f->next) {
		if (strcmp(f->key, "remove") == 0)
			continue;
		mp_node_free(mp_node_detach(dst, f->key));
		mp_node *copy = mp_node_clone(f);
		mark_src(copy, file);
		mp_node_append(dst, copy);
	}
}

static bool is_removal(mp_dctx *c, const mp_node *item)
{
	bool rm = false;
	const mp_dctx saved = *c;
	c->obj = item;
	if (mp_node_get(item, "remove"))
		mp_dbool(c, "remove", false, &rm);
	c->obj = saved.obj;
	return rm;
}

static void apply_item(mp_dctx *c, mp_node *arr, const mp_node *item, const char *keyfield,
		       const char *file)
{
	const char *key = mp_dtext(mp_node_get(item, keyfield));
	snprintf(c->item, sizeof c->item, "%s", arr->key);
	c->obj = item;
	if (!key) {
		mp_dfail(c, item, keyfield, "missing: a layer item needs its key");
		return;
	}
	mp_node *old = find_item(arr, keyfield, key);
	if (is_removal(c, item)) {
		if (old)
			remove_child(arr, old);
		else
			mp_dfail(c, item, keyfield, "remove: no item with this key");
		return;
	}
	if (old) {
		merge_fields(old, item, file);
		return;
	}
	mp_node *copy = mp_node_clone(item);
	mark_src(copy, file);
	mp_node_free(mp_node_detach(copy, "remove"));
	mp_node_append(arr, copy);
}

int mp_layer_apply(mp_node *base, const mp_node *layer, const char *file, mp_errors *errs)
{
	mp_dctx c = {.file = file, .errs = errs, .obj = layer};
	if (!layer || layer->kind != MP_NODE_OBJECT) {
		mp_dfail(&c, layer, NULL, "expected an object");
		return c.n_err;
	}
	for (const mp_node *p = layer->child; p; p = p->next) {
		if (strcmp(p->key, "movplan") == 0)
			continue;
		if (strcmp(p->key, "mission") == 0 && p->kind == MP_NODE_OBJECT) {
			mp_node *m = mp_node_get(base, "mission");
			if (!m) {
				m = mp_node_obj("mission");
				mp_node_append(base, m);
			}
			merge_fields(m, p, file);
			continue;
		}
		const char *keyfield = key_of(p->key);
		if (!keyfield || p->kind != MP_NODE_ARRAY) {
			c.item[0] = '\0';
			mp_dfail(&c, p, p->key, keyfield ? "expected a list" : "unknown part");
			continue;
		}
		mp_node *arr = mp_node_get(base, p->key);
		if (!arr) {
			arr = mp_node_arr(p->key);
			mp_node_append(base, arr);
		}
		for (const mp_node *it = p->child; it; it = it->next) {
			if (it->kind != MP_NODE_OBJECT) {
				mp_dfail(&c, it, p->key, "expected an object for each item");
				continue;
			}
			apply_item(&c, arr, it, keyfield, file);
		}
	}
	return c.n_err;
}
