/*
** json.c: the verdict as JSON (spec/verdict.md), into a caller's buffer.
** Deterministic: the same case and rule set give the same bytes.
*/
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "verdict.h"

typedef struct jw {
  lx_out o;
  bool pretty;
  int depth;
  bool first;          /* no member written yet at this depth */
} jw;

/* lx_out_put, inline while the buffer has room (the usual case). */
static inline void put(jw *w, const char *s, size_t n)
{
  lx_out *o = &w->o;
  if (o->len < o->cap && n <= o->cap - o->len) {
    memcpy(o->buf + o->len, s, n);
    o->len += n;
  } else {
    lx_out_put(o, s, n);
  }
}

static void nl(jw *w)
{
  if (!w->pretty)
    return;
  put(w, "\n", 1);
  for (int i = 0; i < w->depth; i++)
    put(w, "  ", 2);
}

/* Whether one of the 8 bytes of x is a control, a quote or a backslash:
   a byte esc_body must escape ("Bit Twiddling Hacks": a word has a byte
   less than n, a word has a zero byte). */
static bool needs_escape8(uint64_t x)
{
  const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
  uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
  uint64_t any = ((x - ones * 0x20) & ~x) | ((quote - ones) & ~quote) |
                 ((slash - ones) & ~slash);
  return (any & high) != 0;
}

/* The inside of a JSON string: s escaped, without the quotes. */
static void esc_body(jw *w, const char *s, size_t n)
{
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    uint64_t x, y;
    while (n - i >= 16 && (memcpy(&x, s + i, 8), memcpy(&y, s + i + 8, 8),
                           !needs_escape8(x) && !needs_escape8(y)))
      i += 16;
    while (n - i >= 8 && (memcpy(&x, s + i, 8), !needs_escape8(x)))
      i += 8;
    if (i == n)
      break;
    unsigned char ch = (unsigned char)s[i];
    if (ch >= 0x20 && ch != '"' && ch != '\\')
      continue;
    put(w, s + run, i - run);
    run = i + 1;
    switch (ch) {
    case '"': put(w, "\\\"", 2); break;
    case '\\': put(w, "\\\\", 2); break;
    case '\n': put(w, "\\n", 2); break;
    case '\t': put(w, "\\t", 2); break;
    case '\r': put(w, "\\r", 2); break;
    default: lx_out_fmt(&w->o, "\\u%04x", ch); break;
    }
  }
  put(w, s + run, n - run);
}

static void esc(jw *w, const char *s, size_t n)
{
  put(w, "\"", 1);
  esc_body(w, s, n);
  put(w, "\"", 1);
}

/* A rule's text with the case's facts quoted, escaped piece by piece: a
   whole text cut to a buffer could end inside a UTF-8 sequence (invalid
   JSON), but no one piece is longer than LX_MAX_SCALAR_BYTES (a text
   fact) or a list of every country or value. */
static void rule_text(jw *w, const lexloci_case *c, const lx_rule *r,
                      unsigned cats)
{
  put(w, "\"", 1);
  for (size_t i = 0; i < r->nsegs; i++) {
    if (r->segs[i].fact < 0) {
      esc_body(w, r->segs[i].s, r->segs[i].len);
      continue;
    }
    char buf[LX_MAX_SCALAR_BYTES + 4096];
    lx_out t = {buf, sizeof buf, 0};
    lx_render_quoted(c, r->segs[i].fact, cats, &t);
    lx_assert(t.len <= sizeof buf);
    esc_body(w, buf, t.len < sizeof buf ? t.len : sizeof buf);
  }
  put(w, "\"", 1);
}

static void str(jw *w, const char *s)
{
  if (s)
    esc(w, s, strlen(s));
  else
    lx_out_str(&w->o, "null");
}

/* Starts a member (key may be NULL inside arrays). Keys are this file's
   words and the names of categories: nothing to escape. */
static void member(jw *w, const char *key)
{
  if (!w->first)
    put(w, ",", 1);
  nl(w);
  w->first = false;
  if (key) {
    put(w, "\"", 1);
    put(w, key, strlen(key));
    put(w, w->pretty ? "\": " : "\":", w->pretty ? 3 : 2);
  }
}

