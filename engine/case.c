/*
** case.c: cases: creation (all evaluation scratch is allocated here, once),
** setters with type checks, defaults, and what-if assumptions.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "country.h"
#include "date.h"
#include "diag.h"

static lexloci_status fact_error(lexloci_error *err, const char *file,
                                 int line, int col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#include <stdarg.h>
static lexloci_status fact_error(lexloci_error *err, const char *file,
                                 int line, int col, const char *fmt, ...)
{
  if (err) {
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lx_error_set(err, LEXLOCI_EFACT, file, line, col, "%s", msg);
  }
  return LEXLOCI_EFACT;
}

/* The allocator failed: err says so (callers report err as it is). */
static lexloci_status out_of_memory(lexloci_error *err)
{
  lx_error_set(err, LEXLOCI_ENOMEM, NULL, 0, 0, "out of memory");
  return LEXLOCI_ENOMEM;
}

/* Text values reach the verdict's JSON as they are, so they must be
   well-formed UTF-8: YAML input is checked by libyaml, text given to the
   API or to what-if is checked here. */
static bool utf8_ok(const char *s, size_t len)
{
  for (size_t i = 0, k; i < len; i += k)
    if (!(k = lx_utf8_seq(s + i, len - i)))
      return false;
  return true;
}

/* ------------------------------------------------------------------ */
/* Creation                                                             */
/* ------------------------------------------------------------------ */

/* Distinct conflicts a verdict may list: an ordered pair of regimes (one
   must disclose, the other must not) in any category, and the pairs of
   different categories differ, so up to ng * (ng - 1) in all. */
static size_t max_conflicts(size_t ng)
{
  return ng * (ng ? ng - 1 : 0) + 1;
}

static void free_scratch(lexloci_case *c)
{
  const lexloci_ruleset *rs = c->rs;
  const lx_mem *m = &c->mem;
  size_t ng = rs->nregimes, nr = rs->nrules, nc = rs->nconds;
  /* Sizes as lexloci_case_new allocated them (n + 1 of each). */
  lx_free(m, c->set_override, (rs->nsets + 1) * sizeof *c->set_override);
  lx_free(m, c->value_override,
          (rs->nvalues + 1) * sizeof *c->value_override);
  lx_free(m, c->value_overridden, (rs->nvalues + 1) * sizeof(bool));
  lx_free(m, c->own_setbits, (rs->nsets + 1) * sizeof *c->own_setbits);
  lx_free(m, c->cond, nc + 1);
  lx_free(m, c->applies, nr + 1);
  lx_free(m, c->stands, nr + 1);
  lx_free(m, c->outcome, (ng + 1) * sizeof *c->outcome);
  lx_free(m, c->approx, (ng + 1) * sizeof *c->approx);
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++) {
    lx_catresult *cr = &c->cat[k];
    lx_free(m, cr->outcome, (ng + 1) * sizeof *cr->outcome);
    lx_free(m, cr->possible, (ng + 1) * sizeof *cr->possible);
    lx_free(m, cr->reg_missing, (ng + 1) * sizeof *cr->reg_missing);
    lx_free(m, cr->cond, nc + 1);
    lx_free(m, cr->applies, nr + 1);
    lx_free(m, cr->stands, nr + 1);
    lx_free(m, cr->live, (nr + 1) * sizeof *cr->live);
    lx_free(m, cr->nlive, (ng + 1) * sizeof *cr->nlive);
  }
  lx_free(m, c->live, (nr + 1) * sizeof *c->live);
  lx_free(m, c->nlive, (ng + 1) * sizeof *c->nlive);
  lx_free(m, c->cand, (nr + 1) * sizeof *c->cand);
  lexloci_verdict *v = &c->verdict;
  size_t maxconf = max_conflicts(ng);
  lx_free(m, v->findings, (nr + 1) * sizeof *v->findings);
  lx_free(m, v->because, (nc + 1) * sizeof *v->because);
  lx_free(m, v->actions, (rs->total_actions + 1) * sizeof *v->actions);
  lx_free(m, v->conflicts, maxconf * sizeof *v->conflicts);
  lx_free(m, v->citepool,
          (rs->total_action_cites + maxconf * LX_MAX_CONFLICT_CITES + 1) *
              sizeof *v->citepool);
  lx_free(m, v->reg_first, (ng + 1) * sizeof *v->reg_first);
  lx_free(m, v->reg_nfind, (ng + 1) * sizeof *v->reg_nfind);
  lx_free(m, c->cite_seen, rs->ncites + 1);
  if (c->match)
    pcre2_match_data_free(c->match);
  if (c->mctx)
    pcre2_match_context_free(c->mctx);
}

