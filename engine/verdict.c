/*
** verdict.c: lexloci_eval. Decides each requested data category on its
** own (a pass, then a search where unknown facts leave it open), then
** assembles the verdict: findings with their reasons, merged actions,
** conflicts and missing facts. Allocates nothing: every array was sized
** for the rule set in lexloci_case_new.
*/
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "eval.h"
#include "index.h"
#include "search.h"
#include "verdict.h"
#include "xnode.h"

static bool single(unsigned m)
{
  return m && (m & (m - 1)) == 0;
}

/* The lowest category of mask m (not empty); with `m &= m - 1`, the loops
   below visit only the requested categories. */
static int first_cat(unsigned m)
{
  return __builtin_ctz(m);
}

/* How many categories m holds: a few, counted without the library call
   __builtin_popcount becomes on a plain x86-64 build. */
static size_t count_cats(unsigned m)
{
  size_t n = 0;
  for (; m; m &= m - 1)
    n++;
  return n;
}

/* The arrays a pass writes: the case's scratch, or a category's result.
   Each holds, besides the live rules (applies not false, each regime's in
   live[first ..]), rules that apply and stand false, so that a pass or a
   copy resets only the live rules of the last. */
typedef struct pass_arrays {
  uint8_t *cond, *applies, *stands;
  uint32_t *live, *nlive;
} pass_arrays;

static pass_arrays case_arrays(const lexloci_case *c)
{
  return (pass_arrays){c->cond, c->applies, c->stands, c->live, c->nlive};
}

static pass_arrays category_arrays(const lx_catresult *cr)
{
  return (pass_arrays){cr->cond, cr->applies, cr->stands, cr->live,
                       cr->nlive};
}

static void use_arrays(lexloci_case *c, pass_arrays a)
{
  c->cond = a.cond;
  c->applies = a.applies;
  c->stands = a.stands;
  c->live = a.live;
  c->nlive = a.nlive;
}

/* Copies a pass from `from` into `to`: the live rules' values and
   conditions (every other rule applies and stands false in both, once
   to's previous live rules are reset). */
static void copy_pass(const lexloci_ruleset *rs, pass_arrays to,
                      pass_arrays from)
{
  for (size_t g = 0; g < rs->nregimes; g++) {
    const lx_regime *rg = &rs->regimes[g];
    uint32_t *old = to.live + rg->first, *now = from.live + rg->first;
    for (size_t i = 0; i < to.nlive[g]; i++)
      to.applies[old[i]] = to.stands[old[i]] = LX_F;
    to.nlive[g] = from.nlive[g];
    for (size_t i = 0; i < from.nlive[g]; i++) {
      uint32_t r = now[i], root = rs->rules[r].root;
      old[i] = r;
      to.applies[r] = from.applies[r];
      to.stands[r] = from.stands[r];
      memcpy(to.cond + root, from.cond + root, rs->conds[root].end - root);
    }
  }
}

static void decide_category(lexloci_case *c, int k)
{
  const lexloci_ruleset *rs = c->rs;
  lx_catresult *cr = &c->cat[k];
  size_t ng = rs->nregimes;
  c->search_passes = 0;
  c->search_exhausted = false;
  /* The first pass writes straight into the category's result (a pass
     resets what its arrays' last pass kept, whichever arrays they are);
     a search works on the case's scratch, given a copy of it. */
  pass_arrays scratch = case_arrays(c);
  use_arrays(c, category_arrays(cr));
  lx_eval_quick(c);
  use_arrays(c, scratch);
  cr->explained = false;
  cr->refined = 0;
  unsigned seen = 0; /* the outcomes of the regimes the pass settled */
  bool open = false;
  for (size_t g = 0; g < ng; g++) {
    cr->outcome[g] = c->outcome[g];
    cr->possible[g] = c->approx[g];
    cr->reg_missing[g] = 0;
    seen |= LX_BIT(c->outcome[g]);
    open |= c->outcome[g] == LEXLOCI_UNDETERMINED;
  }
  cr->missing = 0;
  cr->lone = -1;
  cr->passes_before_regimes = 0;
  /* Every regime settled (a settled regime's possible outcomes are its
     outcome alone): the verdict follows, no search. */
  if (!open) {
    cr->verdict = lx_eval_derive_seen(seen);
    return;
  }
  copy_pass(rs, scratch, category_arrays(cr));
  c->search_dead = cr->applies;
  /* Each open regime first: its possible outcomes are exact, and their
     combination bounds the verdict far better than the pass alone. */
  for (size_t g = 0; g < ng; g++) {
    if (cr->outcome[g] != LEXLOCI_UNDETERMINED)
      continue;
    unsigned p = lx_search_possible(c, (int)g, cr->possible[g]);
    cr->possible[g] = p;
    if (single(p)) {
      cr->outcome[g] = (lexloci_outcome)__builtin_ctz(p);
      cr->refined |= (uint64_t)1 << g;
    }
  }
  /* With one regime left open (the usual case) and every other settled,
     the verdict is a function of that regime's outcome: its exact
     possible outcomes give the verdict's, and one search finds the facts
     missing for both. (Past the search's limit, the general way.) */
  int lone = -1;
  for (size_t g = 0; g < ng; g++)
    if (!single(cr->possible[g]))
      lone = lone == -1 ? (int)g : -2;
  if (c->search_exhausted)
    lone = -1;
  unsigned vb = lx_eval_verdicts(cr->possible, ng);
  if (!single(vb) && lone < 0)
    vb = lx_search_possible(c, -1, vb);
  if (single(vb)) {
    cr->verdict = (lexloci_outcome)__builtin_ctz(vb);
    lone = -1;
  } else {
    cr->verdict = LEXLOCI_UNDETERMINED;
    if (lone >= 0)
      cr->reg_missing[lone] = lx_search_missing_lone(
          c, lone, cr->possible[lone], cr->possible, vb, &cr->missing);
    else
      cr->missing = lx_search_missing(c, -1, vb);
  }
  /* The other open regimes' missing facts are only read from the
     category that decides the verdict: regimes_missing, once it is
     known. */
  cr->lone = lone;
  cr->passes_before_regimes = c->search_passes;
  c->search_dead = NULL;
}

