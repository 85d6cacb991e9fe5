/*
** test_index.c: the rule index (engine/index.c) changes nothing but speed.
** On a rule set that exercises its keys (is, in, true/false, exceptions
** inheriting their base's keys, overrides, nested groups, dates, a regime
** reading another's outcome), a quick pass must give what a full pass
** gives for every rule, and the explanation filled in afterwards must show
** every condition as a full pass records it.
*/
#include "helpers.h"

#include "eval.h"

static const char *const states[] = {"US", "GB", "FR", "DE", "IE", "JP"};
static const char *const instruments[] = {"warrant", "subpoena",
  "court_order", "production_order", "mlat_request"};

/* Rule i of the test regime: a deterministic mix of shapes. */
static void rule_text(char *buf, size_t cap, int i)
{
  const char *st = states[i % 6], *in = instruments[(i / 6) % 5];
  size_t k = (size_t)snprintf(buf, cap,
      "  - id: r%d\n    effect: %s\n    when:\n", i,
      i % 4 == 0 ? "must_disclose" : i % 4 == 1 ? "may_disclose"
      : i % 4 == 2 ? "info" : "not_compellable");
  switch (i % 7) {
  case 0:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - request.issuing_state is %s\n"
        "      - request.instrument is %s\n", st, in);
    break;
  case 1:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - request.issuing_state in [%s, %s]\n"
        "      - request.emergency\n", st, states[(i + 1) % 6]);
    break;
  case 2:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - request.instrument in [%s, mlat_request]\n"
        "      - any:\n"
        "          - request.target.us_person\n"
        "          - not: request.offence.max_sentence_years >= 3\n", in);
    break;
  case 3:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - request.issuing_state is not %s\n"
        "      - provider.public_service is false\n", st);
    break;
  case 4:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - request.issuing_state is %s\n"
        "      - request.emergency is false\n"
        "      - all:\n"
        "          - data.personal\n"
        "          - request.target.residence is %s\n", st,
        states[(i + 2) % 6]);
    break;
  case 5:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - request.instrument is %s\n"
        "      - request.target.us_person is unknown\n", in);
    break;
  default:
    k += (size_t)snprintf(buf + k, cap - k,
        "      - data.personal\n");
    break;
  }
  if (i % 7 == 6 && i >= 7) /* an exception inheriting its base's keys */
    k += (size_t)snprintf(buf + k, cap - k, "    exception_to: r%d\n", i - 6);
  if (i % 11 == 3)
    k += (size_t)snprintf(buf + k, cap - k, "    overrides: [r%d]\n", i - 3);
  if (i % 9 == 8)
    k += (size_t)snprintf(buf + k, cap - k,
                          "    in_force: {from: 2024-01-01}\n");
  snprintf(buf + k, cap - k, "    text: Rule %d.\n    cite: [c1]\n", i);
}

static lexloci_ruleset *index_rules(void)
{
  static char text[65536];
  size_t k = (size_t)snprintf(text, sizeof text,
      "regime: t.big\ncitations:\n"
      "  c1: {ref: R, title: T, url: \"https://example.org/\"}\nrules:\n");
  for (int i = 0; i < 60; i++) {
    rule_text(text + k, sizeof text - k, i);
    k = strlen(text);
  }
  static const char second[] =
      "regime: t.small\nrules:\n"
      "  - id: reads\n    effect: must_not_disclose\n    when:\n"
      "      - regime t.big is must_disclose\n"
      "      - request.issuing_state is FR\n"
      "    text: Reads.\n    cite: [c1]\n";
  lexloci_source srcs[3] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"big.yaml", text, strlen(text)},
    {"small.yaml", second, sizeof second - 1},
  };
  lexloci_ruleset *rs = NULL;
  static diags d; /* the rule set keeps the callback: d outlives it */
  lexloci_status st = load_sources(srcs, 3, &rs, &d);
  cr_assert_eq(st, LEXLOCI_OK, "%s", d.text);
  cr_assert_geq(rs->regimes[0].index, 0, "the big regime has an index");
  return rs;
}

static unsigned next(unsigned *seed)
{
  *seed = *seed * 1103515245u + 12345u;
  return (*seed >> 16) & 0x7fff;
}

