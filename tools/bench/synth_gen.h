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
  synth_handfn ifchain; /* if-chains in rule order */
  synth_handfn state;   /* a switch on the issuing state, then if-chains */
  synth_handfn sw;      /* switches on the state, then the instrument */
} synth_hand;

extern const synth_hand synth_hands[];
extern const int synth_nhands;

#endif
