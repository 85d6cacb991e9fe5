/*
** handus.c: placeholder, replaced below.
*/
#include "synth.h"
void handwritten_us_bench(const lexloci_ruleset *rs, const bench_case *cases,
                          int ncases, int reps, double timer_ns)
{
  (void)rs; (void)cases; (void)ncases; (void)reps; (void)timer_ns;
}
