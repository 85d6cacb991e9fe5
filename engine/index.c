/*
** index.c: the rule index. A rule's *keys* are the conditions at the top
** of its `when` (which all must hold) of the form `FACT is V` or `FACT in
** [V, ...]`, over a fact with few values that is not a list (a country, an
** enumerated value, true or false), plus the keys of the rules it is an
** exception to (it applies only where they do). When FACT is known and
** outside a key's values, the key is false, so the rule's conditions are
** false and it does not apply, whatever its other conditions say.
**
** Each regime with enough rules gets a tree: a node splits its rules on
** the fact most of them are keyed on, into one child per value (the rules
** whose key allows it) and a child for the rules not keyed on that fact;
** children split again on other facts, a few levels deep. A lookup walks
** the tree with the case's values; where a fact is unknown it takes every
** rule keyed on it. What it reaches is merged back into apply order, so
** that evaluation (eval.c) sees the same rules in the same order as a full
** pass, less those that cannot apply.
** See LICENSE for copying conditions.
*/
#include <string.h>

#include "country.h"
#include "date.h"
#include "index.h"

/* Below this many rules a node is a leaf, scanned. */
#define MIN_SPLIT 4
/* Below this many rules a regime is scanned: a lookup would cost more
   than it saves. Measured with callgrind on the bundled set (tools/bench):
   indexing its regimes of 11 to 14 rules too takes 40% off a determined
   case's evaluation. */
#define MIN_INDEXED 8
/* Levels of splitting: the state, the instrument and a few more facts;
   a lookup visits up to two children per level. Measured on the
   synthetic sets (tools/bench): deeper trees stop paying at about 8. */
#define MAX_DEPTH 8
/* A key allowing more values than this discriminates too little. */
#define MAX_KEY_VALUES 16
/* Keys kept per rule. */
#define MAX_KEYS 8

typedef struct key {
  int fact;
  lx_bits allowed;
} key;

typedef struct rkeys {
  key k[MAX_KEYS];
  int n;
} rkeys;

typedef struct ix {
  lx_loader *ld;
  rkeys *keys;         /* per rule */
  const uint32_t *apply; /* the regime's apply order */
  lx_vec nodes;        /* lx_inode */
  lx_vec entries;      /* lx_ientry: node lists */
  lx_vec slots;        /* uint32_t: child per value */
  lx_vec reskeys;      /* lx_ikey: residual keys */
  bool oom;
} ix;

static int domain_size(int f)
{
  const lx_factdef *fd = &lx_facts[f];
  switch (fd->base) {
  case LX_COUNTRY: return LX_COUNTRY_SLOTS;
  case LX_ENUM: return lx_domains[fd->domain].n;
  case LX_BOOL: return 2;
  default: return 0;
  }
}

/* The values for which atom a can hold, when a can be a key. */
static bool atom_key(lx_loader *ld, const lx_cond *a, key *out)
{
  if (a->kind != LX_C_ATOM || a->op == LX_OP_REGIME_IN || a->fact < 0 ||
      a->fact >= lx_nfacts || lx_facts[a->fact].list ||
      domain_size(a->fact) == 0)
    return false;
  lx_base base = lx_facts[a->fact].base;
  out->fact = a->fact;
  lx_bits_clear(&out->allowed);
  if (base == LX_BOOL) {
    int v;
    if (a->op == LX_OP_TRUE)
      v = 1;
    else if (a->op == LX_OP_IS && a->rhs == LX_RHS_LIT)
      v = a->lit.u.b;
    else
      return false;
    lx_bits_set(&out->allowed, (unsigned)(a->neg ? !v : v));
    return true;
  }
  if (a->neg)
    return false;
  if (a->op == LX_OP_IS && a->rhs == LX_RHS_LIT) {
    if (a->lit.u.code < 0 || a->lit.u.code >= domain_size(a->fact))
      return false;
    lx_bits_set(&out->allowed, (unsigned)a->lit.u.code);
    return true;
  }
  if (a->op == LX_OP_IN && a->rhs == LX_RHS_BITS && a->ref < ld->bitlits.n) {
    out->allowed = LX_VEC_AT(&ld->bitlits, lx_bits, a->ref);
    return lx_bits_count(&out->allowed) <= MAX_KEY_VALUES;
  }
  return false;
}

