/*
** test_limits.c: every limit of engine/common.h on both sides: an input
** exactly at the limit is accepted, one past it is refused with
** LEXLOCI_ELIMIT at a position (file, and line:col where there is one),
** quickly and without a crash (docs/security.md lists them).
*/
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

#include "common.h"
#include "diag.h"
#include "mem.h"
#include "ydoc.h"

/* The batch reader of the CLI, to test its line limit in-process. */
#include "../../tools/cli/batch.c"

LX_SUITE(limits);

/* ------------------------------------------------------------------ */
/* Building big inputs                                                  */
/* ------------------------------------------------------------------ */

typedef struct buf {
  char *s;
  size_t n, cap;
} buf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (b->n + (size_t)n + 1 > b->cap) {
    b->cap = (b->n + (size_t)n + 1) * 2;
    b->s = realloc(b->s, b->cap);
    cr_assert_not_null(b->s);
  }
  va_start(ap, fmt);
  vsnprintf(b->s + b->n, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->n += (size_t)n;
}

/* Pads b with a YAML comment line so that it is exactly len bytes. */
static void pad_to(buf *b, size_t len)
{
  cr_assert(b->n + 3 <= len);
  size_t k = len - b->n - 2;
  put(b, "#");
  for (size_t i = 0; i < k; i++)
    put(b, "x");
  put(b, "\n");
  cr_assert_eq(b->n, len);
}

/* Parses text as one YAML document; returns the status and the first
   error in *e. */
static lexloci_status ydoc(const char *text, size_t len, lexloci_error *e)
{
  lx_mem m;
  lx_mem_init(&m, NULL);
  lx_arena a;
  lx_arena_init(&a, &m);
  lx_diag d;
  lx_diag_init(&d, NULL);
  lx_ydoc doc;
  lx_ydoc_parse(&doc, &a, &d, "doc.yaml", text, len, LX_MAX_FILE_BYTES);
  lx_arena_free(&a);
  memset(e, 0, sizeof *e);
  return lx_diag_result(&d, e);
}

static void refused_at(lexloci_status st, const lexloci_error *e, int line,
                       int col, const char *words)
{
  cr_assert_eq(st, LEXLOCI_ELIMIT, "status %d: %s", st, e->message);
  cr_assert_str_eq(e->file, "doc.yaml");
  cr_assert_eq(e->line, line, "line %d, want %d (%s)", e->line, line,
               e->message);
  cr_assert_eq(e->col, col, "col %d, want %d (%s)", e->col, col, e->message);
  cr_assert(strstr(e->message, words), "message '%s'", e->message);
}

/* A complete, valid case. */
static const char good_case[] =
    "lexloci: 1\n"
    "request: {date: 2026-11-28, issuing_state: US, instrument: warrant,"
    " data_categories: [content]}\n"
    "data: {locations: [US]}\n";

static const char one_rule[] =
    "regime: t.one\n"
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "rules:\n"
    "  - {id: a, effect: must_disclose, when: [request.issuing_state is US],"
    " text: T, cite: c1}\n";

static lexloci_status load_case_text(const char *text, size_t len,
                                     lexloci_error *e)
{
  lexloci_ruleset *rs = rules_ok(one_rule);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  memset(e, 0, sizeof *e);
  lexloci_status st = lexloci_case_load(c, "case.yaml", text, len, e);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  return st;
}

/* Loads the manifest plus files r0.yaml ... (n texts). */
static lexloci_status load_many(const char *const *texts, size_t n,
                                lexloci_error *e)
{
  lexloci_source *srcs = calloc(n + 1, sizeof *srcs);
  char (*names)[32] = calloc(n + 1, sizeof *names);
  cr_assert(srcs && names);
  srcs[0] = (lexloci_source){"lexloci.yaml", manifest_yaml,
                             sizeof manifest_yaml - 1};
  for (size_t i = 0; i < n; i++) {
    snprintf(names[i], sizeof names[i], "r%zu.yaml", i);
    srcs[i + 1] = (lexloci_source){names[i], texts[i], strlen(texts[i])};
  }
  lexloci_ruleset *rs = NULL;
  memset(e, 0, sizeof *e);
  lexloci_status st = lexloci_ruleset_load_sources(NULL, srcs, n + 1, &rs, e);
  if (st == LEXLOCI_OK) {
    /* A rule set at the limits still evaluates. */
    lexloci_case *c = NULL;
    cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
    lexloci_error ce;
    cr_assert_eq(lexloci_case_load(c, "c", good_case, strlen(good_case),
                                   &ce), LEXLOCI_OK, "%s", ce.message);
    const lexloci_verdict *v;
    cr_assert_eq(lexloci_eval(c, &v, &ce), LEXLOCI_OK, "%s", ce.message);
    lexloci_case_free(c);
  }
  lexloci_ruleset_free(rs);
  free(srcs);
  free(names);
  return st;
}

