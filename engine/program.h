/*
** program.h: a compiled rule set. Plain data: rules, a flat array of
** condition nodes in pre-order, and tables of citations, sets, values and
** compiled regular expressions. Built once by load/compile, then read-only:
** any number of threads evaluate against it at once.
*/
#ifndef LX_PROGRAM_H
#define LX_PROGRAM_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "bits.h"
#include "common.h"
#include "mem.h"
#include "vocab.h"

/* A value of a fact or a literal. Which member is live follows the type. */
typedef struct lx_scalar {
  union {
    bool b;
    double num;
    int32_t date;
    int code;        /* country index or enumerated value */
  } u;
  const char *s;     /* text */
  uint32_t slen;
} lx_scalar;

/* Condition node kinds and atom operators (the X-macro keeps the compiler,
   evaluator and the disassembler in step). */
#define LX_OPS(X)                                                      \
  X(TRUE, "")            /* bool fact alone */                         \
  X(IS, "is")            /* scalar equality */                         \
  X(IN, "in")            /* scalar in set/list */                      \
  X(IS_NONE, "is none")  /* nullable fact is null */                   \
  X(CONTAINS, "contains")                                              \
  X(INTERSECTS, "intersects")                                          \
  X(SUBSET, "subset of")                                               \
  X(EMPTY, "is empty")                                                 \
  X(LT, "<") X(LE, "<=") X(GT, ">") X(GE, ">=")                        \
  X(MATCHES, "matches")                                                \
  X(KNOWN, "is known")                                                 \
  X(REGIME_IN, "regime")

typedef enum lx_op {
#define X(name, text) LX_OP_##name,
  LX_OPS(X)
#undef X
  LX_OP_COUNT
} lx_op;

typedef enum lx_cond_kind { LX_C_ALL, LX_C_ANY, LX_C_NOT, LX_C_ATOM } lx_cond_kind;

typedef enum lx_rhs {
  LX_RHS_NONE, LX_RHS_LIT, LX_RHS_BITS, LX_RHS_SET, LX_RHS_FACT,
  LX_RHS_VALUE, LX_RHS_REGEX, LX_RHS_MASK
} lx_rhs;

typedef struct lx_cond {
  uint8_t kind;        /* lx_cond_kind */
  uint8_t op;          /* lx_op, atoms */
  uint8_t rhs;         /* lx_rhs */
  bool neg;            /* "is not", "not in", "does not contain", ... */
  uint32_t end;        /* index one past this node's subtree */
  int fact;            /* left-hand fact; REGIME_IN: regime index */
  uint32_t ref;        /* set, value, regex, fact, bits or mask per rhs */
  lx_scalar lit;       /* LX_RHS_LIT */
  const char *text;    /* as written, for because/explain */
  const char *shown;   /* groups: "(a and b)", "not (a)": for because */
  int line, col;
} lx_cond;

typedef struct lx_member {
  int code;            /* country index or enumerated value */
  const char *name;    /* as written */
  int32_t from, until; /* both included; LX_DATE_MIN/MAX when open */
  const char *note;
  uint32_t *cites;
  size_t ncites;
} lx_member;

/* A set's membership over time: intervals starting at starts[i], each with
   its members. Lookup by binary search on request.date. */
typedef struct lx_timeline {
  int32_t *starts;
  lx_bits *bits;
  size_t n;
} lx_timeline;

typedef struct lx_set {
  const char *name, *title;
  int domain;          /* LX_DOM_NONE: countries */
  lx_member *members;
  size_t nmembers;
  uint32_t *cites;
  size_t ncites;
  lx_timeline tl;
  const char *file;
  int line, col;
} lx_set;

typedef struct lx_value {
  const char *name, *title;
  lx_base base;        /* LX_DATE, LX_NUMBER, LX_BOOL, LX_COUNTRY, LX_TEXT */
  lx_scalar v;
  const char *written; /* the value as written */
  uint32_t *cites;
  size_t ncites;
  const char *file;
  int line, col;
} lx_value;

typedef struct lx_citation {
  lexloci_citation pub;
  const char *id;
  const char *file;
  int line, col;
  bool used;
  const char *json;    /* pub as a JSON object, written once (json.c) */
  size_t jsonlen;
} lx_citation;

typedef struct lx_action {
  const char *id, *by, *text, *deadline, *from;
  uint32_t *cites;
  size_t ncites;
} lx_action;

/* A segment of a rule's text: literal bytes, or a fact to quote. */
typedef struct lx_textseg {
  const char *s;
  size_t len;
  int fact;            /* -1: literal */
} lx_textseg;

typedef struct lx_rule {
  const char *id;      /* full: regime.local */
  const char *local;
  const char *title;
  int regime;
  lexloci_outcome effect;
  const char *text;    /* as written */
  lx_textseg *segs;
  size_t nsegs;
  const char *unsettled;
  int32_t from, until;
  bool standalone;     /* in force on every date and an exception to no
                          rule: only its conditions say whether it applies */
  bool distinct_words; /* no two of its atoms and `not`s show the same
                          words: its reasons cannot repeat */
  bool all_atoms;      /* its when is an `all` of atoms only: its nodes
                          are the root and, in a row, its atoms */
  uint32_t qkeys;      /* in rs->qorder, where its key conditions begin */
  uint32_t root;       /* condition node */
  uint32_t *bases;     /* exception_to */
  size_t nbases;
  uint32_t *defeaters; /* rules that defeat this one when they stand */
  size_t ndefeaters;
  uint32_t *cites;
  size_t ncites;
  lx_action *actions;
  size_t nactions;
  const char *file;
  int line, col;
} lx_rule;

