/*
** cond.c: conditions. A condition is one line, `FACT OPERATOR OPERAND`
** (docs/rule-language.md, section 6), or a group `all:`, `any:`, `not:`.
** Each is parsed, its names resolved and its operands type-checked, and it
** is appended to the program's node array in pre-order.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "date.h"
#include "load.h"

/* ------------------------------------------------------------------ */
/* Tokens                                                               */
/* ------------------------------------------------------------------ */

typedef enum tok_kind {
  T_END, T_WORD, T_STRING, T_LBRACK, T_RBRACK, T_COMMA, T_CMP, T_REGEX,
  T_BAD
} tok_kind;

typedef struct token {
  tok_kind kind;
  const char *s;     /* start in the condition text */
  size_t len;
  size_t off;        /* byte offset, for the column */
} token;

typedef struct parser {
  lx_loader *ld;
  size_t file;
  const lx_ynode *node;
  const char *text;
  size_t pos;
  token tok;         /* current */
  bool failed;
} parser;

static bool word_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-' ||
         c == '+';
}

static void next(parser *p)
{
  const char *t = p->text;
  while (t[p->pos] == ' ' || t[p->pos] == '\t' || t[p->pos] == '\n')
    p->pos++;
  token *k = &p->tok;
  k->off = p->pos;
  k->s = t + p->pos;
  k->len = 1;
  char c = t[p->pos];
  if (!c) {
    k->kind = T_END;
    k->len = 0;
    return;
  }
  if (c == '[') { k->kind = T_LBRACK; p->pos++; return; }
  if (c == ']') { k->kind = T_RBRACK; p->pos++; return; }
  if (c == ',') { k->kind = T_COMMA; p->pos++; return; }
  if (c == '<' || c == '>') {
    k->kind = T_CMP;
    p->pos++;
    if (t[p->pos] == '=') {
      p->pos++;
      k->len = 2;
    }
    return;
  }
  if (c == '"' || c == '\'') {
    size_t end = p->pos + 1;
    while (t[end] && t[end] != c)
      end++;
    if (!t[end]) {
      k->kind = T_BAD;
      k->len = end - p->pos;
      p->pos = end;
      return;
    }
    k->kind = T_STRING;
    k->s = t + p->pos + 1;
    k->len = end - p->pos - 1;
    p->pos = end + 1;
    return;
  }
  if (c == '/') {
    size_t end = p->pos + 1;
    while (t[end] && t[end] != '/') {
      if (t[end] == '\\' && t[end + 1])
        end++;
      end++;
    }
    if (!t[end]) {
      k->kind = T_BAD;
      k->len = end - p->pos;
      p->pos = end;
      return;
    }
    end++;
    while (t[end] == 'i')
      end++;
    k->kind = T_REGEX;
    k->len = end - p->pos;
    p->pos = end;
    return;
  }
  if (word_char(c)) {
    size_t end = p->pos;
    while (word_char(t[end]))
      end++;
    k->kind = T_WORD;
    k->len = end - p->pos;
    p->pos = end;
    return;
  }
  k->kind = T_BAD;
  p->pos++;
}

static bool is_word(const token *k, const char *w)
{
  return k->kind == T_WORD && strlen(w) == k->len &&
         memcmp(k->s, w, k->len) == 0;
}