static lexloci_status load_one(const char *text, lexloci_error *e)
{
  return load_many(&text, 1, e);
}

static void limit_error(lexloci_status st, const lexloci_error *e,
                        const char *file, int line, int col,
                        const char *words)
{
  cr_assert_eq(st, LEXLOCI_ELIMIT, "status %d: %s:%d:%d: %s", st, e->file,
               e->line, e->col, e->message);
  cr_assert_str_eq(e->file, file);
  cr_assert_eq(e->line, line, "line %d, want %d (%s)", e->line, line,
               e->message);
  cr_assert_eq(e->col, col, "col %d, want %d (%s)", e->col, col, e->message);
  cr_assert(strstr(e->message, words), "message '%s'", e->message);
}

/* ------------------------------------------------------------------ */
/* Input size                                                           */
/* ------------------------------------------------------------------ */

Test(limits, case_bytes)
{
  buf b = {0};
  put(&b, "%s", good_case);
  pad_to(&b, LX_MAX_CASE_BYTES);
  lexloci_error e;
  cr_assert_eq(load_case_text(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
  put(&b, "#");
  lexloci_status st = load_case_text(b.s, b.n, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT);
  cr_assert_str_eq(e.file, "case.yaml");
  cr_assert_str_eq(e.message, "input is larger than 262144 bytes");
  cr_assert_eq(LX_MAX_CASE_BYTES, LEXLOCI_MAX_CASE_BYTES);
  free(b.s);
}

Test(limits, rule_file_bytes)
{
  buf b = {0};
  put(&b, "%s", one_rule);
  pad_to(&b, LX_MAX_FILE_BYTES);
  lexloci_error e;
  cr_assert_eq(load_one(b.s, &e), LEXLOCI_OK, "%s", e.message);
  put(&b, "#");
  lexloci_status st = load_one(b.s, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT);
  cr_assert_str_eq(e.file, "r0.yaml");
  cr_assert(strstr(e.message, "larger than 4194304 bytes"), "%s", e.message);
  free(b.s);
}

/* ------------------------------------------------------------------ */
/* YAML structure                                                       */
/* ------------------------------------------------------------------ */

Test(limits, yaml_depth)
{
  buf b = {0};
  for (int i = 0; i < LX_MAX_YAML_DEPTH; i++)
    put(&b, "[");
  for (int i = 0; i < LX_MAX_YAML_DEPTH; i++)
    put(&b, "]");
  lexloci_error e;
  cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
  b.n = 0;
  for (int i = 0; i <= LX_MAX_YAML_DEPTH; i++)
    put(&b, "[");
  for (int i = 0; i <= LX_MAX_YAML_DEPTH; i++)
    put(&b, "]");
  refused_at(ydoc(b.s, b.n, &e), &e, 1, LX_MAX_YAML_DEPTH + 1,
             "nesting deeper than 64 levels");
  /* Through the public API, in a case: located too. */
  lexloci_status st = load_case_text(b.s, b.n, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT);
  cr_assert_str_eq(e.file, "case.yaml");
  cr_assert_eq(e.line, 1);
  cr_assert_eq(e.col, LX_MAX_YAML_DEPTH + 1);
  free(b.s);
}

/* [&a [x, ... (m items)], *a, ... (k aliases), y, ... (s scalars)] has
   1 + (1 + m) + k * (1 + m) + s nodes, counting each alias in full. */
static void aliased(buf *b, int m, int k, int s)
{
  b->n = 0;
  put(b, "[&a [");
  for (int i = 0; i < m; i++)
    put(b, "%sx", i ? "," : "");
  put(b, "]");
  for (int i = 0; i < k; i++)
    put(b, ",*a");
  for (int i = 0; i < s; i++)
    put(b, ",y");
  put(b, "]");
}

Test(limits, yaml_nodes_counting_aliases)
{
  cr_assert_eq(LX_MAX_YAML_NODES, 200000);
  buf b = {0};
  aliased(&b, 999, 198, 999); /* 1 + 1000 + 198000 + 999 = 200000 */
  lexloci_error e;
  cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
  aliased(&b, 999, 198, 1000);
  lexloci_status st = ydoc(b.s, b.n, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT);
  cr_assert(strstr(e.message, "more than 200000 nodes"), "%s", e.message);
  cr_assert_eq(e.line, 1);
  cr_assert_eq((size_t)e.col, b.n - 1, "col %d", e.col); /* the last y */
  free(b.s);
}

/* "Billion laughs": ten levels of ten aliases each would be 10^10 nodes. */
Test(limits, alias_bomb_refused_fast, .timeout = 60)
{
  buf b = {0};
  put(&b, "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
  for (int i = 1; i < 10; i++) {
    put(&b, "a%d: &a%d [", i, i);
    for (int j = 0; j < 10; j++)
      put(&b, "%s*a%d", j ? ", " : "", i - 1);
    put(&b, "]\n");
  }
  lexloci_error e;
  lexloci_status st = ydoc(b.s, b.n, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT);
  cr_assert(strstr(e.message, "nodes (counting aliases)"), "%s", e.message);
  /* Refused at a5, which makes it 10^6: aliases are counted, never
     expanded, so the bomb costs no more than its text. */
  cr_assert_eq(e.line, 6, "line %d", e.line);
  /* The same bomb as a case and as a rule file. */
  cr_assert_eq(load_case_text(b.s, b.n, &e), LEXLOCI_ELIMIT);
  cr_assert_eq(load_one(b.s, &e), LEXLOCI_ELIMIT);
  free(b.s);
}

/* Many anchors with aliases to the oldest: each alias looks through every
   anchor; bounded by the node and anchor limits. */
Test(limits, yaml_anchors, .timeout = 60)
{
  buf b = {0};
  put(&b, "[");
  for (int i = 0; i < LX_MAX_YAML_ANCHORS; i++)
    put(&b, "%s&a%d x", i ? "," : "", i);
  put(&b, "]");
  lexloci_error e;
  cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
  b.n = 0;
  put(&b, "[");
  for (int i = 0; i <= LX_MAX_YAML_ANCHORS; i++)
    put(&b, "%s&a%d x", i ? "," : "", i);
  put(&b, "]");
  lexloci_status st = ydoc(b.s, b.n, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT);
  cr_assert_str_eq(e.message, "too many anchors in one document");
  cr_assert_eq(e.line, 1);
  cr_assert(e.col > 1);
  /* The worst lookup: the most anchors, then aliases to the first. */
  b.n = 0;
  put(&b, "[");
  for (int i = 0; i < LX_MAX_YAML_ANCHORS; i++)
    put(&b, "%s&anchor_with_a_long_name_%d x", i ? "," : "", i);
  for (int i = 0; i < 60000; i++)
    put(&b, ",*anchor_with_a_long_name_0");
  put(&b, "]");
  cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_ELIMIT); /* list items */
  free(b.s);
}

Test(limits, scalar_bytes)
{
  buf b = {0};
  put(&b, "k: ");
  for (int i = 0; i < LX_MAX_SCALAR_BYTES; i++)
    put(&b, "v");
  lexloci_error e;
  cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
  put(&b, "v");
  refused_at(ydoc(b.s, b.n, &e), &e, 1, 4, "longer than 16384 bytes");
  /* A case's text fact set through the API. */
  lexloci_ruleset *rs = rules_ok(one_rule);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  char *s = calloc(1, LX_MAX_SCALAR_BYTES + 2);
  memset(s, 'v', LX_MAX_SCALAR_BYTES);
  lexloci_fact id = lexloci_fact_lookup("request.id");
  cr_assert_eq(lexloci_case_set_str(c, id, s, &e), LEXLOCI_OK);
  s[LX_MAX_SCALAR_BYTES] = 'v';
  cr_assert_eq(lexloci_case_set_str(c, id, s, &e), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_path(c, "request.id", s, &e), LEXLOCI_EFACT);
  cr_assert(strstr(e.message, "longer than 16384 bytes"), "%s", e.message);
  free(s);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  free(b.s);
}

static void list_of(buf *b, bool map, int n)
{
  b->n = 0;
  put(b, map ? "{" : "[");
  for (int i = 0; i < n; i++)
    put(b, map ? "%sk%d: v" : "%sv%d", i ? "," : "", i);
  put(b, map ? "}" : "]");
}

Test(limits, list_items)
{
  buf b = {0};
  lexloci_error e;
  for (int map = 0; map < 2; map++) {
    list_of(&b, map, LX_MAX_LIST_ITEMS);
    cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
    list_of(&b, map, LX_MAX_LIST_ITEMS + 1);
    lexloci_status st = ydoc(b.s, b.n, &e);
    cr_assert_eq(st, LEXLOCI_ELIMIT, "%s: status %d", map ? "map" : "list",
                 st);
    cr_assert_str_eq(e.message, "a list or map has too many items");
    cr_assert_eq(e.line, 1);
    cr_assert_eq((size_t)e.col, b.n - (map ? 8 : 5), "col %d of %zu",
                 e.col, b.n); /* the item (or key) past the limit */
  }
  free(b.s);
}

/* ------------------------------------------------------------------ */
/* Rule sets                                                            */
/* ------------------------------------------------------------------ */

/* Rule files holding n rules in all, at most per_file each (one citation,
   defined in the first). */
static char **rule_files(size_t n, size_t per_file, size_t conds,
                         size_t *nfiles)
{
  size_t nf = (n + per_file - 1) / per_file;
  char **t = calloc(nf, sizeof *t);
  for (size_t f = 0; f < nf; f++) {
    buf b = {0};
    put(&b, "regime: t.one\n");
    if (f == 0)
      put(&b, "citations:\n  c: {ref: R, title: T, url: "
              "\"https://example.org/\"}\n");
    put(&b, "rules:\n");
    for (size_t i = f * per_file; i < n && i < (f + 1) * per_file; i++) {
      put(&b, "- {id: r%zu, effect: info, text: T, cite: c, when: [", i);
      for (size_t k = 0; k < conds; k++)
        put(&b, "%srequest.emergency", k ? ", " : "");
      put(&b, "]}\n");
    }
    t[f] = b.s;
  }
  *nfiles = nf;
  return t;
}

static lexloci_status load_rules_n(size_t n, size_t per_file, size_t conds,
                                   lexloci_error *e)
{
  size_t nf;
  char **t = rule_files(n, per_file, conds, &nf);
  lexloci_status st = load_many((const char *const *)t, nf, e);
  for (size_t i = 0; i < nf; i++)
    free(t[i]);
  free(t);
  return st;
}

Test(limits, rules, .timeout = 120)
{
  lexloci_error e;
  cr_assert_eq(load_rules_n(LX_MAX_RULES, 4000, 1, &e), LEXLOCI_OK, "%s",
               e.message);
  lexloci_status st = load_rules_n(LX_MAX_RULES + 1, 4000, 1, &e);
  /* Rule 20001 is the first of the sixth file. */
  limit_error(st, &e, "r5.yaml", 3, 3, "more than 20000 rules");
}

Test(limits, condition_nodes, .timeout = 120)
{
  /* Each rule is a group node plus its conditions: 49 rules of 4080
     conditions are 49 * 4081 = 199969 nodes, and 31 more fit. */
  cr_assert_eq(LX_MAX_COND_NODES, 200000);
  lexloci_error e;
  size_t nf;
  char **t = rule_files(49, 20, 4080, &nf); /* 3 files, under the node
                                               limit of one document */
  buf extra = {0};
  put(&extra, "regime: t.one\nrules:\n- {id: last, effect: info, text: T, "
              "cite: c, when: [");
  for (int k = 0; k < 30; k++)
    put(&extra, "%srequest.emergency", k ? ", " : "");
  size_t at = extra.n;
  put(&extra, "]}\n");
  const char *texts[4] = {t[0], t[1], t[2], extra.s};
  cr_assert_eq(nf, 3);
  cr_assert_eq(load_many(texts, 4, &e), LEXLOCI_OK, "%s", e.message);
  extra.n = at;
  put(&extra, ", request.emergency]}\n");
  texts[3] = extra.s;
  lexloci_status st = load_many(texts, 4, &e);
  /* Located at the condition past the limit. */
  int col = (int)(at + 2 - strlen("regime: t.one\nrules:\n")) + 1;
  limit_error(st, &e, "r3.yaml", 3, col, "more than 200000 condition");
  free(extra.s);
  for (size_t i = 0; i < nf; i++)
    free(t[i]);
  free(t);
}

/* when: [[[ ... request.emergency ... ]]]: a list in a list is an "all of"
   group in a group, one condition level per YAML level. The outer list is
   `when:` itself; each inner one is a level (the condition at the bottom
   is one more). */
static char *nested_groups(int depth)
{
  buf b = {0};
  put(&b, "regime: t.one\n"
          "citations:\n  c: {ref: R, title: T, url: \"https://e.org/\"}\n"
          "rules:\n- id: deep\n  effect: info\n  text: T\n  cite: c\n"
          "  when: [");
  for (int i = 1; i < depth; i++)
    put(&b, "[");
  put(&b, "request.emergency");
  for (int i = 0; i < depth; i++)
    put(&b, "]");
  put(&b, "\n");
  return b.s;
}

Test(limits, condition_depth)
{
  lexloci_error e;
  char *t = nested_groups(LX_MAX_COND_DEPTH);
  cr_assert_eq(load_one(t, &e), LEXLOCI_OK, "%s", e.message);
  free(t);
  t = nested_groups(LX_MAX_COND_DEPTH + 1);
  lexloci_status st = load_one(t, &e);
  limit_error(st, &e, "r0.yaml", 9, 10 + LX_MAX_COND_DEPTH,
              "nest deeper than 32 levels");
  free(t);
}

static lexloci_status regimes_n(int n, lexloci_error *e)
{
  char **t = calloc((size_t)n, sizeof *t);
  for (int i = 0; i < n; i++) {
    buf b = {0};
    put(&b, "regime: t.r%d\n", i);
    if (i == 0)
      put(&b, "citations:\n  c: {ref: R, title: T, url: \"https://e.org/\"}"
              "\n");
    put(&b, "rules:\n- {id: a, effect: must_disclose, text: T, cite: c, "
            "when: [request.issuing_state is US]}\n");
    t[i] = b.s;
  }
  lexloci_status st = load_many((const char *const *)t, (size_t)n, e);
  for (int i = 0; i < n; i++)
    free(t[i]);
  free(t);
  return st;
}

Test(limits, regimes)
{
  lexloci_error e;
  cr_assert_eq(regimes_n(LX_MAX_REGIMES, &e), LEXLOCI_OK, "%s", e.message);
  limit_error(regimes_n(LX_MAX_REGIMES + 1, &e), &e, "r64.yaml", 1, 9,
              "more than 64 regimes");
}

static lexloci_status sets_or_cites(bool sets, int n, lexloci_error *e)
{
  buf b = {0};
  put(&b, "citations:\n");
  for (int i = 0; i < (sets ? 1 : n); i++)
    put(&b, "  c%d: {ref: R, title: T, url: \"https://e.org/\"}\n", i);
  if (sets) {
    put(&b, "sets:\n");
    for (int i = 0; i < n; i++)
      put(&b, "  s%d: {cite: c0, members: [US]}\n", i);
  }
  lexloci_status st = load_one(b.s, e);
  free(b.s);
  return st;
}

Test(limits, sets_and_citations)
{
  lexloci_error e;
  /* A map holds at most LX_MAX_LIST_ITEMS pairs: these limits are met
     across files in real rule sets, and within one file here. */
  cr_assert(LX_MAX_SETS <= LX_MAX_LIST_ITEMS);
  cr_assert_eq(sets_or_cites(true, LX_MAX_SETS, &e), LEXLOCI_OK, "%s",
               e.message);
  limit_error(sets_or_cites(true, LX_MAX_SETS + 1, &e), &e, "r0.yaml",
              3 + LX_MAX_SETS + 1, 3, "more than 1024 sets");
  size_t per = LX_MAX_LIST_ITEMS, nf = LX_MAX_CITATIONS / per + 1;
  for (int over = 0; over < 2; over++) {
    char **t = calloc(nf, sizeof *t);
    size_t left = LX_MAX_CITATIONS + (size_t)over, k = 0;
    for (size_t f = 0; f < nf; f++) {
      buf b = {0};
      put(&b, "citations:\n");
      for (size_t i = 0; i < per && left; i++, left--)
        put(&b, "  c%zu: {ref: R, title: T, url: \"https://e.org/\"}\n",
            k++);
      if (b.n == strlen("citations:\n"))
        put(&b, "  x: {ref: R, title: T, url: \"https://e.org/\"}\n");
      t[f] = b.s;
    }
    lexloci_status st = load_many((const char *const *)t, over ? nf : nf - 1,
                                  &e);
    if (over)
      limit_error(st, &e, "r2.yaml", 2, 3, "more than 8192 citations");
    else
      cr_assert_eq(st, LEXLOCI_OK, "%s", e.message);
    for (size_t f = 0; f < nf; f++)
      free(t[f]);
    free(t);
  }
}

/* ------------------------------------------------------------------ */
/* Regular expressions                                                  */
/* ------------------------------------------------------------------ */

static char *regex_rule(const char *re)
{
  buf b = {0};
  put(&b, "regime: t.one\n"
          "citations:\n  c: {ref: R, title: T, url: \"https://e.org/\"}\n"
          "rules:\n- id: re\n  effect: must_disclose\n  text: T\n  cite: c\n"
          "  when: [\"request.id matches /%s/\"]\n", re);
  return b.s;
}

Test(limits, regex_bytes)
{
  char re[LX_MAX_REGEX_BYTES + 2];
  memset(re, 'a', sizeof re);
  re[LX_MAX_REGEX_BYTES] = '\0';
  lexloci_error e;
  char *t = regex_rule(re);
  cr_assert_eq(load_one(t, &e), LEXLOCI_OK, "%s", e.message);
  free(t);
  re[LX_MAX_REGEX_BYTES] = 'a';
  re[LX_MAX_REGEX_BYTES + 1] = '\0';
  t = regex_rule(re);
  lexloci_status st = load_one(t, &e);
  cr_assert_eq(st, LEXLOCI_ELIMIT, "%d: %s", st, e.message);
  cr_assert_str_eq(e.file, "r0.yaml");
  cr_assert_eq(e.line, 9);
  cr_assert(e.col > 9, "col %d", e.col);
  cr_assert(strstr(e.message, "longer than 512 bytes"), "%s", e.message);
  free(t);
}

/* (a+)+$ against "aaa...ab" backtracks exponentially without pcre2's
   match limit: evaluation must stay fast and the rule must not apply. */
Test(limits, pcre2_catastrophic_backtracking, .timeout = 60)
{
  char *t = regex_rule("^(a+)+$");
  lexloci_ruleset *rs = rules_ok(t);
  free(t);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  char id[64];
  memset(id, 'a', 40);
  strcpy(id + 40, "b");
  lexloci_error e;
  cr_assert_eq(lexloci_case_load(c, "c", good_case, strlen(good_case), &e),
               LEXLOCI_OK, "%s", e.message);
  cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup("request.id"), id,
                                    &e), LEXLOCI_OK);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "%s", e.message);
  /* pcre2's match limit stopped it: no match, so the rule does not
     apply (a hang would meet the test's timeout). */
  cr_assert(!has_finding(v, "t.one.re"));
  /* Within the limits the pattern still matches. */
  memset(id, 'a', 20);
  id[20] = '\0';
  cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup("request.id"), id,
                                    &e), LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "%s", e.message);
  cr_assert(has_finding(v, "t.one.re"));
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* ------------------------------------------------------------------ */
/* Folders                                                              */
/* ------------------------------------------------------------------ */

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "%s", path);
  fputs(text, f);
  fclose(f);
}

