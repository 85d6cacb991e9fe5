/*
** search.c: deciding what unknown facts leave open. A three-valued pass
** says when an outcome is unsettled; this file then asks questions about
** the unknown facts ("is the target's residence one of these countries?",
** "is the provider present in any of those?"), answers each both ways and
** evaluates again, until every branch is settled. The outcomes (or
** verdicts) reached are the ones really possible; a fact is missing when
** some answer about it narrows them, there or once other facts are
** answered: verdict.md's `undetermined` and `missing`.
**
** Questions are chosen so that every distinction a rule makes is asked
** once: countries and enumerated values are grouped into classes that every
** atom reading the fact treats alike; numbers are tried at, between and
** beyond the thresholds rules compare them with. While a question's answer
** is "no", the fact is known only in part (LX_PARTIAL): eval.c evaluates
** atoms over such facts in three values. The work is bounded by
** LX_MAX_SEARCH_PASSES; past it, answers err towards "undetermined".
*/
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "eval.h"
#include "search.h"

#define MAX_NUM_CANDS 65 /* 32 thresholds, between and around them */
/* Rules of one regime whose relevance is worked out precisely; a larger
   regime treats every open rule as relevant (slower, still right). */
#define LX_MAX_RULES_PER_REGIME_SCRATCH 1024

typedef enum qkind { Q_NONE, Q_BOOL, Q_NUMBER, Q_NULL, Q_CLASS } qkind;

/* A question about one fact, with its possible answers. */
typedef struct question {
  int fact;
  qkind kind;
  size_t n;                  /* answers */
  lx_bits cls;               /* Q_CLASS: the elements of the class asked */
  int rep;                   /* Q_CLASS: one of them */
  bool list;                 /* Q_CLASS: "does the list hold one?" */
  bool coupled;              /* compared with another unknown fact */
  double num[MAX_NUM_CANDS]; /* Q_NUMBER: the values tried; last, so that
                                clearing the fields above stays cheap */
} question;

/* The state of one fact, saved around an answer. */
typedef struct saved {
  lx_fval v;
  lx_bits list, absent;
  bool touched;
} saved;

static void save(const lexloci_case *c, int f, saved *s)
{
  s->v = c->vals[f];
  s->list = c->lists[f];
  s->absent = c->absent[f];
  s->touched = c->touched >> f & 1;
}

static void restore(lexloci_case *c, int f, const saved *s)
{
  c->vals[f] = s->v;
  c->lists[f] = s->list;
  c->absent[f] = s->absent;
  c->touched = (c->touched & ~((uint64_t)1 << f)) |
               (uint64_t)s->touched << f;
}

/* ------------------------------------------------------------------ */
/* Which facts are open                                                 */
/* ------------------------------------------------------------------ */

/* Regimes that matter to a target: all (verdict), or one and those whose
   outcomes it reads, transitively. */
static uint64_t relevant(const lexloci_ruleset *rs, int target)
{
  uint64_t all = rs->nregimes >= 64 ? ~(uint64_t)0
                                    : (((uint64_t)1 << rs->nregimes) - 1);
  if (target < 0)
    return all;
  uint64_t seen = (uint64_t)1 << target;
  for (bool grown = true; grown;) {
    grown = false;
    for (size_t g = 0; g < rs->nregimes; g++) {
      if (!(seen >> g & 1))
        continue;
      for (size_t k = 0; k < rs->regimes[g].nreads; k++) {
        uint64_t bit = (uint64_t)1 << rs->regimes[g].reads[k];
        if (!(seen & bit)) {
          seen |= bit;
          grown = true;
        }
      }
    }
  }
  return seen;
}

/* The fact a question must be about: a defaulted addressee is really the
   fact it is derived from, while that fact is open; derived from nothing
   (no representative designated), it is a question of its own. */
static int source_fact(const lexloci_case *c, int f)
{
  if (f == LX_F_ADDRESSEE_STATE && !c->addressee_explicit &&
      !c->vals[f].hypo) {
    const lx_fval *ins = &c->vals[LX_F_INSTRUMENT];
    bool eu = ins->state == LX_KNOWN &&
              (ins->v.u.code == LX_I_EPO || ins->v.u.code == LX_I_EPRO);
    int src = eu ? LX_F_LEGAL_REP : LX_F_HEADQUARTERS;
    if (c->vals[src].state == LX_UNKNOWN || c->vals[src].state == LX_PARTIAL)
      return src;
  }
  return f;
}

static bool open_state(uint8_t st)
{
  return st == LX_UNKNOWN || st == LX_PARTIAL;
}

/* Marks the rules of regime g whose open status could change its outcome:
   a rule that may stand with an effect stronger than any that surely
   stands; when nothing surely stands, any rule that may apply (it decides
   between not_compellable and not_applicable); and, transitively, the
   defeaters and bases that leave those rules open. */
