/*
** rules.c: rules and their actions. Rules are first collected (ids,
** regimes), put in verdict order, then compiled one by one: effect, dates,
** text template, citations, actions, conditions and override edges.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "load.h"


static bool local_id_ok(const char *s)
{
  if (!*s)
    return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '-'))
      return false;
  return true;
}

/* ------------------------------------------------------------------ */
/* Collecting                                                           */
/* ------------------------------------------------------------------ */

void lx_rules_collect(lx_loader *ld, size_t f)
{
  const lx_ynode *list = lx_ymap_get(ld->files[f].doc.root, "rules");
  if (!list)
    return;
  int regime = ld->files[f].regime;
  if (regime < 0) {
    lx_ld_error(ld, f, list, "rules need a regime: add 'regime: ID' to the "
                "file");
    return;
  }
  if (list->kind != LX_YSEQ) {
    lx_ld_error(ld, f, list, "rules must be a list");
    return;
  }
  const char *rid = LX_VEC_AT(&ld->regimes, lx_regime, regime).id;
  for (size_t i = 0; i < list->n; i++) {
    const lx_ynode *n = list->items[i];
    if (n->kind != LX_YMAP) {
      lx_ld_error(ld, f, n, "a rule must be a map with id, effect, when, "
                  "text and cite");
      continue;
    }
    const lx_ynode *idn = lx_ymap_get(n, "id");
    if (!idn || idn->kind != LX_YSCALAR) {
      lx_ld_error(ld, f, idn ? idn : n, "a rule needs an id");
      continue;
    }
    if (!local_id_ok(idn->str)) {
      lx_ld_error(ld, f, idn, "rule id '%.60s' may hold only a-z, 0-9, '_' "
                  "and '-'", idn->str);
      continue;
    }
    if (ld->rulesrc.n >= LX_MAX_RULES) {
      lx_ld_error_at(ld, LEXLOCI_ELIMIT, f, n->line, n->col,
                     "a rule set has more than %d rules", LX_MAX_RULES);
      return;
    }
    size_t len = strlen(rid) + 1 + idn->len + 1;
    char *full = lx_arena_alloc(ld->keep, len);
    lx_rulesrc *src = lx_vec_push(&ld->rulesrc, ld->mem);
    if (!full || !src) {
      lx_diag_oom(ld->diag);
      return;
    }
    snprintf(full, len, "%s.%s", rid, idn->str);
    src->node = n;
    src->file = f;
    src->order = ld->rulesrc.n - 1;
    src->regime = regime;
    src->id = full;
    src->local = full + strlen(rid) + 1;
  }
}

