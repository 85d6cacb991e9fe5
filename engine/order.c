/*
** order.c: the graphs of a rule set. Override and exception edges become
** each rule's bases and defeaters, checked for cycles; each regime gets the
** orders its rules are evaluated in; regimes that read another regime's
** outcome are ordered after it (a cycle is an error); and each fact gets
** the list of atoms that read it.
*/
#include <stdio.h>
#include <string.h>

#include "index.h"
#include "load.h"
#include "verdict.h"
#include "xnode.h"

enum { WHITE, GREY, BLACK };

typedef struct graph {
  size_t n;
  uint32_t **out;      /* adjacency */
  size_t *nout;
  unsigned char *color;
  uint32_t *order;     /* post-order result */
  size_t norder;
  uint32_t *stack;     /* the DFS path, to print a cycle */
  size_t nstack;
} graph;

/* Depth-first search that appends nodes in post-order (every successor
   before the node) and reports the first cycle it meets through cyc. */
static bool dfs(graph *g, uint32_t v, uint32_t *cyc, size_t *ncyc)
{
  g->color[v] = GREY;
  g->stack[g->nstack++] = v;
  for (size_t i = 0; i < g->nout[v]; i++) {
    uint32_t w = g->out[v][i];
    if (g->color[w] == GREY) {
      size_t k = 0;
      size_t start = g->nstack;
      while (start > 0 && g->stack[start - 1] != w)
        start--;
      for (size_t j = start - 1; j < g->nstack; j++)
        cyc[k++] = g->stack[j];
      cyc[k++] = w;
      *ncyc = k;
      return false;
    }
    if (g->color[w] == WHITE && !dfs(g, w, cyc, ncyc))
      return false;
  }
  g->nstack--;
  g->color[v] = BLACK;
  g->order[g->norder++] = v;
  return true;
}

static bool graph_init(graph *g, lx_loader *ld, size_t n)
{
  memset(g, 0, sizeof *g);
  g->n = n;
  size_t m = n ? n : 1;
  g->out = lx_arena_alloc(&ld->tmp, m * sizeof *g->out);
  g->nout = lx_arena_alloc(&ld->tmp, m * sizeof *g->nout);
  g->color = lx_arena_alloc(&ld->tmp, m);
  g->order = lx_arena_alloc(&ld->tmp, m * sizeof *g->order);
  g->stack = lx_arena_alloc(&ld->tmp, m * sizeof *g->stack);
  return g->out && g->nout && g->color && g->order && g->stack;
}

/* Builds adjacency lists from (from, to) pairs. */
static bool graph_edges(graph *g, lx_loader *ld, const uint32_t *from,
                        const uint32_t *to, size_t ne)
{
  for (size_t e = 0; e < ne; e++)
    g->nout[from[e]]++;
  for (size_t v = 0; v < g->n; v++) {
    g->out[v] = lx_arena_alloc(&ld->tmp, (g->nout[v] + 1) * sizeof(uint32_t));
    if (!g->out[v])
      return false;
    g->nout[v] = 0;
  }
  for (size_t e = 0; e < ne; e++)
    g->out[from[e]][g->nout[from[e]]++] = to[e];
  return true;
}

static void cycle_text(char *buf, size_t cap, const uint32_t *cyc, size_t n,
                       const char *(*name)(lx_loader *, uint32_t),
                       lx_loader *ld)
{
  size_t k = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && k < cap; i++)
    k += (size_t)snprintf(buf + k, cap - k, "%s%s", i ? " -> " : "",
                          name(ld, cyc[i]));
}

static const char *rule_name(lx_loader *ld, uint32_t r)
{
  return LX_VEC_AT(&ld->rules, lx_rule, r).local;
}

static const char *regime_name(lx_loader *ld, uint32_t r)
{
  return LX_VEC_AT(&ld->regimes, lx_regime, r).id;
}

/* ------------------------------------------------------------------ */

