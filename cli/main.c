/*
 * main.c - movplan's entry: global options, the command table, shared
 * set-up, printing the problems a command reports, the exit status.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli.h"

static const mp_cmd *const commands[] = {
	&mp_cmd_check, &mp_cmd_import, &mp_cmd_export, &mp_cmd_plan, &mp_cmd_explain,
	&mp_cmd_confirm, &mp_cmd_release, &mp_cmd_scenario, &mp_cmd_compare,
	&mp_cmd_manifest, &mp_cmd_itinerary, &mp_cmd_report, &mp_cmd_demo,
	&mp_cmd_generate, &mp_cmd_whatif, &mp_cmd_notice, &mp_cmd_bottlenecks,
	&mp_cmd_runs, &mp_cmd_changes,
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

/* Options every command accepts, before or after its name; bound to
 * fields of mp_ctx. */
static const mp_opt global_opts[] = {
	OPT_STR(mp_ctx, db_arg, "db", "the database file (default $MOVPLAN_DB, else ./movplan.db)"),
	OPT_NUM(mp_ctx, busy_timeout, "busy-timeout", 0, 86400, "seconds (0-86400)",
		"seconds to wait for a busy database (default 30)"),
	OPT_FLAG(mp_ctx, quiet, "quiet", "no progress or notices"),
	OPT_FLAG(mp_ctx, verbose, "verbose", "add the solver's log"),
	OPT_FLAG(mp_ctx, json, "json", "machine-readable summaries"),
	OPT_FLAG(mp_ctx, help, "help", "this help"),
	{NULL, CLI_FLAG, 0, NULL, 0, 0, false, NULL, NULL},
};

/* "--name X" for the help. */
static void opt_label(const mp_opt *o, char *buf, size_t cap)
{
	snprintf(buf, cap, "--%s%s", o->name, o->type == CLI_FLAG ? "" : " X");
}

static void usage_all(FILE *out)
{
	fprintf(out, "usage: movplan [--db FILE] [--quiet|--verbose] [--json] COMMAND [ARGS]\n\n"
		     "movplan plans resettlement movements: who flies when, on which flights,\n"
		     "within seats, quotas, arrival rules, clinics and escorts.\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(out, "\nglobal options:\n");
	for (const mp_opt *o = global_opts; o->name; o++) {
		char buf[64];
		opt_label(o, buf, sizeof buf);
		fprintf(out, "  %-18s %s\n", buf, o->help);
	}
	fprintf(out, "\n`movplan COMMAND --help` tells more; `movplan --version` the version.\n");
}

static void usage_cmd(FILE *out, const mp_cmd *c)
{
	fprintf(out, "usage: movplan %s %s\n\n%s\n", c->name, c->usage, c->summary);
	if (c->help)
		fprintf(out, "\n%s\n", c->help);
	if (c->opts[0].name) {
		fprintf(out, "\noptions:\n");
		for (const mp_opt *o = c->opts; o->name; o++) {
			char buf[64];
			opt_label(o, buf, sizeof buf);
			fprintf(out, "  %-20s %s\n", buf, o->help);
		}
	}
	fprintf(out, "\nglobal options: --db FILE, --busy-timeout SEC, --quiet, --verbose, --json\n");
}

static const mp_cmd *find_cmd(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0) /* exact names only */
			return commands[i];
	return NULL;
}

/* "--name: expected ..." for a bad value (64); the value itself is not
 * repeated (it may be anything). */
static int bad_value(mp_ctx *ctx, const mp_opt *o)
{
	if (o->type != CLI_CHOICE)
		return cli_usage(ctx, "--%s: expected %s", o->name, o->expect);
	char list[160] = "";
	for (int i = 0; o->choices[i]; i++) {
		strncat(list, i ? (o->choices[i + 1] ? ", " : " or ") : "",
			sizeof list - strlen(list) - 1);
		strncat(list, o->choices[i], sizeof list - strlen(list) - 1);
	}
	return cli_usage(ctx, "--%s: expected %s", o->name, list);
}

