/*
** api.c: the small entry points of lexloci.h: versions, names, and the
** accessors of rule sets and verdicts, each checking its arguments.
*/
#include <string.h>

#include "country.h"
#include "date.h"
#include "describe.h"
#include "eval.h"
#include "verdict.h"

int lexloci_version_number(void)
{
  return LEXLOCI_VERSION_NUMBER;
}

const char *lexloci_version(void)
{
  return LEXLOCI_VERSION_STRING;
}

const char *lexloci_status_name(lexloci_status s)
{
  static const char *const names[] = {
    "ok", "i/o error", "syntax error", "invalid rule set", "invalid case",
    "limit exceeded", "out of memory", "misuse"};
  return (unsigned)s < LX_COUNTOF(names) ? names[s] : "unknown status";
}

void lexloci_config_init(lexloci_config *cfg)
{
  if (cfg)
    memset(cfg, 0, sizeof *cfg);
}

const char *lexloci_outcome_name(lexloci_outcome o)
{
  return lx_outcome_name(o);
}

const char *lexloci_category_name(lexloci_category c)
{
  return (unsigned)c < LEXLOCI_CATEGORY_COUNT
             ? lx_domains[LX_DOM_CATEGORY].values[c]
             : "?";
}

/* ------------------------------------------------------------------ */
/* Facts                                                                */
/* ------------------------------------------------------------------ */

lexloci_fact lexloci_fact_lookup(const char *path)
{
  return path ? lx_fact_find(path, strlen(path)) : -1;
}

size_t lexloci_fact_count(void)
{
  return (size_t)lx_nfacts;
}

const char *lexloci_fact_name(lexloci_fact f)
{
  return f >= 0 && f < lx_nfacts ? lx_facts[f].path : NULL;
}

/* ------------------------------------------------------------------ */
/* Rule sets                                                            */
/* ------------------------------------------------------------------ */

const char *lexloci_ruleset_name(const lexloci_ruleset *rs)
{
  return rs ? rs->name : NULL;
}

const char *lexloci_ruleset_version(const lexloci_ruleset *rs)
{
  return rs ? rs->version : NULL;
}

const char *lexloci_ruleset_digest(const lexloci_ruleset *rs)
{
  return rs ? rs->digest : NULL;
}

const char *lexloci_ruleset_tests_dir(const lexloci_ruleset *rs)
{
  return rs ? rs->tests_dir : NULL;
}

size_t lexloci_ruleset_regime_count(const lexloci_ruleset *rs)
{
  return rs ? rs->nregimes : 0;
}

const char *lexloci_ruleset_regime_id(const lexloci_ruleset *rs, size_t i)
{
  return rs && i < rs->nregimes ? rs->regimes[i].id : NULL;
}

const char *lexloci_ruleset_regime_title(const lexloci_ruleset *rs,
                                         size_t i)
{
  return rs && i < rs->nregimes ? rs->regimes[i].title : NULL;
}

size_t lexloci_ruleset_rule_count(const lexloci_ruleset *rs)
{
  return rs ? rs->nrules : 0;
}

lexloci_status lexloci_ruleset_rule(const lexloci_ruleset *rs, size_t i,
                                    lexloci_rule_info *out)
{
  if (!rs || !out || i >= rs->nrules)
    return LEXLOCI_EMISUSE;
  const lx_rule *r = &rs->rules[i];
  memset(out, 0, sizeof *out);
  out->id = r->id;
  out->regime = rs->regimes[r->regime].id;
  out->title = r->title;
  out->file = r->file;
  out->line = r->line;
  out->col = r->col;
  lx_describe_rule(rs, i, out);
  return LEXLOCI_OK;
}

size_t lexloci_ruleset_set_count(const lexloci_ruleset *rs)
{
  return rs ? rs->nsets + rs->nvalues : 0;
}

lexloci_status lexloci_ruleset_set(const lexloci_ruleset *rs, size_t i,
                                   lexloci_set_info *out)
{
  if (!rs || !out || i >= rs->nsets + rs->nvalues)
    return LEXLOCI_EMISUSE;
  memset(out, 0, sizeof *out);
  if (i < rs->nsets) {
    out->name = rs->sets[i].name;
    out->title = rs->sets[i].title;
    out->nmembers = rs->sets[i].nmembers;
  } else {
    const lx_value *v = &rs->values[i - rs->nsets];
    out->name = v->name;
    out->title = v->title;
    out->is_value = true;
    out->value = v->written;
  }
  lx_describe_set(rs, i, out);
  return LEXLOCI_OK;
}

