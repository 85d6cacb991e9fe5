/*
** test_oom.c: allocation failure. An allocator that fails the Nth
** allocation is swept over every N while loading rule sets (a small one
** and the bundled one), making cases and loading them: each failure must
** give LEXLOCI_ENOMEM with nothing leaked and nothing broken, and the
** allocator must be told the true size of every block it frees. Then
** every allocation is made to fail after set-up: evaluation, the verdict's
** accessors and its JSON must still work, since they allocate nothing
** (SQLite src/test_malloc.c, Lua ltests.h).
*/
#include "helpers.h"

#include <stdint.h>

LX_SUITE(oom);

/* ------------------------------------------------------------------ */
/* The failing allocator                                                */
/* ------------------------------------------------------------------ */

typedef struct failer {
  long count;      /* allocations and growths so far */
  long fail_at;    /* the one to fail (1-based); 0: none */
  bool fail_rest;  /* and every one after it */
  long failed;     /* how many were refused */
  long live;       /* blocks not yet freed */
  size_t bytes;    /* their bytes */
  long bad_size;   /* frees or reallocs told a wrong old size */
} failer;

/* Each block carries its size in front, to check what lexloci says. */
#define HDR 16

static void *failing_alloc(void *ud, void *p, size_t osz, size_t nsz)
{
  failer *f = ud;
  unsigned char *base = p ? (unsigned char *)p - HDR : NULL;
  if (base) {
    size_t real;
    memcpy(&real, base, sizeof real);
    if (real != osz)
      f->bad_size++;
  }
  if (nsz == 0) {
    if (base) {
      f->live--;
      f->bytes -= osz;
      free(base);
    }
    return NULL;
  }
  f->count++;
  if (f->fail_at && (f->count == f->fail_at ||
                     (f->fail_rest && f->count > f->fail_at))) {
    f->failed++;
    return NULL;
  }
  unsigned char *nb = realloc(base, nsz + HDR);
  if (!nb)
    return NULL;
  memcpy(nb, &nsz, sizeof nsz);
  if (!base)
    f->live++;
  f->bytes += nsz - (base ? osz : 0);
  return nb + HDR;
}

static void failer_init(failer *f, long fail_at, bool rest)
{
  memset(f, 0, sizeof *f);
  f->fail_at = fail_at;
  f->fail_rest = rest;
}

static lexloci_config config(failer *f)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.alloc = failing_alloc;
  cfg.alloc_ud = f;
  return cfg;
}

static void nothing_live(const failer *f, long n)
{
  cr_assert_eq(f->live, 0, "N=%ld: %ld blocks (%zu bytes) leaked", n,
               f->live, f->bytes);
  cr_assert_eq(f->bad_size, 0, "N=%ld: %ld blocks freed with a wrong size",
               n, f->bad_size);
}

/* ------------------------------------------------------------------ */
/* Loading                                                              */
/* ------------------------------------------------------------------ */

static const char small_rules[] =
    "regime: {id: t.one, title: One}\n"
    "citations:\n"
    "  c1: {ref: R1, title: T, url: \"https://example.org/1\"}\n"
    "  c2: {ref: R2, title: T, url: \"https://example.org/2\"}\n"
    "sets:\n"
    "  partners: {title: P, cite: c1, members: {GB: 2022-10-03, AU: always}}\n"
    "values:\n"
    "  threshold: {value: 3, type: number, cite: [c1]}\n"
    "rules:\n"
    "  - id: base\n"
    "    effect: must_disclose\n"
    "    when: [request.issuing_state is US, data.locations contains IE,\n"
    "           \"request.id matches /^REQ-[0-9]+$/\"]\n"
    "    text: Produce it ({data.locations}).\n"
    "    cite: [c1, c2]\n"
    "    actions:\n"
    "      - {id: notify_customer, by: provider, text: Tell, cite: c2}\n"
    "  - id: partner\n"
    "    effect: must_not_disclose\n"
    "    exception_to: base\n"
    "    when:\n"
    "      any: [request.issuing_state in partners,\n"
    "            request.offence.max_sentence_years >= threshold]\n"
    "    text: Refuse.\n"
    "    cite: c2\n";

