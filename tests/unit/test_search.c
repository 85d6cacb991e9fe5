/*
** test_search.c: shortcuts of the search for missing facts (search.c,
** verdict.c) give what the general search gives, on the bundled rule set,
** for every test case of rules/tests as it is and with each fact it gives
** left out in turn. With one regime left open, the verdict's missing
** facts and the regime's are found in one search (lx_search_missing_lone):
** both must equal those of lx_search_missing for the verdict and the
** regime. A category read alike to one decided before is not decided
** again: each category of a pair must come out as it does alone.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>

#include "helpers.h"

#include "case.h"
#include "eval.h"
#include "search.h"

LX_SUITE(search);

static lexloci_ruleset *bundled(void)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(lexloci_ruleset_load(&cfg, LEXLOCI_SOURCE_DIR "/rules", &rs,
                                    &e),
               LEXLOCI_OK, "%s", e.message);
  return rs;
}

static bool single(unsigned m)
{
  return m && (m & (m - 1)) == 0;
}

/* After lexloci_eval: for each category whose verdict is open with one
   regime open, the joint search against the two apart. Returns how many
   were compared. */
static int compare_lone(lexloci_case *c, unsigned cats)
{
  const lexloci_ruleset *rs = c->rs;
  size_t ng = rs->nregimes;
  int compared = 0;
  lx_bits all = c->lists[LX_F_CATEGORIES];
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++) {
    if (!(cats >> k & 1))
      continue;
    lx_catresult *cr = &c->cat[k];
    int lone = -1;
    for (size_t g = 0; g < ng; g++)
      if (!single(cr->possible[g]))
        lone = lone == -1 ? (int)g : -2;
    unsigned vb = lx_eval_verdicts(cr->possible, ng);
    if (lone < 0 || single(vb))
      continue;
    lx_bits_clear(&c->lists[LX_F_CATEGORIES]);
    lx_bits_set(&c->lists[LX_F_CATEGORIES], (unsigned)k);
    c->search_passes = 0;
    c->search_exhausted = false;
    uint64_t vm = 0;
    uint64_t rm = lx_search_missing_lone(c, lone, cr->possible[lone],
                                         cr->possible, vb, &vm);
    cr_assert(!c->search_exhausted);
    uint64_t v2 = lx_search_missing(c, -1, vb);
    uint64_t r2 = lx_search_missing(c, lone, cr->possible[lone]);
    cr_assert_eq(vm, v2, "verdict: %llx, apart %llx",
                 (unsigned long long)vm, (unsigned long long)v2);
    cr_assert_eq(rm, r2, "regime %d: %llx, apart %llx", lone,
                 (unsigned long long)rm, (unsigned long long)r2);
    cr_assert_eq(vm, cr->missing);
    cr_assert_eq(rm, cr->reg_missing[lone]);
    compared++;
  }
  c->lists[LX_F_CATEGORIES] = all;
  return compared;
}

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  cr_assert_not_null(f, "%s", path);
  static char buf[1 << 16];
  *len = fread(buf, 1, sizeof buf - 1, f);
  fclose(f);
  buf[*len] = '\0';
  return buf;
}

/* Calls fn for every test case of rules/tests (as JSON) as it is (f = -1)
   and with each fact it gives left out in turn (f; the required ones and
   the date stay); returns what the calls return, summed. */
static int each_variant(int (*fn)(void *ud, const char *name,
                                  const char *text, size_t len, int f),
                        void *ud)
{
  lexloci_ruleset *rs = bundled();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const char *dir = LEXLOCI_SOURCE_DIR "/tests/fuzz/seeds/case";
  DIR *d = opendir(dir);
  cr_assert_not_null(d);
  struct dirent *de;
  int sum = 0;
  while ((de = readdir(d))) {
    size_t nl = strlen(de->d_name);
    if (nl < 5 || strcmp(de->d_name + nl - 5, ".json") != 0)
      continue;
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
    size_t len;
    const char *text = slurp(path, &len);
    lexloci_error e;
    cr_assert_eq(lexloci_case_load(c, de->d_name, text, len, &e),
                 LEXLOCI_OK, "%s: %s", de->d_name, e.message);
    for (int f = -1; f < lx_nfacts; f++)
      if (f < 0 || (c->vals[f].state != LX_UNKNOWN && !c->vals[f].defaulted &&
                    !lx_facts[f].required && f != LX_F_DATE))
        sum += fn(ud, de->d_name, text, len, f);
  }
  closedir(d);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  return sum;
}

