/*
** check.c: `lexloci check`, the analysis of a rule set that loads. Static
** checks (citations, sets and values no rule uses, texts quoting facts the
** rule does not test) and questions answered by search: can this rule
** apply on some case, on some date? Can these two rules both stand on one
** case? Which effects can a regime's rules have for each issuing state,
** instrument and data category (the coverage grid)?
**
** A question is a conjunction of terms (a condition holds, a rule applies,
** a rule stands) asked of a case whose facts are all unknown. Each pass
** evaluates the case in three values; a false goal prunes, a true one is
** an answer, and an unknown one branches on a fact the goal still depends
** on. A fact's candidate values are one per class of values that every
** condition of the question treats alike, so the search is exhaustive:
** "no case" is a proof, not a guess. Dates are tried one per period over
** which no rule, set or condition changes. A question that exceeds
** LX_MAX_CHECK_PASSES is left open and never reported as a finding.
** See LICENSE for copying conditions.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "country.h"
#include "date.h"
#include "eval.h"
#include "verdict.h"

enum { NONE = 0, FOUND = 1, OPEN = 2 }; /* answers to a question */

#define MAX_TERMS 64       /* conditions of one when: list, pinpointed */
#define MAX_CLASSES 256    /* one per country at most */
#define MAX_LIST_CLASSES 64 /* classes of a list fact, decided one by one */
#define MAX_NUMS 67        /* 32 thresholds, between and around them */

struct lexloci_check {
  lx_mem mem;
  lx_arena arena;
  const lexloci_ruleset *rs;
  lx_vec issues;           /* lexloci_issue */
  int32_t date;            /* of the grid */
  size_t ngroups, ninstr;
  const char **gname, **gmembers;
  unsigned *cells;         /* [regime][group][instrument][category] */
  size_t open;             /* questions left open */
};

typedef enum term_kind { T_COND, T_APPLIES, T_STANDS } term_kind;
typedef struct term {
  uint8_t kind;            /* term_kind */
  uint32_t idx;            /* condition node or rule */
} term;

/* A distinction a condition draws between the values of a fact. */
typedef struct dline {
  const lx_bits *bits;     /* membership, or NULL: */
  int code;                /* equality with this value */
} dline;

typedef enum cand_kind { K_NONE, K_BOOL, K_NUM, K_SCALAR, K_LIST, K_CATS }
    cand_kind;

/* The values tried for one fact. */
typedef struct cands {
  cand_kind kind;
  size_t n;                /* candidates, the extras below included */
  int reps[MAX_CLASSES];   /* K_SCALAR: one value per class; K_LIST: one
                              element per class, tried in every subset */
  int nreps;
  double num[MAX_NUMS];
  bool with_null;          /* K_SCALAR: null is a candidate */
  bool with_unknown;       /* the last candidate leaves the fact unknown */
} cands;

typedef struct ck {
  const lexloci_ruleset *rs;
  lexloci_case *c;
  lexloci_check *out;
  bool oom;
  /* periods: one date per interval over which nothing changes */
  int32_t *dates;
  size_t ndates;
  int countries[LX_COUNTRY_SLOTS]; /* assigned codes, in order */
  int ncountries;
  /* the question */
  term terms[MAX_TERMS];
  int nterms;
  uint8_t *scope;          /* per node: read by the question */
  uint8_t *seen_a, *seen_s; /* per rule: closure and relevance walks */
  uint64_t kfacts;         /* facts of `is known` atoms in scope */
  uint64_t ufacts;         /* facts some of those want unknown */
  uint64_t fixed;          /* facts the question sets (date, grid) */
  uint64_t regimes;        /* regimes a pass evaluates: those in scope */
  uint64_t decided;        /* facts decided on the current path */
  bool near;               /* open facts of the terms' own rules only */
  int reads[LX_MAX_FACTS]; /* unknown atoms reading each open fact */
  unsigned cats;           /* categories the question allows */
  int fixed_state, fixed_instr; /* grid questions; -1 when free */
  size_t passes;
  bool exhausted;
  uint8_t *dead;           /* per rule: can never apply */
  uint8_t *applies0, *stands0; /* per rule: a grid cell's first pass */
} ck;

/* ------------------------------------------------------------------ */
/* Issues                                                               */
/* ------------------------------------------------------------------ */

static const char *const kind_names[LEXLOCI_CHECK_KIND_COUNT] = {
  "never-applies", "not-in-force", "exception-idle", "override-idle",
  "overlap", "unused-citation", "unused-set", "untested-quote", "gap",
  "incomplete"};

#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static lexloci_issue *issue(ck *k, lexloci_check_kind kind,
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
      issue(k, LEXLOCI_CHECK_UNUSED_CITATION, c->file, c->line, c->col, NULL,
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
      issue(k, LEXLOCI_CHECK_UNUSED_SET, rs->sets[i].file, rs->sets[i].line,
            rs->sets[i].col, NULL, "set '%s' is defined but no rule reads "
            "it (a case may still assume it)", rs->sets[i].name);
  for (size_t i = 0; i < rs->nvalues; i++)
    if (!set_used[rs->nsets + i])
      issue(k, LEXLOCI_CHECK_UNUSED_SET, rs->values[i].file,
            rs->values[i].line, rs->values[i].col, NULL,
            "value '%s' is defined but no rule reads it (a case may still "
            "assume it)", rs->values[i].name);
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
         lx_facts[f].def == LX_NODEFAULT;
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
      issue(k, LEXLOCI_CHECK_UNTESTED_QUOTE, rule->file, rule->line,
            rule->col, rule->id, "the text of rule '%s' quotes {%s}, which "
            "its conditions do not test: a case that leaves it out reads "
            "'unknown' there", rule->local, lx_facts[f].path);
    }
  }
}

/* ------------------------------------------------------------------ */
/* Periods                                                              */
/* ------------------------------------------------------------------ */

static int cmp_i32(const void *a, const void *b)
{
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return x < y ? -1 : x > y;
}

/* Every date on which something the rule set says may change: rules
   entering or leaving force, set members joining or leaving, and dates
   conditions compare request.date with. */