lexloci_status lexloci_ruleset_set_member(const lexloci_ruleset *rs,
                                          size_t i, size_t j,
                                          lexloci_member_info *out)
{
  if (!rs || !out || i >= rs->nsets || j >= rs->sets[i].nmembers)
    return LEXLOCI_EMISUSE;
  const lx_set *s = &rs->sets[i];
  const lx_member *m = &s->members[j];
  out->member = m->name;
  out->from = m->from;
  out->until = m->until;
  out->note = m->note;
  out->ncitations = m->ncites;
  return LEXLOCI_OK;
}

/* ------------------------------------------------------------------ */
/* Verdicts                                                             */
/* ------------------------------------------------------------------ */

static bool ok(const lexloci_verdict *v)
{
  return v && v->c && v->c->valid;
}

lexloci_outcome lexloci_verdict_kind(const lexloci_verdict *v)
{
  return ok(v) ? v->kind : LEXLOCI_UNDETERMINED;
}

size_t lexloci_verdict_summary(const lexloci_verdict *v, char *buf,
                               size_t cap)
{
  lx_out o = {buf, cap, 0};
  if (ok(v))
    lx_render_summary(v, &o);
  return lx_out_end(&o);
}

size_t lexloci_verdict_missing_count(const lexloci_verdict *v)
{
  return ok(v) ? (size_t)__builtin_popcountll(v->missing) : 0;
}

/* The i-th set bit of a fact mask, or -1. */
static lexloci_fact nth_fact(uint64_t mask, size_t i)
{
  for (int f = 0; f < lx_nfacts; f++)
    if ((mask >> f & 1) && i-- == 0)
      return f;
  return -1;
}

lexloci_fact lexloci_verdict_missing(const lexloci_verdict *v, size_t i)
{
  return ok(v) ? nth_fact(v->missing, i) : -1;
}

size_t lexloci_verdict_refine_count(const lexloci_verdict *v)
{
  return ok(v) ? (size_t)__builtin_popcountll(v->refine) : 0;
}

lexloci_fact lexloci_verdict_refine(const lexloci_verdict *v, size_t i)
{
  return ok(v) ? nth_fact(v->refine, i) : -1;
}

unsigned lexloci_verdict_categories(const lexloci_verdict *v)
{
  return ok(v) ? v->cats : 0;
}

lexloci_outcome lexloci_verdict_category(const lexloci_verdict *v,
                                         lexloci_category cat)
{
  if (!ok(v) || (unsigned)cat >= LEXLOCI_CATEGORY_COUNT ||
      !(v->cats >> cat & 1))
    return LEXLOCI_NO_APPLICABLE_REGIME;
  return v->by_cat[cat];
}

size_t lexloci_verdict_regime_count(const lexloci_verdict *v)
{
  return ok(v) ? v->c->rs->nregimes : 0;
}

lexloci_status lexloci_verdict_regime(const lexloci_verdict *v, size_t i,
                                      lexloci_regime_result *out)
{
  if (!ok(v) || !out || i >= v->c->rs->nregimes)
    return LEXLOCI_EMISUSE;
  const lx_regime *g = &v->c->rs->regimes[i];
  const lx_catresult *cr = &v->c->cat[v->deciding];
  out->id = g->id;
  out->title = g->title;
  out->outcome = cr->outcome[i];
  out->possible = cr->outcome[i] == LEXLOCI_UNDETERMINED
                      ? cr->possible[i]
                      : LX_BIT(cr->outcome[i]);
  out->nfindings = v->reg_nfind[i];
  out->nmissing = (size_t)__builtin_popcountll(cr->reg_missing[i]);
  return LEXLOCI_OK;
}

size_t lexloci_verdict_regime_finding(const lexloci_verdict *v, size_t i,
                                      size_t j)
{
  if (!ok(v) || i >= v->c->rs->nregimes || j >= v->reg_nfind[i])
    return SIZE_MAX;
  return v->reg_first[i] + j;
}

bool lexloci_verdict_regime_unsettled(const lexloci_verdict *v, size_t i)
{
  if (!ok(v) || i >= v->c->rs->nregimes)
    return false;
  return lx_verdict_unsettled(v, (int)i);
}

bool lexloci_verdict_unsettled(const lexloci_verdict *v)
{
  return ok(v) && lx_verdict_unsettled(v, -1);
}

lexloci_fact lexloci_verdict_regime_missing(const lexloci_verdict *v,
                                            size_t i, size_t j)
{
  if (!ok(v) || i >= v->c->rs->nregimes)
    return -1;
  return nth_fact(v->c->cat[v->deciding].reg_missing[i], j);
}

