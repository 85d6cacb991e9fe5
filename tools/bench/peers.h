/*
** peers.h: peer engines embedded from C (Lua 5.4, CLIPS 6.30), each
** compiled in only when its library was found (peers.c).
** See LICENSE for copying conditions.
*/
#ifndef LEXLOCI_BENCH_PEERS_H
#define LEXLOCI_BENCH_PEERS_H

#include "synth.h"

typedef struct peer_def {
  const char *name;
  /* Loads the rule set written in the peer's language into dir; NULL on
     failure (with a message on stderr). */
  void *(*open)(const synth_set *s, const char *dir);
  /* Untimed: anything the peer needs before deciding the cases. */
  bool (*prepare)(void *ctx, const synth_vec *cases, int n);
  synth_answer (*decide)(void *ctx, const synth_vec *x, int i);
  void (*close)(void *ctx);
} peer_def;

extern const peer_def *const bench_peers[];
extern const int bench_npeers;

#endif
