/*
 * report_dir.c - every form of the report into one folder: index.html,
 * report.json, plan.json (the plan JSON of SPEC 3, by io/plan_json.c
 * and io/json.c) and one CSV per table (summary.csv, flights.csv,
 * quotas.csv ...).  The folder is built whole beside the target and
 * swapped in with one rename (io/files.h mp_outdir: 0700, each file
 * 0600), so a reader sees the old report or the new one, never a mix
 * and never half of one.
 */
#include <stdlib.h>
#include <string.h>
#include "rp_report.h"
#include "../io/files.h"
#include "../io/json.h"
#include "../io/plan_json.h"

static int put_file(const char *dir, const char *name, const rp_buf *b, mp_errors *errs)
{
	char *path = mp_xasprintf("%s/%s", dir, name);
	int rc = mp_write_file(path, b->s ? b->s : "", b->n, errs);
	free(path);
	return rc;
}

static int plan_json(const char *dir, const mp_plan *plan, mp_errors *errs)
{
	mp_node *root = mp_plan_encode(plan);
	if (!root)
		return rp_internal(errs, "plan encoding");
	char *text = mp_json_write(root);
	mp_node_free(root);
	if (!text)
		return rp_internal(errs, "plan json");
	rp_buf b = {text, strlen(text), strlen(text) + 1}; /* borrows text */
	int rc = put_file(dir, "plan.json", &b, errs);
	free(text);
	return rc;
}

static int tables(const char *dir, const rp_report *r, mp_errors *errs)
{
	int rc = MP_OK;
	for (int i = 0; i < RP_N_TABLES && rc == MP_OK; i++) {
		rp_buf b = {0};
		char *name = mp_xasprintf("%s.csv", r->t[i].name);
		rp_table_csv(&b, &r->t[i]);
		rc = put_file(dir, name, &b, errs);
		free(name);
		rp_buf_release(&b);
	}
	return rc;
}

int mp_report_write_dir(const char *dir, const mp_dataset *ds, const mp_plan *plan,
			const mp_bottlenecks *bn, mp_errors *errs)
{
	if (!plan) {
		mp_errors_addf(errs, MP_ENOPLAN, "no plan to report on");
		return MP_ENOPLAN;
	}
	mp_outdir *out = mp_outdir_open(dir, errs);
	if (!out)
		return MP_ECANTCREAT;
	const char *tmp = mp_outdir_path(out);
	int rc;
	rp_report r;
	rp_buf html = {0}, json = {0};
	rp_report_build(&r, ds, plan, bn);
	rc = rp_report_html(&html, &r);
	if (rc == MP_OK)
		rc = rp_report_json(&json, &r, errs);
	if (rc == MP_OK)
		rc = put_file(tmp, "index.html", &html, errs);
	if (rc == MP_OK)
		rc = put_file(tmp, "report.json", &json, errs);
	if (rc == MP_OK)
		rc = tables(tmp, &r, errs);
	if (rc == MP_OK)
		rc = plan_json(tmp, plan, errs);
	if (rc == MP_OK)
		rc = mp_outdir_commit(out, errs);
	else
		mp_outdir_abort(out);
	rp_buf_release(&html);
	rp_buf_release(&json);
	rp_report_release(&r);
	return rc;
}