/* Adds key k to ks; two keys on one fact must both hold. */
static void add_key(rkeys *ks, const key *k)
{
  for (int i = 0; i < ks->n; i++)
    if (ks->k[i].fact == k->fact) {
      for (int w = 0; w < LX_BITS_WORDS; w++)
        ks->k[i].allowed.w[w] &= k->allowed.w[w];
      return;
    }
  if (ks->n < MAX_KEYS)
    ks->k[ks->n++] = *k;
}

/* The rule's own keys; each is marked in ckey. */
static void own_keys(lx_loader *ld, const lx_rule *rule, rkeys *ks,
                     uint8_t *ckey)
{
  const lx_cond *root = &LX_VEC_AT(&ld->conds, lx_cond, rule->root);
  key k;
  if (root->kind == LX_C_ATOM) {
    if (atom_key(ld, root, &k))
      add_key(ks, &k);
    return;
  }
  if (root->kind != LX_C_ALL)
    return;
  for (uint32_t i = rule->root + 1; i < root->end;
       i = LX_VEC_AT(&ld->conds, lx_cond, i).end)
    if (atom_key(ld, &LX_VEC_AT(&ld->conds, lx_cond, i), &k)) {
      add_key(ks, &k);
      ckey[i] = 1;
    }
}

static const key *key_on(const ix *x, uint32_t pos, int fact)
{
  const rkeys *ks = &x->keys[x->apply[pos]];
  for (int i = 0; i < ks->n; i++)
    if (ks->k[i].fact == fact)
      return &ks->k[i];
  return NULL;
}

/* Key atom a (atom_key holds of it) of the rule at apply position pos as
   a residual key, unless the path has decided its fact for the rule (it
   is one of `decided`, and a key of the rule's: the rule was put in the
   child for the fact's value, not in `rest`). */
static void push_key_test(ix *x, uint32_t pos, const lx_cond *a,
                          uint64_t decided)
{
  key k;
  if (!atom_key(x->ld, a, &k) ||
      (decided >> k.fact & 1 && key_on(x, pos, k.fact)))
    return;
  lx_ikey *t = lx_vec_push(&x->reskeys, x->ld->mem);
  if (!t) {
    x->oom = true;
    return;
  }
  t->fact = (uint8_t)k.fact;
  t->boolean = lx_facts[k.fact].base == LX_BOOL;
  t->bits = !t->boolean && a->op == LX_OP_IN;
  /* A true-or-false key allows one value (atom_key), an `is` one code. */
  t->arg = t->bits ? a->ref : (uint32_t)lx_bits_next(&k.allowed, 0);
}

/* The residual keys of the rule at apply position pos in a list reached
   with the facts of `decided` split on: its own key atoms on other facts,
   the most selective (a country's) first. A lookup drops the rule when
   one of them is false for a known value. */
static void push_residual(ix *x, uint32_t pos, uint64_t decided)
{
  lx_loader *ld = x->ld;
  const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, x->apply[pos]);
  const lx_cond *root = &LX_VEC_AT(&ld->conds, lx_cond, rule->root);
  if (root->kind == LX_C_ATOM) {
    push_key_test(x, pos, root, decided);
    return;
  }
  if (root->kind != LX_C_ALL)
    return;
  for (int country = 1; country >= 0; country--)
    for (uint32_t i = rule->root + 1; i < root->end;
         i = LX_VEC_AT(&ld->conds, lx_cond, i).end) {
      const lx_cond *a = &LX_VEC_AT(&ld->conds, lx_cond, i);
      if (ld->rs->ckey[i] &&
          (lx_facts[a->fact].base == LX_COUNTRY) == (country == 1))
        push_key_test(x, pos, a, decided);
    }
}

