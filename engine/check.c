/*
** check.c: `lexloci check`, the analysis of a rule set that loads. Static
** checks (citations, sets and values no rule uses, texts quoting facts the
** rule does not test) and questions answered by search (check_solve.c):
** can this rule apply on some case, on some date? Can these two rules
** both stand on one case? Which effects can a regime's rules have for
** each issuing state, instrument and data category (the coverage grid,
** check_grid.c)? This file holds the issues, the static checks, the
** questions about rules, and the entry points.
** See LICENSE for copying conditions.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "verdict.h"

/* ------------------------------------------------------------------ */
/* Issues                                                               */
/* ------------------------------------------------------------------ */

static const char *const kind_names[LEXLOCI_CHECK_KIND_COUNT] = {
  "never-applies", "not-in-force", "exception-idle", "override-idle",
  "overlap", "unused-citation", "unused-set", "untested-quote", "gap",
  "incomplete"};

lexloci_issue *lx_check_issue(ck *k, lexloci_check_kind kind,
                              const char *file, int line, int col,
                              const char *rule, const char *fmt, ...)
{
  lexloci_issue *is = lx_vec_push(&k->out->issues, &k->out->mem);
  if (!is) {
    k->oom = true;
    return NULL;
  }
  is->kind = kind;
  is->name = kind_names[kind];
  is->rule = rule;
  is->diag.code = LEXLOCI_ERULE;
  is->diag.severity = kind == LEXLOCI_CHECK_INCOMPLETE ? LEXLOCI_SEV_NOTE
                                                       : LEXLOCI_SEV_WARNING;
  snprintf(is->diag.file, sizeof is->diag.file, "%s", file ? file : "");
  is->diag.line = line;
  is->diag.col = col;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(is->diag.message, sizeof is->diag.message, fmt, ap);
  va_end(ap);
  return is;
}

static const char *effect_name(lexloci_outcome o)
{
  return lx_outcome_name(o);
}

/* ------------------------------------------------------------------ */
/* Static checks                                                        */
/* ------------------------------------------------------------------ */

static void unused(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  for (size_t i = 0; i < rs->ncites; i++) {
    const lx_citation *c = &rs->cites[i];
    if (!c->used)
      lx_check_issue(k, LEXLOCI_CHECK_UNUSED_CITATION, c->file, c->line,
                     c->col, NULL,
                     "citation '%s' is defined but nothing cites it", c->id);
  }
  bool *set_used = lx_calloc(&rs->mem, rs->nsets + rs->nvalues + 1, 1);
  if (!set_used) {
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < rs->nconds; i++) {
    const lx_cond *c = &rs->conds[i];
    if (c->kind != LX_C_ATOM)
      continue;
    if (c->rhs == LX_RHS_SET)
      set_used[c->ref] = true;
    else if (c->rhs == LX_RHS_VALUE)
      set_used[rs->nsets + c->ref] = true;
  }
  for (size_t i = 0; i < rs->nsets; i++)
    if (!set_used[i])
      lx_check_issue(k, LEXLOCI_CHECK_UNUSED_SET, rs->sets[i].file,
                     rs->sets[i].line, rs->sets[i].col, NULL,
                     "set '%s' is defined but no rule reads it (a case may "
                     "still assume it)", rs->sets[i].name);
  for (size_t i = 0; i < rs->nvalues; i++)
    if (!set_used[rs->nsets + i])
      lx_check_issue(k, LEXLOCI_CHECK_UNUSED_SET, rs->values[i].file,
                     rs->values[i].line, rs->values[i].col, NULL,
                     "value '%s' is defined but no rule reads it (a case may "
                     "still assume it)", rs->values[i].name);
  lx_free(&rs->mem, set_used, rs->nsets + rs->nvalues + 1);
}

/* Facts rule r tests, with those of its base rules (it applies only where
   they do). */
