/*
** test_check.c: lexloci_ruleset_check (lexloci check): each kind of issue
** on small rule sets, the example cases it gives (they must really make
** both rules stand), and the rule-set and vocabulary accessors docs use.
*/
#include "helpers.h"

LX_SUITE(check);

static const lexloci_check_options on_day = {2026, 11, 28};

static lexloci_check *check_ok(const lexloci_ruleset *rs)
{
  lexloci_check *k = NULL;
  cr_assert_eq(lexloci_ruleset_check(rs, &on_day, &k), LEXLOCI_OK);
  return k;
}

/* Issues of one kind, their messages joined by newlines. */
static int issues(const lexloci_check *k, lexloci_check_kind kind,
                  char *buf, size_t cap)
{
  int n = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < lexloci_check_count(k); i++) {
    lexloci_issue is;
    cr_assert_eq(lexloci_check_issue(k, i, &is), LEXLOCI_OK);
    if (is.kind != kind)
      continue;
    size_t len = strlen(buf);
    snprintf(buf + len, cap - len, "%d:%d: %s\n", is.diag.line, is.diag.col,
             is.diag.message);
    n++;
  }
  return n;
}

static const char head[] =
    "regime: t.one\n"
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "rules:\n";

/* Loads head + rules text. */
static lexloci_ruleset *rules_with(const char *rules)
{
  static char text[8192];
  snprintf(text, sizeof text, "%s%s", head, rules);
  return rules_ok(text);
}

/* Every example case must load, evaluate, and make both rules stand. */
static void examples_hold(const lexloci_ruleset *rs, const lexloci_check *k)
{
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  for (size_t i = 0; i < lexloci_check_count(k); i++) {
    lexloci_issue is;
    lexloci_check_issue(k, i, &is);
    if (is.kind != LEXLOCI_CHECK_OVERLAP)
      continue;
    cr_assert_not_null(is.example);
    const lexloci_verdict *v = eval_ok(c, is.example);
    cr_assert(has_finding(v, is.rule), "%s does not stand on\n%s", is.rule,
              is.example);
    cr_assert(has_finding(v, is.other), "%s does not stand on\n%s",
              is.other, is.example);
  }
  lexloci_case_free(c);
}