static uint32_t push_list(ix *x, const uint32_t *pos, size_t n,
                          uint64_t decided)
{
  uint32_t at = (uint32_t)x->entries.n;
  for (size_t i = 0; i < n && !x->oom; i++) {
    uint32_t keys = (uint32_t)x->reskeys.n;
    push_residual(x, pos[i], decided);
    lx_ientry *e = lx_vec_push(&x->entries, x->ld->mem);
    if (!e) {
      x->oom = true;
      break;
    }
    e->pos = pos[i];
    e->nkeys = (uint32_t)x->reskeys.n - keys;
    if (e->nkeys)
      e->first = LX_VEC_AT(&x->reskeys, lx_ikey, keys);
    e->keys = keys + 1;
  }
  return at;
}

static uint32_t new_node(ix *x)
{
  lx_inode *n = lx_vec_push(&x->nodes, x->ld->mem);
  if (!n) {
    x->oom = true;
    return 0;
  }
  n->fact = -1;
  return (uint32_t)(x->nodes.n - 1);
}

#define NODE(x, i) LX_VEC_AT(&(x)->nodes, lx_inode, i)
#define ENTRY(x, i) LX_VEC_AT(&(x)->entries, lx_ientry, i)

/* A leaf with the rules of leaves a and b, in ascending apply order (each
   entry with its residual keys). */
static uint32_t merged_leaf(ix *x, uint32_t a, uint32_t b)
{
  uint32_t ia = NODE(x, a).list, ea = ia + NODE(x, a).nlist;
  uint32_t ib = NODE(x, b).list, eb = ib + NODE(x, b).nlist;
  uint32_t id = new_node(x), at = (uint32_t)x->entries.n;
  while ((ia < ea || ib < eb) && !x->oom) {
    bool take_a = ia < ea && (ib == eb || ENTRY(x, ia).pos < ENTRY(x, ib).pos);
    lx_ientry e = take_a ? ENTRY(x, ia++) : ENTRY(x, ib++);
    lx_ientry *to = lx_vec_push(&x->entries, x->ld->mem);
    if (!to)
      x->oom = true;
    else
      *to = e;
  }
  if (x->oom)
    return 0;
  NODE(x, id).list = at;
  NODE(x, id).nlist = (uint32_t)x->entries.n - at;
  return id;
}

/* Rules of a `rest` leaf folded in below this many: copied into each of
   its node's children per value, they cost a lookup along a known value
   no visit of their own. */
#define FOLD_MAX 8

/* Whether the `rest` leaf of a node whose children per value are
   slots[0..dom) is folded into them: small, and each child a leaf. */
static bool foldable(ix *x, uint32_t rest, uint32_t slots, int dom)
{
  if (!rest || NODE(x, rest).fact >= 0 || NODE(x, rest).nlist > FOLD_MAX)
    return false;
  for (int v = 0; v < dom; v++)
    if (NODE(x, LX_VEC_AT(&x->slots, uint32_t, slots + (uint32_t)v)).fact >= 0)
      return false;
  return true;
}

/* The rules of leaf rest put into each child per value: a lookup along
   a known value finds them there (a value no rule is keyed to, in rest
   itself). */
static void fold_rest(ix *x, uint32_t rest, uint32_t slots, int dom)
{
  for (int v = 0; v < dom && !x->oom; v++) {
    uint32_t child = LX_VEC_AT(&x->slots, uint32_t, slots + (uint32_t)v);
    uint32_t to = child ? merged_leaf(x, child, rest) : rest;
    LX_VEC_AT(&x->slots, uint32_t, slots + (uint32_t)v) = to;
  }
}