static int cmp_src(const void *a, const void *b)
{
  const lx_rulesrc *x = a, *y = b;
  if (x->regime != y->regime)
    return x->regime < y->regime ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

void lx_rules_sort(lx_loader *ld)
{
  if (ld->rulesrc.n) /* items is NULL when no file has rules */
    qsort(ld->rulesrc.items, ld->rulesrc.n, sizeof(lx_rulesrc), cmp_src);
  for (size_t i = 0; i < ld->rulesrc.n; i++) {
    const lx_rulesrc *src = &LX_VEC_AT(&ld->rulesrc, lx_rulesrc, i);
    long prev = lx_names_get(&ld->rule_names, src->id);
    if (prev >= 0) {
      const lx_rule *p = &LX_VEC_AT(&ld->rules, lx_rule, prev);
      const lx_ynode *idn = lx_ymap_get(src->node, "id");
      lx_ld_error(ld, src->file, idn, "duplicate rule id '%s' (first at "
                  "%s:%d)", src->id, p->file, p->line);
    }
    lx_rule *r = lx_vec_push(&ld->rules, ld->mem);
    if (!r || (prev < 0 && !lx_names_add(&ld->rule_names, src->id,
                                         (uint32_t)(ld->rules.n - 1)))) {
      lx_diag_oom(ld->diag);
      return;
    }
    r->id = src->id;
    r->local = src->local;
    r->regime = src->regime;
    r->file = ld->files[src->file].path;
    r->line = src->node->line;
    r->col = src->node->col;
    r->root = UINT32_MAX;
    r->from = LX_DATE_MIN;
    r->until = LX_DATE_MAX;
  }
}

/* ------------------------------------------------------------------ */
/* Compiling                                                            */
/* ------------------------------------------------------------------ */

/* The column of byte `off` of scalar n's text: exact for one-line plain
   and quoted scalars, else the scalar's own column. */
static int text_col(const lx_ynode *n, size_t off)
{
  bool oneline = (n->style == LX_YPLAIN || n->style == LX_YSINGLE ||
                  n->style == LX_YDOUBLE) && !strchr(n->str, '\n');
  if (!oneline)
    return n->col;
  return n->col + (int)off + (n->style == LX_YPLAIN ? 0 : 1);
}

/* Splits a text into literal and {fact.path} segments. */
static bool text_template(lx_loader *ld, size_t f, const lx_ynode *n,
                          lx_rule *r)
{
  const char *s = r->text;
  size_t cap = 1;
  for (const char *p = s; *p; p++)
    cap += *p == '{';
  cap = cap * 2 + 1;
  lx_textseg *segs = lx_arena_alloc(ld->keep, cap * sizeof *segs);
  char *lit = lx_arena_alloc(ld->keep, strlen(s) + 1);
  if (!segs || !lit) {
    lx_diag_oom(ld->diag);
    return false;
  }
  size_t nseg = 0, litlen = 0;
  const char *litstart = lit;
  for (const char *p = s; *p;) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      lit[litlen++] = *p;
      p += 2;
      continue;
    }
    if (*p == '}') {
      lx_ld_error_at(ld, LEXLOCI_ERULE, f, n->line,
                     text_col(n, (size_t)(p - s)), "unmatched '}' in the "
                     "text; write '}}' for a brace");
      return false;
    }
    if (*p != '{') {
      lit[litlen++] = *p++;
      continue;
    }
    const char *end = strchr(p, '}');
    if (!end) {
      lx_ld_error_at(ld, LEXLOCI_ERULE, f, n->line,
                     text_col(n, (size_t)(p - s)), "unmatched '{' in the "
                     "text; write '{{' for a brace");
      return false;
    }
    int fact = lx_fact_find(p + 1, (size_t)(end - p - 1));
    if (fact < 0) {
      char path[128], hint[128];
      snprintf(path, sizeof path, "%.*s", (int)(end - p - 1), p + 1);
      lx_ld_error_at(ld, LEXLOCI_ERULE, f, n->line,
                     text_col(n, (size_t)(p + 1 - s)),
                     "the text quotes unknown fact '%s'%s", path,
                     lx_fact_hint(path, hint, sizeof hint));
      return false;
    }
    if (litlen) {
      segs[nseg].s = litstart;
      segs[nseg].len = (size_t)(lit + litlen - litstart);
      segs[nseg++].fact = -1;
      litstart = lit + litlen;
    }
    segs[nseg].fact = fact;
    segs[nseg++].s = NULL;
    p = end + 1;
  }
  if (lit + litlen > litstart) {
    segs[nseg].s = litstart;
    segs[nseg].len = (size_t)(lit + litlen - litstart);
    segs[nseg++].fact = -1;
  }
  r->segs = segs;
  r->nsegs = nseg;
  return true;
}

/* `unsettled` is shown as written (the API hands it out as it is): a
   {fact.path} there would reach the reader unfilled. */
static void unsettled_plain(lx_loader *ld, size_t f, const lx_ynode *n)
{
  for (const char *p = n->str; (p = strchr(p, '{')); p++) {
    const char *end = strchr(p, '}');
    if (end && lx_fact_find(p + 1, (size_t)(end - p - 1)) >= 0) {
      lx_ld_error_at(ld, LEXLOCI_ERULE, f, n->line,
                     text_col(n, (size_t)(p - n->str)),
                     "'%.*s' is filled in only in the text; unsettled is "
                     "shown as written, so say it in words",
                     (int)(end - p + 1), p);
      return;
    }
  }
}

static const char *tidy_text(lx_loader *ld, const char *s)
{
  /* Folded YAML (>) ends with a newline; texts are one paragraph. */
  size_t n = strlen(s);
  while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
    n--;
  const char *k = lx_arena_strndup(ld->keep, s, n);
  if (!k)
    lx_diag_oom(ld->diag);
  return k;
}