static bool rule_graphs(lx_loader *ld)
{
  size_t nr = ld->rules.n, ne = ld->edges.n;
  uint32_t *from = lx_arena_alloc(&ld->tmp, (ne + 1) * sizeof *from);
  uint32_t *to = lx_arena_alloc(&ld->tmp, (ne + 1) * sizeof *to);
  uint32_t *cyc = lx_arena_alloc(&ld->tmp, (nr + 2) * sizeof *cyc);
  graph stand, apply;
  if (!from || !to || !cyc || !graph_init(&stand, ld, nr) ||
      !graph_init(&apply, ld, nr))
    return false;
  /* Defeat edges: a rule's standing needs its defeaters' first, so edges
     run from the defeated rule to its defeaters (post-order puts the
     defeaters first). */
  for (size_t e = 0; e < ne; e++) {
    const lx_edge *ed = &LX_VEC_AT(&ld->edges, lx_edge, e);
    from[e] = ed->of;
    to[e] = ed->by;
  }
  if (!graph_edges(&stand, ld, from, to, ne))
    return false;
  size_t nb = 0;
  for (size_t e = 0; e < ne; e++) {
    const lx_edge *ed = &LX_VEC_AT(&ld->edges, lx_edge, e);
    if (ed->base) {
      from[nb] = ed->by; /* an exception needs its base first */
      to[nb++] = ed->of;
    }
  }
  if (!graph_edges(&apply, ld, from, to, nb))
    return false;
  for (size_t r = 0; r < nr; r++) {
    size_t ncyc = 0;
    if (stand.color[r] == WHITE && !dfs(&stand, (uint32_t)r, cyc, &ncyc)) {
      char path[256];
      cycle_text(path, sizeof path, cyc, ncyc, rule_name, ld);
      const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, cyc[0]);
      lx_diag_report(ld->diag, LEXLOCI_ERULE, LEXLOCI_SEV_ERROR, rule->file,
                     rule->line, rule->col,
                     "override cycle: %s; a rule cannot, directly or "
                     "through others, defeat a rule that defeats it", path);
      return true;
    }
    if (apply.color[r] == WHITE)
      dfs(&apply, (uint32_t)r, cyc, &ncyc);
  }
  /* Bases and defeaters of each rule, and per-regime orders. */
  for (size_t e = 0; e < ne; e++) {
    const lx_edge *ed = &LX_VEC_AT(&ld->edges, lx_edge, e);
    LX_VEC_AT(&ld->rules, lx_rule, ed->of).ndefeaters++;
    if (ed->base)
      LX_VEC_AT(&ld->rules, lx_rule, ed->by).nbases++;
  }
  for (size_t r = 0; r < nr; r++) {
    lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    rule->defeaters = lx_arena_alloc(ld->keep, (rule->ndefeaters + 1) *
                                                   sizeof(uint32_t));
    rule->bases = lx_arena_alloc(ld->keep, (rule->nbases + 1) *
                                               sizeof(uint32_t));
    if (!rule->defeaters || !rule->bases)
      return false;
    rule->ndefeaters = rule->nbases = 0;
  }
  for (size_t e = 0; e < ne; e++) {
    const lx_edge *ed = &LX_VEC_AT(&ld->edges, lx_edge, e);
    lx_rule *of = &LX_VEC_AT(&ld->rules, lx_rule, ed->of);
    of->defeaters[of->ndefeaters++] = ed->by;
    if (ed->base) {
      lx_rule *by = &LX_VEC_AT(&ld->rules, lx_rule, ed->by);
      by->bases[by->nbases++] = ed->of;
    }
  }
  for (size_t g = 0; g < ld->regimes.n; g++) {
    lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, g);
    rg->apply = lx_arena_alloc(ld->keep, (rg->nrules + 1) * sizeof(uint32_t));
    rg->stand = lx_arena_alloc(ld->keep, (rg->nrules + 1) * sizeof(uint32_t));
    if (!rg->apply || !rg->stand)
      return false;
    size_t ka = 0, ks = 0;
    for (size_t i = 0; i < nr; i++) {
      if (LX_VEC_AT(&ld->rules, lx_rule, apply.order[i]).regime == (int)g)
        rg->apply[ka++] = apply.order[i];
      if (LX_VEC_AT(&ld->rules, lx_rule, stand.order[i]).regime == (int)g)
        rg->stand[ks++] = stand.order[i];
    }
  }
  return true;
}