static const char second_regime[] =
    "regime: t.two\n"
    "rules:\n"
    "  - {id: bar, effect: must_not_disclose, when: [data.locations contains "
    "IE], text: Bar, cite: c1}\n";

static lexloci_status load_small(const lexloci_config *cfg,
                                 lexloci_ruleset **rs, lexloci_error *e)
{
  lexloci_source srcs[3] = {
    {"lexloci.yaml", manifest_yaml, sizeof manifest_yaml - 1},
    {"a.yaml", small_rules, sizeof small_rules - 1},
    {"b.yaml", second_regime, sizeof second_regime - 1},
  };
  return lexloci_ruleset_load_sources(cfg, srcs, 3, rs, e);
}

static lexloci_status load_bundled(const lexloci_config *cfg,
                                   lexloci_ruleset **rs, lexloci_error *e)
{
  return lexloci_ruleset_load(cfg, LEXLOCI_SOURCE_DIR "/rules", rs, e);
}

typedef lexloci_status (*loader)(const lexloci_config *, lexloci_ruleset **,
                                 lexloci_error *);

/* A rule set's behaviour: its verdict on a case with a regex to match,
   as JSON with the trace (malloc'd). */
static char *behaviour(const lexloci_ruleset *rs)
{
  static const char c_yaml[] =
      "lexloci: 1\nrequest: {id: REQ-1, date: 2026-11-28, issuing_state: US,"
      " instrument: warrant, data_categories: [content]}\n"
      "data: {locations: [IE]}\n";
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  lexloci_error e;
  cr_assert_eq(lexloci_case_load(c, "c", c_yaml, strlen(c_yaml), &e),
               LEXLOCI_OK, "%s", e.message);
  const lexloci_verdict *v;
  cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "%s", e.message);
  unsigned flags = LEXLOCI_JSON_TRACE;
  size_t need = lexloci_verdict_json(v, flags, NULL, 0);
  char *json = malloc(need + 1);
  lexloci_verdict_json(v, flags, json, need + 1);
  lexloci_case_free(c);
  return json;
}

/* Fails allocation N for N = 1, 1 + step, ... up to the number a full
   load makes. Each failure must give LEXLOCI_ENOMEM, with one exception:
   pcre2's JIT compiler is an optimisation that lexloci skips when it
   fails (when memory is short, or executable memory is not allowed), so a
   failure there may give a rule set that behaves exactly as the one
   loaded with memory to spare. Returns how many allocations a load
   makes. */
static long sweep_load(loader load, long step)
{
  failer f;
  failer_init(&f, 0, false);
  lexloci_config cfg = config(&f);
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(load(&cfg, &rs, &e), LEXLOCI_OK, "%s", e.message);
  long total = f.count;
  char *want = behaviour(rs);
  lexloci_ruleset_free(rs);
  nothing_live(&f, 0);
  long absorbed = 0;
  for (long n = 1; n <= total; n += step) {
    failer_init(&f, n, false);
    rs = NULL;
    memset(&e, 0, sizeof e);
    lexloci_status st = load(&cfg, &rs, &e);
    cr_assert_eq(f.failed, 1, "N=%ld", n);
    if (st == LEXLOCI_OK) {
      char *got = behaviour(rs);
      cr_assert_str_eq(got, want, "N=%ld: loaded, but behaves differently",
                       n);
      free(got);
      lexloci_ruleset_free(rs);
      nothing_live(&f, n);
      absorbed++;
      continue;
    }
    cr_assert_eq(st, LEXLOCI_ENOMEM, "N=%ld: status %d: %s", n, st,
                 e.message);
    cr_assert_null(rs, "N=%ld", n);
    cr_assert_eq(e.code, LEXLOCI_ENOMEM, "N=%ld", n);
    nothing_live(&f, n);
    /* Failing every allocation from N on fails the same way. */
    failer_init(&f, n, true);
    st = load(&cfg, &rs, &e);
    cr_assert_eq(st, LEXLOCI_ENOMEM, "N=%ld and after: status %d", n, st);
    cr_assert_null(rs);
    nothing_live(&f, n);
  }
  free(want);
  cr_assert(absorbed * 10 <= total / step + 1,
            "%ld of %ld failures absorbed", absorbed, total / step);
  return total;
}