/* The node for rules pos[0..n) (apply positions, ascending). */
static uint32_t build(ix *x, const uint32_t *pos, size_t n, int depth,
                      uint64_t used)
{
  if (n == 0)
    return 0; /* node 0: the empty leaf */
  uint32_t id = new_node(x);
  if (x->oom)
    return 0;
  /* The fact most of these rules are keyed on. */
  int best = -1;
  size_t bestn = 0;
  if (n >= MIN_SPLIT && depth < MAX_DEPTH) {
    size_t count[LX_MAX_FACTS] = {0};
    for (size_t i = 0; i < n; i++) {
      const rkeys *ks = &x->keys[x->apply[pos[i]]];
      for (int k = 0; k < ks->n; k++)
        if (!(used >> ks->k[k].fact & 1))
          count[ks->k[k].fact]++;
    }
    for (int f = 0; f < lx_nfacts && f < LX_MAX_FACTS; f++)
      if (count[f] > bestn) {
        best = f;
        bestn = count[f];
      }
  }
  if (best < 0 || bestn * 2 < MIN_SPLIT) {
    NODE(x, id).list = push_list(x, pos, n, used);
    NODE(x, id).nlist = (uint32_t)n;
    return id;
  }
  uint32_t *keyed = lx_arena_alloc(&x->ld->tmp, (n + 1) * sizeof *keyed);
  uint32_t *rest = lx_arena_alloc(&x->ld->tmp, (n + 1) * sizeof *rest);
  uint32_t *bucket = lx_arena_alloc(&x->ld->tmp, (n + 1) * sizeof *bucket);
  if (!keyed || !rest || !bucket) {
    x->oom = true;
    return 0;
  }
  size_t nk = 0, nr = 0;
  lx_bits values;
  lx_bits_clear(&values);
  for (size_t i = 0; i < n; i++) {
    const key *k = key_on(x, pos[i], best);
    if (k) {
      keyed[nk++] = pos[i];
      for (int w = 0; w < LX_BITS_WORDS; w++)
        values.w[w] |= k->allowed.w[w];
    } else {
      rest[nr++] = pos[i];
    }
  }
  uint64_t sub = used | (uint64_t)1 << best;
  int dom = domain_size(best);
  uint32_t slots = (uint32_t)x->slots.n;
  for (int v = 0; v < dom; v++) {
    uint32_t *s = lx_vec_push(&x->slots, x->ld->mem);
    if (!s) {
      x->oom = true;
      return 0;
    }
    *s = 0; /* node 0: the empty leaf */
  }
  /* Taken whole when the fact is unknown or out of its slots: the path
     has not decided it, so the keys on it stay residual (eval.c's
     applies_quick takes every key on a known fact as holding). */
  uint32_t list = push_list(x, keyed, nk, used);
  uint32_t rest_node = build(x, rest, nr, depth + 1, sub);
  for (int v = lx_bits_next(&values, 0); v >= 0 && v < dom && !x->oom;
       v = lx_bits_next(&values, v + 1)) {
    size_t nb = 0;
    for (size_t i = 0; i < nk; i++)
      if (lx_bits_has(&key_on(x, keyed[i], best)->allowed, (unsigned)v))
        bucket[nb++] = keyed[i];
    uint32_t child = build(x, bucket, nb, depth + 1, sub);
    LX_VEC_AT(&x->slots, uint32_t, slots + (uint32_t)v) = child;
  }
  bool fold = !x->oom && foldable(x, rest_node, slots, dom);
  if (fold)
    fold_rest(x, rest_node, slots, dom);
  if (x->oom)
    return 0;
  lx_inode *node = &NODE(x, id);
  node->fact = best;
  node->list = list;
  node->nlist = (uint32_t)nk;
  node->rest = rest_node;
  node->known_rest = fold ? 0 : rest_node;
  node->slots = slots;
  node->nslots = (uint32_t)dom;
  node->boolean = lx_facts[best].base == LX_BOOL;
  return id;
}

static void *keep(lx_loader *ld, const lx_vec *v)
{
  void *p = lx_arena_alloc(ld->keep, (v->n + 1) * v->size);
  if (p && v->n)
    memcpy(p, v->items, v->n * v->size);
  return p;
}

/* Each rule's top conditions in quick order (rs->qfirst, rs->qorder; its
   keys from lx_rule.qkeys on), and whether it stands alone
   (lx_rule.standalone). */
static bool quick_order(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  size_t nr = ld->rules.n, n = 0;
  rs->qfirst = lx_arena_alloc(ld->keep, (nr + 1) * sizeof *rs->qfirst);
  if (!rs->qfirst)
    return false;
  for (int pass = 0; pass < 2; pass++) {
    n = 0;
    for (size_t r = 0; r < nr; r++) {
      lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
      const lx_cond *root = &LX_VEC_AT(&ld->conds, lx_cond, rule->root);
      rule->standalone = rule->from == LX_DATE_MIN &&
                         rule->until == LX_DATE_MAX && rule->nbases == 0;
      rs->qfirst[r] = rule->qkeys = (uint32_t)n;
      if (root->kind != LX_C_ALL)
        continue;
      for (int last = 0; last < 2; last++) {
        if (last)
          rule->qkeys = (uint32_t)n;
        for (uint32_t i = rule->root + 1; i < root->end;
             i = LX_VEC_AT(&ld->conds, lx_cond, i).end)
          if (rs->ckey[i] == last) {
            if (pass == 1)
              rs->qorder[n] = i;
            n++;
          }
      }
    }
    rs->qfirst[nr] = (uint32_t)n;
    if (pass == 0 &&
        !(rs->qorder = lx_arena_alloc(ld->keep, (n + 1) * sizeof(uint32_t))))
      return false;
  }
  return true;
}