static int32_t *breakpoints(ck *k, size_t *n, size_t *capp)
{
  const lexloci_ruleset *rs = k->rs;
  size_t cap = 2 * rs->nrules + 2 * rs->nconds + 1;
  for (size_t i = 0; i < rs->nsets; i++)
    cap += rs->sets[i].tl.n;
  int32_t *b = lx_malloc(&rs->mem, cap * sizeof *b);
  *capp = cap;
  if (!b)
    return NULL;
  size_t m = 0;
  for (size_t r = 0; r < rs->nrules; r++) {
    if (rs->rules[r].from != LX_DATE_MIN)
      b[m++] = rs->rules[r].from;
    if (rs->rules[r].until != LX_DATE_MAX)
      b[m++] = rs->rules[r].until + 1;
  }
  for (size_t i = 0; i < rs->nsets; i++)
    for (size_t j = 0; j < rs->sets[i].tl.n; j++)
      if (rs->sets[i].tl.starts[j] != LX_DATE_MIN)
        b[m++] = rs->sets[i].tl.starts[j];
  for (size_t i = 0; i < rs->nconds; i++) {
    const lx_cond *c = &rs->conds[i];
    if (c->kind != LX_C_ATOM || c->op == LX_OP_REGIME_IN ||
        c->fact != LX_F_DATE)
      continue;
    const lx_scalar *s = c->rhs == LX_RHS_LIT     ? &c->lit
                         : c->rhs == LX_RHS_VALUE ? &rs->values[c->ref].v
                                                  : NULL;
    if (s) {
      b[m++] = s->u.date;
      b[m++] = s->u.date + 1;
    }
  }
  qsort(b, m, sizeof *b, cmp_i32);
  size_t u = 0;
  for (size_t i = 0; i < m; i++)
    if (u == 0 || b[u - 1] != b[i])
      b[u++] = b[i];
  *n = u;
  return b;
}

/* One date per period, the period holding as_of first (tried as as_of
   itself), then the later ones, then the earlier ones: examples show the
   law as of as_of where they can. */
static bool periods(ck *k, const int32_t *b, size_t nb, int32_t as_of)
{
  k->dates = lx_malloc(&k->rs->mem, (nb + 1) * sizeof *k->dates);
  if (!k->dates)
    return false;
  size_t at = 0; /* the period holding as_of: [b[at-1], b[at]) */
  while (at < nb && b[at] <= as_of)
    at++;
  size_t n = 0;
  k->dates[n++] = as_of;
  for (size_t i = at; i < nb; i++)
    k->dates[n++] = b[i];
  for (size_t i = at; i-- > 0;)
    if (i > 0)
      k->dates[n++] = b[i - 1];
    else
      k->dates[n++] = b[0] - 1;
  k->ndates = n;
  return true;
}

/* ------------------------------------------------------------------ */
/* The case a question starts from                                      */
/* ------------------------------------------------------------------ */

static void clear_fact(lexloci_case *c, int f)
{
  memset(&c->vals[f], 0, sizeof c->vals[f]);
  lx_bits_clear(&c->lists[f]);
  lx_bits_clear(&c->absent[f]);
}

/* Every fact unknown (no defaults: a case may give any value), the
   addressee free rather than derived, and the question's fixed facts. */
static void start(ck *k, int32_t date)
{
  lexloci_case *c = k->c;
  for (int f = 0; f < lx_nfacts; f++)
    clear_fact(c, f);
  c->addressee_explicit = true;
  c->vals[LX_F_DATE].state = LX_KNOWN;
  c->vals[LX_F_DATE].v.u.date = date;
  if (k->fixed_state >= 0) {
    c->vals[LX_F_ISSUING_STATE].state = LX_KNOWN;
    c->vals[LX_F_ISSUING_STATE].v.u.code = k->fixed_state;
  }
  if (k->fixed_instr >= 0) {
    c->vals[LX_F_INSTRUMENT].state = LX_KNOWN;
    c->vals[LX_F_INSTRUMENT].v.u.code = k->fixed_instr;
  }
  if (__builtin_popcount(k->cats) == 1) {
    c->vals[LX_F_CATEGORIES].state = LX_KNOWN;
    lx_bits_set(&c->lists[LX_F_CATEGORIES], (unsigned)__builtin_ctz(k->cats));
  }
  lx_eval_prepare(c);
  c->pass_regimes = k->regimes;
}

/* ------------------------------------------------------------------ */
/* Scope: the conditions a question reads                               */
/* ------------------------------------------------------------------ */

static void scope_stands(ck *k, uint32_t r);

static void scope_nodes(ck *k, uint32_t i, uint32_t end)
{
  const lexloci_ruleset *rs = k->rs;
  uint32_t nots[LX_MAX_COND_DEPTH + 2]; /* ends of enclosing not-groups */
  int nnot = 0;
  for (; i < end; i++) {
    const lx_cond *c = &rs->conds[i];
    k->scope[i] = 1;
    while (nnot > 0 && nots[nnot - 1] <= i)
      nnot--;
    if (c->kind == LX_C_NOT && nnot < LX_MAX_COND_DEPTH + 2)
      nots[nnot++] = c->end;
    if (c->kind != LX_C_ATOM)
      continue;
    /* `is unknown` (or `is known` under a not): only a case leaving the
       fact out meets it, so the search must try leaving it out. */
    if (c->op == LX_OP_KNOWN && (c->neg ^ (nnot & 1)))
      k->ufacts |= (uint64_t)1 << c->fact;
    if (c->op == LX_OP_REGIME_IN) {
      const lx_regime *g = &rs->regimes[c->fact];
      for (size_t j = 0; j < g->nrules; j++)
        scope_stands(k, g->first + (uint32_t)j);
    } else if (c->op == LX_OP_KNOWN) {
      k->kfacts |= (uint64_t)1 << c->fact;
    }
  }
}

/* A rule's applying reads its conditions and its bases'. */
static void scope_applies(ck *k, uint32_t r)
{
  if (k->seen_a[r])
    return;
  k->seen_a[r] = 1;
  const lx_rule *rule = &k->rs->rules[r];
  scope_nodes(k, rule->root, k->rs->conds[rule->root].end);
  for (size_t b = 0; b < rule->nbases; b++)
    scope_applies(k, rule->bases[b]);
}

/* Its standing also reads whether its defeaters stand. */
static void scope_stands(ck *k, uint32_t r)
{
  if (k->seen_s[r])
    return;
  k->seen_s[r] = 1;
  scope_applies(k, r);
  const lx_rule *rule = &k->rs->rules[r];
  for (size_t d = 0; d < rule->ndefeaters; d++)
    scope_stands(k, rule->defeaters[d]);
}