static bool action(lx_loader *ld, size_t f, const lx_ynode *n,
                   lx_action *a)
{
  static const char *const keys[] = {"id", "by", "text", "deadline", "from",
                                     "cite", NULL};
  static const char *const bys[] = {"provider", "issuing_authority",
                                    "customer", NULL};
  static const char *const froms[] = {"receipt", "service", "notification",
                                      NULL};
  if (!lx_ld_keys(ld, f, n, keys, "an action"))
    return false;
  const lx_ynode *id = lx_ymap_get(n, "id");
  const lx_ynode *by = lx_ymap_get(n, "by");
  const lx_ynode *text = lx_ymap_get(n, "text");
  const lx_ynode *deadline = lx_ymap_get(n, "deadline");
  const lx_ynode *from = lx_ymap_get(n, "from");
  if (!id || !by || !text) {
    static const char *const required[] = {"id", "by", "text", NULL};
    char miss[96];
    lx_ld_error(ld, f, n, "an action needs id, by, text and cite%s",
                lx_ld_missing(n, required, miss, sizeof miss));
    return false;
  }
  bool ok = true;
  a->id = lx_ld_str(ld, f, id, "id");
  if (a->id && !local_id_ok(a->id)) {
    lx_ld_error(ld, f, id, "action id '%.60s' may hold only a-z, 0-9, '_' "
                "and '-'", a->id);
    ok = false;
  }
  a->by = lx_ld_str(ld, f, by, "by");
  if (a->by) {
    bool found = false;
    lx_suggest s;
    lx_suggest_init(&s, a->by);
    for (const char *const *b = bys; *b; b++) {
      found = found || strcmp(*b, a->by) == 0;
      lx_suggest_try(&s, *b);
    }
    if (!found) {
      char hint[96];
      lx_ld_error(ld, f, by, "'by' must be provider, issuing_authority or "
                  "customer%s", lx_suggest_hint(&s, hint, sizeof hint));
      ok = false;
    }
  }
  if (text)
    a->text = text->kind == LX_YSCALAR ? tidy_text(ld, text->str)
                                       : lx_ld_str(ld, f, text, "text");
  if (deadline) {
    a->deadline = lx_ld_str(ld, f, deadline, "deadline");
    if (a->deadline && !lx_duration_valid(a->deadline)) {
      lx_ld_error(ld, f, deadline, "deadline '%.40s' is not an ISO 8601 "
                  "duration such as P14D or PT8H", a->deadline);
      ok = false;
    }
    if (!from) {
      lx_ld_error(ld, f, deadline, "a deadline needs 'from': receipt, "
                  "service or notification");
      ok = false;
    }
  }
  if (from) {
    a->from = lx_ld_str(ld, f, from, "from");
    bool found = false;
    lx_suggest s;
    lx_suggest_init(&s, a->from ? a->from : "");
    for (const char *const *b = froms; a->from && *b; b++) {
      found = found || strcmp(*b, a->from) == 0;
      lx_suggest_try(&s, *b);
    }
    if (a->from && !found) {
      char hint[96];
      lx_ld_error(ld, f, from, "'from' must be receipt, service or "
                  "notification%s", lx_suggest_hint(&s, hint, sizeof hint));
      ok = false;
    }
    if (!deadline) {
      lx_ld_error(ld, f, from, "'from' goes with a deadline");
      ok = false;
    }
  }
  char what[96];
  snprintf(what, sizeof what, "action '%.40s'", a->id ? a->id : "?");
  a->cites = lx_ld_cites(ld, f, n, &a->ncites, what);
  return ok && a->id && a->by && a->text && a->cites;
}

/* exception_to / overrides: one id or a list, of rules of this regime. */
static void edges(lx_loader *ld, size_t f, const lx_ynode *n, uint32_t r,
                  bool base)
{
  if (!n)
    return;
  size_t k = n->kind == LX_YSEQ ? n->n : 1;
  const lx_rule *rule = &LX_VEC_AT(&ld->rules, lx_rule, r);
  const char *rid = LX_VEC_AT(&ld->regimes, lx_regime, rule->regime).id;
  for (size_t i = 0; i < k; i++) {
    const lx_ynode *it = n->kind == LX_YSEQ ? n->items[i] : n;
    if (it->kind != LX_YSCALAR) {
      lx_ld_error(ld, f, it, "expected a rule id");
      continue;
    }
    char full[256];
    snprintf(full, sizeof full, "%s.%s", rid, it->str);
    long t = lx_names_get(&ld->rule_names, full);
    if (t < 0) {
      char hint[160];
      lx_ld_hint(&ld->rule_names, full, hint, sizeof hint);
      const char *what = strchr(it->str, '.')
                             ? "; a rule overrides only rules of its own "
                               "regime: write the id without the regime"
                             : hint;
      lx_ld_error(ld, f, it, "no rule '%.60s' in regime %s%s", it->str,
                  rid, what);
      continue;
    }
    if ((uint32_t)t == r) {
      lx_ld_error(ld, f, it, "a rule cannot override itself");
      continue;
    }
    lx_edge *e = lx_vec_push(&ld->edges, ld->mem);
    if (!e) {
      lx_diag_oom(ld->diag);
      return;
    }
    e->by = r;
    e->of = (uint32_t)t;
    e->base = base;
    e->file = f;
    e->line = it->line;
    e->col = it->col;
  }
}

