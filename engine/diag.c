/*
** diag.c: diagnostics and suggestions.
*/
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void lx_diag_init(lx_diag *d, const lexloci_config *cfg)
{
  memset(d, 0, sizeof *d);
  if (cfg) {
    d->cb = cfg->diag;
    d->ud = cfg->diag_ud;
  }
}

size_t lx_utf8_seq(const char *s, size_t n)
{
  const unsigned char *p = (const unsigned char *)s;
  unsigned c = p[0], cp, min;
  size_t k;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    k = 2, cp = c & 0x1F, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    k = 3, cp = c & 0x0F, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    k = 4, cp = c & 0x07, min = 0x10000;
  else
    return 0;
  if (n < k)
    return 0;
  for (size_t i = 1; i < k; i++) {
    if ((p[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (p[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return k;
}

/* Messages quote input cut to a length ("%.80s") and vsnprintf cuts at
   the buffer's end: either may split a UTF-8 sequence, and a path need
   not be UTF-8. Drops every byte not in a well-formed sequence, so that
   an error is always UTF-8 (the CLI writes errors into JSON). */
static void utf8_clean(char *s)
{
  size_t n = strlen(s), j = 0;
  for (size_t i = 0; i < n;) {
    size_t k = lx_utf8_seq(s + i, n - i);
    if (!k) {
      i++;
      continue;
    }
    memmove(s + j, s + i, k);
    i += k;
    j += k;
  }
  s[j] = '\0';
}

static void fill(lexloci_error *e, lexloci_status code, lexloci_severity sev,
                 const char *file, int line, int col, const char *fmt,
                 va_list ap)
{
  e->code = code;
  e->severity = sev;
  e->line = line;
  e->col = col;
  snprintf(e->file, sizeof e->file, "%s", file ? file : "");
  vsnprintf(e->message, sizeof e->message, fmt, ap);
  utf8_clean(e->file);
  utf8_clean(e->message);
}

void lx_diag_report(lx_diag *d, lexloci_status code, lexloci_severity sev,
                    const char *file, int line, int col, const char *fmt, ...)
{
  lexloci_error e;
  va_list ap;
  va_start(ap, fmt);
  fill(&e, code, sev, file, line, col, fmt, ap);
  va_end(ap);
  if (sev == LEXLOCI_SEV_ERROR) {
    if (d->nerrors++ == 0)
      d->first = e;
  } else if (sev == LEXLOCI_SEV_WARNING) {
    d->nwarnings++;
  }
  if (d->mem) {
    lexloci_error *slot = lx_vec_push(&d->held, d->mem);
    if (slot) {
      *slot = e;
      return;
    }
  }
  if (d->cb)
    d->cb(d->ud, &e);
}

void lx_diag_hold(lx_diag *d, const lx_mem *m)
{
  d->mem = m;
  lx_vec_init(&d->held, sizeof(lexloci_error));
}

/* Diagnostics without a file come last; the rest by file, line, column. */
static bool before(const lexloci_error *a, const lexloci_error *b)
{
  if (!a->file[0] != !b->file[0])
    return a->file[0] != '\0';
  int c = strcmp(a->file, b->file);
  if (c)
    return c < 0;
  if (a->line != b->line)
    return a->line < b->line;
  return a->col < b->col;
}

void lx_diag_flush(lx_diag *d)
{
  if (!d->mem)
    return;
  lexloci_error *e = d->held.items;
  size_t n = d->held.n;
  /* A stable insertion sort: diagnostics at one place keep their order. */
  for (size_t i = 1; i < n; i++) {
    lexloci_error t = e[i];
    size_t j = i;
    for (; j > 0 && before(&t, &e[j - 1]); j--)
      e[j] = e[j - 1];
    e[j] = t;
  }
  bool have_first = false;
  for (size_t i = 0; i < n; i++) {
    if (e[i].severity == LEXLOCI_SEV_ERROR && !have_first &&
        e[i].code != LEXLOCI_ENOMEM) {
      d->first = e[i];
      have_first = true;
    }
    if (d->cb)
      d->cb(d->ud, &e[i]);
  }
  lx_vec_free(&d->held, d->mem);
  d->mem = NULL;
}

void lx_diag_oom(lx_diag *d)
{
  if (!d->oom)
    lx_diag_report(d, LEXLOCI_ENOMEM, LEXLOCI_SEV_ERROR, NULL, 0, 0,
                   "out of memory");
  d->oom = true;
}

lexloci_status lx_diag_result(const lx_diag *d, lexloci_error *err)
{
  if (d->nerrors == 0)
    return LEXLOCI_OK;
  lexloci_status code = d->oom ? LEXLOCI_ENOMEM : d->first.code;
  if (err) {
    *err = d->first;
    err->code = code;
  }
  return code;
}

void lx_error_set(lexloci_error *err, lexloci_status code, const char *file,
                  int line, int col, const char *fmt, ...)
{
  if (!err)
    return;
  va_list ap;
  va_start(ap, fmt);
  fill(err, code, LEXLOCI_SEV_ERROR, file, line, col, fmt, ap);
  va_end(ap);
}

/* ------------------------------------------------------------------ */

/* Optimal string alignment distance (a transposition costs 1), for short
   names only: longer inputs get a large distance. */
int lx_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
  enum { N = 64 };
  if (alen >= N || blen >= N)
    return 1000;
  int d[N][N];
  for (size_t i = 0; i <= alen; i++)
    d[i][0] = (int)i;
  for (size_t j = 0; j <= blen; j++)
    d[0][j] = (int)j;
  for (size_t i = 1; i <= alen; i++) {
    for (size_t j = 1; j <= blen; j++) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = d[i - 1][j] + 1;
      if (d[i][j - 1] + 1 < v)
        v = d[i][j - 1] + 1;
      if (d[i - 1][j - 1] + cost < v)
        v = d[i - 1][j - 1] + cost;
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          d[i - 2][j - 2] + 1 < v)
        v = d[i - 2][j - 2] + 1;
      d[i][j] = v;
    }
  }
  return d[alen][blen];
}

void lx_suggest_init(lx_suggest *s, const char *name)
{
  s->name = name;
  s->namelen = strlen(name);
  s->best = NULL;
  s->bestscore = 1 << 30;
}

static size_t common_prefix(const char *a, const char *b)
{
  size_t n = 0;
  while (a[n] && a[n] == b[n])
    n++;
  return n;
}

/* A candidate is acceptable when it is a small edit away (a third of the
   name's length, at least 1), or, for dotted paths, when it shares the
   parent and at least four leading letters of the last component
   ('request.issuer' -> 'request.issuing_state'). */
void lx_suggest_try(lx_suggest *s, const char *cand)
{
  size_t clen = strlen(cand);
  int dist = lx_edit_distance(s->name, s->namelen, cand, clen);
  int limit = (int)(s->namelen / 3);
  if (limit < 1)
    limit = 1;
  if (limit > 4)
    limit = 4;
  int score = dist <= limit ? dist : 1 << 30;
  if (score == 1 << 30) {
    const char *nd = strrchr(s->name, '.');
    const char *cd = strrchr(cand, '.');
    size_t np = nd ? (size_t)(nd - s->name) : 0;
    size_t cp = cd ? (size_t)(cd - cand) : 0;
    if (np == cp && strncmp(s->name, cand, np) == 0) {
      const char *nl = nd ? nd + 1 : s->name;
      const char *cl = cd ? cd + 1 : cand;
      size_t pre = common_prefix(nl, cl);
      if (pre >= 4)
        score = 100 - (int)pre;
    }
  }
  if (score < s->bestscore) {
    s->bestscore = score;
    s->best = cand;
  }
}

const char *lx_suggest_hint(const lx_suggest *s, char *buf, size_t cap)
{
  if (!s->best || s->bestscore == 1 << 30) {
    if (cap)
      buf[0] = '\0';
    return buf;
  }
  snprintf(buf, cap, "; did you mean '%s'?", s->best);
  return buf;
}