static void relevant_rules(const lexloci_case *c, const lx_regime *g,
                           bool *mark)
{
  const lexloci_ruleset *rs = c->rs;
  int best = 0;
  bool settled_applies = false;
  for (size_t k = 0; k < g->nrules; k++) {
    uint32_t r = g->first + (uint32_t)k;
    int s = lx_eval_strength(rs->rules[r].effect);
    if (c->stands[r] == LX_T && s > best)
      best = s;
    if (c->applies[r] == LX_T)
      settled_applies = true;
  }
  for (size_t k = 0; k < g->nrules; k++) {
    uint32_t r = g->first + (uint32_t)k;
    bool open = c->applies[r] == LX_U || c->stands[r] == LX_U;
    int s = lx_eval_strength(rs->rules[r].effect);
    mark[k] = open && (s > best || (best == 0 && !settled_applies));
  }
  for (bool grown = true; grown;) {
    grown = false;
    for (size_t k = 0; k < g->nrules; k++) {
      if (!mark[k])
        continue;
      const lx_rule *rule = &rs->rules[g->first + k];
      for (size_t d = 0; d < rule->ndefeaters + rule->nbases; d++) {
        uint32_t o = d < rule->ndefeaters ? rule->defeaters[d]
                                          : rule->bases[d - rule->ndefeaters];
        size_t j = o - g->first;
        if (!mark[j] && (c->applies[o] == LX_U || c->stands[o] == LX_U)) {
          mark[j] = true;
          grown = true;
        }
      }
    }
  }
}

/* Open facts of the relevant rules of the target's open regimes; with
   counts (may be NULL), how many unknown atoms read each. */
static uint64_t open_facts(const lexloci_case *c, int target,
                           uint16_t *counts)
{
  const lexloci_ruleset *rs = c->rs;
  uint64_t regimes = relevant(rs, target), facts = 0;
  bool mark[LX_MAX_RULES_PER_REGIME_SCRATCH];
  for (size_t g = 0; g < rs->nregimes; g++) {
    unsigned a = c->approx[g];
    if (!(regimes >> g & 1) || (a & (a - 1)) == 0)
      continue; /* a settled regime leaves nothing open */
    const lx_regime *rg = &rs->regimes[g];
    bool *m = rg->nrules <= LX_MAX_RULES_PER_REGIME_SCRATCH ? mark : NULL;
    if (m)
      relevant_rules(c, rg, m);
    for (size_t k = 0; k < rg->nrules; k++) {
      uint32_t r = rg->first + (uint32_t)k;
      if (m ? !m[k] : (c->applies[r] != LX_U && c->stands[r] != LX_U))
        continue;
      const lx_rule *rule = &rs->rules[r];
      /* Only atoms under no settled condition: a condition already true
         or false stays so whatever its unknown atoms turn out to be. */
      for (uint32_t i = rule->root, end = rs->conds[rule->root].end;
           i < end;) {
        const lx_cond *at = &rs->conds[i];
        if (c->cond[i] != LX_U) {
          i = at->end;
          continue;
        }
        i++;
        if (at->kind != LX_C_ATOM || at->op == LX_OP_REGIME_IN)
          continue;
        int fs[2] = {at->fact, at->rhs == LX_RHS_FACT ? (int)at->ref : -1};
        for (int j = 0; j < 2; j++) {
          if (fs[j] < 0)
            continue;
          int src = source_fact(c, fs[j]);
          if (open_state(c->vals[src].state)) {
            facts |= (uint64_t)1 << src;
            if (counts && counts[src] < UINT16_MAX)
              counts[src]++;
          }
        }
      }
    }
  }
  return facts;
}

uint64_t lx_search_open_facts(const lexloci_case *c, int target)
{
  return open_facts(c, target, NULL);
}

/* ------------------------------------------------------------------ */
/* Questions                                                            */
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

size_t lx_search_thresholds(const lexloci_case *c, int f,
                            const uint8_t *scope, double *t, size_t cap,
                            bool *coupled)
{
  const lexloci_ruleset *rs = c->rs;
  size_t nt = 0;
  bool date = lx_facts[f].base == LX_DATE;
  for (size_t k = 0; k < rs->fact_natoms[f] && nt < cap; k++) {
    uint32_t at = rs->fact_atoms[f][k];
    const lx_cond *a = &rs->conds[at];
    bool cmp = a->op >= LX_OP_LT && a->op <= LX_OP_GE;
    if ((scope && !scope[at]) || (!cmp && a->op != LX_OP_IS))
      continue;
    const lx_scalar *s = NULL;
    int other = a->fact == f ? (a->rhs == LX_RHS_FACT ? (int)a->ref : -1)
                             : a->fact;
    if (a->fact == f && a->rhs == LX_RHS_LIT)
      s = &a->lit;
    else if (a->fact == f && a->rhs == LX_RHS_VALUE)
      s = value_of(c, a->ref);
    else if (other >= 0 && c->vals[other].state == LX_KNOWN)
      s = &c->vals[other].v;
    else if (other >= 0 && coupled)
      *coupled = true;
    if (s)
      t[nt++] = date ? s->u.date : s->u.num;
  }
  qsort(t, nt, sizeof *t, cmp_double);
  return nt;
}

static void number_question(const lexloci_case *c, int f, question *q)
{
  double t[32];
  bool date = lx_facts[f].base == LX_DATE;
  size_t nt = lx_search_thresholds(c, f, NULL, t, 32, &q->coupled);
  size_t n = 0;
  if (nt == 0)
    q->num[n++] = 0;
  else
    q->num[n++] = t[0] - 1;
  for (size_t i = 0; i < nt; i++) {
    if (i && t[i] == t[i - 1])
      continue;
    double next = i + 1 < nt ? t[i + 1] : t[i] + 2;
    q->num[n++] = t[i];
    q->num[n++] = date ? t[i] + 1 : (t[i] + next) / 2;
  }
  q->kind = Q_NUMBER;
  q->n = n;
}

/* The elements (countries or enumerated values) atom a, reading fact f,
   singles out: the line it draws through f's values, as a reference to a
   set of them or as one of them; none when it draws none. *coupled is set
   when that depends on another unknown fact. */
