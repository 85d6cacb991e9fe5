/*
** test_cond.c: every condition operator, with known, unknown and null
** facts, reading each rule's three-valued "applies" from the explanation.
*/
#include "helpers.h"

LX_SUITE(cond);

static const char rules[] =
    "regime: t.one\n"
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "sets:\n"
    "  club:\n"
    "    cite: [c1]\n"
    "    members: {FR: 2000-01-01, GB: {from: 1990-01-01, until: 2020-01-31},"
    " DE: always}\n"
    "values:\n"
    "  threshold: {value: 3, type: number, cite: [c1]}\n"
    "  start: {value: 2026-08-18, type: date, cite: [c1]}\n"
    "rules:\n"
    "  - {id: is, effect: info, when: [request.issuing_state is US], text: "
    "T, cite: [c1]}\n"
    "  - {id: is_not, effect: info, when: [request.issuing_state is not US], "
    "text: T, cite: [c1]}\n"
    "  - {id: in_set, effect: info, when: [request.issuing_state in club], "
    "text: T, cite: [c1]}\n"
    "  - {id: not_in_list, effect: info, when: ['request.instrument not in "
    "[warrant, subpoena]'], text: T, cite: [c1]}\n"
    "  - {id: contains, effect: info, when: [data.locations contains IE], "
    "text: T, cite: [c1]}\n"
    "  - {id: not_contains, effect: info, when: [data.locations does not "
    "contain IE], text: T, cite: [c1]}\n"
    "  - {id: intersects, effect: info, when: [provider.presence intersects "
    "club], text: T, cite: [c1]}\n"
    "  - {id: subset, effect: info, when: ['data.locations subset of [IE, "
    "FR]'], text: T, cite: [c1]}\n"
    "  - {id: empty, effect: info, when: [data.consent is empty], text: T, "
    "cite: [c1]}\n"
    "  - {id: ge, effect: info, when: [request.offence.max_sentence_years "
    ">= threshold], text: T, cite: [c1]}\n"
    "  - {id: lt, effect: info, when: [request.offence.max_sentence_years < "
    "3], text: T, cite: [c1]}\n"
    "  - {id: date, effect: info, when: [request.date >= start], text: T, "
    "cite: [c1]}\n"
    "  - {id: matches, effect: info, when: ['provider.name matches "
    "/^acme/i'], text: T, cite: [c1]}\n"
    "  - {id: known, effect: info, when: [provider.headquarters is known], "
    "text: T, cite: [c1]}\n"
    "  - {id: unknown, effect: info, when: [provider.headquarters is "
    "unknown], text: T, cite: [c1]}\n"
    "  - {id: none, effect: info, when: [provider.legal_representative is "
    "none], text: T, cite: [c1]}\n"
    "  - {id: bool, effect: info, when: [request.emergency], text: T, cite: "
    "[c1]}\n"
    "  - {id: fact_fact, effect: info, when: [request.target.residence is "
    "request.issuing_state], text: T, cite: [c1]}\n"
    "  - {id: any, effect: info, when: [{any: [request.emergency, "
    "data.personal]}], text: T, cite: [c1]}\n"
    "  - {id: not, effect: info, when: [{not: data.personal}], text: T, "
    "cite: [c1]}\n";

/* The value of "applies" for rule t.one.ID in the explanation. */
static lexloci_truth applies(const lexloci_verdict *v, const char *id)
{
  char full[64];
  snprintf(full, sizeof full, "t.one.%s", id);
  for (size_t i = 0; i < lexloci_verdict_step_count(v); i++) {
    lexloci_step s;
    cr_assert_eq(lexloci_verdict_step(v, i, &s), LEXLOCI_OK);
    if (s.kind == LEXLOCI_STEP_RULE && strcmp(s.text, full) == 0)
      return s.value;
  }
  cr_assert_fail("rule %s not in the explanation", full);
  return LEXLOCI_UNKNOWN;
}

static lexloci_ruleset *rs;
static lexloci_case *c;

static void setup(void)
{
  rs = rules_ok(rules);
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
}

static void teardown(void)
{
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  lx_test_leak_check();
}

#define CASE(extra)                                                          \
  "lexloci: 1\n"                                                             \
  "request: {date: 2026-11-28, issuing_state: FR, instrument: warrant, "     \
  "data_categories: [content]" extra "}\n"

