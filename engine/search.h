/*
** search.h: what the unknown facts of a case leave open.
** A target is a regime's index, or -1 for the verdict.
*/
#ifndef LX_SEARCH_H
#define LX_SEARCH_H

#include "case.h"

/* The outcomes (or verdicts) the target can really have, as a mask over
   lexloci_outcome. `limit` is a mask known to hold the answer (~0u when
   none is known): it lets the search stop sooner. Leaves the case's facts
   as it found them. */
LX_INTERNAL unsigned lx_search_possible(lexloci_case *c, int target,
                                        unsigned limit);
/* The facts whose value could change the target, given that `all` is the
   mask of what it can be. */
LX_INTERNAL uint64_t lx_search_missing(lexloci_case *c, int target,
                                       unsigned all);
/* Both lx_search_missing(c, g, all) (returned) and, into
   *verdict_missing, lx_search_missing(c, -1, verdicts), in one search,
   when regime g is the only regime whose outcome is open (every other
   one has a single possible outcome in possible_by_regime). */
LX_INTERNAL uint64_t lx_search_missing_lone(lexloci_case *c, int g,
    unsigned all, const unsigned *possible_by_regime, unsigned verdicts,
    uint64_t *verdict_missing);
/* The numbers (or dates) the atoms reading number or date fact f compare
   it with (`is`, <, <=, >, >=): literals, values (as the case overrides
   them) and the values of known facts, at most cap of them, ascending,
   repeats kept. With scope, only the atoms it marks count. Sets *coupled
   (when not NULL) when one compares f with a fact not known. */
LX_INTERNAL size_t lx_search_thresholds(const lexloci_case *c, int f,
                                        const uint8_t *scope, double *t,
                                        size_t cap, bool *coupled);
/* Unknown facts read by atoms left unknown by the last pass. */
LX_INTERNAL uint64_t lx_search_open_facts(const lexloci_case *c,
                                          int target);

#endif
