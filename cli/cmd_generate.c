/*
 * cmd_generate.c - `movplan generate --preset small|medium|large
 * [--profile default|tight]`: a realistic synthetic dataset for trials
 * and benchmarks.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../models/generate.h"

static const char *const profiles[] = {"default", "tight", NULL};

struct generate_opts {
	const char *preset, *out;
	long seed;
	int format;  /* index in cli_dataset_formats */
	int profile; /* index in profiles */
};

static int run(mp_ctx *ctx)
{
	const struct generate_opts *o = ctx->opts;
	if (!o->preset)
		return cli_usage(ctx, "generate needs --preset small|medium|large");
	mp_dataset ds;
	mp_dataset_init(&ds);
	int rc = mp_generate_profile(o->preset, profiles[o->profile], (unsigned long)o->seed, &ds,
				     &ctx->errs);
	if (rc == MP_OK)
		rc = cli_write_dataset(ctx, &ds, o->format == 1, o->out);
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_generate = {
	.name = "generate",
	.usage = "--preset small|medium|large [--profile default|tight] [--seed N] [--format json|xml] "
		 "[--out FILE]",
	.summary = "write a realistic synthetic dataset, for trials and benchmarks",
	.help = "small: 300 cases / 40 flights; medium: 5,000 / 800; large: 20,000 / 3,000.\n"
		"--profile tight: every limit binds - demand 15-25 % above what seats and quotas\n"
		"carry, a quarter of the cases unable to travel within the horizon, 120-160\n"
		"itineraries per case through several hubs, a weekly charter to Toronto among\n"
		"10-40-seat blocks, many escorts, one clinic.\n"
		"The same preset, profile and seed always give the same dataset.",
	.max_args = 0,
	CLI_OPTS(struct generate_opts, .seed = 1),
	.opts = {
		OPT_STR(struct generate_opts, preset, "preset", "small, medium or large"),
		OPT_CHOICE(struct generate_opts, profile, "profile", profiles, "default (the default) or tight"),
		OPT_INT(struct generate_opts, seed, "seed", 0, 4294967295.0, "a whole number",
			"random seed (default 1)"),
		OPT_CHOICE(struct generate_opts, format, "format", cli_dataset_formats,
			   "json (default) or xml"),
		OPT_STR(struct generate_opts, out, "out", "write to FILE instead of standard output"),
	},
	.run = run,
};