static uint64_t tested(const lexloci_ruleset *rs, uint32_t r, int depth)
{
  const lx_rule *rule = &rs->rules[r];
  uint64_t m = 0;
  for (uint32_t i = rule->root; i < rs->conds[rule->root].end; i++) {
    const lx_cond *c = &rs->conds[i];
    if (c->kind != LX_C_ATOM || c->op == LX_OP_REGIME_IN)
      continue;
    m |= (uint64_t)1 << c->fact;
    if (c->rhs == LX_RHS_FACT)
      m |= (uint64_t)1 << c->ref;
  }
  for (size_t b = 0; b < rule->nbases && depth < 64; b++)
    m |= tested(rs, rule->bases[b], depth + 1);
  return m;
}

/* A quoted fact a case may leave out: not request.date (the CLI gives
   today), nor a required fact, nor one with a default. */
static bool may_be_left_out(int f)
{
  return f != LX_F_DATE && !lx_facts[f].required &&
         lx_facts[f].def == LX_NODEFAULT && !lx_fact_derived(f);
}

static void quotes(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  for (uint32_t r = 0; r < rs->nrules; r++) {
    const lx_rule *rule = &rs->rules[r];
    uint64_t t = tested(rs, r, 0), told = 0;
    for (size_t s = 0; s < rule->nsegs; s++) {
      int f = rule->segs[s].fact;
      if (f < 0 || (t >> f & 1) || (told >> f & 1) || !may_be_left_out(f))
        continue;
      told |= (uint64_t)1 << f;
      lx_check_issue(k, LEXLOCI_CHECK_UNTESTED_QUOTE, rule->file,
                     rule->line, rule->col, rule->id,
                     "the text of rule '%s' quotes {%s}, which its "
                     "conditions do not test: a case that leaves it out "
                     "reads 'unknown' there", rule->local, lx_facts[f].path);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Rules that never apply                                               */
/* ------------------------------------------------------------------ */

/* The set an atom tests membership of, when it has no member on any date:
   the usual reason a condition never holds (a treaty not yet in force). */
static const lx_set *empty_set(const lexloci_ruleset *rs, const lx_cond *c)
{
  for (uint32_t i = 0; c->kind != LX_C_ATOM && i + 1 < LX_MAX_COND_DEPTH;
       i++)
    c++; /* a group of one condition: look at it */
  if (c->kind != LX_C_ATOM || c->rhs != LX_RHS_SET)
    return NULL;
  const lx_set *s = &rs->sets[c->ref];
  for (size_t j = 0; j < s->tl.n; j++)
    if (!lx_bits_empty(&s->tl.bits[j]))
      return NULL;
  return s;
}

static void never_holds(ck *k, const lx_rule *rule, uint32_t node)
{
  const lx_cond *b = &k->rs->conds[node];
  const lx_set *s = empty_set(k->rs, b);
  const char *text = b->shown ? b->shown : b->text;
  if (s)
    lx_check_issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line,
                   b->col, rule->id, "rule '%s' can never apply: '%.100s' "
                   "never holds, as set '%s' has no member on any date (a "
                   "case may assume some)", rule->local, text, s->name);
  else
    lx_check_issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line,
                   b->col, rule->id,
                   "rule '%s' can never apply: '%.120s' never holds",
                   rule->local, text);
}

/* Which condition of a dead rule's when: list makes it dead: the first
   that no case satisfies together with those before it, and the earlier
   one it contradicts. */
static void pinpoint(ck *k, const lx_rule *rule)
{
  const lexloci_ruleset *rs = k->rs;
  const lx_cond *root = &rs->conds[rule->root];
  uint32_t kids[MAX_TERMS];
  int nk = 0;
  if (root->kind == LX_C_ALL)
    for (uint32_t ch = rule->root + 1; ch < root->end && nk < MAX_TERMS;
         ch = rs->conds[ch].end)
      kids[nk++] = ch;
  int bad = -1;
  for (int j = 0; j < nk && bad < 0; j++) { /* a condition never true */
    lx_check_terms1(k, T_COND, kids[j]);
    int r = lx_check_ask(k, LX_DATE_MIN, LX_DATE_MAX);
    if (r == NONE) {
      never_holds(k, rule, kids[j]);
      return;
    }
  }
  for (int j = 0; j < nk && bad < 0; j++) {
    k->nterms = j + 1;
    for (int i = 0; i <= j; i++) {
      k->terms[i].kind = T_COND;
      k->terms[i].idx = kids[i];
    }
    int r = lx_check_ask(k, LX_DATE_MIN, LX_DATE_MAX);
    if (r == OPEN)
      break;
    if (r == NONE)
      bad = j;
  }
  if (bad < 0) {
    lx_check_issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, rule->line,
                   rule->col, rule->id, "rule '%s' can never apply: no case "
                   "meets all its conditions", rule->local);
    return;
  }
  const lx_cond *b = &rs->conds[kids[bad]];
  const char *btext = b->shown ? b->shown : b->text;
  for (int i = 0; i < bad; i++) {
    lx_check_terms2(k, T_COND, kids[i], T_COND, kids[bad]);
    if (lx_check_ask(k, LX_DATE_MIN, LX_DATE_MAX) == NONE) {
      const lx_cond *a = &rs->conds[kids[i]];
      lx_check_issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line,
                     b->col, rule->id, "rule '%s' can never apply: '%.80s' "
                     "contradicts '%.80s'", rule->local, btext,
                     a->shown ? a->shown : a->text);
      return;
    }
  }
  lx_check_issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line, b->col,
                 rule->id, "rule '%s' can never apply: '%.120s' contradicts "
                 "the conditions before it", rule->local, btext);
}