/* The column of a token: exact for one-line plain or quoted scalars. */
static int tok_col(const parser *p, const token *k)
{
  const lx_ynode *n = p->node;
  bool oneline = n->style == LX_YPLAIN || n->style == LX_YSINGLE ||
                 n->style == LX_YDOUBLE;
  if (!oneline || strchr(p->text, '\n'))
    return n->col;
  return n->col + (int)k->off + (n->style == LX_YPLAIN ? 0 : 1);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void perr(parser *p, const token *k, const char *fmt, ...)
{
  if (p->failed)
    return;
  p->failed = true;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  lx_ld_error_at(p->ld, LEXLOCI_ERULE, p->file, p->node->line,
                 k ? tok_col(p, k) : p->node->col, "%s", msg);
}

static char *tok_str(const token *k, char *buf, size_t cap)
{
  size_t n = k->len < cap - 1 ? k->len : cap - 1;
  memcpy(buf, k->s, n);
  buf[n] = '\0';
  return buf;
}

/* Reports a quoted value or a pattern whose closing mark is missing. */
static bool unterminated(parser *p, const token *k)
{
  if (k->kind != T_BAD || (k->s[0] != '"' && k->s[0] != '\'' &&
                           k->s[0] != '/'))
    return false;
  perr(p, k, "%s", k->s[0] == '/'
                      ? "the regular expression has no closing '/'"
                      : "the quoted value has no closing quote");
  return true;
}

/* ------------------------------------------------------------------ */
/* Operands                                                             */
/* ------------------------------------------------------------------ */

/* The type an operand must have: a fact's element type. */
typedef struct otype {
  lx_base base;
  int domain;
  int fact;          /* whose element type this is */
} otype;

static otype fact_type(int f)
{
  otype t = {lx_facts[f].base, lx_facts[f].domain, f};
  return t;
}

static void type_name(otype t, char *buf, size_t cap)
{
  lx_factdef fd = {0};
  fd.base = t.base;
  fd.domain = t.domain;
  lx_fact_type_name(&fd, buf, cap);
}

typedef struct hint_ctx {
  lx_suggest *s;
} hint_ctx;

static void hint_each(void *ud, const char *key)
{
  lx_suggest_try(((hint_ctx *)ud)->s, key);
}

/* Parses a literal of type t from word w; false if it is not one. */
static bool parse_literal(otype t, const char *w, size_t len, lx_scalar *out)
{
  memset(out, 0, sizeof *out);
  switch (t.base) {
  case LX_BOOL:
    if (len == 4 && memcmp(w, "true", 4) == 0)
      out->u.b = true;
    else if (len == 5 && memcmp(w, "false", 5) == 0)
      out->u.b = false;
    else
      return false;
    return true;
  case LX_NUMBER: {
    char buf[64];
    if (len == 0 || len >= sizeof buf)
      return false;
    memcpy(buf, w, len);
    buf[len] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (*end || v != v)
      return false;
    out->u.num = v;
    return true;
  }
  case LX_DATE:
    return lx_date_parse(w, len, &out->u.date);
  case LX_COUNTRY:
    out->u.code = lx_country_index(w, len);
    return out->u.code >= 0;
  case LX_ENUM:
    out->u.code = lx_domain_value(t.domain, w, len);
    return out->u.code >= 0;
  case LX_TEXT:
    out->s = w;
    out->slen = (uint32_t)len;
    return true;
  }
  return false;
}

/* Reports an operand that is not a literal of type t, with a hint. */
static void bad_operand(parser *p, const token *k, otype t)
{
  char w[96], ty[160], hint[128] = "";
  tok_str(k, w, sizeof w);
  type_name(t, ty, sizeof ty);
  if (t.base == LX_COUNTRY) {
    snprintf(hint, sizeof hint, "%s", lx_country_hint(w, strlen(w)));
  } else if (t.base == LX_ENUM) {
    lx_domain_hint(t.domain, w, hint, sizeof hint);
  } else {
    lx_suggest s;
    lx_suggest_init(&s, w);
    hint_ctx hc = {&s};
    lx_names_each(&p->ld->value_names, hint_each, &hc);
    lx_suggest_hint(&s, hint, sizeof hint);
  }
  if (strchr(w, '.') && t.base != LX_NUMBER && !hint[0])
    lx_fact_hint(w, hint, sizeof hint);
  if (t.base == LX_ENUM && hint[0])
    perr(p, k, "'%s' is not a value of %s%s", w, lx_facts[t.fact].path,
         hint);
  else
    perr(p, k, "'%s' is not %s%s", w, ty, hint);
}

/* A scalar operand: a literal, a reference value or a fact. */
static bool operand(parser *p, lx_cond *c, otype t)
{
  token k = p->tok;
  char w[256];
  if (k.kind == T_STRING && t.base == LX_TEXT) {
    c->rhs = LX_RHS_LIT;
    c->lit.s = lx_arena_strndup(p->ld->keep, k.s, k.len);
    c->lit.slen = (uint32_t)k.len;
    next(p);
    return c->lit.s != NULL;
  }
  if (unterminated(p, &k))
    return false;
  if (k.kind != T_WORD && k.kind != T_STRING) {
    perr(p, &k, "expected a value here");
    return false;
  }
  tok_str(&k, w, sizeof w);
  int f = strchr(w, '.') ? lx_fact_find(w, strlen(w)) : -1;
  if (f >= 0) {
    otype ft = fact_type(f);
    if (lx_facts[f].list || ft.base != t.base ||
        (t.base == LX_ENUM && ft.domain != t.domain)) {
      char ty[160];
      type_name(t, ty, sizeof ty);
      perr(p, &k, "'%s' cannot be compared here: expected %s", w, ty);
      return false;
    }
    c->rhs = LX_RHS_FACT;
    c->ref = (uint32_t)f;
    next(p);
    return true;
  }
  if (parse_literal(t, k.s, k.len, &c->lit)) {
    if (t.base == LX_TEXT) {
      c->lit.s = lx_arena_strndup(p->ld->keep, k.s, k.len);
      if (!c->lit.s)
        return false;
    }
    c->rhs = LX_RHS_LIT;
    next(p);
    return true;
  }
  long v = lx_names_get(&p->ld->value_names, w);
  if (v >= 0) {
    const lx_value *val = &LX_VEC_AT(&p->ld->values, lx_value, v);
    if (val->base != t.base) {
      char ty[160];
      type_name(t, ty, sizeof ty);
      perr(p, &k, "value '%s' cannot be compared here: expected %s", w, ty);
      return false;
    }
    c->rhs = LX_RHS_VALUE;
    c->ref = (uint32_t)v;
    next(p);
    return true;
  }
  bad_operand(p, &k, t);
  return false;
}

/* A list operand: [A, B], a set's name, or a list fact. */
static bool set_operand(parser *p, lx_cond *c, otype t)
{
  token k = p->tok;
  lx_loader *ld = p->ld;
  if (k.kind == T_LBRACK) {
    if (t.base != LX_COUNTRY && t.base != LX_ENUM) {
      perr(p, &k, "a [list] can hold only country codes or enumerated "
                  "values; use any: for other values");
      return false;
    }
    lx_bits b;
    lx_bits_clear(&b);
    next(p);
    while (p->tok.kind != T_RBRACK) {
      token e = p->tok;
      lx_scalar lit;
      if ((e.kind != T_WORD && e.kind != T_STRING) ||
          !parse_literal(t, e.s, e.len, &lit)) {
        if (unterminated(p, &e))
          return false;
        if (e.kind == T_END)
          perr(p, &e, "missing ']' at the end of the list");
        else
          bad_operand(p, &e, t);
        return false;
      }
      lx_bits_set(&b, (unsigned)lit.u.code);
      next(p);
      if (p->tok.kind == T_COMMA)
        next(p);
      else if (p->tok.kind != T_RBRACK) {
        perr(p, &p->tok, p->tok.kind == T_END
                             ? "missing ']' at the end of the list"
                             : "expected ',' or ']' in the list");
        return false;
      }
    }
    next(p);
    lx_bits *slot = lx_vec_push(&ld->bitlits, ld->mem);
    if (!slot) {
      lx_diag_oom(ld->diag);
      return false;
    }
    *slot = b;
    c->rhs = LX_RHS_BITS;
    c->ref = (uint32_t)(ld->bitlits.n - 1);
    return true;
  }
  if (k.kind != T_WORD) {
    perr(p, &k, "expected a set name or a [list] here");
    return false;
  }
  char w[256];
  tok_str(&k, w, sizeof w);
  int f = strchr(w, '.') ? lx_fact_find(w, strlen(w)) : -1;
  if (f >= 0) {
    otype ft = fact_type(f);
    if (!lx_facts[f].list || ft.base != t.base ||
        (t.base == LX_ENUM && ft.domain != t.domain)) {
      perr(p, &k, "'%s' is not a list of the same kind of value", w);
      return false;
    }
    c->rhs = LX_RHS_FACT;
    c->ref = (uint32_t)f;
    next(p);
    return true;
  }
  long s = lx_names_get(&ld->set_names, w);
  if (s < 0) {
    char hint[128];
    lx_ld_hint(&ld->set_names, w, hint, sizeof hint);
    perr(p, &k, "unknown set '%s'%s", w, hint);
    return false;
  }
  const lx_set *set = &LX_VEC_AT(&ld->sets, lx_set, s);
  bool fits = t.base == LX_COUNTRY ? set->domain == LX_DOM_NONE
              : t.base == LX_ENUM  ? set->domain == t.domain
                                   : false;
  if (!fits) {
    char ty[160];
    type_name(t, ty, sizeof ty);
    perr(p, &k, "set '%s' does not hold %s", w, ty);
    return false;
  }
  c->rhs = LX_RHS_SET;
  c->ref = (uint32_t)s;
  next(p);
  return true;
}

/* ------------------------------------------------------------------ */
/* Regular expressions                                                  */
/* ------------------------------------------------------------------ */

static bool regex_operand(parser *p, lx_cond *c)
{
  token k = p->tok;
  lx_loader *ld = p->ld;
  if (unterminated(p, &k))
    return false;
  if (k.kind != T_REGEX) {
    perr(p, &k, "expected a regular expression such as /^REQ-[0-9]+$/");
    return false;
  }
  const char *close = k.s + k.len;
  uint32_t opts = PCRE2_UTF;
  while (close[-1] == 'i') {
    opts |= PCRE2_CASELESS;
    close--;
  }
  size_t relen = (size_t)(close - 1 - (k.s + 1));
  if (relen > LX_MAX_REGEX_BYTES) {
    if (!p->failed) /* perr's words, with the limit's code */
      lx_ld_error_at(p->ld, LEXLOCI_ELIMIT, p->file, p->node->line,
                     tok_col(p, &k),
                     "regular expression is longer than %d bytes",
                     LX_MAX_REGEX_BYTES);
    p->failed = true;
    return false;
  }
  int code;
  PCRE2_SIZE erroff;
  pcre2_compile_context *cc =
      pcre2_compile_context_create(ld->rs->pcre_gctx);
  if (!cc) {
    lx_diag_oom(ld->diag);
    return false;
  }
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)(k.s + 1), relen, opts, &code,
                                 &erroff, cc);
  pcre2_compile_context_free(cc);
  if (!re && code == PCRE2_ERROR_HEAP_FAILED) {
    lx_diag_oom(ld->diag);
    return false;
  }
  if (!re) {
    PCRE2_UCHAR msg[160];
    pcre2_get_error_message(code, msg, sizeof msg);
    token at = k;
    at.off += 1 + erroff;
    perr(p, &at, "bad regular expression: %s", (const char *)msg);
    return false;
  }
  /* JIT is an optimisation: without it pcre2 interprets, same results. */
  (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
  pcre2_code **slot = lx_vec_push(&ld->regexes, ld->mem);
  if (!slot) {
    pcre2_code_free(re);
    lx_diag_oom(ld->diag);
    return false;
  }
  *slot = re;
  c->rhs = LX_RHS_REGEX;
  c->ref = (uint32_t)(ld->regexes.n - 1);
  next(p);
  return true;
}