lexloci_status lexloci_case_new(const lexloci_ruleset *rs,
                                lexloci_case **out)
{
  if (!rs || !out)
    return LEXLOCI_EMISUSE;
  *out = NULL;
  lexloci_case *c = lx_calloc(&rs->mem, 1, sizeof *c);
  if (!c)
    return LEXLOCI_ENOMEM;
  c->rs = rs;
  c->mem = rs->mem;
  c->nfacts = (size_t)lx_nfacts;
  c->missing_passes_max = LX_MAX_MISSING_PASSES;
  lx_factindex_build(&c->facts);
  lx_arena_init(&c->arena, &c->mem);
  const lx_mem *m = &c->mem;
  size_t ng = rs->nregimes, nr = rs->nrules, nc = rs->nconds;
  bool ok = true;
#define ALLOC(p, n) ok = ((p) = lx_calloc(m, (n), sizeof *(p))) != NULL && ok
  ALLOC(c->set_override, rs->nsets + 1);
  ALLOC(c->value_override, rs->nvalues + 1);
  ALLOC(c->value_overridden, rs->nvalues + 1);
  ALLOC(c->own_setbits, rs->nsets + 1);
  c->setbits = c->own_setbits;
  ALLOC(c->cond, nc + 1);
  ALLOC(c->applies, nr + 1);
  ALLOC(c->stands, nr + 1);
  ALLOC(c->outcome, ng + 1);
  ALLOC(c->approx, ng + 1);
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++) {
    lx_catresult *cr = &c->cat[k];
    ALLOC(cr->outcome, ng + 1);
    ALLOC(cr->possible, ng + 1);
    ALLOC(cr->reg_missing, ng + 1);
    ALLOC(cr->cond, nc + 1);
    ALLOC(cr->applies, nr + 1);
    ALLOC(cr->stands, nr + 1);
    ALLOC(cr->live, nr + 1);
    ALLOC(cr->nlive, ng + 1);
  }
  ALLOC(c->live, nr + 1);
  ALLOC(c->nlive, ng + 1);
  ALLOC(c->cand, nr + 1);
  lexloci_verdict *v = &c->verdict;
  size_t maxconf = max_conflicts(ng);
  ALLOC(v->findings, nr + 1);
  ALLOC(v->because, nc + 1);
  ALLOC(v->actions, rs->total_actions + 1);
  ALLOC(v->conflicts, maxconf);
  ALLOC(v->citepool,
        rs->total_action_cites + maxconf * LX_MAX_CONFLICT_CITES + 1);
  ALLOC(v->reg_first, ng + 1);
  ALLOC(v->reg_nfind, ng + 1);
  ALLOC(c->cite_seen, rs->ncites + 1);
#undef ALLOC
  /* The allocation sizes above must match free_scratch's. */
  if (ok) {
    c->match = pcre2_match_data_create(1, rs->pcre_gctx);
    c->mctx = pcre2_match_context_create(rs->pcre_gctx);
    ok = c->match && c->mctx;
    if (ok) {
      pcre2_set_match_limit(c->mctx, LX_PCRE2_MATCH_LIMIT);
      pcre2_set_depth_limit(c->mctx, LX_PCRE2_DEPTH_LIMIT);
    }
  }
  if (!ok) {
    lexloci_case_free(c);
    return LEXLOCI_ENOMEM;
  }
  v->c = c;
  lexloci_case_reset(c);
  *out = c;
  return LEXLOCI_OK;
}

void lexloci_case_free(lexloci_case *c)
{
  if (!c)
    return;
  free_scratch(c);
  lx_arena_free(&c->arena);
  lx_mem m = c->mem;
  lx_free(&m, c, sizeof *c);
}

