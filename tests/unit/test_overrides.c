/*
** test_overrides.c: defeasibility: exceptions, overrides, chains, and how
** a regime's outcome follows from the findings that stand.
*/
#include "helpers.h"

LX_SUITE(overrides);

#define HEAD                                                                 \
  "regime: t.a\n"                                                            \
  "citations:\n"                                                             \
  "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"                \
  "rules:\n"

static const lexloci_verdict *eval_with(lexloci_case *c, const char *state,
                                        const char *instrument,
                                        const char *extra)
{
  char yaml[1024];
  snprintf(yaml, sizeof yaml,
           "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: %s, "
           "instrument: %s, data_categories: [content]}\n"
           "data: {locations: [IE]%s}\n",
           state, instrument, extra);
  return eval_ok(c, yaml);
}

/* The explanation's RULE step for rule id. */
static lexloci_step rule_step(const lexloci_verdict *v, const char *id)
{
  lexloci_step s;
  for (size_t i = 0; i < lexloci_verdict_step_count(v); i++) {
    lexloci_verdict_step(v, i, &s);
    if (s.kind == LEXLOCI_STEP_RULE && strcmp(s.text, id) == 0)
      return s;
  }
  cr_assert_fail("no step for %s", id);
  return s;
}

static const char exception_rules[] =
    HEAD
    "  - {id: base, effect: must_disclose, when: [request.issuing_state is "
    "US], text: T, cite: [c1]}\n"
    "  - {id: weak, effect: not_compellable, exception_to: base, when: "
    "[request.instrument is subpoena], text: T, cite: [c1]}\n";

LX_TEST(overrides, exception_defeats_its_base)
{
  lexloci_ruleset *rs = rules_ok(exception_rules);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_with(c, "US", "subpoena", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_NOT_COMPELLABLE);
  cr_assert(has_finding(v, "t.a.weak"));
  cr_assert_not(has_finding(v, "t.a.base"));
  lexloci_step s = rule_step(v, "t.a.base");
  cr_assert_eq(s.value, LEXLOCI_TRUE);  /* applies */
  cr_assert_eq(s.stands, LEXLOCI_FALSE); /* but is defeated */
  cr_assert_str_eq(s.defeated_by, "t.a.weak");
  v = eval_with(c, "US", "warrant", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MUST_DISCLOSE);
  cr_assert(has_finding(v, "t.a.base"));
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(overrides, an_exception_needs_its_base_conditions)
{
  lexloci_ruleset *rs = rules_ok(exception_rules);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  /* A French subpoena: the base does not apply, so neither does its
     exception, and the regime does not reach the case. */
  const lexloci_verdict *v = eval_with(c, "FR", "subpoena", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_NOT_APPLICABLE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_NO_APPLICABLE_REGIME);
  cr_assert_eq(rule_step(v, "t.a.weak").value, LEXLOCI_FALSE);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(overrides, override_applies_on_its_own)
{
  lexloci_ruleset *rs = rules_ok(
      HEAD "  - {id: bar, effect: must_not_disclose, when: [data.personal], "
           "text: T, cite: [c1]}\n"
           "  - {id: consent, effect: may_disclose, overrides: bar, when: "
           "[data.consent contains data_subject], text: T, cite: [c1]}\n");
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v =
      eval_with(c, "US", "warrant", ", personal: true, consent: [data_subject]");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MAY_DISCLOSE);
  cr_assert_not(has_finding(v, "t.a.bar"));
  v = eval_with(c, "US", "warrant", ", personal: false, consent: "
                                    "[data_subject]");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MAY_DISCLOSE);
  v = eval_with(c, "US", "warrant", ", personal: true");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MUST_NOT_DISCLOSE);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(overrides, a_defeated_rule_defeats_nothing)
{
  /* e2 defeats e1, so e1 no longer defeats base: base stands again. */
  lexloci_ruleset *rs = rules_ok(
      HEAD "  - {id: base, effect: must_disclose, when: [], text: T, cite: "
           "[c1]}\n"
           "  - {id: e1, effect: not_compellable, exception_to: base, when: "
           "['request.instrument in [subpoena, court_order]'], text: T, cite: "
           "[c1]}\n"
           "  - {id: e2, effect: info, exception_to: e1, when: "
           "[request.instrument is court_order], text: T, cite: [c1]}\n");
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_with(c, "US", "court_order", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MUST_DISCLOSE);
  cr_assert(has_finding(v, "t.a.base"));
  cr_assert(has_finding(v, "t.a.e2"));
  cr_assert_not(has_finding(v, "t.a.e1"));
  v = eval_with(c, "US", "subpoena", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_NOT_COMPELLABLE);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(overrides, outcome_from_standing_effects)
{
  lexloci_ruleset *rs = rules_ok(
      HEAD "  - {id: note, effect: info, when: [request.instrument is "
           "subpoena], text: T, cite: [c1]}\n"
           "  - {id: md, effect: must_disclose, when: [request.instrument is "
           "warrant], text: T, cite: [c1]}\n"
           "  - {id: mnd, effect: must_not_disclose, when: [request.instrument"
           " is warrant, data.personal], text: T, cite: [c1]}\n"
           "  - {id: na, effect: not_applicable, when: [request.instrument is "
           "mlat_request], text: T, cite: [c1]}\n");
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  /* Only an info finding stands: not_compellable (verdict.md). */
  const lexloci_verdict *v = eval_with(c, "US", "subpoena", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_NOT_COMPELLABLE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_NOT_COMPELLABLE);
  /* Two effects without an order between them: the prohibition wins. */
  v = eval_with(c, "US", "warrant", ", personal: true");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MUST_NOT_DISCLOSE);
  /* An explicit not_applicable finding. */
  v = eval_with(c, "US", "mlat_request", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_NOT_APPLICABLE);
  cr_assert(has_finding(v, "t.a.na"));
  /* Nothing applies. */
  v = eval_with(c, "US", "voluntary_request", "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_NOT_APPLICABLE);
  cr_assert_eq(lexloci_verdict_finding_count(v), 0);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(overrides, in_force_dates)
{
  lexloci_ruleset *rs = rules_ok(
      HEAD "  - {id: r, effect: must_disclose, in_force: {from: 2018-03-23, "
           "until: 2030-12-31}, when: [], text: T, cite: [c1]}\n");
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const char *dates[] = {"2018-03-22", "2018-03-23", "2030-12-31",
                         "2031-01-01"};
  const lexloci_outcome want[] = {LEXLOCI_NOT_APPLICABLE,
                                  LEXLOCI_MUST_DISCLOSE,
                                  LEXLOCI_MUST_DISCLOSE,
                                  LEXLOCI_NOT_APPLICABLE};
  for (int i = 0; i < 4; i++) {
    char yaml[512];
    snprintf(yaml, sizeof yaml, "lexloci: 1\nrequest: {date: %s, "
             "issuing_state: US, instrument: warrant, data_categories: "
             "[content]}\ndata: {locations: [US]}\n", dates[i]);
    const lexloci_verdict *v = eval_ok(c, yaml);
    cr_assert_eq(regime_outcome(v, "t.a"), want[i], "on %s", dates[i]);
  }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
