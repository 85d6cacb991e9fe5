/*
** check.c: what the fuzz targets share: the bundled rule set, fuzz bytes,
** a strict JSON parser, and the invariants of a verdict (fuzz.h).
** See LICENSE for copying conditions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fz_fail(const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fputs("invariant broken: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  abort();
}

static void *xmalloc(size_t n)
{
  void *p = malloc(n ? n : 1);
  if (!p)
    fz_fail("out of memory in the fuzz harness");
  return p;
}

static void ignore_diag(void *ud, const lexloci_error *e)
{
  (void)ud;
  (void)e;
}

const lexloci_ruleset *fz_bundled(void)
{
  static lexloci_ruleset *rs;
  if (rs)
    return rs;
  const char *dir = getenv("LEXLOCI_FUZZ_RULES");
#ifdef LEXLOCI_SOURCE_DIR
  if (!dir)
    dir = LEXLOCI_SOURCE_DIR "/rules";
#endif
  if (!dir)
    fz_fail("set LEXLOCI_FUZZ_RULES to the bundled rules folder");
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = ignore_diag;
  lexloci_error err;
  if (lexloci_ruleset_load(&cfg, dir, &rs, &err) != LEXLOCI_OK)
    fz_fail("the bundled rule set %s does not load: %s:%d:%d: %s", dir,
            err.file, err.line, err.col, err.message);
  return rs;
}

unsigned fz_byte(fz_bytes *b)
{
  return b->i < b->n ? b->p[b->i++] : 0;
}

unsigned fz_pick(fz_bytes *b, unsigned n)
{
  unsigned v = fz_byte(b);
  if (n > 256)
    v = v << 8 | fz_byte(b);
  return v % n;
}

static size_t utf8_len(const unsigned char *s, size_t n);

static bool utf8_text(const char *s)
{
  size_t n = strlen(s);
  for (size_t i = 0, k; i < n; i += k)
    if (!(k = utf8_len((const unsigned char *)s + i, n - i)))
      return false;
  return true;
}

void fz_check_error(lexloci_status st, const lexloci_error *e)
{
  FZ_CHECK(st > LEXLOCI_OK && st <= LEXLOCI_EMISUSE, "status %d", (int)st);
  FZ_CHECK(memchr(e->message, '\0', sizeof e->message) != NULL,
           "error message not terminated");
  FZ_CHECK(memchr(e->file, '\0', sizeof e->file) != NULL,
           "error file not terminated");
  FZ_CHECK(e->message[0] != '\0', "empty error message (status %d)",
           (int)st);
  FZ_CHECK(e->line >= 0 && e->col >= 0, "negative position %d:%d", e->line,
           e->col);
  FZ_CHECK(utf8_text(e->message) && utf8_text(e->file),
           "error message or file is not UTF-8: %s", e->message);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */
/* ------------------------------------------------------------------ */

typedef struct jp {
  const char *s;
  size_t n, i;
  int depth;
  bool bad;
} jp;

