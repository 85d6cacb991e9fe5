/*
** fuzz_eval.c: evaluation of random cases against the bundled rule set.
** The input bytes choose, fact by fact, whether it is unknown or which
** value it has (drawn from the vocabulary and the dates, numbers and
** countries the rules test), and which assumptions override reference
** sets. Every verdict must satisfy the invariants of check.c, and a
** verdict that is not undetermined must not change when a fact the case
** leaves unknown (one with no default) is given a value: that is what
** "undetermined" promises (spec/verdict.md), except for facts that rules
** test with `is known` / `is unknown`, which look at the case itself
** (docs/rule-language.md, "Unknown facts").
** See LICENSE for copying conditions.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "program.h"
#include "vocab.h"

static const char *const countries[] = {
  "US", "GB", "IE", "DE", "FR", "NL", "BE", "LU", "JP", "CA", "AU", "NZ",
  "CN", "RU", "BR", "IN", "CH", "NO", "IS", "DK", "PL", "IT", "ES", "SE"};
static const char *const dates[] = {
  "1990-01-01", "2001-11-23", "2004-07-01", "2018-03-22", "2018-03-23",
  "2018-05-25", "2019-02-12", "2022-10-03", "2022-10-04", "2023-07-28",
  "2026-08-17", "2026-08-18", "2026-11-28", "2028-01-01", "2040-12-31"};
static const char *const numbers[] = {"0", "0.5", "1", "2", "3", "4", "5",
                                      "6", "10", "12", "36", "100", "-1"};

#define COUNT(a) (unsigned)(sizeof(a) / sizeof((a)[0]))

/* A value for fact f, written as text for lexloci_case_set_path. */
static void value_for(fz_bytes *b, int f, char *buf, size_t cap)
{
  const lx_factdef *fd = &lx_facts[f];
  if (fd->nullable && fz_pick(b, 4) == 0) {
    snprintf(buf, cap, "null");
    return;
  }
  unsigned n = fd->list ? fz_pick(b, 4) : 1;
  size_t len = 0;
  buf[0] = '\0';
  for (unsigned i = 0; i < n; i++) {
    const char *s = "x";
    switch (fd->base) {
    case LX_BOOL: s = fz_pick(b, 2) ? "true" : "false"; break;
    case LX_NUMBER: s = numbers[fz_pick(b, COUNT(numbers))]; break;
    case LX_DATE: s = dates[fz_pick(b, COUNT(dates))]; break;
    case LX_TEXT: s = fz_pick(b, 2) ? "Example" : "\"quoted\"\\"; break;
    case LX_COUNTRY: s = countries[fz_pick(b, COUNT(countries))]; break;
    case LX_ENUM: {
      const lx_domain *d = &lx_domains[fd->domain];
      s = d->values[fz_pick(b, (unsigned)d->n)];
      break;
    }
    }
    len += (size_t)snprintf(buf + len, cap - len, "%s%s", i ? "," : "", s);
    if (len >= cap)
      len = cap - 1;
  }
  if (fd->list && n == 0)
    snprintf(buf, cap, "[]");
}

static void set(lexloci_case *c, const char *path, const char *value)
{
  if (getenv("LEXLOCI_FUZZ_VERBOSE"))
    fprintf(stderr, "%s=%s\n", path, value);
  lexloci_error err;
  lexloci_status st = lexloci_case_set_path(c, path, value, &err);
  if (st != LEXLOCI_OK)
    fz_check_error(st, &err);
}

/* Facts whose being known or not a rule tests (with what derives from
   them: request.addressee_state from the instrument, headquarters and
   legal representative). */
