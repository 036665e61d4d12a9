/*
 * cmd_plan.c - `movplan plan`: build the best plan of a scenario, store
 * it (only if the data did not change meanwhile: SPEC 5), print a
 * summary, write the plan JSON.  `--stateless FILE...` plans files
 * without a database.
 */
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "../io/json.h"
#include "../io/plan_json.h"
#include "../models/validate.h"
#include "../models/outputs.h"
#include "../reports/changes.h"

struct plan_opts {
	const char *scenario, *out;
	bool stateless;
	long retries;
	cli_solve_opts solve;
};

/* ---- signals: SIGINT and SIGTERM stop the search; nothing is stored ---- */

/* ctx->stop points here: a volatile int to the planner (planner.h), so
 * this does not compile where sig_atomic_t is not int */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	static const char msg[] = "movplan: interrupted; nothing stored\n";
	if (stop_signal) { /* a second signal ends at once */
		ssize_t w = write(2, msg, sizeof msg - 1);
		(void)w;
		_exit(128 + sig);
	}
	stop_signal = sig;
}

static void catch_signals(mp_ctx *ctx)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ctx->stop = &stop_signal;
}

/* SIGINT, SIGTERM held back (how = SIG_BLOCK) while the plan is saved,
 * so a plan is stored whole or not at all; let through (SIG_UNBLOCK). */
static void hold_signals(int how)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, SIGINT);
	sigaddset(&s, SIGTERM);
	sigprocmask(how, &s, NULL);
}

/* 130 after SIGINT, 143 after SIGTERM (the shell's 128 + signal). */
static int interrupted(bool stored)
{
	fprintf(stderr, "movplan: interrupted; %s\n", stored ? "the plan was stored" : "nothing stored");
	return 128 + stop_signal;
}

/* A test hook (git's GIT_TEST_* habit): $MOVPLAN_TEST_SAVE_FIFO names
 * a FIFO; once solved, before saving, the plan writes "solved" to it and
 * waits for a line back, so a test changes the data while the plan
 * "solves" without sleeping. */
static void test_hook_before_save(void)
{
	const char *fifo = getenv("MOVPLAN_TEST_SAVE_FIFO");
	char line[16];
	if (!fifo)
		return;
	FILE *f = fopen(fifo, "w");
	if (f) {
		fputs("solved\n", f);
		fclose(f);
	}
	f = fopen(fifo, "r");
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		fclose(f);
	}
}

static int write_plan_json(mp_ctx *ctx, const mp_plan *plan, const char *path)
{
	mp_node *tree = mp_plan_encode(plan);
	char *text = mp_json_write(tree);
	int rc = cli_write_output(ctx, path, text, strlen(text));
	free(text);
	mp_node_free(tree);
	return rc;
}

/* The summary and what changed since the reference (SPEC 4), unless
 * --quiet; conflicts to stderr always (cron mails what it prints).  The
 * outputs to send again compare the reference's stored digests with the
 * new plan's when the reference is a stored plan that has them. */
static void print_outcome(mp_ctx *ctx, const mp_dataset *ds, const mp_plan *ref,
			  const mp_plan *plan)
{
	if (!(ctx->quiet && !ctx->json)) {
		mp_changes ch;
		mp_outputs old;
		mp_errors quiet;
		mp_errors_init(&quiet);
		bool known = ref->id && plan->outputs &&
			     mp_store_plan_outputs(ctx->store, ref->id, &old, &quiet) == MP_OK;
		mp_changes_compute(ds, ref, plan, known ? &old : NULL, known ? plan->outputs : NULL,
				   &ch);
		cli_print_plan_summary_with(ctx, ds, plan, &ch);
		mp_changes_release(&ch);
		if (known)
			mp_outputs_release(&old);
		mp_errors_release(&quiet);
	}
	cli_report_conflicts(ctx, plan);
}

/* What the reference booked stands for what families were sent where
 * the store knows of no calendar yet (io/store.h); a failure here only
 * costs a cancellation the calendar would otherwise get, so it is
 * noted, not fatal. */
static void seed_journeys(mp_ctx *ctx, const mp_dataset *ds, const char *scenario,
			  const mp_plan *ref)
{
	mp_outputs o;
	mp_errors quiet;
	mp_errors_init(&quiet);
	mp_outputs_compute(ds, ref, &o);
	if (mp_store_seed_journeys(ctx->store, scenario, &o, &quiet) != MP_OK)
		cli_note(ctx, "the calendars' previous versions could not be recorded");
	mp_outputs_release(&o);
	mp_errors_release(&quiet);
}

/* SPEC 4 exit 75 or 70 leaves a run record too (`movplan runs`), written
 * through a second connection that waits 2 s at most (the first may be
 * the one that timed out); a failure to write it is only noted. */