/* The missing facts of category k's open regimes (but the lone one,
   found with the verdict's), as decide_category would have searched them
   last: over the category's first pass, from the passes it had spent
   (the search's bound counts them). Category `from` was decided, k read
   alike (k itself if decided on its own). */
static void regimes_missing(lexloci_case *c, int k, int from)
{
  const lexloci_ruleset *rs = c->rs;
  lx_catresult *cr = &c->cat[k], *src = &c->cat[from];
  bool open = false;
  for (size_t g = 0; g < rs->nregimes; g++)
    open |= src->outcome[g] == LEXLOCI_UNDETERMINED && (int)g != src->lone;
  if (!open)
    return;
  c->lists[LX_F_CATEGORIES].w[0] = (uint64_t)1 << from;
  copy_pass(rs, case_arrays(c), category_arrays(src));
  c->search_dead = src->applies;
  c->search_passes = src->passes_before_regimes;
  for (size_t g = 0; g < rs->nregimes; g++)
    if (src->outcome[g] == LEXLOCI_UNDETERMINED && (int)g != src->lone)
      cr->reg_missing[g] = lx_search_missing(c, (int)g, src->possible[g]);
  c->search_dead = NULL;
}

/* ------------------------------------------------------------------ */
/* Categories decided alike                                             */
/* ------------------------------------------------------------------ */

/* Most atoms reading request.data_categories compared between categories;
   past it each category is decided on its own. */
#define SAME_CATEGORY_ATOMS 64

/* Data categories decided alike: the category is a fact the search never
   asks about, so two categories that every atom able to matter reads
   alike give the same first pass, the same search and the same result.
   The atoms able to matter are those of the rules the index keeps for the
   facts the case gives (the search only adds facts, never removes one, so
   no later pass evaluates another rule). reading[k] is category k's
   values of them; false when they cannot be compared (too many, or one
   compares the categories with another fact, which the search may try). */
typedef uint8_t reading[SAME_CATEGORY_ATOMS];

static bool category_readings(lexloci_case *c, unsigned cats,
                              reading *readings)
{
  const lexloci_ruleset *rs = c->rs;
  uint32_t atoms[SAME_CATEGORY_ATOMS];
  size_t na = 0;
  lx_case_derive(c);
  for (size_t g = 0; g < rs->nregimes; g++) {
    const lx_regime *rg = &rs->regimes[g];
    bool known;
    size_t n = rg->index >= 0 ? lx_index_lookup(c, rg, c->cand, &known)
                              : rg->nrules;
    for (size_t k = 0; k < n; k++) {
      const lx_rule *r = &rs->rules[rg->apply[rg->index >= 0 ? c->cand[k]
                                                              : k]];
      for (uint32_t i = r->root; i < rs->conds[r->root].end; i++) {
        const lx_cond *a = &rs->conds[i];
        if (a->kind != LX_C_ATOM || a->op == LX_OP_REGIME_IN)
          continue;
        bool rhs = a->rhs == LX_RHS_FACT && a->ref == LX_F_CATEGORIES;
        if (a->fact != LX_F_CATEGORIES && !rhs)
          continue;
        if (rhs || a->rhs == LX_RHS_FACT || na == SAME_CATEGORY_ATOMS)
          return false;
        atoms[na++] = i;
      }
    }
  }
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++) {
    if (!(cats >> k & 1))
      continue;
    lx_bits_clear(&c->lists[LX_F_CATEGORIES]);
    lx_bits_set(&c->lists[LX_F_CATEGORIES], (unsigned)k);
    memset(readings[k], 0, sizeof readings[k]);
    for (size_t i = 0; i < na; i++)
      readings[k][i] = lx_eval_atom(c, atoms[i], false);
  }
  return true;
}

