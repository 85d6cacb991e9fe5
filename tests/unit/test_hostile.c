/*
** test_hostile.c: regressions for bugs that hostile or unusual input found
** (fuzzing, the limit and allocation-failure tests, review), each pinned
** with the exact behaviour now expected. docs/security.md lists them.
*/
#include "helpers.h"

LX_SUITE(hostile);

static lexloci_status load_case(lexloci_case *c, const char *text,
                                lexloci_error *e)
{
  memset(e, 0x55, sizeof *e); /* garbage, as on the stack */
  return lexloci_case_load(c, "case.yaml", text, strlen(text), e);
}

static const char one_regime[] =
    "regime: t.one\n"
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "rules:\n"
    "  - {id: a, effect: info, when: [request.emergency], text: T, cite: c1}\n";

/* A list element that lx_case_parse_value reads as a list ("other,"), as
   trimmed (" other") or as "unknown" made the loader report an error it
   never filled in: a garbage status and message (fuzz_case). */
Test(hostile, list_element_that_parses_as_a_list)
{
  lexloci_ruleset *rs = rules_ok(one_regime);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  static const char *const elems[] = {"other,", " other", "[other]",
                                      "unknown"};
  for (size_t i = 0; i < sizeof elems / sizeof *elems; i++) {
    char text[256];
    snprintf(text, sizeof text,
             "{lexloci: 1, request: {offence: {categories: [\"%s\"]}}}",
             elems[i]);
    lexloci_error e;
    cr_assert_eq(load_case(c, text, &e), LEXLOCI_EFACT, "%s", elems[i]);
    char want[160];
    snprintf(want, sizeof want,
             "request.offence.categories: '%s' is not one value", elems[i]);
    cr_assert_str_eq(e.message, want);
    cr_assert_str_eq(e.file, "case.yaml");
    cr_assert_eq(e.line, 1);
    cr_assert_eq(e.col, 47); /* the element */
  }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* Regime A must disclose subscriber data and must not disclose content;
   regimes B and C the opposite. A request for both finds four conflicts
   (A/B and A/C for subscriber, B/A and C/A for content) where the verdict
   had room for ng * ng / 4 + 1 = 3: a heap overflow (review). */
static const char crossed[] =
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n";

static char *crossed_regime(const char *id, bool subscriber_first)
{
  char *t = malloc(512);
  snprintf(t, 512,
           "regime: %s\n"
           "rules:\n"
           "  - {id: sub, effect: %s, cite: c1, text: T,\n"
           "     when: [request.data_categories contains subscriber]}\n"
           "  - {id: content, effect: %s, cite: c1, text: T,\n"
           "     when: [request.data_categories contains content]}\n",
           id, subscriber_first ? "must_disclose" : "must_not_disclose",
           subscriber_first ? "must_not_disclose" : "must_disclose");
  return t;
}

Test(hostile, conflicts_across_categories)
{
  char *a = crossed_regime("t.a", true), *b = crossed_regime("t.b", false),
       *cc = crossed_regime("t.c", false);
  lexloci_source srcs[5] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"cites.yaml", crossed, sizeof crossed - 1},
    {"a.yaml", a, strlen(a)},
    {"b.yaml", b, strlen(b)},
    {"c.yaml", cc, strlen(cc)},
  };
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(lexloci_ruleset_load_sources(NULL, srcs, 5, &rs, &e),
               LEXLOCI_OK, "%s", e.message);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_ok(
      c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
         "instrument: warrant, data_categories: [subscriber, content]}\n"
         "data: {locations: [US]}\n");
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_CONFLICT);
  cr_assert_eq(lexloci_verdict_conflict_count(v), 4);
  static const char *const want[4][2] = {
    {"t.a", "t.b"}, {"t.a", "t.c"}, {"t.b", "t.a"}, {"t.c", "t.a"}};
  for (size_t i = 0; i < 4; i++) {
    lexloci_conflict cf;
    cr_assert_eq(lexloci_verdict_conflict(v, i, &cf), LEXLOCI_OK);
    cr_assert_str_eq(cf.regime_a, want[i][0], "conflict %zu", i);
    cr_assert_str_eq(cf.regime_b, want[i][1], "conflict %zu", i);
    cr_assert_eq(cf.ncitations, 1);
  }
  char json[16384];
  cr_assert(lexloci_verdict_json(v, 0, json, sizeof json) < sizeof json);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  free(a);
  free(b);
  free(cc);
}

/* assume.NAME=... for a set of enumerated values cut each value to 15
   bytes, so that "european_production_order" was refused (review). */
