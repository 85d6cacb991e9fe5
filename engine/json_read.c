/*
** json_read.c: a document written as JSON, read straight into the tree
** that ydoc.c builds from libyaml's events: the same nodes, values,
** styles, weights and line:col positions. libyaml spent most of `lexloci
** eval --batch` reading JSON lines (docs/performance.md); this reader
** takes a small fraction of that.
**
** It reads only what it is sure libyaml reads the same way: one JSON
** object of printable UTF-8, within the limits of common.h, without
** duplicate keys. Anything else (YAML, malformed JSON, a limit crossed,
** a character libyaml treats specially) it declines, and ydoc.c hands the
** text to libyaml: every error is worded and located exactly as before.
** tools/fuzz/fuzz_json.c checks that the two readers agree.
** See LICENSE for copying conditions.
*/
#include <string.h>

#include "diag.h"
#include "ydoc.h"

typedef struct jr {
  const unsigned char *p, *end;
  /* Positions as libyaml counts them: "\r\n" or a lone "\r" is one line
     break, a column is a character. Breaks occur only between tokens and
     characters of several bytes only in strings, both scanned in order:
     a column is the bytes since the line's start less the continuation
     bytes among them. */
  int line;
  const unsigned char *line_start;
  size_t cont;           /* continuation bytes since line_start */
  lx_arena *arena;
  const lx_mem *mem;
  lx_ynode **kids;       /* children of the open collections */
  size_t nkids, capkids;
  size_t nodes;
  int depth;
  lx_jstatus status;     /* LX_JSON_READ until declined or out of memory */
} jr;

static lx_ynode *decline(jr *r)
{
  if (r->status == LX_JSON_READ)
    r->status = LX_JSON_DECLINED;
  return NULL;
}

static lx_ynode *nomem(jr *r)
{
  r->status = LX_JSON_NOMEM;
  return NULL;
}

static void skip_space(jr *r)
{
  const unsigned char *s = r->p, *end = r->end;
  for (; s < end; s++) {
    if (*s == '\n' || (*s == '\r' && (s + 1 == end || s[1] != '\n'))) {
      r->line++;
      r->line_start = s + 1;
      r->cont = 0;
    } else if (*s != ' ' && *s != '\t' && *s != '\r') {
      break;
    }
  }
  r->p = s;
}

/* A node starting at `start`, with `extra` bytes after it for a value
   (every field is set here or by the caller). */
static lx_ynode *new_node(jr *r, lx_ykind kind, const unsigned char *start,
                          size_t extra)
{
  if (++r->nodes > LX_MAX_YAML_NODES)
    return decline(r);
  lx_ynode *n = lx_arena_take(r->arena, sizeof *n + extra);
  if (!n)
    return nomem(r);
  n->kind = kind;
  n->style = LX_YPLAIN;
  n->line = r->line;
  n->col = (int)((size_t)(start - r->line_start) - r->cont) + 1;
  n->str = NULL;
  n->len = 0;
  n->items = NULL;
  n->n = 0;
  n->weight = 1;
  return n;
}

/* ------------------------------------------------------------------ */
/* Scalars                                                              */
/* ------------------------------------------------------------------ */

/* The length of the UTF-8 sequence at s if it is a character libyaml
   reads as an ordinary printable one, else 0: ill-formed sequences and
   controls (libyaml refuses them), NEL, LS, PS and BOM (it may treat
   them as line breaks or markers). */
static size_t plain_char(const unsigned char *s, size_t n)
{
  size_t k = lx_utf8_seq((const char *)s, n);
  if (k < 2)
    return 0;
  unsigned cp = s[0] & (0xFF >> (k + 1));
  for (size_t i = 1; i < k; i++)
    cp = cp << 6 | (s[i] & 0x3F);
  if (cp < 0xA0 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF ||
      cp == 0xFFFE || cp == 0xFFFF)
    return 0;
  return k;
}

static int hex(unsigned char ch)
{
  if (ch >= '0' && ch <= '9')
    return ch - '0';
  if (ch >= 'a' && ch <= 'f')
    return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F')
    return ch - 'A' + 10;
  return -1;
}

/* Decodes the escapes of a string's body s..e (known to hold no quote or
   control) into out; returns the length, or -1 for an escape libyaml
   would refuse or read differently (a NUL, a surrogate). */
