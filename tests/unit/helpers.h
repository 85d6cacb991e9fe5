/*
** helpers.h: shared by the unit tests: in-memory rule sets and cases, and
** the leak check that makes a leak fail the test that caused it.
*/
#ifndef LX_TEST_HELPERS_H
#define LX_TEST_HELPERS_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexloci.h"

/* criterion runs each test in its own process and ends it with _exit, so
   LeakSanitizer's exit-time check never runs. Worse, criterion only warns
   about a failure in a teardown. So every test is written LX_TEST: its body
   runs, then LeakSanitizer's check, whose finding fails the test. Memory
   still reachable (a fixture's rule set held in a static) is not a leak. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
static inline void lx_test_leak_check(void)
{
  if (__lsan_do_recoverable_leak_check())
    cr_assert_fail("LeakSanitizer found leaks (see above)");
}
#else
static inline void lx_test_leak_check(void) {}
#endif
#define LX_SUITE(name) TestSuite(name)
#define LX_TEST(suite, name, ...)                                            \
  static void lx_body_##suite##_##name(void);                                \
  Test(suite, name, ##__VA_ARGS__)                                           \
  {                                                                          \
    lx_body_##suite##_##name();                                              \
    lx_test_leak_check();                                                    \
  }                                                                          \
  static void lx_body_##suite##_##name(void)

/* Collects diagnostics as "line:col: message" lines. */
typedef struct diags {
  char text[8192];
  int n;
} diags;

static inline void diags_cb(void *ud, const lexloci_error *e)
{
  diags *d = ud;
  size_t len = strlen(d->text);
  snprintf(d->text + len, sizeof d->text - len, "%s:%d:%d: %s%s\n", e->file,
           e->line, e->col,
           e->severity == LEXLOCI_SEV_WARNING ? "warning: " : "", e->message);
  d->n++;
}

static const char manifest_yaml[] =
    "lexloci: 1\nname: unit\nversion: \"1\"\n";

/* Loads n in-memory files, collecting diagnostics in d (when not NULL). */
static inline lexloci_status load_sources(const lexloci_source *srcs,
                                          size_t n, lexloci_ruleset **rs,
                                          diags *d)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  if (d) {
    memset(d, 0, sizeof *d);
    cfg.diag = diags_cb;
    cfg.diag_ud = d;
  }
  return lexloci_ruleset_load_sources(&cfg, srcs, n, rs, NULL);
}

/* Loads a manifest plus one rule file "r.yaml" holding text. */
static inline lexloci_status load_rules(const char *text,
                                        lexloci_ruleset **rs, diags *d)
{
  lexloci_source srcs[2] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"r.yaml", text, strlen(text)},
  };
  return load_sources(srcs, 2, rs, d);
}

/* Loads rules that must be valid. The rule set keeps the diagnostics
   callback for the cases loaded for it, so its data must outlive it. */
static inline lexloci_ruleset *rules_ok(const char *text)
{
  static diags d;
  lexloci_ruleset *rs = NULL;
  lexloci_status st = load_rules(text, &rs, &d);
  cr_assert_eq(st, LEXLOCI_OK, "rules did not load:\n%s", d.text);
  return rs;
}

/* Loads a case that must be valid and evaluates it. */
static inline const lexloci_verdict *eval_ok(lexloci_case *c,
                                             const char *yaml)
{
  lexloci_error err;
  cr_assert_eq(lexloci_case_load(c, "case.yaml", yaml, strlen(yaml), &err),
               LEXLOCI_OK, "case did not load: %d:%d: %s", err.line,
               err.col, err.message);
  const lexloci_verdict *v = NULL;
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK, "eval: %s",
               err.message);
  return v;
}

/* The outcome of the regime with this id. */
static inline lexloci_outcome regime_outcome(const lexloci_verdict *v,
                                             const char *id)
{
  for (size_t i = 0; i < lexloci_verdict_regime_count(v); i++) {
    lexloci_regime_result r;
    lexloci_verdict_regime(v, i, &r);
    if (strcmp(r.id, id) == 0)
      return r.outcome;
  }
  cr_assert_fail("no regime %s", id);
  return LEXLOCI_OUTCOME_COUNT;
}

static inline bool has_finding(const lexloci_verdict *v, const char *rule)
{
  for (size_t i = 0; i < lexloci_verdict_finding_count(v); i++) {
    lexloci_finding f;
    lexloci_verdict_finding(v, i, &f);
    if (strcmp(f.rule, rule) == 0)
      return true;
  }
  return false;
}

/* The missing facts, joined with ",". */
static inline const char *missing_list(const lexloci_verdict *v, char *buf,
                                       size_t cap)
{
  buf[0] = '\0';
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++) {
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, "%s%s", i ? "," : "",
             lexloci_fact_name(lexloci_verdict_missing(v, i)));
  }
  return buf;
}

#endif
