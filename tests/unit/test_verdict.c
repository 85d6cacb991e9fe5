/*
** test_verdict.c: the overall verdict, derived from regime outcomes in the
** order of verdict.md, with each of the eight verdicts; per-category
** answers; conflicts; merged actions.
*/
#include "helpers.h"

LX_SUITE(verdict);

static const char a[] =
    "regime: {id: t.a, title: Regime A}\n"
    "citations:\n"
    "  ca: {ref: A s. 1, title: A, url: \"https://example.org/a\"}\n"
    "  cb: {ref: B art. 2, title: B, url: \"https://example.org/b\"}\n"
    "  cn: {ref: Note, title: N, url: \"https://example.org/n\"}\n"
    "rules:\n"
    "  - id: md\n"
    "    effect: must_disclose\n"
    "    when: ['request.instrument in [warrant, court_order]']\n"
    "    text: Produce the data stored in {data.locations}.\n"
    "    cite: [ca]\n"
    "    actions:\n"
    "      - {id: notify_customer, by: provider, text: Tell the customer., "
    "cite: [ca]}\n"
    "  - {id: mp, effect: must_preserve, when: [request.instrument is "
    "preservation_request], text: T, cite: [ca]}\n"
    "  - {id: may, effect: may_disclose, when: [request.instrument is "
    "voluntary_request], text: T, cite: [ca]}\n"
    "  - {id: nc, effect: not_compellable, when: [request.instrument is "
    "subpoena], text: T, unsettled: Courts differ., cite: [ca]}\n"
    "  - id: sub\n"
    "    effect: must_disclose\n"
    "    when: [request.instrument is european_investigation_order, "
    "request.data_categories contains subscriber]\n"
    "    text: T\n"
    "    cite: [ca]\n";
static const char b[] =
    "regime: {id: t.b, title: Regime B}\n"
    "rules:\n"
    "  - id: mnd\n"
    "    effect: must_not_disclose\n"
    "    when: ['request.instrument in [court_order, mlat_request]']\n"
    "    text: T\n"
    "    cite: [cb]\n"
    "    actions:\n"
    "      - {id: notify_customer, by: provider, text: Tell them too., "
    "deadline: P14D, from: receipt, cite: [cb]}\n"
    "  - {id: info, effect: info, when: [request.instrument is "
    "production_order], text: T, cite: [cb]}\n"
    "  - {id: mnd_pres, effect: must_not_disclose, when: [request.instrument"
    " is preservation_request, data.personal], text: T, cite: [cb]}\n"
    "  - {id: open, effect: must_not_disclose, when: [request.instrument is "
    "european_production_order, data.personal], text: T, cite: [cb]}\n";

static lexloci_ruleset *rs;
static lexloci_case *c;

static void setup(void)
{
  lexloci_source srcs[3] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"a.yaml", a, sizeof a - 1},
    {"b.yaml", b, sizeof b - 1}};
  cr_assert_eq(lexloci_ruleset_load_sources(NULL, srcs, 3, &rs, NULL),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
}

static void teardown(void)
{
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  lx_test_leak_check();
}

static const lexloci_verdict *with(const char *instrument, const char *cats,
                                   const char *data)
{
  char yaml[512];
  snprintf(yaml, sizeof yaml,
           "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
           "instrument: %s, data_categories: %s}\ndata: {locations: [IE]%s}\n",
           instrument, cats, data);
  return eval_ok(c, yaml);
}

TestSuite(verdicts, .init = setup, .fini = teardown);

