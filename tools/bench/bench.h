/*
** bench.h: shared pieces of the lexloci benchmark (tools/bench): a clock,
** statistics over samples, a seeded random generator, the CSV sink, and
** the generators of bundled and synthetic cases.
** See LICENSE for copying conditions.
*/
#ifndef LEXLOCI_BENCH_H
#define LEXLOCI_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "lexloci.h"

/* ------------------------------------------------------------------ */
/* Clock and statistics                                                 */
/* ------------------------------------------------------------------ */

/* Nanoseconds on the monotonic clock. */
uint64_t bench_now(void);
/* Median cost of one bench_now() pair, subtracted from each sample. */
double bench_timer_overhead(void);

typedef struct bench_stats {
  double median, p99, mean, min;
  size_t n;
} bench_stats;
/* Sorts s (nanoseconds) and summarises it. */
bench_stats bench_summarise(double *s, size_t n);

/* xorshift64*: the same seed gives the same cases on every machine. */
typedef struct bench_rng {
  uint64_t s;
} bench_rng;
uint64_t bench_rand(bench_rng *r);
/* Uniform in [0, n). */
unsigned bench_pick(bench_rng *r, unsigned n);

/* One line per figure: section,name,rules,metric,value,unit. */
void bench_csv(const char *section, const char *name, long rules,
               const char *metric, double value, const char *unit);
void bench_csv_open(const char *path);
void bench_csv_close(void);

/* ------------------------------------------------------------------ */
/* Bundled-rule cases (bcases.c)                                        */
/* ------------------------------------------------------------------ */

typedef enum bv_kind { BV_STR, BV_NUM, BV_BOOL, BV_LIST, BV_NULL } bv_kind;

#define BENCH_MAX_LIST 4
#define BENCH_MAX_FACTS 40

/* One fact of a generated case. */
typedef struct bench_fact {
  const char *path;
  bv_kind kind;
  const char *s[BENCH_MAX_LIST]; /* BV_STR: s[0]; BV_LIST: n of them */
  int n;
  double num;
  bool b;
} bench_fact;

typedef struct bench_case {
  bench_fact f[BENCH_MAX_FACTS];
  int n;
} bench_case;

/* Generates the next case of the seeded sequence: every required fact,
   most others, some left unknown so that the search for missing facts
   runs; with full, every fact of the generator. */
void bench_case_make(bench_rng *r, bench_case *bc, bool full);
/* Sets the case's facts on c (after a reset); false on a rejected value. */
bool bench_case_apply(const bench_case *bc, lexloci_case *c);
/* Sets one fact on c; false on a rejected value. */
bool bench_fact_apply(const bench_fact *f, lexloci_case *c);

/* The intake figure (intake.c): sessions that start from the facts every
   case must give and answer `missing` one fact at a time. */
void bench_intake(const lexloci_ruleset *rs, int nsessions, int reps,
                  double timer_ns);
/* Writes the case as one line of JSON (case.md) to out. */
void bench_case_jsonl(const bench_case *bc, FILE *out);

#endif
