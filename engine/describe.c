/*
** describe.c: the rule set and the case vocabulary as data. What `lexloci
** doc`, `lexloci sets`, the JSON Schemas and an intake form read: a rule's
** conditions, citations and actions as written, a set's citations, each
** fact's type, default and values, and a fact's value as a case writes it.
** See LICENSE for copying conditions.
*/
#include <stdio.h>
#include <string.h>

#include "case.h"
#include "country.h"
#include "date.h"
#include "describe.h"
#include "verdict.h"

/* ------------------------------------------------------------------ */
/* Rules                                                                */
/* ------------------------------------------------------------------ */

/* A `when:` list compiles to an all-group at the root: the conditions a
   lawyer wrote are its children. Any other root (a single condition, an
   any: or not: map) is itself the first condition. */
static uint32_t first_shown(const lexloci_ruleset *rs, const lx_rule *r)
{
  return rs->conds[r->root].kind == LX_C_ALL ? r->root + 1 : r->root;
}

void lx_describe_rule(const lexloci_ruleset *rs, size_t i,
                      lexloci_rule_info *out)
{
  const lx_rule *r = &rs->rules[i];
  out->effect = (int)r->effect;
  out->text = r->text;
  out->unsettled = r->unsettled;
  out->from = r->from;
  out->until = r->until;
  out->nconditions = rs->conds[r->root].end - first_shown(rs, r);
  out->ncitations = r->ncites;
  out->nactions = r->nactions;
  out->nbases = r->nbases;
  out->ndefeaters = r->ndefeaters;
}

const char *lexloci_ruleset_title(const lexloci_ruleset *rs)
{
  return rs ? rs->title : NULL;
}

lexloci_status lexloci_ruleset_rule_condition(const lexloci_ruleset *rs,
                                              size_t i, size_t j,
                                              lexloci_condition *out)
{
  if (!rs || !out || i >= rs->nrules)
    return LEXLOCI_EMISUSE;
  const lx_rule *r = &rs->rules[i];
  uint32_t first = first_shown(rs, r), end = rs->conds[r->root].end;
  if (j >= end - first)
    return LEXLOCI_EMISUSE;
  /* Depth: how many shown groups enclose the node, walking pre-order. */
  uint32_t stack[LX_MAX_COND_DEPTH + 2];
  int depth = 0;
  uint32_t at = first + (uint32_t)j;
  for (uint32_t k = first; k < at; k++) {
    while (depth > 0 && stack[depth - 1] <= k)
      depth--;
    if (rs->conds[k].kind != LX_C_ATOM && depth < LX_MAX_COND_DEPTH + 2)
      stack[depth++] = rs->conds[k].end;
  }
  while (depth > 0 && stack[depth - 1] <= at)
    depth--;
  const lx_cond *c = &rs->conds[at];
  out->depth = depth + 1;
  out->line = c->line;
  out->col = c->col;
  switch (c->kind) {
  case LX_C_ATOM:
    out->text = c->text;
    break;
  case LX_C_ALL:
    out->text = "all of";
    break;
  case LX_C_ANY:
    out->text = "any of";
    break;
  default:
    out->text = rs->conds[at + 1].end == c->end ? "not" : "not all of";
    break;
  }
  return LEXLOCI_OK;
}

const lexloci_citation *lexloci_ruleset_rule_citation(
    const lexloci_ruleset *rs, size_t i, size_t j)
{
  if (!rs || i >= rs->nrules || j >= rs->rules[i].ncites)
    return NULL;
  return &rs->cites[rs->rules[i].cites[j]].pub;
}

lexloci_status lexloci_ruleset_rule_action(const lexloci_ruleset *rs,
                                           size_t i, size_t j,
                                           lexloci_action *out)
{
  if (!rs || !out || i >= rs->nrules || j >= rs->rules[i].nactions)
    return LEXLOCI_EMISUSE;
  const lx_action *a = &rs->rules[i].actions[j];
  out->id = a->id;
  out->by = a->by;
  out->text = a->text;
  out->deadline = a->deadline;
  out->deadline_from = a->from;
  out->rule = rs->rules[i].id;
  out->ncitations = a->ncites;
  return LEXLOCI_OK;
}