Test(oom, load_small_every_allocation)
{
  long total = sweep_load(load_small, 1);
  cr_assert(total > 20, "only %ld allocations", total);
}

/* The bundled rule set makes a few thousand allocations: every one is
   failed when LEXLOCI_OOM_FULL is set (tools/test-all.sh sets it in the
   plain build), every 7th otherwise. */
Test(oom, load_bundled, .timeout = 600)
{
  long step = getenv("LEXLOCI_OOM_FULL") ? 1 : 7;
  long total = sweep_load(load_bundled, step);
  cr_assert(total > 100, "only %ld allocations", total);
}

/* ------------------------------------------------------------------ */
/* Cases                                                                */
/* ------------------------------------------------------------------ */

static const char case_yaml[] =
    "lexloci: 1\n"
    "request:\n"
    "  id: REQ-42\n"
    "  date: 2026-11-28\n"
    "  issuing_state: US\n"
    "  instrument: warrant\n"
    "  data_categories: [content, subscriber]\n"
    "provider: {name: Example, presence: [US, IE]}\n"
    "data: {locations: [IE]}\n"
    "assume:\n"
    "  partners: {GB: 2020-01-01, FR: always}\n"
    "  threshold: 5\n";

/* Makes a case and loads it, failing allocation N (counted from the
   start of the case's life). */
Test(oom, case_new_and_load_every_allocation)
{
  failer f;
  failer_init(&f, 0, false);
  lexloci_config cfg = config(&f);
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(load_small(&cfg, &rs, &e), LEXLOCI_OK, "%s", e.message);
  long base = f.count, live = f.live;
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  cr_assert_eq(lexloci_case_load(c, "c", case_yaml, strlen(case_yaml), &e),
               LEXLOCI_OK, "%s", e.message);
  cr_assert_eq(lexloci_case_set_path(c, "request.id", "REQ-7", &e),
               LEXLOCI_OK);
  cr_assert_eq(lexloci_case_set_path(c, "assume.partners", "GB,AU", &e),
               LEXLOCI_OK);
  long total = f.count - base;
  lexloci_case_free(c);
  cr_assert_eq(f.live, live);
  for (long n = 1; n <= total; n++) {
    failer_init(&f, 0, false);
    f.fail_at = n;
    f.live = live;
    c = NULL;
    lexloci_status st = lexloci_case_new(rs, &c);
    if (st != LEXLOCI_OK) {
      cr_assert_eq(st, LEXLOCI_ENOMEM, "N=%ld", n);
      cr_assert_null(c);
      cr_assert_eq(f.live, live, "N=%ld: case_new leaked", n);
      continue;
    }
    memset(&e, 0, sizeof e);
    st = lexloci_case_load(c, "c", case_yaml, strlen(case_yaml), &e);
    if (st == LEXLOCI_OK) {
      st = lexloci_case_set_path(c, "request.id", "REQ-7", &e);
      if (st == LEXLOCI_OK)
        st = lexloci_case_set_path(c, "assume.partners", "GB,AU", &e);
    }
    cr_assert_eq(f.failed, 1, "N=%ld", n);
    cr_assert_eq(st, LEXLOCI_ENOMEM, "N=%ld: status %d: %s", n, st,
                 e.message);
    cr_assert_eq(e.code, LEXLOCI_ENOMEM, "N=%ld", n);
    cr_assert_str_eq(e.message, "out of memory", "N=%ld", n);
    /* The case is still usable: a load with memory works. */
    f.fail_at = 0;
    cr_assert_eq(lexloci_case_load(c, "c", case_yaml, strlen(case_yaml), &e),
                 LEXLOCI_OK, "N=%ld: %s", n, e.message);
    const lexloci_verdict *v;
    cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "N=%ld", n);
    lexloci_case_free(c);
    cr_assert_eq(f.live, live, "N=%ld: %ld blocks leaked", n, f.live - live);
    cr_assert_eq(f.bad_size, 0, "N=%ld", n);
  }
  lexloci_ruleset_free(rs);
  cr_assert_eq(f.live, 0);
}

