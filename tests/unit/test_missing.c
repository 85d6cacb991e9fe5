/*
** test_missing.c: `undetermined` and `missing` against their definition
** (spec/verdict.md), by brute force. On random rule sets over a few facts
** that have no default (true-or-false ones, and enumerated ones of two or
** three values), partial cases are evaluated, and so is every way of
** completing each. Then:
**   - the verdict (and each regime's outcome) is undetermined exactly when
**     the completions disagree, and otherwise is what they all say;
**   - every unknown fact that matters, one whose value alone changes the
**     answer between two completions alike in all else, is in `missing`
**     (the verdict's, and the regime's for its outcome); `missing` names
**     only unknown facts.
** `missing` may name more than the facts that matter alone (facts that
** matter only together are all listed), so only completeness is asserted.
**
**   - the search's shortcuts (search.c, judge_answer: witnesses and the
**     first pass's bound) change nothing: the partial case evaluated with
**     them and without (c->search_plain) gives the same verdict, outcomes
**     and missing facts.
** Three shapes: every partial case of two small regimes over four
** true-or-false facts; sampled partial cases of three larger regimes
** over six facts, two of them enumerated, whose searches go deep enough
** for the shortcuts to be used; and sampled partial cases whose rules
** also test a text fact no case gives, which the search cannot ask about.
*/
#include "case.h"
#include "helpers.h"

LX_SUITE(missing);

enum { MAXF = 6, MAXG = 3, MAXV = 3, MAXCOMP = 2 * 2 * 2 * 2 * 3 * 2 };

typedef struct fact {
  const char *path;
  int nvalues;
  const char *values[MAXV]; /* as a case writes them */
} fact;

static const fact facts[MAXF] = {
  {"data.personal", 2, {"true", "false"}},
  {"request.target.us_person", 2, {"true", "false"}},
  {"request.offence.indictable", 2, {"true", "false"}},
  {"request.offence.by_information_system", 2, {"true", "false"}},
  {"data.holder", 3, {"consumer", "enterprise", "government"}},
  {"provider.gdpr_role", 2, {"controller", "processor"}},
};

/* A rule set's shape: its first nf facts, ng regimes of 2 to 1 + maxrules
   rules; with `text`, some literals test a text fact no case gives (the
   search can never ask about it: search.c, can_ask). */
typedef struct shape {
  int nf, ng, maxrules;
  bool text;
} shape;

/* The text fact: unknown in every case, so every completion reads it
   unknown too, and the brute force's answers are those of cases that
   leave it out. */
static const char text_literal[] = "provider.name matches /^A/";

static const char *const effects[] = {
  "must_disclose", "must_not_disclose", "may_disclose", "not_compellable",
  "must_preserve", "info"};

static unsigned next(unsigned *seed)
{
  *seed = *seed * 1103515245u + 12345u;
  return (*seed >> 16) & 0x7fff;
}

/* A literal over one of the first nf facts: a true-or-false fact or its
   negation; an enumerated fact `is`, `is not` or `in` some values. */
static size_t literal(char *buf, size_t cap, const shape *sh,
                      unsigned *seed)
{
  if (sh->text && next(seed) % 4 == 0)
    return (size_t)snprintf(buf, cap, "%s", text_literal);
  const fact *f = &facts[next(seed) % (unsigned)sh->nf];
  if (!strcmp(f->values[0], "true"))
    return (size_t)snprintf(buf, cap, "%s%s", f->path,
                            next(seed) % 2 ? "" : " is false");
  unsigned n = (unsigned)f->nvalues, j = next(seed) % n;
  const char *v = f->values[j];
  switch (next(seed) % 3) {
  case 0: return (size_t)snprintf(buf, cap, "%s is %s", f->path, v);
  case 1: return (size_t)snprintf(buf, cap, "%s is not %s", f->path, v);
  default: /* two distinct values */
    return (size_t)snprintf(buf, cap, "%s in [%s, %s]", f->path, v,
                            f->values[(j + 1 + next(seed) % (n - 1)) % n]);
  }
}

/* One regime file: rules each an `all` of 1 to 3 literals, or an `any` of
   two beside one. */
