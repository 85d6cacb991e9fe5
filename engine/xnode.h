/*
** xnode.h: the condition nodes in the evaluator's compact form. Each atom
** is compiled once, when the rule set loads, to an operation specialised
** by operator and type (a country in a set, a list holding a value, ...),
** so that evaluation does not work out again on every pass what an atom
** compares; what is not specialised, or a fact not known for certain, is
** evaluated by eval.c's general atom. See LICENSE for copying conditions.
*/
#ifndef LX_XNODE_H
#define LX_XNODE_H

#include "load.h"

/* Specialised operations, for a fact known for certain (X_GENERIC: the
   general atom, always). */
#define LX_XOPS(X)                                                      \
  X(GENERIC)                                                            \
  X(TRUE)        /* a true-or-false fact: its value */                  \
  X(IS_CODE)     /* country or value `is` a literal */                  \
  X(IS_BOOL)     /* true-or-false `is` a literal */                     \
  X(IN_BITS)     /* country or value `in [...]` */                      \
  X(IN_SET)      /* country or value `in` a set, as of the date */      \
  X(HAS_CODE)    /* a list `contains` a literal */                      \
  X(X_BITS)      /* a list `intersects [...]` */                        \
  X(X_SET)       /* a list `intersects` a set */                        \
  X(SUB_BITS)    /* a list `subset of [...]` */                         \
  X(SUB_SET)     /* a list `subset of` a set */                         \
  X(EMPTY)       /* a list `is empty` */                               \
  X(NUM_CMP)     /* a number `<`, `<=`, `>`, `>=` a literal (arg: op) */

typedef enum lx_xop {
#define X(name) LX_X_##name,
  LX_XOPS(X)
#undef X
  LX_X_COUNT
} lx_xop;

typedef struct lx_xnode {
  uint8_t kind;      /* lx_cond_kind */
  uint8_t op;        /* lx_xop, atoms */
  bool neg;
  uint8_t fact;      /* the fact an atom reads */
  uint32_t end;      /* one past the node's subtree */
  uint32_t arg;      /* the literal's code or truth, the list or set */
  uint32_t shown;    /* its words in `because` (lx_cond.shown) as a number:
                        the same words, the same number */
} lx_xnode;

/* Builds rs->xnodes from the loader's condition nodes. Returns false when
   out of memory. */
LX_INTERNAL bool lx_xnode_build(lx_loader *ld);

#endif