/* ------------------------------------------------------------------ */
/* Atoms                                                                */
/* ------------------------------------------------------------------ */

static int effect_word(const token *k)
{
  return k->kind == T_WORD ? lx_effect_parse(k->s, k->len, false) : -1;
}

static void bad_effect(parser *p, const token *k)
{
  char w[96], hint[128];
  tok_str(k, w, sizeof w);
  perr(p, k, "'%s' is not a regime outcome%s", w,
       lx_effect_hint(w, false, hint, sizeof hint));
}

/* regime R is [not] E | regime R [not] in [E, ...] */
static bool regime_atom(parser *p, lx_cond *c)
{
  lx_loader *ld = p->ld;
  next(p);
  token k = p->tok;
  char w[128];
  if (k.kind != T_WORD) {
    perr(p, &k, "expected a regime id after 'regime'");
    return false;
  }
  tok_str(&k, w, sizeof w);
  long r = lx_names_get(&ld->regime_names, w);
  if (r < 0) {
    char hint[128];
    lx_ld_hint(&ld->regime_names, w, hint, sizeof hint);
    perr(p, &k, "unknown regime '%s'%s", w, hint);
    return false;
  }
  c->op = LX_OP_REGIME_IN;
  c->fact = (int)r;
  c->rhs = LX_RHS_MASK;
  next(p);
  uint32_t mask = 0;
  if (is_word(&p->tok, "is")) {
    next(p);
    if (is_word(&p->tok, "not")) {
      c->neg = true;
      next(p);
    }
    int e = effect_word(&p->tok);
    if (e < 0) {
      bad_effect(p, &p->tok);
      return false;
    }
    mask = 1u << e;
    next(p);
  } else {
    if (is_word(&p->tok, "not")) {
      c->neg = true;
      next(p);
    }
    if (!is_word(&p->tok, "in")) {
      perr(p, &p->tok, "expected 'is' or 'in' after the regime id");
      return false;
    }
    next(p);
    if (p->tok.kind != T_LBRACK) {
      perr(p, &p->tok, "expected a [list] of outcomes");
      return false;
    }
    next(p);
    while (p->tok.kind != T_RBRACK) {
      int e = effect_word(&p->tok);
      if (e < 0) {
        bad_effect(p, &p->tok);
        return false;
      }
      mask |= 1u << e;
      next(p);
      if (p->tok.kind == T_COMMA)
        next(p);
      else if (p->tok.kind != T_RBRACK) {
        perr(p, &p->tok, p->tok.kind == T_END
                             ? "missing ']' at the end of the list"
                             : "expected ',' or ']' in the list");
        return false;
      }
    }
    next(p);
  }
  c->ref = mask;
  return true;
}