typedef struct line {
  const lx_bits *bits;       /* a literal list, a set as of the date or a
                                list fact's value; NULL: */
  int code;                  /* one element, or -1: none */
} line;

/* Whether atom i can still tell values apart in this search: its rule is
   in a regime the passes evaluate, and applies at the search's root (see
   search_dead). Values that only atoms out of play tell apart are one
   class: nothing the target reads differs between them. */
static bool in_play(const lexloci_case *c, uint32_t i)
{
  const lexloci_ruleset *rs = c->rs;
  uint32_t r = rs->cond_rule[i];
  int g = rs->rules[r].regime;
  if (g < 64 && !(c->pass_regimes >> g & 1))
    return false;
  return !c->search_dead || c->search_dead[r] != LX_F;
}

static line atom_line(const lexloci_case *c, const lx_cond *a, int f,
                      bool *coupled)
{
  const lexloci_ruleset *rs = c->rs;
  line l = {NULL, -1};
  int code = -1;
  if (a->op == LX_OP_REGIME_IN || a->op == LX_OP_KNOWN ||
      a->op == LX_OP_IS_NONE || a->op == LX_OP_EMPTY)
    return l;
  int other = a->fact == f ? (a->rhs == LX_RHS_FACT ? (int)a->ref : -1)
                           : a->fact;
  /* A defaulted addressee compared with the fact it takes its value from
     (while that fact is open): the two are equal whatever the value, so
     the atom tells no values apart, and is not entangled either. */
  int src = source_fact(c, LX_F_ADDRESSEE_STATE);
  if (src != LX_F_ADDRESSEE_STATE && a->rhs == LX_RHS_FACT &&
      ((a->fact == LX_F_ADDRESSEE_STATE && (int)a->ref == src) ||
       (a->fact == src && a->ref == LX_F_ADDRESSEE_STATE)))
    return l;
  if (a->fact == f && a->rhs != LX_RHS_FACT) {
    switch (a->rhs) {
    case LX_RHS_LIT: code = a->lit.u.code; break;
    case LX_RHS_VALUE: code = value_of(c, a->ref)->u.code; break;
    case LX_RHS_BITS: l.bits = &rs->bitlits[a->ref]; return l;
    case LX_RHS_SET: l.bits = c->setbits[a->ref]; return l;
    default: return l;
    }
  } else if (other >= 0) {
    const lx_fval *o = &c->vals[other];
    if (o->state != LX_KNOWN) {
      *coupled = *coupled || o->state != LX_NULL;
      return l;
    }
    if (lx_facts[other].list) {
      l.bits = &c->lists[other];
      return l;
    }
    code = o->v.u.code;
  }
  if (code >= 0 && code < LX_BITS_WORDS * 64)
    l.code = code;
  return l;
}

static bool line_has(line l, int e)
{
  return l.bits ? lx_bits_has(l.bits, (unsigned)e) : l.code == e;
}

/* Orders the classes: first those most atoms single out (cnt), the class
   no atom singles out (the rest of the world) last. Insertion sort: n is
   small and the order must be deterministic. */
static void by_count(lx_bits *cls, int *reps, int *cnt, int n)
{
  for (int i = 1; i < n; i++) {
    for (int j = i; j > 0 && cnt[j] > cnt[j - 1]; j--) {
      lx_bits tb = cls[j];
      cls[j] = cls[j - 1];
      cls[j - 1] = tb;
      int t = cnt[j];
      cnt[j] = cnt[j - 1];
      cnt[j - 1] = t;
      t = reps[j];
      reps[j] = reps[j - 1];
      reps[j - 1] = t;
    }
  }
}

/* Leaves out the classes a list is known to hold an element of. */
static int undecided(const lexloci_case *c, int f, lx_bits *cls, int *reps,
                     int *cnt, int n)
{
  int k = 0;
  for (int i = 0; i < n; i++)
    if (!lx_bits_intersects(&cls[i], &c->lists[f])) {
      cls[k] = cls[i];
      cnt[k] = cnt[i];
      reps[k++] = reps[i];
    }
  return k;
}

/* Groups the values f can still take into classes that every atom reading
   f treats alike; returns the number of classes, each with its elements
   and a representative. Classes a list is known to hold are left out.
   Returns -1 when there are more than LX_MAX_CANDIDATES. */