static long unescape(const unsigned char *s, const unsigned char *e,
                     char *out)
{
  char *o = out;
  while (s < e) {
    if (*s != '\\') {
      *o++ = (char)*s++;
      continue;
    }
    unsigned char ch = s[1];
    s += 2;
    switch (ch) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '/': *o++ = '/'; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'n': *o++ = '\n'; break;
    case 'r': *o++ = '\r'; break;
    case 't': *o++ = '\t'; break;
    case 'u': {
      unsigned cp = 0;
      for (int i = 0; i < 4; i++) {
        int h = s + i < e ? hex(s[i]) : -1;
        if (h < 0)
          return -1;
        cp = cp << 4 | (unsigned)h;
      }
      s += 4;
      if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
      if (cp < 0x80) {
        *o++ = (char)cp;
      } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
      } else {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
      }
      break;
    }
    default:
      return -1;
    }
  }
  return (long)(o - out);
}

/* Whether one of the 8 bytes of x is a quote, a backslash, a control or
   DEL, or not ASCII: a byte string() must look at (bit tricks from
   "Bit Twiddling Hacks", "determine if a word has a byte less than n"). */
static bool special8(uint64_t x)
{
  const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
  uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\');
  uint64_t any = ((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
                 (x - ones * 0x20) | (x + ones * 0x01) | x;
  return (any & high) != 0;
}

static lx_ynode *string(jr *r)
{
  const unsigned char *start = r->p, *s = start + 1, *end = r->end;
  bool escaped = false;
  /* The node's column counts the characters before it, not those in it. */
  size_t cont = r->cont;
  for (;;) {
    uint64_t w;
    while (end - s >= 8 && (memcpy(&w, s, 8), !special8(w)))
      s += 8;
    while (s < end && *s >= 0x20 && *s < 0x7F && *s != '"' && *s != '\\')
      s++;
    if (s >= end)
      return decline(r);
    unsigned char ch = *s;
    if (ch == '"')
      break;
    if (ch == '\\') {
      if (end - s < 2)
        return decline(r);
      escaped = true;
      s += 2;
    } else {
      size_t k = ch >= 0x80 ? plain_char(s, (size_t)(end - s)) : 0;
      if (!k)
        return decline(r);
      s += k;
      r->cont += k - 1;
    }
  }
  r->p = s + 1;
  size_t raw = (size_t)(s - (start + 1));
  size_t now = r->cont;
  r->cont = cont;
  lx_ynode *n = new_node(r, LX_YSCALAR, start, raw + 1);
  r->cont = now;
  if (!n)
    return NULL;
  n->style = LX_YDOUBLE;
  char *str = (char *)(n + 1);
  long len = (long)raw;
  if (escaped)
    len = unescape(start + 1, s, str);
  else
    memcpy(str, start + 1, raw);
  if (len < 0 || (size_t)len > LX_MAX_SCALAR_BYTES)
    return decline(r);
  str[len] = '\0';
  n->str = str;
  n->len = (size_t)len;
  return n;
}

static bool digit(const unsigned char *s, const unsigned char *end)
{
  return s < end && *s >= '0' && *s <= '9';
}

/* A number, true, false or null: a plain scalar to libyaml, which ends
   it at a space, a line break, ',', ']' or '}'. */
static lx_ynode *bare(jr *r)
{
  const unsigned char *start = r->p, *s = start, *end = r->end;
  static const char *const words[] = {"true", "false", "null"};
  bool word = false;
  for (size_t i = 0; i < LX_COUNTOF(words) && !word; i++) {
    size_t wl = strlen(words[i]);
    if ((size_t)(end - s) >= wl && memcmp(s, words[i], wl) == 0) {
      s += wl;
      word = true;
    }
  }
  if (!word) {
    if (s < end && *s == '-')
      s++;
    if (!digit(s, end))
      return decline(r);
    if (*s == '0')
      s++;
    else
      while (digit(s, end))
        s++;
    if (s < end && *s == '.') {
      if (!digit(++s, end))
        return decline(r);
      while (digit(s, end))
        s++;
    }
    if (s < end && (*s == 'e' || *s == 'E')) {
      s++;
      if (s < end && (*s == '+' || *s == '-'))
        s++;
      if (!digit(s, end))
        return decline(r);
      while (digit(s, end))
        s++;
    }
  }
  if (s < end && *s != ' ' && *s != '\n' && *s != '\r' && *s != '\t' &&
      *s != ',' && *s != ']' && *s != '}')
    return decline(r);
  size_t len = (size_t)(s - start);
  if (len > LX_MAX_SCALAR_BYTES)
    return decline(r);
  r->p = s;
  lx_ynode *n = new_node(r, LX_YSCALAR, start, len + 1);
  if (!n)
    return NULL;
  char *str = (char *)(n + 1);
  memcpy(str, start, len);
  str[len] = '\0';
  n->str = str;
  n->len = len;
  return n;
}

/* ------------------------------------------------------------------ */
/* Collections                                                          */
/* ------------------------------------------------------------------ */

static lx_ynode *value(jr *r);

static bool push_kid(jr *r, lx_ynode *kid)
{
  if (r->nkids == r->capkids) {
    size_t cap = r->capkids ? 2 * r->capkids : 64;
    lx_ynode **k = lx_realloc(r->mem, r->kids, r->capkids * sizeof *k,
                              cap * sizeof *k);
    if (!k) {
      nomem(r);
      return false;
    }
    r->kids = k;
    r->capkids = cap;
  }
  r->kids[r->nkids++] = kid;
  return true;
}

/* Moves the children pushed since `from` into n->items. */
static lx_ynode *finish(jr *r, lx_ynode *n, size_t from)
{
  size_t k = r->nkids - from;
  n->items = lx_arena_take(r->arena, (k ? k : 1) * sizeof *n->items);
  if (!n->items)
    return nomem(r);
  if (k)
    memcpy(n->items, r->kids + from, k * sizeof *n->items);
  r->nkids = from;
  n->n = n->kind == LX_YMAP ? k / 2 : k;
  return n;
}

/* Duplicate keys are refused by ydoc.c, with the line of the first. */
static bool keys_distinct(const lx_ynode *map)
{
  for (size_t i = 1; i < map->n; i++) {
    const lx_ynode *k = map->items[2 * i];
    for (size_t j = 0; j < i; j++) {
      const lx_ynode *o = map->items[2 * j];
      if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0)
        return false;
    }
  }
  return true;
}

/* '{' or '[' at r->p: the collection up to its closing bracket. */
static lx_ynode *collection(jr *r, lx_ykind kind)
{
  if (r->depth >= LX_MAX_YAML_DEPTH)
    return decline(r);
  lx_ynode *n = new_node(r, kind, r->p, 0);
  if (!n)
    return NULL;
  bool map = kind == LX_YMAP;
  unsigned char close = map ? '}' : ']';
  size_t from = r->nkids, count = 0;
  r->depth++;
  r->p++;
  skip_space(r);
  if (r->p < r->end && *r->p == close) {
    r->p++;
    r->depth--;
    return finish(r, n, from);
  }
  for (;;) {
    if (++count > LX_MAX_LIST_ITEMS)
      return decline(r);
    if (map) {
      const unsigned char *kstart = r->p;
      if (r->p >= r->end || *r->p != '"')
        return decline(r);
      lx_ynode *k = string(r);
      if (!k || !push_kid(r, k))
        return NULL;
      n->weight += k->weight;
      /* The ':' on the key's line, near it (LX_JSON_MAX_KEY_SPAN). */
      while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
        r->p++;
      if (r->p >= r->end || *r->p != ':' ||
          r->p - kstart > LX_JSON_MAX_KEY_SPAN)
        return decline(r);
      r->p++;
      skip_space(r);
    }
    lx_ynode *v = value(r);
    if (!v || !push_kid(r, v))
      return NULL;
    n->weight += v->weight;
    skip_space(r);
    if (r->p < r->end && *r->p == ',') {
      r->p++;
      skip_space(r);
      continue;
    }
    if (r->p < r->end && *r->p == close)
      break;
    return decline(r);
  }
  r->p++;
  r->depth--;
  if (!finish(r, n, from))
    return NULL;
  return map && !keys_distinct(n) ? decline(r) : n;
}

static lx_ynode *value(jr *r)
{
  if (r->p >= r->end)
    return decline(r);
  switch (*r->p) {
  case '{': return collection(r, LX_YMAP);
  case '[': return collection(r, LX_YSEQ);
  case '"': return string(r);
  default: return bare(r);
  }
}

lx_jstatus lx_json_read(lx_ydoc *doc, lx_arena *arena, const char *text,
                        size_t len)
{
  const unsigned char *s = (const unsigned char *)text, *end = s + len;
  /* libyaml refuses a tab before the first token. */
  while (s < end && (*s == ' ' || *s == '\n' || *s == '\r'))
    s++;
  if (s == end || *s != '{')
    return LX_JSON_DECLINED;
  jr r;
  memset(&r, 0, sizeof r);
  r.p = (const unsigned char *)text;
  r.end = end;
  r.line = 1;
  r.line_start = r.p;
  r.arena = arena;
  r.mem = arena->mem;
  r.status = LX_JSON_READ;
  skip_space(&r);
  lx_ynode *root = value(&r);
  /* After the object, only white space; and no tab on a later line,
     where libyaml would take it for indentation. */
  bool broken = false;
  for (; root && r.p < r.end; r.p++) {
    if (*r.p == '\n' || *r.p == '\r')
      broken = true;
    else if (*r.p != ' ' && (*r.p != '\t' || broken))
      break;
  }
  if (root && r.p != r.end)
    decline(&r);
  lx_free(r.mem, r.kids, r.capkids * sizeof *r.kids);
  if (r.status == LX_JSON_READ)
    doc->root = root;
  return r.status;
}