static void record_failed_run(mp_ctx *ctx, const mp_dataset *ds, const mp_plan *plan, int rc)
{
	const struct plan_opts *o = ctx->opts;
	mp_run run = {.scenario = (char *)o->scenario, .command = "plan", .outcome = rc};
	mp_store *st = NULL;
	mp_errors quiet;
	mp_errors_init(&quiet);
	if (ctx->errs.n > 0)
		run.message = ctx->errs.v[ctx->errs.n - 1].msg; /* ids only, never persons */
	if (plan->tries > 1)
		run.message = mp_xasprintf("%s (after %d tries)", run.message ? run.message : "",
					   plan->tries);
	if (ds->mission.present)
		run.input_digest = cli_dataset_digest(ds);
	if (mp_store_open(ctx->db_path, 2, MP_STORE_WRITE, &st, &quiet) != MP_OK ||
	    mp_store_record_run(st, &run, &quiet) != MP_OK)
		cli_note(ctx, "the run record could not be written either");
	mp_store_close(st);
	if (plan->tries > 1)
		free(run.message);
	free(run.input_digest);
	mp_errors_release(&quiet);
}

static int run_stateless(mp_ctx *ctx)
{
	const struct plan_opts *o = ctx->opts;
	mp_dataset ds;
	mp_plan plan;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	int rc = cli_read_files(ctx, ctx->argv, ctx->argc, &ds);
	if (rc != MP_OK)
		goto out;
	mp_dataset_defaults(&ds);
	mp_dataset_sort(&ds);
	if (mp_validate(&ds, &ctx->errs)) {
		rc = MP_EDATA;
		goto out;
	}
	if (!ds.mission.present) {
		mp_errors_addf(&ctx->errs, MP_EDATA, "no mission in the files given");
		rc = MP_EDATA;
		goto out;
	}
	rc = cli_run_planner(ctx, &o->solve, &ds, o->scenario, NULL, &plan);
	if (rc == MP_OK && stop_signal)
		rc = interrupted(false);
	if (rc != MP_OK)
		goto out;
	rc = write_plan_json(ctx, &plan, o->out);
	if (rc == MP_OK && o->out && strcmp(o->out, "-") != 0 && !ctx->quiet)
		cli_print_plan_summary(ctx, &ds, &plan);
out:
	mp_plan_release(&plan);
	mp_dataset_release(&ds);
	return rc;
}

/* One try (SPEC 5): the scenario's data at its revision, planned with
 * so, saved only if the revision has not moved; *changed when it had
 * (the save's error then in errs, for the caller to keep or drop). */
static int try_once(mp_ctx *ctx, const cli_solve_opts *so, mp_dataset *ds, mp_plan *ref,
		    mp_plan *plan, mp_errors *errs, bool *changed)
{
	const struct plan_opts *o = ctx->opts;
	int64_t rev = 0, now = 0;
	*changed = false;
	int rc = cli_load_scenario(ctx, o->scenario, ds, &rev);
	if (rc != MP_OK)
		return rc;
	/* SPEC 2 level 2: the scenario's latest plan, else its base's */
	bool have_ref = cli_reference_plan(ctx, ds, o->scenario, ref);
	rc = cli_run_planner(ctx, so, ds, o->scenario, have_ref ? ref : NULL, plan);
	if (rc != MP_OK || stop_signal)
		return rc;
	plan->outputs = mp_xcalloc(1, sizeof *plan->outputs); /* owned by the plan */
	mp_outputs_compute(ds, plan, plan->outputs);
	seed_journeys(ctx, ds, o->scenario, ref);
	test_hook_before_save();
	hold_signals(SIG_BLOCK);
	rc = mp_store_save_plan(ctx->store, plan, rev, errs);
	hold_signals(SIG_UNBLOCK);
	*changed = rc == MP_EBUSY && mp_store_revision(ctx->store, &now, errs) == MP_OK &&
		   now != rev;
	return rc;
}

/* The last try of --retries holds the write lock from reading the data
 * to storing the plan, so it cannot lose the race; other writers wait
 * for it, up to their busy timeout, so it takes at most half of ours. */
static int try_locked(mp_ctx *ctx, mp_dataset *ds, mp_plan *ref, mp_plan *plan, mp_errors *errs)
{
	const struct plan_opts *o = ctx->opts;
	cli_solve_opts so = o->solve;
	double half = fmax(1, ctx->busy_timeout / 2);
	so.time_limit = so.time_limit > 0 ? fmin(so.time_limit, half) : fmin(60, half);
	bool changed;
	int rc = mp_store_lock(ctx->store, errs);
	if (rc != MP_OK)
		return rc;
	rc = try_once(ctx, &so, ds, ref, plan, errs, &changed);
	int urc = mp_store_unlock(ctx->store, rc == MP_OK && !stop_signal, errs);
	if (rc == MP_OK && urc != MP_OK) { /* the commit failed: nothing stored */
		free(plan->id);
		plan->id = NULL;
	}
	return rc != MP_OK ? rc : urc;
}

