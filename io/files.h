/*
 * files.h - reading inputs and writing outputs safely.
 *
 * Every file movplan writes is created mode 0600 whatever the umask
 * (SPEC 5), and written atomically (a temporary file in the same
 * folder, fsync, rename) so a killed process never leaves half a file:
 * mp_outfile below is the one way to do it.
 */
#ifndef MP_FILES_H
#define MP_FILES_H

#include <stddef.h>
#include <stdio.h>
#include "../models/error.h"

/* Reads a whole file into a malloc'd NUL-terminated buffer.  Errors:
 * MP_ENOINPUT when it cannot be opened or read, or is not a regular
 * file (a FIFO, a device, a folder: never blocks), MP_EDATA when larger
 * than `max` bytes.  "-" reads standard input. */
int mp_read_file(const char *path, size_t max, char **buf, size_t *len, mp_errors *errs);

/* An output being written.  Every file movplan writes goes through
 * here: a temporary "DIR/.BASE.tmp.PID.XXXXXX" is created beside the
 * target with mkostemp (O_CREAT|O_EXCL: a name that exists, a planted
 * symlink included, is never opened; unpredictable), mode 0600 whatever
 * the umask; written; fsync'ed; renamed over the target (a symlink at
 * the target is replaced, never followed; the target itself is never
 * opened for writing); and the folder fsync'ed.  A reader sees the old
 * file or the new one, never a part.  Temporaries left by a killed
 * writer (its pid no longer runs) are removed by the next one.
 * "-" (or NULL) is standard output, written directly. */
typedef struct mp_outfile mp_outfile;

/* Starts writing path; NULL and an MP_ECANTCREAT record on failure. */
mp_outfile *mp_out_open(const char *path, mp_errors *errs);
/* The stream to write to. */
FILE *mp_out_stream(mp_outfile *o);
/* A file name that opens the temporary itself, for a library that
 * writes by name (GLPK's glp_write_lp): /proc/self/fd/N where /proc is
 * mounted, else the temporary's name.  Write nothing through the
 * stream as well. */
const char *mp_out_name(mp_outfile *o);
/* Flushes, syncs and renames the temporary over the target, syncs the
 * folder and frees o.  MP_ECANTCREAT (write errors of the stream
 * included, a full disk among them) leaves the target as it was and no
 * temporary. */
int mp_out_commit(mp_outfile *o, mp_errors *errs);
/* Drops the temporary (the target stays as it was) and frees o;
 * accepts NULL. */
void mp_out_abort(mp_outfile *o);

/* Writes len bytes to path with the above.  MP_ECANTCREAT on failure. */
int mp_write_file(const char *path, const char *data, size_t len, mp_errors *errs);

/* A folder written whole (the report's --out): its files are written
 * into a temporary folder beside the target ("DIR/.BASE.tmp.PID.XXXXXX",
 * mkdtemp, 0700; parents made 0700 if missing), which then replaces the
 * target in one step - renamed there, or exchanged with the old folder
 * (renameat2 RENAME_EXCHANGE) which is then removed - so a reader sees
 * the old folder or the new one, never a mix.  A symlink or a file at
 * the target is replaced, never followed.  Temporaries of killed writers
 * are removed by the next. */
typedef struct mp_outdir mp_outdir;

/* NULL and an MP_ECANTCREAT record on failure. */
mp_outdir *mp_outdir_open(const char *path, mp_errors *errs);
/* The folder to write into (with mp_write_file). */
const char *mp_outdir_path(const mp_outdir *d);
/* Syncs the new folder, puts it in place, syncs its parent, frees d;
 * MP_ECANTCREAT leaves the target as it was. */
int mp_outdir_commit(mp_outdir *d, mp_errors *errs);
/* Removes the new folder (the target stays as it was), frees d;
 * accepts NULL. */
void mp_outdir_abort(mp_outdir *d);

/* The name of a new temporary beside path ("DIR/.BASE.tmp.PID.XXXXXX",
 * to be filled by mkstemp or mkdtemp), malloc'd. */
char *mp_out_tmpname(const char *path);
/* Removes the temporaries (files or folders) of path left by processes
 * that no longer run. */
void mp_out_clean_stale(const char *path);
/* fsyncs the folder holding path, so a rename or link there is
 * durable; 0, or -1 (a filesystem that cannot sync a folder is 0). */
int mp_sync_parent(const char *path);

/* Creates a directory (and parents) mode 0700 if missing. */
int mp_mkdir_p(const char *path, mp_errors *errs);

#endif
