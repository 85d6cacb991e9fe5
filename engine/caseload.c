/*
** caseload.c: a case written as YAML or JSON (spec/case.md) into a case.
** Every key and value is checked against the vocabulary; every mistake is
** reported with its line and column, and the case is left empty on error.
*/
#include <stdio.h>
#include <string.h>

#include "case.h"
#include "country.h"
#include "date.h"
#include "diag.h"
#include "ydoc.h"

typedef struct loader {
  lexloci_case *c;
  lx_diag diag;
  const char *file;
} loader;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void cerr(loader *l, const lx_ynode *n, const char *fmt, ...);

#include <stdarg.h>
static void cerr(loader *l, const lx_ynode *n, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  lx_diag_report(&l->diag, LEXLOCI_EFACT, LEXLOCI_SEV_ERROR, l->file,
                 n ? n->line : 0, n ? n->col : 0, "%s", msg);
}

static void from_error(loader *l, const lexloci_error *e)
{
  lx_diag_report(&l->diag, e->code, LEXLOCI_SEV_ERROR, e->file, e->line,
                 e->col, "%s", e->message);
}

/* A scalar's text for a typed fact: quoted numbers and dates are accepted
   as JSON writes them; a list given a scalar is refused. */
static void set_scalar(loader *l, int f, const lx_ynode *n)
{
  lexloci_error e;
  if (lx_facts[f].list) {
    /* The value itself, in brackets, is the likely fix. */
    cerr(l, n, "%s must be a list such as [%.40s]", lx_facts[f].path,
         lx_ynode_is_null(n) ? (lx_facts[f].base == LX_COUNTRY ? "US, IE"
                                                               : "...")
                             : n->str);
    return;
  }
  if (lx_ynode_is_null(n) && !lx_facts[f].nullable) {
    cerr(l, n, "%s is null: leave it out if it is unknown",
         lx_facts[f].path);
    return;
  }
  if (n->style != LX_YPLAIN && lx_facts[f].base == LX_BOOL) {
    cerr(l, n, "%s must be true or false, not a quoted string",
         lx_facts[f].path);
    return;
  }
  if (lx_facts[f].base == LX_TEXT) {
    lexloci_case *c = l->c;
    char *copy = lx_arena_strndup(&c->arena, n->str, n->len);
    if (!copy) {
      lx_diag_oom(&l->diag);
      return;
    }
    lexloci_case_set_str(c, f, copy, NULL);
    return;
  }
  if (n->style == LX_YPLAIN && strcmp(n->str, "unknown") == 0) {
    cerr(l, n, "%s: leave the key out if it is unknown", lx_facts[f].path);
    return;
  }
  /* A country or value spelt exactly (the usual case): set directly.
     lx_case_parse_value reads the rest (a word with spaces around it,
     "unknown", "null") and words the errors. */
  if ((lx_facts[f].base == LX_COUNTRY || lx_facts[f].base == LX_ENUM) &&
      !lx_ynode_is_null(n) && strcmp(n->str, "unknown") != 0 &&
      strcmp(n->str, "null") != 0 && strcmp(n->str, "~") != 0 &&
      lexloci_case_set_str(l->c, f, n->str, NULL) == LEXLOCI_OK)
    return;
  const char *text = lx_ynode_is_null(n) ? "null" : n->str;
  if (lx_case_parse_value(l->c, f, text, lx_ynode_is_null(n) ? 4 : n->len,
                          l->file, n->line, n->col, &e) != LEXLOCI_OK)
    from_error(l, &e);
}

static void set_list(loader *l, int f, const lx_ynode *n)
{
  const lx_factdef *fd = &lx_facts[f];
  if (!fd->list) {
    cerr(l, n, "%s takes one value, not a list", fd->path);
    return;
  }
  lexloci_case_set_empty(l->c, f, NULL);
  for (size_t i = 0; i < n->n; i++) {
    const lx_ynode *it = n->items[i];
    if (it->kind != LX_YSCALAR || lx_ynode_is_null(it)) {
      cerr(l, it, "%s: an element must be a value, not %s", fd->path,
           lx_ykind_name(it));
      continue;
    }
    int code;
    if (fd->base == LX_COUNTRY)
      code = lx_country_index(it->str, it->len);
    else
      code = lx_domain_value(fd->domain, it->str, it->len);
    if (code < 0) {
      /* lx_case_parse_value words the error (with a hint), but it reads
         "a, b" or "[a]" as a list and " a" trimmed, and accepts them. */
      lexloci_error e;
      if (lx_case_parse_value(l->c, f, it->str, it->len, l->file, it->line,
                              it->col, &e) != LEXLOCI_OK)
        from_error(l, &e);
      else
        cerr(l, it, "%s: '%.60s' is not one value", fd->path, it->str);
      continue;
    }
    lx_bits_set(&l->c->lists[f], (unsigned)code);
  }
  if (f == LX_F_CATEGORIES && n->n == 0)
    cerr(l, n, "request.data_categories must name at least one category");
}