/* ------------------------------------------------------------------ */
/* Defaults                                                             */
/* ------------------------------------------------------------------ */

static void set_default(lexloci_case *c, int f)
{
  const lx_factdef *fd = &lx_facts[f];
  lx_fval *v = &c->vals[f];
  memset(v, 0, sizeof *v);
  lx_bits_clear(&c->lists[f]);
  switch (fd->def) {
  case LX_NODEFAULT:
    return;
  case LX_DEF_FALSE:
  case LX_DEF_TRUE:
    v->v.u.b = fd->def == LX_DEF_TRUE;
    break;
  case LX_DEF_EMPTY:
    break;
  case LX_DEF_ENUM:
    v->v.u.code = lx_domain_value(fd->domain, fd->def_enum,
                                  strlen(fd->def_enum));
    break;
  }
  v->state = LX_KNOWN;
  v->defaulted = true;
}

void lexloci_case_reset(lexloci_case *c)
{
  if (!c)
    return;
  for (int f = 0; f < lx_nfacts; f++)
    set_default(c, f);
  c->addressee_explicit = false;
  memset(c->set_override, 0, c->rs->nsets * sizeof *c->set_override);
  c->sets_overridden = false;
  memset(c->value_overridden, 0, c->rs->nvalues * sizeof(bool));
  lx_arena_free(&c->arena);
  c->valid = false;
}

void lx_case_apply_defaults(lexloci_case *c)
{
  for (int f = 0; f < lx_nfacts; f++)
    if (c->vals[f].state == LX_UNKNOWN)
      set_default(c, f);
}

/* EU orders are served on the designated establishment or legal
   representative; other demands on the entity itself (case.md). */
void lx_case_derive(lexloci_case *c)
{
  /* The demand's categories hold the one being decided: a no-op for
     lexloci_eval, which sets them all, but lexloci check gives the two
     facts apart (the category values are bits of the first word). */
  if (c->vals[LX_F_ALL_CATEGORIES].state == LX_KNOWN)
    c->lists[LX_F_ALL_CATEGORIES].w[0] |= c->lists[LX_F_CATEGORIES].w[0];
  /* An explicit addressee, or one the search is trying, stays. */
  if (c->addressee_explicit || c->vals[LX_F_ADDRESSEE_STATE].hypo)
    return;
  lx_fval *a = &c->vals[LX_F_ADDRESSEE_STATE];
  const lx_fval *ins = &c->vals[LX_F_INSTRUMENT];
  memset(a, 0, sizeof *a);
  if (ins->state != LX_KNOWN)
    return;
  bool eu = ins->v.u.code == LX_I_EPO || ins->v.u.code == LX_I_EPRO;
  const lx_fval *src = &c->vals[eu ? LX_F_LEGAL_REP : LX_F_HEADQUARTERS];
  if (src->state == LX_KNOWN)
    *a = *src;
  a->defaulted = true;
  a->hypo = false; /* derived anew on every pass, even from a guess */
}

/* ------------------------------------------------------------------ */
/* Setters                                                              */
/* ------------------------------------------------------------------ */

static bool fact_ok(const lexloci_case *c, lexloci_fact f)
{
  return c && f >= 0 && f < lx_nfacts;
}

/* Why a derived fact (lx_fact_derived) cannot be given. */
lexloci_status lx_case_derived_error(lexloci_error *err, int f,
                                     const char *file, int line, int col)
{
  return fact_error(err, file, line, col,
                    "%s is set by lexloci from request.data_categories "
                    "when the case is evaluated; a case cannot give it "
                    "(give request.data_categories)", lx_facts[f].path);
}

/* Whether a setter may give fact f a value: LEXLOCI_EMISUSE for no case
   or no such fact, LEXLOCI_EFACT (with err) for a derived fact. */
static lexloci_status settable(const lexloci_case *c, lexloci_fact f,
                               lexloci_error *err)
{
  if (!fact_ok(c, f))
    return LEXLOCI_EMISUSE;
  if (lx_fact_derived(f))
    return lx_case_derived_error(err, f, NULL, 0, 0);
  return LEXLOCI_OK;
}