static void set_scope(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  memset(k->scope, 0, rs->nconds + 1);
  memset(k->seen_a, 0, rs->nrules + 1);
  memset(k->seen_s, 0, rs->nrules + 1);
  k->kfacts = k->ufacts = 0;
  for (int t = 0; t < k->nterms; t++) {
    const term *tm = &k->terms[t];
    if (tm->kind == T_COND) {
      /* A condition is read through the rule holding it. */
      for (uint32_t r = 0; r < rs->nrules; r++)
        if (rs->rules[r].root <= tm->idx &&
            tm->idx < rs->conds[rs->rules[r].root].end)
          k->seen_a[r] = 1;
      scope_nodes(k, tm->idx, rs->conds[tm->idx].end);
    }
    else if (tm->kind != T_STANDS)
      scope_applies(k, tm->idx);
    else
      scope_stands(k, tm->idx);
  }
  /* Only the regimes holding rules in scope need evaluating (a regime
     whose outcome is read has all its rules in scope). */
  k->regimes = 0;
  for (uint32_t r = 0; r < rs->nrules; r++)
    if ((k->seen_a[r] || k->seen_s[r]) && rs->rules[r].regime < 64)
      k->regimes |= (uint64_t)1 << rs->rules[r].regime;
  if (rs->nregimes > 64)
    k->regimes = ~(uint64_t)0;
}

/* ------------------------------------------------------------------ */
/* The goal, and the facts it still depends on                          */
/* ------------------------------------------------------------------ */

static uint8_t goal(const ck *k)
{
  static const uint8_t kand[3][3] = {
    {LX_F, LX_F, LX_F}, {LX_F, LX_T, LX_U}, {LX_F, LX_U, LX_U}};
  const lexloci_case *c = k->c;
  uint8_t v = LX_T;
  for (int t = 0; t < k->nterms; t++) {
    const term *tm = &k->terms[t];
    uint8_t x = tm->kind == T_COND      ? c->cond[tm->idx]
                : tm->kind == T_APPLIES ? c->applies[tm->idx]
                                        : c->stands[tm->idx];
    v = kand[v][x];
  }
  return v;
}

static void open_stands(ck *k, uint32_t r, uint64_t *open);

static void add_open(ck *k, int f, uint64_t *open)
{
  if (f >= 0 && k->c->vals[f].state == LX_UNKNOWN) {
    *open |= (uint64_t)1 << f;
    k->reads[f]++;
  }
}

/* Facts read by the unknown atoms under an unknown node: settled
   branches (a false child of an all-group) no longer matter. */
static void open_node(ck *k, uint32_t i, uint64_t *open)
{
  const lexloci_ruleset *rs = k->rs;
  const lx_cond *n = &rs->conds[i];
  if (n->kind == LX_C_ATOM) {
    if (n->op == LX_OP_REGIME_IN) {
      const lx_regime *g = &rs->regimes[n->fact];
      for (size_t j = 0; j < g->nrules && !k->near; j++)
        if (k->c->stands[g->first + j] == LX_U)
          open_stands(k, g->first + (uint32_t)j, open);
      return;
    }
    add_open(k, n->fact, open);
    if (n->rhs == LX_RHS_FACT)
      add_open(k, (int)n->ref, open);
    return;
  }
  for (uint32_t ch = i + 1; ch < n->end; ch = rs->conds[ch].end)
    if (k->c->cond[ch] == LX_U)
      open_node(k, ch, open);
}

static void open_applies(ck *k, uint32_t r, uint64_t *open)
{
  const lexloci_case *c = k->c;
  if (k->seen_a[r] || c->applies[r] != LX_U)
    return;
  k->seen_a[r] = 1;
  const lx_rule *rule = &k->rs->rules[r];
  if (c->cond[rule->root] == LX_U)
    open_node(k, rule->root, open);
  for (size_t b = 0; b < rule->nbases; b++)
    open_applies(k, rule->bases[b], open);
}

static void open_stands(ck *k, uint32_t r, uint64_t *open)
{
  const lexloci_case *c = k->c;
  if (k->seen_s[r] || c->stands[r] != LX_U)
    return;
  k->seen_s[r] = 1;
  open_applies(k, r, open);
  const lx_rule *rule = &k->rs->rules[r];
  for (size_t d = 0; d < rule->ndefeaters && !k->near; d++)
    open_stands(k, rule->defeaters[d], open);
}

static uint64_t open_facts(ck *k, bool near)
{
  k->near = near;
  memset(k->reads, 0, sizeof k->reads);
  const lexloci_ruleset *rs = k->rs;
  memset(k->seen_a, 0, rs->nrules + 1);
  memset(k->seen_s, 0, rs->nrules + 1);
  uint64_t open = 0;
  for (int t = 0; t < k->nterms; t++) {
    const term *tm = &k->terms[t];
    uint8_t v = tm->kind == T_COND     ? k->c->cond[tm->idx]
                : tm->kind == T_STANDS ? k->c->stands[tm->idx]
                                       : k->c->applies[tm->idx];
    if (v != LX_U)
      continue;
    if (tm->kind == T_COND)
      open_node(k, tm->idx, &open);
    else if (tm->kind != T_STANDS)
      open_applies(k, tm->idx, &open);
    else
      open_stands(k, tm->idx, &open);
  }
  return open & ~k->fixed & ~k->decided;
}

/* ------------------------------------------------------------------ */
/* Candidate values                                                     */
/* ------------------------------------------------------------------ */

static bool elem_on(const dline *l, int e)
{
  return l->bits ? lx_bits_has(l->bits, (unsigned)e) : e == l->code;
}

/* The distinction a known fact draws: its value, or its list. */
static bool fact_line(const lexloci_case *c, int g, dline *l)
{
  if (c->vals[g].state != LX_KNOWN)
    return false;
  if (lx_facts[g].list) {
    l->bits = &c->lists[g];
  } else {
    l->bits = NULL;
    l->code = c->vals[g].v.u.code;
  }
  return true;
}

/* The distinction atom a draws through the values of the fact it tests
   against a constant (a literal, a value, a list, a set) or a known
   fact; *partner is an unknown fact it is compared with instead. */
static bool atom_line(const ck *k, const lx_cond *a, int f, dline *l,
                      int *partner)
{
  const lexloci_case *c = k->c;
  *partner = -1;
  if (a->op == LX_OP_KNOWN || a->op == LX_OP_EMPTY ||
      a->op == LX_OP_IS_NONE || a->op == LX_OP_REGIME_IN)
    return false;
  if (a->fact != f) { /* f is the right-hand side */
    if (fact_line(c, a->fact, l))
      return true;
    *partner = a->fact;
    return false;
  }
  switch (a->rhs) {
  case LX_RHS_LIT:
    l->bits = NULL;
    l->code = a->lit.u.code;
    return true;
  case LX_RHS_VALUE:
    l->bits = NULL;
    l->code = c->value_overridden[a->ref] ? c->value_override[a->ref].u.code
                                          : k->rs->values[a->ref].v.u.code;
    return true;
  case LX_RHS_BITS:
    l->bits = &k->rs->bitlits[a->ref];
    return true;
  case LX_RHS_SET:
    l->bits = c->setbits[a->ref];
    return true;
  case LX_RHS_FACT:
    if (fact_line(c, (int)a->ref, l))
      return true;
    *partner = (int)a->ref;
    return false;
  default:
    return false;
  }
}