lexloci_outcome lexloci_verdict_regime_category(const lexloci_verdict *v,
                                                size_t i,
                                                lexloci_category cat)
{
  if (!ok(v) || i >= v->c->rs->nregimes ||
      (unsigned)cat >= LEXLOCI_CATEGORY_COUNT || !(v->cats >> cat & 1))
    return LEXLOCI_NOT_APPLICABLE;
  return v->c->cat[cat].outcome[i];
}

size_t lexloci_verdict_finding_count(const lexloci_verdict *v)
{
  return ok(v) ? v->nfindings : 0;
}

lexloci_status lexloci_verdict_finding(const lexloci_verdict *v, size_t i,
                                       lexloci_finding *out)
{
  if (!ok(v) || !out || i >= v->nfindings)
    return LEXLOCI_EMISUSE;
  const lexloci_ruleset *rs = v->c->rs;
  const lx_finding *f = &v->findings[i];
  const lx_rule *r = &rs->rules[f->rule];
  out->rule = r->id;
  out->regime = rs->regimes[r->regime].id;
  out->effect = r->effect;
  out->unsettled = r->unsettled;
  out->categories = f->cats;
  out->nbecause = f->nbecause;
  out->ncitations = r->ncites;
  return LEXLOCI_OK;
}

size_t lexloci_verdict_finding_text(const lexloci_verdict *v, size_t i,
                                    char *buf, size_t cap)
{
  lx_out o = {buf, cap, 0};
  if (ok(v) && i < v->nfindings)
    lx_render_rule_text(v->c, &v->c->rs->rules[v->findings[i].rule],
                        v->findings[i].cats, &o);
  return lx_out_end(&o);
}

unsigned lexloci_verdict_finding_maybe(const lexloci_verdict *v, size_t i)
{
  return ok(v) && i < v->nfindings ? v->findings[i].maybe : 0;
}

size_t lexloci_verdict_finding_depends_count(const lexloci_verdict *v,
                                             size_t i)
{
  return ok(v) && i < v->nfindings
             ? (size_t)__builtin_popcountll(v->findings[i].depends)
             : 0;
}

lexloci_fact lexloci_verdict_finding_depends(const lexloci_verdict *v,
                                             size_t i, size_t j)
{
  return ok(v) && i < v->nfindings ? nth_fact(v->findings[i].depends, j)
                                   : -1;
}

const char *lexloci_verdict_finding_because(const lexloci_verdict *v,
                                            size_t i, size_t j)
{
  if (!ok(v) || i >= v->nfindings || j >= v->findings[i].nbecause)
    return NULL;
  const lx_cond *c =
      &v->c->rs->conds[lx_finding_reason(v, &v->findings[i], (uint32_t)j)];
  return c->shown ? c->shown : c->text;
}

const lexloci_citation *lexloci_verdict_finding_citation(
    const lexloci_verdict *v, size_t i, size_t j)
{
  if (!ok(v) || i >= v->nfindings)
    return NULL;
  const lx_rule *r = &v->c->rs->rules[v->findings[i].rule];
  return j < r->ncites ? &v->c->rs->cites[r->cites[j]].pub : NULL;
}

size_t lexloci_verdict_conflict_count(const lexloci_verdict *v)
{
  return ok(v) ? v->nconflicts : 0;
}

lexloci_status lexloci_verdict_conflict(const lexloci_verdict *v, size_t i,
                                        lexloci_conflict *out)
{
  if (!ok(v) || !out || i >= v->nconflicts)
    return LEXLOCI_EMISUSE;
  const lx_conflict *cf = &v->conflicts[i];
  out->regime_a = v->c->rs->regimes[cf->a].id;
  out->regime_b = v->c->rs->regimes[cf->b].id;
  out->text = cf->text;
  out->categories = cf->cats;
  out->ncitations = cf->ncites;
  return LEXLOCI_OK;
}

const lexloci_citation *lexloci_verdict_conflict_citation(
    const lexloci_verdict *v, size_t i, size_t j)
{
  if (!ok(v) || i >= v->nconflicts || j >= v->conflicts[i].ncites)
    return NULL;
  return &v->c->rs->cites[v->citepool[v->conflicts[i].cites + j]].pub;
}

size_t lexloci_verdict_action_count(const lexloci_verdict *v)
{
  return ok(v) ? v->nactions : 0;
}

lexloci_status lexloci_verdict_action(const lexloci_verdict *v, size_t i,
                                      lexloci_action *out)
{
  if (!ok(v) || !out || i >= v->nactions)
    return LEXLOCI_EMISUSE;
  const lx_merged_action *m = &v->actions[i];
  const lx_rule *r = &v->c->rs->rules[m->rule];
  const lx_action *a = &r->actions[m->k];
  out->id = a->id;
  out->by = a->by;
  out->text = a->text;
  out->deadline = a->deadline;
  out->deadline_from = a->from;
  out->rule = r->id;
  out->ncitations = m->ncites;
  return LEXLOCI_OK;
}