static void ws(jp *p)
{
  while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                         p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static bool lit(jp *p, const char *w)
{
  size_t k = strlen(w);
  if (p->n - p->i < k || memcmp(p->s + p->i, w, k) != 0)
    return false;
  p->i += k;
  return true;
}

static int hexval(int ch)
{
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* Length of the well-formed UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
  unsigned c = s[0];
  size_t k;
  unsigned min;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    k = 2;
    min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    k = 3;
    min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    k = 4;
    min = 0x10000;
  } else {
    return 0;
  }
  if (n < k)
    return 0;
  unsigned cp = c & (0x7F >> k);
  for (size_t i = 1; i < k; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return k;
}

static void put_utf8(char *out, size_t *o, unsigned cp)
{
  if (cp < 0x80) {
    out[(*o)++] = (char)cp;
  } else if (cp < 0x800) {
    out[(*o)++] = (char)(0xC0 | cp >> 6);
    out[(*o)++] = (char)(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out[(*o)++] = (char)(0xE0 | cp >> 12);
    out[(*o)++] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[(*o)++] = (char)(0x80 | (cp & 0x3F));
  } else {
    out[(*o)++] = (char)(0xF0 | cp >> 18);
    out[(*o)++] = (char)(0x80 | (cp >> 12 & 0x3F));
    out[(*o)++] = (char)(0x80 | (cp >> 6 & 0x3F));
    out[(*o)++] = (char)(0x80 | (cp & 0x3F));
  }
}

static unsigned hex4(jp *p)
{
  if (p->n - p->i < 4) {
    p->bad = true;
    return 0;
  }
  unsigned v = 0;
  for (int k = 0; k < 4; k++) {
    int h = hexval((unsigned char)p->s[p->i++]);
    if (h < 0) {
      p->bad = true;
      return 0;
    }
    v = v << 4 | (unsigned)h;
  }
  return v;
}

static char *jstring(jp *p)
{
  if (!lit(p, "\""))
    return NULL;
  /* Decoding never lengthens a string: room for its source form, up to
     the closing quote (not the rest of the input: a long verdict has
     thousands of strings). */
  size_t end = p->i;
  while (end < p->n && p->s[end] != '"')
    end += p->s[end] == '\\' ? 2 : 1;
  char *out = xmalloc((end < p->n ? end : p->n) - p->i + 1);
  size_t o = 0;
  while (!p->bad) {
    if (p->i >= p->n)
      break;
    unsigned char ch = (unsigned char)p->s[p->i];
    if (ch == '"') {
      p->i++;
      out[o] = '\0';
      return out;
    }
    if (ch < 0x20)
      break;
    if (ch == '\\') {
      if (++p->i >= p->n)
        break;
      char e = p->s[p->i++];
      const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
      const char *k = strchr(from, e);
      if (e && k) {
        out[o++] = to[k - from];
        continue;
      }
      if (e != 'u')
        break;
      unsigned cp = hex4(p);
      if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (!lit(p, "\\u"))
          break;
        unsigned lo = hex4(p);
        if (lo < 0xDC00 || lo > 0xDFFF)
          break;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
      } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
        break;
      }
      if (cp == 0 || p->bad)
        break;
      put_utf8(out, &o, cp);
      continue;
    }
    size_t k = utf8_len((const unsigned char *)p->s + p->i, p->n - p->i);
    if (!k)
      break;
    memcpy(out + o, p->s + p->i, k);
    o += k;
    p->i += k;
  }
  free(out);
  p->bad = true;
  return NULL;
}

static fz_json *value(jp *p);

static fz_json *node(fz_jkind kind)
{
  fz_json *j = xmalloc(sizeof *j);
  memset(j, 0, sizeof *j);
  j->kind = kind;
  return j;
}

static void grow(fz_json *j, size_t *cap)
{
  if (j->n < *cap)
    return;
  *cap = *cap ? *cap * 2 : 4;
  j->items = realloc(j->items, *cap * sizeof *j->items);
  if (j->kind == FZ_JOBJ)
    j->keys = realloc(j->keys, *cap * sizeof *j->keys);
  if (!j->items || (j->kind == FZ_JOBJ && !j->keys))
    fz_fail("out of memory in the fuzz harness");
}

static fz_json *container(jp *p, bool obj)
{
  fz_json *j = node(obj ? FZ_JOBJ : FZ_JARR);
  size_t cap = 0;
  p->i++;
  if (++p->depth > 64)
    p->bad = true;
  ws(p);
  if (lit(p, obj ? "}" : "]")) {
    p->depth--;
    return j;
  }
  while (!p->bad) {
    grow(j, &cap);
    if (obj) {
      ws(p);
      char *k = jstring(p);
      if (!k)
        break;
      j->keys[j->n] = k;
      ws(p);
      if (!lit(p, ":")) {
        free(k);
        break;
      }
    }
    fz_json *v = value(p);
    if (!v) {
      if (obj)
        free(j->keys[j->n]);
      break;
    }
    j->items[j->n++] = v;
    ws(p);
    if (lit(p, ",")) {
      continue;
    }
    if (lit(p, obj ? "}" : "]")) {
      p->depth--;
      return j;
    }
    break;
  }
  p->bad = true;
  fz_json_free(j);
  return NULL;
}

/* Skips one or more digits; false if there is none. */
static bool digits(jp *p)
{
  size_t d = p->i;
  while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
    p->i++;
  return p->i > d;
}