static void open(jw *w, const char *key, char brace)
{
  member(w, key);
  put(w, &brace, 1);
  w->depth++;
  w->first = true;
}

static void close_(jw *w, char brace)
{
  w->depth--;
  if (!w->first)
    nl(w);
  put(w, &brace, 1);
  w->first = false;
}

static void kv_str(jw *w, const char *key, const char *v)
{
  member(w, key);
  str(w, v);
}

/* An object on one line, even in pretty output. */
/* key: a literal (true, false, a number) written as it is. */
static void kv_raw(jw *w, const char *key, const char *v)
{
  member(w, key);
  lx_out_str(&w->o, v);
}

static bool inline_open(jw *w, const char *key)
{
  member(w, key);
  bool pretty = w->pretty;
  w->pretty = false;
  put(w, "{", 1);
  w->first = true;
  return pretty;
}

static void inline_close(jw *w, bool pretty)
{
  put(w, "}", 1);
  w->pretty = pretty;
  w->first = false;
}

/* A citation as a JSON object: on one line, even in pretty output. */
static void citation(jw *w, const lexloci_citation *c)
{
  bool pretty = inline_open(w, NULL);
  kv_str(w, "ref", c->ref);
  kv_str(w, "title", c->title);
  kv_str(w, "url", c->url);
  inline_close(w, pretty);
}

char *lx_json_citation(lx_arena *a, const lexloci_citation *c, size_t *len)
{
  char none;
  jw w = {{&none, 0, 0}, false, 0, true};
  citation(&w, c); /* its length */
  char *s = lx_arena_alloc(a, w.o.len + 1);
  if (!s)
    return NULL;
  w = (jw){{s, w.o.len + 1, 0}, false, 0, true};
  citation(&w, c);
  *len = lx_out_end(&w.o);
  return s;
}

static void citations(jw *w, const lexloci_ruleset *rs, const uint32_t *ids,
                      size_t n)
{
  open(w, "citations", '[');
  for (size_t i = 0; i < n; i++) {
    const lx_citation *c = &rs->cites[ids[i]];
    if (c->json) { /* written when the rule set loaded */
      member(w, NULL);
      put(w, c->json, c->jsonlen);
      w->first = false;
    } else {
      citation(w, &c->pub);
    }
  }
  close_(w, ']');
}

/* A flat array of strings on one line. */
static void strings_begin(jw *w, const char *key)
{
  member(w, key);
  put(w, "[", 1);
}

static void strings_item(jw *w, bool *first, const char *s)
{
  if (!*first)
    lx_out_str(&w->o, w->pretty ? ", " : ",");
  *first = false;
  str(w, s);
}

static void categories(jw *w, const char *key, unsigned cats)
{
  bool first = true;
  strings_begin(w, key);
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
    if (cats >> k & 1)
      strings_item(w, &first, lexloci_category_name((lexloci_category)k));
  put(w, "]", 1);
}

static void facts(jw *w, const char *key, uint64_t mask)
{
  bool first = true;
  strings_begin(w, key);
  for (int f = 0; f < lx_nfacts; f++)
    if (mask >> f & 1)
      strings_item(w, &first, lx_facts[f].path);
  put(w, "]", 1);
}