LX_TEST(check, flawed_rule_set_has_one_of_each)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load(&cfg, LEXLOCI_SOURCE_DIR
                                    "/tests/golden/_check_flawed", &rs, NULL),
               LEXLOCI_OK);
  lexloci_check *k = check_ok(rs);
  char buf[4096];
  for (int kind = 0; kind < LEXLOCI_CHECK_KIND_COUNT; kind++)
    cr_assert_geq(issues(k, (lexloci_check_kind)kind, buf, sizeof buf), 1,
                  "no issue of kind %d", kind);
  examples_hold(rs, k);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, bundled_examples_hold)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load(&cfg, LEXLOCI_SOURCE_DIR "/rules", &rs,
                                    NULL),
               LEXLOCI_OK);
  lexloci_check *k = check_ok(rs);
  char buf[8192];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_INCOMPLETE, buf, sizeof buf), 0,
               "%s", buf);
  examples_hold(rs, k);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, contradiction_located_at_second_condition)
{
  lexloci_ruleset *rs = rules_with(
      "  - id: a\n"
      "    effect: info\n"
      "    when:\n"
      "      - provider.presence contains US\n"
      "      - request.issuing_state is GB\n"
      "      - provider.presence does not intersect [US, FR]\n"
      "    text: T.\n"
      "    cite: [c1]\n");
  lexloci_check *k = check_ok(rs);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_NEVER_APPLIES, buf, sizeof buf), 1);
  cr_assert_str_eq(buf, "10:9: rule 'a' can never apply: 'provider.presence "
                        "does not intersect [US, FR]' contradicts "
                        "'provider.presence contains US'\n");
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, satisfiable_rules_are_not_reported)
{
  /* `is unknown` needs a case that leaves the fact out; a comparison of
     two facts needs the right pair of values; a number, a value between
     two thresholds. */
  lexloci_ruleset *rs = rules_with(
      "  - id: unknown_fact\n"
      "    effect: info\n"
      "    when:\n"
      "      - request.offence.indictable is unknown\n"
      "      - request.issuing_state is GB\n"
      "    text: T.\n"
      "    cite: [c1]\n"
      "  - id: coupled\n"
      "    effect: info\n"
      "    when:\n"
      "      - request.issuing_state in provider.presence\n"
      "      - provider.presence subset of [DE]\n"
      "      - request.issuing_state in [DE, FR]\n"
      "    text: T.\n"
      "    cite: [c1]\n"
      "  - id: between\n"
      "    effect: info\n"
      "    when:\n"
      "      - request.offence.max_sentence_years > 3\n"
      "      - request.offence.max_sentence_years < 4\n"
      "    text: T.\n"
      "    cite: [c1]\n");
  lexloci_check *k = check_ok(rs);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_NEVER_APPLIES, buf, sizeof buf), 0,
               "%s", buf);
  cr_assert_eq(issues(k, LEXLOCI_CHECK_INCOMPLETE, buf, sizeof buf), 0,
               "%s", buf);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, coupled_facts_that_cannot_agree)
{
  lexloci_ruleset *rs = rules_with(
      "  - id: coupled\n"
      "    effect: info\n"
      "    when:\n"
      "      - request.issuing_state in provider.presence\n"
      "      - provider.presence subset of [DE]\n"
      "      - request.issuing_state in [FR, GB]\n"
      "    text: T.\n"
      "    cite: [c1]\n");
  lexloci_check *k = check_ok(rs);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_NEVER_APPLIES, buf, sizeof buf), 1,
               "%s", buf);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, overlap_needs_both_to_stand)
{
  /* b and c overlap with a; d overrides a, so a and d do not. */
  lexloci_ruleset *rs = rules_with(
      "  - id: a\n"
      "    effect: must_disclose\n"
      "    when: [request.instrument is warrant]\n"
      "    text: T.\n"
      "    cite: [c1]\n"
      "  - id: b\n"
      "    effect: not_compellable\n"
      "    when: [data.personal]\n"
      "    text: T.\n"
      "    cite: [c1]\n"
      "  - id: d\n"
      "    effect: must_not_disclose\n"
      "    overrides: a\n"
      "    when: [request.emergency]\n"
      "    text: T.\n"
      "    cite: [c1]\n");
  lexloci_check *k = check_ok(rs);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_OVERLAP, buf, sizeof buf), 2, "%s",
               buf);
  cr_assert(strstr(buf, "'a' (must_disclose, line 5) and 'b'"), "%s", buf);
  cr_assert(strstr(buf, "'b' (not_compellable, line 10) and 'd'"), "%s",
            buf);
  examples_hold(rs, k);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, coverage_grid)
{
  lexloci_ruleset *rs = rules_with(
      "  - id: a\n"
      "    effect: must_disclose\n"
      "    when:\n"
      "      - request.issuing_state is US\n"
      "      - request.instrument is warrant\n"
      "      - request.data_categories contains content\n"
      "    text: T.\n"
      "    cite: [c1]\n");
  lexloci_check *k = check_ok(rs);
  cr_assert_eq(lexloci_check_group_count(k), 2);
  cr_assert_str_eq(lexloci_check_group_name(k, 0), "US");
  cr_assert_str_eq(lexloci_check_group_name(k, 1), "other states (249)");
  cr_assert_eq(lexloci_check_coverage(k, 0, 0, 0, LEXLOCI_CONTENT),
               1u << LEXLOCI_MUST_DISCLOSE);
  cr_assert_eq(lexloci_check_coverage(k, 0, 0, 0, LEXLOCI_TRAFFIC), 0);
  cr_assert_eq(lexloci_check_coverage(k, 0, 1, 0, LEXLOCI_CONTENT), 0);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_GAP, buf, sizeof buf), 1);
  cr_assert_str_eq(buf, "1:9: regime t.one decides a warrant issued by US "
                        "for content, but not for subscriber, "
                        "identification, traffic\n");
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, misuse)
{
  lexloci_check *k = NULL;
  cr_assert_eq(lexloci_ruleset_check(NULL, NULL, &k), LEXLOCI_EMISUSE);
  lexloci_ruleset *rs = rules_with("  - id: a\n    effect: info\n"
                                   "    when: []\n    text: T.\n"
                                   "    cite: [c1]\n");
  lexloci_check_options bad = {2026, 2, 30};
  cr_assert_eq(lexloci_ruleset_check(rs, &bad, &k), LEXLOCI_EMISUSE);
  cr_assert_null(k);
  lexloci_issue is;
  cr_assert_eq(lexloci_check_issue(NULL, 0, &is), LEXLOCI_EMISUSE);
  cr_assert_eq(lexloci_check_count(NULL), 0);
  lexloci_check_free(NULL);
  lexloci_ruleset_free(rs);
}

