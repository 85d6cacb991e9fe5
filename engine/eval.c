/*
** eval.c: the evaluator. One pass computes, in three-valued (Kleene)
** logic, every condition, whether each rule applies and stands, and each
** regime's outcome. It allocates nothing: all state lives in the case.
*/
#include <string.h>

#include "country.h"
#include "eval.h"
#include "index.h"
#include "xnode.h"

static const uint8_t kand[3][3] = {
  /*        F     T     U  */
  /* F */ {LX_F, LX_F, LX_F},
  /* T */ {LX_F, LX_T, LX_U},
  /* U */ {LX_F, LX_U, LX_U},
};
static const uint8_t kor[3][3] = {
  {LX_F, LX_T, LX_U},
  {LX_T, LX_T, LX_T},
  {LX_U, LX_T, LX_U},
};
static const uint8_t knot[3] = {LX_T, LX_F, LX_U};

/* The interval holding date: the last of starts[0..n) <= date (starts
   ascending, starts[0] LX_DATE_MIN). */
size_t lx_date_interval(const int32_t *starts, size_t n, int32_t date)
{
  size_t lo = 0, hi = n;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (starts[mid] <= date)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

const lx_bits *lx_timeline_at(const lx_timeline *tl, int32_t date)
{
  return &tl->bits[lx_date_interval(tl->starts, tl->n, date)];
}

void lx_eval_prepare(lexloci_case *c)
{
  const lexloci_ruleset *rs = c->rs;
  c->date = c->vals[LX_F_DATE].v.u.date;
  if (rs->nepochs && !c->sets_overridden) {
    size_t e = lx_date_interval(rs->epoch_starts, rs->nepochs, c->date);
    c->setbits = rs->epoch_sets + e * rs->nsets;
    return;
  }
  for (size_t i = 0; i < rs->nsets; i++) {
    const lx_timeline *tl = c->set_override[i] ? c->set_override[i]
                                               : &rs->sets[i].tl;
    c->own_setbits[i] = lx_timeline_at(tl, c->date);
  }
  c->setbits = c->own_setbits;
}

/* ------------------------------------------------------------------ */
/* Atoms                                                                */
/* ------------------------------------------------------------------ */

static const lx_scalar *value_of(const lexloci_case *c, uint32_t v)
{
  return c->value_overridden[v] ? &c->value_override[v]
                                : &c->rs->values[v].v;
}

/* The right-hand scalar; NULL with *st set when unknown or null. */
static const lx_scalar *rhs_scalar(const lexloci_case *c, const lx_cond *a,
                                   uint8_t *st)
{
  *st = LX_KNOWN;
  switch (a->rhs) {
  case LX_RHS_LIT:
    return &a->lit;
  case LX_RHS_VALUE:
    return value_of(c, a->ref);
  case LX_RHS_FACT:
    *st = c->vals[a->ref].state;
    return *st == LX_KNOWN ? &c->vals[a->ref].v : NULL;
  default:
    return NULL;
  }
}

/* The right-hand list; NULL when it is an unknown fact. */
static const lx_bits *rhs_bits(const lexloci_case *c, const lx_cond *a)
{
  switch (a->rhs) {
  case LX_RHS_BITS:
    return &c->rs->bitlits[a->ref];
  case LX_RHS_SET:
    return c->setbits[a->ref];
  case LX_RHS_FACT:
    return c->vals[a->ref].state == LX_KNOWN ? &c->lists[a->ref] : NULL;
  default:
    return NULL;
  }
}

static bool equal(lx_base base, const lx_scalar *x, const lx_scalar *y)
{
  switch (base) {
  case LX_BOOL: return x->u.b == y->u.b;
  case LX_NUMBER: return x->u.num == y->u.num;
  case LX_DATE: return x->u.date == y->u.date;
  case LX_TEXT:
    return x->slen == y->slen && memcmp(x->s, y->s, x->slen) == 0;
  default: return x->u.code == y->u.code;
  }
}

static int compare(lx_base base, const lx_scalar *x, const lx_scalar *y)
{
  if (base == LX_DATE)
    return x->u.date < y->u.date ? -1 : x->u.date > y->u.date;
  return x->u.num < y->u.num ? -1 : x->u.num > y->u.num;
}

static uint8_t truth(bool b)
{
  return b ? LX_T : LX_F;
}

/* Whether comparison op (<, <=, >, >=) holds of a comparison's result. */
static bool holds(lx_op op, int cmp)
{
  return op == LX_OP_LT   ? cmp < 0
         : op == LX_OP_LE ? cmp <= 0
         : op == LX_OP_GT ? cmp > 0
                          : cmp >= 0;
}

/* Every value fact f can take. */
static void universe(int f, lx_bits *u)
{
  if (lx_facts[f].base == LX_COUNTRY) {
    lx_country_universe(u);
    return;
  }
  lx_bits_clear(u);
  for (int i = 0; i < lx_domains[lx_facts[f].domain].n; i++)
    lx_bits_set(u, (unsigned)i);
}

/* Every value of f outside s is ruled out by a. */
static bool outside_ruled_out(int f, const lx_bits *s, const lx_bits *a)
{
  lx_bits u;
  universe(f, &u);
  uint64_t left = 0;
  for (int i = 0; i < LX_BITS_WORDS; i++)
    left |= u.w[i] & ~s->w[i] & ~a->w[i];
  return left == 0;
}

/* An atom over a fact the search knows in part: some values are ruled out
   (absent), and for a list some elements are known to be in it. A partial
   scalar is never null: the search asks "is it null?" first. */
static uint8_t partial_atom(lexloci_case *c, const lx_cond *a)
{
  const lx_bits *absent = &c->absent[a->fact];
  const lx_bits *present = &c->lists[a->fact];
  uint8_t st;
  switch ((lx_op)a->op) {
  case LX_OP_IS_NONE:
    return LX_F;
  case LX_OP_IS:
  case LX_OP_CONTAINS: {
    const lx_scalar *r = rhs_scalar(c, a, &st);
    if (!r)
      return st == LX_NULL ? LX_F : LX_U;
    if (a->op == LX_OP_CONTAINS && lx_bits_has(present, (unsigned)r->u.code))
      return LX_T;
    return lx_bits_has(absent, (unsigned)r->u.code) ? LX_F : LX_U;
  }
  case LX_OP_IN:
  case LX_OP_INTERSECTS: {
    const lx_bits *b = rhs_bits(c, a);
    if (!b)
      return LX_U;
    if (a->op == LX_OP_INTERSECTS && lx_bits_intersects(present, b))
      return LX_T;
    if (lx_bits_subset(b, absent))
      return LX_F;
    if (a->op == LX_OP_IN && outside_ruled_out(a->fact, b, absent))
      return LX_T;
    return LX_U;
  }
  case LX_OP_SUBSET: {
    const lx_bits *b = rhs_bits(c, a);
    if (!b)
      return LX_U;
    if (!lx_bits_subset(present, b))
      return LX_F;
    return outside_ruled_out(a->fact, b, absent) ? LX_T : LX_U;
  }
  case LX_OP_EMPTY: {
    if (!lx_bits_empty(present))
      return LX_F;
    lx_bits none;
    lx_bits_clear(&none);
    return outside_ruled_out(a->fact, &none, absent) ? LX_T : LX_U;
  }
  default:
    return LX_U;
  }
}

static uint8_t atom(lexloci_case *c, const lx_cond *a)
{
  if (a->op == LX_OP_REGIME_IN) {
    lexloci_outcome o = c->outcome[a->fact];
    if (o == LEXLOCI_UNDETERMINED)
      return LX_U;
    return truth((a->ref >> o) & 1);
  }
  const lx_fval *fv = &c->vals[a->fact];
  if (a->op == LX_OP_KNOWN) /* asks the case, not the search's guesses */
    return truth(fv->state != LX_UNKNOWN && fv->state != LX_PARTIAL &&
                 !fv->hypo);
  if (fv->state == LX_UNKNOWN)
    return LX_U;
  if (fv->state == LX_PARTIAL)
    return partial_atom(c, a);
  if (fv->state == LX_NULL)
    return truth(a->op == LX_OP_IS_NONE);
  lx_base base = lx_facts[a->fact].base;
  uint8_t st;
  switch ((lx_op)a->op) {
  case LX_OP_TRUE:
    return truth(fv->v.u.b);
  case LX_OP_IS_NONE:
    return LX_F;
  case LX_OP_IS: {
    const lx_scalar *r = rhs_scalar(c, a, &st);
    if (!r)
      return st == LX_NULL ? LX_F : LX_U;
    return truth(equal(base, &fv->v, r));
  }
  case LX_OP_IN: {
    const lx_bits *b = rhs_bits(c, a);
    return b ? truth(lx_bits_has(b, (unsigned)fv->v.u.code)) : LX_U;
  }
  case LX_OP_CONTAINS: {
    const lx_scalar *r = rhs_scalar(c, a, &st);
    if (!r)
      return st == LX_NULL ? LX_F : LX_U;
    return truth(lx_bits_has(&c->lists[a->fact], (unsigned)r->u.code));
  }
  case LX_OP_INTERSECTS: {
    const lx_bits *b = rhs_bits(c, a);
    return b ? truth(lx_bits_intersects(&c->lists[a->fact], b)) : LX_U;
  }
  case LX_OP_SUBSET: {
    const lx_bits *b = rhs_bits(c, a);
    return b ? truth(lx_bits_subset(&c->lists[a->fact], b)) : LX_U;
  }
  case LX_OP_EMPTY:
    return truth(lx_bits_empty(&c->lists[a->fact]));
  case LX_OP_LT:
  case LX_OP_LE:
  case LX_OP_GT:
  case LX_OP_GE: {
    const lx_scalar *r = rhs_scalar(c, a, &st);
    if (!r)
      return st == LX_NULL ? LX_F : LX_U;
    return truth(holds((lx_op)a->op, compare(base, &fv->v, r)));
  }
  case LX_OP_MATCHES: {
    int rc = pcre2_match(c->rs->regexes[a->ref], (PCRE2_SPTR)fv->v.s,
                         fv->v.slen, 0, 0, c->match, c->mctx);
    if (rc >= 0)
      return LX_T;
    /* A pattern that hits its match or depth limit decides nothing. */
    return rc == PCRE2_ERROR_NOMATCH ? LX_F : LX_U;
  }
  default:
    return LX_U;
  }
}

/* Atom i, compiled to x: for a fact known for certain, its specialised
   test (xnode.c); otherwise, or when it has none, the general atom. */
static inline uint8_t xatom(lexloci_case *c, const lx_xnode *x, uint32_t i)
{
  const lx_fval *fv = &c->vals[x->fact];
  if (x->op == LX_X_GENERIC || fv->state != LX_KNOWN)
    return atom(c, &c->rs->conds[i]);
  /* A country or value `is` a literal, the commonest atom by far: tested
     before the switch's dispatch. */
  if (x->op == LX_X_IS_CODE)
    return truth(fv->v.u.code == (int)x->arg);
  const lexloci_ruleset *rs = c->rs;
  const lx_bits *list = &c->lists[x->fact];
  bool v;
  switch ((lx_xop)x->op) {
  case LX_X_TRUE: v = fv->v.u.b; break;
  case LX_X_IS_CODE: v = fv->v.u.code == (int)x->arg; break;
  case LX_X_IS_BOOL: v = fv->v.u.b == (bool)x->arg; break;
  case LX_X_IN_BITS:
    v = lx_bits_has(&rs->bitlits[x->arg], (unsigned)fv->v.u.code);
    break;
  case LX_X_IN_SET:
    v = lx_bits_has(c->setbits[x->arg], (unsigned)fv->v.u.code);
    break;
  case LX_X_HAS_CODE: v = lx_bits_has(list, x->arg); break;
  case LX_X_X_BITS: v = lx_bits_intersects(list, &rs->bitlits[x->arg]); break;
  case LX_X_X_SET: v = lx_bits_intersects(list, c->setbits[x->arg]); break;
  case LX_X_SUB_BITS: v = lx_bits_subset(list, &rs->bitlits[x->arg]); break;
  case LX_X_SUB_SET: v = lx_bits_subset(list, c->setbits[x->arg]); break;
  case LX_X_EMPTY: v = lx_bits_empty(list); break;
  case LX_X_NUM_CMP:
    v = holds((lx_op)x->arg, compare(LX_NUMBER, &fv->v, &rs->conds[i].lit));
    break;
  default: return atom(c, &c->rs->conds[i]);
  }
  return truth(v);
}

uint8_t lx_eval_atom(lexloci_case *c, uint32_t i, bool general)
{
  return general ? atom(c, &c->rs->conds[i])
                 : xatom(c, &c->rs->xnodes[i], i);
}

/* Atom i (x), recorded. Inline where nodes are walked: most nodes are
   atoms, and a call each cost more than the atom. */
static inline uint8_t atom_node(lexloci_case *c, const lx_xnode *x,
                                uint32_t i)
{
  uint8_t v = xatom(c, x, i);
  if (x->neg)
    v = knot[v];
  c->cond[i] = v;
  return v;
}

/* Evaluates node i and its subtree, recording every value. */
static uint8_t node(lexloci_case *c, uint32_t i)
{
  const lx_xnode *xs = c->rs->xnodes, *n = &xs[i];
  if (n->kind == LX_C_ATOM)
    return atom_node(c, n, i);
  uint8_t v = n->kind == LX_C_ANY ? LX_F : LX_T;
  for (uint32_t k = i + 1; k < n->end; k = xs[k].end) {
    uint8_t kv = xs[k].kind == LX_C_ATOM ? atom_node(c, &xs[k], k)
                                         : node(c, k);
    v = n->kind == LX_C_ANY ? kor[v][kv] : kand[v][kv];
  }
  if (n->kind == LX_C_NOT)
    v = knot[v];
  c->cond[i] = v;
  return v;
}

/* ------------------------------------------------------------------ */
/* Regimes                                                              */
/* ------------------------------------------------------------------ */

/* When two findings with different effects stand and no override orders
   them, the stronger wins, prohibitions first (docs/rule-language.md). */
int lx_eval_strength(lexloci_outcome e)
{
  switch (e) {
  case LEXLOCI_MUST_NOT_DISCLOSE: return 6;
  case LEXLOCI_MUST_DISCLOSE: return 5;
  case LEXLOCI_MUST_PRESERVE: return 4;
  case LEXLOCI_MAY_DISCLOSE: return 3;
  case LEXLOCI_NOT_COMPELLABLE: return 2;
  case LEXLOCI_NOT_APPLICABLE: return 1;
  default: return 0;
  }
}

/* The outcome of regime g when nothing is unknown, and a superset of its
   possible outcomes when something is. */
static void settle(lexloci_case *c, const uint32_t *live, size_t nlive,
                   lexloci_outcome *out, unsigned *approx)
{
  const lexloci_ruleset *rs = c->rs;
  int best_t = 0;           /* strongest non-info effect standing for sure */
  lexloci_outcome best_e = LEXLOCI_NOT_APPLICABLE;
  unsigned maybe = 0;       /* non-info effects that may stand */
  bool applies_t = false, applies_u = false, info_t = false;
  bool uncertain = false;
  /* A rule that does not apply neither stands nor leaves anything open:
     only the live rules count. */
  for (size_t k = 0; k < nlive; k++) {
    uint32_t r = live[k];
    lexloci_outcome e = rs->rules[r].effect;
    uint8_t a = c->applies[r], s = c->stands[r];
    applies_t |= a == LX_T;
    applies_u |= a == LX_U;
    if (a == LX_U || s == LX_U)
      uncertain = true;
    if (e == LEXLOCI_INFO) {
      info_t |= s == LX_T;
      continue;
    }
    if (s == LX_T && lx_eval_strength(e) > best_t) {
      best_t = lx_eval_strength(e);
      best_e = e;
    } else if (s == LX_U) {
      maybe |= LX_BIT(e);
    }
  }
  unsigned set = 0;
  if (best_t) {
    set |= LX_BIT(best_e);
    for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++)
      if ((maybe >> o & 1) && lx_eval_strength((lexloci_outcome)o) > best_t)
        set |= LX_BIT(o);
  } else {
    set |= maybe;
    if (applies_t || info_t)
      set |= LX_BIT(LEXLOCI_NOT_COMPELLABLE);
    else {
      set |= LX_BIT(LEXLOCI_NOT_APPLICABLE);
      if (applies_u)
        set |= LX_BIT(LEXLOCI_NOT_COMPELLABLE);
    }
  }
  *approx = set;
  if (!uncertain) {
    *out = best_t ? best_e
           : (applies_t || info_t) ? LEXLOCI_NOT_COMPELLABLE
                                   : LEXLOCI_NOT_APPLICABLE;
  } else if ((set & (set - 1)) == 0) {
    *out = (lexloci_outcome)__builtin_ctz(set);
  } else {
    *out = LEXLOCI_UNDETERMINED;
  }
}

