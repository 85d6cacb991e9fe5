/*
** vocab.h: the case vocabulary of spec/case.md (contract v1): every fact a
** case may give and a rule may read, its type, default and enumerated
** values. One table, shared by the case loader, the rule resolver, the
** JSON Schema generator and the documentation.
*/
#ifndef LX_VOCAB_H
#define LX_VOCAB_H

#include "common.h"

typedef enum lx_base {
  LX_BOOL, LX_NUMBER, LX_DATE, LX_TEXT, LX_COUNTRY, LX_ENUM
} lx_base;

/* Enumerated domains. LX_DOM_NONE for non-enumerated facts. */
typedef enum lx_domain_id {
  LX_DOM_NONE = -1,
  LX_DOM_AUTHORITY = 0, LX_DOM_VALIDATOR, LX_DOM_INSTRUMENT, LX_DOM_PURPOSE,
  LX_DOM_CATEGORY, LX_DOM_NOTICE, LX_DOM_CHALLENGER, LX_DOM_CHALLENGE,
  LX_DOM_OFFENCE, LX_DOM_HOLDER, LX_DOM_SERVICE, LX_DOM_GDPR_ROLE,
  LX_DOM_SCA_STORAGE, LX_DOM_PROTECTED, LX_DOM_CONSENT, LX_DOM_EFFECT,
  LX_DOM_COUNT
} lx_domain_id;

typedef struct lx_domain {
  const char *name;          /* as `of:` names it in a set */
  const char *const *values;
  int n;
} lx_domain;

typedef enum lx_default {
  LX_NODEFAULT, LX_DEF_FALSE, LX_DEF_TRUE, LX_DEF_EMPTY, LX_DEF_ENUM
} lx_default;

typedef struct lx_factdef {
  const char *path;
  lx_base base;
  lx_domain_id domain;
  bool list;
  bool nullable;
  bool required;         /* the case must give it */
  lx_default def;
  const char *def_enum;  /* LX_DEF_ENUM: the default value */
  const char *help;      /* one line, from case.md */
} lx_factdef;

/* Facts with a fixed meaning in the evaluator. */
enum {
  LX_F_ID = 0, LX_F_DATE, LX_F_ISSUING_STATE, LX_F_AUTHORITY,
  LX_F_VALIDATED_BY, LX_F_ADDRESSEE_STATE, LX_F_INSTRUMENT, LX_F_PURPOSE,
  LX_F_CATEGORIES,
  LX_F_HEADQUARTERS = 25, LX_F_LEGAL_REP = 29, LX_F_LOCATIONS = 33,
  LX_F_ALL_CATEGORIES = 42
};
/* Instruments with a fixed meaning (case.md's addressee_state default). */
enum { LX_I_EPO = 9, LX_I_EPRO = 10 };
/* tests/unit/test_vocab.c checks these indices against the tables. */

LX_INTERNAL extern const lx_factdef lx_facts[];
LX_INTERNAL extern const int lx_nfacts;
LX_INTERNAL extern const lx_domain lx_domains[LX_DOM_COUNT];

LX_INTERNAL int lx_fact_find(const char *path, size_t len);

/* Whether fact f is derived: lexloci_eval sets it from the case's other
   facts, and no case, test or what-if may give it. The one such fact,
   request.all_data_categories, is the whole request.data_categories list
   while each category is decided on its own with request.data_categories
   holding only that category (verdict.c): rules about the demand as a
   whole (a notification required because the order also seeks content
   data) read it. Always known during evaluation, so the search never asks
   for it. */
static inline bool lx_fact_derived(int f)
{
  return f == LX_F_ALL_CATEGORIES;
}

/* The fact paths and the groups they lie in ("request.offence") in a hash
   table, so that the case loader finds a key in a probe or two instead of
   comparing it with every path. Built by lx_factindex_build (each case
   has one), read-only after. Slots: a power of two, at least twice the
   LX_MAX_FACTS facts and their groups, so that probes stay short. */
#define LX_FACTINDEX_SLOTS 256
typedef struct lx_factindex {
  uint8_t slot[LX_FACTINDEX_SLOTS]; /* 0: free; f + 1: fact f; 0x80 | f:
                                       a group that fact f lies in */
} lx_factindex;
#define LX_FACT_GROUP (-2)
LX_INTERNAL void lx_factindex_build(lx_factindex *x);
/* The fact path[0..len) names, LX_FACT_GROUP if some fact lies below it,
   else -1. */
LX_INTERNAL int lx_factindex_find(const lx_factindex *x, const char *path,
                                  size_t len);
/* The effect (a lexloci_outcome) named s, or -1; `info` only when
   with_info (a regime's outcome is never info). */
LX_INTERNAL int lx_effect_parse(const char *s, size_t len, bool with_info);
/* "; did you mean 'must_disclose'?" for a bad effect name, or "". */
LX_INTERNAL const char *lx_effect_hint(const char *s, bool with_info,
                                       char *buf, size_t cap);
LX_INTERNAL int lx_domain_value(lx_domain_id d, const char *s, size_t len);
LX_INTERNAL int lx_domain_find(const char *name);
/* "a country code", "one of judge, court, ...", "true or false" */
LX_INTERNAL const char *lx_fact_type_name(const lx_factdef *f, char *buf,
                                          size_t cap);
/* Suggestion among the fact paths (prefix restricts to a subtree). */
LX_INTERNAL const char *lx_fact_hint(const char *path, char *buf,
                                     size_t cap);
LX_INTERNAL const char *lx_domain_hint(lx_domain_id d, const char *s,
                                       char *buf, size_t cap);

#endif