/* The lines drawn through fact f by the atoms in scope, and through any
   unknown fact it is compared with: an element must then also be told
   apart by how that fact's own conditions treat it, or the class chosen
   for f might suit no value of its partner. */
static size_t lines_of(const ck *k, int f, dline *out, size_t cap)
{
  const lexloci_ruleset *rs = k->rs;
  size_t n = 0;
  uint64_t partners = 0;
  for (size_t i = 0; i < rs->fact_natoms[f] && n < cap; i++) {
    uint32_t at = rs->fact_atoms[f][i];
    int p;
    if (k->scope[at] && atom_line(k, &rs->conds[at], f, &out[n], &p))
      n++;
    else if (k->scope[at] && p >= 0 && p != f)
      partners |= (uint64_t)1 << p;
  }
  for (int g = 0; g < lx_nfacts; g++) {
    if (!(partners >> g & 1))
      continue;
    for (size_t i = 0; i < rs->fact_natoms[g] && n < cap; i++) {
      uint32_t at = rs->fact_atoms[g][i];
      int p;
      if (k->scope[at] && atom_line(k, &rs->conds[at], g, &out[n], &p))
        n++;
    }
  }
  return n;
}

/* Groups the elements of a country or enumerated fact into classes that
   every line treats alike: one representative each in out->reps, and
   when members is not NULL each class's elements. */