/* Whether rule r applies; records its conditions. */
static uint8_t applies(lexloci_case *c, uint32_t r)
{
  const lx_rule *rule = &c->rs->rules[r];
  uint8_t v = node(c, rule->root);
  if (c->date < rule->from || c->date > rule->until)
    v = LX_F;
  for (size_t b = 0; b < rule->nbases; b++)
    v = kand[v][c->applies[rule->bases[b]]];
  return v;
}

/* The value of node i, stopping each group as soon as it is decided:
   Kleene's `and` and `or` do not depend on the order or on the values
   left out once one is false (true). The atoms it reaches are recorded,
   the groups not. */
static uint8_t quick_node(lexloci_case *c, uint32_t i)
{
  const lx_xnode *xs = c->rs->xnodes, *n = &xs[i];
  if (n->kind == LX_C_ATOM)
    return atom_node(c, n, i);
  bool any = n->kind == LX_C_ANY;
  uint8_t v = any ? LX_F : LX_T, stop = any ? LX_T : LX_F;
  for (uint32_t k = i + 1; k < n->end && v != stop; k = xs[k].end) {
    uint8_t kv = xs[k].kind == LX_C_ATOM ? atom_node(c, &xs[k], k)
                                         : quick_node(c, k);
    v = any ? kor[v][kv] : kand[v][kv];
  }
  return n->kind == LX_C_NOT ? knot[v] : v;
}