static fz_json *number(jp *p)
{
  size_t start = p->i;
  if (p->i < p->n && p->s[p->i] == '-')
    p->i++;
  if (p->i >= p->n)
    return NULL;
  if (p->s[p->i] == '0') {
    p->i++;
  } else if (p->s[p->i] >= '1' && p->s[p->i] <= '9') {
    while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
      p->i++;
  } else {
    return NULL;
  }
  if (p->i < p->n && p->s[p->i] == '.') {
    p->i++;
    if (!digits(p))
      return NULL;
  }
  if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
    p->i++;
    if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
      p->i++;
    if (!digits(p))
      return NULL;
  }
  char tmp[64];
  size_t len = p->i - start;
  if (len >= sizeof tmp)
    return NULL;
  memcpy(tmp, p->s + start, len);
  tmp[len] = '\0';
  fz_json *j = node(FZ_JNUM);
  j->num = strtod(tmp, NULL);
  return j;
}

static fz_json *value(jp *p)
{
  ws(p);
  if (p->i >= p->n || p->bad)
    return NULL;
  char ch = p->s[p->i];
  fz_json *j = NULL;
  if (ch == '{' || ch == '[') {
    j = container(p, ch == '{');
  } else if (ch == '"') {
    char *s = jstring(p);
    if (s) {
      j = node(FZ_JSTR);
      j->str = s;
    }
  } else if (lit(p, "null")) {
    j = node(FZ_JNULL);
  } else if (lit(p, "true")) {
    j = node(FZ_JBOOL);
    j->b = 1;
  } else if (lit(p, "false")) {
    j = node(FZ_JBOOL);
  } else {
    j = number(p);
  }
  if (!j)
    p->bad = true;
  return j;
}

fz_json *fz_json_parse(const char *text, size_t len, size_t *errat)
{
  jp p = {text, len, 0, 0, false};
  fz_json *j = value(&p);
  ws(&p);
  if (j && p.i != len) {
    fz_json_free(j);
    j = NULL;
  }
  if (!j && errat)
    *errat = p.i;
  return j;
}

void fz_json_free(fz_json *j)
{
  if (!j)
    return;
  for (size_t i = 0; i < j->n; i++) {
    fz_json_free(j->items[i]);
    if (j->kind == FZ_JOBJ)
      free(j->keys[i]);
  }
  free(j->items);
  free(j->keys);
  free(j->str);
  free(j);
}

const fz_json *fz_json_get(const fz_json *obj, const char *key)
{
  if (!obj || obj->kind != FZ_JOBJ)
    return NULL;
  for (size_t i = 0; i < obj->n; i++)
    if (strcmp(obj->keys[i], key) == 0)
      return obj->items[i];
  return NULL;
}

static void wstr(FILE *f, const char *s)
{
  fputc('"', f);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      fprintf(f, "\\%c", ch);
    else if (ch == '\n')
      fputs("\\n", f);
    else if (ch == '\t')
      fputs("\\t", f);
    else if (ch == '\r')
      fputs("\\r", f);
    else if (ch < 0x20)
      fprintf(f, "\\u%04x", ch);
    else
      fputc(ch, f);
  }
  fputc('"', f);
}

static void wvalue(FILE *f, const fz_json *j)
{
  switch (j->kind) {
  case FZ_JNULL: fputs("null", f); break;
  case FZ_JBOOL: fputs(j->b ? "true" : "false", f); break;
  case FZ_JNUM: fprintf(f, "%.17g", j->num); break;
  case FZ_JSTR: wstr(f, j->str); break;
  default:
    fputc(j->kind == FZ_JOBJ ? '{' : '[', f);
    for (size_t i = 0; i < j->n; i++) {
      if (i)
        fputc(',', f);
      if (j->kind == FZ_JOBJ) {
        wstr(f, j->keys[i]);
        fputc(':', f);
      }
      wvalue(f, j->items[i]);
    }
    fputc(j->kind == FZ_JOBJ ? '}' : ']', f);
  }
}

char *fz_json_write(const fz_json *j)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f)
    fz_fail("open_memstream failed");
  wvalue(f, j);
  fclose(f);
  return buf;
}

/* ------------------------------------------------------------------ */
/* Verdict invariants                                                   */
/* ------------------------------------------------------------------ */

#define BIT(o) (1u << (o))
#define DISCLOSE_OUTCOMES                                                  \
  (BIT(LEXLOCI_MUST_DISCLOSE) | BIT(LEXLOCI_MUST_NOT_DISCLOSE) |           \
   BIT(LEXLOCI_MUST_PRESERVE) | BIT(LEXLOCI_MAY_DISCLOSE) |                 \
   BIT(LEXLOCI_NOT_COMPELLABLE) | BIT(LEXLOCI_NOT_APPLICABLE))

/* spec/verdict.md, "The overall verdict", from the set of regime outcomes
   (none undetermined). Written again from the spec, not shared with
   engine/eval.c, so that it checks the engine's derivation. */