/* Suggests a key among the vocabulary's children of prefix. */
static void unknown_key(loader *l, const lx_ynode *k, const char *prefix)
{
  char comps[LX_MAX_FACTS][48], hint[160];
  int n = 0;
  size_t plen = strlen(prefix);
  lx_suggest s;
  lx_suggest_init(&s, k->str);
  for (int f = 0; f < lx_nfacts; f++) {
    const char *p = lx_facts[f].path;
    if (strncmp(p, prefix, plen) != 0 || lx_fact_derived(f))
      continue;
    const char *rest = p + plen;
    int len = (int)strcspn(rest, ".");
    bool dup = false;
    for (int i = 0; i < n && !dup; i++)
      dup = (int)strlen(comps[i]) == len && strncmp(comps[i], rest,
                                                     (size_t)len) == 0;
    if (dup || n == LX_MAX_FACTS)
      continue;
    snprintf(comps[n], sizeof comps[n], "%.*s", len, rest);
    lx_suggest_try(&s, comps[n++]);
  }
  cerr(l, k, "unknown key '%s%.80s'%s", prefix, k->str,
       lx_suggest_hint(&s, hint, sizeof hint));
}

/* Longest key path looked up: longer ones name no fact. */
#define MAX_KEY_PATH 200

static void walk(loader *l, const lx_ynode *map, const char *prefix)
{
  if (map->kind != LX_YMAP) {
    cerr(l, map, "'%.*s' must be a map, not %s",
         (int)(strlen(prefix) ? strlen(prefix) - 1 : 0), prefix,
         lx_ykind_name(map));
    return;
  }
  size_t plen = strlen(prefix);
  for (size_t i = 0; i < map->n; i++) {
    const lx_ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
    char path[MAX_KEY_PATH + 2];
    int f = -1;
    if (plen + k->len <= MAX_KEY_PATH) {
      memcpy(path, prefix, plen);
      memcpy(path + plen, k->str, k->len + 1);
      f = lx_factindex_find(&l->c->facts, path, plen + k->len);
    }
    if (f >= 0 && lx_fact_derived(f)) {
      lexloci_error e;
      lx_case_derived_error(&e, f, l->file, k->line, k->col);
      from_error(l, &e);
      continue;
    }
    if (f >= 0) {
      if (v->kind == LX_YSEQ)
        set_list(l, f, v);
      else if (v->kind == LX_YSCALAR)
        set_scalar(l, f, v);
      else
        cerr(l, v, "%s takes %s, not a map", path,
             lx_facts[f].list ? "a list" : "a value");
      continue;
    }
    /* A group such as request.offence: some fact lies below it. */
    if (f == LX_FACT_GROUP) {
      char sub[MAX_KEY_PATH + 2];
      memcpy(sub, path, plen + k->len);
      memcpy(sub + plen + k->len, ".", 2);
      walk(l, v, sub);
      continue;
    }
    unknown_key(l, k, prefix);
  }
}

static void assume(loader *l, const lx_ynode *map)
{
  const lexloci_ruleset *rs = l->c->rs;
  if (map->kind != LX_YMAP) {
    cerr(l, map, "assume must be a map of name: members");
    return;
  }
  for (size_t i = 0; i < map->n; i++) {
    const lx_ynode *k = map->items[2 * i], *v = map->items[2 * i + 1];
    long set = -1, val = -1;
    for (size_t s = 0; s < rs->nsets; s++)
      if (strcmp(rs->sets[s].name, k->str) == 0)
        set = (long)s;
    for (size_t s = 0; s < rs->nvalues; s++)
      if (strcmp(rs->values[s].name, k->str) == 0)
        val = (long)s;
    lexloci_error e;
    if (val >= 0) {
      if (v->kind != LX_YSCALAR) {
        cerr(l, v, "assume.%s takes one value", k->str);
        continue;
      }
      if (lx_case_assume_value(l->c, (size_t)val, v->str, v->len, &e,
                               l->file, v->line, v->col) != LEXLOCI_OK)
        from_error(l, &e);
      continue;
    }
    if (set < 0) {
      lx_suggest s;
      char hint[128];
      lx_suggest_init(&s, k->str);
      for (size_t j = 0; j < rs->nsets; j++)
        lx_suggest_try(&s, rs->sets[j].name);
      for (size_t j = 0; j < rs->nvalues; j++)
        lx_suggest_try(&s, rs->values[j].name);
      cerr(l, k, "the rule set defines no set or value '%.60s' to "
           "assume%s", k->str, lx_suggest_hint(&s, hint, sizeof hint));
      continue;
    }
    if (v->kind == LX_YSCALAR && !lx_ynode_is_null(v)) {
      cerr(l, v, "assume.%s takes a list [GB, AU] or a map {CA: "
           "2027-01-01}", k->str);
      continue;
    }
    size_t n = lx_ynode_is_null(v) ? 0 : v->n;
    const char **codes = lx_arena_alloc(&l->c->arena, (n + 1) * sizeof *codes);
    int32_t *from = lx_arena_alloc(&l->c->arena, (n + 1) * sizeof *from);
    if (!codes || !from) {
      lx_diag_oom(&l->diag);
      return;
    }
    bool ok = true;
    for (size_t j = 0; j < n; j++) {
      const lx_ynode *key = v->kind == LX_YSEQ ? v->items[j]
                                               : v->items[2 * j];
      const lx_ynode *date = v->kind == LX_YMAP ? v->items[2 * j + 1] : NULL;
      if (key->kind != LX_YSCALAR) {
        cerr(l, key, "assume.%s: a member must be a value", k->str);
        ok = false;
        continue;
      }
      codes[j] = key->str;
      from[j] = INT32_MIN;
      if (date && !lx_ynode_is_null(date) &&
          !(date->kind == LX_YSCALAR && strcmp(date->str, "always") == 0) &&
          (date->kind != LX_YSCALAR ||
           !lx_date_parse(date->str, date->len, &from[j]))) {
        cerr(l, date, "assume.%s: '%.40s' is not a date YYYY-MM-DD", k->str,
             date->kind == LX_YSCALAR ? date->str : "?");
        ok = false;
      }
    }
    if (ok && lx_case_assume_set(l->c, (size_t)set, codes, from, n, &e,
                                 l->file, v->line, v->col) != LEXLOCI_OK)
      from_error(l, &e);
  }
}

