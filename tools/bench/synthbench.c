/*
** synthbench.c: the synthetic benchmark. For each size, lexloci, the
** generated hand-written C (if-chains and switches), and every peer decide
** the same cases; each answer is checked against a direct interpretation
** of the rules, and each engine's median is reported as a ratio.
** See LICENSE for copying conditions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "peers.h"
#include "synth.h"
#include "synth_gen.h"

#define NCASES 1000

static double timer_ns;

/* ------------------------------------------------------------------ */
/* Engines under one interface                                          */
/* ------------------------------------------------------------------ */

typedef struct engine {
  const char *name;
  void *ctx;
  void (*prepare)(void *ctx, const synth_vec *x, int i);  /* untimed */
  synth_answer (*decide)(void *ctx, const synth_vec *x, int i);
} engine;

typedef struct result {
  bench_stats st;
  int mismatches;
} result;

/* Cases an interleaved measure decides between two readings of the clock;
   lexloci keeps one prepared case object per slot. */
#define BLOCK 32

/* Times every case, repeating a case enough times to outweigh the clock,
   keeping its best of reps passes; checks each answer against the
   reference. The statistics are over cases. */
static result measure(const engine *e, const synth_vec *cases,
                      const synth_answer *expect, int n, int reps)
{
  result r = {{0}, 0};
  for (int i = 0; i < n; i++) {
    if (e->prepare)
      e->prepare(e->ctx, &cases[i], i);
    synth_answer a = e->decide(e->ctx, &cases[i], i);
    if (a.nfired != expect[i].nfired || a.outcome != expect[i].outcome)
      r.mismatches++;
  }
  uint64_t t0 = bench_now();
  for (int i = 0; i < n; i++) {
    if (e->prepare)
      e->prepare(e->ctx, &cases[i], i);
    e->decide(e->ctx, &cases[i], i);
  }
  double mean = (double)(bench_now() - t0) / n;
  int k = mean > 0 ? (int)(2000.0 / mean) : 1000;
  if (k < 1)
    k = 1;
  if (k > 1000)
    k = 1000;
  /* Each case's best of the passes: other processes on a shared machine
     only ever add time. */
  double *s = calloc((size_t)n, sizeof *s);
  size_t m = (size_t)n;
  for (int rep = 0; rep < reps; rep++)
    for (int i = 0; i < n; i++) {
      if (e->prepare)
        e->prepare(e->ctx, &cases[i], i);
      uint64_t t = bench_now();
      for (int j = 0; j < k; j++)
        e->decide(e->ctx, &cases[i], i);
      double d = (double)(bench_now() - t) - timer_ns;
      d = (d > 0 ? d : 0) / k;
      if (rep == 0 || d < s[i])
        s[i] = d;
    }
  r.st = bench_summarise(s, m);
  free(s);
  return r;
}

/* Times the cases as an intake system meets them: each a different case
   from the one before. A block of BLOCK consecutive cases (the cases are
   in random order) is prepared, then decided between two readings of the
   clock; a block's time per decision is its best of reps passes over all
   the cases, so branch predictors and caches have seen the other blocks
   in between. The statistics are over blocks. */
static bench_stats measure_interleaved(const engine *e, const synth_vec *cases,
                                       int n, int reps)
{
  size_t nb = (size_t)(n / BLOCK);
  double *s = calloc(nb, sizeof *s);
  for (int rep = 0; rep < reps; rep++)
    for (size_t b = 0; b < nb; b++) {
      int from = (int)b * BLOCK;
      if (e->prepare)
        for (int i = from; i < from + BLOCK; i++)
          e->prepare(e->ctx, &cases[i], i);
      uint64_t t = bench_now();
      for (int i = from; i < from + BLOCK; i++)
        e->decide(e->ctx, &cases[i], i);
      double d = (double)(bench_now() - t) - timer_ns;
      d = (d > 0 ? d : 0) / BLOCK;
      if (rep == 0 || d < s[b])
        s[b] = d;
    }
  bench_stats st = bench_summarise(s, nb);
  free(s);
  return st;
}

/* ------------------------------------------------------------------ */
/* lexloci                                                              */
/* ------------------------------------------------------------------ */