/* Child k of an `all` whose value so far, v, is true or unknown: false
   when the child is false, else v and the child (Kleene's `and`, the
   table spelt out: this is the evaluator's hottest step). */
static inline bool quick_and(lexloci_case *c, const lx_xnode *xs, uint32_t k,
                             uint8_t *v)
{
  uint8_t kv = xs[k].kind == LX_C_ATOM ? atom_node(c, &xs[k], k)
                                       : quick_node(c, k);
  if (kv == LX_U)
    *v = LX_U;
  return kv != LX_F;
}

/* Whether rule r applies, for a pass that need not record the conditions
   of a rule that does not apply (no one reads them: the explanation
   recomputes them, search and findings read only rules that may apply).
   So a rule out of force or whose base does not apply is not evaluated,
   and its `when` is first evaluated stopping at the first condition that
   decides each group; only a rule that may apply is evaluated again in
   full, recording every condition. For a rule the index let through,
   its key conditions on facts known for certain hold, and are recorded
   true without evaluating them (KEYS_HOLD: every one of them is on such
   a fact, the lookup found, so none is looked at). */
typedef enum key_trust { KEYS_TESTED, KEYS_HOLD_IF_KNOWN, KEYS_HOLD } key_trust;

static inline uint8_t applies_quick(lexloci_case *c, uint32_t r,
                                    key_trust trust)
{
  const lexloci_ruleset *rs = c->rs;
  const lx_rule *rule = &rs->rules[r];
  if (!rule->standalone) {
    if (c->date < rule->from || c->date > rule->until)
      return LX_F;
    for (size_t b = 0; b < rule->nbases; b++)
      if (c->applies[rule->bases[b]] == LX_F)
        return LX_F;
  }
  const lx_xnode *xs = rs->xnodes, *root = &xs[rule->root];
  uint8_t v;
  if (root->kind == LX_C_ALL) {
    /* In quick order: key conditions last, the index has mostly decided
       them already. Atoms are recorded as they go; groups are evaluated
       quickly, and recorded only when the rule may apply. */
    v = LX_T;
    uint32_t from = rs->qfirst[r], to = rs->qfirst[r + 1];
    uint32_t keys = trust != KEYS_TESTED ? rule->qkeys : to;
    for (uint32_t i = from; i < keys; i++)
      if (!quick_and(c, xs, rs->qorder[i], &v))
        return LX_F;
    if (trust == KEYS_HOLD)
      for (uint32_t i = keys; i < to; i++)
        c->cond[rs->qorder[i]] = LX_T;
    else
      for (uint32_t i = keys; i < to; i++) {
        uint32_t k = rs->qorder[i];
        if (c->vals[xs[k].fact].state == LX_KNOWN)
          c->cond[k] = LX_T;
        else if (!quick_and(c, xs, k, &v))
          return LX_F;
      }
    if (!rule->all_atoms)
      for (uint32_t i = from; i < to; i++)
        if (xs[rs->qorder[i]].kind != LX_C_ATOM)
          node(c, rs->qorder[i]);
    c->cond[rule->root] = v;
  } else if ((v = quick_node(c, rule->root)) == LX_F) {
    return LX_F;
  } else {
    node(c, rule->root); /* it may apply: record every condition */
  }
  if (!rule->standalone)
    for (size_t b = 0; b < rule->nbases; b++)
      v = kand[v][c->applies[rule->bases[b]]];
  return v;
}