static void remove_tree(const char *dir)
{
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  cr_assert_eq(system(cmd), 0);
}

Test(limits, files_in_a_folder)
{
  char dir[] = "/tmp/lexloci-limits-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char path[512];
  snprintf(path, sizeof path, "%s/lexloci.yaml", dir);
  write_file(path, manifest_yaml);
  /* The manifest and LX_MAX_FILES - 1 rule files. */
  for (int i = 0; i < LX_MAX_FILES; i++) {
    snprintf(path, sizeof path, "%s/f%03d.yaml", dir, i);
    char text[128];
    snprintf(text, sizeof text, "citations:\n  c%d: {ref: R, title: T, "
             "url: \"https://e.org/\"}\n", i);
    if (i < LX_MAX_FILES - 1)
      write_file(path, text);
  }
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(lexloci_ruleset_load(NULL, dir, &rs, &e), LEXLOCI_OK, "%s",
               e.message);
  lexloci_ruleset_free(rs);
  snprintf(path, sizeof path, "%s/f%03d.yaml", dir, LX_MAX_FILES);
  write_file(path, "citations: {}\n");
  cr_assert_eq(lexloci_ruleset_load(NULL, dir, &rs, &e), LEXLOCI_ELIMIT);
  cr_assert_null(rs);
  cr_assert_str_eq(e.file, dir);
  cr_assert(strstr(e.message, "more than 512 files"), "%s", e.message);
  remove_tree(dir);
}

