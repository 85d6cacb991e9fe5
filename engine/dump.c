/*
** dump.c: the disassembler. Writes a compiled rule set as text: regimes in
** evaluation order, each rule with its effect, dates, bases, defeaters,
** citations and actions, and its condition nodes as the evaluator sees
** them (operator, fact, operand kind and value, subtree end); then the
** sets' timelines. For debugging and for tests that pin the compiled form.
*/
#include <string.h>

#include "country.h"
#include "date.h"
#include "verdict.h"

static const char *const op_names[] = {
#define X(name, text) #name,
  LX_OPS(X)
#undef X
};

static void date_or_open(lx_out *o, int32_t d, const char *open)
{
  if (d == INT32_MIN || d == INT32_MAX) {
    lx_out_str(o, open);
    return;
  }
  char buf[11];
  lx_date_format(d, buf);
  lx_out_str(o, buf);
}

static void element(lx_out *o, int base_country, int domain, int code)
{
  if (base_country) {
    char cc[3];
    lx_country_code(code, cc);
    lx_out_str(o, cc);
  } else {
    lx_out_str(o, lx_domains[domain].values[code]);
  }
}

static void bits(lx_out *o, const lx_bits *b, int country, int domain)
{
  lx_out_str(o, "{");
  bool first = true;
  for (int i = lx_bits_next(b, 0); i >= 0; i = lx_bits_next(b, i + 1)) {
    if (!first)
      lx_out_str(o, " ");
    first = false;
    element(o, country, domain, i);
  }
  lx_out_str(o, "}");
}

static void operand(lx_out *o, const lexloci_ruleset *rs, const lx_cond *c)
{
  const lx_factdef *fd = c->fact >= 0 && c->op != LX_OP_REGIME_IN
                             ? &lx_facts[c->fact]
                             : NULL;
  switch ((lx_rhs)c->rhs) {
  case LX_RHS_LIT:
    lx_out_str(o, " LIT ");
    switch (fd ? fd->base : LX_TEXT) {
    case LX_BOOL: lx_out_str(o, c->lit.u.b ? "true" : "false"); break;
    case LX_NUMBER: lx_out_fmt(o, "%g", c->lit.u.num); break;
    case LX_DATE: date_or_open(o, c->lit.u.date, "?"); break;
    case LX_COUNTRY:
    case LX_ENUM:
      element(o, fd->base == LX_COUNTRY, fd->domain, c->lit.u.code);
      break;
    default:
      lx_out_fmt(o, "\"%.*s\"", (int)c->lit.slen, c->lit.s);
      break;
    }
    break;
  case LX_RHS_BITS:
    lx_out_str(o, " LIST ");
    bits(o, &rs->bitlits[c->ref], fd && fd->base == LX_COUNTRY,
         fd ? fd->domain : 0);
    break;
  case LX_RHS_SET:
    lx_out_fmt(o, " SET %s", rs->sets[c->ref].name);
    break;
  case LX_RHS_FACT:
    lx_out_fmt(o, " FACT %s", lx_facts[c->ref].path);
    break;
  case LX_RHS_VALUE:
    lx_out_fmt(o, " VALUE %s", rs->values[c->ref].name);
    break;
  case LX_RHS_REGEX:
    lx_out_fmt(o, " REGEX #%u", (unsigned)c->ref);
    break;
  case LX_RHS_MASK:
    lx_out_str(o, " OUTCOMES {");
    for (int e = 0, first = 1; e < LEXLOCI_OUTCOME_COUNT; e++)
      if (c->ref >> e & 1) {
        lx_out_fmt(o, "%s%s", first ? "" : " ",
                   lx_outcome_name((lexloci_outcome)e));
        first = 0;
      }
    lx_out_str(o, "}");
    break;
  default:
    break;
  }
}

static void conds(lx_out *o, const lexloci_ruleset *rs, uint32_t root)
{
  static const char *const kinds[] = {"ALL", "ANY", "NOT", "ATOM"};
  for (uint32_t i = root; i < rs->conds[root].end; i++) {
    const lx_cond *c = &rs->conds[i];
    int depth = 0;
    for (uint32_t a = root; a < i; a++)
      depth += rs->conds[a].end > i;
    lx_out_fmt(o, "      %04u %*s%s", (unsigned)i, 2 * depth, "",
               kinds[c->kind]);
    if (c->kind == LX_C_ATOM) {
      lx_out_fmt(o, " %s%s", c->neg ? "NOT " : "", op_names[c->op]);
      if (c->op == LX_OP_REGIME_IN)
        lx_out_fmt(o, " %s", rs->regimes[c->fact].id);
      else
        lx_out_fmt(o, " %s", lx_facts[c->fact].path);
      operand(o, rs, c);
    } else {
      lx_out_fmt(o, " end=%04u", (unsigned)c->end);
    }
    lx_out_str(o, "\n");
  }
}