static void regime_text(char *buf, size_t cap, const char *id,
                        const shape *sh, unsigned *seed)
{
  size_t k = (size_t)snprintf(buf, cap,
      "regime: %s\ncitations:\n"
      "  c%c: {ref: R, title: T, url: \"https://example.org/\"}\nrules:\n",
      id, id[2]);
  int nrules = 2 + (int)(next(seed) % (unsigned)sh->maxrules);
  for (int r = 0; r < nrules; r++) {
    k += (size_t)snprintf(buf + k, cap - k,
        "  - id: r%d\n    effect: %s\n    text: T\n    cite: [c%c]\n"
        "    when:\n", r, effects[next(seed) % 6], id[2]);
    if (next(seed) % 4 == 0) {
      k += (size_t)snprintf(buf + k, cap - k, "      - any:\n          - ");
      k += literal(buf + k, cap - k, sh, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n          - ");
      k += literal(buf + k, cap - k, sh, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n      - ");
      k += literal(buf + k, cap - k, sh, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n");
      continue;
    }
    int nlit = 1 + (int)(next(seed) % 3);
    for (int l = 0; l < nlit; l++) {
      k += (size_t)snprintf(buf + k, cap - k, "      - ");
      k += literal(buf + k, cap - k, sh, seed);
      k += (size_t)snprintf(buf + k, cap - k, "\n");
    }
  }
}

/* What one case gives: per fact, 0 unknown, else the number of its value
   (1 ..). */
typedef struct answer {
  lexloci_outcome verdict, outcome[MAXG];
  uint64_t missing, reg_missing[MAXG];
} answer;

static void evaluate(lexloci_case *c, const shape *sh, const int *given,
                     answer *a)
{
  static const char base[] =
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
      "instrument: warrant, data_categories: [content]}\n"
      "data: {locations: [US]}\n";
  memset(a, 0, sizeof *a);
  lexloci_case_reset(c);
  lexloci_error err;
  cr_assert_eq(lexloci_case_load(c, "c", base, sizeof base - 1, &err),
               LEXLOCI_OK, "%s", err.message);
  for (int f = 0; f < sh->nf; f++)
    if (given[f])
      cr_assert_eq(lexloci_case_set_path(c, facts[f].path,
                                         facts[f].values[given[f] - 1],
                                         &err),
                   LEXLOCI_OK, "%s", err.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &err), LEXLOCI_OK, "%s", err.message);
  a->verdict = lexloci_verdict_kind(v);
  a->missing = 0;
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
    a->missing |= (uint64_t)1 << lexloci_verdict_missing(v, i);
  for (int g = 0; g < sh->ng; g++) {
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

/* The completions of a partial case, numbered in mixed radix over its
   unknown facts (the first unknown fact varies fastest). */
typedef struct completions {
  int unknown[MAXF], nu;
  int radix[MAXF];      /* values of each unknown fact */
  int stride[MAXF];
  int n;
} completions;

static void completions_of(const shape *sh, const int *given,
                           completions *k)
{
  k->nu = 0;
  k->n = 1;
  for (int f = 0; f < sh->nf; f++)
    if (!given[f]) {
      k->unknown[k->nu] = f;
      k->radix[k->nu] = facts[f].nvalues;
      k->stride[k->nu++] = k->n;
      k->n *= facts[f].nvalues;
    }
}

/* Unknown fact i's value (0 ..) in completion m. */
static int digit(const completions *k, int m, int i)
{
  return m / k->stride[i] % k->radix[i];
}

/* Checks one partial case against its completions (full[m]: the answer
   of completion m). */
static void check_case(const shape *sh, const int *given,
                       const completions *k, const answer *part,
                       const answer *full, int target, int seed)
{
  bool differ = false;
  for (int m = 1; m < k->n; m++)
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
  for (int i = 0; i < k->nu; i++) {
    /* Two completions alike but for fact i: m, and m with i's digit
       moved to each other value. */
    bool matters = false;
    for (int m = 0; m < k->n && !matters; m++)
      for (int d = 1; d < k->radix[i] && !matters; d++) {
        int v = digit(k, m, i);
        int other = m + ((v + d) % k->radix[i] - v) * k->stride[i];
        matters = of(&full[m], target) != of(&full[other], target);
      }
    const char *path = facts[k->unknown[i]].path;
    if (matters)
      cr_assert(missing >> lexloci_fact_lookup(path) & 1,
                "seed %d target %d: %s matters but is not missing", seed,
                target, path);
  }
  for (int f = 0; f < sh->nf; f++)
    if (given[f])
      cr_assert_not(missing >> lexloci_fact_lookup(facts[f].path) & 1,
                    "seed %d: %s is given, yet missing", seed,
                    facts[f].path);
}

/* Checks partial case `given` of the rule set loaded in c. */
static void check_partial(lexloci_case *c, const shape *sh, const int *given,
                          int seed)
{
  completions k;
  completions_of(sh, given, &k);
  if (k.nu == 0)
    return;
  answer part, plain, full[MAXCOMP];
  /* Both searches unbounded (the plain one spends more passes, and a
     bound reached lists facts that might not matter). */
  c->missing_passes_max = SIZE_MAX / 2;
  c->search_plain = true;
  evaluate(c, sh, given, &plain);
  bool exhausted = c->search_exhausted;
  c->search_plain = false;
  evaluate(c, sh, given, &part);
  exhausted |= c->search_exhausted;
  c->missing_passes_max = LX_MAX_MISSING_PASSES;
  if (!exhausted)
    cr_assert(memcmp(&part, &plain, sizeof part) == 0,
              "seed %d: the search's shortcuts changed the answer", seed);
  for (int m = 0; m < k.n; m++) {
    int all[MAXF];
    memcpy(all, given, sizeof all);
    for (int i = 0; i < k.nu; i++)
      all[k.unknown[i]] = digit(&k, m, i) + 1;
    evaluate(c, sh, all, &full[m]);
  }
  check_case(sh, given, &k, &part, full, -1, seed);
  for (int g = 0; g < sh->ng; g++)
    check_case(sh, given, &k, &part, full, g, seed);
}

/* Rule set `seed` of shape sh, then its partial cases: every one
   (sample 0), or `sample` drawn at random. */
static void check_rule_set(const shape *sh, int seed, int sample)
{
  static const char *const ids[MAXG] = {"t.a", "t.b", "t.c"};
  static const char *const names[MAXG] = {"a.yaml", "b.yaml", "c.yaml"};
  static char text[MAXG][8192];
  unsigned s = (unsigned)seed;
  lexloci_source srcs[MAXG + 1] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1}};
  for (int g = 0; g < sh->ng; g++) {
    regime_text(text[g], sizeof text[g], ids[g], sh, &s);
    srcs[g + 1] = (lexloci_source){names[g], text[g], strlen(text[g])};
  }
  lexloci_ruleset *rs = NULL;
  diags d;
  cr_assert_eq(load_sources(srcs, (size_t)sh->ng + 1, &rs, &d), LEXLOCI_OK,
               "seed %d:\n%s\n%s", seed, d.text, text[0]);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  int npartial = 1;
  for (int f = 0; f < sh->nf; f++)
    npartial *= facts[f].nvalues + 1;
  for (int p = 0; p < (sample ? sample : npartial); p++) {
    int given[MAXF] = {0};
    int q = sample ? (int)(next(&s) % (unsigned)npartial) : p;
    for (int f = 0; f < sh->nf; f++, q /= facts[f - 1].nvalues + 1)
      given[f] = q % (facts[f].nvalues + 1);
    check_partial(c, sh, given, seed);
  }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(missing, matches_brute_force, .timeout = 300)
{
  const shape sh = {4, 2, 3, false};
  for (int seed = 1; seed <= 400; seed++)
    check_rule_set(&sh, seed, 0);
}

LX_TEST(missing, matches_brute_force_with_a_text_fact, .timeout = 300)
{
  /* A fact that matters but cannot be asked must not stop the search
     from looking below it for the facts that can (can_ask). */
  const shape sh = {5, 2, 5, true};
  for (int seed = 1; seed <= 300; seed++)
    check_rule_set(&sh, seed, 40);
}

LX_TEST(missing, matches_brute_force_deeper, .timeout = 300)
{
  const shape sh = {MAXF, MAXG, 6, false};
  for (int seed = 1; seed <= 600; seed++)
    check_rule_set(&sh, seed, 40);
}
