/*
** case.h: a case: fact values, assumptions, and the scratch that
** evaluation uses, allocated once when the case is made.
*/
#ifndef LX_CASE_H
#define LX_CASE_H

#include "program.h"

#define LX_MAX_FACTS 64 /* facts fit a uint64_t mask */

/* LX_PARTIAL exists only while search.c explores: the value is unknown
   but some candidates are ruled out (absent[]), and for a list some
   elements are known to be in it (lists[]). */
typedef enum lx_state { LX_UNKNOWN = 0, LX_KNOWN, LX_NULL, LX_PARTIAL } lx_state;

typedef struct lx_fval {
  uint8_t state;     /* lx_state */
  bool defaulted;    /* the value is case.md's default */
  bool hypo;         /* set by the search, not by the case: the fact is
                        still unknown to `is known` */
  lx_scalar v;       /* scalars */
} lx_fval;

/* What one category's evaluation found. */
typedef struct lx_catresult {
  lexloci_outcome verdict;
  uint64_t missing;          /* facts, when the verdict is undetermined */
  lexloci_outcome *outcome;  /* per regime */
  unsigned *possible;        /* per regime, when undetermined */
  uint64_t *reg_missing;     /* per regime */
  uint8_t *cond;             /* per condition node: lexloci_truth */
  uint8_t *applies, *stands; /* per rule */
  /* The rules that may apply (applies != false), each regime's in
     live[first ..]: every other rule applies and stands false. cond
     holds their conditions; the others' are filled in when the
     explanation is read (lx_eval_explain). */
  uint32_t *live;            /* per rule */
  uint32_t *nlive;           /* per regime */
  uint64_t refined;          /* regimes whose outcome search settled */
  /* For the regimes' missing facts, searched only if this category
     decides the verdict (verdict.c, regimes_missing): the regime whose
     missing facts the verdict's search found (-1: none), and the search
     passes spent before them, which the search's bound counts from. */
  int lone;
  size_t passes_before_regimes;
  bool explained;            /* cond holds every rule's conditions */
} lx_catresult;

typedef struct lx_finding {
  uint32_t rule;
  unsigned cats;
  /* Of cats, the categories where the rule only may stand: the search
     settled its regime's outcome there, for every value of the facts in
     `depends`, but no rule with that effect stands for certain, so the
     rules that may are shown (verdict.c, findings). 0 for most. */
  unsigned maybe;
  uint64_t depends;
  uint32_t because;          /* first index into because pool, or when
                                direct the first reason's node */
  uint32_t nbecause;
  bool direct;               /* the reasons are nodes because ..
                                because + nbecause - 1 (lx_finding_reason) */
} lx_finding;

typedef struct lx_merged_action {
  uint32_t rule, k;          /* the first rule and its action */
  uint32_t cites, ncites;    /* into the cite pool */
} lx_merged_action;

typedef struct lx_conflict {
  int a, b;                  /* must_disclose, must_not_disclose */
  unsigned cats;
  const char *text;
  uint32_t cites, ncites;    /* into the cite pool */
} lx_conflict;

#define LX_MAX_CONFLICT_CITES 64

struct lexloci_verdict {
  const lexloci_case *c;
  lexloci_outcome kind;
  unsigned cats;
  lexloci_outcome by_cat[LEXLOCI_CATEGORY_COUNT];
  int deciding;              /* the category whose outcomes are shown */
  uint64_t missing;
  uint64_t refine;           /* settled: facts a timed rule waits on */
  lx_finding *findings;
  size_t nfindings;
  bool some_maybe;           /* some finding only may stand (maybe != 0) */
  uint32_t *because;         /* condition node indices */
  size_t nbecause;
  lx_merged_action *actions;
  size_t nactions;
  lx_conflict *conflicts;
  size_t nconflicts;
  uint32_t *citepool;
  size_t ncitepool;
  uint32_t *reg_first, *reg_nfind; /* findings of each regime */
  size_t nsteps;
};

/* The condition node of reason k of finding f. */
static inline uint32_t lx_finding_reason(const lexloci_verdict *v,
                                         const lx_finding *f, uint32_t k)
{
  return f->direct ? f->because + k : v->because[f->because + k];
}