static lexloci_outcome derive(unsigned set)
{
  bool md = set & BIT(LEXLOCI_MUST_DISCLOSE);
  bool mnd = set & BIT(LEXLOCI_MUST_NOT_DISCLOSE);
  if (md && mnd)
    return LEXLOCI_CONFLICT;
  if (md)
    return LEXLOCI_MUST_DISCLOSE;
  if (mnd)
    return LEXLOCI_MUST_NOT_DISCLOSE;
  if (set & BIT(LEXLOCI_MUST_PRESERVE))
    return LEXLOCI_MUST_PRESERVE;
  if (set & BIT(LEXLOCI_MAY_DISCLOSE))
    return LEXLOCI_MAY_DISCLOSE;
  if (set & BIT(LEXLOCI_NOT_COMPELLABLE))
    return LEXLOCI_NOT_COMPELLABLE;
  return LEXLOCI_NO_APPLICABLE_REGIME;
}

/* Every verdict the combinations of the regimes' possible outcomes give. */
static unsigned derive_all(const unsigned *possible, size_t ng, size_t g,
                           unsigned set, int *budget)
{
  if (g == ng || --*budget < 0)
    return BIT(derive(set));
  unsigned out = 0;
  for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++)
    if (possible[g] >> o & 1)
      out |= derive_all(possible, ng, g + 1, set | BIT(o), budget);
  return out;
}

static void check_citation(const lexloci_citation *c, const char *what,
                           size_t i)
{
  FZ_CHECK(c && c->ref && c->ref[0] && c->title && c->url,
           "%s %zu: a citation without ref, title or url", what, i);
  FZ_CHECK(strncmp(c->url, "https://", 8) == 0, "%s %zu: url '%s'", what, i,
           c->url);
}

static size_t json_into(const lexloci_verdict *v, unsigned flags, char **out)
{
  size_t need = lexloci_verdict_json(v, flags, NULL, 0);
  char *buf = xmalloc(need + 1);
  size_t again = lexloci_verdict_json(v, flags, buf, need + 1);
  FZ_CHECK(again == need, "json: %zu bytes, then %zu", need, again);
  FZ_CHECK(buf[need] == '\0' && strlen(buf) == need,
           "json: not NUL-terminated at %zu", need);
  /* Truncation keeps a prefix, NUL-terminated, and the same length. */
  size_t cap = need / 2 + 1;
  char *half = xmalloc(cap);
  FZ_CHECK(lexloci_verdict_json(v, flags, half, cap) == need,
           "json: truncated length differs");
  FZ_CHECK(half[cap - 1] == '\0' && memcmp(half, buf, cap - 1) == 0,
           "json: truncated output is not a prefix");
  free(half);
  *out = buf;
  return need;
}

static const char *jstr(const fz_json *j, const char *key)
{
  const fz_json *m = fz_json_get(j, key);
  return m && m->kind == FZ_JSTR ? m->str : NULL;
}

