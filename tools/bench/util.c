/*
** util.c: the benchmark's clock, statistics, random numbers and CSV.
** See LICENSE for copying conditions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"

uint64_t bench_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

double bench_timer_overhead(void)
{
  enum { N = 10001 };
  static double s[N];
  for (int i = 0; i < N; i++) {
    uint64_t t0 = bench_now();
    uint64_t t1 = bench_now();
    s[i] = (double)(t1 - t0);
  }
  qsort(s, N, sizeof *s, cmp_double);
  return s[N / 2];
}

bench_stats bench_summarise(double *s, size_t n)
{
  bench_stats st = {0, 0, 0, 0, n};
  if (!n)
    return st;
  qsort(s, n, sizeof *s, cmp_double);
  double sum = 0;
  for (size_t i = 0; i < n; i++)
    sum += s[i];
  st.median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  size_t k = (size_t)((double)n * 0.99);
  st.p99 = s[k < n ? k : n - 1];
  st.mean = sum / (double)n;
  st.min = s[0];
  return st;
}

uint64_t bench_rand(bench_rng *r)
{
  uint64_t x = r->s ? r->s : 0x9E3779B97F4A7C15u;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  r->s = x;
  return x * 0x2545F4914F6CDD1Du;
}

unsigned bench_pick(bench_rng *r, unsigned n)
{
  return (unsigned)((bench_rand(r) >> 33) % n);
}

static FILE *csv;

void bench_csv_open(const char *path)
{
  csv = fopen(path, "w");
  if (csv)
    fputs("section,name,rules,metric,value,unit\n", csv);
  else
    fprintf(stderr, "bench: cannot write %s\n", path);
}

void bench_csv(const char *section, const char *name, long rules,
               const char *metric, double value, const char *unit)
{
  if (csv)
    fprintf(csv, "%s,%s,%ld,%s,%.6g,%s\n", section, name, rules, metric,
            value, unit);
}

void bench_csv_close(void)
{
  if (csv)
    fclose(csv);
  csv = NULL;
}
