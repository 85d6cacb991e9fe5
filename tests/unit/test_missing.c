/*
** test_missing.c: `undetermined` and `missing` against their definition
** (spec/verdict.md), by brute force. On random rule sets of two regimes
** over four true-or-false facts that have no default, every case that
** gives some of them and leaves the others unknown is evaluated, and so is
** every way of completing it. Then:
**   - the verdict (and each regime's outcome) is undetermined exactly when
**     the completions disagree, and otherwise is what they all say;
**   - every unknown fact that matters, one whose value alone changes the
**     answer between two completions alike in all else, is in `missing`
**     (the verdict's, and the regime's for its outcome); `missing` names
**     only unknown facts.
** `missing` may name more than the facts that matter alone (facts that
** matter only together are all listed), so only completeness is asserted.
*/
#include "helpers.h"

LX_SUITE(missing);

enum { NF = 4, NG = 2 };

static const char *const fact_path[NF] = {
  "data.personal", "request.target.us_person",
  "request.offence.indictable", "request.offence.by_information_system"};

static const char *const effects[] = {
  "must_disclose", "must_not_disclose", "may_disclose", "not_compellable",
  "must_preserve", "info"};

static unsigned next(unsigned *seed)
{
  *seed = *seed * 1103515245u + 12345u;
  return (*seed >> 16) & 0x7fff;
}

/* A literal: fact f, or its negation. */
static size_t literal(char *buf, size_t cap, unsigned *seed)
{
  int f = (int)(next(seed) % NF);
  return (size_t)snprintf(buf, cap, "%s%s", fact_path[f],
                          next(seed) % 2 ? "" : " is false");
}

/* One regime file: 2 to 4 rules, each an `all` of 1 to 3 literals, or an
   `any` of two beside one. */