static uint64_t knownness_read(const lexloci_ruleset *rs)
{
  uint64_t m = 0;
  for (size_t i = 0; i < rs->nconds; i++)
    if (rs->conds[i].kind == LX_C_ATOM && rs->conds[i].op == LX_OP_KNOWN &&
        rs->conds[i].fact >= 0)
      m |= (uint64_t)1 << rs->conds[i].fact;
  if (m >> LX_F_ADDRESSEE_STATE & 1)
    m |= (uint64_t)1 << LX_F_INSTRUMENT | (uint64_t)1 << LX_F_HEADQUARTERS |
         (uint64_t)1 << LX_F_LEGAL_REP;
  return m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static lexloci_case *c;
  const lexloci_ruleset *rs = fz_bundled();
  if (!c && lexloci_case_new(rs, &c) != LEXLOCI_OK)
    fz_fail("case_new failed");
  lexloci_case_reset(c);
  fz_bytes b = {data, size, 0};
  bool given[64] = {false};
  char buf[256];
  /* The facts every case must give are usually given. */
  bool force = fz_pick(&b, 8) != 0;
  for (int f = 0; f < lx_nfacts && f < 64; f++) {
    bool required = lx_facts[f].required || f == LX_F_DATE;
    if (lx_fact_derived(f) || (!(force && required) && fz_pick(&b, 3) == 0))
      continue; /* a derived fact is refused (test_case covers it) */
    value_for(&b, f, buf, sizeof buf);
    if (required && lx_facts[f].list && strcmp(buf, "[]") == 0)
      snprintf(buf, sizeof buf, "%s", f == LX_F_CATEGORIES ? "content" : "US");
    set(c, lx_facts[f].path, buf);
    given[f] = true;
  }
  /* Assumptions: a reference set overridden with a few countries. */
  unsigned nassume = fz_pick(&b, 3);
  for (unsigned i = 0; i < nassume; i++) {
    size_t ns = lexloci_ruleset_set_count(rs);
    lexloci_set_info si;
    if (!ns || lexloci_ruleset_set(rs, fz_pick(&b, (unsigned)ns), &si))
      break;
    char path[160];
    snprintf(path, sizeof path, "assume.%s", si.name);
    if (si.is_value)
      snprintf(buf, sizeof buf, "%s", fz_pick(&b, 2) ? si.value : "GB");
    else
      snprintf(buf, sizeof buf, "%s,%s", countries[fz_pick(&b, COUNT(countries))],
               countries[fz_pick(&b, COUNT(countries))]);
    set(c, path, buf);
  }
  const lexloci_verdict *v = NULL;
  lexloci_error err;
  lexloci_status st = lexloci_eval(c, &v, &err);
  if (st != LEXLOCI_OK) {
    fz_check_error(st, &err);
    return 0;
  }
  fz_check_verdict(c, v);
  /* Missing facts are facts the case leaves unknown. */
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++) {
    lexloci_fact f = lexloci_verdict_missing(v, i);
    FZ_CHECK(f >= 0 && f < 64 && !given[f], "missing %s, which the case gives",
             lexloci_fact_name(f));
  }
  lexloci_outcome kind = lexloci_verdict_kind(v);
  if (kind == LEXLOCI_UNDETERMINED)
    return 0;
  /* A settled verdict stays settled whatever an unknown fact turns out to
     be. */
  int f = (int)fz_pick(&b, (unsigned)lx_nfacts);
  if (given[f] || lx_fact_derived(f) || lx_facts[f].def != LX_NODEFAULT ||
      lx_facts[f].base == LX_TEXT || (knownness_read(rs) >> f & 1))
    return 0;
  value_for(&b, f, buf, sizeof buf);
  set(c, lx_facts[f].path, buf);
  st = lexloci_eval(c, &v, &err);
  FZ_CHECK(st == LEXLOCI_OK, "eval failed after setting %s: %s",
           lx_facts[f].path, err.message);
  FZ_CHECK(lexloci_verdict_kind(v) == kind,
           "verdict %s, but %s when unknown %s = %s",
           lexloci_outcome_name(kind),
           lexloci_outcome_name(lexloci_verdict_kind(v)), lx_facts[f].path,
           buf);
  return 0;
}