static void classes(ck *k, int f, cands *out, lx_bits *members)
{
  const lx_factdef *fd = &lx_facts[f];
  enum { MAX_LINES = 512 };
  dline lines[MAX_LINES];
  size_t nl = lines_of(k, f, lines, MAX_LINES);
  bool whole = nl < MAX_LINES; /* else some lines are missing: no classes */
  int nelem = fd->base == LX_COUNTRY ? k->ncountries
                                     : lx_domains[fd->domain].n;
  out->nreps = 0;
  for (int i = 0; i < nelem; i++) {
    int e = fd->base == LX_COUNTRY ? k->countries[i] : i;
    int cls = whole ? 0 : out->nreps;
    for (; cls < out->nreps; cls++) {
      size_t j = 0;
      while (j < nl && elem_on(&lines[j], e) ==
                           elem_on(&lines[j], out->reps[cls]))
        j++;
      if (j == nl)
        break;
    }
    if (cls == out->nreps) {
      if (out->nreps == MAX_CLASSES)
        continue; /* cannot happen: there are fewer countries */
      if (members)
        lx_bits_clear(&members[cls]);
      out->reps[out->nreps++] = e;
    }
    if (members)
      lx_bits_set(&members[cls], (unsigned)e);
  }
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Numbers and dates: at, between and beyond the thresholds compared. */
static void numbers(ck *k, int f, cands *out)
{
  const lexloci_ruleset *rs = k->rs;
  const lexloci_case *c = k->c;
  double t[32];
  size_t nt = 0;
  bool date = lx_facts[f].base == LX_DATE;
  for (size_t i = 0; i < rs->fact_natoms[f] && nt < 32; i++) {
    uint32_t at = rs->fact_atoms[f][i];
    const lx_cond *a = &rs->conds[at];
    if (!k->scope[at] || !(a->op == LX_OP_IS || (a->op >= LX_OP_LT &&
                                                  a->op <= LX_OP_GE)))
      continue;
    const lx_scalar *s = NULL;
    int other = a->fact == f ? (a->rhs == LX_RHS_FACT ? (int)a->ref : -1)
                             : a->fact;
    if (a->fact == f && a->rhs == LX_RHS_LIT)
      s = &a->lit;
    else if (a->fact == f && a->rhs == LX_RHS_VALUE)
      s = c->value_overridden[a->ref] ? &c->value_override[a->ref]
                                      : &rs->values[a->ref].v;
    else if (other >= 0 && c->vals[other].state == LX_KNOWN)
      s = &c->vals[other].v;
    if (s)
      t[nt++] = date ? s->u.date : s->u.num;
  }
  qsort(t, nt, sizeof *t, cmp_double);
  size_t n = 0;
  out->num[n++] = nt ? t[0] - 1 : 0;
  for (size_t i = 0; i < nt; i++) {
    if (i && t[i] == t[i - 1])
      continue;
    out->num[n++] = t[i];
    double next = i + 1 < nt ? t[i + 1] : t[i] + 2;
    double mid = date ? (double)(int32_t)((t[i] + next) / 2)
                      : (t[i] + next) / 2;
    if (mid != t[i] && mid != next)
      out->num[n++] = mid;
  }
  out->num[n++] = nt ? t[nt - 1] + 1 : 1;
  out->n = n;
}

/* `X is unknown` can hold only where a case may leave X out: not for a
   required fact, nor for one with a default. A case leaving X out is
   tried only where a condition asks for that: where conditions ask only
   `X is known`, a case giving X meets or fails them at least as well,
   unless a rule's other conditions on X hold for every value of X. */
static bool may_be_unknown(const ck *k, int f)
{
  return (k->ufacts >> f & 1) && !lx_facts[f].required &&
         lx_facts[f].def == LX_NODEFAULT && f != LX_F_ADDRESSEE_STATE;
}

static void candidates(ck *k, int f, cands *out)
{
  const lx_factdef *fd = &lx_facts[f];
  out->kind = K_NONE;
  out->n = 0;
  out->nreps = 0;
  out->with_null = false;
  out->with_unknown = false;
  if (f == LX_F_CATEGORIES) {
    out->kind = K_CATS;
    out->n = (size_t)__builtin_popcount(k->cats);
    return;
  }
  switch (fd->base) {
  case LX_BOOL:
    out->kind = fd->list ? K_NONE : K_BOOL;
    out->n = 2;
    break;
  case LX_NUMBER:
  case LX_DATE:
    out->kind = K_NUM;
    numbers(k, f, out);
    break;
  case LX_COUNTRY:
  case LX_ENUM:
    classes(k, f, out, NULL);
    if (fd->list) {
      /* Decided class by class (branch_list): one step stands for all. */
      out->kind = out->nreps <= MAX_LIST_CLASSES ? K_LIST : K_NONE;
      out->n = 1;
    } else {
      out->kind = K_SCALAR;
      out->with_null = fd->nullable;
      out->n = (size_t)out->nreps + out->with_null;
    }
    break;
  default:
    break; /* text: no value can be made up for a pattern */
  }
  if (out->kind == K_NONE) {
    out->n = 0;
    return;
  }
  out->with_unknown = may_be_unknown(k, f);
  out->n += out->with_unknown;
}

static void assign(ck *k, int f, const cands *cd, size_t i)
{
  lexloci_case *c = k->c;
  clear_fact(c, f);
  if (cd->with_unknown && i == cd->n - 1)
    return; /* left out of the case */
  lx_fval *v = &c->vals[f];
  v->state = LX_KNOWN;
  switch (cd->kind) {
  case K_BOOL:
    v->v.u.b = i == 1;
    break;
  case K_NUM:
    if (lx_facts[f].base == LX_DATE)
      v->v.u.date = (int32_t)cd->num[i];
    else
      v->v.u.num = cd->num[i];
    break;
  case K_SCALAR:
    if ((int)i == cd->nreps)
      v->state = LX_NULL;
    else
      v->v.u.code = cd->reps[i];
    break;
  case K_CATS: {
    unsigned m = k->cats;
    for (size_t j = 0; j < i; j++)
      m &= m - 1;
    lx_bits_set(&c->lists[f], (unsigned)__builtin_ctz(m));
    break;
  }
  default:
    break;
  }
}

/* Cheapest first: a question prunes fastest on the facts with fewest
   values; lists, tried as subsets, come last. */
static int cost(int f)
{
  const lx_factdef *fd = &lx_facts[f];
  if (f == LX_F_CATEGORIES)
    return 1;
  if (fd->list)
    return fd->base == LX_ENUM ? 5 : 6;
  switch (fd->base) {
  case LX_BOOL: return 0;
  case LX_ENUM: return 2;
  case LX_COUNTRY: return 3;
  case LX_NUMBER:
  case LX_DATE: return 4;
  default: return 9;
  }
}

/* ------------------------------------------------------------------ */
/* Search                                                               */
/* ------------------------------------------------------------------ */

static int solve(ck *k);

/* Decides, class after class, whether list f holds an element of it,
   evaluating after each answer: a list of n classes costs far fewer than
   2^n passes when early answers already settle the goal. While classes
   remain undecided the list is known in part (LX_PARTIAL), which the
   evaluator reads in three values; `is known` is false of it, so the
   goal prunes only once the list is whole when an `is known` reads it. */
static int list_step(ck *k, int f, const cands *cd, const lx_bits *members,
                     int i)
{
  lexloci_case *c = k->c;
  if (i == cd->nreps) {
    c->vals[f].state = LX_KNOWN;
    int r = solve(k);
    if (r != FOUND)
      c->vals[f].state = LX_PARTIAL;
    return r;
  }
  int result = NONE;
  for (int in = 0; in < 2 && !k->exhausted; in++) {
    lx_bits saved = c->absent[f];
    if (in) {
      lx_bits_set(&c->lists[f], (unsigned)cd->reps[i]);
    } else {
      for (int w = 0; w < LX_BITS_WORDS; w++)
        c->absent[f].w[w] |= members[i].w[w];
    }
    int r;
    if (k->kfacts >> f & 1) {
      r = list_step(k, f, cd, members, i + 1);
    } else if (++k->passes > LX_MAX_CHECK_PASSES) {
      k->exhausted = true;
      r = OPEN;
    } else {
      lx_eval_pass(c);
      uint8_t g = goal(k);
      if (g == LX_T) {
        c->vals[f].state = LX_KNOWN; /* the classes left out: absent */
        return FOUND;
      }
      r = g == LX_F ? NONE : list_step(k, f, cd, members, i + 1);
    }
    if (r == FOUND)
      return FOUND;
    if (r == OPEN)
      result = OPEN;
    c->absent[f] = saved;
    lx_bits_reset(&c->lists[f], (unsigned)cd->reps[i]);
  }
  return k->exhausted ? OPEN : result;
}

static int branch_list(ck *k, int f, const cands *cd0)
{
  const lx_mem *m = &k->rs->mem;
  lx_bits *members = lx_malloc(m, MAX_CLASSES * sizeof *members);
  if (!members) {
    k->oom = k->exhausted = true;
    return OPEN;
  }
  cands cd = *cd0;
  classes(k, f, &cd, members);
  k->decided |= (uint64_t)1 << f;
  clear_fact(k->c, f);
  k->c->vals[f].state = LX_PARTIAL;
  int r = list_step(k, f, &cd, members, 0);
  if (r != FOUND && cd.with_unknown && !k->exhausted) {
    clear_fact(k->c, f);
    int u = solve(k);
    r = u == FOUND ? FOUND : (u == OPEN || r == OPEN) ? OPEN : NONE;
  }
  if (r != FOUND) {
    clear_fact(k->c, f);
    k->decided &= ~((uint64_t)1 << f);
  }
  lx_free(m, members, MAX_CLASSES * sizeof *members);
  return r;
}

static int branch(ck *k, int f, const cands *cd)
{
  if (cd->kind == K_LIST)
    return branch_list(k, f, cd);
  k->decided |= (uint64_t)1 << f;
  int result = NONE;
  for (size_t i = 0; i < cd->n && !k->exhausted; i++) {
    assign(k, f, cd, i);
    int r = solve(k);
    if (r == FOUND)
      return FOUND; /* the case keeps the values found */
    if (r == OPEN)
      result = OPEN;
  }
  clear_fact(k->c, f);
  k->decided &= ~((uint64_t)1 << f);
  return k->exhausted ? OPEN : result;
}

static int solve(ck *k)
{
  cands cd;
  /* `is known` is false of an undecided fact, not unknown: decide the
     facts such atoms test before a false goal may prune. */
  uint64_t kf = k->kfacts & ~k->decided & ~k->fixed;
  for (int f = 0; kf && f < lx_nfacts; f++)
    if (kf >> f & 1) {
      candidates(k, f, &cd);
      return cd.n ? branch(k, f, &cd) : OPEN;
    }
  if (++k->passes > LX_MAX_CHECK_PASSES) {
    k->exhausted = true;
    return OPEN;
  }
  lx_eval_pass(k->c);
  uint8_t g = goal(k);
  if (g != LX_U)
    return g == LX_T ? FOUND : NONE;
  /* Branch on the cheapest fact that can be tried, among those the
     terms' own rules read first, then those their defeaters read. */
  /* Most read first (fail first: the facts most conditions turn on),
     cheapest among equals. */
  for (int tier = 0; tier < 2; tier++) {
    uint64_t open = open_facts(k, tier == 0);
    while (open) {
      int best = -1;
      for (int f = 0; f < lx_nfacts; f++)
        if ((open >> f & 1) &&
            (best < 0 || k->reads[f] > k->reads[best] ||
             (k->reads[f] == k->reads[best] && cost(f) < cost(best))))
          best = f;
      open &= ~((uint64_t)1 << best);
      candidates(k, best, &cd);
      if (cd.n)
        return branch(k, best, &cd);
    }
  }
  return OPEN;
}

/* Asks the question set in k->terms on date. */
static int ask_on(ck *k, int32_t date)
{
  start(k, date);
  k->decided = 0;
  return solve(k);
}

/* Asks the question on every period whose date lies in [lo, hi]; stops
   at the first case found (left in k->c). */
static int ask(ck *k, int32_t lo, int32_t hi)
{
  set_scope(k);
  k->passes = 0;
  k->exhausted = false;
  int result = NONE;
  for (size_t d = 0; d < k->ndates; d++) {
    if (k->dates[d] < lo || k->dates[d] > hi)
      continue;
    int r = ask_on(k, k->dates[d]);
    if (r == FOUND)
      return FOUND;
    if (r == OPEN)
      result = OPEN;
    if (k->exhausted)
      break;
  }
  if (result == OPEN)
    k->out->open++;
  return result;
}

static void terms1(ck *k, term_kind kind, uint32_t idx)
{
  k->nterms = 1;
  k->terms[0].kind = (uint8_t)kind;
  k->terms[0].idx = idx;
}

static void terms2(ck *k, term_kind ka, uint32_t a, term_kind kb,
                   uint32_t b)
{
  terms1(k, ka, a);
  k->nterms = 2;
  k->terms[1].kind = (uint8_t)kb;
  k->terms[1].idx = b;
}

/* ------------------------------------------------------------------ */
/* Example cases                                                        */
/* ------------------------------------------------------------------ */

/* Fills what lexloci_eval requires with any value: the facts the
   question did not decide cannot change its answer. */
static void fill_required(ck *k)
{
  lexloci_case *c = k->c;
  if (c->vals[LX_F_ISSUING_STATE].state != LX_KNOWN) {
    c->vals[LX_F_ISSUING_STATE].state = LX_KNOWN;
    c->vals[LX_F_ISSUING_STATE].v.u.code = lx_country_index("US", 2);
  }
  if (c->vals[LX_F_INSTRUMENT].state != LX_KNOWN) {
    c->vals[LX_F_INSTRUMENT].state = LX_KNOWN;
    c->vals[LX_F_INSTRUMENT].v.u.code = 0;
  }
  if (c->vals[LX_F_CATEGORIES].state != LX_KNOWN) {
    c->vals[LX_F_CATEGORIES].state = LX_KNOWN;
    lx_bits_set(&c->lists[LX_F_CATEGORIES],
                (unsigned)__builtin_ctz(k->cats));
  }
  if (c->vals[LX_F_LOCATIONS].state != LX_KNOWN) {
    c->vals[LX_F_LOCATIONS].state = LX_KNOWN;
    lx_bits_set(&c->lists[LX_F_LOCATIONS],
                (unsigned)c->vals[LX_F_ISSUING_STATE].v.u.code);
  }
}

/* The case in k->c as a case file (case.md), nested maps and all. */
static void yaml_case(const ck *k, lx_out *o)
{
  const char *prev = "";
  lx_out_str(o, "lexloci: 1\n");
  for (int f = 0; f < lx_nfacts; f++) {
    if (k->c->vals[f].state == LX_UNKNOWN)
      continue;
    const char *path = lx_facts[f].path;
    /* Open the maps this path enters that the previous one was not in. */
    size_t common = 0;
    for (size_t i = 0; path[i] && path[i] == prev[i]; i++)
      if (path[i] == '.')
        common = i + 1;
    int depth = 0;
    for (size_t i = 0; i < common; i++)
      depth += path[i] == '.';
    for (const char *p = path + common, *dot; (dot = strchr(p, '.'));
         p = dot + 1, depth++)
      lx_out_fmt(o, "%*s%.*s:\n", 2 * depth, "", (int)(dot - p), p);
    const char *leaf = strrchr(path, '.') + 1;
    char val[512];
    lexloci_case_fact_text(k->c, f, val, sizeof val);
    lx_out_fmt(o, "%*s%s: %s\n", 2 * depth, "", leaf, val);
    prev = path;
  }
}

static const char *example(ck *k)
{
  fill_required(k);
  lx_out o = {NULL, 0, 0};
  yaml_case(k, &o);
  char *buf = lx_arena_alloc(&k->out->arena, o.len + 1);
  if (!buf) {
    k->oom = true;
    return NULL;
  }
  lx_out w = {buf, o.len + 1, 0};
  yaml_case(k, &w);
  lx_out_end(&w);
  return buf;
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
    issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line, b->col,
          rule->id, "rule '%s' can never apply: '%.100s' never holds, as "
          "set '%s' has no member on any date (a case may assume some)",
          rule->local, text, s->name);
  else
    issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line, b->col,
          rule->id, "rule '%s' can never apply: '%.120s' never holds",
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
    terms1(k, T_COND, kids[j]);
    int r = ask(k, LX_DATE_MIN, LX_DATE_MAX);
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
    int r = ask(k, LX_DATE_MIN, LX_DATE_MAX);
    if (r == OPEN)
      break;
    if (r == NONE)
      bad = j;
  }
  if (bad < 0) {
    issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, rule->line, rule->col,
          rule->id, "rule '%s' can never apply: no case meets all its "
          "conditions", rule->local);
    return;
  }
  const lx_cond *b = &rs->conds[kids[bad]];
  const char *btext = b->shown ? b->shown : b->text;
  for (int i = 0; i < bad; i++) {
    terms2(k, T_COND, kids[i], T_COND, kids[bad]);
    if (ask(k, LX_DATE_MIN, LX_DATE_MAX) == NONE) {
      const lx_cond *a = &rs->conds[kids[i]];
      issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line, b->col,
            rule->id, "rule '%s' can never apply: '%.80s' contradicts "
            "'%.80s'", rule->local, btext, a->shown ? a->shown : a->text);
      return;
    }
  }
  issue(k, LEXLOCI_CHECK_NEVER_APPLIES, rule->file, b->line, b->col,
        rule->id, "rule '%s' can never apply: '%.120s' contradicts the "
        "conditions before it", rule->local, btext);
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
    terms1(k, T_APPLIES, r);
    if (ask(k, rule->from, rule->until) != NONE)
      continue;
    k->dead[r] = 1;
    terms1(k, T_COND, rule->root);
    int any = ask(k, LX_DATE_MIN, LX_DATE_MAX);
    if (any == OPEN)
      continue;
    if (any == NONE) {
      pinpoint(k, rule);
      continue;
    }
    int inforce = ask(k, rule->from, rule->until);
    if (inforce == NONE) {
      char when[64];
      in_force_text(rule, when, sizeof when);
      issue(k, LEXLOCI_CHECK_NOT_IN_FORCE, rule->file, rule->line,
            rule->col, rule->id, "rule '%s' can never apply: its conditions "
            "hold only on dates when it is not in force (%s)", rule->local,
            when);
      continue;
    }
    for (size_t b = 0; b < rule->nbases && inforce == FOUND; b++) {
      terms2(k, T_COND, rule->root, T_APPLIES, rule->bases[b]);
      if (ask(k, rule->from, rule->until) != NONE)
        continue;
      lexloci_issue *is = issue(
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
      terms2(k, T_APPLIES, by, T_APPLIES, of);
      if (ask(k, LX_DATE_MIN, LX_DATE_MAX) != NONE)
        continue;
      lexloci_issue *is = issue(
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
        terms2(k, T_STANDS, a, T_STANDS, b);
        if (ask(k, LX_DATE_MIN, LX_DATE_MAX) != FOUND)
          continue;
        lexloci_issue *is = issue(
            k, LEXLOCI_CHECK_OVERLAP, rb->file, rb->line, rb->col, rb->id,
            "rules '%s' (%s, line %d) and '%s' (%s) can stand on the same "
            "case and neither overrides the other; order them with "
            "overrides or exception_to", ra->local, effect_name(ra->effect),
            ra->line, rb->local, effect_name(rb->effect));
        if (is) {
          is->other = ra->id;
          is->example = example(k);
        }
      }
    }
  }
}