/* Category `to` decided as `from` was. */
static void copy_category(lexloci_case *c, int from, int to)
{
  const lexloci_ruleset *rs = c->rs;
  const lx_catresult *a = &c->cat[from];
  lx_catresult *b = &c->cat[to];
  size_t ng = rs->nregimes, nr = rs->nrules;
  memcpy(b->outcome, a->outcome, ng * sizeof *b->outcome);
  memcpy(b->possible, a->possible, ng * sizeof *b->possible);
  memcpy(b->reg_missing, a->reg_missing, ng * sizeof *b->reg_missing);
  memcpy(b->nlive, a->nlive, ng * sizeof *b->nlive);
  memcpy(b->live, a->live, nr * sizeof *b->live);
  memcpy(b->applies, a->applies, nr);
  memcpy(b->stands, a->stands, nr);
  memcpy(b->cond, a->cond, rs->nconds);
  b->verdict = a->verdict;
  b->missing = a->missing;
  b->refined = a->refined;
  b->explained = false; /* its conditions as this category reads them */
}

/* ------------------------------------------------------------------ */
/* Assembly                                                             */
/* ------------------------------------------------------------------ */

/* `from` for a rule whose reasons cannot repeat (lx_rule.distinct_words):
   nothing to compare. */
#define NO_REPEATS UINT32_MAX

/* Adds node i to the finding's reasons (from `from` on) unless the same
   words are there. */
static void reason(lexloci_verdict *v, const lexloci_ruleset *rs,
                   uint32_t from, uint32_t i)
{
  for (size_t k = from; k < v->nbecause; k++)
    if (rs->xnodes[v->because[k]].shown == rs->xnodes[i].shown)
      return;
  v->because[v->nbecause++] = i;
}

static void because(lexloci_verdict *v, const lexloci_ruleset *rs,
                    const uint8_t *cond, uint32_t i, uint32_t from)
{
  const lx_xnode *xs = rs->xnodes, *n = &xs[i];
  switch (n->kind) {
  case LX_C_ATOM:
    if (cond[i] == LX_T)
      reason(v, rs, from, i);
    break;
  case LX_C_NOT:
    if (cond[i] == LX_T) /* always, but in a rule that only may stand */
      reason(v, rs, from, i);
    break;
  default:
    /* A child atom is taken here (most are): a call each cost more. */
    for (uint32_t k = i + 1; k < n->end; k = xs[k].end) {
      if (n->kind != LX_C_ALL && cond[k] != LX_T)
        continue;
      if (xs[k].kind != LX_C_ATOM)
        because(v, rs, cond, k, from);
      else if (cond[k] == LX_T)
        reason(v, rs, from, k);
    }
    break;
  }
}

/* The reasons of a rule whose `when` is an `all` of atoms (as because()
   finds them, without walking the tree): the atoms that hold, in order. */
static void atom_reasons(lexloci_verdict *v, const lexloci_ruleset *rs,
                         const uint8_t *cond, const lx_rule *rule,
                         uint32_t from)
{
  uint32_t end = rs->xnodes[rule->root].end;
  for (uint32_t i = rule->root + 1; i < end; i++)
    if (cond[i] == LX_T)
      reason(v, rs, from, i);
}

/* Rules that stand in some requested category, ascending, into c->cand;
   false when there are too many to sort (then every rule is a candidate).
   Only live rules can stand. */
#define SORT_FINDINGS_MAX 64

/* standing(), below, for one category (the commonest request): a rule is
   in its live lists once, so its place is made as it is looked for, with
   no repeat to look for (and no call to a memmove). */
