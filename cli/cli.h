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
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "../models/dataset.h"
#include "../models/plan.h"
#include "../models/decide.h"
#include "../models/error.h"
#include "../io/files.h"
#include "../io/store.h"

enum {
	CMD_NEEDS_DB = 1 << 0,    /* open the store before running (it must exist) */
	CMD_DB_READ = 1 << 1,     /* ... read-only: the command never writes it */
	CMD_DB_CREATE = 1 << 2,   /* ... and create it when missing (import) */
};

/*
 * Options (git's parse-options): each command declares a struct of its
 * option values, and its table binds every "--name" to a field of that
 * struct by offset and type, so the parser stores typed, checked values
 * and a misspelt field or a field of the wrong type does not compile
 * (CLI_FIELD).  main.c allocates the struct (ctx->opts), fills it from
 * the command's opts_init, then from the command line; the command
 * reads it: `const struct plan_opts *o = ctx->opts;`.
 */
enum cli_opt_type {
	CLI_FLAG,   /* bool: true when --name is given */
	CLI_STR,    /* const char *: the argument as given */
	CLI_INT,    /* long: a whole number in [min, max] */
	CLI_NUM,    /* double: a finite number in [min, max] ((min, max] with min_open) */
	CLI_CHOICE, /* int: the index of the argument among choices */
};

typedef struct mp_opt {
	const char *name;            /* without the leading "--" */
	enum cli_opt_type type;
	size_t off;                  /* of the field in the command's option struct */
	const char *help;
	double min, max;             /* CLI_INT, CLI_NUM */
	bool min_open;               /* CLI_NUM: min itself is refused */
	const char *expect;          /* CLI_INT, CLI_NUM: "--name: expected <expect>" */
	const char *const *choices;  /* CLI_CHOICE: NULL-terminated */
} mp_opt;

/* The offset of field f (of type T) in struct S; does not compile when
 * S has no field f or f is not a T. */
#define CLI_FIELD(S, f, T) (offsetof(S, f) + 0 * sizeof(&((S *)0)->f - (T *)0))

#define OPT_FLAG(S, f, name, help) {name, CLI_FLAG, CLI_FIELD(S, f, bool), help, 0, 0, false, NULL, NULL}
#define OPT_STR(S, f, name, help) {name, CLI_STR, CLI_FIELD(S, f, const char *), help, 0, 0, false, NULL, NULL}
#define OPT_INT(S, f, name, lo, hi, expect, help) \
	{name, CLI_INT, CLI_FIELD(S, f, long), help, lo, hi, false, expect, NULL}
#define OPT_NUM(S, f, name, lo, hi, expect, help) \
	{name, CLI_NUM, CLI_FIELD(S, f, double), help, lo, hi, false, expect, NULL}
/* A number above lo (lo itself refused), at most hi. */
#define OPT_NUM_ABOVE(S, f, name, lo, hi, expect, help) \
	{name, CLI_NUM, CLI_FIELD(S, f, double), help, lo, hi, true, expect, NULL}
#define OPT_CHOICE(S, f, name, choices, help) \
	{name, CLI_CHOICE, CLI_FIELD(S, f, int), help, 0, 0, false, NULL, choices}

/* The option struct of a command and its values before parsing:
 * CLI_OPTS(struct plan_opts, .scenario = "baseline") in an mp_cmd. */
#define CLI_OPTS(S, ...) .opts_size = sizeof(S), .opts_init = &(const S){__VA_ARGS__}

/* The options of the planner, shared by plan and demo. */
typedef struct cli_solve_opts {
	double time_limit;       /* seconds for the run, a hard stop; 0: not given */
	double effort;           /* millions of work units; 0: not given */
	double gap;              /* relative gap to stop at */
	const char *weights;     /* level-1 weights, parsed by cli_plan_options */
	const char *write_model; /* the full model to this file, or NULL */
} cli_solve_opts;

#define CLI_SOLVE_OPTS(S, f, tl_help) \
	OPT_NUM_ABOVE(S, f.time_limit, "time-limit", 0, 86400, "seconds (more than 0, at most 86400)", tl_help), \
	OPT_NUM_ABOVE(S, f.effort, "effort", 0, 1e6, "million work units (more than 0, at most 1000000)", \
		      "the search's work budget: the same data and effort give the same plan " \
		      "(default 30, about 15 s on the medium preset; with --time-limit alone, none)"), \
	OPT_NUM(S, f.gap, "gap", 0, 0.999999, "a fraction such as 0.005", \
		"relative gap to stop at, e.g. 0.005 (default 0)"), \
	OPT_STR(S, f.weights, "weights", "level-1 weights, e.g. emergency=100,urgent=10,normal=1")

#define MP_MAX_OPTS 16

typedef struct mp_ctx {
	/* global options */
	const char *db_path;     /* --db, $MOVPLAN_DB, ./movplan.db */
	bool db_explicit;        /* --db or $MOVPLAN_DB given */
	bool db_flag;            /* --db given on the command line */
	const char *db_arg;      /* --db as given */
	double busy_timeout;
	bool quiet, verbose, json, help;
	bool progress;           /* stderr is a terminal and not --quiet */
	void *opts;              /* the command's option struct (see mp_opt) */
	/* positional arguments */
	int argc;
	char **argv;
	mp_store *store;         /* with CMD_NEEDS_DB */
	volatile int *stop;      /* set by a signal handler: the planner stops (plan) */
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
	size_t opts_size;        /* the option struct (CLI_OPTS) */
	const void *opts_init;
	mp_opt opts[MP_MAX_OPTS];
	int (*run)(mp_ctx *ctx); /* returns an exit status (SPEC 4) */
} mp_cmd;

