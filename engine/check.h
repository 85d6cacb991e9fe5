/*
** check.h: what the parts of `lexloci check` share: the state of one
** check, the questions asked of the search (check_solve.c) by the rule
** checks (check.c) and the coverage grid (check_grid.c).
** See LICENSE for copying conditions.
*/
#ifndef LX_CHECK_H
#define LX_CHECK_H

#include "case.h"
#include "country.h"

enum { NONE = 0, FOUND = 1, OPEN = 2 }; /* answers to a question */

#define MAX_TERMS 64       /* conditions of one when: list, pinpointed */

struct lexloci_check {
  lx_mem mem;
  lx_arena arena;
  const lexloci_ruleset *rs;
  lx_vec issues;           /* lexloci_issue */
  int32_t date;            /* of the grid */
  size_t ngroups, ninstr;
  const char **gname, **gmembers;
  unsigned *cells;         /* [regime][group][instrument][category] */
  size_t open;             /* questions left open */
};

typedef enum term_kind { T_COND, T_APPLIES, T_STANDS } term_kind;
typedef struct term {
  uint8_t kind;            /* term_kind */
  uint32_t idx;            /* condition node or rule */
} term;

/* A distinction a condition draws between the values of a fact. */
typedef struct dline {
  const lx_bits *bits;     /* membership, or NULL: */
  int code;                /* equality with this value */
} dline;

typedef struct ck {
  const lexloci_ruleset *rs;
  lexloci_case *c;
  lexloci_check *out;
  bool oom;
  /* periods: one date per interval over which nothing changes */
  int32_t *dates;
  size_t ndates;
  int countries[LX_COUNTRY_SLOTS]; /* assigned codes, in order */
  int ncountries;
  /* the question */
  term terms[MAX_TERMS];
  int nterms;
  uint8_t *scope;          /* per node: read by the question */
  uint8_t *seen_a, *seen_s; /* per rule: closure and relevance walks */
  uint64_t kfacts;         /* facts of `is known` atoms in scope */
  uint64_t ufacts;         /* facts some of those want unknown */
  uint64_t fixed;          /* facts the question sets (date, grid) */
  uint64_t regimes;        /* regimes a pass evaluates: those in scope */
  uint64_t decided;        /* facts decided on the current path */
  bool near;               /* open facts of the terms' own rules only */
  int reads[LX_MAX_FACTS]; /* unknown atoms reading each open fact */
  unsigned cats;           /* categories the question allows */
  int fixed_state, fixed_instr; /* grid questions; -1 when free */
  size_t passes;
  bool exhausted;
  uint8_t *dead;           /* per rule: can never apply */
  uint8_t *applies0, *stands0; /* per rule: a grid cell's first pass */
} ck;

/* check.c */

/* Adds an issue to k->out; NULL (and k->oom set) when out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
LX_INTERNAL lexloci_issue *lx_check_issue(ck *k, lexloci_check_kind kind,
    const char *file, int line, int col, const char *rule, const char *fmt,
    ...);

/* check_solve.c */

/* The dates on which something the rule set says may change, sorted and
   distinct, in an array of *capp elements (the caller frees it); NULL
   when out of memory. */
LX_INTERNAL int32_t *lx_check_breakpoints(ck *k, size_t *n, size_t *capp);
/* Fills k->dates with one date per period between the nb breakpoints b,
   as_of first; false when out of memory. */
LX_INTERNAL bool lx_check_periods(ck *k, const int32_t *b, size_t nb,
                                  int32_t as_of);
/* Resets k->c to the case every question starts from, on date. */
LX_INTERNAL void lx_check_start(ck *k, int32_t date);
/* Whether line l puts element e on its side. */
LX_INTERNAL bool lx_check_elem_on(const dline *l, int e);
/* The line atom a draws through the values of fact f, if it draws one;
   *partner is an unknown fact it is compared with instead, or -1. */
LX_INTERNAL bool lx_check_atom_line(const ck *k, const lx_cond *a, int f,
                                    dline *l, int *partner);
/* Sets the question to one term, or to the conjunction of two. */
LX_INTERNAL void lx_check_terms1(ck *k, term_kind kind, uint32_t idx);
LX_INTERNAL void lx_check_terms2(ck *k, term_kind ka, uint32_t a,
                                 term_kind kb, uint32_t b);
/* Asks the question on the periods whose dates lie in [lo, hi]: FOUND
   (the case is left in k->c), NONE, or OPEN (counted in k->out->open). */
LX_INTERNAL int lx_check_ask(ck *k, int32_t lo, int32_t hi);
/* The case a question found, as a case file in k->out's arena; NULL (and
   k->oom set) when out of memory. */
LX_INTERNAL const char *lx_check_example(ck *k);

/* check_grid.c */

/* Fills the coverage grid of k->out on its date, and reports its gaps. */
LX_INTERNAL void lx_check_grid(ck *k);

#endif
