/*
 * cmd_generate.c - `movplan generate --preset small|medium|large`: a
 * realistic synthetic dataset for trials and benchmarks.
 */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../models/generate.h"

static int run(mp_ctx *ctx)
{
	const char *preset = cli_opt(ctx, "preset"), *seed_s = cli_opt(ctx, "seed");
	const char *fmt = cli_opt(ctx, "format");
	unsigned long seed = 1;
	if (!preset)
		return cli_usage(ctx, "generate needs --preset small|medium|large");
	if (seed_s) {
		char *end;
		seed = strtoul(seed_s, &end, 10);
		if (*end || end == seed_s)
			return cli_usage(ctx, "--seed: expected a whole number");
	}
	if (fmt && strcmp(fmt, "json") != 0 && strcmp(fmt, "xml") != 0)
		return cli_usage(ctx, "--format: expected json or xml");
	mp_dataset ds;
	mp_dataset_init(&ds);
	int rc = mp_generate(preset, seed, &ds, &ctx->errs);
	if (rc == MP_OK)
		rc = cli_write_dataset(ctx, &ds, fmt && strcmp(fmt, "xml") == 0, cli_opt(ctx, "out"));
	mp_dataset_release(&ds);
	return rc;
}

const mp_cmd mp_cmd_generate = {
	.name = "generate",
	.usage = "--preset small|medium|large [--seed N] [--format json|xml] [--out FILE]",
	.summary = "write a realistic synthetic dataset, for trials and benchmarks",
	.help = "small: 300 cases / 40 flights; medium: 5,000 / 800; large: 20,000 / 3,000.\n"
		"The same preset and seed always give the same dataset.",
	.max_args = 0,
	.opts = {
		{"preset", true, "small, medium or large"},
		{"seed", true, "random seed (default 1)"},
		{"format", true, "json (default) or xml"},
		{"out", true, "write to FILE instead of standard output"},
	},
	.run = run,
};
