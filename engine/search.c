/*
** search.c: deciding what unknown facts leave open. A three-valued pass
** says when an outcome is unsettled; this file then tries the values the
** unknown facts could take, one fact at a time, to find the outcomes (or
** verdicts) that are really possible, and which facts could change them:
** verdict.md's `undetermined` and `missing`.
**
** A fact's candidate values are chosen so that every distinction a rule
** makes is tried once: countries and enumerated values are grouped by how
** every atom that reads the fact treats them, numbers are tried at, between
** and beyond the thresholds rules compare them with. The search is bounded
** by LX_MAX_SEARCH_PASSES; past it, answers err towards "undetermined".
*/
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "eval.h"
#include "search.h"

#define MAX_NUM_CANDS 65   /* 32 thresholds, between and around them */
#define MAX_LIST_CLASSES 10

typedef enum cand_kind {
  C_NONE, C_BOOL, C_NUMBER, C_SCALAR, C_LIST
} cand_kind;

typedef struct cands {
  cand_kind kind;
  size_t n;                         /* candidates */
  double num[MAX_NUM_CANDS];
  uint16_t code[LX_MAX_CANDIDATES]; /* scalars; lists: class reps */
  int nreps;
  bool with_null;
  bool coupled;                     /* depends on another unknown fact */
} cands;

/* ------------------------------------------------------------------ */
/* Which facts are open                                                 */
/* ------------------------------------------------------------------ */

/* Regimes that matter to a target: all (verdict), or one and those whose
   outcomes it reads, transitively. */
static uint64_t relevant(const lexloci_ruleset *rs, int target)
{
  if (target < 0)
    return rs->nregimes >= 64 ? ~(uint64_t)0
                              : (((uint64_t)1 << rs->nregimes) - 1);
  uint64_t seen = (uint64_t)1 << target, grown = 1;
  while (grown) {
    grown = 0;
    for (size_t g = 0; g < rs->nregimes; g++) {
      if (!(seen >> g & 1))
        continue;
      for (size_t k = 0; k < rs->regimes[g].nreads; k++) {
        uint64_t bit = (uint64_t)1 << rs->regimes[g].reads[k];
        if (!(seen & bit)) {
          seen |= bit;
          grown = 1;
        }
      }
    }
  }
  return seen;
}

/* An unknown fact read by an unknown atom; a defaulted addressee is really
   the fact it is derived from. */
static int source_fact(const lexloci_case *c, int f)
{
  if (f == LX_F_ADDRESSEE_STATE && !c->addressee_explicit) {
    const lx_fval *ins = &c->vals[LX_F_INSTRUMENT];
    bool eu = ins->state == LX_KNOWN &&
              (ins->v.u.code == LX_I_EPO || ins->v.u.code == LX_I_EPRO);
    return eu ? LX_F_LEGAL_REP : LX_F_HEADQUARTERS;
  }
  return f;
}

uint64_t lx_search_open_facts(const lexloci_case *c, int target)
{
  const lexloci_ruleset *rs = c->rs;
  uint64_t regimes = relevant(rs, target), facts = 0;
  for (size_t g = 0; g < rs->nregimes; g++) {
    if (!(regimes >> g & 1))
      continue;
    const lx_regime *rg = &rs->regimes[g];
    for (size_t k = 0; k < rg->nrules; k++) {
      const lx_rule *rule = &rs->rules[rg->first + k];
      if (c->applies[rg->first + k] != LX_U &&
          c->stands[rg->first + k] != LX_U)
        continue;
      for (uint32_t i = rule->root; i < rs->conds[rule->root].end; i++) {
        const lx_cond *a = &rs->conds[i];
        if (a->kind != LX_C_ATOM || a->op == LX_OP_REGIME_IN ||
            c->cond[i] != LX_U)
          continue;
        int fs[2] = {a->fact, a->rhs == LX_RHS_FACT ? (int)a->ref : -1};
        for (int j = 0; j < 2; j++) {
          if (fs[j] < 0)
            continue;
          int src = source_fact(c, fs[j]);
          if (c->vals[src].state == LX_UNKNOWN)
            facts |= (uint64_t)1 << src;
        }
      }
    }
  }
  return facts;
}

/* ------------------------------------------------------------------ */
/* Candidate values                                                     */
/* ------------------------------------------------------------------ */

