/*
** load.h: the loader's state, shared by the stages that turn rule files
** into a program: load.c (files, manifest, orchestration), defs.c
** (citations, regimes, sets, values, conflict notes), rules.c (rules and
** their actions), cond.c (conditions), order.c (overrides, regime order,
** indices). Everything here lives only while a rule set loads.
*/
#ifndef LX_LOAD_H
#define LX_LOAD_H

#include "diag.h"
#include "mem.h"
#include "names.h"
#include "program.h"
#include "ydoc.h"

typedef struct lx_srcfile {
  const char *path;    /* kept: rule positions refer to it */
  const char *text;
  size_t len;
  lx_ydoc doc;
  bool manifest;
  bool parsed;
  int regime;          /* the regime of its rules, or -1 */
} lx_srcfile;

typedef struct lx_rulesrc {
  const lx_ynode *node;
  size_t file;
  size_t order;        /* declaration order, for a stable sort */
  int regime;
  const char *local, *id;
} lx_rulesrc;

/* rule `by` defeats rule `of`; `base` when by is an exception to of. */
typedef struct lx_edge {
  uint32_t by, of;
  bool base;
  int line, col;
  size_t file;
} lx_edge;

typedef struct lx_loader {
  lexloci_ruleset *rs;
  lx_diag *diag;
  const lx_mem *mem;
  lx_arena *keep;      /* the rule set's arena */
  lx_arena tmp;        /* documents; freed when loading ends */
  lx_srcfile *files;
  size_t nfiles;
  lx_vec regimes;      /* lx_regime */
  lx_vec rules;        /* lx_rule, final order */
  lx_vec rulesrc;      /* lx_rulesrc, parallel to rules */
  lx_vec conds;        /* lx_cond */
  lx_vec sets;         /* lx_set */
  lx_vec values;       /* lx_value */
  lx_vec cites;        /* lx_citation */
  lx_vec conflicts;    /* lx_conflict_note */
  lx_vec regexes;      /* pcre2_code * */
  lx_vec bitlits;      /* lx_bits */
  lx_vec edges;        /* lx_edge */
  lx_names cite_names, set_names, value_names, regime_names, rule_names;
  const lx_ynode *manifest_regimes;
  size_t manifest_file;
  int cond_depth;
} lx_loader;

/* Reporting, at a node of file f. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
LX_INTERNAL void lx_ld_error(lx_loader *ld, size_t f, const lx_ynode *n,
                             const char *fmt, ...);
#if defined(__GNUC__)
__attribute__((format(printf, 6, 7)))
#endif
LX_INTERNAL void lx_ld_error_at(lx_loader *ld, lexloci_status code,
                                size_t f, int line, int col,
                                const char *fmt, ...);
/* n must be a map whose keys are among allowed (NULL-terminated). */
LX_INTERNAL bool lx_ld_keys(lx_loader *ld, size_t f, const lx_ynode *n,
                            const char *const *allowed, const char *what);
/* A scalar, copied into the rule set's arena; NULL (reported) otherwise. */
LX_INTERNAL const char *lx_ld_str(lx_loader *ld, size_t f,
                                  const lx_ynode *n, const char *what);
LX_INTERNAL bool lx_ld_date(lx_loader *ld, size_t f, const lx_ynode *n,
                            int32_t *out, const char *what);
/* A `cite:` value: one id or a list; reports unknown ids and absence. */
LX_INTERNAL uint32_t *lx_ld_cites(lx_loader *ld, size_t f,
                                  const lx_ynode *owner, size_t *count,
                                  const char *what);
LX_INTERNAL const char *lx_ld_keep(lx_loader *ld, const char *s);
LX_INTERNAL bool lx_ld_id_ok(const char *s);
/* "; 'a' and 'b' are missing": the required keys map n lacks, as a hint. */
LX_INTERNAL const char *lx_ld_missing(const lx_ynode *n,
                                      const char *const *required,
                                      char *buf, size_t cap);
/* A hint among the names of a table ("; did you mean 'x'?"). */
LX_INTERNAL const char *lx_ld_hint(const lx_names *t, const char *name,
                                   char *buf, size_t cap);

/* Stages. */
LX_INTERNAL void lx_defs_citations(lx_loader *ld, size_t f);
LX_INTERNAL void lx_defs_regime(lx_loader *ld, size_t f);
/* Puts regimes in the manifest's order (or declaration order). */
LX_INTERNAL void lx_defs_order_regimes(lx_loader *ld);
LX_INTERNAL void lx_defs_sets_values(lx_loader *ld, size_t f);
/* The rule set's epoch table (lexloci_ruleset.epoch_sets), once its sets
   are final; false when out of memory. */
LX_INTERNAL bool lx_defs_set_epochs(lx_loader *ld);
LX_INTERNAL void lx_defs_conflicts(lx_loader *ld, size_t f);
LX_INTERNAL void lx_rules_collect(lx_loader *ld, size_t f);
LX_INTERNAL void lx_rules_sort(lx_loader *ld);
LX_INTERNAL void lx_rules_compile(lx_loader *ld, size_t r);
/* Parses a `when:` value into condition nodes; returns the root index. */
LX_INTERNAL uint32_t lx_cond_compile(lx_loader *ld, size_t f,
                                     const lx_ynode *n, size_t rule);
/* Graphs and indices; with `complete` false (other errors were found) only
   the checks that need no compiled conditions run (override cycles). */
LX_INTERNAL void lx_order_build(lx_loader *ld, bool complete);

#endif
