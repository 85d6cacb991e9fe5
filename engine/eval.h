/*
** eval.h: one three-valued pass over the program, and what it concludes.
*/
#ifndef LX_EVAL_H
#define LX_EVAL_H

#include "case.h"

enum { LX_F = 0, LX_T = 1, LX_U = 2 }; /* lexloci_truth */

/* Sets of outcomes are bit masks over lexloci_outcome. */
#define LX_BIT(o) (1u << (o))

/* Resolves the sets' members as of the case's date (with assumptions). */
LX_INTERNAL void lx_eval_prepare(lexloci_case *c);
/* Evaluates every rule of every regime into c->cond, c->applies,
   c->stands, c->outcome (LEXLOCI_UNDETERMINED when unknown facts leave it
   open) and c->approx (a superset of the outcomes it could have). */
LX_INTERNAL void lx_eval_pass(lexloci_case *c);
/* The same pass, skipping the rules the index (index.c) rules out: they
   apply and stand false. c->cond holds the conditions of the rules that
   may apply; for the others it may be stale or partial (a `when` stops at
   its first false condition). Everything else is as lx_eval_pass. */
LX_INTERNAL void lx_eval_quick(lexloci_case *c);
/* Fills category k's cond with every rule's conditions as its first pass
   saw them (the explanation reads them); the verdict's pass recorded only
   the rules the index kept. Idempotent until the next evaluation. */
LX_INTERNAL void lx_eval_explain(lexloci_case *c, int k);
/* Atom i's value as passes compute it (specialised by xnode.c), or as
   the general atom does: tests/unit/test_xnode.c checks they agree. */
LX_INTERNAL uint8_t lx_eval_atom(lexloci_case *c, uint32_t i, bool general);
/* How strong an effect is when findings with different effects stand and
   no override orders them (prohibitions first); 0 for info. */
LX_INTERNAL int lx_eval_strength(lexloci_outcome e);
/* The verdict from regime outcomes (verdict.md, "The overall verdict"). */
LX_INTERNAL lexloci_outcome lx_eval_derive(const lexloci_outcome *out,
                                           size_t n);
/* The same from the set of outcomes (a mask) the regimes have. */
LX_INTERNAL lexloci_outcome lx_eval_derive_seen(unsigned seen);
/* The verdicts the approximate outcome sets allow, as a mask. */
LX_INTERNAL unsigned lx_eval_verdicts(const unsigned *possible, size_t n);

#endif