static lexloci_status wrong_type(lexloci_error *err, int f, const char *what)
{
  char ty[200];
  return fact_error(err, NULL, 0, 0, "%s is %s, not %s", lx_facts[f].path,
                    lx_fact_type_name(&lx_facts[f], ty, sizeof ty), what);
}

static void touched(lexloci_case *c, int f)
{
  c->valid = false;
  c->vals[f].defaulted = false;
  if (f == LX_F_ADDRESSEE_STATE)
    c->addressee_explicit = true;
}

lexloci_status lexloci_case_set_bool(lexloci_case *c, lexloci_fact f, bool v,
                                     lexloci_error *err)
{
  lexloci_status ok = settable(c, f, err);
  if (ok != LEXLOCI_OK)
    return ok;
  if (lx_facts[f].base != LX_BOOL)
    return wrong_type(err, f, "true or false");
  touched(c, f);
  c->vals[f].state = LX_KNOWN;
  c->vals[f].v.u.b = v;
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_set_number(lexloci_case *c, lexloci_fact f,
                                       double v, lexloci_error *err)
{
  lexloci_status ok = settable(c, f, err);
  if (ok != LEXLOCI_OK)
    return ok;
  if (lx_facts[f].base != LX_NUMBER)
    return wrong_type(err, f, "a number");
  if (v != v || v < -1e9 || v > 1e9)
    return fact_error(err, NULL, 0, 0, "%s must be a finite number",
                      lx_facts[f].path);
  touched(c, f);
  c->vals[f].state = LX_KNOWN;
  c->vals[f].v.u.num = v;
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_set_date(lexloci_case *c, lexloci_fact f,
                                     int year, int month, int day,
                                     lexloci_error *err)
{
  lexloci_status ok = settable(c, f, err);
  if (ok != LEXLOCI_OK)
    return ok;
  if (lx_facts[f].base != LX_DATE)
    return wrong_type(err, f, "a date");
  if (!lx_date_valid(year, month, day))
    return fact_error(err, NULL, 0, 0, "%04d-%02d-%02d is not a date", year,
                      month, day);
  touched(c, f);
  c->vals[f].state = LX_KNOWN;
  c->vals[f].v.u.date = lx_date_days(year, month, day);
  return LEXLOCI_OK;
}

/* The first len bytes of s, at most max and up to a NUL, as a string in
   w (max + 1 bytes): snprintf's "%.*s" without its cost, on the paths
   that usually need no message. */
static void word(char *w, size_t max, const char *s, size_t len)
{
  size_t n = len < max ? len : max;
  const char *nul = memchr(s, '\0', n);
  if (nul)
    n = (size_t)(nul - s);
  memcpy(w, s, n);
  w[n] = '\0';
}

/* Parses one element of a country or enumerated fact. */
static lexloci_status element(int f, const char *s, size_t len, int *code,
                              lexloci_error *err, const char *file, int line,
                              int col)
{
  const lx_factdef *fd = &lx_facts[f];
  char w[64];
  if (fd->base == LX_COUNTRY) {
    *code = lx_country_index(s, len);
    if (*code >= 0)
      return LEXLOCI_OK;
    word(w, 60, s, len);
    return fact_error(err, file, line, col,
                      "%s: '%s' is not a country code%s", fd->path, w,
                      lx_country_hint(w, strlen(w)));
  }
  *code = lx_domain_value(fd->domain, s, len);
  if (*code < 0) {
    char hint[128], ty[200];
    word(w, 60, s, len);
    lx_domain_hint(fd->domain, w, hint, sizeof hint);
    if (!hint[0])
      snprintf(hint, sizeof hint, "; expected %s",
               lx_fact_type_name(fd, ty, sizeof ty));
    return fact_error(err, file, line, col, "%s: unknown value '%s'%s",
                      fd->path, w, hint);
  }
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_set_str(lexloci_case *c, lexloci_fact f,
                                    const char *s, lexloci_error *err)
{
  lexloci_status ok = s ? settable(c, f, err) : LEXLOCI_EMISUSE;
  if (ok != LEXLOCI_OK)
    return ok;
  const lx_factdef *fd = &lx_facts[f];
  if (fd->list)
    return wrong_type(err, f, "a single value (use lexloci_case_add_str)");
  size_t len = strlen(s);
  if (fd->base == LX_TEXT) {
    if (len > LX_MAX_SCALAR_BYTES)
      return fact_error(err, NULL, 0, 0, "%s is longer than %d bytes",
                        fd->path, LX_MAX_SCALAR_BYTES);
    if (!utf8_ok(s, len))
      return fact_error(err, NULL, 0, 0, "%s is not valid UTF-8", fd->path);
    touched(c, f);
    c->vals[f].state = LX_KNOWN;
    c->vals[f].v.s = s;
    c->vals[f].v.slen = (uint32_t)len;
    return LEXLOCI_OK;
  }
  if (fd->base != LX_COUNTRY && fd->base != LX_ENUM)
    return lx_case_parse_value(c, f, s, len, NULL, 0, 0, err);
  int code;
  lexloci_status st = element(f, s, len, &code, err, NULL, 0, 0);
  if (st != LEXLOCI_OK)
    return st;
  touched(c, f);
  c->vals[f].state = LX_KNOWN;
  c->vals[f].v.u.code = code;
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_add_str(lexloci_case *c, lexloci_fact f,
                                    const char *s, lexloci_error *err)
{
  lexloci_status ok = s ? settable(c, f, err) : LEXLOCI_EMISUSE;
  if (ok != LEXLOCI_OK)
    return ok;
  if (!lx_facts[f].list)
    return wrong_type(err, f, "a list (use lexloci_case_set_str)");
  int code;
  lexloci_status st = element(f, s, strlen(s), &code, err, NULL, 0, 0);
  if (st != LEXLOCI_OK)
    return st;
  if (c->vals[f].state != LX_KNOWN || c->vals[f].defaulted)
    lx_bits_clear(&c->lists[f]);
  touched(c, f);
  c->vals[f].state = LX_KNOWN;
  lx_bits_set(&c->lists[f], (unsigned)code);
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_set_empty(lexloci_case *c, lexloci_fact f,
                                      lexloci_error *err)
{
  lexloci_status ok = settable(c, f, err);
  if (ok != LEXLOCI_OK)
    return ok;
  if (!lx_facts[f].list)
    return wrong_type(err, f, "a list");
  touched(c, f);
  c->vals[f].state = LX_KNOWN;
  lx_bits_clear(&c->lists[f]);
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_set_null(lexloci_case *c, lexloci_fact f,
                                     lexloci_error *err)
{
  lexloci_status ok = settable(c, f, err);
  if (ok != LEXLOCI_OK)
    return ok;
  if (!lx_facts[f].nullable)
    return fact_error(err, NULL, 0, 0, "%s cannot be null; leave it out if "
                      "it is unknown", lx_facts[f].path);
  touched(c, f);
  memset(&c->vals[f].v, 0, sizeof c->vals[f].v);
  c->vals[f].state = LX_NULL;
  return LEXLOCI_OK;
}

lexloci_status lexloci_case_unset(lexloci_case *c, lexloci_fact f)
{
  if (!fact_ok(c, f) || lx_fact_derived(f))
    return LEXLOCI_EMISUSE;
  c->valid = false;
  set_default(c, f);
  if (f == LX_F_ADDRESSEE_STATE)
    c->addressee_explicit = false;
  return LEXLOCI_OK;
}

int lexloci_case_date(const lexloci_case *c)
{
  if (!c || c->vals[LX_F_DATE].state != LX_KNOWN)
    return INT32_MIN;
  return c->vals[LX_F_DATE].v.u.date;
}

/* ------------------------------------------------------------------ */
/* Values written as text                                               */
/* ------------------------------------------------------------------ */

static const char *trim(const char *s, size_t *len)
{
  while (*len && (*s == ' ' || *s == '\t')) {
    s++;
    (*len)--;
  }
  while (*len && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
    (*len)--;
  return s;
}

lexloci_status lx_case_parse_value(lexloci_case *c, int f, const char *s,
                                   size_t len, const char *file, int line,
                                   int col, lexloci_error *err)
{
  const lx_factdef *fd = &lx_facts[f];
  if (lx_fact_derived(f))
    return lx_case_derived_error(err, f, file, line, col);
  s = trim(s, &len);
  if (len == 7 && memcmp(s, "unknown", 7) == 0) {
    lexloci_case_unset(c, f);
    return LEXLOCI_OK;
  }
  if ((len == 4 && memcmp(s, "null", 4) == 0) || (len == 1 && *s == '~')) {
    if (!fd->nullable)
      return fact_error(err, file, line, col,
                        "%s cannot be null; leave it out (or write "
                        "'unknown') if it is unknown", fd->path);
    touched(c, f);
    memset(&c->vals[f].v, 0, sizeof c->vals[f].v);
    c->vals[f].state = LX_NULL;
    return LEXLOCI_OK;
  }
  char w[128];
  word(w, 120, s, len);
  if (fd->list) {
    if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
      s++;
      len -= 2;
    }
    lx_bits bits;
    lx_bits_clear(&bits);
    size_t i = 0;
    while (i < len) {
      size_t j = i;
      while (j < len && s[j] != ',')
        j++;
      size_t elen = j - i;
      const char *e = trim(s + i, &elen);
      if (elen) {
        int code;
        lexloci_status st = element(f, e, elen, &code, err, file, line, col);
        if (st != LEXLOCI_OK)
          return st;
        lx_bits_set(&bits, (unsigned)code);
      } else if (j < len) {
        return fact_error(err, file, line, col, "%s: empty element in '%s'",
                          fd->path, w);
      }
      i = j + 1;
    }
    touched(c, f);
    c->vals[f].state = LX_KNOWN;
    c->lists[f] = bits;
    return LEXLOCI_OK;
  }
  switch (fd->base) {
  case LX_BOOL:
    if (strcmp(w, "true") == 0 || strcmp(w, "false") == 0)
      return lexloci_case_set_bool(c, f, w[0] == 't', err);
    return fact_error(err, file, line, col, "%s must be true or false, not "
                      "'%s'", fd->path, w);
  case LX_NUMBER: {
    char *end;
    double v = strtod(w, &end);
    /* w holds the first 120 bytes: a longer text is no number we take. */
    if (!*w || *end || len > 120)
      return fact_error(err, file, line, col, "%s must be a number, not "
                        "'%s'", fd->path, w);
    lexloci_status st = lexloci_case_set_number(c, f, v, err);
    if (st != LEXLOCI_OK && err) {
      snprintf(err->file, sizeof err->file, "%s", file ? file : "");
      err->line = line;
      err->col = col;
    }
    return st;
  }
  case LX_DATE: {
    int32_t d;
    if (!lx_date_parse(s, len, &d))
      return fact_error(err, file, line, col, "%s must be a date "
                        "YYYY-MM-DD, not '%s'", fd->path, w);
    touched(c, f);
    c->vals[f].state = LX_KNOWN;
    c->vals[f].v.u.date = d;
    return LEXLOCI_OK;
  }
  case LX_TEXT: {
    if (len > LX_MAX_SCALAR_BYTES)
      return fact_error(err, file, line, col, "%s is longer than %d bytes",
                        fd->path, LX_MAX_SCALAR_BYTES);
    if (!utf8_ok(s, len))
      return fact_error(err, file, line, col, "%s is not valid UTF-8",
                        fd->path);
    char *copy = lx_arena_strndup(&c->arena, s, len);
    if (!copy)
      return out_of_memory(err);
    touched(c, f);
    c->vals[f].state = LX_KNOWN;
    c->vals[f].v.s = copy;
    c->vals[f].v.slen = (uint32_t)len;
    return LEXLOCI_OK;
  }
  default: {
    int code;
    lexloci_status st = element(f, s, len, &code, err, file, line, col);
    if (st != LEXLOCI_OK)
      return st;
    touched(c, f);
    c->vals[f].state = LX_KNOWN;
    c->vals[f].v.u.code = code;
    return LEXLOCI_OK;
  }
  }
}

/* ------------------------------------------------------------------ */
/* Assumptions                                                          */
/* ------------------------------------------------------------------ */

lexloci_status lx_case_assume_set(lexloci_case *c, size_t si,
                                  const char *const *codes,
                                  const int32_t *from, size_t n,
                                  lexloci_error *err, const char *file,
                                  int line, int col)
{
  const lx_set *set = &c->rs->sets[si];
  int *idx = lx_arena_alloc(&c->arena, (n + 1) * sizeof *idx);
  int32_t *pts = lx_arena_alloc(&c->arena, (n + 1) * sizeof *pts);
  if (!idx || !pts)
    return out_of_memory(err);
  for (size_t i = 0; i < n; i++) {
    size_t len = strlen(codes[i]);
    idx[i] = set->domain == LX_DOM_NONE
                 ? lx_country_index(codes[i], len)
                 : lx_domain_value(set->domain, codes[i], len);
    if (idx[i] < 0)
      return fact_error(err, file, line, col,
                        "assume.%s: '%.40s' is not a %s%s", set->name,
                        codes[i],
                        set->domain == LX_DOM_NONE
                            ? "country code"
                            : lx_domains[set->domain].name,
                        set->domain == LX_DOM_NONE
                            ? lx_country_hint(codes[i], len)
                            : "");
  }
  /* Membership changes only on the given dates. */
  size_t np = 0;
  pts[np++] = INT32_MIN;
  for (size_t i = 0; i < n; i++)
    if (from[i] != INT32_MIN)
      pts[np++] = from[i];
  for (size_t i = 1; i < np; i++)
    for (size_t j = i; j > 1 && pts[j - 1] > pts[j]; j--) {
      int32_t t = pts[j];
      pts[j] = pts[j - 1];
      pts[j - 1] = t;
    }
  size_t u = 0;
  for (size_t i = 0; i < np; i++)
    if (u == 0 || pts[u - 1] != pts[i])
      pts[u++] = pts[i];
  lx_timeline *tl = lx_arena_alloc(&c->arena, sizeof *tl);
  lx_bits *bits = lx_arena_alloc(&c->arena, u * sizeof *bits);
  if (!tl || !bits)
    return out_of_memory(err);
  for (size_t k = 0; k < u; k++) {
    lx_bits_clear(&bits[k]);
    for (size_t i = 0; i < n; i++)
      if (from[i] <= pts[k])
        lx_bits_set(&bits[k], (unsigned)idx[i]);
  }
  tl->starts = pts;
  tl->bits = bits;
  tl->n = u;
  c->set_override[si] = tl;
  c->sets_overridden = true;
  c->valid = false;
  return LEXLOCI_OK;
}

lexloci_status lx_case_assume_value(lexloci_case *c, size_t vi,
                                    const char *text, size_t len,
                                    lexloci_error *err, const char *file,
                                    int line, int col)
{
  const lx_value *val = &c->rs->values[vi];
  lx_scalar v;
  memset(&v, 0, sizeof v);
  text = trim(text, &len);
  char w[128];
  snprintf(w, sizeof w, "%.*s", (int)(len < 120 ? len : 120), text);
  bool ok = true;
  switch (val->base) {
  case LX_DATE:
    ok = lx_date_parse(text, len, &v.u.date);
    break;
  case LX_NUMBER: {
    char *end;
    v.u.num = strtod(w, &end);
    ok = *w && !*end && len <= 120 && v.u.num == v.u.num;
    break;
  }
  case LX_BOOL:
    ok = strcmp(w, "true") == 0 || strcmp(w, "false") == 0;
    v.u.b = w[0] == 't';
    break;
  case LX_COUNTRY:
    v.u.code = lx_country_index(text, len);
    ok = v.u.code >= 0;
    break;
  default:
    if (!utf8_ok(text, len))
      return fact_error(err, file, line, col, "assume.%s is not valid UTF-8",
                        val->name);
    v.s = lx_arena_strndup(&c->arena, text, len);
    v.slen = (uint32_t)len;
    if (!v.s)
      return out_of_memory(err);
    break;
  }
  if (!ok) {
    static const char *const names[] = {"true or false", "a number",
                                        "a date YYYY-MM-DD", "text",
                                        "a country code", "a value"};
    return fact_error(err, file, line, col, "assume.%s must be %s, not '%s'",
                      val->name, names[val->base], w);
  }
  c->value_override[vi] = v;
  c->value_overridden[vi] = true;
  c->valid = false;
  return LEXLOCI_OK;
}

/* Parses an assume value written as text: "GB,AU", "[GB, AU]", "[]",
   "{CA: 2027-01-01, GB: always}". */
static lexloci_status assume_text(lexloci_case *c, size_t si,
                                  const char *s, size_t len,
                                  lexloci_error *err)
{
  s = trim(s, &len);
  bool map = len >= 2 && s[0] == '{' && s[len - 1] == '}';
  if ((len >= 2 && s[0] == '[' && s[len - 1] == ']') || map) {
    s++;
    len -= 2;
  }
  enum { MAXN = 300, MAXLEN = 48 }; /* longer than any enumerated value */
  const char *codes[MAXN];
  int32_t from[MAXN];
  char buf[MAXN][MAXLEN];
  size_t n = 0, i = 0;
  while (i < len) {
    size_t j = i;
    while (j < len && s[j] != ',')
      j++;
    size_t elen = j - i;
    const char *e = trim(s + i, &elen);
    i = j + 1;
    if (!elen)
      continue;
    if (n == MAXN)
      return fact_error(err, NULL, 0, 0, "too many members");
    from[n] = INT32_MIN;
    size_t klen = elen;
    const char *colon = memchr(e, ':', elen);
    if (colon) {
      klen = (size_t)(colon - e);
      size_t dlen = elen - klen - 1;
      const char *d = trim(colon + 1, &dlen);
      if (!(dlen == 6 && memcmp(d, "always", 6) == 0) &&
          !lx_date_parse(d, dlen, &from[n]))
        return fact_error(err, NULL, 0, 0, "assume.%s: '%.*s' is not a "
                          "date YYYY-MM-DD", c->rs->sets[si].name,
                          (int)(dlen < 40 ? dlen : 40), d);
    }
    e = trim(e, &klen);
    snprintf(buf[n], sizeof buf[n], "%.*s",
             (int)(klen < MAXLEN - 1 ? klen : MAXLEN - 1), e);
    codes[n] = buf[n];
    n++;
  }
  return lx_case_assume_set(c, si, codes, from, n, err, NULL, 0, 0);
}

typedef struct hint_ud {
  lx_suggest *s;
} hint_ud;

lexloci_status lexloci_case_set_path(lexloci_case *c, const char *path,
                                     const char *value, lexloci_error *err)
{
  if (!c || !path || !value)
    return LEXLOCI_EMISUSE;
  const lexloci_ruleset *rs = c->rs;
  if (strncmp(path, "assume.", 7) == 0) {
    const char *name = path + 7;
    for (size_t i = 0; i < rs->nsets; i++)
      if (strcmp(rs->sets[i].name, name) == 0)
        return assume_text(c, i, value, strlen(value), err);
    for (size_t i = 0; i < rs->nvalues; i++)
      if (strcmp(rs->values[i].name, name) == 0)
        return lx_case_assume_value(c, i, value, strlen(value), err, NULL,
                                    0, 0);
    lx_suggest s;
    char hint[128];
    lx_suggest_init(&s, name);
    for (size_t i = 0; i < rs->nsets; i++)
      lx_suggest_try(&s, rs->sets[i].name);
    for (size_t i = 0; i < rs->nvalues; i++)
      lx_suggest_try(&s, rs->values[i].name);
    return fact_error(err, NULL, 0, 0, "the rule set defines no set or "
                      "value '%.60s' to assume%s", name,
                      lx_suggest_hint(&s, hint, sizeof hint));
  }
  int f = lx_fact_find(path, strlen(path));
  if (f < 0) {
    char hint[128];
    return fact_error(err, NULL, 0, 0, "unknown fact '%.80s'%s", path,
                      lx_fact_hint(path, hint, sizeof hint));
  }
  return lx_case_parse_value(c, f, value, strlen(value), NULL, 0, 0, err);
}
