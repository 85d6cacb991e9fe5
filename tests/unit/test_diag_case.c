/*
** test_diag_case.c: every mistake in a case (caseload.c) is reported at
** its line and column, in the words of the person filling it in, with a
** "did you mean" where one is apt.
*/
#include "helpers.h"

LX_SUITE(diag_case);

static const char rules[] =
    "regime: t.a\n"
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "sets:\n"
    "  partners: {cite: [c1], members: {GB: 2022-10-03}}\n"
    "values:\n"
    "  threshold: {value: 3, type: number, cite: [c1]}\n"
    "rules:\n"
    "  - {id: a, effect: info, when: [request.issuing_state in partners, "
    "request.offence.max_sentence_years >= threshold], text: T, cite: "
    "[c1]}\n";

/* The required facts, on lines 1-3; the table's text follows. */
#define HEAD                                                               \
  "lexloci: 1\n"                                                           \
  "request: {issuing_state: US, instrument: warrant, "                     \
  "data_categories: [content]}\n"                                          \
  "data: {locations: [US]}\n"

static const struct {
  const char *text;
  const char *want; /* the first diagnostic (the one in err) */
} cases[] = {
  {"", "case.yaml:1:1: the case is empty\n"},
  {"- a\n", "case.yaml:1:1: a case is a map with lexloci, request, "
            "provider and data\n"},
  {"lexloci: 2\n",
   "case.yaml:1:10: this case is for schema 2; lexloci reads schema 1\n"},
  {"request: {issuing_state: US}\n",
   "case.yaml:1:1: a case must start with 'lexloci: 1' (schema version)\n"},
  {HEAD "provider: {presence: US}\n",
   "case.yaml:4:22: provider.presence must be a list such as [US]\n"},
  {HEAD "provider: {headquarters: unknown}\n",
   "case.yaml:4:26: provider.headquarters: leave the key out if it is "
   "unknown\n"},
  {HEAD "provider: {headquarters: [US]}\n",
   "case.yaml:4:26: provider.headquarters takes one value, not a list\n"},
  {HEAD "provider: {presence: [[US]]}\n",
   "case.yaml:4:23: provider.presence: an element must be a value, not a "
   "list\n"},
  {"lexloci: 1\nrequest: {issuing_state: US, instrument: warrant, "
   "data_categories: []}\ndata: {locations: [US]}\n",
   "case.yaml:2:68: request.data_categories must name at least one "
   "category\n"},
  {HEAD "provider: 5\n",
   "case.yaml:4:11: 'provider' must be a map, not a value\n"},
  {HEAD "assume: {threshold: 5}\nprovider: {name: {a: b}}\n",
   "case.yaml:5:18: provider.name takes a value, not a map\n"},
  {HEAD "assume: [partners]\n",
   "case.yaml:4:9: assume must be a map of name: members\n"},
  {HEAD "assume: {threshold: [5]}\n",
   "case.yaml:4:21: assume.threshold takes one value\n"},
  {HEAD "assume: {threshold: many}\n",
   "case.yaml:4:21: assume.threshold must be a number, not 'many'\n"},
  {HEAD "assume: {partner: [GB]}\n",
   "case.yaml:4:10: the rule set defines no set or value 'partner' to "
   "assume; did you mean 'partners'?\n"},
  {HEAD "assume: {partners: GB}\n",
   "case.yaml:4:20: assume.partners takes a list [GB, AU] or a map {CA: "
   "2027-01-01}\n"},
  {HEAD "assume: {partners: [[GB]]}\n",
   "case.yaml:4:21: assume.partners: a member must be a value\n"},
  {HEAD "assume: {partners: {GB: soon}}\n",
   "case.yaml:4:25: assume.partners: 'soon' is not a date YYYY-MM-DD\n"},
  {HEAD "assume: {partners: [UK]}\n",
   "case.yaml:4:20: assume.partners: 'UK' is not a country code; did you "
   "mean 'GB'?\n"},
};

LX_TEST(diag_case, every_mistake_located)
{
  lexloci_ruleset *rs = rules_ok(rules);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    lexloci_error err;
    lexloci_status st = lexloci_case_load(c, "case.yaml", cases[i].text,
                                          strlen(cases[i].text), &err);
    cr_expect_neq(st, LEXLOCI_OK, "loaded:\n%s", cases[i].text);
    char got[600];
    snprintf(got, sizeof got, "%s:%d:%d: %s\n", err.file, err.line,
             err.col, err.message);
    cr_expect_str_eq(got, cases[i].want, "case %zu:\n%s\ngot:\n%s", i,
                     cases[i].text, got);
  }
  cr_assert_eq(lexloci_case_load(NULL, "x", "", 0, NULL), LEXLOCI_EMISUSE);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