static void check_json(const lexloci_verdict *v, const char *text,
                       size_t len, unsigned flags, fz_json **dom)
{
  size_t at = 0;
  fz_json *j = fz_json_parse(text, len, &at);
  FZ_CHECK(j, "json (flags %u) invalid at byte %zu of %zu: ...%.60s",
           flags, at, len, text + (at > 30 ? at - 30 : 0));
  FZ_CHECK(j->kind == FZ_JOBJ, "json: not an object");
  const fz_json *ver = fz_json_get(j, "lexloci");
  FZ_CHECK(ver && ver->kind == FZ_JNUM && ver->num == LEXLOCI_SCHEMA_VERSION,
           "json: lexloci is not the schema version");
  const char *kind = jstr(j, "verdict");
  FZ_CHECK(kind && strcmp(kind, lexloci_outcome_name(
                                    lexloci_verdict_kind(v))) == 0,
           "json: verdict '%s'", kind ? kind : "(none)");
  FZ_CHECK(jstr(j, "summary"), "json: no summary");
  const fz_json *uns = fz_json_get(j, "unsettled");
  FZ_CHECK(uns && uns->kind == FZ_JBOOL &&
               uns->b == lexloci_verdict_unsettled(v),
           "json: unsettled, accessor says %d", lexloci_verdict_unsettled(v));
  const fz_json *regs = fz_json_get(j, "regimes");
  size_t ng = lexloci_verdict_regime_count(v);
  FZ_CHECK(regs && regs->kind == FZ_JARR && regs->n == ng,
           "json: regimes");
  for (size_t i = 0; i < ng; i++) {
    lexloci_regime_result r;
    lexloci_verdict_regime(v, i, &r);
    const char *id = jstr(regs->items[i], "id");
    const char *out = jstr(regs->items[i], "outcome");
    FZ_CHECK(id && strcmp(id, r.id) == 0, "json: regime %zu id", i);
    FZ_CHECK(out && strcmp(out, lexloci_outcome_name(r.outcome)) == 0,
             "json: regime %s outcome '%s', accessor says %s", r.id,
             out ? out : "(none)", lexloci_outcome_name(r.outcome));
    const fz_json *ru = fz_json_get(regs->items[i], "unsettled");
    FZ_CHECK(lexloci_verdict_regime_unsettled(v, i)
                 ? ru && ru->kind == FZ_JBOOL && ru->b
                 : ru == NULL,
             "json: regime %s unsettled", r.id);
    const fz_json *fl = fz_json_get(regs->items[i], "findings");
    FZ_CHECK(fl && fl->kind == FZ_JARR && fl->n == r.nfindings,
             "json: regime %s findings", r.id);
  }
  const fz_json *fs = fz_json_get(j, "findings");
  size_t nf = lexloci_verdict_finding_count(v);
  FZ_CHECK(fs && fs->kind == FZ_JARR && fs->n == nf, "json: findings");
  for (size_t i = 0; i < nf; i++) {
    lexloci_finding f;
    lexloci_verdict_finding(v, i, &f);
    const char *rule = jstr(fs->items[i], "rule");
    FZ_CHECK(rule && strcmp(rule, f.rule) == 0, "json: finding %zu", i);
    const fz_json *cites = fz_json_get(fs->items[i], "citations");
    FZ_CHECK(cites && cites->kind == FZ_JARR && cites->n == f.ncitations &&
                 cites->n > 0,
             "json: finding %s citations", f.rule);
    FZ_CHECK(jstr(fs->items[i], "text"), "json: finding %s text", f.rule);
  }
  const fz_json *cf = fz_json_get(j, "conflicts");
  FZ_CHECK(cf && cf->kind == FZ_JARR &&
               cf->n == lexloci_verdict_conflict_count(v),
           "json: conflicts");
  const fz_json *ac = fz_json_get(j, "actions");
  FZ_CHECK(ac && ac->kind == FZ_JARR &&
               ac->n == lexloci_verdict_action_count(v),
           "json: actions");
  const fz_json *miss = fz_json_get(j, "missing");
  size_t nm = lexloci_verdict_missing_count(v);
  FZ_CHECK(miss && miss->kind == FZ_JARR && miss->n == nm, "json: missing");
  for (size_t i = 0; i < nm; i++)
    FZ_CHECK(miss->items[i]->kind == FZ_JSTR &&
                 strcmp(miss->items[i]->str,
                        lexloci_fact_name(lexloci_verdict_missing(v, i))) ==
                     0,
             "json: missing %zu", i);
  unsigned cats = lexloci_verdict_categories(v);
  const fz_json *bc = fz_json_get(j, "by_category");
  FZ_CHECK((bc != NULL) == (__builtin_popcount(cats) > 1),
           "json: by_category present iff several categories");
  for (int k = 0; bc && k < LEXLOCI_CATEGORY_COUNT; k++) {
    if (!(cats >> k & 1))
      continue;
    const char *o = jstr(bc, lexloci_category_name((lexloci_category)k));
    FZ_CHECK(o && strcmp(o, lexloci_outcome_name(lexloci_verdict_category(
                                v, (lexloci_category)k))) == 0,
             "json: by_category %d", k);
  }
  const fz_json *tr = fz_json_get(j, "trace");
  FZ_CHECK((tr != NULL) == ((flags & LEXLOCI_JSON_TRACE) != 0),
           "json: trace present iff asked for");
  if (tr)
    FZ_CHECK(tr->kind == FZ_JARR && tr->n == lexloci_verdict_step_count(v),
             "json: trace has %zu steps, accessor %zu", tr->n,
             lexloci_verdict_step_count(v));
  *dom = j;
}