/* Adds a usage problem (exit 64). */
int cli_usage(mp_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Progress line to stderr on a terminal, unless --quiet. */
void cli_progress(const mp_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A planner's progress line (log callback; arg is the mp_ctx): to
 * stderr with --verbose or on a terminal. */
void cli_log_line(void *arg, const char *line);
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

/* The second half of cli_read_and_validate: incoming (already read, rc
 * the reading's status) over the store's dataset into combined, which
 * must be empty; validated. */
int cli_validate_over(mp_ctx *ctx, mp_store *store, const mp_dataset *incoming,
		      mp_dataset *combined, int rc);

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

/* 65 with "unknown case/flight" when case_id or flight_id (NULL: not
 * asked) is not in ds. */
int cli_known(mp_ctx *ctx, const mp_dataset *ds, const char *case_id, const char *flight_id);
/* The scenario's dataset and its latest plan; with case_id or
 * flight_id, 65 when that id does not exist. */
int cli_load_with_plan(mp_ctx *ctx, const char *scenario, mp_dataset *ds, mp_plan *plan,
		       const char *case_id, const char *flight_id);

/* The forms of a dataset: {"json", "xml", NULL}, for --format. */
extern const char *const cli_dataset_formats[];

/* Writes a dataset as JSON or XML to path (stdout when NULL). */
int cli_write_dataset(mp_ctx *ctx, const mp_dataset *ds, bool xml, const char *path);

/* Plans ds (scenario, the planner's options so) and fills plan.
 * Shared by `plan`, `plan --stateless` and `demo`. */
int cli_run_planner(mp_ctx *ctx, const cli_solve_opts *so, const mp_dataset *ds,
		    const char *scenario, const mp_plan *reference, mp_plan *plan);
/* The planner's options from so (--weights parsed here: 64 when bad). */
int cli_plan_options(mp_ctx *ctx, const cli_solve_opts *so, mp_plan_options *o);
/* Prints the plan summary (text or --json) to stdout. */
void cli_print_plan_summary(const mp_ctx *ctx, const mp_dataset *ds, const mp_plan *plan);
/* The same ending with the change list since the reference (text), or
 * with a "changes" member (--json); changes may be NULL. */
struct mp_changes;
void cli_print_plan_summary_with(const mp_ctx *ctx, const mp_dataset *ds, const mp_plan *plan,
				 const struct mp_changes *changes);
/* Every conflict of the plan to stderr, "movplan: conflict: ...", even
 * under --quiet (a confirmed booking the data broke needs a person). */
void cli_report_conflicts(const mp_ctx *ctx, const mp_plan *plan);

/* The level-2 reference of a plan of scenario (SPEC 2): the latest plan
 * of the scenario, else of its base, up to the baseline's, plus the
 * stored proposed bookings of cases that plan does not name.  True when
 * a stored plan was found; false when none exists along the chain, and
 * then ref holds the proposed bookings alone (an id-less plan: what the
 * change list starts from; the planner is given NULL and takes the
 * bookings itself).  The caller releases ref. */
bool cli_reference_plan(mp_ctx *ctx, const mp_dataset *ds, const char *scenario, mp_plan *ref);
/* Sets each assignment's status from the stored bookings: confirmed
 * when the case's booking is confirmed on exactly its flights, else
 * proposed (so `confirm` reaches every output at once). */
void cli_booking_status(const mp_dataset *ds, mp_plan *plan);

/* cli_load_with_plan, or with run (a run number or plan id; NULL: the
 * latest plan of scenario) that run's plan as stored over today's data
 * of its scenario. */
int cli_load_with_run(mp_ctx *ctx, const char *scenario, const char *run, mp_dataset *ds,
		      mp_plan *plan, const char *case_id, const char *flight_id);
/* what is a scenario (its latest plan) or else a run (`compare`). */
int cli_load_run_or_scenario(mp_ctx *ctx, const char *what, mp_dataset *ds, mp_plan *plan);
/* 65 "flight X is cancelled; N passengers were re-planned, see
 * `movplan changes`" when flight_id is cancelled in ds (N from the
 * latest of the scenario's plans that had passengers on it), else 0. */
int cli_refuse_cancelled(mp_ctx *ctx, const mp_dataset *ds, const char *scenario,
			 const char *flight_id);

extern const mp_cmd mp_cmd_check, mp_cmd_import, mp_cmd_export, mp_cmd_plan,
	mp_cmd_explain, mp_cmd_confirm, mp_cmd_release, mp_cmd_scenario, mp_cmd_compare,
	mp_cmd_manifest, mp_cmd_itinerary, mp_cmd_report, mp_cmd_demo, mp_cmd_generate;
extern const mp_cmd mp_cmd_whatif, mp_cmd_bottlenecks;
extern const mp_cmd mp_cmd_notice;
extern const mp_cmd mp_cmd_runs, mp_cmd_changes;

/* The bottlenecks of plan (cmd_bottlenecks.c): the top limits by dual,
 * each measured by re-plans of time_limit seconds (0: the plan's). */
int cli_find_bottlenecks(mp_ctx *ctx, const mp_dataset *ds, const mp_plan *plan, int top,
			 int max_steps, double time_limit, mp_bottlenecks *bn);

#endif