static void fresh(mp_dataset *ds, mp_plan *ref, mp_plan *plan)
{
	mp_dataset_release(ds);
	mp_plan_release(ref);
	mp_plan_release(plan);
	mp_dataset_init(ds);
	mp_plan_init(ref);
	mp_plan_init(plan);
}

/* SPEC 4 --retries N: a plan whose data changed while it was solved is
 * made again from the new data, up to N times, the last of them under
 * the write lock; so it exits 75 only when every try lost (or the lock
 * stayed taken).  The stored plan says how many tries it took. */
static int plan_stored(mp_ctx *ctx, mp_dataset *ds, mp_plan *ref, mp_plan *plan)
{
	const struct plan_opts *o = ctx->opts;
	int rc = MP_OK, last = (int)o->retries + 1;
	for (int t = 1; t <= last; t++) {
		mp_errors errs;
		bool changed = false;
		mp_errors_init(&errs);
		fresh(ds, ref, plan);
		plan->tries = t;
		if (t > 1 && t == last)
			rc = try_locked(ctx, ds, ref, plan, &errs);
		else
			rc = try_once(ctx, &o->solve, ds, ref, plan, &errs, &changed);
		if (!changed || t == last) {
			mp_errors_append(&ctx->errs, &errs);
			break;
		}
		mp_errors_release(&errs);
		cli_note(ctx, "the data changed while the plan was being solved; planning again"
			 " (try %d of %d)", t + 1, last);
	}
	return rc;
}

static int run(mp_ctx *ctx)
{
	const struct plan_opts *o = ctx->opts;
	catch_signals(ctx);
	if (o->stateless) {
		if (ctx->argc == 0)
			return cli_usage(ctx, "plan --stateless needs the dataset's files");
		return run_stateless(ctx);
	}
	if (ctx->argc > 0)
		return cli_usage(ctx, "plan takes files only with --stateless");
	mp_store *store = NULL;
	mp_dataset ds;
	mp_plan plan, ref;
	mp_dataset_init(&ds);
	mp_plan_init(&plan);
	mp_plan_init(&ref);
	int rc = mp_store_open(ctx->db_path, ctx->busy_timeout, MP_STORE_WRITE, &store, &ctx->errs);
	if (rc != MP_OK)
		goto out;
	ctx->store = store;
	rc = plan_stored(ctx, &ds, &ref, &plan);
	if (stop_signal) { /* the save sets the plan's id */
		rc = interrupted(rc == MP_OK && plan.id);
		goto out;
	}
	if (rc != MP_OK)
		goto out;
	if (o->out)
		rc = write_plan_json(ctx, &plan, o->out);
	if (rc == MP_OK)
		print_outcome(ctx, &ds, &ref, &plan);
out:
	if (store && (rc == MP_EBUSY || rc == MP_EINTERNAL))
		record_failed_run(ctx, &ds, &plan, rc);
	ctx->store = NULL;
	mp_store_close(store);
	mp_plan_release(&plan);
	mp_plan_release(&ref);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_plan = {
	.name = "plan",
	.usage = "[--scenario S] [--effort N] [--time-limit SEC] [--gap G] [--retries N] [--weights ...] "
		 "[--out FILE] [--write-model FILE] | --stateless FILE... [--out FILE]",
	.summary = "build the best plan, store it, print a summary",
	.help = "Solves the integer program of every planning rule with GLPK, level by level:\n"
		"1 persons moved weighted by priority, 2 changes against the last plan,\n"
		"3 waiting, 4 fare cost. The plan is stored only if the data did not change\n"
		"while it was solved: else it plans again from the new data, up to --retries\n"
		"times (default 2), and exits 75 only when every try lost the race. Level 2's reference is the\n"
		"scenario's latest plan, else (its first) its base's, up to the baseline's,\n"
		"plus the proposed bookings. The summary ends with what changed since that\n"
		"reference: confirmed bookings the data broke first, then cases moved, dropped\n"
		"and added with why, then the manifests and itineraries to send again. In a\n"
		"cron job it prints the same; --quiet prints nothing when all is well, and\n"
		"conflicts go to standard error always. --stateless plans files\n"
		"without a database and writes the plan JSON to --out (or standard output).",
	.max_args = -1,
	CLI_OPTS(struct plan_opts, .scenario = "baseline", .retries = 2),
	.opts = {
		OPT_STR(struct plan_opts, scenario, "scenario", "the scenario to plan (default baseline)"),
		CLI_SOLVE_OPTS(struct plan_opts, solve, "seconds per solve (default 60)"),
		OPT_STR(struct plan_opts, out, "out", "write the plan JSON to FILE"),
		OPT_STR(struct plan_opts, solve.write_model, "write-model",
			"write the full integer program (CPLEX LP) to FILE"),
		OPT_FLAG(struct plan_opts, stateless, "stateless", "plan the files given, no database"),
		OPT_INT(struct plan_opts, retries, "retries", 0, 100, "a whole number 0-100",
			"plan again when the data changed meanwhile, up to N times (default 2)"),
	},
	.run = run,
};