static bool standing_one(lexloci_case *c, const lx_catresult *cr, size_t *n)
{
  const lexloci_ruleset *rs = c->rs;
  uint32_t *cand = c->cand;
  size_t k = 0;
  for (size_t g = 0; g < rs->nregimes; g++)
    for (size_t i = 0; i < cr->nlive[g]; i++) {
      uint32_t r = cr->live[rs->regimes[g].first + i];
      if (cr->stands[r] != LX_T)
        continue;
      if (k == SORT_FINDINGS_MAX)
        return false;
      size_t j = k++;
      for (; j > 0 && cand[j - 1] > r; j--)
        cand[j] = cand[j - 1];
      cand[j] = r;
    }
  *n = k;
  return true;
}

static bool standing(lexloci_case *c, const lexloci_verdict *v, size_t *n)
{
  const lexloci_ruleset *rs = c->rs;
  size_t k = 0;
  if (single(v->cats))
    return standing_one(c, &c->cat[first_cat(v->cats)], n);
  for (unsigned m = v->cats; m; m &= m - 1) {
    const lx_catresult *cr = &c->cat[first_cat(m)];
    for (size_t g = 0; g < rs->nregimes; g++)
      for (size_t i = 0; i < cr->nlive[g]; i++) {
        uint32_t r = cr->live[rs->regimes[g].first + i];
        if (cr->stands[r] != LX_T)
          continue;
        /* Its place in order, looked for from the end (the live lists
           come nearly ascending); there once. */
        size_t j = k;
        while (j > 0 && c->cand[j - 1] > r)
          j--;
        if (j > 0 && c->cand[j - 1] == r)
          continue;
        if (k == SORT_FINDINGS_MAX)
          return false;
        for (size_t at = k; at > j; at--)
          c->cand[at] = c->cand[at - 1];
        c->cand[j] = r;
        k++;
      }
  }
  *n = k;
  return true;
}

/* The categories of mask cats in which rule r stands. */
static unsigned standing_cats(const lexloci_case *c, unsigned cats,
                              uint32_t r)
{
  unsigned in = 0;
  for (unsigned m = cats; m; m &= m - 1)
    if (c->cat[first_cat(m)].stands[r] == LX_T)
      in |= 1u << first_cat(m);
  return in;
}

/* ------------------------------------------------------------------ */
/* Outcomes no rule stands for                                          */
/* ------------------------------------------------------------------ */

/* The search may settle a regime's outcome although no rule with that
   effect stands for certain: a content order must be produced whether or
   not it is notified, and which of the two rules stands turns on a fact
   the case leaves out. The verdict then shows the rules that may stand,
   each with the facts it waits on, so that the outcome keeps its reasons
   and citations. gaps[k] holds the regimes of category k in that state.
   Only an outcome the search settled can be one (a first pass with no
   rule standing for it leaves two outcomes open, eval.c's settle). */
static bool outcome_gaps(const lexloci_case *c, unsigned cats,
                         uint64_t gaps[LEXLOCI_CATEGORY_COUNT])
{
  const lexloci_ruleset *rs = c->rs;
  bool any = false;
  for (unsigned m = cats; m; m &= m - 1) {
    int k = first_cat(m);
    const lx_catresult *cr = &c->cat[k];
    gaps[k] = 0;
    for (uint64_t todo = cr->refined; todo; todo &= todo - 1) {
      int g = __builtin_ctzll(todo);
      lexloci_outcome o = cr->outcome[g];
      if (o == LEXLOCI_UNDETERMINED || o == LEXLOCI_NOT_APPLICABLE)
        continue;
      bool backed = false, maybe = false;
      const uint32_t *live = cr->live + rs->regimes[g].first;
      for (size_t i = 0; i < cr->nlive[g] && !backed; i++) {
        const lx_rule *r = &rs->rules[live[i]];
        backed = r->effect == o && cr->stands[live[i]] == LX_T;
        maybe |= r->effect == o && cr->stands[live[i]] == LX_U;
      }
      if (!backed && maybe) {
        gaps[k] |= (uint64_t)1 << g;
        any = true;
      }
    }
  }
  return any;
}

/* The facts the case does not give that the atoms under node i read
   where cond leaves them unknown. */
static uint64_t unknown_facts(const lexloci_case *c, const uint8_t *cond,
                              uint32_t i)
{
  const lexloci_ruleset *rs = c->rs;
  uint64_t m = 0;
  for (uint32_t j = i; j < rs->conds[i].end; j++) {
    const lx_cond *a = &rs->conds[j];
    if (a->kind != LX_C_ATOM || cond[j] != LX_U || a->fact < 0)
      continue;
    if (c->vals[a->fact].state == LX_UNKNOWN)
      m |= (uint64_t)1 << a->fact;
    if (a->rhs == LX_RHS_FACT && c->vals[a->ref].state == LX_UNKNOWN)
      m |= (uint64_t)1 << a->ref;
  }
  return m;
}

