/*
 * decide_int.h - what the decision-support sources share (nbh.c,
 * whatif.c, bottleneck.c): the GLPK guard, the model around a case or a
 * limit, re-plans.  Public contracts are in decide.h.
 */
#ifndef PL_DECIDE_INT_H
#define PL_DECIDE_INT_H

#include <setjmp.h>
#include "internal.h"
#include "decide.h"

/* GLPK's errors longjmp to jb (set it with setjmp after pl_guard_on);
 * its terminal output is kept for the message, never printed. */
typedef struct pl_guard {
	jmp_buf jb;
	char line[512];
	char last[2][512];
	int len, prev_out;
} pl_guard;
void pl_guard_on(pl_guard *g);
void pl_guard_off(pl_guard *g);
/* After the longjmp: frees GLPK's environment, restores the hooks,
 * records the error; returns MP_EINTERNAL. */
int pl_guard_failed(pl_guard *g, mp_errors *errs);

/* The planner's context on a dataset, the stored plan its reference,
 * every case its own unit, every column, every limit a row. */
typedef struct pl_nbh {
	pl_ctx P;
	mp_plan_request req;
	pl_model *M;       /* pl_nbh_model's */
	bool open;
} pl_nbh;

int pl_nbh_open(pl_nbh *N, const mp_dataset *ds, const mp_decide_request *dr, mp_errors *errs);
/* glpk_alive false after a GLPK error (its objects are gone). */
void pl_nbh_close(pl_nbh *N, bool glpk_alive);
/* Component of case ci's unit, -1 when it has none. */
int pl_nbh_comp_of_case(const pl_nbh *N, int ci);
/* The complete model of component comp (replaces N->M). */
pl_model *pl_nbh_model(pl_nbh *N, int comp);
/* Copies of unit u the reference plan books. */
int pl_nbh_booked(const pl_ctx *P, int u);
/* The reference plan as a solution vector of N->M (malloc'd, 1-based). */
double *pl_nbh_plan_vector(pl_nbh *N);
/* Solves M's integer program: the LP from the problem's last basis, then
 * branch and bound starting from inc (may be NULL), stopping when an
 * integral objective's bound is reached or after ms; false when no
 * integer solution was found. */
bool pl_nbh_solve(pl_model *M, const double *inc, int ms, double *obj);

/* A full re-plan of ds with the request's options, the stored plan as
 * reference; out is initialised here. */
int pl_replan(const mp_decide_request *dr, const mp_dataset *ds, mp_plan *out, mp_errors *errs);
double pl_plan_persons(const mp_dataset *ds, const mp_plan *p);
void pl_decide_log(const mp_decide_request *dr, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