/* Loads the variant into c, its categories a (if >= 0) and b. */
static void load_variant(lexloci_case *c, const char *text, size_t len,
                         int f, int a, int b)
{
  lexloci_error e;
  cr_assert_eq(lexloci_case_load(c, "c", text, len, &e), LEXLOCI_OK);
  if (f >= 0)
    lexloci_case_unset(c, f); /* unknown, or its default */
  if (b >= 0) {
    lx_bits *cats = &c->lists[LX_F_CATEGORIES];
    lx_bits_clear(cats);
    lx_bits_set(cats, (unsigned)b);
    if (a >= 0)
      lx_bits_set(cats, (unsigned)a);
  }
}

static int lone_variant(void *ud, const char *name, const char *text,
                        size_t len, int f)
{
  lexloci_case *c = ud;
  (void)name;
  load_variant(c, text, len, f, -1, -1);
  const lexloci_verdict *v;
  lexloci_error e;
  if (lexloci_eval(c, &v, &e) != LEXLOCI_OK)
    return 0;
  return compare_lone(c, v->cats);
}

LX_TEST(search, lone_regime_search_as_the_two_apart, .timeout = 300)
{
  lexloci_ruleset *rs = bundled();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  int compared = each_variant(lone_variant, c);
  cr_assert_gt(compared, 10, "only %d compared", compared);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* Category b of a case with categories a and b against b alone. */
static int pair_variant(void *ud, const char *name, const char *text,
                        size_t len, int f)
{
  lexloci_case **cs = ud;
  int compared = 0;
  size_t ng = cs[0]->rs->nregimes;
  for (int a = 0; a < LEXLOCI_CATEGORY_COUNT; a++)
    for (int b = a + 1; b < LEXLOCI_CATEGORY_COUNT; b++) {
      load_variant(cs[0], text, len, f, a, b);
      load_variant(cs[1], text, len, f, -1, b);
      const lexloci_verdict *v, *alone;
      lexloci_error e;
      cr_assert_eq(lexloci_eval(cs[0], &v, &e), LEXLOCI_OK, "%s: %s", name,
                   e.message);
      cr_assert_eq(lexloci_eval(cs[1], &alone, &e), LEXLOCI_OK);
      const lx_catresult *x = &cs[0]->cat[b], *y = &cs[1]->cat[b];
      cr_assert_eq(x->verdict, y->verdict, "%s", name);
      cr_assert_eq(x->missing, y->missing, "%s", name);
      cr_assert(memcmp(x->outcome, y->outcome, ng * sizeof *x->outcome) == 0);
      cr_assert(memcmp(x->possible, y->possible,
                       ng * sizeof *x->possible) == 0);
      /* The regimes' missing facts are searched only in the category
         that decides the verdict (the only one they are read from). */
      cr_assert_eq(alone->deciding, b);
      if (v->deciding == b)
        cr_assert(memcmp(x->reg_missing, y->reg_missing,
                         ng * sizeof *x->reg_missing) == 0, "%s", name);
      compared++;
    }
  return compared;
}

/* Each category of a case is decided as it would be alone, whether
   decided on its own or as another category read alike (verdict.c). */
LX_TEST(search, categories_alike_decided_alike, .timeout = 300)
{
  lexloci_ruleset *rs = bundled();
  lexloci_case *cs[2] = {NULL, NULL};
  cr_assert_eq(lexloci_case_new(rs, &cs[0]), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_new(rs, &cs[1]), LEXLOCI_OK);
  cr_assert_gt(each_variant(pair_variant, cs), 100);
  lexloci_case_free(cs[0]);
  lexloci_case_free(cs[1]);
  lexloci_ruleset_free(rs);
}

/* The verdict of case text (and *missing, its missing facts). */
static lexloci_outcome verdict_of(lexloci_case *c, const char *text,
                                  uint64_t *missing)
{
  lexloci_error e;
  lexloci_case_reset(c);
  cr_assert_eq(lexloci_case_load(c, "c", text, strlen(text), &e), LEXLOCI_OK,
               "%s", e.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "%s", e.message);
  if (missing) {
    *missing = 0;
    for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
      *missing |= (uint64_t)1 << lexloci_verdict_missing(v, i);
  }
  return lexloci_verdict_kind(v);
}

/* A fact whose answer narrows nothing while another fact is unknown, but
   decides the verdict once that fact is answered, is missing too
   (verdict.md: `missing` names the facts the verdict would differ with).
   A Brazilian production order for subscriber data stored in the US: if
   the data are not personal the GDPR does not reach them, and then whether
   the provider is present in Brazil decides Budapest Art. 18(1)(b); with
   data.personal unknown, the GDPR regime can still be anything, so
   presence alone narrows nothing. Both facts must be asked. */
LX_TEST(search, a_fact_deciding_after_another_is_missing, .timeout = 60)
{
  lexloci_ruleset *rs = bundled();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  static const char base[] =
      "lexloci: 1\n"
      "request: {date: 2026-11-28, issuing_state: BR, instrument: "
      "production_order, data_categories: [subscriber]}\n";
  char text[1024];
  /* The witnesses: alike but for provider.presence, verdicts differ. */
  snprintf(text, sizeof text, "%s%s", base,
           "provider: {headquarters: US, presence: [US, BR], "
           "offers_services_in: [US]}\n"
           "data: {locations: [US], personal: false}\n");
  lexloci_outcome with = verdict_of(c, text, NULL);
  snprintf(text, sizeof text, "%s%s", base,
           "provider: {headquarters: US, presence: [US], "
           "offers_services_in: [US]}\n"
           "data: {locations: [US], personal: false}\n");
  lexloci_outcome without = verdict_of(c, text, NULL);
  cr_assert_neq(with, without, "presence in Brazil decides, data not "
                               "personal");
  /* Neither fact given: both are missing. */
  uint64_t missing;
  snprintf(text, sizeof text, "%s%s", base, "data: {locations: [US]}\n");
  cr_assert_eq(verdict_of(c, text, &missing), LEXLOCI_UNDETERMINED);
  cr_assert(missing >> lexloci_fact_lookup("data.personal") & 1,
            "data.personal");
  cr_assert(missing >> lexloci_fact_lookup("provider.presence") & 1,
            "provider.presence");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* Many atoms reading one fact but drawing few lines: the values are still
   grouped by the lines (three classes here: US, DE, the rest of the
   world), not one class per country, which ran the search to its depth
   bound. Atoms of rules that cannot apply (keyed on another instrument)
   draw no line at all. */
LX_TEST(search, many_atoms_few_lines)
{
  static char text[32768];
  size_t k = (size_t)snprintf(text, sizeof text,
      "regime: t.a\ncitations:\n"
      "  c: {ref: R, title: T, url: \"https://example.org/\"}\nrules:\n");
  for (int r = 0; r < 70; r++)
    k += (size_t)snprintf(text + k, sizeof text - k,
        "  - id: us%d\n    effect: %s\n    text: T\n    cite: [c]\n"
        "    when:\n      - provider.headquarters is US\n"
        "      - data.personal\n", r, r ? "info" : "must_disclose");
  for (int r = 0; r < 70; r++) /* never apply: the case is a warrant */
    k += (size_t)snprintf(text + k, sizeof text - k,
        "  - id: epo%d\n    effect: not_compellable\n    text: T\n"
        "    cite: [c]\n    when:\n"
        "      - request.instrument is european_production_order\n"
        "      - provider.headquarters is %s\n", r, r % 2 ? "FR" : "IT");
  snprintf(text + k, sizeof text - k,
      "  - id: de\n    effect: must_not_disclose\n    text: T\n"
      "    cite: [c]\n    when:\n      - provider.headquarters is DE\n");
  lexloci_ruleset *rs = rules_ok(text);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const lexloci_verdict *v = eval_ok(c,
      "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, "
      "instrument: warrant, data_categories: [content]}\n"
      "data: {locations: [US]}\n");
  cr_assert_eq(lexloci_verdict_kind(v), LEXLOCI_UNDETERMINED);
  cr_assert_not(c->search_exhausted);
  /* Asking "US? DE? another country?" settles it: a handful of passes. */
  cr_assert_lt(c->search_passes, 40, "%zu passes", c->search_passes);
  uint64_t missing = 0;
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
    missing |= (uint64_t)1 << lexloci_verdict_missing(v, i);
  cr_assert(missing >> lexloci_fact_lookup("provider.headquarters") & 1);
  cr_assert(missing >> lexloci_fact_lookup("data.personal") & 1);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