/* ------------------------------------------------------------------ */
/* The coverage grid                                                    */
/* ------------------------------------------------------------------ */

typedef struct sgroup {
  lx_bits members;
  int n, rep;
} sgroup;

/* Issuing states grouped by how every condition on request.issuing_state
   treats them on the grid's date. */
static size_t state_groups(ck *k, sgroup *gs, size_t cap)
{
  const lexloci_ruleset *rs = k->rs;
  memset(k->scope, 1, rs->nconds + 1);
  k->regimes = ~(uint64_t)0;
  start(k, k->out->date);
  enum { MAX_LINES = 1024 };
  dline *lines = lx_malloc(&rs->mem, MAX_LINES * sizeof *lines);
  if (!lines) {
    k->oom = true;
    return 0;
  }
  size_t nl = 0;
  int f = LX_F_ISSUING_STATE;
  for (size_t i = 0; i < rs->fact_natoms[f] && nl < MAX_LINES; i++) {
    int p;
    if (atom_line(k, &rs->conds[rs->fact_atoms[f][i]], f, &lines[nl], &p))
      nl++;
  }
  size_t n = 0;
  for (int i = 0; i < k->ncountries; i++) {
    int e = k->countries[i];
    /* Lines past MAX_LINES were not read: every state its own group. */
    size_t g = nl < MAX_LINES ? 0 : n;
    for (; g < n; g++) {
      size_t j = 0;
      while (j < nl && elem_on(&lines[j], e) == elem_on(&lines[j], gs[g].rep))
        j++;
      if (j == nl)
        break;
    }
    if (g == n) {
      if (n == cap)
        continue; /* cannot happen: cap is the number of codes */
      lx_bits_clear(&gs[n].members);
      gs[n].n = 0;
      gs[n].rep = e;
      n++;
    }
    lx_bits_set(&gs[g].members, (unsigned)e);
    gs[g].n++;
  }
  lx_free(&rs->mem, lines, MAX_LINES * sizeof *lines);
  return n;
}