/* Sorts the live rules by stand position (few: insertion sort). */
static void by_stand(const lexloci_ruleset *rs, uint32_t *live, size_t n)
{
  for (size_t i = 1; i < n; i++) {
    uint32_t r = live[i], p = rs->stand_pos[r];
    size_t j = i;
    for (; j > 0 && rs->stand_pos[live[j - 1]] > p; j--)
      live[j] = live[j - 1];
    live[j] = r;
  }
}

/* Live rules a pass sorts into stand order; past this it walks the
   regime's stand order instead. */
#define SORT_LIVE_MAX 32

/* One regime: rules that may apply, then standing, then the outcome. A
   rule outside the live list applies and stands false; the lists of the
   previous pass are reset first, so nothing else is ever written.
   Inline: kept out of line, its call per regime costs more than it did
   (callgrind, the bundled set). */
static inline void regime_pass(lexloci_case *c, uint32_t gi, bool indexed)
{
  const lexloci_ruleset *rs = c->rs;
  const lx_regime *g = &rs->regimes[gi];
  uint32_t *live = c->live + g->first;
  for (size_t i = 0; i < c->nlive[gi]; i++)
    c->applies[live[i]] = c->stands[live[i]] = LX_F;
  size_t nl = 0;
  if (indexed && g->index >= 0) {
    bool known;
    size_t n = lx_index_lookup(c, g, c->cand, &known);
    key_trust trust = known ? KEYS_HOLD : KEYS_HOLD_IF_KNOWN;
    for (size_t k = 0; k < n; k++) {
      uint32_t r = g->apply[c->cand[k]];
      uint8_t v = applies_quick(c, r, trust);
      c->applies[r] = v;
      if (v != LX_F)
        live[nl++] = r;
    }
  } else {
    for (size_t k = 0; k < g->nrules; k++) {
      uint32_t r = g->apply[k];
      uint8_t v = indexed ? applies_quick(c, r, KEYS_TESTED) : applies(c, r);
      c->applies[r] = v;
      if (v != LX_F)
        live[nl++] = r;
    }
  }
  /* Defeaters stand (or not) before the rules they defeat; a defeater
     that does not apply stands false already. */
  if (!g->defeasible) {
    for (size_t k = 0; k < nl; k++)
      c->stands[live[k]] = c->applies[live[k]];
  } else if (nl <= SORT_LIVE_MAX) {
    by_stand(rs, live, nl);
    for (size_t k = 0; k < nl; k++) {
      uint32_t r = live[k];
      const lx_rule *rule = &rs->rules[r];
      uint8_t v = c->applies[r];
      for (size_t d = 0; d < rule->ndefeaters; d++)
        v = kand[v][knot[c->stands[rule->defeaters[d]]]];
      c->stands[r] = v;
    }
  } else {
    for (size_t k = 0; k < g->nrules; k++) {
      uint32_t r = g->stand[k];
      const lx_rule *rule = &rs->rules[r];
      uint8_t v = c->applies[r];
      if (v == LX_F)
        continue;
      for (size_t d = 0; d < rule->ndefeaters; d++)
        v = kand[v][knot[c->stands[rule->defeaters[d]]]];
      c->stands[r] = v;
    }
  }
  c->nlive[gi] = (uint32_t)nl;
  settle(c, live, nl, &c->outcome[gi], &c->approx[gi]);
}