typedef struct lx_ctx {
  lexloci_ruleset *rs;
  lexloci_case *c[BLOCK]; /* case i is prepared in c[i % slots] */
  int slots;
  lexloci_fact ids[SYNTH_NFACTS];
} lx_ctx;

static void lx_prepare(void *p, const synth_vec *x, int i)
{
  lx_ctx *lc = p;
  lexloci_case *c = lc->c[i % lc->slots];
  lexloci_case_reset(c);
  lexloci_case_set_path(c, "request.date", "2026-11-28", NULL);
  lexloci_case_set_path(c, "request.data_categories", "content", NULL);
  lexloci_case_set_path(c, "data.locations", "US", NULL);
  for (int f = 0; f < SYNTH_NFACTS; f++) {
    const synth_factdef *d = &synth_facts[f];
    int v = x->v[f];
    lexloci_status st;
    switch (d->type) {
    case SF_BOOL: st = lexloci_case_set_bool(c, lc->ids[f], v, NULL); break;
    case SF_NUM: st = lexloci_case_set_number(c, lc->ids[f], v, NULL); break;
    default: st = lexloci_case_set_str(c, lc->ids[f], d->values[v], NULL);
    }
    if (st != LEXLOCI_OK)
      fprintf(stderr, "bench: cannot set %s\n", d->path);
  }
}

static synth_answer lx_decide(void *p, const synth_vec *x, int i)
{
  lx_ctx *lc = p;
  const lexloci_verdict *v;
  synth_answer a = {-1, -1};
  (void)x;
  if (lexloci_eval(lc->c[i % lc->slots], &v, NULL) != LEXLOCI_OK)
    return a;
  lexloci_regime_result rr;
  lexloci_verdict_regime(v, 0, &rr);
  static const int strength[LEXLOCI_OUTCOME_COUNT] = {
    [LEXLOCI_MUST_NOT_DISCLOSE] = 6, [LEXLOCI_MUST_DISCLOSE] = 5,
    [LEXLOCI_MUST_PRESERVE] = 4, [LEXLOCI_MAY_DISCLOSE] = 3,
    [LEXLOCI_NOT_COMPELLABLE] = 2, [LEXLOCI_NOT_APPLICABLE] = 0};
  a.nfired = (int)rr.nfindings;
  a.outcome = rr.outcome == LEXLOCI_UNDETERMINED ? -1 : strength[rr.outcome];
  return a;
}

/* The rule set as lexloci sources: the manifest and rule files. */
typedef struct yaml_src {
  lexloci_source src[1 + 16];
  char *text[1 + 16];
  char name[1 + 16][64];
  size_t n;
} yaml_src;

static void yaml_of(const synth_set *s, yaml_src *y)
{
  size_t len;
  FILE *m = open_memstream(&y->text[0], &len);
  synth_emit_manifest(s, m);
  fclose(m);
  y->src[0] = (lexloci_source){"lexloci.yaml", y->text[0], len};
  y->n = 1;
  for (int from = 0; from < s->n && y->n < 17; from += SYNTH_FILE_RULES) {
    FILE *r = open_memstream(&y->text[y->n], &len);
    synth_emit_yaml(s, from, from + SYNTH_FILE_RULES, r);
    fclose(r);
    snprintf(y->name[y->n], sizeof y->name[0], "synth/rules-%02d.yaml",
             from / SYNTH_FILE_RULES);
    y->src[y->n] = (lexloci_source){y->name[y->n], y->text[y->n], len};
    y->n++;
  }
}

static void yaml_free(yaml_src *y)
{
  for (size_t i = 0; i < y->n; i++)
    free(y->text[i]);
}

static void diag_quiet(void *ud, const lexloci_error *e)
{
  (void)ud;
  if (e->severity == LEXLOCI_SEV_ERROR)
    fprintf(stderr, "%s:%d:%d: %s\n", e->file, e->line, e->col, e->message);
}

static lexloci_ruleset *lx_load(const yaml_src *y)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = diag_quiet;
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  if (lexloci_ruleset_load_sources(&cfg, y->src, y->n, &rs, &err) !=
      LEXLOCI_OK)
    fprintf(stderr, "bench: synthetic rules: %s:%d:%d: %s\n", err.file,
            err.line, err.col, err.message);
  return rs;
}

/* ------------------------------------------------------------------ */
/* Generated hand-written C                                             */
/* ------------------------------------------------------------------ */

