/*
** test_kleene.c: unknown facts. The verdict is undetermined only when an
** unknown fact could really change it, and `missing` names exactly those
** facts (verdict.md, "Missing facts").
*/
#include "helpers.h"

LX_SUITE(kleene);

#define HEAD                                                                 \
  "regime: t.a\n"                                                            \
  "citations:\n"                                                             \
  "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"                \
  "sets:\n"                                                                  \
  "  club: {cite: [c1], members: [FR, DE]}\n"                                \
  "rules:\n"

#define CASE                                                                 \
  "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, instrument: "  \
  "warrant, data_categories: [content]}\ndata: {locations: [IE]}\n"

static const lexloci_verdict *run(const char *rules, lexloci_ruleset **rs,
                                  lexloci_case **c, const char *cs)
{
  *rs = rules_ok(rules);
  cr_assert_eq(lexloci_case_new(*rs, c), LEXLOCI_OK);
  return eval_ok(*c, cs);
}

static void done(lexloci_ruleset *rs, lexloci_case *c)
{
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(kleene, both_values_give_the_same_answer)
{
  /* Whatever data.personal is, one of the two rules obliges disclosure. */
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: p, effect: must_disclose, when: [data.personal], text: "
           "T, cite: [c1]}\n"
           "  - {id: np, effect: must_disclose, when: [{not: data.personal}],"
           " text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_MUST_DISCLOSE);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "");
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MUST_DISCLOSE);
  done(rs, c);
}

LX_TEST(kleene, a_deciding_unknown_fact_is_missing)
{
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: p, effect: must_not_disclose, when: [data.personal], "
           "text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "data.personal");
  lexloci_regime_result r;
  lexloci_verdict_regime(v, 0, &r);
  cr_assert_eq(r.outcome, LEXLOCI_UNDETERMINED);
  cr_assert_eq(r.possible, (1u << LEXLOCI_MUST_NOT_DISCLOSE) |
                               (1u << LEXLOCI_NOT_APPLICABLE));
  cr_assert_eq(r.nmissing, 1);
  done(rs, c);
}

LX_TEST(kleene, an_unknown_fact_behind_a_false_condition_is_not_missing)
{
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: p, effect: must_disclose, when: [request.instrument is "
           "subpoena, provider.headquarters is US], text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_NO_APPLICABLE_REGIME);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "");
  done(rs, c);
}

LX_TEST(kleene, another_regime_settles_the_verdict)
{
  /* t.a obliges disclosure for sure; t.b may permit it or not apply: the
     verdict is must_disclose either way, though t.b itself is open. */
  static const char b[] =
      "regime: t.b\n"
      "rules:\n"
      "  - {id: may, effect: may_disclose, when: [data.personal], text: T, "
      "cite: [c1]}\n";
  static const char a[] =
      HEAD "  - {id: md, effect: must_disclose, when: [], text: T, cite: "
           "[c1]}\n";
  lexloci_source srcs[3] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"a.yaml", a, sizeof a - 1},
    {"b.yaml", b, sizeof b - 1}};
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load_sources(NULL, srcs, 3, &rs, NULL),
               LEXLOCI_OK);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_ok(c, CASE);
  char buf[256];
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_MUST_DISCLOSE);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "");
  cr_assert_eq(regime_outcome(v, "t.b"), LEXLOCI_UNDETERMINED);
  lexloci_regime_result r;
  lexloci_verdict_regime(v, 1, &r);
  cr_assert_eq(r.possible, (1u << LEXLOCI_MAY_DISCLOSE) |
                               (1u << LEXLOCI_NOT_APPLICABLE));
  cr_assert_str_eq(lexloci_fact_name(lexloci_verdict_regime_missing(v, 1, 0)),
                   "data.personal");
  done(rs, c);
}