static void pass(lexloci_case *c, bool indexed)
{
  const lexloci_ruleset *rs = c->rs;
  lx_case_derive(c);
  for (size_t gi = 0; gi < rs->nregimes; gi++) {
    if (gi < 64 && rs->order[gi] < 64 &&
        !(c->pass_regimes >> rs->order[gi] & 1))
      continue;
    regime_pass(c, rs->order[gi], indexed);
  }
}

void lx_eval_pass(lexloci_case *c)
{
  pass(c, false);
}

void lx_eval_quick(lexloci_case *c)
{
  pass(c, true);
}

void lx_eval_explain(lexloci_case *c, int k)
{
  const lexloci_ruleset *rs = c->rs;
  lx_catresult *cr = &c->cat[k];
  if (cr->explained)
    return;
  /* The state of the category's first pass: its one category, and the
     regime outcomes before the search settled any. */
  lexloci_outcome saved[LX_MAX_REGIMES];
  memcpy(saved, c->outcome, rs->nregimes * sizeof *saved);
  for (size_t g = 0; g < rs->nregimes; g++)
    c->outcome[g] = cr->refined >> g & 1 ? LEXLOCI_UNDETERMINED
                                         : cr->outcome[g];
  lx_bits cats = c->lists[LX_F_CATEGORIES];
  lx_bits_clear(&c->lists[LX_F_CATEGORIES]);
  lx_bits_set(&c->lists[LX_F_CATEGORIES], (unsigned)k);
  uint8_t *work = c->cond;
  c->cond = cr->cond;
  for (size_t r = 0; r < rs->nrules; r++)
    node(c, rs->rules[r].root);
  c->cond = work;
  c->lists[LX_F_CATEGORIES] = cats;
  memcpy(c->outcome, saved, rs->nregimes * sizeof *saved);
  cr->explained = true;
}

