/*
** bench.c: the lexloci benchmark. Measures, for the bundled rule set,
** load-and-compile time, evaluation latency (median and 99th percentile,
** with and without the JSON verdict), evaluations per second on one thread
** and on every core, `lexloci eval --batch` throughput and the CLI's peak
** memory, against a hand-written C function deciding the US rules; then,
** for synthetic rule sets of growing size, lexloci against generated
** hand-written C and the peer engines compiled in (synth.c).
** Prints a report and writes every figure to a CSV (docs/performance.md).
** See LICENSE for copying conditions.
*/
#define _DEFAULT_SOURCE /* wait4 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "synth.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct opts {
  const char *rules;   /* the bundled rule set */
  const char *cli;     /* build/tools/lexloci */
  const char *out;     /* folder for generated files and the CSV */
  const char *csv;
  int ncases;          /* bundled cases */
  int reps;            /* timed passes over them */
  double seconds;      /* per throughput figure */
  bool quick;
  bool bundled, synthetic;
  int sizes[8];
  int nsizes;
  unsigned peers;      /* bit per synth_peer to run */
} opts;

static double timer_ns;  /* bench_now() overhead, subtracted */

static double since(uint64_t t0)
{
  double d = (double)(bench_now() - t0) - timer_ns;
  return d > 0 ? d : 0;
}

static void diag_ignore(void *ud, const lexloci_error *e)
{
  (void)ud;
  if (e->severity == LEXLOCI_SEV_ERROR)
    fprintf(stderr, "%s:%d:%d: %s\n", e->file, e->line, e->col, e->message);
}

static lexloci_ruleset *load_dir(const char *dir)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = diag_ignore;
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  if (lexloci_ruleset_load(&cfg, dir, &rs, &err) != LEXLOCI_OK) {
    fprintf(stderr, "bench: cannot load %s: %s\n", dir, err.message);
    return NULL;
  }
  return rs;
}

/* ------------------------------------------------------------------ */
/* Throughput on threads                                                */
/* ------------------------------------------------------------------ */

typedef struct worker {
  pthread_t t;
  const lexloci_ruleset *rs;
  const bench_case *cases;
  int ncases;
  double seconds;
  uint64_t evals;
  bool ok;
} worker;

/* Evaluates prepared cases in a loop for the given time: one case object
   per distinct case, so that the figure is evaluation alone. */
static void *work(void *arg)
{
  worker *w = arg;
  enum { K = 128 };
  lexloci_case *cs[K];
  int n = w->ncases < K ? w->ncases : K;
  w->ok = true;
  for (int i = 0; i < n; i++) {
    cs[i] = NULL;
    if (lexloci_case_new(w->rs, &cs[i]) != LEXLOCI_OK ||
        !bench_case_apply(&w->cases[i], cs[i]))
      w->ok = false;
  }
  uint64_t evals = 0, t0 = bench_now();
  uint64_t end = t0 + (uint64_t)(w->seconds * 1e9);
  while (w->ok && bench_now() < end) {
    for (int i = 0; i < n; i++) {
      const lexloci_verdict *v;
      if (lexloci_eval(cs[i], &v, NULL) != LEXLOCI_OK)
        w->ok = false;
    }
    evals += (uint64_t)n;
  }
  double secs = (double)(bench_now() - t0) / 1e9;
  w->evals = (uint64_t)((double)evals / secs);
  for (int i = 0; i < n; i++)
    lexloci_case_free(cs[i]);
  return NULL;
}

static double throughput(const lexloci_ruleset *rs, const bench_case *cases,
                         int ncases, int threads, double seconds)
{
  worker w[64];
  double total = 0;
  for (int i = 0; i < threads; i++) {
    w[i] = (worker){.rs = rs, .cases = cases, .ncases = ncases,
                    .seconds = seconds};
    pthread_create(&w[i].t, NULL, work, &w[i]);
  }
  for (int i = 0; i < threads; i++) {
    pthread_join(w[i].t, NULL);
    total += w[i].ok ? (double)w[i].evals : 0;
  }
  return total;
}

