/*
 * files.h - reading inputs and writing outputs safely.
 *
 * Every file movplan writes is created mode 0600 whatever the umask
 * (SPEC 5), and written atomically (a temporary file in the same
 * folder, fsync, rename) so a killed process never leaves half a file.
 */
#ifndef MP_FILES_H
#define MP_FILES_H

#include <stddef.h>
#include <stdio.h>
#include "../models/error.h"

/* Reads a whole file into a malloc'd NUL-terminated buffer.  Errors:
 * MP_ENOINPUT when it cannot be opened or read, MP_EDATA when larger
 * than `max` bytes.  "-" reads standard input. */
int mp_read_file(const char *path, size_t max, char **buf, size_t *len, mp_errors *errs);

/* Writes len bytes to path atomically, mode 0600.  MP_ECANTCREAT on
 * failure.  "-" writes standard output. */
int mp_write_file(const char *path, const char *data, size_t len, mp_errors *errs);

/* Opens path for writing, created 0600 (truncated if it exists).
 * NULL and an MP_ECANTCREAT record on failure. */
FILE *mp_fopen_private(const char *path, mp_errors *errs);

/* Creates a directory (and parents) mode 0700 if missing. */
int mp_mkdir_p(const char *path, mp_errors *errs);

#endif