lexloci_outcome lx_eval_derive_seen(unsigned seen)
{
  bool md = seen & LX_BIT(LEXLOCI_MUST_DISCLOSE);
  bool mnd = seen & LX_BIT(LEXLOCI_MUST_NOT_DISCLOSE);
  if (md && mnd)
    return LEXLOCI_CONFLICT;
  if (md)
    return LEXLOCI_MUST_DISCLOSE;
  if (mnd)
    return LEXLOCI_MUST_NOT_DISCLOSE;
  if (seen & LX_BIT(LEXLOCI_MUST_PRESERVE))
    return LEXLOCI_MUST_PRESERVE;
  if (seen & LX_BIT(LEXLOCI_MAY_DISCLOSE))
    return LEXLOCI_MAY_DISCLOSE;
  if (seen & LX_BIT(LEXLOCI_NOT_COMPELLABLE))
    return LEXLOCI_NOT_COMPELLABLE;
  return LEXLOCI_NO_APPLICABLE_REGIME;
}

lexloci_outcome lx_eval_derive(const lexloci_outcome *out, size_t n)
{
  unsigned seen = 0;
  for (size_t i = 0; i < n; i++)
    seen |= LX_BIT(out[i]);
  return lx_eval_derive_seen(seen);
}

/* The verdict depends only on which of five effects some regime has:
   fold the regimes' possible outcomes into the reachable combinations. */
