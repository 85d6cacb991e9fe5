/*
** test_case.c: cases: loading YAML and JSON, every mistake located, the
** setters' type checks, defaults, the derived addressee, the demand's
** categories (a derived fact no case may give), and assumptions.
*/
#include "helpers.h"

LX_SUITE(kase);

static const char rules[] =
    "regime: t.a\n"
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "sets:\n"
    "  partners: {cite: [c1], members: {GB: 2022-10-03}}\n"
    "values:\n"
    "  threshold: {value: 3, type: number, cite: [c1]}\n"
    "rules:\n"
    "  - {id: partner, effect: may_disclose, when: [request.issuing_state in "
    "partners], text: T, cite: [c1]}\n"
    "  - {id: serious, effect: must_disclose, when: "
    "[request.offence.max_sentence_years >= threshold], text: T, cite: "
    "[c1]}\n"
    "  - {id: addressee, effect: info, when: [request.addressee_state is IE],"
    " text: T, cite: [c1]}\n"
    "  - {id: defaults, effect: info, when: [request.customer_notice is none,"
    " provider.public_service, data.consent is empty, request.challenge.status"
    " is none, request.emergency is false], text: T, cite: [c1]}\n"
    "  - {id: whole_demand, effect: info, when: [request.all_data_categories"
    " contains content, request.data_categories contains subscriber], text:"
    " \"for {request.data_categories} of {request.all_data_categories}\","
    " cite: [c1]}\n";

static lexloci_ruleset *rs;
static lexloci_case *c;
static diags d;

static void setup(void)
{
  memset(&d, 0, sizeof d);
  lexloci_source srcs[2] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"r.yaml", rules, sizeof rules - 1}};
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = diags_cb;
  cfg.diag_ud = &d;
  cr_assert_eq(lexloci_ruleset_load_sources(&cfg, srcs, 2, &rs, NULL),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
}

static void teardown(void)
{
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  lx_test_leak_check();
}

TestSuite(cases, .init = setup, .fini = teardown);

static const char *load_fails(const char *yaml)
{
  memset(&d, 0, sizeof d);
  lexloci_error err;
  cr_assert_neq(lexloci_case_load(c, "case.yaml", yaml, strlen(yaml), &err),
                LEXLOCI_OK);
  /* A failed load leaves nothing behind. */
  cr_assert_eq(lexloci_case_date(c), INT32_MIN);
  return d.text;
}

LX_TEST(cases, unknown_key_is_located_with_a_suggestion)
{
  const char *t = load_fails("lexloci: 1\n"
                             "request:\n"
                             "  issuer: US\n");
  cr_assert(strstr(t, "case.yaml:3:3: unknown key 'request.issuer'; did you "
                      "mean 'issuing_state'?\n"), "%s", t);
}

LX_TEST(cases, every_bad_value_is_located)
{
  const char *t = load_fails(
      "lexloci: 1\n"
      "request: {date: 2026-02-30, issuing_state: UK, instrument: warant,\n"
      "  data_categories: [content, metadata], emergency: \"yes\"}\n"
      "provider: {presence: [us]}\n"
      "data: {locations: [IE], personal: null}\n");
  cr_assert(strstr(t, "case.yaml:2:17: request.date must be a date "
                      "YYYY-MM-DD, not '2026-02-30'\n"), "%s", t);
  cr_assert(strstr(t, "case.yaml:2:44: request.issuing_state: 'UK' is not "
                      "a country code; did you mean 'GB'?\n"), "%s", t);
  cr_assert(strstr(t, "case.yaml:2:60: request.instrument: unknown value "
                      "'warant'; did you mean 'warrant'?\n"), "%s", t);
  cr_assert(strstr(t, "case.yaml:3:30: request.data_categories: unknown "
                      "value 'metadata'"), "%s", t);
  cr_assert(strstr(t, "case.yaml:3:52: request.emergency must be true or "
                      "false, not a quoted string\n"), "%s", t);
  cr_assert(strstr(t, "case.yaml:4:23: provider.presence: 'us' is not a "
                      "country code; country codes are upper case\n"), "%s",
            t);
  cr_assert(strstr(t, "case.yaml:5:35: data.personal is null: leave it out "
                      "if it is unknown\n"), "%s", t);
  cr_assert_eq(d.n, 7, "%s", t);
}