/* A finite number in o's range, or a whole one for CLI_INT. */
static bool parse_number(const mp_opt *o, const char *val, double *out)
{
	char *end;
	errno = 0;
	double v = o->type == CLI_INT ? (double)strtol(val, &end, 10) : strtod(val, &end);
	if (end == val || *end || errno == ERANGE || !isfinite(v) || v > o->max ||
	    v < o->min || (o->min_open && v == o->min))
		return false;
	*out = v;
	return true;
}

/* Stores val (NULL for a flag) in the field o binds in base. */
static int set_opt(mp_ctx *ctx, const mp_opt *o, void *base, const char *val)
{
	char *field = (char *)base + o->off;
	double v;
	switch (o->type) {
	case CLI_FLAG:
		*(bool *)field = true;
		return 0;
	case CLI_STR:
		*(const char **)field = val;
		return 0;
	case CLI_INT:
	case CLI_NUM:
		if (!parse_number(o, val, &v))
			return bad_value(ctx, o);
		if (o->type == CLI_INT)
			*(long *)field = (long)v;
		else
			*(double *)field = v;
		return 0;
	case CLI_CHOICE:
		for (int i = 0; o->choices[i]; i++)
			if (strcmp(val, o->choices[i]) == 0) {
				*(int *)field = i;
				return 0;
			}
		return bad_value(ctx, o);
	}
	return 0;
}

static const mp_opt *find_opt(const mp_opt *v, const char *name)
{
	for (; v && v->name; v++)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

/* Handles one --option at argv[*i]; returns 0, or 64 on a problem. */
static int take_option(mp_ctx *ctx, int argc, char **argv, int *i)
{
	char *arg = argv[*i] + 2;
	char *eq = strchr(arg, '=');
	char name[64];
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	if (len >= sizeof name)
		return cli_usage(ctx, "unknown option '--%.40s...'", arg);
	memcpy(name, arg, len);
	name[len] = '\0';
	void *base = ctx;
	const mp_opt *o = find_opt(global_opts, name);
	if (!o && ctx->cmd) {
		o = find_opt(ctx->cmd->opts, name);
		base = ctx->opts;
	}
	if (!o)
		return cli_usage(ctx, "unknown option '--%s'%s", name,
				 ctx->cmd ? "" : " (command options go after the command)");
	const char *val = NULL;
	if (o->type != CLI_FLAG) {
		if (eq)
			val = eq + 1;
		else if (*i + 1 < argc)
			val = argv[++*i];
		else
			return cli_usage(ctx, "option '--%s' needs a value", name);
	} else if (eq) {
		return cli_usage(ctx, "option '--%s' takes no value", name);
	}
	return set_opt(ctx, o, base, val);
}

/* The command's option struct, with its initial values. */
static void *new_opts(const mp_cmd *c)
{
	void *p = mp_xcalloc(1, c->opts_size ? c->opts_size : 1);
	if (c->opts_init)
		memcpy(p, c->opts_init, c->opts_size);
	return p;
}

static void print_errors(const mp_ctx *ctx)
{
	for (int i = 0; i < ctx->errs.n; i++) {
		char *line = mp_error_format(&ctx->errs.v[i]);
		fprintf(stderr, "movplan: %s\n", line);
		free(line);
	}
	if (ctx->errs.n > 1)
		fprintf(stderr, "movplan: %d problems\n", ctx->errs.n);
}

static int parse_args(mp_ctx *ctx, int argc, char **argv, bool *help, bool *version)
{
	char **pos = mp_xcalloc((size_t)argc + 1, sizeof *pos);
	int npos = 0, rc = 0;
	bool no_more = false;
	ctx->argv = pos;
	for (int i = 1; i < argc && rc == 0; i++) {
		char *a = argv[i];
		if (!no_more && strcmp(a, "--") == 0) {
			no_more = true;
		} else if (!no_more && strcmp(a, "--version") == 0 && !ctx->cmd) {
			*version = true;
		} else if (!no_more && (strcmp(a, "-h") == 0)) {
			*help = true;
		} else if (!no_more && strncmp(a, "--", 2) == 0) {
			rc = take_option(ctx, argc, argv, &i);
		} else if (!ctx->cmd && !no_more) {
			ctx->cmd = find_cmd(a);
			if (!ctx->cmd)
				rc = cli_usage(ctx, "unknown command '%.40s' (see movplan --help)", a);
			else
				ctx->opts = new_opts(ctx->cmd);
		} else {
			pos[npos++] = a;
		}
	}
	ctx->argc = npos;
	if (ctx->help)
		*help = true;
	if (ctx->db_arg) {
		ctx->db_path = ctx->db_arg;
		ctx->db_explicit = ctx->db_flag = true;
	}
	return rc;
}

static int check_arity(mp_ctx *ctx)
{
	const mp_cmd *c = ctx->cmd;
	if (ctx->argc < c->min_args || (c->max_args >= 0 && ctx->argc > c->max_args))
		return cli_usage(ctx, "usage: movplan %s %s", c->name, c->usage);
	return 0;
}

/* SPEC 4: only import creates a missing database; read commands open
 * it read-only. */
static enum mp_store_mode db_mode(const mp_cmd *c)
{
	if (c->flags & CMD_DB_CREATE)
		return MP_STORE_CREATE;
	return c->flags & CMD_DB_READ ? MP_STORE_READ : MP_STORE_WRITE;
}

/* git's builtin: a command's output must have reached stdout. */
static int finish_stdout(mp_ctx *ctx, int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		mp_errors_addf(&ctx->errs, MP_ECANTCREAT, "cannot write standard output: %s",
			       strerror(errno));
		return rc ? rc : MP_ECANTCREAT;
	}
	return rc;
}