/* The same case as JSON, read by json_read.c rather than libyaml: each
   failing allocation of the load gives LEXLOCI_ENOMEM (no retry through
   libyaml) and leaves the case usable. */
static const char case_json[] =
    "{\"lexloci\": 1, \"request\": {\"id\": \"REQ-42\", \"date\": "
    "\"2026-11-28\", \"issuing_state\": \"US\", \"instrument\": "
    "\"warrant\", \"data_categories\": [\"content\", \"subscriber\"]}, "
    "\"provider\": {\"name\": \"Example\", \"presence\": [\"US\", "
    "\"IE\"]}, \"data\": {\"locations\": [\"IE\"]}, \"assume\": "
    "{\"partners\": {\"GB\": \"2020-01-01\"}, \"threshold\": 5}}";

Test(oom, case_load_json_every_allocation)
{
  failer f;
  failer_init(&f, 0, false);
  lexloci_config cfg = config(&f);
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(load_small(&cfg, &rs, &e), LEXLOCI_OK, "%s", e.message);
  long live = f.live;
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  long base = f.count;
  cr_assert_eq(lexloci_case_load(c, "c", case_json, strlen(case_json), &e),
               LEXLOCI_OK, "%s", e.message);
  long total = f.count - base;
  cr_assert(total > 0);
  for (long n = 1; n <= total; n++) {
    long before = f.count;
    f.fail_at = before + n;
    f.failed = 0;
    lexloci_status st =
        lexloci_case_load(c, "c", case_json, strlen(case_json), &e);
    cr_assert_eq(f.failed, 1, "N=%ld", n);
    cr_assert_eq(st, LEXLOCI_ENOMEM, "N=%ld: status %d: %s", n, st,
                 e.message);
    cr_assert_str_eq(e.message, "out of memory", "N=%ld", n);
    f.fail_at = 0;
    cr_assert_eq(lexloci_case_load(c, "c", case_json, strlen(case_json), &e),
                 LEXLOCI_OK, "N=%ld: %s", n, e.message);
    const lexloci_verdict *v;
    cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "N=%ld", n);
  }
  lexloci_case_free(c);
  cr_assert_eq(f.live, live, "%ld blocks leaked", f.live - live);
  lexloci_ruleset_free(rs);
  nothing_live(&f, 0);
}

/* ------------------------------------------------------------------ */
/* Evaluation allocates nothing                                         */
/* ------------------------------------------------------------------ */

/* Everything a caller may ask of a verdict. */
static void use_verdict(const lexloci_verdict *v)
{
  static char buf[1 << 20]; /* malloc is not the allocator under test */
  cr_assert(lexloci_verdict_json(v, LEXLOCI_JSON_PRETTY | LEXLOCI_JSON_TRACE,
                                 buf, sizeof buf) < sizeof buf);
  cr_assert(lexloci_verdict_summary(v, buf, sizeof buf) > 0);
  for (size_t i = 0; i < lexloci_verdict_finding_count(v); i++) {
    lexloci_finding fd;
    cr_assert_eq(lexloci_verdict_finding(v, i, &fd), LEXLOCI_OK);
    lexloci_verdict_finding_text(v, i, buf, sizeof buf);
    for (size_t j = 0; j < fd.ncitations; j++)
      cr_assert_not_null(lexloci_verdict_finding_citation(v, i, j));
  }
  for (size_t i = 0; i < lexloci_verdict_regime_count(v); i++) {
    lexloci_regime_result r;
    cr_assert_eq(lexloci_verdict_regime(v, i, &r), LEXLOCI_OK);
  }
  for (size_t i = 0; i < lexloci_verdict_step_count(v); i++) {
    lexloci_step s;
    cr_assert_eq(lexloci_verdict_step(v, i, &s), LEXLOCI_OK);
  }
}