static synth_answer hand_decide(void *p, const synth_vec *x, int i)
{
  synth_handfn fn = *(synth_handfn *)p;
  int n = 0;
  (void)i;
  int best = fn(x, &n);
  return (synth_answer){n, synth_outcome(n, best)};
}

/* ------------------------------------------------------------------ */
/* Peers embedded from C                                                */
/* ------------------------------------------------------------------ */

typedef struct peer_ctx {
  const peer_def *def;
  void *ctx;
} peer_ctx;

static synth_answer peer_decide(void *p, const synth_vec *x, int i)
{
  peer_ctx *pc = p;
  return pc->def->decide(pc->ctx, x, i);
}

/* ------------------------------------------------------------------ */
/* Node peers: a child process reading the generated files              */
/* ------------------------------------------------------------------ */

typedef struct node_result {
  char name[64];
  int rules;
  double median, p99, load_ms;
  int mismatches, ncases;
} node_result;

static int run_node(const char *out, const int *sizes, int nsizes,
                    bool quick, node_result *res, int cap)
{
#if defined(LEXLOCI_BENCH_NODE) && defined(LEXLOCI_BENCH_NODE_DIR)
  const char *modules = getenv("LEXLOCI_BENCH_NODE_MODULES");
  if (!modules)
    modules = LEXLOCI_BENCH_NODE_MODULES;
  char cmd[8192];
  size_t k = (size_t)snprintf(cmd, sizeof cmd,
      "NODE_PATH='%s' '%s' '%s/driver.js'%s", modules, LEXLOCI_BENCH_NODE,
      LEXLOCI_BENCH_NODE_DIR, quick ? " --quick" : "");
  for (int i = 0; i < nsizes && k < sizeof cmd; i++)
    k += (size_t)snprintf(cmd + k, sizeof cmd - k, " '%s/synth-%d'", out,
                          sizes[i]);
  FILE *p = popen(cmd, "r");
  if (!p)
    return 0;
  char line[1024];
  int n = 0;
  while (fgets(line, sizeof line, p)) {
    node_result r;
    if (n < cap && sscanf(line, "RESULT %63s %d %lf %lf %lf %d %d", r.name,
                          &r.rules, &r.median, &r.p99, &r.load_ms,
                          &r.mismatches, &r.ncases) == 7)
      res[n++] = r;
    else
      fprintf(stderr, "  node: %s", line);
  }
  pclose(p);
  return n;
#else
  (void)out;
  (void)sizes;
  (void)nsizes;
  (void)quick;
  (void)res;
  (void)cap;
  return 0;
#endif
}

/* ------------------------------------------------------------------ */
/* The run                                                              */
/* ------------------------------------------------------------------ */

void synth_peer_list(FILE *out)
{
  for (int i = 0; i < bench_npeers; i++)
    fprintf(out, "%s%s", i ? "," : "", bench_peers[i]->name);
#ifdef LEXLOCI_BENCH_NODE
  fprintf(out, "%snode", bench_npeers ? "," : "");
#endif
}

unsigned synth_peer_mask(const char *list)
{
  unsigned m = 0;
  if (strcmp(list, "none") == 0)
    return 0;
  for (int i = 0; i < bench_npeers; i++)
    if (strstr(list, bench_peers[i]->name))
      m |= 1u << i;
  if (strstr(list, "node"))
    m |= 1u << 31;
  return m;
}

static void write_file(const char *dir, const char *name,
                       void (*emit)(const synth_set *, FILE *),
                       const synth_set *s)
{
  char path[8192];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *fp = fopen(path, "w");
  if (!fp)
    return;
  emit(s, fp);
  fclose(fp);
}

static void report(const char *name, int n, const result *r,
                   double load_ms, double lx_median)
{
  printf("  %-22s median %10.3f us  p99 %10.3f us  load %9.2f ms  "
         "x%-8.2f%s\n", name, r->st.median / 1e3, r->st.p99 / 1e3, load_ms,
         r->st.median / lx_median, r->mismatches ? "  WRONG ANSWERS" : "");
  bench_csv("synthetic", name, n, "median_us", r->st.median / 1e3, "us");
  bench_csv("synthetic", name, n, "p99_us", r->st.p99 / 1e3, "us");
  if (load_ms >= 0)
    bench_csv("synthetic", name, n, "load_ms", load_ms, "ms");
  bench_csv("synthetic", name, n, "mismatches", r->mismatches, "");
}