void lx_rules_compile(lx_loader *ld, size_t ri)
{
  static const char *const keys[] = {"id", "title", "effect", "when", "text",
                                     "cite", "unsettled", "in_force",
                                     "exception_to", "overrides", "actions",
                                     NULL};
  const lx_rulesrc *src = &LX_VEC_AT(&ld->rulesrc, lx_rulesrc, ri);
  const lx_ynode *n = src->node;
  size_t f = src->file;
  lx_rule r = LX_VEC_AT(&ld->rules, lx_rule, ri);
  char what[160];
  snprintf(what, sizeof what, "rule '%.100s'", r.id);
  if (!lx_ld_keys(ld, f, n, keys, what))
    return;
  const lx_ynode *effect = lx_ymap_get(n, "effect");
  const lx_ynode *when = lx_ymap_get(n, "when");
  const lx_ynode *text = lx_ymap_get(n, "text");
  if (!effect || !when || !text) {
    static const char *const required[] = {"effect", "when", "text", NULL};
    char miss[96];
    lx_ld_error(ld, f, n, "%s needs effect, when, text and cite%s%s", what,
                lx_ld_missing(n, required, miss, sizeof miss),
                !when ? " (a rule that always applies says when: [])" : "");
    return;
  }
  int eff = effect->kind == LX_YSCALAR
                ? lx_effect_parse(effect->str, effect->len, true)
                : -1;
  r.effect = eff < 0 ? LEXLOCI_OUTCOME_COUNT : (lexloci_outcome)eff;
  if (eff < 0) {
    char hint[96];
    const char *name = effect->kind == LX_YSCALAR ? effect->str : "?";
    lx_ld_error(ld, f, effect, "unknown effect '%.40s'%s", name,
                lx_effect_hint(name, true, hint, sizeof hint));
  }
  const lx_ynode *title = lx_ymap_get(n, "title");
  if (title)
    r.title = lx_ld_str(ld, f, title, "title");
  if (text->kind == LX_YSCALAR && !lx_ynode_is_null(text)) {
    r.text = tidy_text(ld, text->str);
    if (r.text)
      text_template(ld, f, text, &r);
  } else {
    lx_ld_error(ld, f, text, lx_ynode_is_null(text)
                                 ? "the text is empty"
                                 : "the text must be plain English, not a "
                                   "list or a map");
  }
  const lx_ynode *uns = lx_ymap_get(n, "unsettled");
  if (uns && uns->kind == LX_YSCALAR) {
    r.unsettled = tidy_text(ld, uns->str);
    unsettled_plain(ld, f, uns);
  } else if (uns)
    lx_ld_error(ld, f, uns, "unsettled must be a sentence");
  r.cites = lx_ld_cites(ld, f, n, &r.ncites, what);
  const lx_ynode *inf = lx_ymap_get(n, "in_force");
  if (inf) {
    static const char *const dkeys[] = {"from", "until", NULL};
    if (lx_ld_keys(ld, f, inf, dkeys, "in_force")) {
      const lx_ynode *from = lx_ymap_get(inf, "from");
      const lx_ynode *until = lx_ymap_get(inf, "until");
      if (from)
        lx_ld_date(ld, f, from, &r.from, "from");
      if (until)
        lx_ld_date(ld, f, until, &r.until, "until");
      if (r.from != LX_DATE_MIN && r.until != LX_DATE_MAX &&
          r.until < r.from)
        lx_ld_error(ld, f, until, "'until' is before 'from'");
    }
  }
  const lx_ynode *acts = lx_ymap_get(n, "actions");
  if (acts && acts->kind != LX_YSEQ) {
    lx_ld_error(ld, f, acts, "actions must be a list");
  } else if (acts && acts->n) {
    r.actions = lx_arena_alloc(ld->keep, acts->n * sizeof *r.actions);
    if (!r.actions) {
      lx_diag_oom(ld->diag);
      return;
    }
    for (size_t i = 0; i < acts->n; i++) {
      if (action(ld, f, acts->items[i], &r.actions[r.nactions]))
        r.nactions++;
      for (size_t j = 0; j + 1 < r.nactions; j++)
        if (strcmp(r.actions[j].id, r.actions[r.nactions - 1].id) == 0) {
          lx_ld_error(ld, f, lx_ymap_get(acts->items[i], "id"), "action "
                      "'%s' is listed twice in %s", r.actions[j].id, what);
          r.nactions--;
          break;
        }
    }
  }
  edges(ld, f, lx_ymap_get(n, "exception_to"), (uint32_t)ri, true);
  edges(ld, f, lx_ymap_get(n, "overrides"), (uint32_t)ri, false);
  if (when->kind == LX_YSEQ && when->n == 0) {
    /* when: [] applies always: an empty all-group. */
    lx_cond *c = lx_vec_push(&ld->conds, ld->mem);
    if (!c) {
      lx_diag_oom(ld->diag);
      return;
    }
    c->kind = LX_C_ALL;
    c->fact = -1;
    c->text = "always";
    c->line = when->line;
    c->col = when->col;
    c->end = (uint32_t)ld->conds.n;
    r.root = (uint32_t)(ld->conds.n - 1);
  } else {
    r.root = lx_cond_compile(ld, f, when, ri);
  }
  LX_VEC_AT(&ld->rules, lx_rule, ri) = r;
}