LX_TEST(verdicts, the_eight_verdicts)
{
  static const struct {
    const char *instrument, *data;
    lexloci_outcome want;
  } cases[] = {
    {"warrant", "", LEXLOCI_MUST_DISCLOSE},
    {"court_order", "", LEXLOCI_CONFLICT},
    {"mlat_request", "", LEXLOCI_MUST_NOT_DISCLOSE},
    {"preservation_request", ", personal: false", LEXLOCI_MUST_PRESERVE},
    /* Preserving is not disclosing: no conflict. */
    {"preservation_request", ", personal: true", LEXLOCI_MUST_NOT_DISCLOSE},
    {"voluntary_request", "", LEXLOCI_MAY_DISCLOSE},
    {"subpoena", "", LEXLOCI_NOT_COMPELLABLE},
    /* Only an info finding: the regime applies but cannot compel. */
    {"production_order", "", LEXLOCI_NOT_COMPELLABLE},
    {"overseas_production_order", "", LEXLOCI_NO_APPLICABLE_REGIME},
    {"european_production_order", "", LEXLOCI_UNDETERMINED},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const lexloci_verdict *v = with(cases[i].instrument, "[content]",
                                    cases[i].data);
    cr_assert_eq(lexloci_verdict_kind(v), cases[i].want, "%s%s: %s",
                 cases[i].instrument, cases[i].data,
                 lexloci_outcome_name(lexloci_verdict_kind(v)));
  }
}

/* A finding saying the law is unsettled marks its regime and the verdict,
   and only those. */
LX_TEST(verdicts, unsettled_findings_mark_regime_and_verdict)
{
  const lexloci_verdict *v = with("subpoena", "[content]", "");
  cr_assert(lexloci_verdict_unsettled(v));
  cr_assert(lexloci_verdict_regime_unsettled(v, 0), "t.a: nc is unsettled");
  cr_assert_not(lexloci_verdict_regime_unsettled(v, 1), "t.b: no finding");
  cr_assert_not(lexloci_verdict_regime_unsettled(v, 2), "no such regime");
  v = with("court_order", "[content]", "");
  cr_assert_not(lexloci_verdict_unsettled(v), "md and mnd are settled");
  cr_assert_not(lexloci_verdict_regime_unsettled(v, 0));
  cr_assert_not(lexloci_verdict_unsettled(NULL));
}

LX_TEST(verdicts, conflict_carries_both_sides_citations)
{
  const lexloci_verdict *v = with("court_order", "[content]", "");
  cr_assert_eq(lexloci_verdict_conflict_count(v), 1);
  lexloci_conflict cf;
  lexloci_verdict_conflict(v, 0, &cf);
  cr_assert_str_eq(cf.regime_a, "t.a");
  cr_assert_str_eq(cf.regime_b, "t.b");
  cr_assert_null(cf.text);
  cr_assert_eq(cf.ncitations, 2);
  cr_assert_str_eq(lexloci_verdict_conflict_citation(v, 0, 0)->ref, "A s. 1");
  cr_assert_str_eq(lexloci_verdict_conflict_citation(v, 0, 1)->ref,
                   "B art. 2");
  char summary[256];
  lexloci_verdict_summary(v, summary, sizeof summary);
  cr_assert_str_eq(summary, "Conflict: t.a requires disclosure while t.b "
                            "forbids it.");
}

LX_TEST(verdicts, actions_merge_by_id_with_all_citations)
{
  const lexloci_verdict *v = with("court_order", "[content]", "");
  cr_assert_eq(lexloci_verdict_action_count(v), 1);
  lexloci_action act;
  lexloci_verdict_action(v, 0, &act);
  cr_assert_str_eq(act.id, "notify_customer");
  cr_assert_str_eq(act.text, "Tell the customer."); /* the first keeps it */
  cr_assert_null(act.deadline);
  cr_assert_str_eq(act.rule, "t.a.md");
  cr_assert_eq(act.ncitations, 2);
  cr_assert_str_eq(lexloci_verdict_action_citation(v, 0, 1)->ref,
                   "B art. 2");
}

LX_TEST(verdicts, finding_text_quotes_facts)
{
  const lexloci_verdict *v = with("warrant", "[content]", "");
  char text[128];
  cr_assert_eq(lexloci_verdict_finding_text(v, 0, text, sizeof text), 30);
  cr_assert_str_eq(text, "Produce the data stored in IE.");
}