/* "US" or "IS, LI, NO" for a few states; else the smallest set holding
   them all: "e_evidence_states (26)" when it holds exactly them, "25 of
   e_evidence_states" when it holds others too; "other states (166)". */
static const char *group_name(ck *k, const sgroup *g)
{
  const lexloci_ruleset *rs = k->rs;
  char buf[256];
  size_t len = 0;
  if (g->n <= 4) {
    for (int e = lx_bits_next(&g->members, 0); e >= 0;
         e = lx_bits_next(&g->members, e + 1)) {
      char cc[3];
      lx_country_code(e, cc);
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                              len ? ", " : "", cc);
    }
    return lx_arena_strdup(&k->out->arena, buf);
  }
  int best = -1, bestn = 0;
  for (size_t s = 0; s < rs->nsets; s++) {
    if (rs->sets[s].domain != LX_DOM_NONE)
      continue;
    const lx_bits *b = k->c->setbits[s];
    int n = lx_bits_count(b);
    if (lx_bits_subset(&g->members, b) && (best < 0 || n < bestn)) {
      best = (int)s;
      bestn = n;
    }
  }
  if (best < 0)
    snprintf(buf, sizeof buf, "other states (%d)", g->n);
  else if (bestn == g->n)
    snprintf(buf, sizeof buf, "%s (%d)", rs->sets[best].name, g->n);
  else
    snprintf(buf, sizeof buf, "%d of %s", g->n, rs->sets[best].name);
  return lx_arena_strdup(&k->out->arena, buf);
}

static const char *group_members(ck *k, const sgroup *g)
{
  char *buf = lx_arena_alloc(&k->out->arena, (size_t)g->n * 3 + 1);
  if (!buf)
    return NULL;
  size_t len = 0;
  for (int e = lx_bits_next(&g->members, 0); e >= 0;
       e = lx_bits_next(&g->members, e + 1)) {
    char cc[3];
    lx_country_code(e, cc);
    len += (size_t)sprintf(buf + len, "%s%s", len ? " " : "", cc);
  }
  return buf;
}

/* Groups with few members first, then named sets, then the rest. */
static int group_rank(const sgroup *g)
{
  return g->n <= 4 ? 0 : 1;
}

static unsigned *cell(lexloci_check *out, size_t g, size_t grp, size_t ins,
                      int cat)
{
  return &out->cells[((g * out->ngroups + grp) * out->ninstr + ins) *
                         LEXLOCI_CATEGORY_COUNT + (size_t)cat];
}

/* Which rules of each regime can stand in one cell of the grid. One pass
   settles most rules; the others are asked about one by one. */
static void fill_cell(ck *k, size_t grp, size_t ins, int cat)
{
  const lexloci_ruleset *rs = k->rs;
  lexloci_check *out = k->out;
  k->cats = 1u << cat;
  k->regimes = ~(uint64_t)0;
  start(k, out->date);
  lx_eval_pass(k->c);
  memcpy(k->applies0, k->c->applies, rs->nrules);
  memcpy(k->stands0, k->c->stands, rs->nrules);
  for (size_t g = 0; g < rs->nregimes; g++) {
    const lx_regime *rg = &rs->regimes[g];
    unsigned *m = cell(out, g, grp, ins, cat);
    for (uint32_t r = rg->first; r < rg->first + rg->nrules; r++) {
      lexloci_outcome e = rs->rules[r].effect;
      if (k->applies0[r] == LX_F || (*m >> e & 1))
        continue;
      if (k->stands0[r] == LX_T) {
        *m |= 1u << e;
        continue;
      }
      terms1(k, T_STANDS, r);
      int a = ask(k, out->date, out->date);
      if (a == FOUND)
        *m |= 1u << e;
      else if (a == OPEN)
        *m |= LEXLOCI_CHECK_UNSURE;
    }
  }
}