/* ------------------------------------------------------------------ */
/* Accessors for docs, schemas and forms                                */
/* ------------------------------------------------------------------ */

LX_TEST(check, rule_conditions_as_written)
{
  lexloci_ruleset *rs = rules_with(
      "  - id: a\n"
      "    title: A rule\n"
      "    effect: must_disclose\n"
      "    in_force: {from: 2020-01-01}\n"
      "    when:\n"
      "      - request.issuing_state is US\n"
      "      - any:\n"
      "          - request.emergency\n"
      "          - not: data.personal\n"
      "    text: Here {data.locations}.\n"
      "    cite: [c1]\n");
  lexloci_rule_info ri;
  cr_assert_eq(lexloci_ruleset_rule(rs, 0, &ri), LEXLOCI_OK);
  cr_assert_eq(ri.effect, LEXLOCI_MUST_DISCLOSE);
  cr_assert_str_eq(ri.text, "Here {data.locations}.");
  cr_assert_eq(ri.nconditions, 5);
  cr_assert_eq(ri.ncitations, 1);
  char day[11];
  lexloci_date_format(ri.from, day);
  cr_assert_str_eq(day, "2020-01-01");
  cr_assert_eq(ri.until, INT32_MAX);
  static const struct {
    int depth;
    const char *text;
  } want[] = {{1, "request.issuing_state is US"}, {1, "any of"},
              {2, "request.emergency"}, {2, "not"}, {3, "data.personal"}};
  for (size_t j = 0; j < 5; j++) {
    lexloci_condition c;
    cr_assert_eq(lexloci_ruleset_rule_condition(rs, 0, j, &c), LEXLOCI_OK);
    cr_assert_eq(c.depth, want[j].depth, "condition %zu", j);
    cr_assert_str_eq(c.text, want[j].text);
  }
  lexloci_condition c;
  cr_assert_eq(lexloci_ruleset_rule_condition(rs, 0, 5, &c),
               LEXLOCI_EMISUSE);
  cr_assert_str_eq(lexloci_ruleset_rule_citation(rs, 0, 0)->ref, "R");
  cr_assert_null(lexloci_ruleset_rule_citation(rs, 0, 1));
  lexloci_ruleset_free(rs);
}

LX_TEST(check, vocabulary_as_data)
{
  lexloci_fact_info fi;
  lexloci_fact f = lexloci_fact_lookup("request.instrument");
  cr_assert_eq(lexloci_fact_describe(f, &fi), LEXLOCI_OK);
  cr_assert_eq(fi.type, LEXLOCI_TYPE_ENUM);
  cr_assert(fi.required);
  cr_assert_str_eq(fi.domain, "instrument");
  cr_assert_eq(fi.nvalues, 15);
  cr_assert_str_eq(lexloci_fact_value(f, 0), "warrant");
  cr_assert_null(lexloci_fact_value(f, 15));
  f = lexloci_fact_lookup("data.protected");
  cr_assert_eq(lexloci_fact_describe(f, &fi), LEXLOCI_OK);
  cr_assert(fi.list);
  cr_assert_str_eq(fi.def, "[]");
  f = lexloci_fact_lookup("provider.legal_representative");
  cr_assert_eq(lexloci_fact_describe(f, &fi), LEXLOCI_OK);
  cr_assert(fi.nullable);
  cr_assert_eq(fi.type, LEXLOCI_TYPE_COUNTRY);
  cr_assert_eq(lexloci_fact_describe(-1, &fi), LEXLOCI_EMISUSE);
  char cc[3];
  size_t n = 0;
  while (lexloci_country_code(n, cc))
    n++;
  cr_assert_eq(n, 250);
  lexloci_country_code(0, cc);
  cr_assert_str_eq(cc, "AD");
  int days;
  cr_assert(lexloci_date_parse("2026-11-28", &days));
  cr_assert(!lexloci_date_parse("2026-11-31", &days));
}