/* The unknown facts rule r's applying waits on in cond: none when it is
   decided (a true `any` may hold unknown atoms that do not matter). */
static uint64_t applies_waits_on(const lexloci_case *c,
                                 const lx_catresult *cr, uint32_t r)
{
  return cr->applies[r] == LX_U
             ? unknown_facts(c, cr->cond, c->rs->rules[r].root)
             : 0;
}

/* What rule r waits on in category k: where they are open, its own
   conditions, those of the exceptions that may defeat it and those of
   the rules it is an exception to. */
static uint64_t waits_on(const lexloci_case *c, int k, uint32_t r)
{
  const lx_catresult *cr = &c->cat[k];
  const lx_rule *rule = &c->rs->rules[r];
  uint64_t m = applies_waits_on(c, cr, r);
  for (size_t d = 0; d < rule->ndefeaters; d++)
    m |= applies_waits_on(c, cr, rule->defeaters[d]);
  for (size_t b = 0; b < rule->nbases; b++)
    m |= applies_waits_on(c, cr, rule->bases[b]);
  return m;
}

/* The categories of cats in which rule r may stand where its regime's
   outcome is its effect but no rule stands for it (outcome_gaps). */
static unsigned maybe_cats(const lexloci_case *c, unsigned cats,
                           const uint64_t *gaps, uint32_t r)
{
  const lx_rule *rule = &c->rs->rules[r];
  unsigned in = 0;
  for (unsigned m = cats; m; m &= m - 1) {
    int k = first_cat(m);
    const lx_catresult *cr = &c->cat[k];
    if ((gaps[k] >> rule->regime & 1) && cr->stands[r] == LX_U &&
        cr->outcome[rule->regime] == rule->effect)
      in |= 1u << k;
  }
  return in;
}

/* Adds rule r as a finding standing in cats, or only may standing in
   maybe (outcome_gaps), with its reasons as category `first` reads them. */
static inline void add_finding(lexloci_case *c, lexloci_verdict *v,
                               uint32_t r, unsigned cats, unsigned maybe)
{
  const lexloci_ruleset *rs = c->rs;
  int first = first_cat(cats ? cats : maybe);
  lx_finding *f = &v->findings[v->nfindings++];
  f->rule = r;
  f->cats = cats | maybe;
  f->maybe = maybe;
  f->depends = maybe ? waits_on(c, first_cat(maybe), r) : 0;
  const lx_rule *rule = &rs->rules[r];
  /* An `all` of atoms showing different words, standing: every atom
     holds and is a reason, in order, so the reasons are its nodes. */
  f->direct = rule->all_atoms && rule->distinct_words && !maybe;
  if (f->direct) {
    f->because = rule->root + 1;
    f->nbecause = rs->xnodes[rule->root].end - f->because;
  } else {
    f->because = (uint32_t)v->nbecause;
    uint32_t from = rule->distinct_words ? NO_REPEATS : f->because;
    if (rule->all_atoms)
      atom_reasons(v, rs, c->cat[first].cond, rule, from);
    else
      because(v, rs, c->cat[first].cond, rule->root, from);
    f->nbecause = (uint32_t)(v->nbecause - f->because);
  }
  int g = rule->regime;
  if (v->reg_nfind[g]++ == 0)
    v->reg_first[g] = (uint32_t)(v->nfindings - 1);
}

/* Where some outcome is settled with no rule standing for it (rare),
   every rule in order, standing or only may standing; false, having done
   nothing, where there is none. Kept out of line: the common path stays
   small. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool findings_with_gaps(lexloci_case *c, lexloci_verdict *v)
{
  uint64_t gaps[LEXLOCI_CATEGORY_COUNT];
  if (!outcome_gaps(c, v->cats, gaps))
    return false;
  for (uint32_t r = 0; r < c->rs->nrules; r++) {
    unsigned cats = standing_cats(c, v->cats, r);
    unsigned maybe = maybe_cats(c, v->cats, gaps, r);
    if (cats | maybe)
      add_finding(c, v, r, cats, maybe);
  }
  return true;
}

static void findings(lexloci_case *c, lexloci_verdict *v)
{
  const lexloci_ruleset *rs = c->rs;
  v->nfindings = v->nbecause = 0;
  for (size_t g = 0; g < rs->nregimes; g++) /* few: no call */
    v->reg_nfind[g] = 0;
  /* Only a search settles an outcome no rule stands for (outcome_gaps). */
  uint64_t refined = 0;
  for (unsigned m = v->cats; m; m &= m - 1)
    refined |= c->cat[first_cat(m)].refined;
  v->some_maybe = refined && findings_with_gaps(c, v);
  if (v->some_maybe)
    return;
  size_t nstand = 0;
  bool sparse = standing(c, v, &nstand);
  size_t n = sparse ? nstand : rs->nrules;
  /* One category: the rules standing() found stand in it. */
  bool one = sparse && single(v->cats);
  for (size_t i = 0; i < n; i++) {
    uint32_t r = sparse ? c->cand[i] : (uint32_t)i;
    unsigned cats = one ? v->cats : standing_cats(c, v->cats, r);
    if (cats)
      add_finding(c, v, r, cats, 0);
  }
}