struct lexloci_case {
  const lexloci_ruleset *rs;
  lx_mem mem;
  lx_arena arena;            /* loaded strings, assumptions; reset empties */
  size_t nfacts;
  lx_fval vals[LX_MAX_FACTS];
  lx_bits lists[LX_MAX_FACTS];
  lx_bits absent[LX_MAX_FACTS]; /* LX_PARTIAL: values ruled out */
  bool addressee_explicit;
  /* assume: overrides of sets (a timeline) and values */
  const lx_timeline **set_override;
  bool sets_overridden;      /* some set_override is set */
  lx_scalar *value_override;
  bool *value_overridden;
  /* evaluation scratch */
  int32_t date;
  /* Per set, as of date: the rule set's epoch table, or own_setbits when
     an assumption overrides a set. */
  const lx_bits *const *setbits;
  const lx_bits **own_setbits;
  uint8_t *cond;             /* working pass */
  uint8_t *applies, *stands;
  lexloci_outcome *outcome;  /* per regime; LEXLOCI_UNDETERMINED */
  unsigned *approx;          /* per regime: possible outcomes (bound) */
  lx_catresult cat[LEXLOCI_CATEGORY_COUNT];
  uint64_t pass_regimes;     /* regimes a pass evaluates (search focus) */
  /* Rules whose applies is not false after the last pass, each regime's
     in live[first ..] (nlive per regime): every other rule applies and
     stands false, so a pass resets only these. */
  uint32_t *live;            /* per rule */
  uint32_t *nlive;           /* per regime */
  uint32_t *cand;            /* per rule: index lookups, merging scratch */
  size_t search_passes;
  size_t search_depth;       /* questions answered on the current path */
  bool search_exhausted;
  /* While the open facts of one state are judged (search.c): outcomes of
     the target seen settled below that state, each with the facts
     answered on the way there (`touched`, since that state). An answer
     about a fact no such witness touched cannot keep its outcome out. */
  struct {
    bool on;
    int target;
    uint8_t n[LEXLOCI_OUTCOME_COUNT];
    uint64_t touched[LEXLOCI_OUTCOME_COUNT][LX_WITNESSES];
  } witness;
  uint64_t touched;          /* facts answered since the witnesses' state */
  /* While a category is searched: its first pass's `applies` (verdict.c).
     A rule that does not apply there applies nowhere below (answers only
     add facts), so its atoms draw no line between values (search.c). */
  const uint8_t *search_dead;
  /* Tests only: judge every answer by a whole search (no witnesses, no
     shortcut), and how many passes a list of missing facts may spend
     looking below (LX_MAX_MISSING_PASSES unless a test raises it). */
  bool search_plain;
  size_t missing_passes_max;
  pcre2_match_data *match;
  pcre2_match_context *mctx;
  /* verdict storage */
  lexloci_verdict verdict;
  bool *cite_seen;           /* per citation, merging scratch */
  bool valid;                /* the verdict matches the facts */
  lx_factindex facts;        /* the case loader's lookup of keys */
};

LX_INTERNAL void lx_case_apply_defaults(lexloci_case *c);
/* The value a fact has for evaluation (defaults and derivations applied). */
LX_INTERNAL void lx_case_derive(lexloci_case *c);
/* The located error for a case giving a derived fact (lx_fact_derived). */
LX_INTERNAL lexloci_status lx_case_derived_error(lexloci_error *err, int f,
                                                 const char *file, int line,
                                                 int col);
/* Parses a value written as text for fact f (what-if, test `set:`). */
LX_INTERNAL lexloci_status lx_case_parse_value(lexloci_case *c, int f,
    const char *value, size_t len, const char *file, int line, int col,
    lexloci_error *err);
LX_INTERNAL lexloci_status lx_case_assume_set(lexloci_case *c, size_t set,
    const char *const *codes, const int32_t *from, size_t n,
    lexloci_error *err, const char *file, int line, int col);
LX_INTERNAL lexloci_status lx_case_assume_value(lexloci_case *c, size_t v,
    const char *text, size_t len, lexloci_error *err, const char *file,
    int line, int col);
struct lx_ynode;
struct lx_diag;
/* Reads a case from a parsed YAML node (caseload.c). */
LX_INTERNAL void lx_caseload_node(lexloci_case *c, const struct lx_ynode *root,
                                  const char *file, struct lx_diag *diag);

#endif
