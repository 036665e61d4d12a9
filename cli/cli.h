/*
 * cli.h - the command table and what every command shares.
 *
 * Each command lives in its own file (cli/cmd_*.c) and exports one
 * `const mp_cmd` with designated initialisers, listed in the table in
 * cli/main.c (tmux's cmd-*.c).  Flags on the table do shared set-up
 * once before the command runs (git's NEEDS_* flags): NEEDS_DB opens
 * the store.  Only cli/ prints and decides exit statuses.
 */
#ifndef MP_CLI_H
#define MP_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "../models/dataset.h"
#include "../models/plan.h"
#include "../models/error.h"
#include "../io/files.h"
#include "../io/store.h"

enum {
	CMD_NEEDS_DB = 1 << 0,    /* open (create) the store before running */
};

/* One option a command accepts: --name VALUE or --name (a flag). */
typedef struct mp_opt {
	const char *name;
	bool takes_value;
	const char *help;
} mp_opt;

#define MP_MAX_OPTS 16

typedef struct mp_ctx {
	/* global options */
	const char *db_path;     /* --db, $MOVPLAN_DB, ./movplan.db */
	bool db_explicit;        /* --db or $MOVPLAN_DB given */
	bool db_flag;            /* --db given on the command line */
	double busy_timeout;
	bool quiet, verbose, json;
	bool progress;           /* stderr is a terminal and not --quiet */
	/* the command's own options, by index into its opts table */
	const char *optval[MP_MAX_OPTS];
	bool optset[MP_MAX_OPTS];
	/* positional arguments */
	int argc;
	char **argv;
	mp_store *store;         /* with CMD_NEEDS_DB */
	double default_time_limit; /* seconds per solve without --time-limit; 0: SPEC's 60 */
	mp_errors errs;          /* problems the command reports; main prints them */
	const struct mp_cmd *cmd;
} mp_ctx;

typedef struct mp_cmd {
	const char *name;
	const char *usage;       /* arguments after the name */
	const char *summary;     /* one line for `movplan --help` */
	const char *help;        /* the rest of `movplan CMD --help` */
	int min_args, max_args;  /* positional arguments; -1: no maximum */
	unsigned flags;
	mp_opt opts[MP_MAX_OPTS];
	int (*run)(mp_ctx *ctx); /* returns an exit status (SPEC 4) */
} mp_cmd;

/* The value of a command option (NULL when not given) and whether it was. */
const char *cli_opt(const mp_ctx *ctx, const char *name);
bool cli_flag(const mp_ctx *ctx, const char *name);

/* Adds a usage problem (exit 64). */
int cli_usage(mp_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Progress line to stderr on a terminal, unless --quiet. */
void cli_progress(const mp_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Notice to stderr unless --quiet. */
void cli_note(const mp_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Loads the dataset a scenario sees: the imported data with the
 * scenario's layers on top, defaults applied, validated.  revision may
 * be NULL.  Returns an exit status. */
int cli_load_scenario(mp_ctx *ctx, const char *scenario, mp_dataset *ds, int64_t *revision);

/* Reads files as one dataset (decode + key check), without defaults. */
int cli_read_files(mp_ctx *ctx, char **files, int n, mp_dataset *ds);

/* Reads the command's files (ctx->argv) into incoming and, when store
 * is open, puts them over the stored dataset in combined; validates the
 * result (cmd_check.c; shared by check, import and demo).  Returns an
 * exit status. */
int cli_read_and_validate(mp_ctx *ctx, mp_store *store, mp_dataset *incoming,
			  mp_dataset *combined);

/* Latest plan of a scenario into *plan (69 when none). */
int cli_latest_plan(mp_ctx *ctx, const char *scenario, mp_plan *plan);

/* Writes text to path (0600, atomic) or stdout when path is NULL or "-". */
int cli_write_output(mp_ctx *ctx, const char *path, const char *text, size_t len);

/* Opens an output (io/files.h: atomic, 0600, never through a symlink;
 * NULL or "-" is stdout); write to mp_out_stream(out).  NULL on failure
 * (73 recorded). */
mp_outfile *cli_open_output(mp_ctx *ctx, const char *path);
/* Ends an output: with rc MP_OK puts the file in place (73 on write
 * errors, a full disk included), else drops it, leaving any old file
 * as it was.  Returns rc, or the status of the failure.  Accepts NULL. */
int cli_close_output(mp_ctx *ctx, mp_outfile *out, int rc);

/* Hex digest of a dataset's canonical JSON (run records). */
char *cli_dataset_digest(const mp_dataset *ds);

/* Sets *out to the index of --format among names (64 when unknown;
 * *out unchanged when --format is absent). */
int cli_pick_format(mp_ctx *ctx, const char *const *names, int n, int *out);

/* The scenario's dataset and its latest plan; with case_id or
 * flight_id, 65 when that id does not exist. */
int cli_load_with_plan(mp_ctx *ctx, mp_dataset *ds, mp_plan *plan, const char *case_id,
		       const char *flight_id);

/* Writes a dataset as JSON or XML to path (stdout when NULL). */
int cli_write_dataset(mp_ctx *ctx, const mp_dataset *ds, bool xml, const char *path);

/* The scenario option or "baseline". */
const char *cli_scenario(const mp_ctx *ctx);

/* Plans ds (scenario, options from the command line) and fills plan.
 * Shared by `plan`, `plan --stateless` and `demo`. */
int cli_run_planner(mp_ctx *ctx, const mp_dataset *ds, const char *scenario,
		    const mp_plan *reference, mp_plan *plan);
/* Parses --time-limit, --gap and --weights into o (64 on bad values). */
int cli_plan_options(mp_ctx *ctx, mp_plan_options *o);
/* Prints the plan summary (text or --json) to stdout. */
void cli_print_plan_summary(const mp_ctx *ctx, const mp_dataset *ds, const mp_plan *plan);

extern const mp_cmd mp_cmd_check, mp_cmd_import, mp_cmd_export, mp_cmd_plan,
	mp_cmd_explain, mp_cmd_confirm, mp_cmd_release, mp_cmd_scenario, mp_cmd_compare,
	mp_cmd_manifest, mp_cmd_itinerary, mp_cmd_report, mp_cmd_demo, mp_cmd_generate;

#endif
