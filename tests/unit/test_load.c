/*
** test_load.c: loading rule sets: what loads, and where each mistake is
** reported (exact line:col), with every error of a file reported.
*/
#include "helpers.h"

LX_SUITE(load);

static const char good[] =
    "regime: {id: t.one, title: Test regime}\n"
    "citations:\n"
    "  c1: {ref: \"Test Act s. 1\", title: Test, url: \"https://example.org/1\"}\n"
    "rules:\n"
    "  - id: base\n"
    "    effect: must_disclose\n"
    "    when: [request.issuing_state is US]\n"
    "    text: Base.\n"
    "    cite: [c1]\n";

LX_TEST(load, valid_rule_set)
{
  lexloci_ruleset *rs = rules_ok(good);
  cr_assert_str_eq(lexloci_ruleset_name(rs), "unit");
  cr_assert_str_eq(lexloci_ruleset_version(rs), "1");
  cr_assert_eq(lexloci_ruleset_regime_count(rs), 1);
  cr_assert_str_eq(lexloci_ruleset_regime_id(rs, 0), "t.one");
  cr_assert_str_eq(lexloci_ruleset_regime_title(rs, 0), "Test regime");
  cr_assert_eq(lexloci_ruleset_rule_count(rs), 1);
  lexloci_rule_info ri;
  cr_assert_eq(lexloci_ruleset_rule(rs, 0, &ri), LEXLOCI_OK);
  cr_assert_str_eq(ri.id, "t.one.base");
  cr_assert_eq(ri.line, 5);
  cr_assert_eq(ri.col, 5);
  cr_assert(strncmp(lexloci_ruleset_digest(rs), "sha256:", 7) == 0);
  cr_assert_eq(strlen(lexloci_ruleset_digest(rs)), 7 + 64);
  lexloci_ruleset_free(rs);
}

/* Loads text expecting failure; returns the diagnostics. */
static diags fails(const char *text, lexloci_status want)
{
  diags d;
  lexloci_ruleset *rs = NULL;
  lexloci_status st = load_rules(text, &rs, &d);
  cr_assert_eq(st, want, "status %d, diagnostics:\n%s", st, d.text);
  cr_assert_null(rs);
  return d;
}

LX_TEST(load, unknown_fact_with_suggestion_and_column)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - id: a\n"
      "    effect: info\n"
      "    when:\n"
      "      - request.issuer is US\n"
      "    text: T.\n"
      "    cite: [c1]\n",
      LEXLOCI_ERULE);
  cr_assert_str_eq(d.text, "r.yaml:8:9: unknown fact 'request.issuer'; did "
                           "you mean 'request.issuing_state'?\n");
}

LX_TEST(load, bad_literal_column_points_at_the_value)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - id: a\n"
      "    effect: info\n"
      "    when: [\"request.instrument is warant\"]\n"
      "    text: T.\n"
      "    cite: [c1]\n",
      LEXLOCI_ERULE);
  /* The quoted scalar starts at column 12; its text one further; the
     value 'warant' is 22 bytes into the text. */
  cr_assert_str_eq(d.text, "r.yaml:7:35: 'warant' is not a value of "
                           "request.instrument; did you mean 'warrant'?\n");
}

LX_TEST(load, every_error_of_a_file_is_reported)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"http://example.org/\"}\n"
      "rules:\n"
      "  - id: a\n"
      "    effect: must_disclos\n"
      "    when: [request.issuing_state is UK]\n"
      "    text: T.\n"
      "    cite: [c2]\n"
      "  - id: a\n"
      "    effect: info\n"
      "    when: [data.locations contains US]\n"
      "    text: T.\n"
      "    cite: [c1]\n",
      LEXLOCI_ERULE);
  cr_assert(strstr(d.text, "r.yaml:3:31: citation 'c1': url must be an "
                           "https:// address\n"), "%s", d.text);
  cr_assert(strstr(d.text, "r.yaml:6:13: unknown effect 'must_disclos'; did "
                           "you mean 'must_disclose'?\n"), "%s", d.text);
  cr_assert(strstr(d.text, "r.yaml:7:37: 'UK' is not a country code; did "
                           "you mean 'GB'?\n"), "%s", d.text);
  cr_assert(strstr(d.text, "r.yaml:9:12: unknown citation 'c2'; did you "
                           "mean 'c1'?\n"), "%s", d.text);
  cr_assert(strstr(d.text, "r.yaml:10:9: duplicate rule id 't.one.a' (first "
                           "at r.yaml:5)\n"), "%s", d.text);
  cr_assert_geq(d.n, 5);
}

LX_TEST(load, rule_without_citation)
{
  diags d = fails("regime: t.one\n"
                  "rules:\n"
                  "  - id: a\n"
                  "    effect: info\n"
                  "    when: []\n"
                  "    text: T.\n",
                  LEXLOCI_ERULE);
  cr_assert_str_eq(d.text, "r.yaml:3:5: rule 't.one.a' has no citation: "
                           "add 'cite: [ID]'\n");
}

LX_TEST(load, unknown_key_with_suggestion)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - id: a\n"
      "    effect: info\n"
      "    when: []\n"
      "    txt: T.\n"
      "    cite: [c1]\n",
      LEXLOCI_ERULE);
  cr_assert_str_eq(d.text, "r.yaml:8:5: unknown key 'txt' in rule "
                           "'t.one.a'; did you mean 'text'?\n");
}