static const char *const eval_cases[] = {
  "lexloci: 1\nrequest: {id: REQ-42, date: 2026-11-28, issuing_state: US, "
  "instrument: warrant, data_categories: [content, subscriber]}\n"
  "provider: {name: Example, presence: [US, IE]}\ndata: {locations: [IE]}\n",
  /* undetermined: the search tries the unknown facts */
  "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: US, instrument: "
  "warrant, data_categories: [content]}\ndata: {locations: [IE, US]}\n",
  "lexloci: 1\nrequest: {date: 2026-11-28, issuing_state: GB, instrument: "
  "subpoena, data_categories: [traffic, identification]}\n"
  "data: {locations: [DE]}\n",
};

static void eval_without_memory(loader load, bool via_setters)
{
  failer f;
  failer_init(&f, 0, false);
  lexloci_config cfg = config(&f);
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(load(&cfg, &rs, &e), LEXLOCI_OK, "%s", e.message);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  for (size_t i = 0; i < sizeof eval_cases / sizeof *eval_cases; i++) {
    if (via_setters) {
      /* Facts set through the API after case_new: none allocates. */
      f.fail_at = f.count + 1;
      f.fail_rest = true;
      lexloci_case_reset(c);
      lexloci_fact cats = lexloci_fact_lookup("request.data_categories");
      lexloci_fact locs = lexloci_fact_lookup("data.locations");
      cr_assert_eq(lexloci_case_set_date(c, lexloci_fact_lookup(
                                                "request.date"),
                                         2026, 11, 28, &e), LEXLOCI_OK);
      cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup(
                                               "request.issuing_state"),
                                        i ? "GB" : "US", &e), LEXLOCI_OK);
      cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup(
                                               "request.instrument"),
                                        "warrant", &e), LEXLOCI_OK);
      cr_assert_eq(lexloci_case_set_str(c, lexloci_fact_lookup("request.id"),
                                        "REQ-1", &e), LEXLOCI_OK);
      cr_assert_eq(lexloci_case_add_str(c, cats, "content", &e), LEXLOCI_OK);
      cr_assert_eq(lexloci_case_add_str(c, cats, "subscriber", &e),
                   LEXLOCI_OK);
      cr_assert_eq(lexloci_case_add_str(c, locs, "IE", &e), LEXLOCI_OK);
      cr_assert_eq(lexloci_case_add_str(c, locs, i == 2 ? "DE" : "US", &e),
                   LEXLOCI_OK);
    } else {
      f.fail_at = 0;
      cr_assert_eq(lexloci_case_load(c, "c", eval_cases[i],
                                     strlen(eval_cases[i]), &e),
                   LEXLOCI_OK, "%s", e.message);
      f.fail_at = f.count + 1;
      f.fail_rest = true;
    }
    long before = f.count;
    const lexloci_verdict *v = NULL;
    cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK, "case %zu: %s", i,
                 e.message);
    use_verdict(v);
    cr_assert_eq(lexloci_eval(c, &v, &e), LEXLOCI_OK);
    cr_assert_eq(f.count, before, "case %zu: evaluation allocated %ld "
                 "times", i, f.count - before);
    cr_assert_eq(f.failed, 0, "case %zu: %ld allocations refused", i,
                 f.failed);
  }
  f.fail_at = 0;
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  nothing_live(&f, 0);
}

Test(oom, eval_allocates_nothing_small)
{
  eval_without_memory(load_small, false);
  eval_without_memory(load_small, true);
}

Test(oom, eval_allocates_nothing_bundled)
{
  eval_without_memory(load_bundled, false);
  eval_without_memory(load_bundled, true);
}