static void push_cite(lexloci_case *c, lexloci_verdict *v, uint32_t id,
                      uint32_t *n, uint32_t cap)
{
  if (c->cite_seen[id] || *n >= cap)
    return;
  c->cite_seen[id] = true;
  v->citepool[v->ncitepool++] = id;
  (*n)++;
}

static void clear_seen(lexloci_case *c, const lexloci_verdict *v,
                       uint32_t from)
{
  for (size_t i = from; i < v->ncitepool; i++)
    c->cite_seen[v->citepool[i]] = false;
}

static void actions(lexloci_case *c, lexloci_verdict *v)
{
  const lexloci_ruleset *rs = c->rs;
  v->nactions = 0;
  /* A rule that only may stand asks nothing for certain (checked only
     where there are such: the loops below are the hot path's). */
  bool some_maybe = v->some_maybe;
  for (size_t i = 0; i < v->nfindings; i++) {
    const lx_rule *rule = &rs->rules[v->findings[i].rule];
    if (some_maybe && v->findings[i].maybe == v->findings[i].cats)
      continue;
    for (size_t k = 0; k < rule->nactions; k++) {
      bool dup = false;
      for (size_t a = 0; a < v->nactions && !dup; a++) {
        const lx_merged_action *m = &v->actions[a];
        dup = strcmp(rs->rules[m->rule].actions[m->k].id,
                     rule->actions[k].id) == 0;
      }
      if (!dup) {
        lx_merged_action *m = &v->actions[v->nactions++];
        m->rule = v->findings[i].rule;
        m->k = (uint32_t)k;
      }
    }
  }
  /* Citations: every occurrence of an action adds its own. */
  for (size_t a = 0; a < v->nactions; a++) {
    lx_merged_action *m = &v->actions[a];
    const char *id = rs->rules[m->rule].actions[m->k].id;
    m->cites = (uint32_t)v->ncitepool;
    m->ncites = 0;
    for (size_t i = 0; i < v->nfindings; i++) {
      const lx_rule *rule = &rs->rules[v->findings[i].rule];
      if (some_maybe && v->findings[i].maybe == v->findings[i].cats)
        continue;
      for (size_t k = 0; k < rule->nactions; k++) {
        if (strcmp(rule->actions[k].id, id) != 0)
          continue;
        for (size_t j = 0; j < rule->actions[k].ncites; j++)
          push_cite(c, v, rule->actions[k].cites[j], &m->ncites,
                    UINT32_MAX);
      }
    }
    clear_seen(c, v, m->cites);
  }
}

static const lx_conflict_note *note_for(const lexloci_ruleset *rs, int a,
                                        int b)
{
  for (size_t i = 0; i < rs->nconflicts; i++) {
    const lx_conflict_note *n = &rs->conflicts[i];
    if ((n->a == a && n->b == b) || (n->a == b && n->b == a))
      return n;
  }
  return NULL;
}