static void in_force_text(const lx_rule *r, char *buf, size_t cap)
{
  char a[11] = "", b[11] = "";
  if (r->from != LX_DATE_MIN)
    lx_date_format(r->from, a);
  if (r->until != LX_DATE_MAX)
    lx_date_format(r->until, b);
  if (a[0] && b[0])
    snprintf(buf, cap, "from %s until %s", a, b);
  else if (a[0])
    snprintf(buf, cap, "from %s", a);
  else
    snprintf(buf, cap, "until %s", b);
}

static void reachability(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  for (uint32_t r = 0; r < rs->nrules && !k->oom; r++) {
    const lx_rule *rule = &rs->rules[r];
    lx_check_terms1(k, T_APPLIES, r);
    if (lx_check_ask(k, rule->from, rule->until) != NONE)
      continue;
    k->dead[r] = 1;
    lx_check_terms1(k, T_COND, rule->root);
    int any = lx_check_ask(k, LX_DATE_MIN, LX_DATE_MAX);
    if (any == OPEN)
      continue;
    if (any == NONE) {
      pinpoint(k, rule);
      continue;
    }
    int inforce = lx_check_ask(k, rule->from, rule->until);
    if (inforce == NONE) {
      char when[64];
      in_force_text(rule, when, sizeof when);
      lx_check_issue(k, LEXLOCI_CHECK_NOT_IN_FORCE, rule->file, rule->line,
                     rule->col, rule->id, "rule '%s' can never apply: its "
                     "conditions hold only on dates when it is not in force "
                     "(%s)", rule->local, when);
      continue;
    }
    for (size_t b = 0; b < rule->nbases && inforce == FOUND; b++) {
      lx_check_terms2(k, T_COND, rule->root, T_APPLIES, rule->bases[b]);
      if (lx_check_ask(k, rule->from, rule->until) != NONE)
        continue;
      lexloci_issue *is = lx_check_issue(
          k, LEXLOCI_CHECK_EXCEPTION_IDLE, rule->file, rule->line, rule->col,
          rule->id, "exception '%s' never applies where its base rule '%s' "
          "does, so it never applies at all", rule->local,
          rs->rules[rule->bases[b]].local);
      if (is)
        is->other = rs->rules[rule->bases[b]].id;
      break;
    }
  }
}

/* ------------------------------------------------------------------ */
/* Overrides without effect, and unordered overlaps                     */
/* ------------------------------------------------------------------ */

static bool defeats(const lx_rule *of, uint32_t by)
{
  for (size_t d = 0; d < of->ndefeaters; d++)
    if (of->defeaters[d] == by)
      return true;
  return false;
}