/* A case with some facts left unknown (each given 3 times in 4). */
static void random_case(lexloci_case *c, unsigned *seed, bool all)
{
  lexloci_case_reset(c);
  lexloci_case_set_path(c, "request.date",
                        next(seed) % 2 ? "2026-11-28" : "2023-05-01", NULL);
  lexloci_case_set_path(c, "request.data_categories", "content", NULL);
  lexloci_case_set_path(c, "data.locations", "US", NULL);
  const char *bools[] = {"true", "false"};
  struct {
    const char *path;
    const char *const *v;
    unsigned n;
  } f[] = {
    {"request.issuing_state", states, 6},
    {"request.instrument", instruments, 5},
    {"request.emergency", bools, 2},
    {"request.target.us_person", bools, 2},
    {"provider.public_service", bools, 2},
    {"data.personal", bools, 2},
    {"request.target.residence", states, 6},
  };
  /* Unset, a fact is unknown even where case.md gives it a default. */
  for (size_t i = 0; i < sizeof f / sizeof *f; i++)
    if (all || next(seed) % 4)
      lexloci_case_set_path(c, f[i].path, f[i].v[next(seed) % f[i].n],
                            NULL);
    else
      lexloci_case_unset(c, lexloci_fact_lookup(f[i].path));
  if (all || next(seed) % 4)
    lexloci_case_set_path(c, "request.offence.max_sentence_years",
                          next(seed) % 2 ? "5" : "1", NULL);
}

LX_TEST(index, quick_pass_gives_the_full_pass)
{
  lexloci_ruleset *rs = index_rules();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  size_t nr = rs->nrules, nc = rs->nconds, ng = rs->nregimes;
  uint8_t *applies = malloc(nr), *stands = malloc(nr), *cond = malloc(nc);
  lexloci_outcome out[8];
  unsigned approx[8];
  unsigned seed = 7;
  for (int n = 0; n < 2000; n++) {
    random_case(c, &seed, false);
    lx_eval_prepare(c);
    c->pass_regimes = ~(uint64_t)0;
    lx_eval_pass(c);
    memcpy(applies, c->applies, nr);
    memcpy(stands, c->stands, nr);
    memcpy(cond, c->cond, nc);
    memcpy(out, c->outcome, ng * sizeof *out);
    memcpy(approx, c->approx, ng * sizeof *approx);
    lx_eval_quick(c);
    for (size_t r = 0; r < nr; r++) {
      cr_assert_eq(c->applies[r], applies[r], "case %d rule %s", n,
                   rs->rules[r].id);
      cr_assert_eq(c->stands[r], stands[r], "case %d rule %s", n,
                   rs->rules[r].id);
      if (applies[r] == LX_F)
        continue;
      for (uint32_t i = rs->rules[r].root; i < rs->conds[rs->rules[r].root].end;
           i++)
        cr_assert_eq(c->cond[i], cond[i], "case %d rule %s node %u", n,
                     rs->rules[r].id, i);
    }
    for (size_t g = 0; g < ng; g++) {
      cr_assert_eq(c->outcome[g], out[g], "case %d regime %zu", n, g);
      cr_assert_eq(c->approx[g], approx[g], "case %d regime %zu", n, g);
    }
  }
  free(applies);
  free(stands);
  free(cond);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(index, explanation_shows_every_condition)
{
  lexloci_ruleset *rs = index_rules();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  unsigned seed = 11;
  int k = 3; /* content */
  for (int n = 0; n < 500; n++) {
    random_case(c, &seed, true);
    const lexloci_verdict *v;
    cr_assert_eq(lexloci_eval(c, &v, NULL), LEXLOCI_OK);
    lexloci_step s;
    cr_assert_eq(lexloci_verdict_step(v, 0, &s), LEXLOCI_OK);
    cr_assert(c->cat[k].explained);
    /* Every fact is given: no search, so the first pass is the only one
       and a full pass now sees the same state. */
    c->pass_regimes = ~(uint64_t)0;
    lx_eval_pass(c);
    for (size_t i = 0; i < rs->nconds; i++)
      cr_assert_eq(c->cat[k].cond[i], c->cond[i], "case %d node %zu", n, i);
    for (size_t r = 0; r < rs->nrules; r++) {
      cr_assert_eq(c->cat[k].applies[r], c->applies[r]);
      cr_assert_eq(c->cat[k].stands[r], c->stands[r]);
    }
  }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