Test(hostile, assume_long_enumerated_values)
{
  lexloci_ruleset *rs = rules_ok(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "sets:\n"
      "  binding: {of: instrument, cite: c1, members: "
      "{european_production_order: always}}\n"
      "rules:\n"
      "  - {id: bound, effect: must_disclose, when: [request.instrument in "
      "binding], text: T, cite: c1}\n");
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  eval_ok(c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: FR, "
             "instrument: communications_data_authorisation, "
             "data_categories: [content]}\ndata: {locations: [US]}\n");
  lexloci_error e;
  cr_assert_eq(lexloci_case_set_path(c, "assume.binding",
                                     "european_production_order, "
                                     "communications_data_authorisation",
                                     &e),
               LEXLOCI_OK, "%s", e.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK);
  cr_assert(has_finding(v, "t.one.bound"));
  cr_assert_eq(lexloci_case_set_path(c, "assume.binding",
                                     "communications_data_authorisations",
                                     &e),
               LEXLOCI_EFACT);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* Text given through the API or what-if went into the verdict's JSON as it
   was, so invalid UTF-8 made the JSON invalid (fuzz_whatif). */
Test(hostile, text_must_be_utf8)
{
  lexloci_ruleset *rs = rules_ok(one_regime);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  lexloci_fact id = lexloci_fact_lookup("request.id");
  lexloci_error e;
  static const char *const bad[] = {"a\xff", "\xc0\xaf", "\xed\xa0\x80",
                                    "\xe2\x82", "\xf4\x90\x80\x80"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    cr_assert_eq(lexloci_case_set_str(c, id, bad[i], &e), LEXLOCI_EFACT,
                 "%zu", i);
    cr_assert_str_eq(e.message, "request.id is not valid UTF-8");
    cr_assert_eq(lexloci_case_set_path(c, "request.id", bad[i], &e),
                 LEXLOCI_EFACT, "%zu", i);
  }
  cr_assert_eq(lexloci_case_set_str(c, id, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f"
                                           "\x98\x80", &e), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_set_path(c, "provider.name", "M\xc3\xbcller",
                                     &e), LEXLOCI_OK);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* A finding's text in the JSON was rendered into a fixed buffer and cut
   there, possibly inside a UTF-8 sequence: with a long provider name
   quoted twice, the JSON was invalid and the text shorter than the
   accessor's (review). */
Test(hostile, long_quoted_text_in_json)
{
  lexloci_ruleset *rs = rules_ok(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - {id: a, effect: must_disclose, when: [request.issuing_state is "
      "US], text: \"{provider.name} / {provider.name}\", cite: c1}\n");
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  eval_ok(c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
             "instrument: warrant, data_categories: [content]}\n"
             "data: {locations: [US]}\n");
  /* 8000 "é": 16000 bytes, within LX_MAX_SCALAR_BYTES. */
  static char name[16001];
  for (int i = 0; i < 8000; i++)
    memcpy(name + 2 * i, "\xc3\xa9", 2);
  lexloci_error e;
  cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup("provider.name"),
                                    name, &e), LEXLOCI_OK, "%s", e.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK);
  static char text[40000], json[80000];
  size_t n = lexloci_verdict_finding_text(v, 0, text, sizeof text);
  cr_assert_eq(n, 2 * 16000 + 3);
  cr_assert(lexloci_verdict_json(v, 0, json, sizeof json) < sizeof json);
  char *at = strstr(json, "\"text\":\"");
  cr_assert_not_null(at);
  at += 8;
  cr_assert(strncmp(at, text, n) == 0 && at[n] == '"',
            "the JSON text differs from the finding's text");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* A number written with more than 120 bytes was read from its first 120
   only: "0.000...0005x" set 0 and the trailing garbage was ignored
   (review). */
Test(hostile, long_number_text)
{
  lexloci_ruleset *rs = rules_ok(one_regime);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  char num[200] = "0.";
  memset(num + 2, '0', 150);
  strcpy(num + 152, "5x");
  lexloci_error e;
  cr_assert_eq(lexloci_case_set_path(c, "request.offence.max_sentence_years",
                                     num, &e), LEXLOCI_EFACT);
  cr_assert(strstr(e.message, "must be a number"), "%s", e.message);
  num[152] = '\0';
  cr_assert_eq(lexloci_case_set_path(c, "request.offence.max_sentence_years",
                                     num, &e), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_path(c, "request.offence.max_sentence_years",
                                     "2.5", &e), LEXLOCI_OK);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* Messages quote input cut to a length, which could split a UTF-8
   sequence: the error (and the batch's JSON error object) was not UTF-8
   (review; fuzz_batch checks it since). */
Test(hostile, messages_are_utf8)
{
  lexloci_ruleset *rs = rules_ok(one_regime);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  char text[512] = "{lexloci: 1, request: {a";
  for (int i = 0; i < 60; i++)
    strcat(text, "\xc3\xa9");
  strcat(text, ": 1}}");
  lexloci_error e;
  cr_assert_eq(load_case(c, text, &e), LEXLOCI_EFACT);
  /* 'request.', then the key cut to 80 bytes: 'a' and 39 whole 'é'. */
  cr_assert(strncmp(e.message, "unknown key 'request.a", 22) == 0, "%s",
            e.message);
  const unsigned char *m = (const unsigned char *)e.message + 22;
  int n = 0;
  while (m[0] == 0xc3 && m[1] == 0xa9) {
    m += 2;
    n++;
  }
  cr_assert_eq(n, 39, "%d characters", n);
  cr_assert_eq(*m, '\'', "a stray byte after the last whole character");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
