/*
** test_json.c: the verdict's JSON form (verdict.md): exact bytes for a
** small case, pretty output that parses, determinism, and truncation.
*/
#include "helpers.h"

LX_SUITE(json);

static const char rules[] =
    "regime: {id: t.a, title: Regime A}\n"
    "citations:\n"
    "  ca: {ref: \"A s. 1\", title: \"Act A\", url: \"https://example.org/a\"}\n"
    "rules:\n"
    "  - id: md\n"
    "    effect: must_disclose\n"
    "    when: [request.instrument is warrant]\n"
    "    text: Produce \"it\" from {data.locations}.\n"
    "    cite: [ca]\n"
    "    unsettled: Courts differ.\n"
    "    actions:\n"
    "      - {id: notify_customer, by: provider, text: Tell., deadline: P14D,"
    " from: service, cite: [ca]}\n";

static const char kase[] =
    "lexloci: 1\n"
    "request: {id: R-1, date: 2026-11-28, issuing_state: US, instrument: "
    "warrant, data_categories: [content]}\n"
    "data: {locations: [IE, DE]}\n";

/* A strict JSON syntax check: value, then end of input. */
static const char *ws(const char *p)
{
  while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
    p++;
  return p;
}

static const char *value(const char *p);

static const char *string(const char *p)
{
  if (*p++ != '"')
    return NULL;
  while (*p && *p != '"') {
    if ((unsigned char)*p < 0x20)
      return NULL;
    if (*p == '\\') {
      p++;
      if (*p == 'u') {
        for (int i = 1; i <= 4; i++)
          if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
            return NULL;
        p += 4;
      } else if (!strchr("\"\\/bfnrt", *p) || !*p) {
        return NULL;
      }
    }
    p++;
  }
  return *p == '"' ? p + 1 : NULL;
}

static const char *value(const char *p)
{
  p = ws(p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    bool obj = *p == '{';
    p = ws(p + 1);
    if (*p == close)
      return p + 1;
    for (;;) {
      if (obj) {
        p = string(p);
        if (!p)
          return NULL;
        p = ws(p);
        if (*p++ != ':')
          return NULL;
      }
      p = value(p);
      if (!p)
        return NULL;
      p = ws(p);
      if (*p == close)
        return p + 1;
      if (*p++ != ',')
        return NULL;
      p = ws(p);
    }
  }
  if (*p == '"')
    return string(p);
  if (strncmp(p, "null", 4) == 0 || strncmp(p, "true", 4) == 0)
    return p + 4;
  if (strncmp(p, "false", 5) == 0)
    return p + 5;
  if ((*p >= '0' && *p <= '9') || *p == '-') {
    while ((*p >= '0' && *p <= '9') || strchr("-+.eE", *p))
      p++;
    return p;
  }
  return NULL;
}

static bool valid_json(const char *s)
{
  const char *end = value(s);
  return end && *ws(end) == '\0';
}

LX_TEST(json, exact_bytes)
{
  lexloci_ruleset *rs = rules_ok(rules);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_ok(c, kase);
  char want[4096], got[4096];
  snprintf(want, sizeof want,
           "{\"lexloci\":1,\"case\":{\"id\":\"R-1\",\"date\":\"2026-11-28\"},"
           "\"rule_set\":{\"name\":\"unit\",\"version\":\"1\",\"digest\":"
           "\"%s\"},\"verdict\":\"must_disclose\",\"unsettled\":true,"
           "\"summary\":\"Must "
           "disclose: t.a requires disclosure and no regime forbids it.\","
           "\"regimes\":[{\"id\":\"t.a\",\"title\":\"Regime A\",\"outcome\":"
           "\"must_disclose\",\"unsettled\":true,\"findings\":[\"t.a.md\"]}],"
           "\"findings\":[{"
           "\"rule\":\"t.a.md\",\"regime\":\"t.a\",\"effect\":"
           "\"must_disclose\",\"text\":\"Produce \\\"it\\\" from DE, IE.\","
           "\"unsettled\":\"Courts differ.\",\"because\":[\"request.instrument"
           " is warrant\"],\"citations\":[{\"ref\":\"A s. 1\",\"title\":\"Act "
           "A\",\"url\":\"https://example.org/a\"}]}],\"conflicts\":[],"
           "\"actions\":[{\"id\":\"notify_customer\",\"by\":\"provider\","
           "\"text\":\"Tell.\",\"deadline\":\"P14D\",\"deadline_from\":"
           "\"service\",\"rule\":\"t.a.md\",\"citations\":[{\"ref\":\"A s. "
           "1\",\"title\":\"Act A\",\"url\":\"https://example.org/a\"}]}],"
           "\"missing\":[]}",
           lexloci_ruleset_digest(rs));
  size_t n = lexloci_verdict_json(v, 0, got, sizeof got);
  cr_assert_str_eq(got, want);
  cr_assert_eq(n, strlen(want));
  cr_assert(valid_json(got));
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(json, truncation_reports_the_length_needed)
{
  lexloci_ruleset *rs = rules_ok(rules);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_ok(c, kase);
  char small[16];
  size_t n = lexloci_verdict_json(v, 0, small, sizeof small);
  cr_assert_gt(n, sizeof small);
  cr_assert_str_eq(small, "{\"lexloci\":1,\"c");
  cr_assert_eq(lexloci_verdict_json(v, 0, NULL, 0), n);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* Every example case through the bundled rules: valid, identical twice,
   pretty or not. */
LX_TEST(json, bundled_rules_give_valid_deterministic_json)
{
  lexloci_ruleset *rs = NULL;
  cr_assert_eq(lexloci_ruleset_load(NULL, LEXLOCI_SOURCE_DIR "/rules", &rs,
                                    NULL), LEXLOCI_OK);
  lexloci_case *c;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  static const char *const cases[] = {
    "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, instrument: "
    "warrant, data_categories: [content]}\ndata: {locations: [IE]}\n",
    "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: FR, authority: "
    "judge, instrument: european_production_order, data_categories: "
    "[subscriber, content]}\nprovider: {headquarters: US, presence: [US], "
    "offers_services_in: [FR, US], legal_representative: IE}\n"
    "data: {locations: [US], personal: true}\n",
  };
  static char a[1 << 20], b[1 << 20];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    for (unsigned flags = 0; flags < 4; flags++) {
      const lexloci_verdict *v = eval_ok(c, cases[i]);
      size_t n = lexloci_verdict_json(v, flags, a, sizeof a);
      cr_assert_lt(n, sizeof a);
      cr_assert(valid_json(a), "case %zu flags %u: %s", i, flags, a);
      v = eval_ok(c, cases[i]);
      lexloci_verdict_json(v, flags, b, sizeof b);
      cr_assert_str_eq(a, b);
    }
  }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