LX_TEST(check, fact_text_as_a_case_writes_it)
{
  lexloci_ruleset *rs = rules_with("  - id: a\n    effect: info\n"
                                   "    when: []\n    text: T.\n"
                                   "    cite: [c1]\n");
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  char buf[64];
  lexloci_fact loc = lexloci_fact_lookup("data.locations");
  lexloci_case_fact_text(c, loc, buf, sizeof buf);
  cr_assert_str_eq(buf, "unknown");
  cr_assert_eq(lexloci_case_set_path(c, "data.locations", "IE, US", NULL),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_case_fact_text(c, loc, buf, sizeof buf), 8);
  cr_assert_str_eq(buf, "[IE, US]");
  lexloci_case_fact_text(c, lexloci_fact_lookup("data.protected"), buf,
                         sizeof buf);
  cr_assert_str_eq(buf, "[]");
  lexloci_fact rep = lexloci_fact_lookup("provider.legal_representative");
  lexloci_case_set_null(c, rep, NULL);
  lexloci_case_fact_text(c, rep, buf, sizeof buf);
  cr_assert_str_eq(buf, "null");
  lexloci_case_fact_text(c, lexloci_fact_lookup("request.emergency"), buf,
                         sizeof buf);
  cr_assert_str_eq(buf, "false");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* ------------------------------------------------------------------ */
/* LX_MAX_CHECK_PASSES                                                  */
/* ------------------------------------------------------------------ */

/* Two rules with different effects whose conditions are the odd and the
   even parity of nine true-or-false facts: no case meets both, and three
   values cannot tell until all nine are decided, so the question of their
   overlap costs about 2^10 passes on each date tried. A set whose members
   join on ndates different days makes that many more dates to try. */
static lexloci_ruleset *parity_rules(int ndates)
{
  static const char *const facts[9] = {
    "request.emergency", "request.nondisclosure_order",
    "request.offence.by_information_system", "request.offence.indictable",
    "request.target.us_person", "provider.public_service",
    "provider.technical_access", "data.personal",
    "data.possession_or_control"};
  size_t cap = 1 << 20, n = 0;
  char *text = malloc(cap);
  n += (size_t)snprintf(text + n, cap - n,
                        "%s  - id: m\n    effect: must_disclose\n"
                        "    text: T.\n    cite: [c1]\n    when:\n"
                        "      - any:\n", head);
  for (int rule = 0; rule < 2; rule++) {
    if (rule)
      n += (size_t)snprintf(text + n, cap - n,
                            "  - id: n\n    effect: not_compellable\n"
                            "    text: T.\n    cite: [c1]\n    when:\n"
                            "      - any:\n");
    for (int v = 0; v < 512; v++) {
      if (__builtin_popcount((unsigned)v) % 2 != rule)
        continue;
      n += (size_t)snprintf(text + n, cap - n, "          - all: [");
      for (int b = 0; b < 9; b++)
        n += (size_t)snprintf(text + n, cap - n, "%s%s is %s",
                              b ? ", " : "", facts[b],
                              v >> b & 1 ? "true" : "false");
      n += (size_t)snprintf(text + n, cap - n, "]\n");
    }
  }
  n += (size_t)snprintf(text + n, cap - n, "sets:\n  joiners:\n"
                        "    cite: [c1]\n    members:\n");
  for (int d = 0; d < ndates; d++) {
    char cc[3];
    cr_assert(lexloci_country_code((size_t)d, cc));
    n += (size_t)snprintf(text + n, cap - n, "      %s: %d-01-01\n", cc,
                          2010 + d);
  }
  cr_assert_lt(n, cap);
  lexloci_ruleset *rs = rules_ok(text);
  free(text);
  return rs;
}

LX_TEST(check, limit_passes_below_settles)
{
  lexloci_ruleset *rs = parity_rules(4); /* 5 dates: ~5k passes */
  lexloci_check *k = check_ok(rs);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_OVERLAP, buf, sizeof buf), 0, "%s",
               buf);
  cr_assert_eq(issues(k, LEXLOCI_CHECK_INCOMPLETE, buf, sizeof buf), 0,
               "%s", buf);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}

LX_TEST(check, limit_passes_above_leaves_the_question_open)
{
  lexloci_ruleset *rs = parity_rules(60); /* 61 dates: ~60k passes */
  lexloci_check *k = check_ok(rs);
  char buf[2048];
  cr_assert_eq(issues(k, LEXLOCI_CHECK_OVERLAP, buf, sizeof buf), 0, "%s",
               buf);
  cr_assert_eq(issues(k, LEXLOCI_CHECK_INCOMPLETE, buf, sizeof buf), 1);
  cr_assert(strstr(buf, "could not be settled"), "%s", buf);
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
}