static const char *cat_list(unsigned cats, char *buf, size_t cap)
{
  size_t len = 0;
  buf[0] = '\0';
  for (int c = 0; c < LEXLOCI_CATEGORY_COUNT; c++)
    if (cats >> c & 1)
      len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                              len ? ", " : "",
                              lexloci_category_name((lexloci_category)c));
  return buf;
}

/* Effects that decide something: not_applicable and info do not. */
#define SUBSTANTIVE                                                       \
  (LX_BIT(LEXLOCI_MUST_DISCLOSE) | LX_BIT(LEXLOCI_MUST_NOT_DISCLOSE) |    \
   LX_BIT(LEXLOCI_MUST_PRESERVE) | LX_BIT(LEXLOCI_MAY_DISCLOSE) |         \
   LX_BIT(LEXLOCI_NOT_COMPELLABLE))

/* A regime claims a demand (an instrument from a group of states) when
   its rules can decide something of it (an effect other than
   not_applicable and info) for some data category. A gap is a category
   of a claimed demand that none of its rules can decide, on any case. */
static void gaps(ck *k, size_t g, size_t grp, size_t ins)
{
  lexloci_check *out = k->out;
  const lx_regime *rg = &k->rs->regimes[g];
  unsigned decided = 0, empty = 0;
  for (int cat = 0; cat < LEXLOCI_CATEGORY_COUNT; cat++) {
    unsigned m = *cell(out, g, grp, ins, cat);
    if (m & SUBSTANTIVE)
      decided |= 1u << cat;
    else if (!(m & LEXLOCI_CHECK_UNSURE))
      empty |= 1u << cat;
  }
  if (!decided || !empty)
    return;
  char has[96], hasnt[96];
  issue(k, LEXLOCI_CHECK_GAP, rg->file, rg->line, rg->col, NULL,
        "regime %s decides a %s issued by %s for %s, but not for %s",
        rg->id, lx_domains[LX_DOM_INSTRUMENT].values[ins], out->gname[grp],
        cat_list(decided, has, sizeof has),
        cat_list(empty, hasnt, sizeof hasnt));
}

static void grid(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  lexloci_check *out = k->out;
  enum { MAX_GROUPS = LX_COUNTRY_SLOTS }; /* a group per state at most */
  sgroup *gs = lx_arena_alloc(&out->arena, MAX_GROUPS * sizeof *gs);
  if (!gs) {
    k->oom = true;
    return;
  }
  size_t n = state_groups(k, gs, MAX_GROUPS);
  /* Stable order: small groups first, each kind by its first member. */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && group_rank(&gs[j - 1]) > group_rank(&gs[j]);
         j--) {
      sgroup t = gs[j];
      gs[j] = gs[j - 1];
      gs[j - 1] = t;
    }
  out->ngroups = n;
  out->ninstr = (size_t)lx_domains[LX_DOM_INSTRUMENT].n;
  out->gname = lx_arena_alloc(&out->arena, (n + 1) * sizeof *out->gname);
  out->gmembers = lx_arena_alloc(&out->arena,
                                 (n + 1) * sizeof *out->gmembers);
  out->cells = lx_arena_alloc(&out->arena,
                              (rs->nregimes * n * out->ninstr + 1) *
                                  LEXLOCI_CATEGORY_COUNT * sizeof(unsigned));
  if (!out->gname || !out->gmembers || !out->cells) {
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    out->gname[i] = group_name(k, &gs[i]);
    out->gmembers[i] = group_members(k, &gs[i]);
    if (!out->gname[i] || !out->gmembers[i]) {
      k->oom = true;
      return;
    }
  }
  for (size_t grp = 0; grp < n; grp++) {
    k->fixed_state = gs[grp].rep;
    for (size_t ins = 0; ins < out->ninstr; ins++) {
      k->fixed_instr = (int)ins;
      k->fixed = (uint64_t)1 << LX_F_DATE | (uint64_t)1 << LX_F_ISSUING_STATE |
                 (uint64_t)1 << LX_F_INSTRUMENT |
                 (uint64_t)1 << LX_F_CATEGORIES;
      for (int cat = 0; cat < LEXLOCI_CATEGORY_COUNT; cat++)
        fill_cell(k, grp, ins, cat);
    }
  }
  for (size_t g = 0; g < rs->nregimes && !k->oom; g++)
    for (size_t grp = 0; grp < n; grp++)
      for (size_t ins = 0; ins < out->ninstr; ins++)
        gaps(k, g, grp, ins);
  k->fixed_state = k->fixed_instr = -1;
  k->fixed = (uint64_t)1 << LX_F_DATE;
  k->cats = (1u << LEXLOCI_CATEGORY_COUNT) - 1;
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
  int32_t *b = breakpoints(&k, &nb, &bcap);
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
    ok = periods(&k, b, nb, out->date);
  }
  lx_free(&rs->mem, b, bcap * sizeof *b);
  if (ok) {
    unused(&k);
    quotes(&k);
    reachability(&k);
    overrides(&k);
    overlaps(&k);
    grid(&k);
    if (out->open)
      issue(&k, LEXLOCI_CHECK_INCOMPLETE, NULL, 0, 0, NULL,
            "%zu question%s could not be settled (a pattern on a text "
            "fact, or more than %d evaluations); nothing is reported about "
            "them", out->open, out->open == 1 ? "" : "s",
            LX_MAX_CHECK_PASSES);
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

int lexloci_check_date(const lexloci_check *out)
{
  return out ? out->date : 0;
}

size_t lexloci_check_group_count(const lexloci_check *out)
{
  return out ? out->ngroups : 0;
}

const char *lexloci_check_group_name(const lexloci_check *out, size_t g)
{
  return out && g < out->ngroups ? out->gname[g] : NULL;
}

const char *lexloci_check_group_members(const lexloci_check *out, size_t g)
{
  return out && g < out->ngroups ? out->gmembers[g] : NULL;
}

unsigned lexloci_check_coverage(const lexloci_check *out, size_t regime,
                                size_t group, size_t instrument,
                                lexloci_category cat)
{
  if (!out || !out->cells || regime >= out->rs->nregimes ||
      group >= out->ngroups || instrument >= out->ninstr ||
      (unsigned)cat >= LEXLOCI_CATEGORY_COUNT)
    return 0;
  return *cell((lexloci_check *)out, regime, group, instrument, (int)cat);
}