static void regimes(jw *w, const lexloci_verdict *v)
{
  const lexloci_case *c = v->c;
  const lexloci_ruleset *rs = c->rs;
  bool multi = __builtin_popcount(v->cats) > 1;
  open(w, "regimes", '[');
  for (size_t g = 0; g < rs->nregimes; g++) {
    open(w, NULL, '{');
    kv_str(w, "id", rs->regimes[g].id);
    if (rs->regimes[g].title)
      kv_str(w, "title", rs->regimes[g].title);
    lexloci_outcome o = lx_verdict_regime_outcome(v, g);
    kv_str(w, "outcome", lx_outcome_name(o));
    if (lx_verdict_unsettled(v, (int)g))
      kv_raw(w, "unsettled", "true");
    bool first = true;
    strings_begin(w, "findings");
    for (size_t i = 0; i < v->reg_nfind[g]; i++)
      strings_item(w, &first,
                   rs->rules[v->findings[v->reg_first[g] + i].rule].id);
    put(w, "]", 1);
    if (o == LEXLOCI_UNDETERMINED) {
      const lx_catresult *cr = &c->cat[v->deciding];
      first = true;
      strings_begin(w, "possible");
      for (int k = 0; k < LEXLOCI_OUTCOME_COUNT; k++)
        if (cr->possible[g] >> k & 1)
          strings_item(w, &first, lx_outcome_name((lexloci_outcome)k));
      put(w, "]", 1);
      facts(w, "missing", cr->reg_missing[g]);
    }
    bool differ = false;
    for (int k = 0; multi && k < LEXLOCI_CATEGORY_COUNT; k++)
      if ((v->cats >> k & 1) && c->cat[k].outcome[g] != o)
        differ = true;
    if (differ) {
      open(w, "by_category", '{');
      for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
        if (v->cats >> k & 1)
          kv_str(w, lexloci_category_name((lexloci_category)k),
                 lx_outcome_name(c->cat[k].outcome[g]));
      close_(w, '}');
    }
    close_(w, '}');
  }
  close_(w, ']');
}

static void finding_list(jw *w, const lexloci_verdict *v)
{
  const lexloci_case *c = v->c;
  const lexloci_ruleset *rs = c->rs;
  bool multi = __builtin_popcount(v->cats) > 1;
  open(w, "findings", '[');
  for (size_t i = 0; i < v->nfindings; i++) {
    const lx_finding *f = &v->findings[i];
    const lx_rule *r = &rs->rules[f->rule];
    open(w, NULL, '{');
    kv_str(w, "rule", r->id);
    kv_str(w, "regime", rs->regimes[r->regime].id);
    kv_str(w, "effect", lx_outcome_name(r->effect));
    member(w, "text");
    rule_text(w, c, r, f->cats);
    if (r->unsettled)
      kv_str(w, "unsettled", r->unsettled);
    bool first = true;
    strings_begin(w, "because");
    for (uint32_t k = 0; k < f->nbecause; k++) {
      const lx_cond *cd = &rs->conds[lx_finding_reason(v, f, k)];
      strings_item(w, &first, cd->shown ? cd->shown : cd->text);
    }
    put(w, "]", 1);
    if (multi)
      categories(w, "categories", f->cats);
    if (f->maybe) {
      /* It only may stand: the outcome is its effect either way. */
      categories(w, "may_stand", f->maybe);
      facts(w, "depends_on", f->depends);
    }
    citations(w, rs, r->cites, r->ncites);
    close_(w, '}');
  }
  close_(w, ']');
}

static void conflict_list(jw *w, const lexloci_verdict *v)
{
  const lexloci_ruleset *rs = v->c->rs;
  bool multi = __builtin_popcount(v->cats) > 1;
  open(w, "conflicts", '[');
  for (size_t i = 0; i < v->nconflicts; i++) {
    const lx_conflict *cf = &v->conflicts[i];
    open(w, NULL, '{');
    bool first = true;
    strings_begin(w, "between");
    strings_item(w, &first, rs->regimes[cf->a].id);
    strings_item(w, &first, rs->regimes[cf->b].id);
    put(w, "]", 1);
    if (cf->text) {
      kv_str(w, "text", cf->text);
    } else {
      char t[256];
      snprintf(t, sizeof t, "%s requires disclosure while %s forbids it.",
               rs->regimes[cf->a].id, rs->regimes[cf->b].id);
      kv_str(w, "text", t);
    }
    if (multi)
      categories(w, "categories", cf->cats);
    citations(w, rs, v->citepool + cf->cites, cf->ncites);
    close_(w, '}');
  }
  close_(w, ']');
}