static bool is_base(const lx_rule *r, uint32_t b)
{
  for (size_t i = 0; i < r->nbases; i++)
    if (r->bases[i] == b)
      return true;
  return false;
}

static void overrides(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  for (uint32_t of = 0; of < rs->nrules && !k->oom; of++) {
    const lx_rule *t = &rs->rules[of];
    for (size_t d = 0; d < t->ndefeaters; d++) {
      uint32_t by = t->defeaters[d];
      const lx_rule *o = &rs->rules[by];
      if (k->dead[of] || k->dead[by] || is_base(o, of))
        continue;
      lx_check_terms2(k, T_APPLIES, by, T_APPLIES, of);
      if (lx_check_ask(k, LX_DATE_MIN, LX_DATE_MAX) != NONE)
        continue;
      lexloci_issue *is = lx_check_issue(
          k, LEXLOCI_CHECK_OVERRIDE_IDLE, o->file, o->line, o->col, o->id,
          "rule '%s' overrides '%s', but the two never apply to the same "
          "case, so the override has no effect", o->local, t->local);
      if (is)
        is->other = t->id;
    }
  }
}

static void overlaps(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  for (size_t g = 0; g < rs->nregimes && !k->oom; g++) {
    const lx_regime *rg = &rs->regimes[g];
    for (uint32_t a = rg->first; a < rg->first + rg->nrules; a++) {
      const lx_rule *ra = &rs->rules[a];
      for (uint32_t b = a + 1; b < rg->first + rg->nrules && !k->oom; b++) {
        const lx_rule *rb = &rs->rules[b];
        if (ra->effect == rb->effect || ra->effect == LEXLOCI_INFO ||
            rb->effect == LEXLOCI_INFO || k->dead[a] || k->dead[b] ||
            defeats(ra, b) || defeats(rb, a))
          continue;
        lx_check_terms2(k, T_STANDS, a, T_STANDS, b);
        if (lx_check_ask(k, LX_DATE_MIN, LX_DATE_MAX) != FOUND)
          continue;
        lexloci_issue *is = lx_check_issue(
            k, LEXLOCI_CHECK_OVERLAP, rb->file, rb->line, rb->col, rb->id,
            "rules '%s' (%s, line %d) and '%s' (%s) can stand on the same "
            "case and neither overrides the other; order them with "
            "overrides or exception_to", ra->local, effect_name(ra->effect),
            ra->line, rb->local, effect_name(rb->effect));
        if (is) {
          is->other = ra->id;
          is->example = lx_check_example(k);
        }
      }
    }
  }
}

/* ------------------------------------------------------------------ */
/* Entry points                                                         */
/* ------------------------------------------------------------------ */

static int cmp_issue(const void *a, const void *b)
{
  const lexloci_issue *x = a, *y = b;
  bool xf = x->diag.file[0] != '\0', yf = y->diag.file[0] != '\0';
  if (xf != yf)
    return xf ? -1 : 1;
  int c = strcmp(x->diag.file, y->diag.file);
  if (c)
    return c;
  if (x->diag.line != y->diag.line)
    return x->diag.line < y->diag.line ? -1 : 1;
  if (x->diag.col != y->diag.col)
    return x->diag.col < y->diag.col ? -1 : 1;
  return x->kind < y->kind ? -1 : x->kind > y->kind;
}

static void ck_free(ck *k)
{
  const lx_mem *m = &k->rs->mem;
  lx_free(m, k->dates, (k->ndates + 1) * sizeof *k->dates);
  lx_free(m, k->scope, k->rs->nconds + 1);
  lx_free(m, k->seen_a, k->rs->nrules + 1);
  lx_free(m, k->seen_s, k->rs->nrules + 1);
  lx_free(m, k->dead, k->rs->nrules + 1);
  lx_free(m, k->applies0, k->rs->nrules + 1);
  lx_free(m, k->stands0, k->rs->nrules + 1);
  lexloci_case_free(k->c);
}

static int32_t as_of(const lexloci_check_options *opt, const int32_t *b,
                     size_t nb)
{
  if (opt && (opt->year || opt->month || opt->day) &&
      lx_date_valid(opt->year, opt->month, opt->day))
    return lx_date_days(opt->year, opt->month, opt->day);
  return nb ? b[nb - 1] : 0;
}

