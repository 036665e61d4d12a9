/*
 * files.c - safe input reading and 0600 atomic output (SPEC 5).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "files.h"

int mp_read_file(const char *path, size_t max, char **buf, size_t *len, mp_errors *errs)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	int rc = MP_OK;
	size_t n = 0, cap = 65536;
	char *p = NULL;
	*buf = NULL;
	*len = 0;
	if (!f) {
		mp_errors_add(errs, path, 0, 0, NULL, NULL, "cannot open: %s", strerror(errno));
		errs->v[errs->n - 1].status = MP_ENOINPUT;
		return MP_ENOINPUT;
	}
	p = mp_xmalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				mp_errors_add(errs, path, 0, 0, NULL, NULL,
					      "file larger than %zu bytes", max);
				rc = MP_EDATA;
				goto out;
			}
			cap *= 2;
			p = mp_xrealloc(p, cap + 1);
		}
		size_t got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0) {
			if (ferror(f)) {
				mp_errors_add(errs, path, 0, 0, NULL, NULL, "cannot read: %s",
					      strerror(errno));
				errs->v[errs->n - 1].status = MP_ENOINPUT;
				rc = MP_ENOINPUT;
				goto out;
			}
			break;
		}
	}
	if (n > max) {
		mp_errors_add(errs, path, 0, 0, NULL, NULL, "file larger than %zu bytes", max);
		rc = MP_EDATA;
		goto out;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	p = NULL;
out:
	free(p);
	if (f != stdin)
		fclose(f);
	return rc;
}

static int cant(mp_errors *errs, const char *path, const char *what)
{
	mp_errors_addf(errs, MP_ECANTCREAT, "%s: cannot %s: %s", path, what, strerror(errno));
	return MP_ECANTCREAT;
}

int mp_write_file(const char *path, const char *data, size_t len, mp_errors *errs)
{
	if (strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return cant(errs, "standard output", "write");
		return MP_OK;
	}
	char *tmp = mp_xasprintf("%s.tmp.%ld", path, (long)getpid());
	int rc = MP_OK;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = cant(errs, path, "create");
		goto out;
	}
	fchmod(fd, 0600); /* whatever the umask */
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = cant(errs, path, "write");
			goto out;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0) {
		rc = cant(errs, path, "sync");
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		rc = cant(errs, path, "close");
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		rc = cant(errs, path, "rename");
out:
	if (fd >= 0)
		close(fd);
	if (rc != MP_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

FILE *mp_fopen_private(const char *path, mp_errors *errs)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		cant(errs, path, "create");
		return NULL;
	}
	fchmod(fd, 0600);
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		cant(errs, path, "open");
	}
	return f;
}

int mp_mkdir_p(const char *path, mp_errors *errs)
{
	char *p = mp_xstrdup(path);
	int rc = MP_OK;
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) != 0 && errno != EEXIST) {
				rc = cant(errs, p, "create directory");
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}