LX_TEST(verdicts, categories_are_decided_one_by_one)
{
  const lexloci_verdict *v =
      with("european_investigation_order", "[subscriber, content]", "");
  cr_assert_eq(lexloci_verdict_categories(v),
               (1u << LEXLOCI_SUBSCRIBER) | (1u << LEXLOCI_CONTENT));
  cr_assert_eq(lexloci_verdict_category(v, LEXLOCI_SUBSCRIBER),
               LEXLOCI_MUST_DISCLOSE);
  cr_assert_eq(lexloci_verdict_category(v, LEXLOCI_CONTENT),
               LEXLOCI_NO_APPLICABLE_REGIME);
  /* The top level is the first of them in verdict.md's order. */
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_MUST_DISCLOSE);
  cr_assert_eq(regime_outcome(v, "t.a"), LEXLOCI_MUST_DISCLOSE);
  cr_assert_eq(lexloci_verdict_regime_category(v, 0, LEXLOCI_CONTENT),
               LEXLOCI_NOT_APPLICABLE);
  lexloci_finding f;
  lexloci_verdict_finding(v, 0, &f);
  cr_assert_str_eq(f.rule, "t.a.sub");
  cr_assert_eq(f.categories, 1u << LEXLOCI_SUBSCRIBER);
}

LX_TEST(verdicts, undetermined_names_the_missing_fact)
{
  const lexloci_verdict *v = with("european_production_order", "[content]",
                                  "");
  char buf[128];
  cr_assert_str_eq(missing_list(v, buf, sizeof buf), "data.personal");
  char summary[256];
  lexloci_verdict_summary(v, summary, sizeof summary);
  cr_assert_str_eq(summary, "Undetermined: the answer depends on facts the "
                            "case does not give (data.personal).");
}

LX_TEST(verdicts, a_changed_case_invalidates_its_verdict)
{
  const lexloci_verdict *v = with("warrant", "[content]", "");
  cr_assert_eq(lexloci_verdict_finding_count(v), 1);
  lexloci_case_set_bool(c, lexloci_fact_lookup("data.personal"), true, NULL);
  cr_assert_eq(lexloci_verdict_finding_count(v), 0);
  cr_assert_eq(lexloci_verdict_json(v, 0, NULL, 0), 4); /* "null" */
}

/* A rule set of one regime, loaded from text, and a case for it. */
static void own_rules(const char *text, lexloci_ruleset **rs,
                      lexloci_case **k)
{
  static diags d;
  cr_assert_eq(load_rules(text, rs, &d), LEXLOCI_OK, "%s", d.text);
  cr_assert_eq(lexloci_case_new(*rs, k), LEXLOCI_OK);
}

/* A US warrant for content stored in the US, with `target` (", target:
   {...}" or "") added to the request. */
static const lexloci_verdict *eval_us_warrant(lexloci_case *k,
                                              const char *target)
{
  char yaml[256];
  snprintf(yaml, sizeof yaml,
           "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
           "instrument: warrant, data_categories: [content]%s}\n"
           "data: {locations: [US]}\n", target);
  return eval_ok(k, yaml);
}

/* A regime whose outcome is the same whatever an unknown fact is, though
   which rule says so turns on it: the rules that may stand are shown, with
   the fact they wait on, and their actions are not merged. */
static const char either_way[] =
    "regime: t.e\n"
    "citations:\n"
    "  c1: {ref: E s. 1, title: E, url: \"https://example.org/e\"}\n"
    "rules:\n"
    "  - id: produce\n"
    "    effect: must_disclose\n"
    "    when: [request.instrument is warrant]\n"
    "    text: Produce within 10 days.\n"
    "    cite: [c1]\n"
    "    actions:\n"
    "      - {id: produce_now, by: provider, text: Produce., cite: [c1]}\n"
    "  - id: produce_later\n"
    "    effect: must_disclose\n"
    "    exception_to: produce\n"
    "    when: [request.target.us_person]\n"
    "    text: Produce after notice.\n"
    "    cite: [c1]\n"
    "    actions:\n"
    "      - {id: wait_for_notice, by: provider, text: Wait., cite: [c1]}\n";

