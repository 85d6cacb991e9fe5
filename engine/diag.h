/*
** diag.h: collecting diagnostics, and "did you mean" suggestions.
** Loading keeps going after an error so that one run reports many; the
** caller counts errors and returns no rule set if there were any.
*/
#ifndef LX_DIAG_H
#define LX_DIAG_H

#include "common.h"

#include "mem.h"

typedef struct lx_diag {
  void (*cb)(void *ud, const lexloci_error *e);
  void *ud;
  lexloci_error first;   /* the first error */
  int nerrors, nwarnings;
  bool oom;              /* an allocation failed: stop early */
  /* While a rule set loads, diagnostics are held and handed out sorted by
     file, line and column (lx_diag_flush), whichever stage found them. */
  const lx_mem *mem;     /* non-NULL: buffering */
  lx_vec held;           /* lexloci_error */
} lx_diag;

LX_INTERNAL void lx_diag_init(lx_diag *d, const lexloci_config *cfg);
#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
LX_INTERNAL void lx_diag_report(lx_diag *d, lexloci_status code,
    lexloci_severity sev, const char *file, int line, int col,
    const char *fmt, ...);
LX_INTERNAL void lx_diag_oom(lx_diag *d);
/* Starts holding diagnostics; lx_diag_flush sorts and reports them. */
LX_INTERNAL void lx_diag_hold(lx_diag *d, const lx_mem *m);
LX_INTERNAL void lx_diag_flush(lx_diag *d);
/* Copies the first error to err (if any) and returns its code, or OK. */
LX_INTERNAL lexloci_status lx_diag_result(const lx_diag *d,
                                          lexloci_error *err);
/* Length of the well-formed UTF-8 sequence at s (n > 0 bytes left), or 0
   if it is malformed, overlong, a surrogate or cut short. */
LX_INTERNAL size_t lx_utf8_seq(const char *s, size_t n);
LX_INTERNAL void lx_error_set(lexloci_error *err, lexloci_status code,
    const char *file, int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Did you mean: feed candidates, read the closest acceptable one. */
typedef struct lx_suggest {
  const char *name;
  size_t namelen;
  const char *best;
  int bestscore;
} lx_suggest;
LX_INTERNAL void lx_suggest_init(lx_suggest *s, const char *name);
LX_INTERNAL void lx_suggest_try(lx_suggest *s, const char *cand);
/* "; did you mean 'x'?" or "" */
LX_INTERNAL const char *lx_suggest_hint(const lx_suggest *s, char *buf,
                                        size_t cap);
LX_INTERNAL int lx_edit_distance(const char *a, size_t alen, const char *b,
                                 size_t blen);

#endif