static void action_list(jw *w, const lexloci_verdict *v)
{
  const lexloci_ruleset *rs = v->c->rs;
  open(w, "actions", '[');
  for (size_t i = 0; i < v->nactions; i++) {
    const lx_merged_action *m = &v->actions[i];
    const lx_action *a = &rs->rules[m->rule].actions[m->k];
    open(w, NULL, '{');
    kv_str(w, "id", a->id);
    kv_str(w, "by", a->by);
    kv_str(w, "text", a->text);
    if (a->deadline) {
      kv_str(w, "deadline", a->deadline);
      kv_str(w, "deadline_from", a->from);
    }
    kv_str(w, "rule", rs->rules[m->rule].id);
    citations(w, rs, v->citepool + m->cites, m->ncites);
    close_(w, '}');
  }
  close_(w, ']');
}

static void trace(jw *w, const lexloci_verdict *v)
{
  open(w, "trace", '[');
  for (size_t i = 0; i < v->nsteps; i++) {
    lexloci_step s;
    if (lexloci_verdict_step(v, i, &s) != LEXLOCI_OK)
      break;
    static const char *const kinds[] = {"category", "rule", "condition",
                                        "in_force", "base"};
    static const char *const vals[] = {"false", "true", "unknown"};
    bool pretty = inline_open(w, NULL);
    kv_str(w, "step", kinds[s.kind]);
    member(w, "depth");
    lx_out_fmt(&w->o, "%d", s.depth);
    kv_str(w, "text", s.text);
    kv_str(w, "value", vals[s.value]);
    if (s.kind == LEXLOCI_STEP_RULE) {
      kv_str(w, "stands", vals[s.stands]);
      if (s.defeated_by)
        kv_str(w, "defeated_by", s.defeated_by);
    }
    inline_close(w, pretty);
  }
  close_(w, ']');
}

size_t lexloci_verdict_json(const lexloci_verdict *v, unsigned flags,
                            char *buf, size_t cap)
{
  jw w = {{buf, cap, 0}, (flags & LEXLOCI_JSON_PRETTY) != 0, 0, true};
  if (!v || !v->c->valid) {
    lx_out_str(&w.o, "null");
    return lx_out_end(&w.o);
  }
  const lexloci_case *c = v->c;
  const lexloci_ruleset *rs = c->rs;
  put(&w, "{", 1);
  w.depth = 1;
  member(&w, "lexloci");
  lx_out_fmt(&w.o, "%d", LEXLOCI_SCHEMA_VERSION);
  open(&w, "case", '{');
  const lx_fval *id = &c->vals[LX_F_ID];
  member(&w, "id");
  if (id->state == LX_KNOWN)
    esc(&w, id->v.s, id->v.slen);
  else
    lx_out_str(&w.o, "null");
  char d[11];
  lx_date_format(c->vals[LX_F_DATE].v.u.date, d);
  kv_str(&w, "date", d);
  close_(&w, '}');
  open(&w, "rule_set", '{');
  kv_str(&w, "name", rs->name);
  kv_str(&w, "version", rs->version);
  kv_str(&w, "digest", rs->digest);
  close_(&w, '}');
  kv_str(&w, "verdict", lx_outcome_name(v->kind));
  kv_raw(&w, "unsettled", lx_verdict_unsettled(v, -1) ? "true" : "false");
  char summary[2048];
  lx_out so = {summary, sizeof summary, 0};
  lx_render_summary(v, &so);
  lx_out_end(&so);
  kv_str(&w, "summary", summary);
  regimes(&w, v);
  finding_list(&w, v);
  conflict_list(&w, v);
  action_list(&w, v);
  if (__builtin_popcount(v->cats) > 1) {
    open(&w, "by_category", '{');
    for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
      if (v->cats >> k & 1)
        kv_str(&w, lexloci_category_name((lexloci_category)k),
               lx_outcome_name(v->by_cat[k]));
    close_(&w, '}');
  }
  facts(&w, "missing", v->missing);
  if (v->refine) /* only then: most verdicts have none */
    facts(&w, "refine", v->refine);
  if (flags & LEXLOCI_JSON_TRACE)
    trace(&w, v);
  close_(&w, '}');
  if (w.pretty)
    put(&w, "\n", 1);
  return lx_out_end(&w.o);
}