static void conflicts(lexloci_case *c, lexloci_verdict *v)
{
  const lexloci_ruleset *rs = c->rs;
  size_t ng = rs->nregimes;
  v->nconflicts = 0;
  for (unsigned m = v->cats; m; m &= m - 1) {
    int k = first_cat(m);
    const lexloci_outcome *out = c->cat[k].outcome;
    for (size_t a = 0; a < ng; a++) {
      if (out[a] != LEXLOCI_MUST_DISCLOSE)
        continue;
      for (size_t b = 0; b < ng; b++) {
        if (out[b] != LEXLOCI_MUST_NOT_DISCLOSE)
          continue;
        size_t i = 0;
        while (i < v->nconflicts &&
               !(v->conflicts[i].a == (int)a && v->conflicts[i].b == (int)b))
          i++;
        if (i == v->nconflicts) {
          lx_conflict *cf = &v->conflicts[v->nconflicts++];
          memset(cf, 0, sizeof *cf);
          cf->a = (int)a;
          cf->b = (int)b;
        }
        v->conflicts[i].cats |= 1u << k;
      }
    }
  }
  for (size_t i = 0; i < v->nconflicts; i++) {
    lx_conflict *cf = &v->conflicts[i];
    const lx_conflict_note *note = note_for(rs, cf->a, cf->b);
    cf->cites = (uint32_t)v->ncitepool;
    cf->ncites = 0;
    if (note) {
      cf->text = note->text;
      for (size_t j = 0; j < note->ncites; j++)
        push_cite(c, v, note->cites[j], &cf->ncites, LX_MAX_CONFLICT_CITES);
    } else {
      /* The authority on each side: its standing, deciding findings. */
      int k = __builtin_ctz(cf->cats);
      for (size_t f = 0; f < v->nfindings; f++) {
        const lx_rule *rule = &rs->rules[v->findings[f].rule];
        if ((rule->regime != cf->a && rule->regime != cf->b) ||
            !(v->findings[f].cats >> k & 1) ||
            (rule->effect != LEXLOCI_MUST_DISCLOSE &&
             rule->effect != LEXLOCI_MUST_NOT_DISCLOSE))
          continue;
        for (size_t j = 0; j < rule->ncites; j++)
          push_cite(c, v, rule->cites[j], &cf->ncites,
                    LX_MAX_CONFLICT_CITES);
      }
    }
    clear_seen(c, v, cf->cites);
  }
}

/* The category whose verdict is the case's: the first of the verdicts in
   the order of spec/verdict.md (the lowest), the first such category
   (assemble finds it the same way, inline). */
static int deciding_category(const lexloci_case *c, unsigned cats)
{
  int deciding = -1;
  for (unsigned m = cats; m; m &= m - 1) {
    int k = first_cat(m);
    if (deciding < 0 || c->cat[k].verdict < c->cat[deciding].verdict)
      deciding = k;
  }
  return deciding;
}

/* Whether some action of rule r has a deadline. */
static bool timed(const lx_rule *r)
{
  for (size_t k = 0; k < r->nactions; k++)
    if (r->actions[k].deadline)
      return true;
  return false;
}

/* For a settled verdict, the facts the case leaves out on which a rule
   with a deadline waits (a 14-day motion that depends on whether the
   customer is a US person): no answer changes the verdict, so they are
   not `missing`, but an intake system should ask them before the
   deadline runs. Asked only of a settled verdict (an undetermined one's
   `missing` comes first) and of a rule set with deadlines. */
#if defined(__GNUC__)
__attribute__((noinline)) /* off the common path (assemble) */
#endif
static uint64_t refine_facts(const lexloci_case *c, const lexloci_verdict *v)
{
  const lexloci_ruleset *rs = c->rs;
  uint64_t m = 0;
  for (unsigned cats = v->cats; cats; cats &= cats - 1) {
    int k = first_cat(cats);
    const lx_catresult *cr = &c->cat[k];
    for (size_t g = 0; g < rs->nregimes; g++) {
      if (!rs->regimes[g].timed)
        continue;
      const uint32_t *live = cr->live + rs->regimes[g].first;
      for (size_t i = 0; i < cr->nlive[g]; i++)
        if (cr->stands[live[i]] == LX_U && timed(&rs->rules[live[i]]))
          m |= waits_on(c, k, live[i]);
    }
  }
  return m;
}

static void assemble(lexloci_case *c, lexloci_verdict *v)
{
  v->kind = LEXLOCI_NO_APPLICABLE_REGIME;
  v->deciding = -1;
  v->missing = 0;
  v->ncitepool = 0;
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
    v->by_cat[k] = LEXLOCI_NO_APPLICABLE_REGIME;
  unsigned verdicts = 0; /* of the requested categories */
  for (unsigned m = v->cats; m; m &= m - 1) {
    int k = first_cat(m);
    v->by_cat[k] = c->cat[k].verdict;
    verdicts |= LX_BIT(c->cat[k].verdict);
    /* As deciding_category says (inline: every evaluation comes here). */
    if (v->deciding < 0 || c->cat[k].verdict < v->kind) {
      v->kind = c->cat[k].verdict;
      v->deciding = k;
    }
    if (c->cat[k].verdict == LEXLOCI_UNDETERMINED)
      v->missing |= c->cat[k].missing;
  }
  findings(c, v);
  actions(c, v);
  v->refine = c->rs->timed && v->kind != LEXLOCI_UNDETERMINED
                  ? refine_facts(c, v)
                  : 0;
  /* A conflict is a category where one regime must disclose and another
     must not: its verdict is then `conflict` (their outcomes are settled,
     so every verdict they allow is one), and without one there is none. */
  if (verdicts & LX_BIT(LEXLOCI_CONFLICT))
    conflicts(c, v);
  else
    v->nconflicts = 0;
  size_t ncat = count_cats(v->cats);
  v->nsteps = ncat * c->rs->pass_steps + (ncat > 1 ? ncat : 0);
}

