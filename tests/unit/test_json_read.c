/*
** test_json_read.c: the JSON reader (engine/json_read.c). What it reads
** gives the tree libyaml gives (values, styles, weights, line:col); what
** it is not sure of it declines, and libyaml then reads or refuses it with
** the same words and position as before. Its limits are those of
** common.h, tested on both sides in test_limits.c.
*/
#include "helpers.h"

#include "diag.h"
#include "mem.h"
#include "ydoc.h"

LX_SUITE(json_read);

static void same_tree(const lx_ynode *a, const lx_ynode *b)
{
  cr_assert_eq(a->kind, b->kind, "kind at %d:%d", b->line, b->col);
  cr_assert_eq(a->style, b->style, "style at %d:%d", b->line, b->col);
  cr_assert_eq(a->line, b->line, "line %d, libyaml %d", a->line, b->line);
  cr_assert_eq(a->col, b->col, "col %d, libyaml %d (line %d)", a->col,
               b->col, b->line);
  cr_assert_eq(a->weight, b->weight, "weight at %d:%d", b->line, b->col);
  cr_assert_eq(a->n, b->n, "size at %d:%d", b->line, b->col);
  if (a->kind == LX_YSCALAR) {
    cr_assert_eq(a->len, b->len, "length at %d:%d", b->line, b->col);
    cr_assert(memcmp(a->str, b->str, a->len + 1) == 0, "value at %d:%d",
              b->line, b->col);
    return;
  }
  for (size_t i = 0; i < (a->kind == LX_YMAP ? 2 * a->n : a->n); i++)
    same_tree(a->items[i], b->items[i]);
}

/* Reads text with both readers: the JSON reader must give `want`, and
   when it reads the text, libyaml's tree. */
static void both(const char *text, size_t len, lx_jstatus want)
{
  lx_mem m;
  lx_mem_init(&m, NULL);
  lx_arena fa, ya;
  lx_arena_init(&fa, &m);
  lx_arena_init(&ya, &m);
  lx_ydoc fast = {0}, slow = {0};
  lx_jstatus st = lx_json_read(&fast, &fa, text, len);
  cr_assert_eq(st, want, "status %d, want %d: %.*s", st, want,
               (int)(len < 80 ? len : 80), text);
  if (st == LX_JSON_READ) {
    lx_diag d;
    lx_diag_init(&d, NULL);
    cr_assert(lx_ydoc_parse_yaml(&slow, &ya, &d, "t", text, len),
              "libyaml refuses %.*s", (int)(len < 80 ? len : 80), text);
    same_tree(fast.root, slow.root);
  }
  lx_arena_free(&fa);
  lx_arena_free(&ya);
}

static void reads(const char *text)
{
  both(text, strlen(text), LX_JSON_READ);
}

static void declines(const char *text)
{
  both(text, strlen(text), LX_JSON_DECLINED);
}

LX_TEST(json_read, reads_json_as_libyaml_does)
{
  reads("{}");
  reads("{\"a\":1}");
  reads("  \n {\"a\": [1, -2.5e+3, 0, -0, 1E-5, true, false, null]}");
  reads("{\"a\": {\"b\": [{}, [], [[]]]}, \"c\": \"\"}");
  reads("{\"esc\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u20ac "
        "\\uFFFE\"}");
  /* Columns count characters, not bytes; CR LF is one line break. */
  reads("{\"é\": \"ü€\", \"x\": \"漢字\", \"y\": 1}");
  reads("{\r\n  \"a\": 1,\r\n  \"b\":\r\n    [2,\n\t3]\r\n}\r\n");
  reads("{\"a\": 1,\r\"b\": 2}");
  reads("{\"a\"\t:\t1 }\t");
  reads("{\"a\": 1\n,\"b\": 2}\n\n  ");
}

LX_TEST(json_read, declines_what_libyaml_may_read_otherwise)
{
  declines("");
  declines("lexloci: 1\n");
  declines("[1, 2]");
  declines("{a: 1}");                   /* YAML flow, not JSON */
  declines("{\"a\": 1} # comment");
  declines("{\"a\": 1}\n---\n{}");
  declines("{\"a\": &x 1, \"b\": *x}");
  declines("{\"a\": 1,}");
  declines("{\"a\": 01}");
  declines("{\"a\": 1 2}");
  declines("{\"a\": tru}");
  declines("\t{\"a\": 1}");             /* libyaml: a tab cannot start */
  declines("{\"a\": 1}\n\t");           /* nor indent a line */
  declines("{\"a\"\n: 1}");             /* a key's ':' on another line */
  declines("{\"a\": 1, \"a\": 2}");     /* duplicate keys */
  declines("{\"a\": \"\\u0000\"}");     /* a NUL */
  declines("{\"a\": \"\\ud83d\\ude00\"}");
  declines("{\"a\": \"\\x41\"}");
  declines("{\"a\": \"x\ty\"}");        /* raw controls */
  declines("{\"a\": \"x\x7fy\"}");
  declines("{\"a\": \"x\xc2\x85y\"}");  /* NEL: a line break to YAML */
  declines("{\"a\": \"x\xe2\x80\xa8y\"}");
  declines("{\"a\": \"x\xef\xbb\xbfy\"}");
  declines("{\"a\": \"x\xc3\"}");       /* cut UTF-8 */
  declines("{\"a\": \"x\xed\xa0\x80\"}"); /* an encoded surrogate */
  declines("{\"a\": \"unterminated}");
  declines("{\"a\": [1, 2}");
}

/* A case that fails to load says the same whichever reader read it. */
LX_TEST(json_read, errors_unchanged)
{
  static const char *const bad[] = {
    "{\"lexloci\": 1, \"request\": {",
    "{\"lexloci\": 1, \"request\": {\"a\"\n: 1}}",
    "{\"lexloci\": 1, \"lexloci\": 1}",
    "{\"lexloci\": 1, \"request\": {\"id\": \"\\u0000\"}}",
    "{\"lexloci\": 1, \"request\": {\"issuing_state\": \"XX\"}}",
    "{\"lexloci\": 1,\n \"requst\": {}}",
  };
  lexloci_ruleset *rs = rules_ok(
      "regime: t.one\n"
      "citations:\n  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n  - {id: a, effect: must_disclose, when: "
      "[request.issuing_state is US], text: T, cite: c1}\n");
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  for (size_t i = 0; i < LX_COUNTOF(bad); i++) {
    lexloci_error e;
    cr_assert_neq(lexloci_case_load(c, "c", bad[i], strlen(bad[i]), &e),
                  LEXLOCI_OK, "%s", bad[i]);
    /* libyaml alone, for syntax errors */
    lx_mem m;
    lx_mem_init(&m, NULL);
    lx_arena a;
    lx_arena_init(&a, &m);
    lx_diag d;
    lx_diag_init(&d, NULL);
    lx_ydoc doc;
    if (!lx_ydoc_parse_yaml(&doc, &a, &d, "c", bad[i], strlen(bad[i]))) {
      lexloci_error y;
      lx_diag_result(&d, &y);
      cr_assert_str_eq(e.message, y.message);
      cr_assert_eq(e.line, y.line);
      cr_assert_eq(e.col, y.col);
    }
    lx_arena_free(&a);
  }
  lexloci_error e;
  cr_assert_eq(lexloci_case_load(c, "c", bad[5], strlen(bad[5]), &e),
               LEXLOCI_EFACT);
  cr_assert_eq(e.line, 2);
  cr_assert_eq(e.col, 2);
  cr_assert_str_eq(e.message, "unknown key 'requst'; did you mean "
                              "'request'?");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