Test(limits, folder_depth)
{
  char dir[] = "/tmp/lexloci-limits-XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  char path[1024];
  snprintf(path, sizeof path, "%s/lexloci.yaml", dir);
  write_file(path, manifest_yaml);
  snprintf(path, sizeof path, "%s", dir);
  for (int d = 1; d <= LX_MAX_DIR_DEPTH; d++) {
    size_t n = strlen(path);
    snprintf(path + n, sizeof path - n, "/d%d", d);
    cr_assert_eq(mkdir(path, 0700), 0);
  }
  char file[1100];
  snprintf(file, sizeof file, "%s/deep.yaml", path);
  write_file(file, one_rule);
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(lexloci_ruleset_load(NULL, dir, &rs, &e), LEXLOCI_OK, "%s",
               e.message);
  cr_assert_eq(lexloci_ruleset_rule_count(rs), 1);
  lexloci_ruleset_free(rs);
  size_t n = strlen(path);
  snprintf(path + n, sizeof path - n, "/d%d", LX_MAX_DIR_DEPTH + 1);
  cr_assert_eq(mkdir(path, 0700), 0);
  cr_assert_eq(lexloci_ruleset_load(NULL, dir, &rs, &e), LEXLOCI_ELIMIT);
  cr_assert_str_eq(e.file, path);
  cr_assert(strstr(e.message, "deeper than 8 levels"), "%s", e.message);
  remove_tree(dir);
}