static int classes(const lexloci_case *c, int f, lx_bits *cls, int *reps,
                   bool *coupled)
{
  const lexloci_ruleset *rs = c->rs;
  const lx_factdef *fd = &lx_facts[f];
  int cnt[LX_MAX_CANDIDATES];  /* atoms singling each class out */
  int n = 0;
  /* A defaulted addressee takes f's value: atoms reading it draw lines
     through f's values too. */
  int derived = source_fact(c, LX_F_ADDRESSEE_STATE) == f &&
                        f != LX_F_ADDRESSEE_STATE
                    ? LX_F_ADDRESSEE_STATE
                    : -1;
  size_t nown = rs->fact_natoms[f];
  size_t natoms = nown + (derived >= 0 ? rs->fact_natoms[derived] : 0);
  bool grouped = true; /* until more than 64 distinct lines */
  bool partial = c->vals[f].state == LX_PARTIAL;
  int nelem = fd->base == LX_COUNTRY ? LX_COUNTRY_SLOTS
                                     : lx_domains[fd->domain].n;
  *coupled = false;
  lx_bits valid;
  if (fd->base == LX_COUNTRY) {
    lx_country_universe(&valid);
  } else {
    lx_bits_clear(&valid);
    for (int e = 0; e < nelem; e++)
      lx_bits_set(&valid, (unsigned)e);
  }
  if (partial)
    for (int w = 0; w < LX_BITS_WORDS; w++)
      valid.w[w] &= ~c->absent[f].w[w];
  /* Each atom's line through the elements; atoms drawing the same line
     (one set, one literal) are one line, counted as many times. A
     signature has a bit per line: past 64 lines, no grouping. */
  line lines[64];
  int weight[64];
  size_t nlines = 0;
  for (size_t k = 0; grouped && k < natoms; k++) {
    int as = k < nown ? f : derived;
    uint32_t atom = k < nown ? rs->fact_atoms[f][k]
                             : rs->fact_atoms[derived][k - nown];
    if (!in_play(c, atom))
      continue;
    line l = atom_line(c, &rs->conds[atom], as, coupled);
    size_t d = 0;
    while (d < nlines && (lines[d].bits != l.bits || lines[d].code != l.code))
      d++;
    if (d == 64) {
      grouped = false;
      break;
    }
    if (d == nlines) {
      lines[nlines] = l;
      weight[nlines++] = 0;
    }
    weight[d]++;
  }
  if (!grouped || *coupled) {
    /* Every element a class of its own, in order. */
    for (int e = lx_bits_next(&valid, 0); e >= 0 && e < nelem;
         e = lx_bits_next(&valid, e + 1)) {
      if (n == LX_MAX_CANDIDATES)
        return -1;
      cnt[n] = 0;
      for (size_t d = 0; grouped && d < nlines; d++)
        if (line_has(lines[d], e))
          cnt[n] += weight[d];
      reps[n] = e;
      lx_bits_clear(&cls[n]);
      lx_bits_set(&cls[n++], (unsigned)e);
    }
  } else {
    /* Each element's signature, the lines through it, drawn line by line
       over the elements some line singles out (`any`). The elements no
       line singles out form one class, in the place its first element
       gives it. */
    lx_bits any, rest;
    lx_bits_clear(&any);
    for (size_t d = 0; d < nlines; d++) {
      if (lines[d].bits)
        for (int w = 0; w < LX_BITS_WORDS; w++)
          any.w[w] |= lines[d].bits->w[w];
      else if (lines[d].code >= 0)
        lx_bits_set(&any, (unsigned)lines[d].code);
    }
    for (int w = 0; w < LX_BITS_WORDS; w++) {
      rest.w[w] = valid.w[w] & ~any.w[w];
      any.w[w] &= valid.w[w];
    }
    uint64_t sig[LX_BITS_WORDS * 64], csig[LX_MAX_CANDIDATES];
    uint8_t ecnt[LX_BITS_WORDS * 64];
    for (int e = lx_bits_next(&any, 0); e >= 0; e = lx_bits_next(&any, e + 1))
      sig[e] = ecnt[e] = 0;
    for (size_t d = 0; d < nlines; d++) {
      if (!lines[d].bits) {
        int e = lines[d].code;
        if (e >= 0 && lx_bits_has(&any, (unsigned)e)) {
          sig[e] |= (uint64_t)1 << d;
          ecnt[e] = (uint8_t)(ecnt[e] + weight[d]);
        }
        continue;
      }
      for (int w = 0; w < LX_BITS_WORDS; w++)
        for (uint64_t x = lines[d].bits->w[w] & any.w[w]; x; x &= x - 1) {
          int e = w * 64 + __builtin_ctzll(x);
          sig[e] |= (uint64_t)1 << d;
          ecnt[e] = (uint8_t)(ecnt[e] + weight[d]);
        }
    }
    int first_rest = lx_bits_next(&rest, 0);
    for (int e = lx_bits_next(&any, 0);; e = lx_bits_next(&any, e + 1)) {
      if (first_rest >= 0 && (e < 0 || first_rest < e)) {
        if (n == LX_MAX_CANDIDATES)
          return -1;
        csig[n] = 0;
        cnt[n] = 0;
        reps[n] = first_rest;
        cls[n++] = rest;
        first_rest = -1;
      }
      if (e < 0 || e >= nelem)
        break;
      int i = 0;
      while (i < n && csig[i] != sig[e])
        i++;
      if (i == n) {
        if (n == LX_MAX_CANDIDATES)
          return -1;
        csig[n] = sig[e];
        cnt[n] = ecnt[e];
        reps[n] = e;
        lx_bits_clear(&cls[n]);
        n++;
      }
      lx_bits_set(&cls[i], (unsigned)e);
    }
  }
  if (fd->list && partial)
    n = undecided(c, f, cls, reps, cnt, n);
  by_count(cls, reps, cnt, n);
  return n;
}

/* The next question to ask about fact f, in its current state. */
static void question_for(const lexloci_case *c, int f, question *q)
{
  memset(q, 0, offsetof(question, num));
  q->fact = f;
  const lx_factdef *fd = &lx_facts[f];
  switch (fd->base) {
  case LX_BOOL:
    q->kind = Q_BOOL;
    q->n = 2;
    return;
  case LX_NUMBER:
  case LX_DATE:
    number_question(c, f, q);
    return;
  case LX_COUNTRY:
  case LX_ENUM:
    break;
  default:
    q->kind = Q_NONE; /* text: no value can be made up for a pattern */
    return;
  }
  if (fd->nullable && c->vals[f].state == LX_UNKNOWN) {
    q->kind = Q_NULL;
    q->n = 2;
    return;
  }
  lx_bits cls[LX_MAX_CANDIDATES];
  int reps[LX_MAX_CANDIDATES];
  int n = classes(c, f, cls, reps, &q->coupled);
  if (n <= 0)
    return; /* nothing left to ask, or too much */
  q->kind = Q_CLASS;
  q->list = fd->list;
  q->cls = cls[0];
  q->rep = reps[0];
  /* A scalar in the only class left is in it: one answer. */
  q->n = !fd->list && n == 1 ? 1 : 2;
}