/* Removes member key from an object (to compare forms that differ by it). */
static void drop(fz_json *j, const char *key)
{
  for (size_t i = 0; i < j->n; i++) {
    if (strcmp(j->keys[i], key) != 0)
      continue;
    fz_json_free(j->items[i]);
    free(j->keys[i]);
    memmove(j->items + i, j->items + i + 1, (j->n - i - 1) * sizeof *j->items);
    memmove(j->keys + i, j->keys + i + 1, (j->n - i - 1) * sizeof *j->keys);
    j->n--;
    return;
  }
}

static void check_json_forms(lexloci_case *c, const lexloci_verdict *v)
{
  char *compact, *pretty, *traced;
  size_t nc = json_into(v, 0, &compact);
  size_t np = json_into(v, LEXLOCI_JSON_PRETTY, &pretty);
  size_t nt = json_into(v, LEXLOCI_JSON_PRETTY | LEXLOCI_JSON_TRACE, &traced);
  FZ_CHECK(!memchr(compact, '\n', nc), "compact json has a newline");
  /* The trace is added at the end of the pretty form, which it keeps. */
  FZ_CHECK(np > 3 && nt > np && memcmp(pretty, traced, np - 3) == 0 &&
               strcmp(pretty + np - 3, "\n}\n") == 0,
           "json with trace differs beyond trace");
  fz_json *dc, *dp, *dt = NULL;
  check_json(v, compact, nc, 0, &dc);
  check_json(v, pretty, np, LEXLOCI_JSON_PRETTY, &dp);
  /* The trace is long and parsing it is most of the checking time: parse
     it for one verdict in four (by its length, so replays are exact). */
  if (nc % 4 == 0)
    check_json(v, traced, nt, LEXLOCI_JSON_PRETTY | LEXLOCI_JSON_TRACE, &dt);
  /* Round trip: the forms parse to the same value, and writing the value
     back compactly gives the compact form byte for byte. */
  if (dt)
    drop(dt, "trace");
  char *wc = fz_json_write(dc), *wp = fz_json_write(dp),
       *wt = dt ? fz_json_write(dt) : NULL;
  FZ_CHECK(strcmp(wc, wp) == 0, "compact and pretty json differ");
  FZ_CHECK(!wt || strcmp(wc, wt) == 0, "json with trace differs beyond "
           "trace");
  fz_json *again = fz_json_parse(wc, strlen(wc), NULL);
  FZ_CHECK(again, "rewritten json does not parse");
  char *wa = fz_json_write(again);
  FZ_CHECK(strcmp(wa, wc) == 0, "json does not round-trip");
  FZ_CHECK(strcmp(wc, compact) == 0, "json written back differs from the "
           "compact form");
  free(wa);
  fz_json_free(again);
  free(wc);
  free(wp);
  free(wt);
  fz_json_free(dc);
  fz_json_free(dp);
  fz_json_free(dt);
  /* Deterministic: evaluating again gives the same bytes. */
  const lexloci_verdict *v2 = NULL;
  lexloci_error err;
  FZ_CHECK(lexloci_eval(c, &v2, &err) == LEXLOCI_OK,
           "second evaluation failed: %s", err.message);
  char *again2;
  size_t n2 = json_into(v2, LEXLOCI_JSON_PRETTY | LEXLOCI_JSON_TRACE,
                        &again2);
  FZ_CHECK(n2 == nt && memcmp(again2, traced, nt) == 0,
           "evaluation is not deterministic");
  free(again2);
  free(compact);
  free(pretty);
  free(traced);
}