const lexloci_citation *lexloci_ruleset_rule_action_citation(
    const lexloci_ruleset *rs, size_t i, size_t j, size_t k)
{
  if (!rs || i >= rs->nrules || j >= rs->rules[i].nactions ||
      k >= rs->rules[i].actions[j].ncites)
    return NULL;
  return &rs->cites[rs->rules[i].actions[j].cites[k]].pub;
}

size_t lexloci_ruleset_rule_base(const lexloci_ruleset *rs, size_t i,
                                 size_t j)
{
  if (!rs || i >= rs->nrules || j >= rs->rules[i].nbases)
    return SIZE_MAX;
  return rs->rules[i].bases[j];
}

size_t lexloci_ruleset_rule_defeater(const lexloci_ruleset *rs, size_t i,
                                     size_t j)
{
  if (!rs || i >= rs->nrules || j >= rs->rules[i].ndefeaters)
    return SIZE_MAX;
  return rs->rules[i].defeaters[j];
}

/* ------------------------------------------------------------------ */
/* Sets and values                                                      */
/* ------------------------------------------------------------------ */

static const char *base_name(lx_base b)
{
  switch (b) {
  case LX_BOOL: return "bool";
  case LX_NUMBER: return "number";
  case LX_DATE: return "date";
  case LX_COUNTRY: return "country";
  default: return "text";
  }
}

void lx_describe_set(const lexloci_ruleset *rs, size_t i,
                     lexloci_set_info *out)
{
  if (i < rs->nsets) {
    const lx_set *s = &rs->sets[i];
    out->of = s->domain == LX_DOM_NONE ? "country"
                                       : lx_domains[s->domain].name;
    out->ncitations = s->ncites;
    out->file = s->file;
    out->line = s->line;
    out->col = s->col;
  } else {
    const lx_value *v = &rs->values[i - rs->nsets];
    out->of = base_name(v->base);
    out->ncitations = v->ncites;
    out->file = v->file;
    out->line = v->line;
    out->col = v->col;
  }
}

const lexloci_citation *lexloci_ruleset_set_citation(
    const lexloci_ruleset *rs, size_t i, size_t j)
{
  if (!rs || i >= rs->nsets + rs->nvalues)
    return NULL;
  const uint32_t *cites = i < rs->nsets ? rs->sets[i].cites
                                        : rs->values[i - rs->nsets].cites;
  size_t n = i < rs->nsets ? rs->sets[i].ncites
                           : rs->values[i - rs->nsets].ncites;
  return j < n ? &rs->cites[cites[j]].pub : NULL;
}

const lexloci_citation *lexloci_ruleset_member_citation(
    const lexloci_ruleset *rs, size_t i, size_t j, size_t k)
{
  if (!rs || i >= rs->nsets || j >= rs->sets[i].nmembers ||
      k >= rs->sets[i].members[j].ncites)
    return NULL;
  return &rs->cites[rs->sets[i].members[j].cites[k]].pub;
}

/* ------------------------------------------------------------------ */
/* The vocabulary                                                       */
/* ------------------------------------------------------------------ */