/* Regimes whose outcome a rule reads, from its REGIME_IN atoms. */
static bool regime_graph(lx_loader *ld)
{
  size_t ng = ld->regimes.n;
  size_t cap = 16, ne = 0;
  uint32_t *from = lx_arena_alloc(&ld->tmp, ng * ng * sizeof *from + 4);
  uint32_t *to = lx_arena_alloc(&ld->tmp, ng * ng * sizeof *to + 4);
  bool *seen = lx_arena_alloc(&ld->tmp, ng * ng + 1);
  uint32_t *cyc = lx_arena_alloc(&ld->tmp, (ng + 2) * sizeof *cyc);
  graph g;
  (void)cap;
  if (!from || !to || !seen || !cyc || !graph_init(&g, ld, ng))
    return false;
  for (size_t r = 0; r < ld->rules.n; r++) {
    const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    if (rule->root == UINT32_MAX)
      continue;
    const lx_cond *root = &LX_VEC_AT(&ld->conds, lx_cond, rule->root);
    for (uint32_t c = rule->root; c < root->end; c++) {
      const lx_cond *cd = &LX_VEC_AT(&ld->conds, lx_cond, c);
      if (cd->kind != LX_C_ATOM || cd->op != LX_OP_REGIME_IN)
        continue;
      size_t a = (size_t)rule->regime, b = (size_t)cd->fact;
      if (a == b) {
        lx_diag_report(ld->diag, LEXLOCI_ERULE, LEXLOCI_SEV_ERROR,
                       rule->file, cd->line, cd->col,
                       "a rule of %s cannot read the outcome of its own "
                       "regime", regime_name(ld, (uint32_t)a));
        continue;
      }
      if (!seen[a * ng + b]) {
        seen[a * ng + b] = true;
        from[ne] = (uint32_t)a;
        to[ne++] = (uint32_t)b;
      }
    }
  }
  if (!graph_edges(&g, ld, from, to, ne))
    return false;
  for (size_t r = 0; r < ng; r++) {
    size_t ncyc = 0;
    if (g.color[r] == WHITE && !dfs(&g, (uint32_t)r, cyc, &ncyc)) {
      char path[256];
      cycle_text(path, sizeof path, cyc, ncyc, regime_name, ld);
      const lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, cyc[0]);
      lx_diag_report(ld->diag, LEXLOCI_ERULE, LEXLOCI_SEV_ERROR, rg->file,
                     rg->line, rg->col,
                     "regimes read each other's outcome in a cycle: %s",
                     path);
      return true;
    }
  }
  ld->rs->order = lx_arena_alloc(ld->keep, (ng + 1) * sizeof(uint32_t));
  if (!ld->rs->order)
    return false;
  memcpy(ld->rs->order, g.order, ng * sizeof(uint32_t));
  for (size_t a = 0; a < ng; a++) {
    lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, a);
    rg->nreads = g.nout[a];
    rg->reads = lx_arena_alloc(ld->keep, (g.nout[a] + 1) * sizeof(uint32_t));
    if (!rg->reads)
      return false;
    memcpy(rg->reads, g.out[a], g.nout[a] * sizeof(uint32_t));
  }
  return true;
}

/* For each fact, the atoms reading it; and the most atoms in one rule. */
static bool fact_index(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  size_t nf = (size_t)lx_nfacts;
  rs->fact_atoms = lx_arena_alloc(ld->keep, nf * sizeof *rs->fact_atoms);
  rs->fact_natoms = lx_arena_alloc(ld->keep, nf * sizeof *rs->fact_natoms);
  if (!rs->fact_atoms || !rs->fact_natoms)
    return false;
  for (int pass = 0; pass < 2; pass++) {
    for (size_t c = 0; c < ld->conds.n; c++) {
      const lx_cond *cd = &LX_VEC_AT(&ld->conds, lx_cond, c);
      if (cd->kind != LX_C_ATOM || cd->op == LX_OP_REGIME_IN)
        continue;
      int fs[2] = {cd->fact, cd->rhs == LX_RHS_FACT ? (int)cd->ref : -1};
      for (int k = 0; k < 2; k++) {
        if (fs[k] < 0 || (k == 1 && fs[1] == fs[0]))
          continue;
        if (pass == 1)
          rs->fact_atoms[fs[k]][rs->fact_natoms[fs[k]]] = (uint32_t)c;
        rs->fact_natoms[fs[k]]++;
      }
    }
    if (pass == 0)
      for (size_t f = 0; f < nf; f++) {
        rs->fact_atoms[f] = lx_arena_alloc(
            ld->keep, (rs->fact_natoms[f] + 1) * sizeof(uint32_t));
        if (!rs->fact_atoms[f])
          return false;
        rs->fact_natoms[f] = 0;
      }
  }
  rs->cond_rule = lx_arena_alloc(ld->keep,
                                 (ld->conds.n + 1) * sizeof *rs->cond_rule);
  if (!rs->cond_rule)
    return false;
  for (size_t r = 0; r < ld->rules.n; r++) {
    const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    uint32_t end = LX_VEC_AT(&ld->conds, lx_cond, rule->root).end;
    for (uint32_t i = rule->root; i < end; i++)
      rs->cond_rule[i] = (uint32_t)r;
  }
  rs->max_because = 1;
  for (size_t r = 0; r < ld->rules.n; r++) {
    const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    size_t n = 0;
    const lx_cond *root = &LX_VEC_AT(&ld->conds, lx_cond, rule->root);
    for (uint32_t c = rule->root; c < root->end; c++)
      n += LX_VEC_AT(&ld->conds, lx_cond, c).kind == LX_C_ATOM;
    if (n > rs->max_because)
      rs->max_because = n;
  }
  return true;
}

