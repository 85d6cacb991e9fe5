/*
** check_solve.c: the exhaustive search that answers the questions of
** `lexloci check` (check.c, check_grid.c).
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
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "eval.h"
#include "search.h"
#include "verdict.h"

#define MAX_CLASSES 256    /* one per country at most */
#define MAX_LIST_CLASSES 64 /* classes of a list fact, decided one by one */
#define MAX_NUMS 67        /* 32 thresholds, between and around them */

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
int32_t *lx_check_breakpoints(ck *k, size_t *n, size_t *capp)
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
bool lx_check_periods(ck *k, const int32_t *b, size_t nb, int32_t as_of)
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
void lx_check_start(ck *k, int32_t date)
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

bool lx_check_elem_on(const dline *l, int e)
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
bool lx_check_atom_line(const ck *k, const lx_cond *a, int f, dline *l,
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

/* Appends to out[n..cap) the lines the atoms in scope draw through fact
   f; marks in *partners (when not NULL) the facts they compare f with. */
static size_t lines_through(const ck *k, int f, dline *out, size_t n,
                            size_t cap, uint64_t *partners)
{
  const lexloci_ruleset *rs = k->rs;
  for (size_t i = 0; i < rs->fact_natoms[f] && n < cap; i++) {
    uint32_t at = rs->fact_atoms[f][i];
    int p;
    if (!k->scope[at])
      continue;
    if (lx_check_atom_line(k, &rs->conds[at], f, &out[n], &p))
      n++;
    else if (partners && p >= 0 && p != f)
      *partners |= (uint64_t)1 << p;
  }
  return n;
}

/* The lines drawn through fact f by the atoms in scope, and through any
   unknown fact it is compared with: an element must then also be told
   apart by how that fact's own conditions treat it, or the class chosen
   for f might suit no value of its partner. */
static size_t lines_of(const ck *k, int f, dline *out, size_t cap)
{
  uint64_t partners = 0;
  size_t n = lines_through(k, f, out, 0, cap, &partners);
  for (int g = 0; g < lx_nfacts; g++)
    if (partners >> g & 1)
      n = lines_through(k, g, out, n, cap, NULL);
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
      while (j < nl && lx_check_elem_on(&lines[j], e) ==
                           lx_check_elem_on(&lines[j], out->reps[cls]))
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

/* Numbers and dates: at, between and beyond the thresholds compared. */
static void numbers(ck *k, int f, cands *out)
{
  double t[32];
  bool date = lx_facts[f].base == LX_DATE;
  size_t nt = lx_search_thresholds(k->c, f, k->scope, t, 32, NULL);
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
         lx_facts[f].def == LX_NODEFAULT && f != LX_F_ADDRESSEE_STATE &&
         !lx_fact_derived(f);
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
  lx_check_start(k, date);
  k->decided = 0;
  return solve(k);
}

/* Asks the question on every period whose date lies in [lo, hi]; stops
   at the first case found (left in k->c). */
int lx_check_ask(ck *k, int32_t lo, int32_t hi)
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

void lx_check_terms1(ck *k, term_kind kind, uint32_t idx)
{
  k->nterms = 1;
  k->terms[0].kind = (uint8_t)kind;
  k->terms[0].idx = idx;
}

void lx_check_terms2(ck *k, term_kind ka, uint32_t a, term_kind kb,
                     uint32_t b)
{
  lx_check_terms1(k, ka, a);
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
    if (k->c->vals[f].state == LX_UNKNOWN || lx_fact_derived(f))
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

const char *lx_check_example(ck *k)
{
  fill_required(k);
  /* A case gives the demand's categories as request.data_categories. */
  lexloci_case *c = k->c;
  if (c->vals[LX_F_ALL_CATEGORIES].state == LX_KNOWN)
    c->lists[LX_F_CATEGORIES].w[0] |= c->lists[LX_F_ALL_CATEGORIES].w[0];
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