/* ------------------------------------------------------------------ */
/* Batch lines                                                          */
/* ------------------------------------------------------------------ */

static void no_date_needed(lexloci_case *c)
{
  (void)c;
}

/* Runs lines through the CLI's batch reader; returns its output. */
static char *batch_of(const char *in, size_t len, int *status)
{
  lexloci_ruleset *rs = rules_ok(one_rule);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  FILE *fin = fmemopen((void *)in, len, "rb");
  static char *out; /* static: open_memstream keeps its address */
  static size_t outlen;
  out = NULL;
  outlen = 0;
  FILE *fout = open_memstream(&out, &outlen);
  cr_assert(fin && fout);
  *status = cli_batch(fin, fout, c, LEXLOCI_MAX_CASE_BYTES, no_date_needed);
  fclose(fin);
  fclose(fout);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  return out;
}

Test(limits, batch_line)
{
  /* A good case as one JSON line, padded with spaces inside the object. */
  const char *json = "{\"lexloci\": 1, \"request\": {\"date\": \"2026-11-28\", "
                     "\"issuing_state\": \"US\", \"instrument\": \"warrant\", "
                     "\"data_categories\": [\"content\"]}, \"data\": "
                     "{\"locations\": [\"US\"]}";
  size_t max = LEXLOCI_MAX_CASE_BYTES;
  char *in = malloc(2 * max + 8);
  size_t n = 0;
  for (int line = 0; line < 2; line++) {
    size_t want = max + (size_t)line;
    size_t start = n;
    memcpy(in + n, json, strlen(json));
    n += strlen(json);
    while (n - start < want - 1)
      in[n++] = ' ';
    in[n++] = '}';
    in[n++] = '\n';
  }
  int status;
  char *out = batch_of(in, n, &status);
  cr_assert_eq(status, EXIT_INVALID);
  char *nl = strchr(out, '\n');
  cr_assert_not_null(nl);
  *nl = '\0';
  cr_assert(strstr(out, "\"verdict\":\"must_disclose\""), "%.200s", out);
  cr_assert_str_eq(nl + 1,
                   "{\"lexloci\":1,\"line\":2,\"error\":{\"code\":\"limit "
                   "exceeded\",\"line\":1,\"col\":262145,\"message\":\"the "
                   "line is longer than 262144 bytes\"}}\n");
  free(out);
  free(in);
}

