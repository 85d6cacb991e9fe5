/*
** synth.h: synthetic rule sets of any size, shaped like real ones (a
** vector of about 20 facts; rules of 3 to 6 conditions keyed mostly on the
** issuing state and the instrument), written in lexloci's language and in
** each peer's; and the benchmark that runs them (synth.c, peers.c).
** See LICENSE for copying conditions.
*/
#ifndef LEXLOCI_BENCH_SYNTH_H
#define LEXLOCI_BENCH_SYNTH_H

#include <stdio.h>

#include "bench.h"

#define SYNTH_NFACTS 20
#define SYNTH_MAXCOND 6

typedef enum sf_type { SF_COUNTRY, SF_ENUM, SF_BOOL, SF_NUM } sf_type;

typedef struct synth_factdef {
  const char *path;    /* the lexloci fact */
  const char *name;    /* the peers' field: path with '_' for '.' */
  sf_type type;
  const char *const *values; /* countries and enumerations */
  int nvalues;         /* SF_NUM: values are 0 .. nvalues - 1 */
} synth_factdef;

extern const synth_factdef synth_facts[SYNTH_NFACTS];

typedef enum sc_op { SC_IS, SC_ISNOT, SC_IN, SC_GE, SC_LT, SC_TRUE,
                     SC_FALSE } sc_op;

typedef struct synth_cond {
  int fact;
  sc_op op;
  int v[3];            /* value indices (IS, ISNOT, IN) or a threshold */
  int nv;
} synth_cond;

/* Effects, strongest first, as lexloci's regime outcome orders them. */
typedef struct synth_rule {
  synth_cond c[SYNTH_MAXCOND];
  int nc;
  int effect;          /* index into synth_effects */
} synth_rule;

typedef struct synth_effect {
  const char *name;
  int strength;        /* 1: info, no force */
} synth_effect;
#define SYNTH_NEFFECTS 6
extern const synth_effect synth_effects[SYNTH_NEFFECTS];

typedef struct synth_set {
  synth_rule *rules;
  int n;
} synth_set;

/* A case: the value index (or number) of every fact. */
typedef struct synth_vec {
  int v[SYNTH_NFACTS];
} synth_vec;

/* What every engine must answer: how many rules fire, and the regime's
   outcome as a strength (0: none fired; 2: only info fired, which is
   not_compellable; else the strongest effect that fired). */
typedef struct synth_answer {
  int nfired;
  int outcome;
} synth_answer;

/* Rule i depends only on i: a smaller set is a prefix of a larger one. */
void synth_make(int n, synth_set *s);
void synth_free(synth_set *s);
void synth_case(bench_rng *r, synth_vec *x);
/* The answer by direct interpretation (the reference). */
synth_answer synth_reference(const synth_set *s, const synth_vec *x);
int synth_outcome(int nfired, int best);

/* Emitters. */
void synth_emit_manifest(const synth_set *s, FILE *manifest);
/* Rules from .. to - 1 as one rule file (a file holds at most
   LX_MAX_LIST_ITEMS rules: SYNTH_FILE_RULES per file). */
#define SYNTH_FILE_RULES 2000
void synth_emit_yaml(const synth_set *s, int from, int to, FILE *out);
void synth_emit_lua(const synth_set *s, FILE *out);
void synth_emit_clips(const synth_set *s, FILE *out);
void synth_emit_jre(const synth_set *s, FILE *out);   /* json-rules-engine */
void synth_emit_zen(const synth_set *s, FILE *out);   /* GoRules JDM */
void synth_emit_cases_json(const synth_vec *x, int n, FILE *out);
/* C source: if-chains in rule order; a switch on the issuing state, then
   if-chains; or switches on the state and then the instrument, then
   if-chains (the fastest: the benchmark's target is set against it). */
typedef enum synth_cform { SYNTH_C_IF, SYNTH_C_STATE, SYNTH_C_SWITCH } synth_cform;
void synth_emit_c(const synth_set *s, const char *fn, synth_cform form,
                  FILE *out);

/* The benchmark (synth.c). */
void synth_bench(const int *sizes, int nsizes, unsigned peers, bool quick,
                 const char *out, double timer_ns);
void synth_peer_list(FILE *out);
unsigned synth_peer_mask(const char *list);

/* The hand-written US-regime function (handus.c), against lexloci on the
   bundled set rs and on the set of the US regime alone (rules: the bundled
   set's folder). */
void handwritten_us_bench(const lexloci_ruleset *rs, const char *rules,
                          const bench_case *cases, int ncases, int reps,
                          double timer_ns);
/* The bundled set cut down to us.cloud_act and the eu.gdpr_art48 regime
   it reads (usset.c); NULL if it does not load. */
lexloci_ruleset *bench_us_ruleset(const char *rules);

#endif