LX_TEST(load, override_cycle)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - {id: a, effect: info, when: [], text: A., cite: [c1], "
      "overrides: b}\n"
      "  - {id: b, effect: info, when: [], text: B., cite: [c1], "
      "overrides: c}\n"
      "  - {id: c, effect: info, when: [], text: C., cite: [c1], "
      "overrides: a}\n",
      LEXLOCI_ERULE);
  cr_assert(strstr(d.text, "override cycle: "), "%s", d.text);
  cr_assert(strstr(d.text, "a -> ") && strstr(d.text, "b -> ") &&
                strstr(d.text, "c -> "), "%s", d.text);
}

LX_TEST(load, override_of_missing_rule)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - {id: base, effect: info, when: [], text: A., cite: [c1]}\n"
      "  - {id: x, effect: info, when: [], text: B., cite: [c1], "
      "exception_to: bsae}\n",
      LEXLOCI_ERULE);
  cr_assert_str_eq(d.text, "r.yaml:6:73: no rule 'bsae' in regime t.one; "
                           "did you mean 't.one.base'?\n");
}

LX_TEST(load, bad_regex_points_into_the_pattern)
{
  diags d = fails(
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - id: a\n"
      "    effect: info\n"
      "    when:\n"
      "      - provider.name matches /a(b/\n"
      "    text: T.\n"
      "    cite: [c1]\n",
      LEXLOCI_ERULE);
  cr_assert(strstr(d.text, "r.yaml:8:") &&
                strstr(d.text, "bad regular expression: missing closing "
                               "parenthesis"), "%s", d.text);
}

LX_TEST(load, yaml_syntax_error_position)
{
  diags d = fails("regime: t.one\nrules: [\n  - id: a\n", LEXLOCI_ESYNTAX);
  cr_assert(strncmp(d.text, "r.yaml:3:", 9) == 0, "%s", d.text);
  cr_assert(strstr(d.text, "syntax error"), "%s", d.text);
}

LX_TEST(load, regime_cycle)
{
  static const char text[] =
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - {id: a, effect: info, when: [regime t.two is info], text: A., "
      "cite: [c1]}\n";
  diags d = fails(text, LEXLOCI_ERULE);
  cr_assert(strstr(d.text, "unknown regime 't.two'"), "%s", d.text);
  static const char two[] =
      "regime: t.two\n"
      "rules:\n"
      "  - {id: b, effect: info, when: [regime t.one is must_disclose], "
      "text: B., cite: [c1]}\n";
  static const char one[] =
      "regime: t.one\n"
      "citations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "rules:\n"
      "  - {id: a, effect: info, when: [regime t.two is not_applicable], "
      "text: A., cite: [c1]}\n";
  lexloci_source srcs[3] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"one.yaml", one, sizeof one - 1},
    {"two.yaml", two, sizeof two - 1},
  };
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  diags d2 = {0};
  cfg.diag = diags_cb;
  cfg.diag_ud = &d2;
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load_sources(&cfg, srcs, 3, &rs, NULL),
               LEXLOCI_ERULE);
  cr_assert(strstr(d2.text, "regimes read each other's outcome in a cycle: "
                            "t.one -> t.two -> t.one") ||
                strstr(d2.text, "cycle: t.two -> t.one -> t.two"),
            "%s", d2.text);
}

LX_TEST(load, missing_manifest)
{
  lexloci_source src = {"r.yaml", good, sizeof good - 1};
  diags d = {0};
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = diags_cb;
  cfg.diag_ud = &d;
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  cr_assert_eq(lexloci_ruleset_load_sources(&cfg, &src, 1, &rs, &err),
               LEXLOCI_ERULE);
  cr_assert(strstr(err.message, "no manifest"), "%s", err.message);
}

LX_TEST(load, manifest_orders_regimes)
{
  static const char m[] = "lexloci: 1\nname: n\nversion: \"2\"\n"
                          "regimes: [b.two, a.one]\n";
  static const char a[] =
      "regime: a.one\ncitations:\n  c1: {ref: R, title: T, url: "
      "\"https://example.org/\"}\nrules:\n  - {id: x, effect: info, when: "
      "[], text: X., cite: [c1]}\n";
  static const char b[] = "regime: b.two\nrules:\n  - {id: y, effect: info, "
                          "when: [], text: Y., cite: [c1]}\n";
  lexloci_source srcs[3] = {{"lexloci.yaml", m, sizeof m - 1},
                            {"a.yaml", a, sizeof a - 1},
                            {"b.yaml", b, sizeof b - 1}};
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load_sources(NULL, srcs, 3, &rs, NULL),
               LEXLOCI_OK);
  cr_assert_str_eq(lexloci_ruleset_regime_id(rs, 0), "b.two");
  cr_assert_str_eq(lexloci_ruleset_regime_id(rs, 1), "a.one");
  lexloci_rule_info ri;
  lexloci_ruleset_rule(rs, 0, &ri);
  cr_assert_str_eq(ri.id, "b.two.y");
  lexloci_ruleset_free(rs);
}

LX_TEST(load, bundled_rule_set_loads)
{
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  cr_assert_eq(lexloci_ruleset_load(NULL, LEXLOCI_SOURCE_DIR "/rules", &rs,
                                    &err),
               LEXLOCI_OK, "%s:%d:%d: %s", err.file, err.line, err.col,
               err.message);
  cr_assert_eq(lexloci_ruleset_regime_count(rs), 5);
  cr_assert_str_eq(lexloci_ruleset_regime_id(rs, 0), "us.cloud_act");
  cr_assert_str_eq(lexloci_ruleset_regime_id(rs, 4), "coe.budapest");
  cr_assert(strstr(lexloci_ruleset_tests_dir(rs), "/rules/tests"));
  lexloci_ruleset_free(rs);
}