LX_TEST(kleene, country_in_a_set)
{
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: r, effect: must_not_disclose, when: "
           "[request.target.residence in club], text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf),
                   "request.target.residence");
  lexloci_case_set_str(c, lexloci_fact_lookup("request.target.residence"),
                       "DE", NULL);
  cr_assert_eq(lexloci_eval(c, &v, NULL), LEXLOCI_OK);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_MUST_NOT_DISCLOSE);
  lexloci_case_set_str(c, lexloci_fact_lookup("request.target.residence"),
                       "JP", NULL);
  cr_assert_eq(lexloci_eval(c, &v, NULL), LEXLOCI_OK);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_NO_APPLICABLE_REGIME);
  done(rs, c);
}

LX_TEST(kleene, number_thresholds)
{
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: serious, effect: must_disclose, when: "
           "[request.offence.max_sentence_years >= 3], text: T, cite: [c1]}\n"
           "  - {id: minor, effect: not_compellable, when: "
           "[request.offence.max_sentence_years < 3], text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf),
                   "request.offence.max_sentence_years");
  lexloci_regime_result r;
  lexloci_verdict_regime(v, 0, &r);
  /* Never not_applicable: one of the two rules always applies. */
  cr_assert_eq(r.possible, (1u << LEXLOCI_MUST_DISCLOSE) |
                               (1u << LEXLOCI_NOT_COMPELLABLE));
  done(rs, c);
}

LX_TEST(kleene, list_fact_against_a_set)
{
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: r, effect: must_not_disclose, when: [provider.presence "
           "intersects club], text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "provider.presence");
  done(rs, c);
}

LX_TEST(kleene, each_of_two_needed_facts_is_missing)
{
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: r, effect: must_disclose, when: [data.personal, "
           "provider.headquarters is US], text: T, cite: [c1]}\n",
      &rs, &c, CASE);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf),
                   "provider.headquarters,data.personal");
  done(rs, c);
}

LX_TEST(kleene, regime_reading_an_open_regime)
{
  /* t.b forbids disclosure exactly when t.a obliges it, and t.a depends on
     data.personal: the verdict is conflict or nothing, and the missing
     fact is the one t.a needs. */
  static const char a[] =
      HEAD "  - {id: md, effect: must_disclose, when: [data.personal], text: "
           "T, cite: [c1]}\n";
  static const char b[] = "regime: t.b\nrules:\n  - {id: mnd, effect: "
                          "must_not_disclose, when: [regime t.a is "
                          "must_disclose], text: T, cite: [c1]}\n";
  lexloci_source srcs[3] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"a.yaml", a, sizeof a - 1},
    {"b.yaml", b, sizeof b - 1}};
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load_sources(NULL, srcs, 3, &rs, NULL),
               LEXLOCI_OK);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_ok(c, CASE);
  char buf[256];
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "data.personal");
  lexloci_case_set_bool(c, lexloci_fact_lookup("data.personal"), true, NULL);
  cr_assert_eq(lexloci_eval(c, &v, NULL), LEXLOCI_OK);
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_CONFLICT);
  done(rs, c);
}

LX_TEST(kleene, an_addressee_derived_from_nothing_is_asked_for)
{
  /* An EU order's addressee defaults to the legal representative; with
     none designated (null), where the order is served is itself the open
     question, never an empty `missing`. */
  lexloci_ruleset *rs;
  lexloci_case *c;
  char buf[256];
  const lexloci_verdict *v = run(
      HEAD "  - {id: r, effect: must_disclose, when: [request.addressee_state "
           "is FR], text: T, cite: [c1]}\n",
      &rs, &c,
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: DE, "
      "instrument: european_production_order, data_categories: [content]}\n"
      "provider: {legal_representative: null}\ndata: {locations: [IE]}\n");
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "request.addressee_state");
  /* With the representative unknown, that is the fact to ask. */
  v = eval_ok(c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: "
                 "DE, instrument: european_production_order, "
                 "data_categories: [content]}\ndata: {locations: [IE]}\n");
  cr_assert_str_eq(missing_list(v, buf, sizeof buf),
                   "provider.legal_representative");
  done(rs, c);
}
