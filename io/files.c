/*
 * files.c - safe input reading and the one way movplan writes a file:
 * 0600, atomic, never through a symlink (SPEC 5; see files.h).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "files.h"

/* Opens a regular file to read.  A FIFO, a device or a folder is
 * refused (a FIFO with no writer would block forever: issue 10); it is
 * opened O_NONBLOCK so that even the open cannot block. */
static FILE *open_regular(const char *path, mp_errors *errs)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	const char *why = NULL;
	if (fd < 0)
		why = strerror(errno);
	else if (fstat(fd, &sb) != 0)
		why = strerror(errno);
	else if (S_ISDIR(sb.st_mode))
		why = "a folder, not a file";
	else if (!S_ISREG(sb.st_mode))
		why = "not a regular file (a FIFO or a device; give - to read standard input)";
	FILE *f = NULL;
	if (!why && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) == 0)
		f = fdopen(fd, "rb");
	if (!f) {
		mp_errors_add(errs, path, 0, 0, NULL, NULL, "cannot open: %s",
			      why ? why : strerror(errno));
		errs->v[errs->n - 1].status = MP_ENOINPUT;
		if (fd >= 0)
			close(fd);
	}
	return f;
}

int mp_read_file(const char *path, size_t max, char **buf, size_t *len, mp_errors *errs)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : open_regular(path, errs);
	int rc = MP_OK;
	size_t n = 0, cap = 65536;
	char *p = NULL;
	*buf = NULL;
	*len = 0;
	if (!f)
		return MP_ENOINPUT;
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

/* ---- one way to write a file ---- */

struct mp_outfile {
	char *path;      /* the target */
	char *tmp;       /* the temporary beside it; NULL for standard output */
	FILE *f;
	char name[40];   /* /proc/self/fd/N */
};

/* Temporaries are "DIR/.BASE.tmp.PID.XXXXXX" (BASE cut to TMP_BASE
 * bytes so the name stays within NAME_MAX): the pid lets the next run
 * tell a killed writer's leftovers from a live writer's. */
#define TMP_BASE 96

/* The directory part of path ("." when none) and the base name. */
static void split_path(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = mp_xstrdup(".");
		*base = path;
	} else if (slash == path) {
		*dir = mp_xstrdup("/");
		*base = slash + 1;
	} else {
		*dir = mp_xasprintf("%.*s", (int)(slash - path), path);
		*base = slash + 1;
	}
}

/* ".BASE.tmp." for the target base name. */
static char *tmp_prefix(const char *base)
{
	return mp_xasprintf(".%.*s.tmp.", TMP_BASE, base);
}

/* Removes a file or a whole folder (no symlink is followed). */
static void remove_tree(int at, const char *name)
{
	if (unlinkat(at, name, 0) == 0 || (errno != EISDIR && errno != EPERM))
		return;
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			remove_tree(dirfd(d), e->d_name);
	closedir(d);
	unlinkat(at, name, AT_REMOVEDIR);
}

/* Whether the temporary's name holds the pid of a process that is gone. */
static bool stale(const char *rest)
{
	char *end;
	long pid = strtol(rest, &end, 10);
	if (end == rest || *end != '.' || pid <= 0 || pid == (long)getpid())
		return false;
	return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void mp_out_clean_stale(const char *path)
{
	char *dir;
	const char *base;
	split_path(path, &dir, &base);
	char *prefix = tmp_prefix(base);
	size_t n = strlen(prefix);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (strncmp(e->d_name, prefix, n) == 0 && stale(e->d_name + n))
			remove_tree(dirfd(d), e->d_name);
	if (d)
		closedir(d);
	free(prefix);
	free(dir);
}

char *mp_out_tmpname(const char *path)
{
	char *dir;
	const char *base;
	split_path(path, &dir, &base);
	char *prefix = tmp_prefix(base);
	char *tmp = mp_xasprintf("%s/%s%ld.XXXXXX", dir, prefix, (long)getpid());
	free(prefix);
	free(dir);
	return tmp;
}

static bool is_stdout(const char *path)
{
	return !path || strcmp(path, "-") == 0;
}

mp_outfile *mp_out_open(const char *path, mp_errors *errs)
{
	mp_outfile *o = mp_xcalloc(1, sizeof *o);
	o->path = mp_xstrdup(is_stdout(path) ? "-" : path);
	if (is_stdout(path)) {
		o->f = stdout;
		return o;
	}
	mp_out_clean_stale(path);
	o->tmp = mp_out_tmpname(path);
	/* mkostemp: O_CREAT|O_EXCL, mode 0600; a name that exists (a
	 * planted symlink included) is never opened */
	int fd = mkostemp(o->tmp, O_CLOEXEC);
	if (fd < 0 || fchmod(fd, 0600) != 0 || !(o->f = fdopen(fd, "w"))) {
		cant(errs, path, "create");
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->tmp);
		o->tmp = NULL;
		mp_out_abort(o);
		return NULL;
	}
	snprintf(o->name, sizeof o->name, "/proc/self/fd/%d", fd);
	return o;
}

FILE *mp_out_stream(mp_outfile *o)
{
	return o->f;
}

const char *mp_out_name(mp_outfile *o)
{
	if (!o->tmp)
		return "/dev/stdout";
	return access(o->name, W_OK) == 0 ? o->name : o->tmp;
}

