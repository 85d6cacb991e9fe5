/*
** fuzz_rules.c: the rule-set loader on hostile rule files, then every
** accessor of a rule set that loads, and a few cases evaluated against it
** with the verdict invariants of check.c (a hand-edited rule file must not
** crash, hang or corrupt an evaluation either).
**
** Input: rule files separated by a line "%%". With one part, it is a rule
** file beside a fixed manifest; with several, the first is the manifest.
** See LICENSE for copying conditions.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

enum { MAX_PARTS = 32 };

static const char manifest[] = "lexloci: 1\nname: fuzz\nversion: \"1\"\n";

/* Cases that reach different parts of typical rule sets. */
static const char *const cases[] = {
  "{lexloci: 1, request: {date: 2026-11-28, issuing_state: US, "
  "instrument: warrant, data_categories: [content, subscriber]}, "
  "provider: {headquarters: US, presence: [US, IE]}, "
  "data: {locations: [IE]}}",
  "{lexloci: 1, request: {date: 2020-01-01, issuing_state: FR, "
  "authority: judge, instrument: european_production_order, "
  "data_categories: [traffic, content, identification]}, "
  "data: {locations: [DE, US]}}",
  "{lexloci: 1, request: {date: 2026-11-28, issuing_state: GB, "
  "instrument: overseas_production_order, data_categories: [content]}, "
  "provider: {presence: [US]}, data: {locations: [US], personal: true}}",
};

static void ignore(void *ud, const lexloci_error *e)
{
  (void)ud;
  (void)e;
}

static void check_ruleset(const lexloci_ruleset *rs)
{
  FZ_CHECK(lexloci_ruleset_name(rs) && lexloci_ruleset_version(rs) &&
               lexloci_ruleset_digest(rs),
           "rule set without name, version or digest");
  for (size_t i = 0; i < lexloci_ruleset_regime_count(rs); i++)
    FZ_CHECK(lexloci_ruleset_regime_id(rs, i), "regime %zu without id", i);
  for (size_t i = 0; i < lexloci_ruleset_rule_count(rs); i++) {
    lexloci_rule_info ri;
    FZ_CHECK(lexloci_ruleset_rule(rs, i, &ri) == LEXLOCI_OK && ri.id &&
                 ri.regime && ri.file && ri.line > 0 && ri.col > 0,
             "rule %zu info", i);
  }
  for (size_t i = 0; i < lexloci_ruleset_set_count(rs); i++) {
    lexloci_set_info si;
    FZ_CHECK(lexloci_ruleset_set(rs, i, &si) == LEXLOCI_OK && si.name,
             "set %zu info", i);
    for (size_t j = 0; j < si.nmembers; j++) {
      lexloci_member_info mi;
      FZ_CHECK(lexloci_ruleset_set_member(rs, i, j, &mi) == LEXLOCI_OK &&
                   mi.member && mi.from <= mi.until,
               "set %s member %zu", si.name, j);
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  lexloci_source srcs[MAX_PARTS + 1];
  char names[MAX_PARTS + 1][32];
  size_t n = 0, start = 0;
  const char *text = (const char *)data;
  for (size_t i = 0; i <= size && n < MAX_PARTS; i++) {
    bool sep = i + 3 <= size && memcmp(text + i, "%%\n", 3) == 0 &&
               (i == 0 || text[i - 1] == '\n');
    if (i < size && !sep)
      continue;
    srcs[n].text = text + start;
    srcs[n].len = i - start;
    n++;
    start = i + 3;
    i += 2;
  }
  if (n == 1) {
    srcs[1] = srcs[0];
    srcs[0].text = manifest;
    srcs[0].len = sizeof manifest - 1;
    n = 2;
  }
  for (size_t i = 0; i < n; i++) {
    if (i == 0)
      snprintf(names[i], sizeof names[i], "lexloci.yaml");
    else
      snprintf(names[i], sizeof names[i], "r%02zu.yaml", i);
    srcs[i].name = names[i];
  }
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = ignore;
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  lexloci_status st = lexloci_ruleset_load_sources(&cfg, srcs, n, &rs, &err);
  if (getenv("LEXLOCI_FUZZ_VERBOSE"))
    fprintf(stderr, "%s %s:%d:%d: %s\n", lexloci_status_name(st),
            st ? err.file : "", st ? err.line : 0, st ? err.col : 0,
            st ? err.message : "");
  if (st != LEXLOCI_OK) {
    FZ_CHECK(rs == NULL, "a failed load returned a rule set");
    fz_check_error(st, &err);
    return 0;
  }
  check_ruleset(rs);
  lexloci_case *c = NULL;
  FZ_CHECK(lexloci_case_new(rs, &c) == LEXLOCI_OK, "case_new failed");
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    FZ_CHECK(lexloci_case_load(c, "case", cases[i], strlen(cases[i]),
                               &err) == LEXLOCI_OK,
             "case %zu does not load: %s", i, err.message);
    const lexloci_verdict *v = NULL;
    FZ_CHECK(lexloci_eval(c, &v, &err) == LEXLOCI_OK, "eval failed: %s",
             err.message);
    fz_check_verdict(c, v);
  }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  return 0;
}
