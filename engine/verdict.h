/*
** verdict.h: reading a verdict: shared by the accessors (api.c), the JSON
** writer (json.c) and the text of findings and summaries (render.c).
*/
#ifndef LX_VERDICT_H
#define LX_VERDICT_H

#include "case.h"

/* A growing output buffer that counts what it could not hold, so that a
   writer returns the size it needs, as snprintf does. */
typedef struct lx_out {
  char *buf;
  size_t cap, len;
} lx_out;

LX_INTERNAL void lx_out_put(lx_out *o, const char *s, size_t n);
LX_INTERNAL void lx_out_str(lx_out *o, const char *s);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
LX_INTERNAL void lx_out_fmt(lx_out *o, const char *fmt, ...);
LX_INTERNAL size_t lx_out_end(lx_out *o);

/* A fact's value as a reader sees it: "IE, DE", "warrant", "unknown". */
/* One element of a country or enumerated fact: "GB", "warrant". */
LX_INTERNAL void lx_render_element(const lx_factdef *fd, int code,
                                   lx_out *o);
LX_INTERNAL void lx_render_fact(const lexloci_case *c, int f, lx_out *o);
/* Fact f as a finding standing for categories cats quotes it (below). */
LX_INTERNAL void lx_render_quoted(const lexloci_case *c, int f, unsigned cats,
                                  lx_out *o);
/* A finding's text: rule r's words with the case's facts quoted, where
   {request.data_categories} quotes cats, the categories the finding stands
   for (inside a rule the fact holds the one category being decided;
   {request.all_data_categories} quotes them all). */
LX_INTERNAL void lx_render_rule_text(const lexloci_case *c, const lx_rule *r,
                                     unsigned cats, lx_out *o);
LX_INTERNAL void lx_render_summary(const lexloci_verdict *v, lx_out *o);
LX_INTERNAL const char *lx_outcome_name(lexloci_outcome o);
/* Citation c as the verdict's JSON writes it ({"ref": ...}), in arena a;
   NULL when out of memory. The loader keeps it with the citation. */
LX_INTERNAL char *lx_json_citation(lx_arena *a, const lexloci_citation *c,
                                   size_t *len);
/* Whether a finding of regime g (of any regime: g < 0) carries
   `unsettled`. */
LX_INTERNAL bool lx_verdict_unsettled(const lexloci_verdict *v, int g);
/* The regime outcome shown at top level: the deciding category's. */
LX_INTERNAL lexloci_outcome lx_verdict_regime_outcome(
    const lexloci_verdict *v, size_t g);

#endif