int mp_sync_parent(const char *path)
{
	char *dir;
	const char *base;
	split_path(path, &dir, &base);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	/* some filesystems cannot sync a directory; the rename stands */
	return rc != 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
}

static void out_free(mp_outfile *o)
{
	free(o->path);
	free(o->tmp);
	free(o);
}

int mp_out_commit(mp_outfile *o, mp_errors *errs)
{
	if (!o->tmp) {
		int bad = ferror(o->f) || fflush(o->f) != 0;
		out_free(o);
		return bad ? cant(errs, "standard output", "write") : MP_OK;
	}
	int rc = MP_OK;
	const char *what = NULL;
	if (ferror(o->f) || fflush(o->f) != 0)
		what = "write";
	else if (fsync(fileno(o->f)) != 0)
		what = "sync";
	int saved = errno;
	if (fclose(o->f) != 0 && !what) {
		what = "write";
		saved = errno;
	}
	o->f = NULL;
	if (!what && rename(o->tmp, o->path) != 0) {
		what = "rename";
		saved = errno;
	}
	if (what) {
		unlink(o->tmp);
		errno = saved;
		rc = cant(errs, o->path, what);
	} else if (mp_sync_parent(o->path) != 0) {
		rc = cant(errs, o->path, "sync the folder of");
	}
	out_free(o);
	return rc;
}

void mp_out_abort(mp_outfile *o)
{
	if (!o)
		return;
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	out_free(o);
}

/* ---- one way to write a folder ---- */

struct mp_outdir {
	char *path;      /* the target */
	char *tmp;       /* the folder being built beside it */
};

/* Makes the parent folders of path (0700), if missing. */
static int make_parents(const char *path, mp_errors *errs)
{
	char *dir;
	const char *base;
	split_path(path, &dir, &base);
	int rc = strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0 ? MP_OK : mp_mkdir_p(dir, errs);
	free(dir);
	return rc;
}

mp_outdir *mp_outdir_open(const char *path, mp_errors *errs)
{
	if (make_parents(path, errs) != MP_OK)
		return NULL;
	mp_out_clean_stale(path);
	mp_outdir *d = mp_xcalloc(1, sizeof *d);
	d->path = mp_xstrdup(path);
	d->tmp = mp_out_tmpname(path);
	if (!mkdtemp(d->tmp)) { /* mode 0700 */
		cant(errs, path, "create the folder");
		free(d->tmp);
		d->tmp = NULL;
		mp_outdir_abort(d);
		return NULL;
	}
	return d;
}

const char *mp_outdir_path(const mp_outdir *d)
{
	return d->tmp;
}

/* fsyncs a folder's entries. */
static int sync_folder(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	close(fd);
	return rc != 0 && errno != EINVAL && errno != EROFS ? -1 : 0;
}

/* Puts the new folder at the target in one step: renamed there when
 * nothing is there, else exchanged with what is there (the old folder,
 * or a file or symlink, which is replaced, never followed) and the old
 * one removed.  Where the filesystem cannot exchange, the old one is
 * moved aside first (a reader then briefly finds no folder, never a
 * mix). */
static int swap_in(mp_outdir *d)
{
	if (rename(d->tmp, d->path) == 0)
		return 0;
	if (errno != EEXIST && errno != ENOTEMPTY && errno != ENOTDIR && errno != EISDIR)
		return -1;
	if (renameat2(AT_FDCWD, d->tmp, AT_FDCWD, d->path, RENAME_EXCHANGE) != 0) {
		if (errno != EINVAL && errno != ENOSYS)
			return -1;
		char *aside = mp_out_tmpname(d->path);
		int ok = mkdtemp(aside) && rename(d->path, aside) == 0 && rename(d->tmp, d->path) == 0;
		free(d->tmp);
		d->tmp = aside;
		if (!ok)
			return -1;
	}
	char *dir;
	const char *base;
	split_path(d->tmp, &dir, &base);
	int at = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (at >= 0) {
		remove_tree(at, base); /* the old folder, now under the temporary name */
		close(at);
	}
	free(dir);
	return 0;
}

int mp_outdir_commit(mp_outdir *d, mp_errors *errs)
{
	int rc = MP_OK;
	if (sync_folder(d->tmp) != 0 || swap_in(d) != 0)
		rc = cant(errs, d->path, "put the folder in place");
	else if (mp_sync_parent(d->path) != 0)
		rc = cant(errs, d->path, "sync the folder of");
	mp_outdir_abort(d); /* removes what is left under the temporary name */
	return rc;
}

void mp_outdir_abort(mp_outdir *d)
{
	if (!d)
		return;
	if (d->tmp) {
		char *dir;
		const char *base;
		split_path(d->tmp, &dir, &base);
		int at = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (at >= 0) {
			remove_tree(at, base);
			close(at);
		}
		free(dir);
	}
	free(d->tmp);
	free(d->path);
	free(d);
}

int mp_write_file(const char *path, const char *data, size_t len, mp_errors *errs)
{
	mp_outfile *o = mp_out_open(path, errs);
	if (!o)
		return MP_ECANTCREAT;
	if (len > 0 && fwrite(data, 1, len, o->f) != len) {
		int e = errno;
		if (!o->tmp) {
			out_free(o);
			errno = e;
			return cant(errs, "standard output", "write");
		}
		mp_out_abort(o);
		errno = e;
		return cant(errs, path, "write");
	}
	return mp_out_commit(o, errs);
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
