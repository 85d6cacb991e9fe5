/*
** render.c: words for a verdict: outcome names, fact values quoted in a
** rule's text, and the one-line summary. Writes into caller buffers only.
*/
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "country.h"
#include "date.h"
#include "verdict.h"

void lx_out_put(lx_out *o, const char *s, size_t n)
{
  if (o->len < o->cap) {
    size_t room = o->cap - o->len;
    memcpy(o->buf + o->len, s, n < room ? n : room);
  }
  o->len += n;
}

void lx_out_str(lx_out *o, const char *s)
{
  lx_out_put(o, s, strlen(s));
}

void lx_out_fmt(lx_out *o, const char *fmt, ...)
{
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n > 0)
    lx_out_put(o, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

size_t lx_out_end(lx_out *o)
{
  if (o->cap)
    o->buf[o->len < o->cap ? o->len : o->cap - 1] = '\0';
  return o->len;
}

static const char *const outcome_names[LEXLOCI_OUTCOME_COUNT] = {
  "undetermined", "conflict", "must_disclose", "must_not_disclose",
  "must_preserve", "may_disclose", "not_compellable", "no_applicable_regime",
  "not_applicable", "info"};

const char *lx_outcome_name(lexloci_outcome o)
{
  return (unsigned)o < LEXLOCI_OUTCOME_COUNT ? outcome_names[o] : "?";
}

void lx_render_element(const lx_factdef *fd, int code, lx_out *o)
{
  if (fd->base == LX_COUNTRY) {
    char cc[3];
    lx_country_code(code, cc);
    lx_out_str(o, cc);
  } else {
    lx_out_str(o, lx_domains[fd->domain].values[code]);
  }
}

void lx_render_fact(const lexloci_case *c, int f, lx_out *o)
{
  const lx_factdef *fd = &lx_facts[f];
  const lx_fval *v = &c->vals[f];
  if (v->state == LX_UNKNOWN) {
    lx_out_str(o, "unknown");
    return;
  }
  if (v->state == LX_NULL) {
    lx_out_str(o, "none");
    return;
  }
  if (fd->list) {
    const lx_bits *b = &c->lists[f];
    if (lx_bits_empty(b)) {
      lx_out_str(o, "none");
      return;
    }
    bool first = true;
    for (int i = lx_bits_next(b, 0); i >= 0; i = lx_bits_next(b, i + 1)) {
      if (!first)
        lx_out_str(o, ", ");
      first = false;
      lx_render_element(fd, i, o);
    }
    return;
  }
  switch (fd->base) {
  case LX_BOOL:
    lx_out_str(o, v->v.u.b ? "true" : "false");
    break;
  case LX_NUMBER:
    lx_out_fmt(o, "%g", v->v.u.num);
    break;
  case LX_DATE: {
    char d[11];
    lx_date_format(v->v.u.date, d);
    lx_out_str(o, d);
    break;
  }
  case LX_TEXT:
    lx_out_put(o, v->v.s, v->v.slen);
    break;
  default:
    lx_render_element(fd, v->v.u.code, o);
    break;
  }
}

void lx_render_quoted(const lexloci_case *c, int f, unsigned cats,
                      lx_out *o)
{
  if (f != LX_F_CATEGORIES) {
    lx_render_fact(c, f, o);
    return;
  }
  for (unsigned m = cats; m; m &= m - 1) {
    lx_render_element(&lx_facts[f], __builtin_ctz(m), o);
    if (m & (m - 1))
      lx_out_str(o, ", ");
  }
}

void lx_render_rule_text(const lexloci_case *c, const lx_rule *r,
                         unsigned cats, lx_out *o)
{
  for (size_t i = 0; i < r->nsegs; i++) {
    if (r->segs[i].fact < 0)
      lx_out_put(o, r->segs[i].s, r->segs[i].len);
    else
      lx_render_quoted(c, r->segs[i].fact, cats, o);
  }
}

lexloci_outcome lx_verdict_regime_outcome(const lexloci_verdict *v,
                                          size_t g)
{
  if (v->deciding < 0)
    return LEXLOCI_NOT_APPLICABLE;
  return v->c->cat[v->deciding].outcome[g];
}

bool lx_verdict_unsettled(const lexloci_verdict *v, int g)
{
  const lexloci_ruleset *rs = v->c->rs;
  size_t from = g < 0 ? 0 : v->reg_first[g];
  size_t n = g < 0 ? v->nfindings : v->reg_nfind[g];
  for (size_t i = from; i < from + n; i++)
    if (rs->rules[v->findings[i].rule].unsettled)
      return true;
  return false;
}

/* The regimes whose outcome is o, joined: "us.cloud_act and uk.copo". */
static size_t regimes_with(const lexloci_verdict *v, lexloci_outcome o,
                           lx_out *out)
{
  const lexloci_ruleset *rs = v->c->rs;
  size_t n = 0, total = 0;
  for (size_t g = 0; g < rs->nregimes; g++)
    total += lx_verdict_regime_outcome(v, g) == o;
  for (size_t g = 0; g < rs->nregimes; g++) {
    if (lx_verdict_regime_outcome(v, g) != o)
      continue;
    if (n)
      lx_out_str(out, n + 1 == total ? " and " : ", ");
    lx_out_str(out, rs->regimes[g].id);
    n++;
  }
  return n;
}

void lx_render_summary(const lexloci_verdict *v, lx_out *o)
{
  const lexloci_ruleset *rs = v->c->rs;
  switch (v->kind) {
  case LEXLOCI_UNDETERMINED: {
    int n = 0;
    lx_out_str(o, "Undetermined: the answer depends on facts the case does "
                  "not give (");
    for (int f = 0; f < lx_nfacts; f++)
      if (v->missing >> f & 1)
        lx_out_fmt(o, "%s%s", n++ ? ", " : "", lx_facts[f].path);
    lx_out_str(o, ").");
    break;
  }
  case LEXLOCI_CONFLICT:
    lx_out_str(o, "Conflict: ");
    regimes_with(v, LEXLOCI_MUST_DISCLOSE, o);
    lx_out_str(o, " requires disclosure while ");
    regimes_with(v, LEXLOCI_MUST_NOT_DISCLOSE, o);
    lx_out_str(o, " forbids it.");
    break;
  case LEXLOCI_MUST_DISCLOSE:
    lx_out_str(o, "Must disclose: ");
    regimes_with(v, LEXLOCI_MUST_DISCLOSE, o);
    lx_out_str(o, " requires disclosure and no regime forbids it.");
    break;
  case LEXLOCI_MUST_NOT_DISCLOSE:
    lx_out_str(o, "Must not disclose: ");
    regimes_with(v, LEXLOCI_MUST_NOT_DISCLOSE, o);
    lx_out_str(o, " forbids disclosure and no regime requires it.");
    break;
  case LEXLOCI_MUST_PRESERVE:
    lx_out_str(o, "Must preserve: ");
    regimes_with(v, LEXLOCI_MUST_PRESERVE, o);
    lx_out_str(o, " requires the data to be preserved; no regime requires "
                  "or forbids disclosure.");
    break;
  case LEXLOCI_MAY_DISCLOSE:
    lx_out_str(o, "May disclose: ");
    regimes_with(v, LEXLOCI_MAY_DISCLOSE, o);
    lx_out_str(o, " permits disclosure; no regime requires or forbids it.");
    break;
  case LEXLOCI_NOT_COMPELLABLE:
    lx_out_str(o, "Not compellable: ");
    regimes_with(v, LEXLOCI_NOT_COMPELLABLE, o);
    lx_out_str(o, " applies, but this demand cannot compel disclosure.");
    break;
  default:
    lx_out_fmt(o, "No applicable regime: none of the %zu regimes reaches "
                  "this demand.", rs->nregimes);
    break;
  }
  if (__builtin_popcount(v->cats) > 1) {
    bool differ = false;
    for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
      if ((v->cats >> k & 1) && v->by_cat[k] != v->kind)
        differ = true;
    if (differ) {
      lx_out_str(o, " By category:");
      const char *sep = " ";
      for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++) {
        if (!(v->cats >> k & 1))
          continue;
        lx_out_fmt(o, "%s%s %s", sep,
                   lexloci_category_name((lexloci_category)k),
                   lx_outcome_name(v->by_cat[k]));
        sep = ", ";
      }
      lx_out_str(o, ".");
    }
  }
}
