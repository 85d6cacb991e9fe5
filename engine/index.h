/*
** index.h: the rule index. Compiled once per rule set (index.c, called by
** order.c); read by the evaluator to skip rules whose key condition the
** case's facts make false.
** See LICENSE for copying conditions.
*/
#ifndef LX_INDEX_H
#define LX_INDEX_H

#include "case.h"
#include "load.h"

/* Builds rs->inodes, each regime's index root and rs->stand_pos. Returns
   false when out of memory. */
LX_INTERNAL bool lx_index_build(lx_loader *ld);

/* Writes to out, in apply order when g has exceptions (else in any
   order), the apply positions (indices into
   g->apply) of the rules of g that the index cannot rule out for the case;
   returns how many. Every other rule of g is certain not to apply: a key
   condition at the top of its `when` (or of a base rule's) is false; and
   every key condition at the top of a written rule's `when` whose fact
   is known for certain holds (eval.c does not test them again). Sets
   *keys_known when every such key condition of every written rule is on
   a fact known for certain. out has room for g->nrules. g must have an
   index (g->index >= 0). */
LX_INTERNAL size_t lx_index_lookup(const lexloci_case *c, const lx_regime *g,
                                   uint32_t *out, bool *keys_known);

#endif