static bool need(parser *p, const token *k, int f, bool ok, const char *what)
{
  if (!ok)
    perr(p, k, "'%s' %s", lx_facts[f].path, what);
  return ok;
}

static bool atom(parser *p, lx_cond *c)
{
  token k = p->tok;
  if (is_word(&k, "regime"))
    return regime_atom(p, c);
  if (k.kind != T_WORD) {
    perr(p, &k, "a condition starts with a fact, such as "
                "'request.instrument is warrant'");
    return false;
  }
  char w[256];
  tok_str(&k, w, sizeof w);
  int f = lx_fact_find(w, strlen(w));
  if (f < 0) {
    char hint[128];
    lx_fact_hint(w, hint, sizeof hint);
    perr(p, &k, "unknown fact '%s'%s", w, hint);
    return false;
  }
  c->fact = f;
  const lx_factdef *fd = &lx_facts[f];
  otype t = fact_type(f);
  next(p);
  token op = p->tok;
  if (op.kind == T_END) {
    c->op = LX_OP_TRUE;
    return need(p, &k, f, fd->base == LX_BOOL && !fd->list,
                "is not true or false: write a test such as "
                "'... is US' or '... contains US'");
  }
  if (is_word(&op, "is")) {
    next(p);
    if (is_word(&p->tok, "not")) {
      c->neg = true;
      next(p);
    }
    token v = p->tok;
    if (is_word(&v, "known") || is_word(&v, "unknown")) {
      c->op = LX_OP_KNOWN;
      if (is_word(&v, "unknown"))
        c->neg = !c->neg;
      next(p);
      return true;
    }
    /* "none" is null for a nullable fact, else a value ("customer_notice
       is none"). */
    if (is_word(&v, "none") && (fd->nullable || fd->base != LX_ENUM)) {
      c->op = LX_OP_IS_NONE;
      next(p);
      return need(p, &v, f, fd->nullable, "cannot be none (null)");
    }
    if (is_word(&v, "empty")) {
      c->op = LX_OP_EMPTY;
      next(p);
      return need(p, &v, f, fd->list, "is not a list");
    }
    c->op = LX_OP_IS;
    if (!need(p, &op, f, !fd->list,
              "is a list: use 'contains', 'intersects' or 'subset of'"))
      return false;
    return operand(p, c, t);
  }
  if (is_word(&op, "not") || is_word(&op, "in")) {
    if (is_word(&op, "not")) {
      c->neg = true;
      next(p);
      if (!is_word(&p->tok, "in")) {
        perr(p, &p->tok, "expected 'in' after 'not'");
        return false;
      }
    }
    next(p);
    c->op = LX_OP_IN;
    if (!need(p, &op, f, !fd->list,
              "is a list: use 'intersects' or 'subset of'"))
      return false;
    return set_operand(p, c, t);
  }
  if (is_word(&op, "does")) {
    next(p);
    if (!is_word(&p->tok, "not")) {
      perr(p, &p->tok, "expected 'does not contain' or "
                       "'does not intersect'");
      return false;
    }
    next(p);
    c->neg = true;
    if (is_word(&p->tok, "contain")) {
      next(p);
      c->op = LX_OP_CONTAINS;
      return need(p, &op, f, fd->list, "is not a list: use 'is not'") &&
             operand(p, c, t);
    }
    if (is_word(&p->tok, "intersect")) {
      next(p);
      c->op = LX_OP_INTERSECTS;
      return need(p, &op, f, fd->list, "is not a list: use 'not in'") &&
             set_operand(p, c, t);
    }
    perr(p, &p->tok, "expected 'contain' or 'intersect' after 'does not'");
    return false;
  }
  if (is_word(&op, "contains")) {
    next(p);
    c->op = LX_OP_CONTAINS;
    return need(p, &op, f, fd->list, "is not a list: use 'is'") &&
           operand(p, c, t);
  }
  if (is_word(&op, "intersects")) {
    next(p);
    c->op = LX_OP_INTERSECTS;
    return need(p, &op, f, fd->list, "is not a list: use 'in'") &&
           set_operand(p, c, t);
  }
  if (is_word(&op, "subset")) {
    next(p);
    if (!is_word(&p->tok, "of")) {
      perr(p, &p->tok, "expected 'subset of'");
      return false;
    }
    next(p);
    c->op = LX_OP_SUBSET;
    return need(p, &op, f, fd->list, "is not a list: use 'in'") &&
           set_operand(p, c, t);
  }
  if (op.kind == T_CMP) {
    c->op = op.s[0] == '<' ? (op.len == 2 ? LX_OP_LE : LX_OP_LT)
                           : (op.len == 2 ? LX_OP_GE : LX_OP_GT);
    next(p);
    return need(p, &op, f,
                !fd->list && (fd->base == LX_NUMBER || fd->base == LX_DATE),
                "is not a number or a date") &&
           operand(p, c, t);
  }
  if (is_word(&op, "matches")) {
    next(p);
    c->op = LX_OP_MATCHES;
    return need(p, &op, f, fd->base == LX_TEXT && !fd->list,
                "is not text") &&
           regex_operand(p, c);
  }
  char ow[64];
  perr(p, &op, "expected an operator after '%s' (is, in, contains, "
               "intersects, subset of, <, >=, matches...), found '%s'",
       fd->path, tok_str(&op, ow, sizeof ow));
  return false;
}