static const lx_scalar *value_of(const lexloci_case *c, uint32_t v)
{
  return c->value_overridden[v] ? &c->value_override[v]
                                : &c->rs->values[v].v;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void number_cands(const lexloci_case *c, int f, cands *out)
{
  const lexloci_ruleset *rs = c->rs;
  double t[32];
  size_t nt = 0;
  for (size_t k = 0; k < rs->fact_natoms[f] && nt < 32; k++) {
    const lx_cond *a = &rs->conds[rs->fact_atoms[f][k]];
    if (a->op < LX_OP_LT || a->op > LX_OP_GE) {
      if (a->op == LX_OP_IS && a->rhs == LX_RHS_LIT)
        t[nt++] = lx_facts[f].base == LX_DATE ? a->lit.u.date
                                              : a->lit.u.num;
      continue;
    }
    const lx_scalar *s = NULL;
    int other = a->fact == f ? (a->rhs == LX_RHS_FACT ? (int)a->ref : -1)
                             : a->fact;
    if (a->fact == f && a->rhs == LX_RHS_LIT)
      s = &a->lit;
    else if (a->fact == f && a->rhs == LX_RHS_VALUE)
      s = value_of(c, a->ref);
    else if (other >= 0 && c->vals[other].state == LX_KNOWN)
      s = &c->vals[other].v;
    else if (other >= 0)
      out->coupled = true;
    if (s)
      t[nt++] = lx_facts[f].base == LX_DATE ? s->u.date : s->u.num;
  }
  qsort(t, nt, sizeof *t, cmp_double);
  size_t n = 0;
  if (nt == 0) {
    out->num[n++] = 0;
  } else {
    out->num[n++] = t[0] - 1;
    for (size_t i = 0; i < nt; i++) {
      if (i && t[i] == t[i - 1])
        continue;
      out->num[n++] = t[i];
      double next = i + 1 < nt ? t[i + 1] : t[i] + 2;
      out->num[n++] = (t[i] + next) / 2;
    }
  }
  out->kind = C_NUMBER;
  out->n = n;
}

/* The bit of a country or enumerated element e under atom a, for fact f;
   -1 when the atom draws no line through f's elements. */
static int element_bit(const lexloci_case *c, const lx_cond *a, int f,
                       int e, bool *coupled)
{
  const lexloci_ruleset *rs = c->rs;
  if (a->op == LX_OP_REGIME_IN || a->op == LX_OP_KNOWN ||
      a->op == LX_OP_IS_NONE || a->op == LX_OP_EMPTY)
    return -1;
  if (a->fact == f) {
    switch (a->rhs) {
    case LX_RHS_LIT:
      return e == a->lit.u.code;
    case LX_RHS_VALUE:
      return e == value_of(c, a->ref)->u.code;
    case LX_RHS_BITS:
      return lx_bits_has(&rs->bitlits[a->ref], (unsigned)e);
    case LX_RHS_SET:
      return lx_bits_has(c->setbits[a->ref], (unsigned)e);
    case LX_RHS_FACT: {
      const lx_fval *o = &c->vals[a->ref];
      if (o->state != LX_KNOWN) {
        *coupled = *coupled || o->state == LX_UNKNOWN;
        return -1;
      }
      return lx_facts[a->ref].list ? lx_bits_has(&c->lists[a->ref],
                                                 (unsigned)e)
                                   : e == o->v.u.code;
    }
    default:
      return -1;
    }
  }
  /* f is the right-hand side: the line is drawn by the left fact. */
  const lx_fval *o = &c->vals[a->fact];
  if (o->state != LX_KNOWN) {
    *coupled = *coupled || o->state == LX_UNKNOWN;
    return -1;
  }
  return lx_facts[a->fact].list ? lx_bits_has(&c->lists[a->fact],
                                              (unsigned)e)
                                : e == o->v.u.code;
}

static void element_cands(const lexloci_case *c, int f, cands *out)
{
  const lexloci_ruleset *rs = c->rs;
  const lx_factdef *fd = &lx_facts[f];
  uint64_t sig[LX_MAX_CANDIDATES];
  size_t nclass = 0;
  bool grouped = rs->fact_natoms[f] <= 64;
  int nelem = fd->base == LX_COUNTRY ? LX_COUNTRY_SLOTS
                                     : lx_domains[fd->domain].n;
  out->kind = fd->list ? C_LIST : C_SCALAR;
  for (int e = 0; e < nelem; e++) {
    if (fd->base == LX_COUNTRY && !lx_country_assigned(e))
      continue;
    uint64_t s = 0;
    for (size_t k = 0; grouped && k < rs->fact_natoms[f]; k++) {
      int bit = element_bit(c, &rs->conds[rs->fact_atoms[f][k]], f, e,
                            &out->coupled);
      if (bit > 0)
        s |= (uint64_t)1 << k;
    }
    size_t i = 0;
    if (grouped && !out->coupled)
      while (i < nclass && sig[i] != s)
        i++;
    else
      i = nclass;
    if (i == nclass) {
      if (nclass == LX_MAX_CANDIDATES) {
        out->kind = C_NONE; /* too many distinctions to try */
        return;
      }
      sig[nclass] = s;
      out->code[nclass++] = (uint16_t)e;
    }
  }
  if (fd->list) {
    if (nclass > MAX_LIST_CLASSES || out->coupled) {
      out->kind = C_NONE;
      return;
    }
    out->nreps = (int)nclass;
    out->n = (size_t)1 << nclass;
  } else {
    out->n = nclass;
    out->with_null = fd->nullable;
    if (out->with_null)
      out->n++;
  }
}

static void candidates(const lexloci_case *c, int f, cands *out)
{
  memset(out, 0, offsetof(cands, num));
  out->nreps = 0;
  out->with_null = false;
  out->coupled = false;
  switch (lx_facts[f].base) {
  case LX_BOOL:
    out->kind = lx_facts[f].list ? C_NONE : C_BOOL;
    out->n = 2;
    break;
  case LX_NUMBER:
  case LX_DATE:
    number_cands(c, f, out);
    break;
  case LX_COUNTRY:
  case LX_ENUM:
    element_cands(c, f, out);
    break;
  default:
    out->kind = C_NONE; /* text: no value can be made up for a pattern */
    break;
  }
}

static void assign(lexloci_case *c, int f, const cands *k, size_t i)
{
  lx_fval *v = &c->vals[f];
  memset(v, 0, sizeof *v);
  v->state = LX_KNOWN;
  switch (k->kind) {
  case C_BOOL:
    v->v.u.b = i == 1;
    break;
  case C_NUMBER:
    if (lx_facts[f].base == LX_DATE)
      v->v.u.date = (int32_t)k->num[i];
    else
      v->v.u.num = k->num[i];
    break;
  case C_SCALAR:
    if (k->with_null && i == k->n - 1)
      v->state = LX_NULL;
    else
      v->v.u.code = k->code[i];
    break;
  case C_LIST:
    lx_bits_clear(&c->lists[f]);
    for (int r = 0; r < k->nreps; r++)
      if (i >> r & 1)
        lx_bits_set(&c->lists[f], k->code[r]);
    break;
  default:
    break;
  }
}

/* ------------------------------------------------------------------ */
/* Search                                                               */
/* ------------------------------------------------------------------ */

static unsigned bound(const lexloci_case *c, int target)
{
  if (target >= 0)
    return c->approx[target];
  return lx_eval_verdicts(c->approx, c->rs->nregimes);
}

static bool single(unsigned m)
{
  return m && (m & (m - 1)) == 0;
}

static int rank(const cands *k)
{
  switch (k->kind) {
  case C_BOOL: return 0;
  case C_SCALAR: return k->coupled ? 4 : 1;
  case C_NUMBER: return k->coupled ? 4 : 2;
  case C_LIST: return 3;
  default: return 9;
  }
}

/* Picks the open fact with the fewest, least entangled candidates. */
static int choose(const lexloci_case *c, uint64_t open, cands *best)
{
  int bf = -1, brank = 9;
  size_t bn = 0;
  cands k;
  for (int f = 0; f < lx_nfacts; f++) {
    if (!(open >> f & 1))
      continue;
    candidates(c, f, &k);
    int r = rank(&k);
    if (r < 9 && (r < brank || (r == brank && k.n < bn))) {
      bf = f;
      brank = r;
      bn = k.n;
      *best = k;
    }
  }
  return bf;
}

static unsigned possible(lexloci_case *c, int target);

static unsigned branch(lexloci_case *c, int target, int f, const cands *k,
                       unsigned limit)
{
  lx_fval saved = c->vals[f];
  lx_bits saved_list = c->lists[f];
  unsigned acc = 0;
  for (size_t i = 0; i < k->n && acc != limit; i++) {
    assign(c, f, k, i);
    acc |= possible(c, target);
  }
  c->vals[f] = saved;
  c->lists[f] = saved_list;
  return acc;
}

static unsigned possible(lexloci_case *c, int target)
{
  lx_eval_pass(c);
  unsigned b = bound(c, target);
  if (single(b))
    return b;
  if (++c->search_passes > LX_MAX_SEARCH_PASSES) {
    c->search_exhausted = true;
    return b;
  }
  cands k;
  int f = choose(c, lx_search_open_facts(c, target), &k);
  if (f < 0)
    return b;
  return branch(c, target, f, &k, b);
}

unsigned lx_search_possible(lexloci_case *c, int target)
{
  return possible(c, target);
}

uint64_t lx_search_missing(lexloci_case *c, int target, unsigned all)
{
  lx_eval_pass(c);
  uint64_t open = lx_search_open_facts(c, target), missing = 0;
  for (int f = 0; f < lx_nfacts; f++) {
    if (!(open >> f & 1))
      continue;
    cands k;
    candidates(c, f, &k);
    if (k.kind == C_NONE) {
      missing |= (uint64_t)1 << f; /* cannot try it: assume it matters */
      continue;
    }
    lx_fval saved = c->vals[f];
    lx_bits saved_list = c->lists[f];
    for (size_t i = 0; i < k.n; i++) {
      assign(c, f, &k, i);
      unsigned p = possible(c, target);
      if (p != all) {
        missing |= (uint64_t)1 << f;
        break;
      }
    }
    c->vals[f] = saved;
    c->lists[f] = saved_list;
  }
  /* Facts that matter only together (neither narrows alone): list all. */
  return missing ? missing : open;
}