/* ------------------------------------------------------------------ */
/* Entry point                                                          */
/* ------------------------------------------------------------------ */

static const int required[] = {LX_F_ISSUING_STATE, LX_F_INSTRUMENT,
                               LX_F_CATEGORIES, LX_F_LOCATIONS, LX_F_DATE};

/* Whether the case gives every fact every case must give. */
static bool gives_required(const lexloci_case *c)
{
  for (size_t i = 0; i < LX_COUNTOF(required); i++)
    if (c->vals[required[i]].state != LX_KNOWN)
      return false;
  return !lx_bits_empty(&c->lists[LX_F_CATEGORIES]);
}

/* The error for a case that lacks some of them, naming each. */
static lexloci_status lacking_required(const lexloci_case *c,
                                       lexloci_error *err)
{
  char lacking[256] = "";
  size_t n = 0;
  for (size_t i = 0; i < LX_COUNTOF(required); i++) {
    int f = required[i];
    bool empty = f == LX_F_CATEGORIES &&
                 lx_bits_empty(&c->lists[LX_F_CATEGORIES]);
    if (c->vals[f].state != LX_KNOWN || empty)
      n += (size_t)snprintf(lacking + n, sizeof lacking - n, "%s%s",
                            n ? ", " : "", lx_facts[f].path);
    if (n >= sizeof lacking)
      n = sizeof lacking - 1;
  }
  lx_error_set(err, LEXLOCI_EFACT, NULL, 0, 0,
               "the case does not give %s, which every case must give",
               lacking);
  return LEXLOCI_EFACT;
}

lexloci_status lexloci_eval(lexloci_case *c, const lexloci_verdict **out,
                            lexloci_error *err)
{
  if (!c || !out) {
    lx_error_set(err, LEXLOCI_EMISUSE, NULL, 0, 0, "NULL argument");
    return LEXLOCI_EMISUSE;
  }
  *out = NULL;
  if (!gives_required(c))
    return lacking_required(c, err);
  lexloci_verdict *v = &c->verdict;
  lx_eval_prepare(c);
  c->pass_regimes = ~(uint64_t)0;
  /* The categories are values 0 .. LEXLOCI_CATEGORY_COUNT - 1: their
     list is its first word, the others stay empty. */
  uint64_t cats = c->lists[LX_F_CATEGORIES].w[0];
  v->cats = (unsigned)(cats & ((1u << LEXLOCI_CATEGORY_COUNT) - 1));
  /* While each category is decided alone, rules about the demand as a
     whole read them all here (vocab.h, lx_fact_derived). */
  c->vals[LX_F_ALL_CATEGORIES].state = LX_KNOWN;
  c->lists[LX_F_ALL_CATEGORIES].w[0] = cats; /* its other words stay 0 */
  /* Compared only once a category has needed the search: a category
     decided by its first pass costs less than the comparison. */
  reading readings[LEXLOCI_CATEGORY_COUNT];
  bool alike = false, compared = false, searched = false;
  int decided_as[LEXLOCI_CATEGORY_COUNT]; /* the category k was decided as */
  c->search_passes = 0;
  for (unsigned m = v->cats; m; m &= m - 1) {
    int k = first_cat(m);
    if (!compared && c->search_passes) {
      compared = true;
      alike = category_readings(c, v->cats, readings);
    }
    int same = -1;
    for (int j = 0; alike && j < k && same < 0; j++)
      if ((v->cats >> j & 1) &&
          memcmp(readings[j], readings[k], sizeof readings[k]) == 0)
        same = j;
    decided_as[k] = same >= 0 ? same : k;
    if (same >= 0) {
      copy_category(c, same, k);
      continue;
    }
    c->lists[LX_F_CATEGORIES].w[0] = (uint64_t)1 << k;
    decide_category(c, k);
    searched |= c->search_passes != 0;
  }
  if (searched) {
    int deciding = deciding_category(c, v->cats);
    regimes_missing(c, deciding, decided_as[deciding]);
  }
  c->lists[LX_F_CATEGORIES].w[0] = cats;
  /* The search's guesses may have left a derived fact behind; without a
     search, the last pass derived it from the case's own facts. */
  if (searched)
    lx_case_derive(c);
  assemble(c, v);
  c->valid = true;
  *out = v;
  return LEXLOCI_OK;
}