/* ------------------------------------------------------------------ */
/* The CLI as a child process                                           */
/* ------------------------------------------------------------------ */

typedef struct child {
  double wall_s, cpu_s;
  long maxrss_kb;
  int status;
} child;

/* Runs `CLI --rules RULES eval ARGS...` (NULL-terminated, at most 4)
   with its output thrown away; times it and reads its peak memory. */
static child run_cli(const char *cli, const char *rules, const char *a1,
                     const char *a2)
{
  child r = {0, 0, 0, -1};
  fflush(stdout);
  uint64_t t0 = bench_now();
  pid_t pid = fork();
  if (pid == 0) {
    FILE *devnull = freopen("/dev/null", "w", stdout);
    (void)devnull;
    execl(cli, cli, "--rules", rules, "eval", a1, a2, (char *)NULL);
    _exit(127);
  }
  int st = 0;
  struct rusage ru;
  if (pid < 0 || wait4(pid, &st, 0, &ru) < 0)
    return r;
  r.wall_s = (double)(bench_now() - t0) / 1e9;
  r.cpu_s = (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
            (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
  r.maxrss_kb = ru.ru_maxrss;
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

/* ------------------------------------------------------------------ */
/* Bundled rule set                                                     */
/* ------------------------------------------------------------------ */

/* Runs of each batch figure: the best is kept, as for latencies (other
   processes on a shared machine only add time, CPU time too when they
   share the core). */
#define BATCH_RUNS 5

/* `lexloci eval --batch` on a JSONL file, BATCH_RUNS times: cases per
   second of CPU time less the start-up (an empty file), and of wall time,
   each the best run's. */
static void batch_figure(const opts *o, const char *jl, const char *empty,
                         int lines, const char *what, const char *metric,
                         long nr)
{
  double wall[BATCH_RUNS], cpu[BATCH_RUNS], wall0[BATCH_RUNS],
      cpu0[BATCH_RUNS];
  int bad = 0;
  for (int i = 0; i < BATCH_RUNS; i++) {
    child r0 = run_cli(o->cli, o->rules, "--batch", empty);
    child r = run_cli(o->cli, o->rules, "--batch", jl);
    wall[i] = r.wall_s;
    cpu[i] = r.cpu_s;
    wall0[i] = r0.wall_s;
    cpu0[i] = r0.cpu_s;
    bad |= r.status != 0 || r0.status != 0;
  }
  bench_stats bw = bench_summarise(wall, BATCH_RUNS),
              bc = bench_summarise(cpu, BATCH_RUNS);
  bench_stats bw0 = bench_summarise(wall0, BATCH_RUNS),
              bc0 = bench_summarise(cpu0, BATCH_RUNS);
  double rate_cpu = lines / (bc.min - bc0.min);
  double rate_wall = lines / bw.min;
  printf("  eval --batch       %d lines (%s): %.3f s wall, %.3f s cpu "
         "(best of %d; median %.3f s cpu); start-up %.3f s%s\n", lines, what,
         bw.min, bc.min, BATCH_RUNS, bc.median, bw0.min,
         bad ? "  (SOME LINES FAILED)" : "");
  printf("  eval --batch       %10.0f cases/s per core (cpu, less start-up),"
         " %.0f cases/s wall   (target >= 50000)\n", rate_cpu, rate_wall);
  bench_csv("bundled", "lexloci", nr, metric, rate_cpu, "1/s");
  (void)bw0;
}


static void bundled(const opts *o)
{
  printf("== bundled rule set (%s)\n", o->rules);
  /* Load and compile. */
  int nload = o->quick ? 5 : 40;
  double *ls = calloc((size_t)nload, sizeof *ls);
  lexloci_ruleset *rs = NULL;
  for (int i = 0; i < nload; i++) {
    uint64_t t0 = bench_now();
    lexloci_ruleset *x = load_dir(o->rules);
    ls[i] = since(t0);
    if (!x)
      return;
    if (rs)
      lexloci_ruleset_free(rs);
    rs = x;
  }
  bench_stats st = bench_summarise(ls, (size_t)nload);
  free(ls);
  printf("  rules %zu, regimes %zu\n", lexloci_ruleset_rule_count(rs),
         lexloci_ruleset_regime_count(rs));
  printf("  load+compile       median %8.3f ms   (target < 10 ms)\n",
         st.median / 1e6);
  bench_csv("bundled", "lexloci", (long)lexloci_ruleset_rule_count(rs),
            "load_ms", st.median / 1e6, "ms");

  /* Cases. */
  bench_case *cases = calloc((size_t)o->ncases, sizeof *cases);
  bench_rng rng = {20261128};
  for (int i = 0; i < o->ncases; i++)
    bench_case_make(&rng, &cases[i], false);
  lexloci_case *c = NULL;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK)
    return;
  /* Per case, the best of the passes (other processes on a shared
     machine only add time); statistics over cases. */
  double *te = calloc((size_t)o->ncases, sizeof *te),
         *tj = calloc((size_t)o->ncases, sizeof *tj);
  size_t jcap = 1 << 20;
  char *json = malloc(jcap);
  int undetermined = 0, failed = 0;
  size_t k = (size_t)o->ncases;
  for (int rep = 0; rep < o->reps; rep++)
    for (int i = 0; i < o->ncases; i++) {
      if (!bench_case_apply(&cases[i], c)) {
        failed++;
        continue;
      }
      const lexloci_verdict *v;
      uint64_t t0 = bench_now();
      lexloci_status s = lexloci_eval(c, &v, NULL);
      double d = since(t0);
      if (s != LEXLOCI_OK) {
        failed++;
        continue;
      }
      if (rep == 0 || d < te[i])
        te[i] = d;
      /* The same evaluation again, this time writing the verdict. */
      bench_case_apply(&cases[i], c);
      t0 = bench_now();
      lexloci_eval(c, &v, NULL);
      size_t len = lexloci_verdict_json(v, 0, json, jcap);
      d = since(t0);
      if (rep == 0 || d < tj[i])
        tj[i] = d;
      if (len >= jcap)
        failed++;
      if (rep == 0 && lexloci_verdict_kind(v) == LEXLOCI_UNDETERMINED)
        undetermined++;
    }
  bench_stats se = bench_summarise(te, k), sj = bench_summarise(tj, k);
  printf("  cases %d (%d undetermined), each the best of %d passes, %d "
         "failed\n", o->ncases, undetermined, o->reps, failed);
  printf("  eval               median %8.3f us  p99 %8.3f us  mean %8.3f us"
         "   (target < 2 us)\n", se.median / 1e3, se.p99 / 1e3,
         se.mean / 1e3);
  printf("  eval + JSON        median %8.3f us  p99 %8.3f us  mean %8.3f us"
         "   (target < 10 us)\n", sj.median / 1e3, sj.p99 / 1e3,
         sj.mean / 1e3);
  long nr = (long)lexloci_ruleset_rule_count(rs);
  bench_csv("bundled", "lexloci", nr, "eval_median_us", se.median / 1e3, "us");
  bench_csv("bundled", "lexloci", nr, "eval_p99_us", se.p99 / 1e3, "us");
  bench_csv("bundled", "lexloci", nr, "eval_json_median_us", sj.median / 1e3,
            "us");
  bench_csv("bundled", "lexloci", nr, "eval_json_p99_us", sj.p99 / 1e3, "us");
  free(te);
  free(tj);

  /* Cases that give every fact (some rules still read facts the
     generator never sets): mostly decided in one pass, no search. */
  {
    int nf = o->ncases < 1000 ? o->ncases : 1000;
    bench_case *full = calloc((size_t)nf, sizeof *full);
    double *tf = calloc((size_t)nf, sizeof *tf);
    bench_rng fr = {777};
    int und = 0;
    for (int i = 0; i < nf; i++)
      bench_case_make(&fr, &full[i], true);
    for (int rep = 0; rep < o->reps; rep++)
      for (int i = 0; i < nf; i++) {
        const lexloci_verdict *v;
        bench_case_apply(&full[i], c);
        uint64_t t0 = bench_now();
        lexloci_eval(c, &v, NULL);
        double d = since(t0);
        if (rep == 0 || d < tf[i])
          tf[i] = d;
        if (rep == 0 && lexloci_verdict_kind(v) == LEXLOCI_UNDETERMINED)
          und++;
      }
    bench_stats sf = bench_summarise(tf, (size_t)nf);
    printf("  eval, every fact   median %8.3f us  p99 %8.3f us  mean %8.3f us"
           "   (%d cases, %d undetermined)\n", sf.median / 1e3,
           sf.p99 / 1e3, sf.mean / 1e3, nf, und);
    bench_csv("bundled", "lexloci", (long)lexloci_ruleset_rule_count(rs),
              "eval_full_median_us", sf.median / 1e3, "us");
    bench_csv("bundled", "lexloci", (long)lexloci_ruleset_rule_count(rs),
              "eval_full_p99_us", sf.p99 / 1e3, "us");
    free(full);
    free(tf);
  }

  /* Intake sessions: from the required facts, one `missing` fact at a
     time. */
  bench_intake(rs, o->quick ? 60 : 300, o->quick ? 1 : 3, timer_ns);

  /* The hand-written US function on the same cases. */
  handwritten_us_bench(rs, o->rules, cases, o->ncases, o->reps, timer_ns);

  /* Evaluations per second. */
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  double one = throughput(rs, cases, o->ncases, 1, o->seconds);
  double all = throughput(rs, cases, o->ncases, (int)ncpu, o->seconds);
  printf("  evals/s 1 thread   %10.0f\n", one);
  printf("  evals/s %ld threads  %10.0f  (x%.2f)\n", ncpu, all, all / one);
  bench_csv("bundled", "lexloci", nr, "evals_per_s_1", one, "1/s");
  bench_csv("bundled", "lexloci", nr, "evals_per_s_all", all, "1/s");
  bench_csv("bundled", "lexloci", nr, "threads", (double)ncpu, "");

  /* lexloci eval --batch on a JSONL file, and peak memory on one case. */
  char jl[4096], one_case[4096], empty[4096];
  snprintf(jl, sizeof jl, "%s/bundled.jsonl", o->out);
  snprintf(one_case, sizeof one_case, "%s/one-case.json", o->out);
  snprintf(empty, sizeof empty, "%s/empty.jsonl", o->out);
  FILE *fp = fopen(jl, "w"), *f1 = fopen(one_case, "w"),
       *fe = fopen(empty, "w");
  int lines = o->quick ? 20000 : 100000;
  for (int i = 0; fp && i < lines; i++)
    bench_case_jsonl(&cases[i % o->ncases], fp);
  if (f1)
    bench_case_jsonl(&cases[0], f1);
  if (fp)
    fclose(fp);
  if (f1)
    fclose(f1);
  if (fe)
    fclose(fe);
  if (o->cli && access(o->cli, X_OK) == 0) {
    batch_figure(o, jl, empty, lines, "varied cases", "batch_cases_per_s",
                 nr);
    /* The same with cases that give every fact. */
    char fl[4096];
    snprintf(fl, sizeof fl, "%s/bundled-full.jsonl", o->out);
    FILE *ff = fopen(fl, "w");
    bench_rng fr = {777};
    int nfull = lines / 5;
    for (int i = 0; ff && i < nfull; i++) {
      bench_case bc;
      bench_case_make(&fr, &bc, true);
      bench_case_jsonl(&bc, ff);
    }
    if (ff) {
      fclose(ff);
      batch_figure(o, fl, empty, nfull, "every fact given",
                   "batch_full_cases_per_s", nr);
    }
    /* Peak memory through a small helper: a child forked from the
       benchmark would carry the benchmark's own peak over exec. */
    char cmd[16384];
    long kb = -1;
    int status = -1;
    snprintf(cmd, sizeof cmd, "'%s' '%s' --rules '%s' eval '%s'",
             LEXLOCI_BENCH_RSS, o->cli, o->rules, one_case);
    FILE *p = popen(cmd, "r");
    if (p) {
      if (fscanf(p, "%ld %d", &kb, &status) != 2)
        kb = -1;
      pclose(p);
    }
    printf("  CLI peak memory    %8.2f MB on one case (exit %d)   (target < 8 "
           "MB)\n", kb / 1024.0, status);
    bench_csv("bundled", "lexloci", nr, "cli_peak_mb", kb / 1024.0, "MB");
  } else {
    printf("  (no CLI at %s: skipping eval --batch and peak memory)\n",
           o->cli ? o->cli : "?");
  }
  struct rusage self;
  getrusage(RUSAGE_SELF, &self);
  printf("  bench peak memory  %8.2f MB (rule set loaded %d times, %d "
         "cases)\n", self.ru_maxrss / 1024.0, nload, o->ncases);
  free(json);
  free(cases);
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* ------------------------------------------------------------------ */
/* Entry                                                                */
/* ------------------------------------------------------------------ */

static void usage(void)
{
  fputs("usage: lexloci-bench [--quick] [--bundled-only | --synthetic-only]\n"
        "         [--rules DIR] [--cli PATH] [--out DIR] [--csv FILE]\n"
        "         [--sizes 10,100,1000,10000] [--peers LIST] [--cases N]\n"
        "  LIST: comma-separated of ", stderr);
  synth_peer_list(stderr);
  fputs(" (default: every one compiled in)\n", stderr);
}

int main(int argc, char **argv)
{
  opts o = {
#ifdef LEXLOCI_BENCH_RULES
    .rules = LEXLOCI_BENCH_RULES,
#endif
#ifdef LEXLOCI_BENCH_CLI
    .cli = LEXLOCI_BENCH_CLI,
#endif
    .out = "bench-out", .ncases = 2000, .reps = 5, .seconds = 2.0,
    .bundled = true, .synthetic = true,
    .sizes = {10, 100, 1000, 10000}, .nsizes = 4, .peers = ~0u,
  };
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--quick") == 0) {
      o.quick = true;
      o.reps = 2;
      o.ncases = 1000;
      o.seconds = 0.5;
    } else if (strcmp(a, "--bundled-only") == 0) {
      o.synthetic = false;
    } else if (strcmp(a, "--synthetic-only") == 0) {
      o.bundled = false;
    } else if (v && strcmp(a, "--rules") == 0) {
      o.rules = argv[++i];
    } else if (v && strcmp(a, "--cli") == 0) {
      o.cli = argv[++i];
    } else if (v && strcmp(a, "--out") == 0) {
      o.out = argv[++i];
    } else if (v && strcmp(a, "--csv") == 0) {
      o.csv = argv[++i];
    } else if (v && strcmp(a, "--cases") == 0) {
      o.ncases = atoi(argv[++i]);
    } else if (v && strcmp(a, "--sizes") == 0) {
      o.nsizes = 0;
      for (char *p = argv[++i]; *p && o.nsizes < (int)N(o.sizes);) {
        o.sizes[o.nsizes++] = (int)strtol(p, &p, 10);
        if (*p == ',')
          p++;
      }
    } else if (v && strcmp(a, "--peers") == 0) {
      o.peers = synth_peer_mask(argv[++i]);
    } else {
      usage();
      return 2;
    }
  }
  if (o.ncases < 1)
    o.ncases = 1;
  setvbuf(stdout, NULL, _IOLBF, 0); /* a report that ends is a report */
  mkdir(o.out, 0777);
  char csvpath[4096];
  snprintf(csvpath, sizeof csvpath, "%s/bench.csv", o.out);
  bench_csv_open(o.csv ? o.csv : csvpath);
  timer_ns = bench_timer_overhead();
  printf("lexloci %s benchmark; timer overhead %.0f ns (subtracted)\n",
         lexloci_version(), timer_ns);
  if (o.bundled && o.rules)
    bundled(&o);
  if (o.synthetic)
    synth_bench(o.sizes, o.nsizes, o.peers, o.quick, o.out, timer_ns);
  bench_csv_close();
  printf("figures written to %s\n", o.csv ? o.csv : csvpath);
  return 0;
}
