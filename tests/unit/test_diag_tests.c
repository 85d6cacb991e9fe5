/*
** test_diag_tests.c: every mistake in a rule set's test file (the format
** of docs/rule-language.md, section 9) is reported at its line and column,
** in the words a lawyer reads, with a "did you mean" where one is apt; and
** the diff of a failing test names each difference.
*/
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <unistd.h>

#include "helpers.h"

LX_SUITE(diag_tests);

static const char rules[] =
    "regime: t.one\n"
    "citations:\n"
    "  c1: {ref: \"Test Act s. 1\", title: T, url: \"https://example.org/1\"}\n"
    "rules:\n"
    "  - id: disclose\n"
    "    effect: must_disclose\n"
    "    when: [request.issuing_state is US]\n"
    "    text: D.\n"
    "    cite: [c1]\n"
    "    actions:\n"
    "      - {id: notify, by: provider, text: N., cite: [c1]}\n";

/* A base case and the start of a test using it. */
#define CASES                                                              \
  "cases:\n"                                                               \
  "  base:\n"                                                              \
  "    lexloci: 1\n"                                                       \
  "    request: {date: 2026-01-01, issuing_state: US, instrument: warrant,"\
  " data_categories: [content]}\n"                                         \
  "    data: {locations: [US]}\n"
#define TEST "tests:\n  - name: t\n    case: base\n"

/* Writes text to t.yaml in a fresh folder made the current one (each test
   runs in its own process), so that messages name "t.yaml". */