lexloci_status lexloci_ruleset_check(const lexloci_ruleset *rs,
                                     const lexloci_check_options *opt,
                                     lexloci_check **outp)
{
  if (!rs || !outp)
    return LEXLOCI_EMISUSE;
  *outp = NULL;
  if (opt && (opt->year || opt->month || opt->day) &&
      !lx_date_valid(opt->year, opt->month, opt->day))
    return LEXLOCI_EMISUSE;
  lexloci_check *out = lx_calloc(&rs->mem, 1, sizeof *out);
  if (!out)
    return LEXLOCI_ENOMEM;
  out->mem = rs->mem;
  out->rs = rs;
  lx_arena_init(&out->arena, &out->mem);
  lx_vec_init(&out->issues, sizeof(lexloci_issue));
  ck k;
  memset(&k, 0, sizeof k);
  k.rs = rs;
  k.out = out;
  k.fixed_state = k.fixed_instr = -1;
  k.fixed = (uint64_t)1 << LX_F_DATE;
  k.cats = (1u << LEXLOCI_CATEGORY_COUNT) - 1;
  for (int e = 0; e < LX_COUNTRY_SLOTS; e++)
    if (lx_country_assigned(e))
      k.countries[k.ncountries++] = e;
  size_t nb = 0, bcap = 0;
  int32_t *b = lx_check_breakpoints(&k, &nb, &bcap);
  k.scope = lx_calloc(&rs->mem, rs->nconds + 1, 1);
  k.seen_a = lx_calloc(&rs->mem, rs->nrules + 1, 1);
  k.seen_s = lx_calloc(&rs->mem, rs->nrules + 1, 1);
  k.dead = lx_calloc(&rs->mem, rs->nrules + 1, 1);
  k.applies0 = lx_calloc(&rs->mem, rs->nrules + 1, 1);
  k.stands0 = lx_calloc(&rs->mem, rs->nrules + 1, 1);
  bool ok = b && k.scope && k.seen_a && k.seen_s && k.dead && k.applies0 &&
            k.stands0 &&
            lexloci_case_new(rs, &k.c) == LEXLOCI_OK;
  if (ok) {
    out->date = as_of(opt, b, nb);
    ok = lx_check_periods(&k, b, nb, out->date);
  }
  lx_free(&rs->mem, b, bcap * sizeof *b);
  if (ok) {
    unused(&k);
    quotes(&k);
    reachability(&k);
    overrides(&k);
    overlaps(&k);
    lx_check_grid(&k);
    if (out->open)
      lx_check_issue(&k, LEXLOCI_CHECK_INCOMPLETE, NULL, 0, 0, NULL,
                     "%zu question%s could not be settled (a pattern on a "
                     "text fact, or more than %d evaluations); nothing is "
                     "reported about them", out->open,
                     out->open == 1 ? "" : "s", LX_MAX_CHECK_PASSES);
  }
  ck_free(&k);
  if (!ok || k.oom) {
    lexloci_check_free(out);
    return LEXLOCI_ENOMEM;
  }
  if (out->issues.n)
    qsort(out->issues.items, out->issues.n, sizeof(lexloci_issue),
          cmp_issue);
  *outp = out;
  return LEXLOCI_OK;
}

void lexloci_check_free(lexloci_check *out)
{
  if (!out)
    return;
  lx_mem m = out->mem;
  lx_vec_free(&out->issues, &m);
  lx_arena_free(&out->arena);
  lx_free(&m, out, sizeof *out);
}

size_t lexloci_check_count(const lexloci_check *out)
{
  return out ? out->issues.n : 0;
}

lexloci_status lexloci_check_issue(const lexloci_check *out, size_t i,
                                   lexloci_issue *is)
{
  if (!out || !is || i >= out->issues.n)
    return LEXLOCI_EMISUSE;
  *is = LX_VEC_AT(&out->issues, lexloci_issue, i);
  return LEXLOCI_OK;
}