/* An interleaved figure (measure_interleaved), as a ratio to lexloci's. */
static void report_interleaved(const char *name, int n, const bench_stats *st,
                               double lx_median)
{
  printf("  %-22s interleaved median %10.3f us  p99 %10.3f us  x%.2f\n",
         name, st->median / 1e3, st->p99 / 1e3, st->median / lx_median);
  bench_csv("synthetic", name, n, "interleaved_median_us", st->median / 1e3,
            "us");
}

void synth_bench(const int *sizes, int nsizes, unsigned peers, bool quick,
                 const char *out, double tns)
{
  timer_ns = tns;
  int ncases = quick ? 300 : NCASES, reps = quick ? 3 : 7;
  synth_vec *cases = calloc(NCASES, sizeof *cases);
  bench_rng rng = {424242};
  for (int i = 0; i < NCASES; i++)
    synth_case(&rng, &cases[i]);
  synth_answer *expect = calloc(NCASES, sizeof *expect);
  double lx_med[16] = {0};
  printf("\n== synthetic rule sets (%d cases, each the best of %d passes; "
         "ratio: median / lexloci median)\n", ncases, reps);
  for (int si = 0; si < nsizes && si < 16; si++) {
    int n = sizes[si];
    synth_set s;
    synth_make(n, &s);
    long fired = 0;
    for (int i = 0; i < ncases; i++) {
      expect[i] = synth_reference(&s, &cases[i]);
      fired += expect[i].nfired;
    }
    printf(" -- %d rules (%.2f rules fire per case)\n", n,
           (double)fired / ncases);
    /* Files for the peers outside this process. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/synth-%d", out, n);
    mkdir(dir, 0777);
    write_file(dir, "rules.lua", synth_emit_lua, &s);
    write_file(dir, "rules.clp", synth_emit_clips, &s);
    write_file(dir, "jre.json", synth_emit_jre, &s);
    write_file(dir, "zen.json", synth_emit_zen, &s);
    char path[8192];
    snprintf(path, sizeof path, "%s/cases.json", dir);
    FILE *fp = fopen(path, "w");
    if (fp) {
      fputs("{\"cases\":", fp);
      synth_emit_cases_json(cases, ncases, fp);
      fputs(",\"expect\":[", fp);
      for (int i = 0; i < ncases; i++)
        fprintf(fp, "%s[%d,%d]", i ? "," : "", expect[i].nfired,
                expect[i].outcome);
      fputs("]}\n", fp);
      fclose(fp);
    }
    /* lexloci: load and compile, then decide. */
    yaml_src y;
    yaml_of(&s, &y);
    snprintf(path, sizeof path, "%s/synth", dir);
    mkdir(path, 0777);
    for (size_t i = 0; i < y.n; i++) {
      snprintf(path, sizeof path, "%s/%s", dir, y.src[i].name);
      if ((fp = fopen(path, "w"))) {
        fwrite(y.src[i].text, 1, y.src[i].len, fp);
        fclose(fp);
      }
    }
    int nload = n >= 10000 ? 3 : n >= 1000 ? 5 : 20;
    double ls[20];
    lexloci_ruleset *rs = NULL;
    for (int i = 0; i < nload; i++) {
      uint64_t t0 = bench_now();
      lexloci_ruleset *x = lx_load(&y);
      ls[i] = (double)(bench_now() - t0);
      if (rs)
        lexloci_ruleset_free(rs);
      rs = x;
    }
    yaml_free(&y);
    double load_ms = bench_summarise(ls, (size_t)nload).median / 1e6;
    if (!rs) {
      synth_free(&s);
      continue;
    }
    lx_ctx lc = {rs, {NULL}, 1, {0}};
    for (int f = 0; f < SYNTH_NFACTS; f++)
      lc.ids[f] = lexloci_fact_lookup(synth_facts[f].path);
    for (int k = 0; k < BLOCK; k++)
      lexloci_case_new(rs, &lc.c[k]);
    engine lxe = {"lexloci", &lc, lx_prepare, lx_decide};
    result lr = measure(&lxe, cases, expect, ncases, reps);
    lx_med[si] = lr.st.median;
    report("lexloci", n, &lr, load_ms, lr.st.median);
    lc.slots = BLOCK;
    bench_stats li = measure_interleaved(&lxe, cases, ncases, reps);
    report_interleaved("lexloci", n, &li, li.median);
    for (int k = 0; k < BLOCK; k++)
      lexloci_case_free(lc.c[k]);
    lexloci_ruleset_free(rs);
    /* The generated hand-written C. */
    for (int h = 0; h < synth_nhands; h++) {
      if (synth_hands[h].n != n)
        continue;
      synth_handfn fi = synth_hands[h].ifchain, ft = synth_hands[h].state,
                   fs = synth_hands[h].sw;
      engine ei = {"c-if-chains", &fi, NULL, hand_decide};
      engine et = {"c-switch-state", &ft, NULL, hand_decide};
      engine es = {"c-switch", &fs, NULL, hand_decide};
      result ri = measure(&ei, cases, expect, ncases, reps);
      result rt = measure(&et, cases, expect, ncases, reps);
      result rsw = measure(&es, cases, expect, ncases, reps);
      report("c-if-chains", n, &ri, -1, lr.st.median);
      report("c-switch-state", n, &rt, -1, lr.st.median);
      report("c-switch", n, &rsw, -1, lr.st.median);
      printf("  lexloci / switch    x%.2f  (target <= 5)\n",
             lr.st.median / rsw.st.median);
      bench_stats ii = measure_interleaved(&ei, cases, ncases, reps);
      bench_stats it = measure_interleaved(&et, cases, ncases, reps);
      bench_stats is = measure_interleaved(&es, cases, ncases, reps);
      report_interleaved("c-if-chains", n, &ii, li.median);
      report_interleaved("c-switch-state", n, &it, li.median);
      report_interleaved("c-switch", n, &is, li.median);
      printf("  lexloci / switch, interleaved x%.2f\n",
             li.median / is.median);
    }
    /* Peers embedded from C. */
    for (int p = 0; p < bench_npeers; p++) {
      if (!(peers >> p & 1))
        continue;
      const peer_def *def = bench_peers[p];
      uint64_t t0 = bench_now();
      void *ctx = def->open(&s, dir);
      double pload = (double)(bench_now() - t0) / 1e6;
      if (!ctx || !def->prepare(ctx, cases, ncases)) {
        printf("  %-22s failed to load\n", def->name);
        if (ctx)
          def->close(ctx);
        continue;
      }
      peer_ctx pc = {def, ctx};
      engine pe = {def->name, &pc, NULL, peer_decide};
      int preps = n >= 1000 ? 1 : reps;
      result pr = measure(&pe, cases, expect, ncases, preps);
      report(def->name, n, &pr, pload, lr.st.median);
      bench_stats pi = measure_interleaved(&pe, cases, ncases, preps);
      report_interleaved(def->name, n, &pi, li.median);
      def->close(ctx);
    }
    synth_free(&s);
    fflush(stdout);
  }
  if (peers >> 31 & 1) {
    node_result nr[64];
    int k = run_node(out, sizes, nsizes, quick, nr, 64);
    if (k)
      printf(" -- node peers (ratio to lexloci's median)\n");
    for (int i = 0; i < k; i++) {
      double lx = 0;
      for (int si = 0; si < nsizes; si++)
        if (sizes[si] == nr[i].rules)
          lx = lx_med[si];
      printf("  %-22s %6d rules  median %10.3f us  p99 %10.3f us  load "
             "%9.2f ms  x%-10.1f%s\n", nr[i].name, nr[i].rules,
             nr[i].median, nr[i].p99, nr[i].load_ms,
             lx > 0 ? nr[i].median * 1e3 / lx : 0,
             nr[i].mismatches ? "  WRONG ANSWERS" : "");
      bench_csv("synthetic", nr[i].name, nr[i].rules, "median_us",
                nr[i].median, "us");
      bench_csv("synthetic", nr[i].name, nr[i].rules, "p99_us", nr[i].p99,
                "us");
      bench_csv("synthetic", nr[i].name, nr[i].rules, "load_ms",
                nr[i].load_ms, "ms");
      bench_csv("synthetic", nr[i].name, nr[i].rules, "mismatches",
                nr[i].mismatches, "");
    }
  }
  free(cases);
  free(expect);
}