static void write_test_file(const char *text)
{
  char dir[] = "/tmp/lx_diag_tests_XXXXXX";
  cr_assert_not_null(mkdtemp(dir));
  cr_assert_eq(chdir(dir), 0);
  FILE *fp = fopen("t.yaml", "wb");
  cr_assert_not_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static void remove_test_file(void)
{
  char dir[4096];
  cr_assert_not_null(getcwd(dir, sizeof dir));
  unlink("t.yaml");
  cr_assert_eq(chdir("/"), 0);
  rmdir(dir);
}

/* Loads the test file text for the rule set above, expecting failure;
   returns its diagnostics. */
static void load_fails(lexloci_ruleset *rs, const char *text, diags *d)
{
  write_test_file(text);
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  memset(d, 0, sizeof *d);
  cfg.diag = diags_cb;
  cfg.diag_ud = d;
  const char *path = "t.yaml";
  lexloci_testsuite *ts = NULL;
  lexloci_status st = lexloci_testsuite_load(&cfg, rs, &path, 1, &ts, NULL);
  cr_expect_neq(st, LEXLOCI_OK, "loaded:\n%s", text);
  cr_expect_null(ts);
  lexloci_testsuite_free(ts);
  remove_test_file();
}

static const struct {
  const char *text; /* the test file */
  const char *want; /* every diagnostic */
} load_cases[] = {
  /* The file as a whole. */
  {"", "t.yaml:1:1: the test file is empty\n"},
  {"- a\n", "t.yaml:1:1: a test file is a map with 'tests' (and 'cases')\n"},
  {CASES "test:\n  - name: t\n",
   "t.yaml:6:1: unknown key 'test' in a test file; did you mean 'tests'?\n"
   "t.yaml:1:1: a test file needs a list 'tests'\n"},
  {CASES TEST "    expect: {verdict: conflict}\nnotes: x\n",
   "t.yaml:10:1: unknown key 'notes' in a test file; expected cases or "
   "tests\n"},
  {"cases: [a]\n" TEST "    expect: {verdict: conflict}\n",
   "t.yaml:1:8: cases must be a map of name: case\n"
   "t.yaml:4:11: no case 'base' in this file's cases\n"},
  {"tests: {a: b}\n", "t.yaml:1:8: a test file needs a list 'tests'\n"},
  {"tests:\n  - just a line\n",
   "t.yaml:2:5: a test is a map with name, case and expect\n"},
  {"tests: [\n", "t.yaml:2:1: syntax error: did not find expected node "
                 "content while parsing a flow node\n"},
  /* A test's keys. */
  {CASES TEST "    expct: {verdict: conflict}\n",
   "t.yaml:9:5: unknown key 'expct' in a test; did you mean 'expect'?\n"
   "t.yaml:7:5: a test needs 'expect' with at least a verdict\n"},
  {CASES "tests:\n  - case: base\n    expect: {verdict: conflict}\n",
   "t.yaml:7:5: a test needs a name\n"},
  {CASES "tests:\n  - name: t\n    expect: {verdict: conflict}\n",
   "t.yaml:7:5: a test needs a case (a name from cases, or a map)\n"},
  {CASES "tests:\n  - name: t\n    case: bsae\n"
         "    expect: {verdict: conflict}\n",
   "t.yaml:8:11: no case 'bsae' in this file's cases; did you mean "
   "'base'?\n"},
  {CASES TEST "    set: [request.issuing_state]\n"
              "    expect: {verdict: conflict}\n",
   "t.yaml:9:10: set must be a map of fact.path: value\n"},
  {CASES TEST "    expect: conflict\n",
   "t.yaml:9:13: a test needs 'expect' with at least a verdict\n"},
  /* expect: */
  {CASES TEST "    expect: {regimes: {t.one: must_disclose}}\n",
   "t.yaml:9:13: expect needs a verdict\n"},
  {CASES TEST "    expect: {verdict: confict}\n",
   "t.yaml:9:23: 'confict' is not a verdict; did you mean 'conflict'?\n"},
  {CASES TEST "    expect: {verdict: [conflict]}\n",
   "t.yaml:9:23: expected a verdict, not a list\n"},
  {CASES TEST "    expect: {verdict: conflict, verdcit: conflict}\n",
   "t.yaml:9:33: unknown key 'verdcit' in expect; did you mean "
   "'verdict'?\n"},
  {CASES TEST "    expect: {verdict: conflict, regimes: [t.one]}\n",
   "t.yaml:9:42: regimes must be a map of regime: outcome\n"},
  {CASES TEST "    expect: {verdict: conflict, regimes: {t.onne: "
              "must_disclose}}\n",
   "t.yaml:9:43: unknown regime 't.onne'; did you mean 't.one'?\n"},
  {CASES TEST "    expect: {verdict: conflict, regimes: {t.one: "
              "must_disclos}}\n",
   "t.yaml:9:50: 'must_disclos' is not a regime outcome; did you mean "
   "'must_disclose'?\n"},
  {CASES TEST "    expect: {verdict: conflict, regimes: {t.one: "
              "conflict}}\n",
   "t.yaml:9:50: 'conflict' is not a regime outcome\n"},
  {CASES TEST "    expect: {verdict: conflict, findings: t.one.disclose}\n",
   "t.yaml:9:43: 'findings' must be a list\n"},
  {CASES TEST "    expect: {verdict: conflict, findings: [{a: b}]}\n",
   "t.yaml:9:44: 'findings' must list values, not a map\n"},
  {CASES TEST "    expect: {verdict: conflict, findings: "
              "[t.one.disclos]}\n",
   "t.yaml:9:44: no rule 't.one.disclos' in the rule set; did you mean "
   "'t.one.disclose'?\n"},
  {CASES TEST "    expect: {verdict: conflict, not_findings: [disclose]}\n",
   "t.yaml:9:48: no rule 'disclose' in the rule set; did you mean "
   "'t.one.disclose'?\n"},
  {CASES TEST "    expect: {verdict: conflict, not_actions: [notfy]}\n",
   "t.yaml:9:47: no action 'notfy' in the rule set; did you mean "
   "'notify'?\n"},
  {CASES TEST "    expect: {verdict: conflict, citations: [\"Test Act "
              "s. 2\"]}\n",
   "t.yaml:9:45: no citation with ref 'Test Act s. 2' in the rule set; "
   "did you mean 'Test Act s. 1'?\n"},
  {CASES TEST "    expect: {verdict: conflict, missing: [request.issuer]}\n",
   "t.yaml:9:43: unknown fact 'request.issuer'; did you mean "
   "'request.issuing_state'?\n"},
  {CASES TEST "    expect: {verdict: conflict, missing: "
              "[request.all_data_categories]}\n",
   "t.yaml:9:43: request.all_data_categories is never missing: lexloci "
   "sets it from request.data_categories\n"},
  {CASES TEST "    expect: {verdict: conflict, refine: "
              "[request.all_data_categories]}\n",
   "t.yaml:9:42: request.all_data_categories is never to refine: lexloci "
   "sets it from request.data_categories\n"},
  {CASES TEST "    expect: {verdict: conflict, by_category: [content]}\n",
   "t.yaml:9:46: by_category must be a map of category: verdict\n"},
  {CASES TEST "    expect: {verdict: conflict, unsettled: maybe}\n",
   "t.yaml:9:44: unsettled must be true or false\n"},
  {CASES TEST "    expect: {verdict: conflict, by_category: {contnet: "
              "conflict}}\n",
   "t.yaml:9:47: 'contnet' is not a data category; did you mean "
   "'content'?\n"},
  {CASES TEST "    expect: {verdict: conflict, by_category: {content: "
              "info}}\n",
   "t.yaml:9:56: 'info' is not a verdict\n"},
};

LX_TEST(diag_tests, every_mistake_located)
{
  lexloci_ruleset *rs = rules_ok(rules);
  for (size_t i = 0; i < sizeof load_cases / sizeof *load_cases; i++) {
    diags d;
    load_fails(rs, load_cases[i].text, &d);
    cr_expect_str_eq(d.text, load_cases[i].want, "case %zu:\n%sgot:\n%s",
                     i, load_cases[i].text, d.text);
  }
  lexloci_ruleset_free(rs);
}

LX_TEST(diag_tests, unreadable_path)
{
  lexloci_ruleset *rs = rules_ok(rules);
  diags d = {0};
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = diags_cb;
  cfg.diag_ud = &d;
  const char *path = "/nonexistent/lx.yaml";
  lexloci_testsuite *ts = NULL;
  cr_assert_eq(lexloci_testsuite_load(&cfg, rs, &path, 1, &ts, NULL),
               LEXLOCI_EIO);
  cr_assert_str_eq(d.text, "/nonexistent/lx.yaml:0:0: cannot read the test "
                           "file or folder\n");
  /* In-memory rule sets have no tests folder. */
  memset(&d, 0, sizeof d);
  cr_assert_eq(lexloci_testsuite_load(&cfg, rs, NULL, 0, &ts, NULL),
               LEXLOCI_EIO);
  cr_assert_str_eq(d.text, ":0:0: the rule set has no tests folder\n");
  cr_assert_eq(lexloci_testsuite_load(&cfg, NULL, NULL, 0, &ts, NULL),
               LEXLOCI_EMISUSE);
  lexloci_ruleset_free(rs);
}

/* Loads text, which must load, and runs its first test. */
static lexloci_status run_first(lexloci_ruleset *rs, const char *text,
                                lexloci_testsuite **ts,
                                lexloci_test_result *res, lexloci_error *err)
{
  write_test_file(text);
  const char *path = "t.yaml";
  diags d = {0};
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = diags_cb;
  cfg.diag_ud = &d;
  cr_assert_eq(lexloci_testsuite_load(&cfg, rs, &path, 1, ts, NULL),
               LEXLOCI_OK, "%s", d.text);
  remove_test_file();
  memset(err, 0, sizeof *err);
  return lexloci_testsuite_run(*ts, 0, res, err);
}

LX_TEST(diag_tests, case_mistakes_reported_when_the_test_runs)
{
  lexloci_ruleset *rs = rules_ok(rules);
  lexloci_testsuite *ts;
  lexloci_test_result res;
  lexloci_error err;
  cr_assert_eq(run_first(rs, CASES TEST "    set: {request.issuer: GB}\n"
                                        "    expect: {verdict: conflict}\n",
                         &ts, &res, &err),
               LEXLOCI_EFACT);
  cr_assert_str_eq(err.file, "t.yaml");
  cr_assert_eq(err.line, 9);
  cr_assert_eq(err.col, 11);
  cr_assert_str_eq(err.message, "unknown fact 'request.issuer'; did you "
                                "mean 'request.issuing_state'?");
  lexloci_testsuite_free(ts);

  cr_assert_eq(run_first(rs, CASES TEST "    set: "
                                        "{request.all_data_categories: "
                                        "[content]}\n"
                                        "    expect: {verdict: conflict}\n",
                         &ts, &res, &err),
               LEXLOCI_EFACT);
  cr_assert_eq(err.line, 9);
  cr_assert(strstr(err.message, "request.all_data_categories is set by "
                                "lexloci"), "%s", err.message);
  lexloci_testsuite_free(ts);

  cr_assert_eq(run_first(rs, "tests:\n  - name: t\n"
                             "    case: {lexloci: 1, request: "
                             "{issuing_stat: US}}\n"
                             "    expect: {verdict: conflict}\n",
                         &ts, &res, &err),
               LEXLOCI_EFACT);
  cr_assert_str_eq(err.file, "t.yaml");
  cr_assert_eq(err.line, 3);
  cr_assert_eq(err.col, 34);
  cr_assert_str_eq(err.message, "unknown key 'request.issuing_stat'; did "
                                "you mean 'issuing_state'?");
  lexloci_testsuite_free(ts);
  lexloci_ruleset_free(rs);
}

/* `unsettled:` holds the verdict to whether some finding says the law is
   unsettled (the fixture's rules never do). */
LX_TEST(diag_tests, unsettled_expectation)
{
  lexloci_ruleset *rs = rules_ok(rules);
  for (int want = 1; want >= 0; want--) {
    char text[1024];
    snprintf(text, sizeof text, "%s    expect:\n      verdict: must_disclose\n"
             "      unsettled: %s\n", CASES TEST, want ? "true" : "false");
    lexloci_testsuite *ts;
    lexloci_test_result res;
    lexloci_error err;
    cr_assert_eq(run_first(rs, text, &ts, &res, &err), LEXLOCI_OK, "%s",
                 err.message);
    cr_assert_eq(res.passed, !want, "unsettled: %d", want);
    cr_assert_eq(res.nfailures, (size_t)want);
    if (want)
      cr_assert_str_eq(lexloci_testsuite_failure(ts, 0, 0),
                       "unsettled: expected, but no finding says the law is "
                       "unsettled");
    lexloci_testsuite_free(ts);
  }
  lexloci_ruleset_free(rs);
}

LX_TEST(diag_tests, failure_names_each_difference)
{
  lexloci_ruleset *rs = rules_ok(rules);
  lexloci_testsuite *ts;
  lexloci_test_result res;
  lexloci_error err;
  cr_assert_eq(
      run_first(rs,
                CASES TEST
                "    expect:\n"
                "      verdict: must_disclose\n"
                "      regimes: {t.one: not_applicable}\n"
                "      not_findings: [t.one.disclose]\n"
                "      actions: [notify]\n"
                "      not_actions: [notify]\n"
                "      citations: [\"Test Act s. 1\"]\n"
                "      missing: [request.target.residence]\n"
                "      by_category: {content: conflict, traffic: conflict}\n",
                &ts, &res, &err),
      LEXLOCI_OK, "%s", err.message);
  static const char *const want[] = {
    "regime t.one: expected not_applicable, got must_disclose",
    "finding t.one.disclose: not expected, but it stands",
    "action notify: not expected, but present",
    "missing: expected request.target.residence among the missing facts",
    "by_category content: expected conflict, got must_disclose",
    "by_category traffic: the request does not name it",
  };
  cr_assert_not(res.passed);
  for (size_t j = 0; j < res.nfailures; j++)
    cr_expect_str_eq(lexloci_testsuite_failure(ts, 0, j),
                     j < 6 ? want[j] : "", "line %zu", j);
  cr_assert_eq(res.nfailures, 6);
  cr_assert_null(lexloci_testsuite_failure(ts, 0, 6));
  lexloci_testsuite_free(ts);

  cr_assert_eq(run_first(rs,
                         CASES TEST
                         "    expect:\n"
                         "      verdict: must_disclose\n"
                         "      actions: [notify]\n"
                         "      citations: [\"Test Act s. 1\"]\n",
                         &ts, &res, &err),
               LEXLOCI_OK);
  cr_assert(res.passed, "%s", lexloci_testsuite_failure(ts, 0, 0));
  lexloci_testsuite_free(ts);
  lexloci_ruleset_free(rs);
}
