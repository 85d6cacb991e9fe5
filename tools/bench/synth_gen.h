/*
** synth_gen.h: the generated hand-written deciders (gen.c writes them).
** See LICENSE for copying conditions.
*/
#ifndef LEXLOCI_BENCH_SYNTH_GEN_H
#define LEXLOCI_BENCH_SYNTH_GEN_H

#include "synth.h"

typedef int (*synth_handfn)(const synth_vec *x, int *nfired);
typedef struct synth_hand {
  int n;
  synth_handfn ifchain, sw;
} synth_hand;

extern const synth_hand synth_hands[];
extern const int synth_nhands;

#endif