unsigned lx_eval_verdicts(const unsigned *possible, size_t n)
{
  static const lexloci_outcome flag_of[5] = {
    LEXLOCI_MUST_DISCLOSE, LEXLOCI_MUST_NOT_DISCLOSE, LEXLOCI_MUST_PRESERVE,
    LEXLOCI_MAY_DISCLOSE, LEXLOCI_NOT_COMPELLABLE};
  /* Every regime settled (the common case): the verdict is derived from
     the outcomes they have, each possible set being a single bit. */
  unsigned seen = 0;
  size_t nset = 0;
  while (nset < n && possible[nset] &&
         (possible[nset] & (possible[nset] - 1)) == 0)
    seen |= possible[nset++];
  if (nset == n)
    return LX_BIT(lx_eval_derive_seen(seen));
  uint32_t states = 1; /* bit s: flag combination s is reachable */
  for (size_t i = 0; i < n; i++) {
    uint32_t next = 0;
    for (int s = 0; s < 32; s++) {
      if (!(states >> s & 1))
        continue;
      for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++) {
        if (!(possible[i] >> o & 1))
          continue;
        int ns = s;
        for (int k = 0; k < 5; k++)
          if (flag_of[k] == (lexloci_outcome)o)
            ns |= 1 << k;
        next |= 1u << ns;
      }
    }
    states = next;
  }
  unsigned verdicts = 0;
  for (int s = 0; s < 32; s++) {
    if (!(states >> s & 1))
      continue;
    lexloci_outcome outs[5];
    size_t k = 0;
    for (int b = 0; b < 5; b++)
      if (s >> b & 1)
        outs[k++] = flag_of[b];
    verdicts |= LX_BIT(lx_eval_derive(outs, k));
  }
  return verdicts;
}
