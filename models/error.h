/*
 * error.h - the error record every library function fills instead of
 * printing (STYLE: errors and memory).
 *
 * An mp_error names the place of a problem: file, line, column (0 when
 * unknown), the item ("case 'AFG-0012': member 'AFG-0012-03'"), the
 * field ("birth_date") and a lowercase message.  Messages never quote
 * the value of a person's field (SPEC 3, SPEC 5): callers pass ids and
 * field names only.
 *
 * An mp_errors list collects every problem of a run, so `check` can
 * print all of them rather than the first.  It owns its strings.
 */
#ifndef MP_ERROR_H
#define MP_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Exit statuses of SPEC 4; library code returns them as status codes. */
enum mp_status {
	MP_OK = 0,
	MP_EUSAGE = 64,    /* bad usage */
	MP_EDATA = 65,     /* bad input data, or an unknown id on the command line */
	MP_ENOINPUT = 66,  /* an input file cannot be read */
	MP_ENOPLAN = 69,   /* no stored plan where one is needed */
	MP_EINTERNAL = 70, /* internal error (GLPK failure, out of memory, bug) */
	MP_ECANTCREAT = 73,/* an output cannot be written */
	MP_EBUSY = 75,     /* database busy past the timeout, or changed under a plan */
};

typedef struct mp_error {
	char *file;   /* may be NULL */
	int line;     /* 0 when unknown */
	int col;      /* 0 when unknown */
	char *item;   /* may be NULL */
	char *field;  /* may be NULL */
	char *msg;    /* never NULL */
	int status;   /* the mp_status this problem maps to */
} mp_error;

typedef struct mp_errors {
	mp_error *v;
	int n, cap;
} mp_errors;

void mp_errors_init(mp_errors *e);
/* Frees every record; accepts NULL. */
void mp_errors_release(mp_errors *e);

/* Appends a problem; status MP_EDATA.  file/item/field may be NULL. */
void mp_errors_add(mp_errors *e, const char *file, int line, int col,
		   const char *item, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void mp_errors_vadd(mp_errors *e, int status, const char *file, int line,
		    int col, const char *item, const char *field,
		    const char *fmt, va_list ap);
/* Appends a problem with an explicit status (MP_ENOINPUT, MP_EINTERNAL ...). */
void mp_errors_addf(mp_errors *e, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Moves every record of src to the end of dst; src is left empty. */
void mp_errors_append(mp_errors *dst, mp_errors *src);

/* The status a command should exit with: the highest-ranked status of
 * its records (66 wins over 65, SPEC 4), MP_OK when empty. */
int mp_errors_status(const mp_errors *e);

/* Formats one record as "file:line:col: item: field: message" into a
 * malloc'd string the caller frees. */
char *mp_error_format(const mp_error *err);

/* xstrdup/xmalloc abort with a message on out-of-memory: the only
 * failure no caller can sensibly handle. */
void *mp_xmalloc(size_t n);
void *mp_xcalloc(size_t n, size_t size);
void *mp_xrealloc(void *p, size_t n);
char *mp_xstrdup(const char *s);          /* NULL -> NULL */
char *mp_xstrndup(const char *s, size_t n);
char *mp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grows a dynamic array: MP_GROW(ptr, n, cap) makes room for one more. */
#define MP_GROW(p, n, cap)                                                  \
	do {                                                                \
		if ((n) >= (cap)) {                                         \
			(cap) = (cap) ? 2 * (cap) : 8;                      \
			(p) = mp_xrealloc((p), (size_t)(cap) * sizeof(*(p))); \
		}                                                           \
	} while (0)

#endif