LX_TEST(cond, known_facts, .init = setup, .fini = teardown)
{
  const lexloci_verdict *v = eval_ok(
      c, CASE(", offence: {max_sentence_years: 3}, target: {residence: FR}")
      "provider: {name: ACME Cloud, headquarters: US, presence: [US, GB], "
      "legal_representative: null}\n"
      "data: {locations: [IE], personal: false}\n");
  cr_assert_eq(applies(v, "is"), LEXLOCI_FALSE);
  cr_assert_eq(applies(v, "is_not"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "in_set"), LEXLOCI_TRUE);      /* FR from 2000 */
  cr_assert_eq(applies(v, "not_in_list"), LEXLOCI_FALSE); /* a warrant */
  cr_assert_eq(applies(v, "contains"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "not_contains"), LEXLOCI_FALSE);
  /* GB left the club on 2020-01-31; US never was in it. */
  cr_assert_eq(applies(v, "intersects"), LEXLOCI_FALSE);
  cr_assert_eq(applies(v, "subset"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "empty"), LEXLOCI_TRUE);  /* consent defaults [] */
  cr_assert_eq(applies(v, "ge"), LEXLOCI_TRUE);     /* 3 >= 3 */
  cr_assert_eq(applies(v, "lt"), LEXLOCI_FALSE);
  cr_assert_eq(applies(v, "date"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "matches"), LEXLOCI_TRUE); /* case-insensitive */
  cr_assert_eq(applies(v, "known"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "unknown"), LEXLOCI_FALSE);
  cr_assert_eq(applies(v, "none"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "bool"), LEXLOCI_FALSE);  /* emergency: false */
  cr_assert_eq(applies(v, "fact_fact"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "any"), LEXLOCI_FALSE);
  cr_assert_eq(applies(v, "not"), LEXLOCI_TRUE);
}

LX_TEST(cond, set_membership_is_as_of_the_request_date, .init = setup,
     .fini = teardown)
{
  /* 2019: GB is still in the club, FR already (from 2000). */
  const lexloci_verdict *v = eval_ok(
      c, "lexloci: 1\nrequest: {date: 2019-06-01, issuing_state: GB, "
         "instrument: warrant, data_categories: [content]}\n"
         "provider: {presence: [GB]}\ndata: {locations: [IE]}\n");
  cr_assert_eq(applies(v, "in_set"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "intersects"), LEXLOCI_TRUE);
  cr_assert_eq(applies(v, "date"), LEXLOCI_FALSE);
  /* The day after GB's last day of membership. */
  v = eval_ok(c, "lexloci: 1\nrequest: {date: 2020-02-01, issuing_state: "
                 "GB, instrument: warrant, data_categories: [content]}\n"
                 "data: {locations: [IE]}\n");
  cr_assert_eq(applies(v, "in_set"), LEXLOCI_FALSE);
  /* 1999: FR not yet a member. */
  v = eval_ok(c, "lexloci: 1\nrequest: {date: 1999-12-31, issuing_state: "
                 "FR, instrument: warrant, data_categories: [content]}\n"
                 "data: {locations: [IE]}\n");
  cr_assert_eq(applies(v, "in_set"), LEXLOCI_FALSE);
}

LX_TEST(cond, unknown_facts_are_unknown_not_false, .init = setup,
     .fini = teardown)
{
  const lexloci_verdict *v = eval_ok(
      c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: FR, "
         "instrument: warrant, data_categories: [content]}\n"
         "data: {locations: [IE]}\n");
  cr_assert_eq(applies(v, "intersects"), LEXLOCI_UNKNOWN);
  cr_assert_eq(applies(v, "ge"), LEXLOCI_UNKNOWN);
  cr_assert_eq(applies(v, "matches"), LEXLOCI_UNKNOWN);
  cr_assert_eq(applies(v, "none"), LEXLOCI_UNKNOWN);
  cr_assert_eq(applies(v, "fact_fact"), LEXLOCI_UNKNOWN);
  cr_assert_eq(applies(v, "not"), LEXLOCI_UNKNOWN); /* not unknown */
  /* is known / is unknown are never unknown. */
  cr_assert_eq(applies(v, "known"), LEXLOCI_FALSE);
  cr_assert_eq(applies(v, "unknown"), LEXLOCI_TRUE);
  /* true or unknown is true; false and unknown is false. */
  lexloci_case_set_bool(c, lexloci_fact_lookup("request.emergency"), true,
                        NULL);
  const lexloci_verdict *v2;
  cr_assert_eq(lexloci_eval(c, &v2, NULL), LEXLOCI_OK);
  cr_assert_eq(applies(v2, "any"), LEXLOCI_TRUE);
}

LX_TEST(cond, because_lists_the_conditions_that_held, .init = setup,
     .fini = teardown)
{
  const lexloci_verdict *v = eval_ok(
      c, CASE("") "data: {locations: [IE], personal: false}\n");
  for (size_t i = 0; i < lexloci_verdict_finding_count(v); i++) {
    lexloci_finding f;
    lexloci_verdict_finding(v, i, &f);
    if (strcmp(f.rule, "t.one.contains") == 0) {
      cr_assert_eq(f.nbecause, 1);
      cr_assert_str_eq(lexloci_verdict_finding_because(v, i, 0),
                       "data.locations contains IE");
    }
    if (strcmp(f.rule, "t.one.not") == 0)
      cr_assert_str_eq(lexloci_verdict_finding_because(v, i, 0),
                       "not (data.personal)");
  }
}