void fz_check_verdict(lexloci_case *c, const lexloci_verdict *v)
{
  lexloci_outcome kind = lexloci_verdict_kind(v);
  FZ_CHECK(kind >= LEXLOCI_UNDETERMINED &&
               kind <= LEXLOCI_NO_APPLICABLE_REGIME,
           "verdict %d is not one of the eight", (int)kind);
  unsigned cats = lexloci_verdict_categories(v);
  FZ_CHECK(cats && cats < (1u << LEXLOCI_CATEGORY_COUNT),
           "categories %#x", cats);
  size_t ng = lexloci_verdict_regime_count(v);
  size_t nf = lexloci_verdict_finding_count(v);
  lexloci_outcome first = LEXLOCI_OUTCOME_COUNT;
  for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++) {
    if (!(cats >> k & 1))
      continue;
    lexloci_outcome vk = lexloci_verdict_category(v, (lexloci_category)k);
    FZ_CHECK(vk <= LEXLOCI_NO_APPLICABLE_REGIME, "category %d: verdict %d",
             k, (int)vk);
    if (vk < first)
      first = vk;
    unsigned set = 0, possible[64];
    bool undecided = false;
    FZ_CHECK(ng <= 64, "too many regimes for the checker");
    for (size_t g = 0; g < ng; g++) {
      lexloci_outcome o =
          lexloci_verdict_regime_category(v, g, (lexloci_category)k);
      lexloci_regime_result r;
      lexloci_verdict_regime(v, g, &r);
      FZ_CHECK(o == LEXLOCI_UNDETERMINED || (DISCLOSE_OUTCOMES >> o & 1),
               "regime %s, category %d: outcome %d", r.id, k, (int)o);
      possible[g] = o == LEXLOCI_UNDETERMINED ? DISCLOSE_OUTCOMES : BIT(o);
      if (o == LEXLOCI_UNDETERMINED) {
        undecided = true;
        continue;
      }
      set |= BIT(o);
      /* A regime's outcome is what a standing finding of it says. */
      if (o == LEXLOCI_NOT_APPLICABLE || o == LEXLOCI_NOT_COMPELLABLE)
        continue;
      bool backed = false;
      for (size_t i = 0; i < nf && !backed; i++) {
        lexloci_finding f;
        lexloci_verdict_finding(v, i, &f);
        backed = strcmp(f.regime, r.id) == 0 && (f.categories >> k & 1) &&
                 f.effect == o;
      }
      FZ_CHECK(backed, "regime %s, category %d: outcome %s but no finding "
               "says so", r.id, k, lexloci_outcome_name(o));
    }
    if (!undecided) {
      FZ_CHECK(vk == derive(set),
               "category %d: verdict %s, but the regime outcomes derive %s",
               k, lexloci_outcome_name(vk),
               lexloci_outcome_name(derive(set)));
    } else if (vk != LEXLOCI_UNDETERMINED) {
      int budget = 1 << 16;
      unsigned all = derive_all(possible, ng, 0, 0, &budget);
      FZ_CHECK(all >> vk & 1, "category %d: verdict %s is not derivable "
               "from the regime outcomes", k, lexloci_outcome_name(vk));
    }
  }
  FZ_CHECK(first == kind, "verdict %s, but the first category's is %s",
           lexloci_outcome_name(kind), lexloci_outcome_name(first));
  size_t nm = lexloci_verdict_missing_count(v);
  FZ_CHECK((kind == LEXLOCI_UNDETERMINED) == (nm > 0),
           "verdict %s with %zu missing facts", lexloci_outcome_name(kind),
           nm);
  for (size_t i = 0; i < nm; i++)
    FZ_CHECK(lexloci_fact_name(lexloci_verdict_missing(v, i)),
             "missing %zu is not a fact", i);
  /* Facts to ask before a deadline: only of a settled verdict, and only
     facts the case leaves out. */
  size_t nr = lexloci_verdict_refine_count(v);
  FZ_CHECK(nr == 0 || kind != LEXLOCI_UNDETERMINED,
           "an undetermined verdict with %zu facts to refine", nr);
  for (size_t i = 0; i < nr; i++) {
    char val[64];
    lexloci_case_fact_text(c, lexloci_verdict_refine(v, i), val, sizeof val);
    FZ_CHECK(strcmp(val, "unknown") == 0, "refine %s, which the case gives",
             lexloci_fact_name(lexloci_verdict_refine(v, i)));
  }
  /* Every finding, conflict and action carries a citation. */
  size_t sum = 0;
  for (size_t i = 0; i < nf; i++) {
    lexloci_finding f;
    FZ_CHECK(lexloci_verdict_finding(v, i, &f) == LEXLOCI_OK, "finding %zu",
             i);
    FZ_CHECK(f.rule && f.regime && (f.categories & ~cats) == 0 &&
                 f.categories,
             "finding %zu: rule, regime or categories", i);
    FZ_CHECK(f.ncitations > 0, "finding %s has no citation", f.rule);
    /* A finding that only may stand waits on facts the case leaves out,
       and says what its regime's outcome is there. */
    unsigned maybe = lexloci_verdict_finding_maybe(v, i);
    size_t nd = lexloci_verdict_finding_depends_count(v, i);
    FZ_CHECK((maybe & ~f.categories) == 0 && (maybe == 0) == (nd == 0),
             "finding %s: may stand in %x of %x, waiting on %zu facts",
             f.rule, maybe, f.categories, nd);
    for (size_t j = 0; j < nd; j++) {
      char val[64];
      lexloci_case_fact_text(c, lexloci_verdict_finding_depends(v, i, j),
                             val, sizeof val);
      FZ_CHECK(strcmp(val, "unknown") == 0,
               "finding %s waits on %s, which the case gives (%s)", f.rule,
               lexloci_fact_name(lexloci_verdict_finding_depends(v, i, j)),
               val);
    }
    for (size_t j = 0; j < f.ncitations; j++)
      check_citation(lexloci_verdict_finding_citation(v, i, j), "finding",
                     i);
    FZ_CHECK(!lexloci_verdict_finding_citation(v, i, f.ncitations),
             "finding %zu: citation past the end", i);
    for (size_t j = 0; j < f.nbecause; j++)
      FZ_CHECK(lexloci_verdict_finding_because(v, i, j),
               "finding %zu: because %zu", i, j);
    char small[8];
    size_t need = lexloci_verdict_finding_text(v, i, small, sizeof small);
    FZ_CHECK(strlen(small) == (need < sizeof small ? need : sizeof small - 1),
             "finding %zu: truncated text", i);
  }
  for (size_t g = 0; g < ng; g++) {
    lexloci_regime_result r;
    lexloci_verdict_regime(v, g, &r);
    sum += r.nfindings;
    for (size_t j = 0; j < r.nfindings; j++) {
      size_t fi = lexloci_verdict_regime_finding(v, g, j);
      lexloci_finding f;
      FZ_CHECK(fi < nf && lexloci_verdict_finding(v, fi, &f) == LEXLOCI_OK &&
                   strcmp(f.regime, r.id) == 0,
               "regime %s: finding %zu", r.id, j);
    }
    for (size_t j = 0; j < r.nmissing; j++)
      FZ_CHECK(lexloci_fact_name(lexloci_verdict_regime_missing(v, g, j)),
               "regime %s: missing %zu", r.id, j);
  }
  FZ_CHECK(sum == nf, "findings by regime %zu, in all %zu", sum, nf);
  for (size_t i = 0; i < lexloci_verdict_conflict_count(v); i++) {
    lexloci_conflict cf;
    FZ_CHECK(lexloci_verdict_conflict(v, i, &cf) == LEXLOCI_OK,
             "conflict %zu", i);
    FZ_CHECK(cf.ncitations > 0, "conflict %s/%s has no citation",
             cf.regime_a, cf.regime_b);
    for (size_t j = 0; j < cf.ncitations; j++)
      check_citation(lexloci_verdict_conflict_citation(v, i, j), "conflict",
                     i);
    FZ_CHECK(cf.categories && (cf.categories & ~cats) == 0,
             "conflict %zu: categories", i);
    int k = __builtin_ctz(cf.categories);
    FZ_CHECK(lexloci_verdict_category(v, (lexloci_category)k) ==
                 LEXLOCI_CONFLICT,
             "conflict %zu in a category whose verdict is no conflict", i);
  }
  for (size_t i = 0; i < lexloci_verdict_action_count(v); i++) {
    lexloci_action a;
    FZ_CHECK(lexloci_verdict_action(v, i, &a) == LEXLOCI_OK, "action %zu",
             i);
    FZ_CHECK(a.id && a.by && a.text && a.rule, "action %zu: fields", i);
    FZ_CHECK(a.ncitations > 0, "action %s has no citation", a.id);
    for (size_t j = 0; j < a.ncitations; j++)
      check_citation(lexloci_verdict_action_citation(v, i, j), "action", i);
  }
  size_t ns = lexloci_verdict_step_count(v);
  for (size_t i = 0; i < ns; i++) {
    lexloci_step s;
    FZ_CHECK(lexloci_verdict_step(v, i, &s) == LEXLOCI_OK, "step %zu", i);
    FZ_CHECK(s.text && s.kind <= LEXLOCI_STEP_BASE &&
                 s.value <= LEXLOCI_UNKNOWN && s.depth >= 0,
             "step %zu", i);
  }
  FZ_CHECK(lexloci_verdict_step(v, ns, &(lexloci_step){0}) ==
               LEXLOCI_EMISUSE,
           "step past the end");
  char sum_text[4];
  size_t need = lexloci_verdict_summary(v, sum_text, sizeof sum_text);
  FZ_CHECK(need > 0 && strlen(sum_text) ==
                           (need < sizeof sum_text ? need : sizeof sum_text - 1),
           "summary truncation");
  check_json_forms(c, v);
}