static void regime_text(char *buf, size_t cap, const char *id,
                        unsigned *seed)
{
  size_t k = (size_t)snprintf(buf, cap,
      "regime: %s\ncitations:\n"
      "  c%c: {ref: R, title: T, url: \"https://example.org/\"}\nrules:\n",
      id, id[2]);
  int nrules = 2 + (int)(next(seed) % 3);
  for (int r = 0; r < nrules; r++) {
    k += (size_t)snprintf(buf + k, cap - k,
        "  - id: r%d\n    effect: %s\n    text: T\n    cite: [c%c]\n"
        "    when:\n", r, effects[next(seed) % 6], id[2]);
    if (next(seed) % 4 == 0) {
      k += (size_t)snprintf(buf + k, cap - k, "      - any:\n          - ");
      k += literal(buf + k, cap - k, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n          - ");
      k += literal(buf + k, cap - k, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n      - ");
      k += literal(buf + k, cap - k, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n");
      continue;
    }
    int nlit = 1 + (int)(next(seed) % 3);
    for (int l = 0; l < nlit; l++) {
      k += (size_t)snprintf(buf + k, cap - k, "      - ");
      k += literal(buf + k, cap - k, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n");
    }
  }
}

/* What one case gives: per fact, 0 unknown, 1 true, 2 false. */
typedef struct answer {
  lexloci_outcome verdict, outcome[NG];
  uint64_t missing, reg_missing[NG];
} answer;

static void evaluate(lexloci_case *c, const int *given, answer *a)
{
  static const char base[] =
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
      "instrument: warrant, data_categories: [content]}\n"
      "data: {locations: [US]}\n";
  lexloci_case_reset(c);
  lexloci_error err;
  cr_assert_eq(lexloci_case_load(c, "c", base, sizeof base - 1, &err),
               LEXLOCI_OK, "%s", err.message);
  for (int f = 0; f < NF; f++)
    if (given[f])
      cr_assert_eq(lexloci_case_set_path(c, fact_path[f],
                                         given[f] == 1 ? "true" : "false",
                                         &err),
                   LEXLOCI_OK, "%s", err.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK, "%s", err.message);
  a->verdict = lexloci_verdict_kind(v);
  a->missing = 0;
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
    a->missing |= (uint64_t)1 << lexloci_verdict_missing(v, i);
  for (int g = 0; g < NG; g++) {
    lexloci_regime_result r;
    cr_assert_eq(lexloci_verdict_regime(v, (size_t)g, &r), LEXLOCI_OK);
    a->outcome[g] = r.outcome;
    a->reg_missing[g] = 0;
    for (size_t i = 0; i < r.nmissing; i++)
      a->reg_missing[g] |= (uint64_t)1
                           << lexloci_verdict_regime_missing(v, (size_t)g, i);
  }
}

/* The answer of the target (-1: the verdict, else regime g). */
static lexloci_outcome of(const answer *a, int target)
{
  return target < 0 ? a->verdict : a->outcome[target];
}

/* Checks one partial case against its completions (full[m]: the answer
   when the facts unknown here take the bits of m). */
static void check_case(const int *given, const answer *part,
                       const answer *full, int target, int seed)
{
  int unknown[NF], nu = 0;
  for (int f = 0; f < NF; f++)
    if (!given[f])
      unknown[nu++] = f;
  bool differ = false;
  for (int m = 1; m < 1 << nu; m++)
    differ |= of(&full[m], target) != of(&full[0], target);
  lexloci_outcome got = of(part, target);
  uint64_t missing = target < 0 ? part->missing : part->reg_missing[target];
  if (!differ) {
    cr_assert_eq(got, of(&full[0], target),
                 "seed %d target %d: %d, but every completion says %d",
                 seed, target, (int)got, (int)of(&full[0], target));
    return;
  }
  cr_assert_eq(got, LEXLOCI_UNDETERMINED,
               "seed %d target %d: completions differ, answer %d", seed,
               target, (int)got);
  for (int i = 0; i < nu; i++) {
    bool matters = false;
    for (int m = 0; m < 1 << nu && !matters; m++)
      matters = of(&full[m], target) != of(&full[m ^ (1 << i)], target);
    lexloci_fact f = lexloci_fact_lookup(fact_path[unknown[i]]);
    if (matters)
      cr_assert(missing >> f & 1, "seed %d target %d: %s matters but is "
                "not missing", seed, target, fact_path[unknown[i]]);
  }
  for (int f = 0; f < NF; f++)
    if (given[f])
      cr_assert_not(missing >> lexloci_fact_lookup(fact_path[f]) & 1,
                    "seed %d: %s is given, yet missing", seed, fact_path[f]);
}

LX_TEST(missing, matches_brute_force, .timeout = 300)
{
  for (int seed = 1; seed <= 400; seed++) {
    unsigned s = (unsigned)seed;
    static char a[4096], b[4096];
    regime_text(a, sizeof a, "t.a", &s);
    regime_text(b, sizeof b, "t.b", &s);
    lexloci_source srcs[3] = {
      {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
      {"a.yaml", a, strlen(a)},
      {"b.yaml", b, strlen(b)}};
    lexloci_ruleset *rs = NULL;
    diags d;
    cr_assert_eq(load_sources(srcs, 3, &rs, &d), LEXLOCI_OK,
                 "seed %d:\n%s\n%s%s", seed, d.text, a, b);
    lexloci_case *c = NULL;
    cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
    int given[NF];
    for (int p = 0; p < 81; p++) { /* 3^4: unknown, true, false each */
      for (int f = 0, q = p; f < NF; f++, q /= 3)
        given[f] = q % 3;
      int unknown[NF], nu = 0;
      for (int f = 0; f < NF; f++)
        if (!given[f])
          unknown[nu++] = f;
      if (nu == 0)
        continue;
      answer part, full[1 << NF];
      evaluate(c, given, &part);
      for (int m = 0; m < 1 << nu; m++) {
        int all[NF];
        memcpy(all, given, sizeof all);
        for (int i = 0; i < nu; i++)
          all[unknown[i]] = m >> i & 1 ? 1 : 2;
        evaluate(c, all, &full[m]);
      }
      check_case(given, &part, full, -1, seed);
      for (int g = 0; g < NG; g++)
        check_case(given, &part, full, g, seed);
    }
    lexloci_case_free(c);
    lexloci_ruleset_free(rs);
  }
}