typedef struct lx_regime {
  const char *id, *title;
  uint32_t first;      /* its rules are first .. first + nrules - 1 */
  uint32_t *apply;     /* rules, base rules before their exceptions */
  uint32_t *stand;     /* rules, defeaters before the rules they defeat */
  size_t nrules;
  int32_t index;       /* root of its rule index in inodes; -1: scan all */
  bool ordered;        /* it has exceptions: evaluate in apply order */
  bool defeasible;     /* some rule of it has defeaters (else each rule
                          stands exactly where it applies) */
  bool timed;          /* some rule of it has an action with a deadline */
  uint32_t *reads;     /* regimes whose outcome its rules read */
  size_t nreads;
  const char *file;
  int line, col;
} lx_regime;

/* A node of a regime's rule index (index.c). An inner node splits its
   rules on a fact: a child per value of the fact (the rules whose key on
   it allows the value), and `rest`, the rules with no key on it. */
typedef struct lx_inode {
  int fact;            /* the fact split on; -1: a leaf */
  uint32_t list;       /* into ientries: a leaf's rules; an inner node's rules
                          keyed on fact (taken whole when it is unknown) */
  uint32_t nlist;
  uint32_t rest;       /* inner: the child for rules not keyed on fact */
  uint32_t known_rest; /* inner: rest, or 0 where its rules are in every
                          child per value (index.c, fold_rest) */
  uint32_t slots;      /* inner: into islots, a child per value of fact */
  uint32_t nslots;     /* inner: how many (the values fact can take) */
  bool boolean;        /* inner: fact is true or false (slots 0 and 1) */
} lx_inode;

/* A residual key (index.c): fact must be arg (its code, or for a
   true-or-false fact 0 or 1), or with `bits` in bitlits[arg]. */
typedef struct lx_ikey {
  uint8_t fact;
  bool boolean;        /* read the fact's truth, not its code */
  bool bits;
  uint32_t arg;
} lx_ikey;

/* A rule in an index node's list: its apply position, and its nkeys
   residual keys (the key atoms of its rule on facts the node's path does
   not split on): the first in the entry (most entries a lookup drops are
   dropped by it), the others ires_keys[keys .. keys + nkeys - 2]; a
   lookup drops the rule when one is false. */
typedef struct lx_ientry {
  uint32_t pos;
  uint32_t keys;
  uint32_t nkeys;
  lx_ikey first;
} lx_ientry;

typedef struct lx_conflict_note {
  int a, b;            /* regimes, unordered */
  const char *text;
  uint32_t *cites;
  size_t ncites;
} lx_conflict_note;

struct lexloci_ruleset {
  lx_mem mem;
  void (*diag)(void *ud, const lexloci_error *e); /* the config's */
  void *diag_ud;
  lx_arena arena;      /* everything below lives here */
  const char *name, *version, *title, *digest, *tests_dir;
  lx_regime *regimes;  /* verdict order */
  size_t nregimes;
  uint32_t *order;     /* regimes in evaluation order (readers after read) */
  lx_rule *rules;      /* grouped by regime, in verdict order */
  size_t nrules;
  lx_cond *conds;
  size_t nconds;
  lx_set *sets;
  size_t nsets;
  /* Every set as of a date at once: from epoch_starts[e] (ascending, the
     first LX_DATE_MIN) until the next start, set i is epoch_sets[e *
     nsets + i]. nepochs is 0 where the table would be too big; then each
     set's timeline is looked up on its own. */
  int32_t *epoch_starts;
  const lx_bits **epoch_sets;
  size_t nepochs;
  lx_value *values;
  size_t nvalues;
  lx_citation *cites;
  size_t ncites;
  lx_conflict_note *conflicts;
  size_t nconflicts;
  pcre2_code **regexes;
  size_t nregexes;
  pcre2_general_context *pcre_gctx;
  lx_bits *bitlits;    /* list literals */
  size_t nbitlits;
  /* For each fact, the atoms that read it (search for missing facts), and
     for each condition node the rule whose `when` holds it. */
  uint32_t **fact_atoms;
  size_t *fact_natoms;
  uint32_t *cond_rule;
  size_t max_because;  /* most atoms in one rule */
  /* The explanation's steps: rule r's first step within a category pass,
     and the steps of one pass. */
  uint32_t *rule_step;
  size_t pass_steps;
  size_t total_rule_cites;   /* citations of all rules, for scratch sizes */
  size_t total_action_cites; /* citations of all actions */
  size_t total_actions;
  bool timed;                /* some action has a deadline (verdict.c) */
  /* The rule index (index.c): nodes, their lists of rules (ascending
     apply positions, each with its residual keys), the residual keys,
     their children per value; and each rule's position in its regime's
     stand order. */
  lx_inode *inodes;
  size_t ninodes;
  struct lx_ientry *ientries;
  struct lx_ikey *ires_keys;
  uint32_t *islots;
  uint32_t *stand_pos;
  /* Per condition node: 1 for a key condition at the top of a rule (the
     index has mostly decided it: a quick pass evaluates it last). */
  uint8_t *ckey;
  /* The children of each rule's top `all` in the order a quick pass
     evaluates them (keys last): rule r's are qorder[qfirst[r] ..
     qfirst[r + 1] - 1]; none when its root is not an `all`. */
  uint32_t *qfirst;
  uint32_t *qorder;
  /* The condition nodes in the evaluator's compact form (xnode.c). */
  struct lx_xnode *xnodes;
};

LX_INTERNAL size_t lx_date_interval(const int32_t *starts, size_t n,
                                     int32_t date);
LX_INTERNAL const lx_bits *lx_timeline_at(const lx_timeline *tl,
                                          int32_t date);
LX_INTERNAL const char *lx_op_text(lx_op op);

#endif