const lexloci_citation *lexloci_verdict_action_citation(
    const lexloci_verdict *v, size_t i, size_t j)
{
  if (!ok(v) || i >= v->nactions || j >= v->actions[i].ncites)
    return NULL;
  return &v->c->rs->cites[v->citepool[v->actions[i].cites + j]].pub;
}

/* ------------------------------------------------------------------ */
/* The explanation                                                      */
/* ------------------------------------------------------------------ */

static int cond_depth(const lexloci_ruleset *rs, uint32_t root, uint32_t i)
{
  int depth = 1;
  uint32_t at = root;
  while (at != i) {
    /* Descend into the child whose subtree holds i. */
    uint32_t k = at + 1;
    while (rs->conds[k].end <= i)
      k = rs->conds[k].end;
    at = k;
    depth++;
  }
  return depth;
}

lexloci_status lexloci_verdict_step(const lexloci_verdict *v, size_t i,
                                    lexloci_step *out)
{
  if (!ok(v) || !out || i >= v->nsteps)
    return LEXLOCI_EMISUSE;
  const lexloci_ruleset *rs = v->c->rs;
  memset(out, 0, sizeof *out);
  bool multi = __builtin_popcount(v->cats) > 1;
  size_t block = rs->pass_steps + (multi ? 1 : 0);
  size_t nth = i / block, j = i % block;
  int cat = -1;
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
    if ((v->cats >> k & 1) && nth-- == 0) {
      cat = k;
      break;
    }
  if (cat < 0)
    return LEXLOCI_EMISUSE;
  /* The verdict's pass recorded the conditions of the rules the index
     kept; the explanation shows every rule's. The case, which owns the
     verdict and belongs to this thread, keeps them once computed. */
  lx_eval_explain((lexloci_case *)v->c, cat);
  const lx_catresult *cr = &v->c->cat[cat];
  if (multi) {
    if (j == 0) {
      out->kind = LEXLOCI_STEP_CATEGORY;
      out->text = lexloci_category_name((lexloci_category)cat);
      out->value = LEXLOCI_TRUE;
      return LEXLOCI_OK;
    }
    j--;
  }
  size_t lo = 0, hi = rs->nrules; /* last rule with rule_step <= j */
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (rs->rule_step[mid] <= j)
      lo = mid;
    else
      hi = mid;
  }
  const lx_rule *r = &rs->rules[lo];
  size_t off = j - rs->rule_step[lo];
  if (off == 0) {
    out->kind = LEXLOCI_STEP_RULE;
    out->text = r->id;
    out->regime = rs->regimes[r->regime].id;
    out->value = (lexloci_truth)cr->applies[lo];
    out->stands = (lexloci_truth)cr->stands[lo];
    for (size_t d = 0; d < r->ndefeaters; d++)
      if (cr->stands[r->defeaters[d]] == LX_T)
        out->defeated_by = rs->rules[r->defeaters[d]].id;
    return LEXLOCI_OK;
  }
  off--;
  bool dated = r->from != LX_DATE_MIN || r->until != LX_DATE_MAX;
  if (dated) {
    if (off == 0) {
      out->kind = LEXLOCI_STEP_IN_FORCE;
      out->depth = 1;
      out->text = "in force on request.date";
      int32_t d = v->c->vals[LX_F_DATE].v.u.date;
      out->value = d >= r->from && d <= r->until ? LEXLOCI_TRUE
                                                 : LEXLOCI_FALSE;
      return LEXLOCI_OK;
    }
    off--;
  }
  if (off < r->nbases) {
    out->kind = LEXLOCI_STEP_BASE;
    out->depth = 1;
    out->text = rs->rules[r->bases[off]].id;
    out->value = (lexloci_truth)cr->applies[r->bases[off]];
    return LEXLOCI_OK;
  }
  off -= r->nbases;
  uint32_t node = r->root + (uint32_t)off;
  const lx_cond *c = &rs->conds[node];
  out->kind = LEXLOCI_STEP_COND;
  out->depth = cond_depth(rs, r->root, node);
  out->text = c->kind == LX_C_ATOM ? c->text
              : c->kind == LX_C_ALL ? (c->text && strcmp(c->text, "always") == 0
                                           ? "always"
                                           : "all of")
              : c->kind == LX_C_ANY ? "any of"
                                    : "not all of";
  out->value = (lexloci_truth)cr->cond[node];
  return LEXLOCI_OK;
}

size_t lexloci_verdict_step_count(const lexloci_verdict *v)
{
  return ok(v) ? v->nsteps : 0;
}