/* Whether fact f, in its current state, has a question to ask. */
static bool can_ask(const lexloci_case *c, int f)
{
  question q;
  question_for(c, f, &q);
  return q.kind != Q_NONE;
}

/* Applies answer i (for Q_CLASS: 0 yes, 1 no). */
static void answer(lexloci_case *c, const question *q, size_t i)
{
  int f = q->fact;
  lx_fval *v = &c->vals[f];
  bool was_partial = v->state == LX_PARTIAL;
  c->touched |= (uint64_t)1 << f;
  v->hypo = true;
  v->defaulted = false;
  switch (q->kind) {
  case Q_BOOL:
    v->state = LX_KNOWN;
    v->v.u.b = i == 1;
    break;
  case Q_NUMBER:
    v->state = LX_KNOWN;
    if (lx_facts[f].base == LX_DATE)
      v->v.u.date = (int32_t)q->num[i];
    else
      v->v.u.num = q->num[i];
    break;
  case Q_NULL:
    v->state = i == 0 ? LX_NULL : LX_PARTIAL;
    if (i == 1)
      lx_bits_clear(&c->absent[f]);
    break;
  case Q_CLASS:
    if (!was_partial) {
      lx_bits_clear(&c->absent[f]);
      lx_bits_clear(&c->lists[f]);
    }
    if (i == 0 && !q->list) {
      v->state = LX_KNOWN;
      v->v.u.code = q->rep;
    } else if (i == 0) {
      v->state = LX_PARTIAL;
      lx_bits_set(&c->lists[f], (unsigned)q->rep);
    } else {
      v->state = LX_PARTIAL;
      for (int w = 0; w < LX_BITS_WORDS; w++)
        c->absent[f].w[w] |= q->cls.w[w];
    }
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

static int rank(const question *q)
{
  if (q->kind == Q_NONE)
    return 9;
  if (q->coupled)
    return 5;
  switch (q->kind) {
  case Q_BOOL:
  case Q_NULL: return 0;
  case Q_CLASS: return q->list ? 2 : 1;
  default: return 3;
  }
}

/* Picks the next question: about the open fact that the most unknown
   atoms read (deciding it settles the most), preferring questions with few
   answers that no other unknown fact is entangled with; among equals, the
   first fact. Facts are looked at by descending count, and the look stops
   at the first count where some fact can be asked and is not entangled:
   no fact read less can come first (working out the questions of every
   open fact, at every step, was a third of the search). */
static bool choose(const lexloci_case *c, int target, question *best)
{
  uint16_t counts[LX_MAX_FACTS] = {0};
  uint64_t open = open_facts(c, target, counts);
  int brank = 9, bcount = -1, bfact = -1;
  question q;
  while (open) {
    int top = 0;
    for (int f = 0; f < lx_nfacts; f++)
      if ((open >> f & 1) && counts[f] > top)
        top = counts[f];
    for (int f = 0; f < lx_nfacts; f++) {
      if (!(open >> f & 1) || counts[f] != top)
        continue;
      open &= ~((uint64_t)1 << f);
      question_for(c, f, &q);
      int r = rank(&q);
      if (r == 9)
        continue;
      int n = r == 5 ? 0 : counts[f]; /* entangled facts go last */
      if (n > bcount ||
          (n == bcount &&
           (r < brank ||
            (r == brank && (q.n < best->n || (q.n == best->n &&
                                               f < bfact)))))) {
        brank = r;
        bcount = n;
        bfact = f;
        *best = q;
      }
    }
    if (bcount == top)
      break;
  }
  return brank < 9;
}

/* What the target can be in the current state, as far as it can add to
   `found` (outcomes already shown possible elsewhere: a branch that could
   only reach those is not explored). `limit` is a mask known to hold the
   answer. The result is exact for every outcome not in `found`. */
static unsigned possible_after(lexloci_case *c, int target, unsigned limit,
                               unsigned found);

static unsigned possible(lexloci_case *c, int target, unsigned limit,
                         unsigned found)
{
  lx_eval_quick(c);
  c->search_passes++;
  return possible_after(c, target, limit, found);
}

/* ------------------------------------------------------------------ */
/* Witnesses                                                            */
/* ------------------------------------------------------------------ */

/* While the open facts of one state S are judged, each search below S
   that settles the target on outcome o at a state W is a witness: every
   way of completing W gives o. An answer about a fact f that W leaves as
   it was at S is consistent with W, and adds to it only what some of W's
   completions have: o stays possible after that answer. So an answer
   whose every outcome has a witness leaving its fact alone cannot narrow,
   and is judged without a pass. Facts "touched" are those answered since
   S (c->touched; save and restore keep it). A look below begins its own
   witnesses over those of the state above, which are not consulted again
   (look_at looks below last). */
static void witness_begin(lexloci_case *c, int target, uint64_t *outer)
{
  *outer = c->touched;
  c->touched = 0;
  c->witness.on = true;
  c->witness.target = target;
  memset(c->witness.n, 0, sizeof c->witness.n);
}

static void witness_end(lexloci_case *c, uint64_t outer)
{
  c->witness.on = false;
  c->touched = outer;
}

/* Keeps the facts touched now as a witness of outcome b (one bit) of
   target, while witnesses of target are being kept: in a free place, or
   in place of one touching more facts (fewer serve more answers). */
static void witness_add(lexloci_case *c, int target, unsigned b)
{
  if (!c->witness.on || c->witness.target != target)
    return;
  int o = __builtin_ctz(b);
  uint64_t *w = c->witness.touched[o], t = c->touched;
  uint8_t *n = &c->witness.n[o];
  int worst = -1, most = __builtin_popcountll(t);
  for (int i = 0; i < *n; i++) {
    if ((w[i] & t) == w[i])
      return; /* one touching no other facts is kept already */
    int k = __builtin_popcountll(w[i]);
    if (k > most) {
      most = k;
      worst = i;
    }
  }
  if (*n < LX_WITNESSES)
    w[(*n)++] = t;
  else if (worst >= 0)
    w[worst] = t;
}

/* The outcomes of target with a witness that leaves fact f alone. */
static unsigned witnessed_without(const lexloci_case *c, int target, int f)
{
  if (!c->witness.on || c->witness.target != target)
    return 0;
  unsigned out = 0;
  uint64_t bit = (uint64_t)1 << f;
  for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++)
    for (int i = 0; i < c->witness.n[o]; i++)
      if (!(c->witness.touched[o][i] & bit)) {
        out |= 1u << o;
        break;
      }
  return out;
}

/* possible, once the pass over the current state is done. */
static unsigned possible_after(lexloci_case *c, int target, unsigned limit,
                               unsigned found)
{
  unsigned b = bound(c, target) & limit;
  if (!b)
    b = bound(c, target);
  if (single(b))
    witness_add(c, target, b);
  if (single(b) || (b & ~found) == 0)
    return b;
  if (c->search_passes > LX_MAX_SEARCH_PASSES ||
      c->search_depth >= LX_MAX_SEARCH_DEPTH) {
    c->search_exhausted = true;
    return b;
  }
  question q;
  if (!choose(c, target, &q))
    return b;
  saved s;
  save(c, q.fact, &s);
  unsigned acc = 0;
  c->search_depth++;
  for (size_t i = 0; i < q.n && (b & ~(found | acc)) != 0; i++) {
    answer(c, &q, i);
    acc |= possible(c, target, b, found | acc);
    restore(c, q.fact, &s);
  }
  c->search_depth--;
  return acc;
}

/* Restricts passes to the regimes a target needs. */
static void focus(lexloci_case *c, int target)
{
  c->pass_regimes = target < 0 ? ~(uint64_t)0 : relevant(c->rs, target);
}

/* After a search's first pass, leaves out of the passes below it the
   regimes that pass settled (one possible outcome): answers only add
   facts, and in Kleene's logic a settled regime stays settled, with the
   same outcome; a search reads no more of it than that outcome (open_facts
   passes over settled regimes, a bound reads their outcomes), and that
   stays where the first pass left it. */
static void leave_settled(lexloci_case *c)
{
  const lexloci_ruleset *rs = c->rs;
  for (size_t g = 0; g < rs->nregimes && g < 64; g++)
    if (single(c->approx[g]))
      c->pass_regimes &= ~((uint64_t)1 << g);
}

unsigned lx_search_possible(lexloci_case *c, int target, unsigned limit)
{
  focus(c, target);
  lx_eval_quick(c);
  c->search_passes++;
  leave_settled(c);
  unsigned p = possible_after(c, target, limit, 0);
  focus(c, -1);
  return p;
}

/* The verdict when every regime but one (g) is settled: a function of
   g's outcome, so that what g can be says what the verdict can be. */
typedef struct lone {
  const unsigned *possible;  /* per regime; possible[g] is replaced */
  size_t n;
  int g;
  unsigned verdicts;         /* what the verdict can be now */
} lone;

static unsigned image(const lone *l, unsigned outcomes)
{
  unsigned p[LX_MAX_REGIMES];
  memcpy(p, l->possible, l->n * sizeof *p);
  p[l->g] = outcomes;
  return lx_eval_verdicts(p, l->n);
}

/* What the answers about one fact showed: whether some answer narrows
   what the target can be (`all`), and, with a lone regime as the target,
   what the verdict can be. Each answer is asked only while a question
   wanted is still open. */
typedef struct judge {
  unsigned all;
  const lone *l;             /* NULL: the target alone */
  bool want, want_verdict;
  bool narrows, narrows_verdict;
} judge;

/* Records what the target can be after one answer; true when nothing
   wanted is left open. */
static bool judged(judge *j, unsigned r)
{
  j->narrows |= r != j->all;
  if (j->l && j->want_verdict && !j->narrows_verdict)
    j->narrows_verdict = image(j->l, r) != j->l->verdicts;
  return (j->narrows || !j->want) &&
         (j->narrows_verdict || !j->want_verdict);
}

/* judged() for the state an answer about fact f has just made. Only
   "does it narrow?" is asked, not "to what?": outcomes with a witness
   leaving f alone stay possible; if that leaves none to look for, the
   answer cannot narrow. Else a pass, whose bound often already shows the
   answer narrowing (what is possible after it is within the bound); and
   only when it does not, a search for the outcomes not yet witnessed
   (possible_after is exact outside `found`). c->search_plain (tests)
   judges every answer by a whole search, as the definition says. */
static bool judge_answer(lexloci_case *c, int target, int f, judge *j)
{
  unsigned seen = c->search_plain
                      ? 0
                      : witnessed_without(c, target, f) & j->all;
  if (seen == j->all)
    return judged(j, j->all);
  lx_eval_quick(c);
  c->search_passes++;
  unsigned b = bound(c, target) & j->all;
  if (b && b != j->all && !c->search_plain) {
    if (single(b))
      witness_add(c, target, b);
    j->narrows = true;
    if (j->l && j->want_verdict && !j->narrows_verdict) {
      unsigned v = image(j->l, b);
      /* Fewer verdicts than before, and among them: what the search would
         find is within it too. */
      if ((v & ~j->l->verdicts) == 0 && v != j->l->verdicts)
        j->narrows_verdict = true;
    }
    if (!j->l || !j->want_verdict || j->narrows_verdict)
      return true;
  }
  unsigned r = possible_after(c, target, j->all, seen);
  return judged(j, (r & ~seen) | seen);
}

/* Does some answer about fact f narrow what the target can be? Tries each
   value class of a scalar, each class in and out of a list, each number
   and truth value; j says what is asked and collects the answers. */
static void narrows(lexloci_case *c, int target, int f, judge *j)
{
  saved s;
  save(c, f, &s);
  question q;
  const lx_factdef *fd = &lx_facts[f];
  bool by_class = (fd->base == LX_COUNTRY || fd->base == LX_ENUM) &&
                  !(fd->nullable && c->vals[f].state == LX_UNKNOWN);
  if (by_class) { /* question_for's, without its classes: drawn below */
    memset(&q, 0, offsetof(question, num));
    q.fact = f;
    q.kind = Q_CLASS;
  } else {
    question_for(c, f, &q);
  }
  if (q.kind == Q_NONE) {
    /* cannot be tried: assume it matters */
    j->narrows = j->narrows_verdict = true;
    return;
  }
  bool found = false;
  if (q.kind != Q_CLASS && q.kind != Q_NULL) {
    for (size_t i = 0; i < q.n && !found; i++) {
      answer(c, &q, i);
      found = judge_answer(c, target, f, j);
      restore(c, f, &s);
    }
    return;
  }
  if (q.kind == Q_NULL) {
    answer(c, &q, 0);
    found = judge_answer(c, target, f, j);
    restore(c, f, &s);
    if (found)
      return;
    answer(c, &q, 1); /* not null: ask about its classes below */
  }
  lx_bits cls[LX_MAX_CANDIDATES];
  int reps[LX_MAX_CANDIDATES];
  bool coupled;
  int n = classes(c, f, cls, reps, &coupled);
  if (by_class && n <= 0) {
    /* nothing to ask, or too much: assume it matters */
    j->narrows = j->narrows_verdict = true;
    return;
  }
  saved base;
  save(c, f, &base);
  for (int k = 0; k < n && !found; k++) {
    question one = q;
    one.kind = Q_CLASS;
    one.list = lx_facts[f].list;
    one.cls = cls[k];
    one.rep = reps[k];
    for (size_t i = 0; i < (one.list ? 2u : 1u) && !found; i++) {
      answer(c, &one, i);
      found = judge_answer(c, target, f, j);
      restore(c, f, &base);
    }
  }
  restore(c, f, &s);
  if (n < 0)
    j->narrows = j->narrows_verdict = true;
}

/* ------------------------------------------------------------------ */
/* Missing facts                                                        */
/* ------------------------------------------------------------------ */

/* A fact is missing when the target would differ with its value: when
   there are two ways to complete the case, alike but for that fact, that
   give the target different outcomes. A fact whose answer narrows what
   the target can be is one (narrows()). Not every such fact narrows at
   first sight: with data.personal unknown, the GDPR regime can still be
   anything, so the provider's presence, which decides the Budapest
   regime, narrows nothing; once data.personal is answered "no", it does.
   So the states reached by answering facts already found are looked at
   too, each in turn, for the facts not yet found. That finds them all:
   take a fact that matters and its two witnesses, in a state holding both.
   Either the fact narrows there; or a found fact is answered next, and
   the witnesses, alike but for the fact, go down the same answer; or only
   facts not yet found are open and none narrows alone, and then all of
   them are listed (they matter only together). */
typedef struct missing_search {
  int target;
  uint64_t found;  /* facts shown to matter */
  uint64_t rest;   /* open facts not (yet) shown to matter */
  size_t end;      /* search_passes past which the rest are listed */
} missing_search;

static void look_below(lexloci_case *c, missing_search *m, int next);

/* Looks at a state whose open facts are `open` (some of them in m->rest;
   counts[f]: how many unknown atoms read f) and where the target can be
   any of `all` (more than one): which facts of m->rest narrow; then the
   states below, reached by answering a fact that is found (any such fact
   keeps together two ways of completing the case that differ only in a
   fact not yet found). When only facts not found are open and none
   narrows alone, they matter only together: all are listed. The caller
   keeps the witnesses of this state (a look below keeps its own). */
static void look_at(lexloci_case *c, missing_search *m, unsigned all,
                    uint64_t open, const uint16_t *counts)
{
  int next = -1, known = -1;
  for (int f = 0; f < lx_nfacts; f++) {
    uint64_t bit = (uint64_t)1 << f;
    if (!(open & bit))
      continue;
    /* A fact's question (its classes: not cheap) is worked out only
       where it can choose the fact answered next. */
    if (!(m->rest & bit)) {
      /* Found already: the most read is answered next (it settles most). */
      if ((known < 0 || counts[f] > counts[known]) && can_ask(c, f))
        known = f;
      continue;
    }
    judge j = {all, NULL, true, false, false, false};
    narrows(c, m->target, f, &j);
    if (!j.narrows)
      continue;
    m->found |= bit;
    m->rest &= ~bit;
    if (next < 0 && can_ask(c, f))
      next = f;
  }
  if (next < 0)
    next = known;
  if (next < 0) {
    m->found |= open & m->rest;
    m->rest &= ~open;
    return;
  }
  if (m->rest & open)
    look_below(c, m, next);
}

/* The states reached by each answer about fact `next`. Below a state
   whose open facts are all found, nothing is left to find: an answer
   only adds facts, so the facts left open only shrink. */
static void look_below(lexloci_case *c, missing_search *m, int next)
{
  question q;
  question_for(c, next, &q);
  saved s;
  save(c, next, &s);
  c->search_depth++;
  for (size_t i = 0; i < q.n && m->rest; i++) {
    if (c->search_passes > m->end ||
        c->search_passes > LX_MAX_SEARCH_PASSES ||
        c->search_depth >= LX_MAX_SEARCH_DEPTH) {
      /* Past the bound: err towards asking. */
      if (c->search_passes > LX_MAX_SEARCH_PASSES ||
          c->search_depth >= LX_MAX_SEARCH_DEPTH)
        c->search_exhausted = true;
      m->found |= m->rest;
      m->rest = 0;
      break;
    }
    answer(c, &q, i);
    lx_eval_quick(c);
    c->search_passes++;
    uint16_t counts[LX_MAX_FACTS] = {0};
    uint64_t open = open_facts(c, m->target, counts);
    if (open & m->rest) {
      /* The search for what is possible here finds the first witnesses
         for judging the facts open here. */
      uint64_t outer;
      witness_begin(c, m->target, &outer);
      unsigned all = possible_after(c, m->target, ~0u, 0);
      if (!single(all))
        look_at(c, m, all, open, counts);
      witness_end(c, outer);
    }
    restore(c, next, &s);
  }
  c->search_depth--;
}

/* After the first look at the case's own state found `found` among the
   open facts `open` (focused on the target, leave_settled done): the
   facts shown to matter, looking below the first look when it left some
   open fact out. */
static uint64_t look_deeper(lexloci_case *c, int target, uint64_t open,
                            uint64_t found)
{
  if (!found)
    return open; /* nothing narrows alone: they matter only together */
  missing_search m = {target, found, open & ~found,
                      c->search_passes + c->missing_passes_max};
  for (int f = 0; f < lx_nfacts && m.rest; f++) {
    question q;
    if (!(found >> f & 1))
      continue;
    question_for(c, f, &q);
    if (q.kind == Q_NONE)
      continue;
    look_below(c, &m, f);
    return m.found;
  }
  return m.found | m.rest; /* nothing to answer: err towards asking */
}

/* look_deeper for one of lx_search_missing_lone's two questions, once the
   joint first look is done: the case's own state and the regimes it
   settles are looked at again first (the answers moved the pass). */
static uint64_t look_deeper_anew(lexloci_case *c, int target, uint64_t open,
                                 uint64_t found)
{
  if (!found || !(open & ~found))
    return found;
  focus(c, target);
  lx_eval_quick(c);
  c->search_passes++;
  leave_settled(c);
  return look_deeper(c, target, open, found);
}

uint64_t lx_search_missing(lexloci_case *c, int target, unsigned all)
{
  focus(c, target);
  lx_eval_quick(c);
  uint64_t open = lx_search_open_facts(c, target), missing = 0, outer;
  leave_settled(c);
  witness_begin(c, target, &outer);
  for (int f = 0; f < lx_nfacts; f++) {
    if (!(open >> f & 1))
      continue;
    judge j = {all, NULL, true, false, false, false};
    narrows(c, target, f, &j);
    if (j.narrows)
      missing |= (uint64_t)1 << f;
  }
  witness_end(c, outer);
  missing = look_deeper(c, target, open, missing);
  focus(c, -1);
  return missing;
}

/* lx_search_missing for the verdict and for regime g at once, when g is
   the only regime left open: the verdict is then a function of g's
   outcome, so each answer's outcomes for g (an exact set, the search
   being exhaustive) also give the verdicts it allows, and one search
   serves both questions. The facts asked about are those either would
   ask about, each as long as either question about it is open; the
   results are those of the two searches apart. */
uint64_t lx_search_missing_lone(lexloci_case *c, int g, unsigned all,
                                const unsigned *possible_by_regime,
                                unsigned verdicts, uint64_t *verdict_missing)
{
  const lexloci_ruleset *rs = c->rs;
  lone l = {possible_by_regime, rs->nregimes, g, verdicts};
  focus(c, -1);
  lx_eval_quick(c);
  uint64_t open_v = lx_search_open_facts(c, -1);
  uint64_t open = lx_search_open_facts(c, g), missing = 0, missing_v = 0;
  focus(c, g);
  leave_settled(c);
  uint64_t outer;
  witness_begin(c, g, &outer);
  for (int f = 0; f < lx_nfacts; f++) {
    uint64_t bit = (uint64_t)1 << f;
    if (!((open | open_v) & bit))
      continue;
    judge j = {all, &l, (open & bit) != 0, (open_v & bit) != 0, false,
               false};
    narrows(c, g, f, &j);
    if (j.want && j.narrows)
      missing |= bit;
    if (j.want_verdict && j.narrows_verdict)
      missing_v |= bit;
  }
  witness_end(c, outer);
  missing = look_deeper_anew(c, g, open, missing);
  missing_v = look_deeper_anew(c, -1, open_v, missing_v);
  focus(c, -1);
  *verdict_missing = missing_v ? missing_v : open_v;
  return missing ? missing : open;
}