/* ------------------------------------------------------------------ */
/* The search for undetermined verdicts                                 */
/* ------------------------------------------------------------------ */

#include "case.h"

static const char *const pcountries[] = {
  "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
  "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL"};

/* The parity of "provider.presence contains C" over countries [lo, hi),
   as nested groups: xor(A, B) = any of (all of A, not B), (all of not A,
   B); the formula has (hi - lo)^2 conditions. */
static void parity(buf *b, int lo, int hi)
{
  if (hi - lo == 1) {
    put(b, "\"provider.presence contains %s\"", pcountries[lo]);
    return;
  }
  int mid = (lo + hi) / 2;
  put(b, "{any: [[");
  parity(b, lo, mid);
  put(b, ", {not: [");
  parity(b, mid, hi);
  put(b, "]}], [{not: [");
  parity(b, lo, mid);
  put(b, "]}, ");
  parity(b, mid, hi);
  put(b, "]]}");
}

/* Rule x (must not disclose) and rule y (must disclose, overriding x)
   have the same condition, the parity of n facts: x never stands, but a
   three-valued pass cannot tell until every fact is decided, so ruling
   must_not_disclose out means trying all 2^n combinations. */
static void parity_search(int n, bool *exhausted, lexloci_outcome *kind,
                          size_t *passes)
{
  buf b = {0};
  put(&b, "regime: t.one\n"
          "citations:\n  c: {ref: R, title: T, url: \"https://e.org/\"}\n"
          "rules:\n- id: x\n  effect: must_not_disclose\n  text: T\n"
          "  cite: c\n  when: [");
  parity(&b, 0, n);
  put(&b, "]\n- id: y\n  effect: must_disclose\n  text: T\n  cite: c\n"
          "  overrides: x\n  when: [");
  parity(&b, 0, n);
  put(&b, "]\n");
  lexloci_ruleset *rs = rules_ok(b.s);
  free(b.s);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  lexloci_error e;
  cr_assert_eq(lexloci_case_load(c, "c", good_case, strlen(good_case), &e),
               LEXLOCI_OK, "%s", e.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "%s", e.message);
  *passes = c->search_passes;
  *kind = lexloci_verdict_kind(v);
  *exhausted = c->search_exhausted;
  /* Whatever the bound, provider.presence is what the case must give. */
  cr_assert_eq(lexloci_verdict_missing_count(v), 1);
  cr_assert_str_eq(lexloci_fact_name(lexloci_verdict_missing(v, 0)),
                   "provider.presence");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

Test(limits, search_passes, .timeout = 120)
{
  bool exhausted;
  lexloci_outcome kind;
  size_t passes;
  /* 2^3 combinations: well within LX_MAX_SEARCH_PASSES, decided exactly
     (where exactly the limit falls depends on how the search asks its
     questions; at the time of writing, from 6 facts on). */
  parity_search(3, &exhausted, &kind, &passes);
  cr_assert(!exhausted);
  cr_assert_eq(kind, LEXLOCI_UNDETERMINED);
  /* 2^16: past the limit, the search stops and the verdict stays
     undetermined. The work is counted in passes, not timed (a timed test
     flakes on a loaded machine). Past the limit no question is asked any
     more: each answer still to try on the way back up, and each fact the
     missing-facts search still weighs, costs a single pass; far fewer
     than the limit itself (a few hundred here). */
  parity_search(16, &exhausted, &kind, &passes);
  cr_assert(exhausted);
  cr_assert_eq(kind, LEXLOCI_UNDETERMINED);
  cr_assert(passes > LX_MAX_SEARCH_PASSES && passes < 2 * LX_MAX_SEARCH_PASSES,
            "%zu passes", passes);
}

/* ------------------------------------------------------------------ */
/* The JSON reader (json_read.c)                                        */
/* ------------------------------------------------------------------ */

/* The JSON reader's verdict on b; when it declines, lx_ydoc_parse (which
   then asks libyaml) must refuse b with the words given, as libyaml
   alone does, at the same line:col. */
static lx_jstatus json_at(const buf *b, const char *words)
{
  lx_mem m;
  lx_mem_init(&m, NULL);
  lx_arena a;
  lx_arena_init(&a, &m);
  lx_ydoc doc = {0};
  lx_jstatus st = lx_json_read(&doc, &a, b->s, b->n);
  lx_arena_free(&a);
  if (st != LX_JSON_DECLINED || !words)
    return st;
  lexloci_error e, y;
  cr_assert_eq(ydoc(b->s, b->n, &e), LEXLOCI_ELIMIT, "%s", e.message);
  cr_assert(strstr(e.message, words), "message '%s'", e.message);
  lx_arena_init(&a, &m);
  lx_diag d;
  lx_diag_init(&d, NULL);
  cr_assert(!lx_ydoc_parse_yaml(&doc, &a, &d, "doc.yaml", b->s, b->n));
  lx_diag_result(&d, &y);
  lx_arena_free(&a);
  cr_assert_str_eq(e.message, y.message);
  cr_assert_eq(e.line, y.line);
  cr_assert_eq(e.col, y.col);
  return st;
}

Test(limits, json_depth)
{
  buf b = {0};
  for (int over = 0; over < 2; over++) {
    b.n = 0;
    for (int i = 1; i < LX_MAX_YAML_DEPTH + over; i++)
      put(&b, "{\"k\": ");
    put(&b, "{}");
    for (int i = 1; i < LX_MAX_YAML_DEPTH + over; i++)
      put(&b, "}");
    cr_assert_eq(json_at(&b, "nesting deeper than 64 levels"),
                 over ? LX_JSON_DECLINED : LX_JSON_READ);
  }
  free(b.s);
}

/* {"k0": [1, ...], ...}: lists of 4095 items, then one of `last`. */
static void json_nodes(buf *b, int lists, int last)
{
  b->n = 0;
  put(b, "{");
  for (int l = 0; l <= lists; l++) {
    put(b, "%s\"k%d\": [", l ? ", " : "", l);
    for (int i = 0; i < (l < lists ? 4095 : last); i++)
      put(b, "%s1", i ? "," : "");
    put(b, "]");
  }
  put(b, "}");
}

Test(limits, json_nodes)
{
  buf b = {0};
  json_nodes(&b, 48, 3341); /* 1 + 48 * 4097 + 2 + 3341 = 200000 */
  cr_assert_eq(json_at(&b, NULL), LX_JSON_READ);
  json_nodes(&b, 48, 3342);
  cr_assert_eq(json_at(&b, "more than 200000 nodes"), LX_JSON_DECLINED);
  free(b.s);
}

Test(limits, json_scalar_bytes)
{
  buf b = {0};
  for (int over = 0; over < 2; over++) {
    b.n = 0;
    put(&b, "{\"k\": \"");
    for (int i = 0; i < LX_MAX_SCALAR_BYTES + over; i++)
      put(&b, "v");
    put(&b, "\"}");
    cr_assert_eq(json_at(&b, "longer than 16384 bytes"),
                 over ? LX_JSON_DECLINED : LX_JSON_READ);
    /* The value's bytes count, not the text's: \u00e9 is two. */
    b.n = 0;
    put(&b, "{\"k\": \"");
    for (int i = 0; i < LX_MAX_SCALAR_BYTES / 2; i++)
      put(&b, "\\u00e9");
    put(&b, "%s\"}", over ? "v" : "");
    cr_assert_eq(json_at(&b, "longer than 16384 bytes"),
                 over ? LX_JSON_DECLINED : LX_JSON_READ);
  }
  free(b.s);
}

Test(limits, json_list_items)
{
  buf b = {0};
  for (int map = 0; map < 2; map++)
    for (int over = 0; over < 2; over++) {
      b.n = 0;
      put(&b, map ? "{" : "{\"k\": [");
      for (int i = 0; i < LX_MAX_LIST_ITEMS + over; i++)
        put(&b, map ? "%s\"k%d\": 1" : "%s%d", i ? ", " : "", i);
      put(&b, map ? "}" : "]}");
      cr_assert_eq(json_at(&b, "too many items"),
                   over ? LX_JSON_DECLINED : LX_JSON_READ, "map %d", map);
    }
  free(b.s);
}

/* Not a limit on input: past LX_JSON_MAX_KEY_SPAN libyaml reads the key
   (up to its own 1024 characters), the JSON reader leaves it to it. */
Test(limits, json_key_span)
{
  buf b = {0};
  for (int over = 0; over < 2; over++) {
    b.n = 0;
    put(&b, "{\"");
    for (int i = 0; i < LX_JSON_MAX_KEY_SPAN - 2 + over; i++)
      put(&b, "k");
    put(&b, "\": 1}");
    cr_assert_eq(json_at(&b, NULL), over ? LX_JSON_DECLINED : LX_JSON_READ);
    lexloci_error e;
    cr_assert_eq(ydoc(b.s, b.n, &e), LEXLOCI_OK, "%s", e.message);
  }
  free(b.s);
}
