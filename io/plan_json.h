/*
 * plan_json.h - the plan JSON of SPEC 3 <-> mp_plan.
 *
 * mp_plan_encode() builds {"movplan": 1, "plan": {...}} with the keys
 * of SPEC 3 in its order (and a "run" object with created, input
 * digest and wall time).  Empty lists are written as [] in a plan (they
 * are results, not input).  mp_plan_decode() reads one back; unknown
 * keys are ignored so later versions can add fields.
 */
#ifndef MP_PLAN_JSON_H
#define MP_PLAN_JSON_H

#include "node.h"
#include "../models/plan.h"
#include "../models/error.h"

mp_node *mp_plan_encode(const mp_plan *p);
/* One assignment, one reason, as the plan JSON writes them (for other
 * outputs that show them the same way: explain --json). */
mp_node *mp_plan_assignment_node(const mp_assignment *a);
mp_node *mp_plan_reason_node(const mp_reason *r);

int mp_plan_decode(const mp_node *root, const char *file, mp_plan *p, mp_errors *errs);

#endif