LX_TEST(cases, required_facts_and_version)
{
  const char *t = load_fails("lexloci: 2\nrequest: {issuing_state: US}\n");
  cr_assert(strstr(t, "case.yaml:1:10: this case is for schema 2; lexloci "
                      "reads schema 1\n"), "%s", t);
  t = load_fails("lexloci: 1\nrequest: {issuing_state: US, instrument: "
                 "warrant, data_categories: [content]}\n");
  cr_assert(strstr(t, "the case does not give data.locations, which every "
                      "case must give"), "%s", t);
}

LX_TEST(cases, json_is_read_like_yaml)
{
  static const char json[] =
      "{\"lexloci\": 1, \"request\": {\"date\": \"2026-11-28\", "
      "\"issuing_state\": \"GB\", \"instrument\": \"warrant\", "
      "\"data_categories\": [\"content\"], \"offence\": "
      "{\"max_sentence_years\": 5}}, \"data\": {\"locations\": [\"US\"]}}";
  const lexloci_verdict *v = eval_ok(c, json);
  cr_assert(has_finding(v, "t.a.partner"));
  cr_assert(has_finding(v, "t.a.serious"));
}

LX_TEST(cases, defaults_apply_when_facts_are_left_out)
{
  static const char base[] =
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
      "instrument: warrant, data_categories: [content]}\n"
      "data: {locations: [US]}\n";
  /* case.md's defaults are known values, not unknown ones. */
  const lexloci_verdict *v = eval_ok(c, base);
  cr_assert(has_finding(v, "t.a.defaults"));
  lexloci_error err;
  cr_assert_eq(lexloci_case_set_path(c, "request.customer_notice", "given",
                                     &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert_not(has_finding(v, "t.a.defaults"));
  /* Unsetting a fact with a default restores the default. */
  cr_assert_eq(lexloci_case_unset(c, lexloci_fact_lookup(
                                         "request.customer_notice")),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert(has_finding(v, "t.a.defaults"));
}

LX_TEST(cases, addressee_defaults_to_the_legal_representative_for_eu_orders)
{
  const lexloci_verdict *v = eval_ok(
      c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: FR, "
         "instrument: european_production_order, data_categories: "
         "[content]}\nprovider: {headquarters: US, legal_representative: "
         "IE}\ndata: {locations: [US]}\n");
  cr_assert(has_finding(v, "t.a.addressee"));
  v = eval_ok(c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: "
                 "FR, instrument: warrant, data_categories: [content]}\n"
                 "provider: {headquarters: US, legal_representative: IE}\n"
                 "data: {locations: [US]}\n");
  cr_assert_not(has_finding(v, "t.a.addressee"));
  v = eval_ok(c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: "
                 "FR, instrument: warrant, data_categories: [content]}\n"
                 "provider: {headquarters: IE}\ndata: {locations: [US]}\n");
  cr_assert(has_finding(v, "t.a.addressee"));
}

LX_TEST(cases, setters_check_types)
{
  lexloci_error err;
  lexloci_fact f = lexloci_fact_lookup("provider.presence");
  cr_assert_geq(f, 0);
  cr_assert_eq(lexloci_case_set_str(c, f, "US", &err), LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, "provider.presence is a list of country "
                                "codes, not a single value (use "
                                "lexloci_case_add_str)");
  cr_assert_eq(lexloci_case_add_str(c, f, "XX", &err), LEXLOCI_EFACT);
  cr_assert(strstr(err.message, "'XX' is not a country code"));
  cr_assert_eq(lexloci_case_set_bool(c, lexloci_fact_lookup("request.date"),
                                     true, &err), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_date(c, lexloci_fact_lookup("request.date"),
                                     2026, 2, 29, &err), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_date(c, lexloci_fact_lookup("request.date"),
                                     2028, 2, 29, &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_set_null(c, lexloci_fact_lookup("data.personal"),
                                     &err), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_null(
                   c, lexloci_fact_lookup("provider.legal_representative"),
                   &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_set_str(c, -1, "US", &err), LEXLOCI_EMISUSE);
  cr_assert_eq(lexloci_fact_lookup("request.issuer"), -1);
}

/* The categories the finding stands in, or 0 when it is not found. */
static unsigned finding_categories(const lexloci_verdict *v, const char *id)
{
  for (size_t i = 0; i < lexloci_verdict_finding_count(v); i++) {
    lexloci_finding f;
    lexloci_verdict_finding(v, i, &f);
    if (strcmp(f.rule, id) == 0)
      return f.categories;
  }
  return 0;
}

LX_TEST(cases, the_demands_categories_are_read_whole)
{
  /* Each category is decided with request.data_categories holding it
     alone; request.all_data_categories holds the demand's. */
  static const char head[] =
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: FR, "
      "instrument: warrant, data_categories: ";
  static const char tail[] = "}\ndata: {locations: [US]}\n";
  char yaml[256];
  snprintf(yaml, sizeof yaml, "%s[subscriber, content]%s", head, tail);
  const lexloci_verdict *v = eval_ok(c, yaml);
  cr_assert_eq(finding_categories(v, "t.a.whole_demand"),
               1u << LEXLOCI_SUBSCRIBER);
  /* In a finding's text, the categories it stands for, and the demand's. */
  char text[128], json[8192];
  for (size_t i = 0; i < lexloci_verdict_finding_count(v); i++) {
    lexloci_finding f;
    lexloci_verdict_finding(v, i, &f);
    if (strcmp(f.rule, "t.a.whole_demand") == 0)
      lexloci_verdict_finding_text(v, i, text, sizeof text);
  }
  cr_assert_str_eq(text, "for subscriber of subscriber, content");
  cr_assert_lt(lexloci_verdict_json(v, 0, json, sizeof json), sizeof json);
  cr_assert(strstr(json, "\"text\":\"for subscriber of subscriber, "
                         "content\""), "%s", json);
  snprintf(yaml, sizeof yaml, "%s[subscriber]%s", head, tail);
  v = eval_ok(c, yaml);
  cr_assert_not(has_finding(v, "t.a.whole_demand"));
  snprintf(yaml, sizeof yaml, "%s[content, traffic]%s", head, tail);
  v = eval_ok(c, yaml);
  cr_assert_not(has_finding(v, "t.a.whole_demand"));
  /* Always known while evaluating: never a missing fact. */
  lexloci_fact all = lexloci_fact_lookup("request.all_data_categories");
  cr_assert_geq(all, 0);
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
    cr_assert_neq(lexloci_verdict_missing(v, i), all);
}

LX_TEST(cases, the_demands_categories_cannot_be_given)
{
  lexloci_error err;
  lexloci_fact all = lexloci_fact_lookup("request.all_data_categories");
  cr_assert(lexloci_fact_derived(all));
  cr_assert_not(lexloci_fact_derived(lexloci_fact_lookup(
      "request.data_categories")));
  cr_assert_not(lexloci_fact_derived(-1));
  static const char why[] =
      "request.all_data_categories is set by lexloci from "
      "request.data_categories when the case is evaluated; a case cannot "
      "give it (give request.data_categories)";
  cr_assert_eq(lexloci_case_add_str(c, all, "content", &err), LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, why);
  cr_assert_eq(lexloci_case_set_empty(c, all, &err), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_str(c, all, "content", &err),
               LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_set_null(c, all, &err), LEXLOCI_EFACT);
  cr_assert_eq(lexloci_case_unset(c, all), LEXLOCI_EMISUSE);
  cr_assert_eq(lexloci_case_set_path(c, "request.all_data_categories",
                                     "[content]", &err), LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, why);
  const char *t = load_fails("lexloci: 1\n"
                             "request:\n"
                             "  all_data_categories: [content]\n");
  cr_assert(strstr(t, "case.yaml:3:3: request.all_data_categories is set by "
                      "lexloci"), "%s", t);
}

LX_TEST(cases, built_field_by_field_like_an_intake_system)
{
  lexloci_error err;
  cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup(
                                           "request.issuing_state"),
                                    "GB", &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup(
                                           "request.instrument"),
                                    "overseas_production_order", &err),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_case_add_str(c, lexloci_fact_lookup(
                                           "request.data_categories"),
                                    "content", &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_add_str(c, lexloci_fact_lookup("data.locations"),
                                    "US", &err), LEXLOCI_OK);
  const lexloci_verdict *v;
  /* No date yet: the library never reads the clock. */
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, "the case does not give request.date, which "
                                "every case must give");
  cr_assert_eq(lexloci_case_set_date(c, lexloci_fact_lookup("request.date"),
                                     2022, 10, 2, &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert_not(has_finding(v, "t.a.partner")); /* the day before */
  cr_assert_eq(lexloci_case_set_path(c, "request.date", "2022-10-03", &err),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert(has_finding(v, "t.a.partner"));
}

LX_TEST(cases, set_path_parses_values_and_suggests)
{
  lexloci_error err;
  cr_assert_eq(lexloci_case_set_path(c, "data.locations", "[US, IE]", &err),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_case_set_path(c, "data.location", "US", &err),
               LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, "unknown fact 'data.location'; did you mean "
                                "'data.locations'?");
  cr_assert_eq(lexloci_case_set_path(c, "request.offence.max_sentence_years",
                                     "five", &err), LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, "request.offence.max_sentence_years must be "
                                "a number, not 'five'");
  cr_assert_eq(lexloci_case_set_path(c, "assume.partner", "GB", &err),
               LEXLOCI_EFACT);
  cr_assert_str_eq(err.message, "the rule set defines no set or value "
                                "'partner' to assume; did you mean "
                                "'partners'?");
}

LX_TEST(cases, assumptions_replace_reference_data)
{
  static const char base[] =
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: CA, "
      "instrument: warrant, data_categories: [content], offence: "
      "{max_sentence_years: 2}}\ndata: {locations: [US]}\n";
  const lexloci_verdict *v = eval_ok(c, base);
  cr_assert_not(has_finding(v, "t.a.partner"));
  cr_assert_not(has_finding(v, "t.a.serious"));
  lexloci_error err;
  /* A map gives a date from which CA counts as a member. */
  cr_assert_eq(lexloci_case_set_path(c, "assume.partners",
                                     "{CA: 2027-01-01}", &err), LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert_not(has_finding(v, "t.a.partner"));
  cr_assert_eq(lexloci_case_set_path(c, "request.date", "2027-01-01", &err),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert(has_finding(v, "t.a.partner"));
  /* Values too. */
  cr_assert_eq(lexloci_case_set_path(c, "assume.threshold", "2", &err),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK);
  cr_assert(has_finding(v, "t.a.serious"));
  /* In a case file, a list means members on every date. */
  v = eval_ok(c, "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: "
                 "CA, instrument: warrant, data_categories: [content]}\n"
                 "data: {locations: [US]}\nassume: {partners: [CA]}\n");
  cr_assert(has_finding(v, "t.a.partner"));
  const char *t = load_fails("lexloci: 1\nrequest: {date: 2026-11-28, "
                             "issuing_state: CA, instrument: warrant, "
                             "data_categories: [content]}\ndata: "
                             "{locations: [US]}\nassume: {partner: [CA]}\n");
  cr_assert(strstr(t, "case.yaml:4:10: the rule set defines no set or value "
                      "'partner' to assume; did you mean 'partners'?"), "%s",
            t);
}