bool lx_index_build(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  size_t nr = ld->rules.n;
  /* A rule set with errors (an override cycle leaves the orders unbuilt)
     is never evaluated. */
  if (ld->diag->nerrors)
    return true;
  ix x;
  memset(&x, 0, sizeof x);
  x.ld = ld;
  lx_vec_init(&x.nodes, sizeof(lx_inode));
  lx_vec_init(&x.entries, sizeof(lx_ientry));
  lx_vec_init(&x.slots, sizeof(uint32_t));
  lx_vec_init(&x.reskeys, sizeof(lx_ikey));
  x.keys = lx_arena_alloc(&ld->tmp, (nr + 1) * sizeof *x.keys);
  rs->stand_pos = lx_arena_alloc(ld->keep, (nr + 1) * sizeof *rs->stand_pos);
  uint32_t *all = lx_arena_alloc(&ld->tmp, (nr + 1) * sizeof *all);
  rs->ckey = lx_arena_alloc(ld->keep, ld->conds.n + 1);
  if (!x.keys || !rs->stand_pos || !all || !rs->ckey)
    return false;
  new_node(&x); /* node 0: the empty leaf */
  for (size_t g = 0; g < ld->regimes.n && !x.oom; g++) {
    lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, g);
    rg->index = -1;
    for (size_t k = 0; k < rg->nrules; k++)
      rs->stand_pos[rg->stand[k]] = (uint32_t)k;
    /* Keys in apply order, so that a base's are known before its
       exceptions inherit them. */
    for (size_t k = 0; k < rg->nrules; k++) {
      uint32_t r = rg->apply[k];
      const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
      rkeys *ks = &x.keys[r];
      own_keys(ld, rule, ks, rs->ckey);
      rg->ordered |= rule->nbases > 0;
      rg->defeasible |= rule->ndefeaters > 0;
      for (size_t b = 0; b < rule->nbases; b++) {
        const rkeys *bk = &x.keys[rule->bases[b]];
        for (int i = 0; i < bk->n; i++)
          add_key(ks, &bk->k[i]);
      }
    }
    if (rg->nrules < MIN_INDEXED)
      continue;
    for (size_t k = 0; k < rg->nrules; k++)
      all[k] = (uint32_t)k;
    x.apply = rg->apply;
    uint32_t root = build(&x, all, rg->nrules, 0, 0);
    if (!x.oom && NODE(&x, root).fact >= 0)
      rg->index = (int32_t)root;
  }
  if (!x.oom && !quick_order(ld))
    x.oom = true;
  if (!x.oom) {
    rs->inodes = keep(ld, &x.nodes);
    rs->ientries = keep(ld, &x.entries);
    rs->islots = keep(ld, &x.slots);
    rs->ires_keys = keep(ld, &x.reskeys);
    rs->ninodes = x.nodes.n;
    x.oom = !rs->inodes || !rs->ientries || !rs->islots || !rs->ires_keys;
  }
  lx_vec_free(&x.nodes, ld->mem);
  lx_vec_free(&x.entries, ld->mem);
  lx_vec_free(&x.slots, ld->mem);
  lx_vec_free(&x.reskeys, ld->mem);
  return !x.oom;
}

/* ------------------------------------------------------------------ */
/* Lookup                                                               */
/* ------------------------------------------------------------------ */

/* Heap sort: in place and allocation-free (glibc's qsort may allocate,
   and evaluation must not). */