/* Text for groups, as because shows them: "not (a and b)". */
static bool shown_texts(lx_loader *ld)
{
  for (size_t i = ld->conds.n; i-- > 0;) {
    lx_cond *n = &LX_VEC_AT(&ld->conds, lx_cond, i);
    if (n->kind == LX_C_ATOM) {
      n->shown = n->text;
      continue;
    }
    char buf[1024];
    size_t k = 0, count = 0;
    const char *sep = n->kind == LX_C_ANY ? " or " : " and ";
    for (uint32_t c = (uint32_t)i + 1; c < n->end;
         c = LX_VEC_AT(&ld->conds, lx_cond, c).end)
      count++;
    bool paren = true;
    (void)count;
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s",
                          n->kind == LX_C_NOT ? "not " : "",
                          paren ? "(" : "");
    bool first = true;
    for (uint32_t c = (uint32_t)i + 1; c < n->end && k < sizeof buf;
         c = LX_VEC_AT(&ld->conds, lx_cond, c).end) {
      const char *t = LX_VEC_AT(&ld->conds, lx_cond, c).shown;
      k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s",
                            first ? "" : sep, t ? t : "?");
      first = false;
    }
    if (k < sizeof buf)
      snprintf(buf + k, sizeof buf - k, "%s", paren ? ")" : "");
    if (k >= sizeof buf - 4)
      memcpy(buf + sizeof buf - 5, "...)", 5);
    n->shown = lx_arena_strdup(ld->keep, buf);
    if (!n->shown)
      return false;
  }
  return true;
}

/* Where each rule's explanation starts, and sizes for case scratch. */
static bool steps_and_totals(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  rs->rule_step = lx_arena_alloc(ld->keep, (ld->rules.n + 1) *
                                               sizeof *rs->rule_step);
  if (!rs->rule_step)
    return false;
  size_t at = 0;
  for (size_t r = 0; r < ld->rules.n; r++) {
    const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    rs->rule_step[r] = (uint32_t)at;
    const lx_cond *root = &LX_VEC_AT(&ld->conds, lx_cond, rule->root);
    bool dated = rule->from != INT32_MIN || rule->until != INT32_MAX;
    at += 1 + (dated ? 1 : 0) + rule->nbases + (root->end - rule->root);
    rs->total_rule_cites += rule->ncites;
    rs->total_actions += rule->nactions;
    for (size_t a = 0; a < rule->nactions; a++) {
      rs->total_action_cites += rule->actions[a].ncites;
      if (rule->actions[a].deadline)
        LX_VEC_AT(&ld->regimes, lx_regime, rule->regime).timed = rs->timed =
            true;
    }
  }
  rs->pass_steps = at;
  return true;
}

/* Each citation as the verdict's JSON writes it, once for every verdict
   that cites it. */
static bool citations_json(lx_loader *ld)
{
  for (size_t i = 0; i < ld->cites.n; i++) {
    lx_citation *c = &LX_VEC_AT(&ld->cites, lx_citation, i);
    if (!(c->json = lx_json_citation(ld->keep, &c->pub, &c->jsonlen)))
      return false;
  }
  return true;
}

void lx_order_build(lx_loader *ld, bool complete)
{
  /* Regimes own contiguous runs of rules (rules are sorted by regime). */
  for (size_t r = 0; r < ld->rules.n; r++) {
    const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
    lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, rule->regime);
    if (rg->nrules++ == 0)
      rg->first = (uint32_t)r;
  }
  if (!rule_graphs(ld))
    lx_diag_oom(ld->diag);
  else if (complete && (!regime_graph(ld) || !fact_index(ld) ||
                        !shown_texts(ld) || !steps_and_totals(ld) ||
                        !lx_index_build(ld) || !lx_xnode_build(ld) ||
                        !citations_json(ld)))
    lx_diag_oom(ld->diag);
}
