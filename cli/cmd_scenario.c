/*
 * cmd_scenario.c - `movplan scenario create S [--base B] FILE...`,
 * `scenario list`, `scenario drop S`: what-if layers over the imported
 * data (SPEC 3 "Keys and layers", SPEC 4).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "../io/decode.h"
#include "../io/files.h"
#include "../io/json.h"
#include "../models/validate.h"

/* Applies the new layers over the base scenario and validates the
 * result, so a broken layer is refused when it is created. */
struct scenario_opts {
	const char *base;
};

static int try_layers(mp_ctx *ctx, const char *base, char **texts, char **names, int n)
{
	mp_dataset ds, fresh;
	mp_dataset_init(&ds);
	mp_dataset_init(&fresh);
	int rc = cli_load_scenario(ctx, base, &ds, NULL);
	mp_node *tree = rc == MP_OK ? mp_encode(&ds) : NULL;
	for (int i = 0; i < n && rc == MP_OK; i++) {
		mp_node *layer = mp_parse_bytes(names[i], texts[i], strlen(texts[i]), &ctx->errs);
		if (!layer || mp_layer_apply(tree, layer, names[i], &ctx->errs))
			rc = MP_EDATA;
		mp_node_free(layer);
	}
	if (rc == MP_OK && mp_decode(tree, names[0], &fresh, &ctx->errs))
		rc = MP_EDATA;
	if (rc == MP_OK) {
		mp_dataset_defaults(&fresh);
		if (mp_validate(&fresh, &ctx->errs))
			rc = MP_EDATA;
	}
	mp_node_free(tree);
	mp_dataset_release(&ds);
	mp_dataset_release(&fresh);
	return rc;
}

static int create(mp_ctx *ctx)
{
	if (ctx->argc < 3)
		return cli_usage(ctx, "usage: movplan scenario create S [--base B] FILE...");
	const struct scenario_opts *o = ctx->opts;
	const char *name = ctx->argv[1], *base = o->base;
	int n = ctx->argc - 2, rc = MP_OK;
	char **texts = mp_xcalloc((size_t)n, sizeof *texts);
	if (!mp_id_valid(name) || strcmp(name, "baseline") == 0)
		rc = cli_usage(ctx, "scenario name: an identifier other than 'baseline'");
	for (int i = 0; i < n && rc == MP_OK; i++) {
		size_t len;
		rc = mp_read_file(ctx->argv[2 + i], MP_INPUT_MAX, &texts[i], &len, &ctx->errs);
		if (rc == MP_OK && strlen(texts[i]) != len) {
			mp_errors_add(&ctx->errs, ctx->argv[2 + i], 0, 0, NULL, NULL,
				      "file holds a NUL byte");
			rc = MP_EDATA;
		}
	}
	if (rc == MP_OK)
		rc = try_layers(ctx, base ? base : "baseline", texts, ctx->argv + 2, n);
	if (rc == MP_OK)
		rc = mp_store_scenario_create(ctx->store, name, base, (const char *const *)texts,
					      (const char *const *)(ctx->argv + 2), n, &ctx->errs);
	if (rc == MP_OK && !ctx->quiet)
		printf("created scenario '%s' over '%s' with %d layer%s\n", name,
		       base ? base : "baseline", n, n == 1 ? "" : "s");
	for (int i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	return rc;
}

static int list(mp_ctx *ctx)
{
	if (ctx->argc != 1)
		return cli_usage(ctx, "usage: movplan scenario list");
	mp_scenario_info *v = NULL;
	int n = 0;
	int rc = mp_store_scenario_list(ctx->store, &v, &n, &ctx->errs);
	if (rc != MP_OK)
		return rc;
	if (ctx->json) {
		printf("[");
		for (int i = 0; i < n; i++)
			printf("%s{\"name\": \"%s\", \"base\": %s%s%s, \"layers\": %d, \"plan\": %s}",
			       i ? ", " : "", v[i].name, v[i].base ? "\"" : "",
			       v[i].base ? v[i].base : "null", v[i].base ? "\"" : "", v[i].n_layers,
			       v[i].has_plan ? "true" : "false");
		printf("]\n");
	} else {
		printf("%-20s %-20s %6s %5s  %s\n", "scenario", "base", "layers", "plan", "created");
		for (int i = 0; i < n; i++)
			printf("%-20s %-20s %6d %5s  %s\n", v[i].name, v[i].base ? v[i].base : "-",
			       v[i].n_layers, v[i].has_plan ? "yes" : "no",
			       v[i].created ? v[i].created : "-");
	}
	mp_scenario_info_free(v, n);
	return MP_OK;
}

static int drop(mp_ctx *ctx)
{
	if (ctx->argc != 2)
		return cli_usage(ctx, "usage: movplan scenario drop S");
	int rc = mp_store_scenario_drop(ctx->store, ctx->argv[1], &ctx->errs);
	if (rc == MP_OK && !ctx->quiet)
		printf("dropped scenario '%s'\n", ctx->argv[1]);
	return rc;
}

static int run(mp_ctx *ctx)
{
	static const struct {
		const char *name;
		int (*fn)(mp_ctx *ctx);
		enum mp_store_mode mode;
	} subs[] = {
		{"create", create, MP_STORE_WRITE},
		{"list", list, MP_STORE_READ},
		{"drop", drop, MP_STORE_WRITE},
	};
	for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
		if (strcmp(ctx->argv[0], subs[i].name) != 0)
			continue;
		/* SPEC 4: list only reads; main closes the store */
		int rc = mp_store_open(ctx->db_path, ctx->busy_timeout, subs[i].mode, &ctx->store,
				       &ctx->errs);
		return rc != MP_OK ? rc : subs[i].fn(ctx);
	}
	return cli_usage(ctx, "unknown scenario command '%.20s' (create, list, drop)",
			 ctx->argv[0]);
}

const mp_cmd mp_cmd_scenario = {
	.name = "scenario",
	.usage = "create S [--base B] FILE... | list | drop S",
	.summary = "what-if scenarios: layers of changes over the imported data",
	.help = "A layer is a file in the dataset format whose items need only their key: it\n"
		"changes the fields it gives, adds items with new keys, and deletes items\n"
		"marked \"remove\": true (remove=\"true\" in XML). Plan a scenario with\n"
		"`movplan plan --scenario S`; compare with `movplan compare baseline S`.",
	.min_args = 1,
	.max_args = -1,
	CLI_OPTS(struct scenario_opts, .base = NULL),
	.opts = {OPT_STR(struct scenario_opts, base, "base",
			 "the scenario to build on (default: the imported data)")},
	.run = run,
};