/* Collapses runs of white space, for the text shown in because/explain. */
static const char *tidy(lx_loader *ld, const char *s)
{
  size_t n = strlen(s);
  char *out = lx_arena_alloc(ld->keep, n + 1);
  if (!out)
    return NULL;
  size_t j = 0;
  bool space = false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = j > 0;
      continue;
    }
    if (space)
      out[j++] = ' ';
    space = false;
    out[j++] = c;
  }
  out[j] = '\0';
  return out;
}

/* ------------------------------------------------------------------ */
/* Groups                                                               */
/* ------------------------------------------------------------------ */

static uint32_t push_node(lx_loader *ld, size_t f, const lx_ynode *n,
                          lx_cond_kind k)
{
  if (ld->conds.n >= LX_MAX_COND_NODES) {
    lx_ld_error_at(ld, LEXLOCI_ELIMIT, f, n->line, n->col,
                   "a rule set has more than %d condition nodes",
                   LX_MAX_COND_NODES);
    return UINT32_MAX;
  }
  lx_cond *c = lx_vec_push(&ld->conds, ld->mem);
  if (!c) {
    lx_diag_oom(ld->diag);
    return UINT32_MAX;
  }
  c->kind = (uint8_t)k;
  c->line = n->line;
  c->col = n->col;
  c->fact = -1;
  return (uint32_t)(ld->conds.n - 1);
}