/* Reads the case at node root of an already parsed document. */
void lx_caseload_node(lexloci_case *c, const lx_ynode *root, const char *file,
                      lx_diag *diag)
{
  loader l = {c, {0}, file};
  l.diag = *diag;
  if (!root || root->kind != LX_YMAP) {
    if (!root)
      lx_diag_report(&l.diag, LEXLOCI_EFACT, LEXLOCI_SEV_ERROR, file, 1, 1,
                     "the case is empty");
    else
      cerr(&l, root, "a case is a map with lexloci, request, provider and "
           "data");
    *diag = l.diag;
    return;
  }
  static const char *const top[] = {"lexloci", "request", "provider",
                                    "data", "assume", NULL};
  for (size_t i = 0; i < root->n; i++) {
    const lx_ynode *k = root->items[2 * i], *v = root->items[2 * i + 1];
    if (strcmp(k->str, "lexloci") == 0) {
      if (v->kind != LX_YSCALAR || strcmp(v->str, "1") != 0)
        cerr(&l, v, "this case is for schema %.20s; lexloci reads "
             "schema 1", v->kind == LX_YSCALAR ? v->str : "?");
    } else if (strcmp(k->str, "assume") == 0) {
      assume(&l, v);
    } else if (strcmp(k->str, "request") == 0 ||
               strcmp(k->str, "provider") == 0 ||
               strcmp(k->str, "data") == 0) {
      char prefix[32];
      memcpy(prefix, k->str, k->len); /* request, provider or data */
      memcpy(prefix + k->len, ".", 2);
      walk(&l, v, prefix);
    } else {
      lx_suggest s;
      char hint[96];
      lx_suggest_init(&s, k->str);
      for (const char *const *t = top; *t; t++)
        lx_suggest_try(&s, *t);
      cerr(&l, k, "unknown key '%.60s'%s", k->str,
           lx_suggest_hint(&s, hint, sizeof hint));
    }
  }
  if (!lx_ymap_get(root, "lexloci"))
    cerr(&l, root, "a case must start with 'lexloci: 1' (schema version)");
  static const int required[] = {LX_F_ISSUING_STATE, LX_F_INSTRUMENT,
                                 LX_F_CATEGORIES, LX_F_LOCATIONS};
  for (size_t i = 0; i < LX_COUNTOF(required); i++)
    if (c->vals[required[i]].state != LX_KNOWN && l.diag.nerrors == 0)
      cerr(&l, root, "the case does not give %s, which every case must "
           "give", lx_facts[required[i]].path);
  *diag = l.diag;
}

lexloci_status lexloci_case_load(lexloci_case *c, const char *name,
                                 const char *text, size_t len,
                                 lexloci_error *err)
{
  if (!c || (!text && len)) {
    lx_error_set(err, LEXLOCI_EMISUSE, NULL, 0, 0, "NULL argument");
    return LEXLOCI_EMISUSE;
  }
  lexloci_case_reset(c);
  const char *file = name ? name : "<case>";
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = c->rs->diag;
  cfg.diag_ud = c->rs->diag_ud;
  lx_diag diag;
  lx_diag_init(&diag, &cfg);
  lx_arena tmp;
  lx_arena_init(&tmp, &c->mem);
  lx_ydoc doc;
  if (lx_ydoc_parse(&doc, &tmp, &diag, file, text ? text : "", len,
                    LX_MAX_CASE_BYTES))
    lx_caseload_node(c, doc.root, file, &diag);
  lx_arena_free(&tmp);
  lexloci_status st = lx_diag_result(&diag, err);
  if (st != LEXLOCI_OK)
    lexloci_case_reset(c);
  return st;
}
