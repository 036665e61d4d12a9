/*
 * error.c - error records and the allocation helpers every module uses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "error.h"

void *mp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fputs("movplan: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *mp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fputs("movplan: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *mp_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("movplan: out of memory\n", stderr);
		abort();
	}
	return q;
}

char *mp_xstrdup(const char *s)
{
	return s ? mp_xstrndup(s, strlen(s)) : NULL;
}

char *mp_xstrndup(const char *s, size_t n)
{
	char *p = mp_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char *xvasprintf(const char *fmt, va_list ap)
{
	char *p = NULL;
	if (vasprintf(&p, fmt ? fmt : "", ap) < 0 || !p) {
		fputs("movplan: out of memory\n", stderr);
		abort();
	}
	return p;
}

char *mp_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

void mp_errors_init(mp_errors *e)
{
	e->v = NULL;
	e->n = e->cap = 0;
}

void mp_errors_release(mp_errors *e)
{
	if (!e)
		return;
	for (int i = 0; i < e->n; i++) {
		free(e->v[i].file);
		free(e->v[i].item);
		free(e->v[i].field);
		free(e->v[i].msg);
	}
	free(e->v);
	mp_errors_init(e);
}

void mp_errors_vadd(mp_errors *e, int status, const char *file, int line,
		    int col, const char *item, const char *field,
		    const char *fmt, va_list ap)
{
	MP_GROW(e->v, e->n, e->cap);
	mp_error *r = &e->v[e->n++];
	r->file = mp_xstrdup(file);
	r->line = line;
	r->col = col;
	r->item = mp_xstrdup(item);
	r->field = mp_xstrdup(field);
	r->msg = xvasprintf(fmt, ap);
	r->status = status;
}

void mp_errors_add(mp_errors *e, const char *file, int line, int col,
		   const char *item, const char *field, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(e, MP_EDATA, file, line, col, item, field, fmt, ap);
	va_end(ap);
}

void mp_errors_addf(mp_errors *e, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mp_errors_vadd(e, status, NULL, 0, 0, NULL, NULL, fmt, ap);
	va_end(ap);
}

void mp_errors_append(mp_errors *dst, mp_errors *src)
{
	for (int i = 0; i < src->n; i++) {
		MP_GROW(dst->v, dst->n, dst->cap);
		dst->v[dst->n++] = src->v[i];
	}
	free(src->v);
	mp_errors_init(src);
}

/* SPEC 4: 66 (unreadable input) wins over 65; internal and busy errors
 * outrank data errors because they say the run itself failed. */
static int rank(int status)
{
	switch (status) {
	case MP_OK: return 0;
	case MP_EDATA: return 1;
	case MP_ENOINPUT: return 2;
	case MP_EUSAGE: return 3;
	case MP_ENOPLAN: return 4;
	case MP_ECANTCREAT: return 5;
	case MP_EBUSY: return 6;
	default: return 7;
	}
}

int mp_errors_status(const mp_errors *e)
{
	int best = MP_OK;
	for (int i = 0; i < e->n; i++)
		if (rank(e->v[i].status) > rank(best))
			best = e->v[i].status;
	return best;
}

char *mp_error_format(const mp_error *r)
{
	char pos[64] = "";
	if (r->line > 0 && r->col > 0)
		snprintf(pos, sizeof pos, ":%d:%d", r->line, r->col);
	else if (r->line > 0)
		snprintf(pos, sizeof pos, ":%d", r->line);
	return mp_xasprintf("%s%s%s%s%s%s%s%s", r->file ? r->file : "",
			    pos, r->file ? ": " : "",
			    r->item ? r->item : "", r->item ? ": " : "",
			    r->field ? r->field : "", r->field ? ": " : "",
			    r->msg);
}