static void rule(lx_out *o, const lexloci_ruleset *rs, uint32_t r)
{
  const lx_rule *ru = &rs->rules[r];
  lx_out_fmt(o, "  rule %u %s %s", (unsigned)r, ru->id,
             lx_outcome_name(ru->effect));
  if (ru->from != INT32_MIN || ru->until != INT32_MAX) {
    lx_out_str(o, " in force ");
    date_or_open(o, ru->from, "...");
    lx_out_str(o, " to ");
    date_or_open(o, ru->until, "...");
  }
  if (ru->unsettled)
    lx_out_str(o, " unsettled");
  lx_out_str(o, "\n");
  if (ru->nbases) {
    lx_out_str(o, "    exception to:");
    for (size_t k = 0; k < ru->nbases; k++)
      lx_out_fmt(o, " %s", rs->rules[ru->bases[k]].local);
    lx_out_str(o, "\n");
  }
  if (ru->ndefeaters) {
    lx_out_str(o, "    defeated by:");
    for (size_t k = 0; k < ru->ndefeaters; k++)
      lx_out_fmt(o, " %s", rs->rules[ru->defeaters[k]].local);
    lx_out_str(o, "\n");
  }
  lx_out_str(o, "    cites:");
  for (size_t k = 0; k < ru->ncites; k++)
    lx_out_fmt(o, " %s", rs->cites[ru->cites[k]].id);
  lx_out_str(o, "\n");
  for (size_t k = 0; k < ru->nactions; k++) {
    const lx_action *a = &ru->actions[k];
    lx_out_fmt(o, "    action %s by %s", a->id, a->by);
    if (a->deadline)
      lx_out_fmt(o, " within %s of %s", a->deadline, a->from);
    lx_out_str(o, "\n");
  }
  conds(o, rs, ru->root);
}

size_t lexloci_ruleset_dump(const lexloci_ruleset *rs, char *buf, size_t cap)
{
  lx_out o = {buf, cap, 0};
  if (!rs)
    return lx_out_end(&o);
  lx_out_fmt(&o, "rule set %s %s, %zu regimes, %zu rules, %zu condition "
                 "nodes, %zu sets, %zu values, %zu citations\n",
             rs->name, rs->version, rs->nregimes, rs->nrules, rs->nconds,
             rs->nsets, rs->nvalues, rs->ncites);
  for (size_t gi = 0; gi < rs->nregimes; gi++) {
    uint32_t g = rs->order[gi];
    const lx_regime *rg = &rs->regimes[g];
    lx_out_fmt(&o, "regime %u %s (evaluated %zu of %zu)", (unsigned)g,
               rg->id, gi + 1, rs->nregimes);
    if (rg->nreads) {
      lx_out_str(&o, " reads");
      for (size_t k = 0; k < rg->nreads; k++)
        lx_out_fmt(&o, " %s", rs->regimes[rg->reads[k]].id);
    }
    lx_out_str(&o, "\n");
    for (size_t k = 0; k < rg->nrules; k++)
      rule(&o, rs, rg->first + (uint32_t)k);
  }
  for (size_t s = 0; s < rs->nsets; s++) {
    const lx_set *set = &rs->sets[s];
    lx_out_fmt(&o, "set %s of %s\n", set->name,
               set->domain == LX_DOM_NONE ? "country"
                                          : lx_domains[set->domain].name);
    for (size_t i = 0; i < set->tl.n; i++) {
      lx_out_str(&o, "  from ");
      date_or_open(&o, set->tl.starts[i], "the start");
      lx_out_str(&o, ": ");
      bits(&o, &set->tl.bits[i], set->domain == LX_DOM_NONE, set->domain);
      lx_out_str(&o, "\n");
    }
  }
  for (size_t v = 0; v < rs->nvalues; v++)
    lx_out_fmt(&o, "value %s = %s\n", rs->values[v].name,
               rs->values[v].written);
  return lx_out_end(&o);
}
