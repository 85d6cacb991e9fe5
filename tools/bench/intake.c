/*
** intake.c: the benchmark's intake figure. An intake system starts a case
** with the facts every case must give (case.md), evaluates it, asks the
** first fact the verdict's `missing` names, evaluates again, and so on
** until the verdict settles. Its first evaluations leave most facts
** unknown, so they cost the search for what is possible and what is
** missing far more than the benchmark's varied cases do (those give most
** facts). Each evaluation of such a session is timed, best of `reps`; the
** answers come from a case of the seeded generator that gives every fact.
** See LICENSE for copying conditions.
*/
#include <stdlib.h>
#include <string.h>

#include "bench.h"

enum { MAX_STEPS = 24 };

static const char *const required[] = {
  "request.date", "request.issuing_state", "request.instrument",
  "request.data_categories", "data.locations"};

static const bench_fact *fact_of(const bench_case *bc, const char *path)
{
  for (int i = 0; i < bc->n; i++)
    if (strcmp(bc->f[i].path, path) == 0)
      return &bc->f[i];
  return NULL;
}

/* The best of reps evaluations of c as it stands, in nanoseconds. */
static double timed_eval(lexloci_case *c, int reps, double timer_ns,
                         const lexloci_verdict **v)
{
  double best = 0;
  for (int r = 0; r < reps; r++) {
    uint64_t t0 = bench_now();
    if (lexloci_eval(c, v, NULL) != LEXLOCI_OK) {
      *v = NULL;
      return 0;
    }
    double d = (double)(bench_now() - t0) - timer_ns;
    if (r == 0 || d < best)
      best = d > 0 ? d : 0;
  }
  return best;
}

/* Answers the first fact `missing` names that the full case gives;
   false when it names none of them. */
static bool answer_next(const lexloci_verdict *v, const bench_case *full,
                        lexloci_case *c)
{
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++) {
    const char *path = lexloci_fact_name(lexloci_verdict_missing(v, i));
    const bench_fact *f = path ? fact_of(full, path) : NULL;
    if (f)
      return bench_fact_apply(f, c);
  }
  return false;
}

void bench_intake(const lexloci_ruleset *rs, int nsessions, int reps,
                  double timer_ns)
{
  lexloci_case *c = NULL;
  double *first = calloc((size_t)nsessions, sizeof *first);
  double *every = calloc((size_t)nsessions * MAX_STEPS, sizeof *every);
  if (!first || !every || lexloci_case_new(rs, &c) != LEXLOCI_OK) {
    free(first);
    free(every);
    return;
  }
  bench_rng rng = {20261129};
  size_t nevery = 0;
  int settled = 0, stopped = 0, failed = 0;
  for (int s = 0; s < nsessions; s++) {
    bench_case full;
    bench_case_make(&rng, &full, true);
    lexloci_case_reset(c);
    bool ok = true;
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
      const bench_fact *f = fact_of(&full, required[i]);
      ok = ok && f && bench_fact_apply(f, c);
    }
    if (!ok) {
      failed++;
      continue;
    }
    for (int step = 0; step < MAX_STEPS; step++) {
      const lexloci_verdict *v;
      double d = timed_eval(c, reps, timer_ns, &v);
      if (!v) {
        failed++;
        break;
      }
      if (step == 0)
        first[s] = d;
      every[nevery++] = d;
      if (lexloci_verdict_kind(v) != LEXLOCI_UNDETERMINED) {
        settled++;
        break;
      }
      if (!answer_next(v, &full, c)) {
        stopped++;
        break;
      }
    }
  }
  long nr = (long)lexloci_ruleset_rule_count(rs);
  bench_stats sf = bench_summarise(first, (size_t)nsessions);
  double worst = sf.n ? first[sf.n - 1] : 0; /* sorted by bench_summarise */
  bench_stats se = bench_summarise(every, nevery);
  printf("  intake, first eval median %8.1f us  p99 %8.1f us  max %8.1f us"
         "   (%d sessions from the required facts only)\n",
         sf.median / 1e3, sf.p99 / 1e3, worst / 1e3, nsessions);
  printf("  intake, every eval median %8.1f us  p99 %8.1f us  (%zu evals, "
         "%.1f per session; %d settled, %d left open, %d failed)\n",
         se.median / 1e3, se.p99 / 1e3, nevery,
         nsessions ? (double)nevery / nsessions : 0, settled, stopped,
         failed);
  bench_csv("bundled", "lexloci", nr, "intake_first_median_us",
            sf.median / 1e3, "us");
  bench_csv("bundled", "lexloci", nr, "intake_first_p99_us", sf.p99 / 1e3,
            "us");
  bench_csv("bundled", "lexloci", nr, "intake_first_max_us", worst / 1e3,
            "us");
  bench_csv("bundled", "lexloci", nr, "intake_every_median_us",
            se.median / 1e3, "us");
  bench_csv("bundled", "lexloci", nr, "intake_every_p99_us", se.p99 / 1e3,
            "us");
  free(first);
  free(every);
  lexloci_case_free(c);
}
