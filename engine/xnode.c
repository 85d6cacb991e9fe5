/*
** xnode.c: compiling condition nodes to the evaluator's compact form
** (xnode.h). An atom is specialised only where its general evaluation
** (eval.c, atom) reduces, for a fact known for certain, to the one test
** chosen here; tests/unit/test_xnode.c checks that the two agree.
** See LICENSE for copying conditions.
*/
#include "xnode.h"

#include <string.h>

/* The specialised operation for atom a, or LX_X_GENERIC. */
static lx_xop specialise(const lx_cond *a, uint32_t *arg)
{
  if (a->op == LX_OP_REGIME_IN || a->fact < 0 || a->fact >= lx_nfacts)
    return LX_X_GENERIC;
  const lx_factdef *fd = &lx_facts[a->fact];
  bool code = fd->base == LX_COUNTRY || fd->base == LX_ENUM;
  switch ((lx_op)a->op) {
  case LX_OP_TRUE:
    return fd->base == LX_BOOL && !fd->list ? LX_X_TRUE : LX_X_GENERIC;
  case LX_OP_IS:
    if (a->rhs != LX_RHS_LIT || fd->list)
      return LX_X_GENERIC;
    if (code) {
      *arg = (uint32_t)a->lit.u.code;
      return LX_X_IS_CODE;
    }
    if (fd->base == LX_BOOL) {
      *arg = a->lit.u.b;
      return LX_X_IS_BOOL;
    }
    return LX_X_GENERIC;
  case LX_OP_IN:
    if (!code || fd->list || (a->rhs != LX_RHS_BITS && a->rhs != LX_RHS_SET))
      return LX_X_GENERIC;
    *arg = a->ref;
    return a->rhs == LX_RHS_BITS ? LX_X_IN_BITS : LX_X_IN_SET;
  case LX_OP_CONTAINS:
    if (!code || !fd->list || a->rhs != LX_RHS_LIT)
      return LX_X_GENERIC;
    *arg = (uint32_t)a->lit.u.code;
    return LX_X_HAS_CODE;
  case LX_OP_INTERSECTS:
  case LX_OP_SUBSET:
    if (!code || !fd->list || (a->rhs != LX_RHS_BITS && a->rhs != LX_RHS_SET))
      return LX_X_GENERIC;
    *arg = a->ref;
    if (a->op == LX_OP_INTERSECTS)
      return a->rhs == LX_RHS_BITS ? LX_X_X_BITS : LX_X_X_SET;
    return a->rhs == LX_RHS_BITS ? LX_X_SUB_BITS : LX_X_SUB_SET;
  case LX_OP_EMPTY:
    return fd->list ? LX_X_EMPTY : LX_X_GENERIC;
  case LX_OP_LT:
  case LX_OP_LE:
  case LX_OP_GT:
  case LX_OP_GE:
    if (fd->base != LX_NUMBER || fd->list || a->rhs != LX_RHS_LIT)
      return LX_X_GENERIC;
    *arg = a->op;
    return LX_X_NUM_CMP;
  default:
    return LX_X_GENERIC;
  }
}

static uint32_t text_hash(const char *s)
{
  uint32_t h = 2166136261u; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* Numbers the nodes' words in `because`: a finding lists words once, and
   comparing numbers is cheaper than comparing the words. A hash table of
   the first node with each text, twice as many slots as nodes. */
static bool number_shown(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  size_t n = ld->conds.n, cap = 16;
  while (cap < 2 * n)
    cap *= 2;
  uint32_t *slot = lx_arena_alloc(&ld->tmp, cap * sizeof *slot);
  if (!slot)
    return false;
  for (size_t i = 0; i < n; i++) {
    const char *t = LX_VEC_AT(&ld->conds, lx_cond, i).shown;
    if (!t)
      t = "";
    size_t h = text_hash(t) & (cap - 1);
    for (;; h = (h + 1) & (cap - 1)) {
      if (!slot[h]) {
        slot[h] = (uint32_t)i + 1;
        rs->xnodes[i].shown = (uint32_t)i;
        break;
      }
      const char *o = LX_VEC_AT(&ld->conds, lx_cond, slot[h] - 1).shown;
      if (strcmp(o ? o : "", t) == 0) {
        rs->xnodes[i].shown = slot[h] - 1;
        break;
      }
    }
  }
  return true;
}

/* Rules with more condition nodes than this are not checked for words
   shown twice (it costs the square of the nodes). */
#define DISTINCT_MAX_NODES 64

/* Whether no two nodes of rule r's `when` that can be a reason (atoms and
   `not`s: groups are looked into) show the same words. */
static bool distinct_words(const lexloci_ruleset *rs, const lx_rule *r,
                           uint32_t end)
{
  if (end - r->root > DISTINCT_MAX_NODES)
    return false;
  for (uint32_t i = r->root; i < end; i++) {
    const lx_xnode *a = &rs->xnodes[i];
    if (a->kind != LX_C_ATOM && a->kind != LX_C_NOT)
      continue;
    for (uint32_t j = i + 1; j < end; j++) {
      const lx_xnode *b = &rs->xnodes[j];
      if ((b->kind == LX_C_ATOM || b->kind == LX_C_NOT) &&
          a->shown == b->shown)
        return false;
    }
  }
  return true;
}

/* Whether rule r's `when` is an `all` of atoms only. */
static bool all_atoms(const lexloci_ruleset *rs, const lx_rule *r,
                      uint32_t end)
{
  if (rs->xnodes[r->root].kind != LX_C_ALL)
    return false;
  for (uint32_t i = r->root + 1; i < end; i++)
    if (rs->xnodes[i].kind != LX_C_ATOM)
      return false;
  return true;
}

bool lx_xnode_build(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  size_t n = ld->conds.n;
  rs->xnodes = lx_arena_alloc(ld->keep, (n + 1) * sizeof *rs->xnodes);
  if (!rs->xnodes)
    return false;
  for (size_t i = 0; i < n; i++) {
    const lx_cond *a = &LX_VEC_AT(&ld->conds, lx_cond, i);
    lx_xnode *x = &rs->xnodes[i];
    x->kind = a->kind;
    x->neg = a->neg;
    x->end = a->end;
    x->op = LX_X_GENERIC;
    if (a->kind == LX_C_ATOM) {
      x->op = (uint8_t)specialise(a, &x->arg);
      /* REGIME_IN reads a regime: the fact is never read for it. */
      x->fact = (uint8_t)(a->fact >= 0 && a->fact < 256 ? a->fact : 0);
    }
  }
  if (!number_shown(ld))
    return false;
  for (size_t r = 0; r < ld->rules.n; r++) {
    lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    uint32_t end = LX_VEC_AT(&ld->conds, lx_cond, rule->root).end;
    rule->distinct_words = distinct_words(rs, rule, end);
    rule->all_atoms = all_atoms(rs, rule, end);
  }
  return true;
}