LX_TEST(verdicts, an_outcome_settled_either_way_shows_the_rules_that_may_stand)
{
  lexloci_ruleset *e;
  lexloci_case *k;
  own_rules(either_way, &e, &k);
  const lexloci_verdict *v = eval_us_warrant(k, "");
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_MUST_DISCLOSE);
  cr_assert_eq(lexloci_verdict_missing_count(v), 0);
  cr_assert_eq(lexloci_verdict_finding_count(v), 2);
  lexloci_fact us = lexloci_fact_lookup("request.target.us_person");
  for (size_t i = 0; i < 2; i++) {
    cr_assert_eq(lexloci_verdict_finding_maybe(v, i),
                 1u << LEXLOCI_CONTENT);
    cr_assert_eq(lexloci_verdict_finding_depends_count(v, i), 1);
    cr_assert_eq(lexloci_verdict_finding_depends(v, i, 0), us);
  }
  cr_assert_eq(lexloci_verdict_action_count(v), 0); /* neither is sure */
  char json[4096];
  cr_assert_lt(lexloci_verdict_json(v, 0, json, sizeof json), sizeof json);
  cr_assert(strstr(json, "\"may_stand\":[\"content\"],\"depends_on\":"
                         "[\"request.target.us_person\"]"), "%s", json);
  /* Given, the exception stands for certain, alone, with its action. */
  v = eval_us_warrant(k, ", target: {us_person: true}");
  cr_assert_eq(lexloci_verdict_finding_count(v), 1);
  cr_assert(has_finding(v, "t.e.produce_later"));
  cr_assert_eq(lexloci_verdict_finding_maybe(v, 0), 0);
  cr_assert_eq(lexloci_verdict_finding_depends_count(v, 0), 0);
  cr_assert_eq(lexloci_verdict_action_count(v), 1);
  lexloci_case_free(k);
  lexloci_ruleset_free(e);
}

/* A settled verdict whose rule with a deadline waits on a fact the case
   leaves out: the fact is not missing (no answer changes the verdict) but
   is asked for before the deadline runs. */
static const char timed[] =
    "regime: t.d\n"
    "citations:\n"
    "  c1: {ref: D s. 1, title: D, url: \"https://example.org/d\"}\n"
    "rules:\n"
    "  - {id: produce, effect: must_disclose, when: [request.instrument is "
    "warrant], text: Produce., cite: [c1]}\n"
    "  - id: motion\n"
    "    effect: info\n"
    "    when: [request.instrument is warrant, request.target.us_person is "
    "false]\n"
    "    text: A motion lies.\n"
    "    cite: [c1]\n"
    "    actions:\n"
    "      - {id: move, by: provider, text: Move., deadline: P14D, from: "
    "service, cite: [c1]}\n"
    "  - id: note\n"
    "    effect: info\n"
    "    when: [request.instrument is warrant, data.personal]\n"
    "    text: A note, with an action but no deadline.\n"
    "    cite: [c1]\n"
    "    actions:\n"
    "      - {id: read, by: provider, text: Read., cite: [c1]}\n";

LX_TEST(verdicts, a_deadline_waiting_on_an_unknown_fact_is_asked_for)
{
  lexloci_ruleset *e;
  lexloci_case *k;
  own_rules(timed, &e, &k);
  const lexloci_verdict *v = eval_us_warrant(k, "");
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_MUST_DISCLOSE);
  cr_assert_eq(lexloci_verdict_missing_count(v), 0);
  /* The motion's fact, not the note's (no deadline). */
  cr_assert_eq(lexloci_verdict_refine_count(v), 1);
  cr_assert_eq(lexloci_verdict_refine(v, 0),
               lexloci_fact_lookup("request.target.us_person"));
  cr_assert_eq(lexloci_verdict_refine(v, 1), -1);
  char json[4096];
  cr_assert_lt(lexloci_verdict_json(v, 0, json, sizeof json), sizeof json);
  cr_assert(strstr(json, "\"missing\":[],\"refine\":"
                         "[\"request.target.us_person\"]"), "%s", json);
  /* Given, nothing is left to ask, and the member is left out. */
  v = eval_us_warrant(k, ", target: {us_person: false}");
  cr_assert_eq(lexloci_verdict_refine_count(v), 0);
  cr_assert_lt(lexloci_verdict_json(v, 0, json, sizeof json), sizeof json);
  cr_assert_null(strstr(json, "\"refine\""), "%s", json);
  lexloci_case_free(k);
  lexloci_ruleset_free(e);
}