static bool compile_node(lx_loader *ld, size_t f, const lx_ynode *n);

static bool compile_list(lx_loader *ld, size_t f, const lx_ynode *n,
                         lx_cond_kind kind, const char *text)
{
  uint32_t at = push_node(ld, f, n, kind);
  if (at == UINT32_MAX)
    return false;
  LX_VEC_AT(&ld->conds, lx_cond, at).text = text;
  bool ok = true;
  if (n->kind == LX_YSEQ) {
    if (n->n == 0) {
      lx_ld_error(ld, f, n, "'%s' needs at least one condition", text);
      ok = false;
    }
    for (size_t i = 0; i < n->n; i++)
      ok = compile_node(ld, f, n->items[i]) && ok;
  } else {
    ok = compile_node(ld, f, n);
  }
  LX_VEC_AT(&ld->conds, lx_cond, at).end = (uint32_t)ld->conds.n;
  return ok;
}

static bool compile_node(lx_loader *ld, size_t f, const lx_ynode *n)
{
  if (ld->cond_depth >= LX_MAX_COND_DEPTH) {
    lx_ld_error_at(ld, LEXLOCI_ELIMIT, f, n->line, n->col,
                   "conditions nest deeper than %d levels",
                   LX_MAX_COND_DEPTH);
    return false;
  }
  ld->cond_depth++;
  bool ok = false;
  if (n->kind == LX_YSCALAR && !lx_ynode_is_null(n)) {
    uint32_t at = push_node(ld, f, n, LX_C_ATOM);
    if (at != UINT32_MAX) {
      lx_cond c = LX_VEC_AT(&ld->conds, lx_cond, at);
      parser p = {ld, f, n, n->str, 0, {0}, false};
      next(&p);
      ok = atom(&p, &c);
      if (ok && p.tok.kind != T_END) {
        char w[64];
        perr(&p, &p.tok, "unexpected '%s' after the condition",
             tok_str(&p.tok, w, sizeof w));
        ok = false;
      }
      c.text = tidy(ld, n->str);
      if (!c.text)
        lx_diag_oom(ld->diag); /* else the rule is dropped unreported */
      c.end = at + 1;
      LX_VEC_AT(&ld->conds, lx_cond, at) = c;
      ok = ok && c.text != NULL;
    }
  } else if (n->kind == LX_YSEQ) {
    ok = compile_list(ld, f, n, LX_C_ALL, "all");
  } else if (n->kind == LX_YMAP && n->n == 1) {
    const char *key = n->items[0]->str;
    const lx_ynode *v = n->items[1];
    if (strcmp(key, "all") == 0 || strcmp(key, "any") == 0) {
      if (v->kind != LX_YSEQ) {
        lx_ld_error(ld, f, v, "'%s' takes a list of conditions", key);
      } else {
        ok = compile_list(ld, f, v,
                          key[1] == 'l' ? LX_C_ALL : LX_C_ANY,
                          key[1] == 'l' ? "all" : "any");
      }
    } else if (strcmp(key, "not") == 0) {
      ok = compile_list(ld, f, v, LX_C_NOT, "not");
    } else {
      lx_suggest s;
      char hint[96];
      lx_suggest_init(&s, key);
      lx_suggest_try(&s, "all");
      lx_suggest_try(&s, "any");
      lx_suggest_try(&s, "not");
      lx_ld_error(ld, f, n->items[0],
                  "unknown condition group '%s'; use all, any or not%s",
                  key, lx_suggest_hint(&s, hint, sizeof hint));
    }
  } else {
    lx_ld_error(ld, f, n,
                "a condition is a line such as 'request.instrument is "
                "warrant', or a map with one key: all, any or not");
  }
  ld->cond_depth--;
  return ok;
}

uint32_t lx_cond_compile(lx_loader *ld, size_t f, const lx_ynode *n,
                         size_t rule)
{
  (void)rule;
  uint32_t root = (uint32_t)ld->conds.n;
  ld->cond_depth = 0;
  bool ok;
  if (n->kind == LX_YSEQ)
    ok = compile_list(ld, f, n, LX_C_ALL, "all");
  else
    ok = compile_node(ld, f, n);
  return ok ? root : UINT32_MAX;
}