static void sift(uint32_t *a, size_t i, size_t n)
{
  for (;;) {
    size_t m = i, l = 2 * i + 1, r = l + 1;
    if (l < n && a[l] > a[m])
      m = l;
    if (r < n && a[r] > a[m])
      m = r;
    if (m == i)
      return;
    uint32_t t = a[i];
    a[i] = a[m];
    a[m] = t;
    i = m;
  }
}

static void sort_pos(uint32_t *a, size_t n)
{
  if (n <= 32) { /* a few short runs: insertion sort */
    for (size_t i = 1; i < n; i++) {
      uint32_t x = a[i];
      size_t j = i;
      for (; j > 0 && a[j - 1] > x; j--)
        a[j] = a[j - 1];
      a[j] = x;
    }
    return;
  }
  for (size_t i = n / 2; i-- > 0;)
    sift(a, i, n);
  for (size_t end = n; end-- > 1;) {
    uint32_t t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift(a, 0, end);
  }
}

/* Whether residual key t is false for fv, a value given for certain. */
static inline bool key_false(const lexloci_case *c, const lx_ikey *t,
                             const lx_fval *fv)
{
  uint32_t v = t->boolean ? fv->v.u.b : (uint32_t)fv->v.u.code;
  return t->bits ? !lx_bits_has(&c->rs->bitlits[t->arg], v) : v != t->arg;
}

/* Whether residual key t is false for a value the case gives for
   certain; *unknown is set where its fact is not given for certain. */
static inline bool tested_false(const lexloci_case *c, const lx_ikey *t,
                                bool *unknown)
{
  const lx_fval *fv = &c->vals[t->fact];
  if (fv->state != LX_KNOWN) {
    *unknown = true;
    return false;
  }
  return key_false(c, t, fv);
}

/* Whether a residual key of list entry e is false (tested_false). */
static inline bool residual_false(const lexloci_case *c, const lx_ientry *e,
                                  bool *unknown)
{
  if (e->nkeys == 0)
    return false;
  if (tested_false(c, &e->first, unknown))
    return true;
  const lx_ikey *t = c->rs->ires_keys + e->keys, *end = t + e->nkeys - 1;
  for (; t < end; t++)
    if (tested_false(c, t, unknown))
      return true;
  return false;
}

size_t lx_index_lookup(const lexloci_case *c, const lx_regime *g,
                       uint32_t *out, bool *keys_known)
{
  const lexloci_ruleset *rs = c->rs;
  /* Depth first: at most one pending sibling per level. */
  uint32_t stack[2 * MAX_DEPTH + 2];
  int top = 0, nlists = 0;
  size_t k = 0;
  /* A key of a rule written is on a fact the path went down a child
     for (known), or a residual key tested: unknown only where one of
     those was on a fact not known for certain. */
  bool unknown = false;
  stack[top++] = (uint32_t)g->index;
  while (top > 0) {
    const lx_inode *n = &rs->inodes[stack[--top]];
    /* Down the known values' children, leaving `rest` for later. */
    while (n->fact >= 0) {
      const lx_fval *fv = &c->vals[n->fact];
      uint32_t v = n->nslots; /* unknown (or null): every rule keyed on
                                 it may apply, with the rest */
      if (fv->state == LX_KNOWN)
        v = n->boolean ? fv->v.u.b : (uint32_t)fv->v.u.code;
      if (v >= n->nslots) {
        if (n->rest) /* node 0, the empty leaf, is not worth a visit */
          stack[top++] = n->rest;
        break;
      }
      if (n->known_rest)
        stack[top++] = n->known_rest;
      n = &rs->inodes[rs->islots[n->slots + v]];
    }
    const lx_ientry *list = rs->ientries + n->list;
    if (n->nlist) {
      /* Lists are short (a few rules): copied in place of a call, less
         the rules a residual key rules out. */
      for (uint32_t i = 0; i < n->nlist; i++)
        if (!residual_false(c, &list[i], &unknown))
          out[k++] = list[i].pos;
      nlists++;
    }
  }
  /* Each position is in at most one list, each list ascending. Only an
     exception needs its base evaluated first: with none, any order will
     do; with some, the lists are sorted back into apply order. */
  if (g->ordered && nlists > 1)
    sort_pos(out, k);
  *keys_known = !unknown;
  return k;
}