int main(int argc, char **argv)
{
	mp_ctx ctx;
	bool help = false, version = false;
	memset(&ctx, 0, sizeof ctx);
	mp_errors_init(&ctx.errs);
	ctx.busy_timeout = 30;
	ctx.db_path = getenv("MOVPLAN_DB");
	ctx.db_explicit = ctx.db_path && *ctx.db_path;
	if (!ctx.db_explicit)
		ctx.db_path = "movplan.db";
	int rc = parse_args(&ctx, argc, argv, &help, &version);
	if (rc == 0 && version) {
		printf("movplan %s\n", MP_VERSION);
		goto out;
	}
	if (rc == 0 && (help || !ctx.cmd)) {
		if (ctx.cmd)
			usage_cmd(stdout, ctx.cmd);
		else
			usage_all(help ? stdout : stderr);
		rc = help ? 0 : MP_EUSAGE;
		goto out;
	}
	if (rc == 0)
		rc = check_arity(&ctx);
	if (rc != 0)
		goto out;
	ctx.progress = !ctx.quiet && isatty(2);
	struct stat sb;
	bool create_later = (ctx.cmd->flags & CMD_DB_CREATE) && stat(ctx.db_path, &sb) != 0 &&
			    errno == ENOENT; /* import creates it once the files are valid */
	if ((ctx.cmd->flags & CMD_NEEDS_DB) && !create_later) {
		rc = mp_store_open(ctx.db_path, ctx.busy_timeout, db_mode(ctx.cmd), &ctx.store,
				   &ctx.errs);
		if (rc != MP_OK)
			goto out;
	}
	rc = ctx.cmd->run(&ctx);
	rc = finish_stdout(&ctx, rc);
out:
	if (rc == MP_EUSAGE && ctx.cmd && ctx.errs.n == 0)
		usage_cmd(stderr, ctx.cmd);
	print_errors(&ctx);
	if (rc == 0 && ctx.errs.n > 0)
		rc = mp_errors_status(&ctx.errs);
	mp_store_close(ctx.store);
	mp_errors_release(&ctx.errs);
	free(ctx.argv);
	free(ctx.opts);
	return rc;
}