lexloci_status lexloci_fact_describe(lexloci_fact f, lexloci_fact_info *out)
{
  static const lexloci_type types[] = {
    [LX_BOOL] = LEXLOCI_TYPE_BOOL, [LX_NUMBER] = LEXLOCI_TYPE_NUMBER,
    [LX_DATE] = LEXLOCI_TYPE_DATE, [LX_TEXT] = LEXLOCI_TYPE_TEXT,
    [LX_COUNTRY] = LEXLOCI_TYPE_COUNTRY, [LX_ENUM] = LEXLOCI_TYPE_ENUM};
  if (!out || f < 0 || f >= lx_nfacts)
    return LEXLOCI_EMISUSE;
  const lx_factdef *fd = &lx_facts[f];
  memset(out, 0, sizeof *out);
  out->path = fd->path;
  out->type = types[fd->base];
  out->list = fd->list;
  out->nullable = fd->nullable;
  out->required = fd->required;
  switch (fd->def) {
  case LX_DEF_FALSE: out->def = "false"; break;
  case LX_DEF_TRUE: out->def = "true"; break;
  case LX_DEF_EMPTY: out->def = "[]"; break;
  case LX_DEF_ENUM: out->def = fd->def_enum; break;
  default: break;
  }
  if (fd->base == LX_ENUM) {
    out->domain = lx_domains[fd->domain].name;
    out->nvalues = (size_t)lx_domains[fd->domain].n;
  }
  out->help = fd->help;
  return LEXLOCI_OK;
}

bool lexloci_fact_derived(lexloci_fact f)
{
  return f >= 0 && f < lx_nfacts && lx_fact_derived(f);
}

const char *lexloci_fact_value(lexloci_fact f, size_t j)
{
  if (f < 0 || f >= lx_nfacts || lx_facts[f].base != LX_ENUM ||
      j >= (size_t)lx_domains[lx_facts[f].domain].n)
    return NULL;
  return lx_domains[lx_facts[f].domain].values[j];
}

bool lexloci_country_code(size_t i, char out[3])
{
  const char *list = lx_country_list(); /* "AD AE AF ...": 3 bytes each */
  if (!out || i >= (strlen(list) + 1) / 3)
    return false;
  out[0] = list[3 * i];
  out[1] = list[3 * i + 1];
  out[2] = '\0';
  return true;
}

void lexloci_date_format(int days, char out[11])
{
  lx_date_format(days, out);
}

bool lexloci_date_parse(const char *s, int *days)
{
  int32_t d;
  if (!s || !days || !lx_date_parse(s, strlen(s), &d))
    return false;
  *days = d;
  return true;
}

/* ------------------------------------------------------------------ */
/* A case's facts as a case file writes them                            */
/* ------------------------------------------------------------------ */

size_t lexloci_case_fact_text(const lexloci_case *c, lexloci_fact f,
                              char *buf, size_t cap)
{
  lx_out o = {buf, cap, 0};
  if (!c || f < 0 || f >= lx_nfacts) {
    lx_out_str(&o, "?");
    return lx_out_end(&o);
  }
  const lx_factdef *fd = &lx_facts[f];
  const lx_fval *v = &c->vals[f];
  if (v->state == LX_NULL) {
    lx_out_str(&o, "null");
  } else if (v->state != LX_KNOWN) {
    lx_out_str(&o, "unknown");
  } else if (fd->list) {
    const lx_bits *b = &c->lists[f];
    lx_out_str(&o, "[");
    for (int i = lx_bits_next(b, 0); i >= 0; i = lx_bits_next(b, i + 1)) {
      if (i != lx_bits_next(b, 0))
        lx_out_str(&o, ", ");
      lx_render_element(fd, i, &o);
    }
    lx_out_str(&o, "]");
  } else if (fd->base == LX_BOOL) {
    lx_out_str(&o, v->v.u.b ? "true" : "false");
  } else if (fd->base == LX_NUMBER) {
    lx_out_fmt(&o, "%g", v->v.u.num);
  } else if (fd->base == LX_DATE) {
    char d[11];
    lx_date_format(v->v.u.date, d);
    lx_out_str(&o, d);
  } else if (fd->base == LX_TEXT) {
    lx_out_put(&o, v->v.s, v->v.slen);
  } else {
    lx_render_element(fd, v->v.u.code, &o);
  }
  return lx_out_end(&o);
}
