/*
** defs.c: the definitions of a rule file other than rules: its regime,
** citations, reference sets and values, and conflict notes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "country.h"
#include "date.h"
#include "load.h"

static const char *const file_keys[] = {"regime", "title", "citations",
                                        "sets", "values", "rules",
                                        "conflicts", NULL};

/* ------------------------------------------------------------------ */
/* Citations                                                            */
/* ------------------------------------------------------------------ */

static void citation(lx_loader *ld, size_t f, const lx_ynode *key,
                     const lx_ynode *v)
{
  static const char *const keys[] = {"ref", "title", "url", "note", NULL};
  if (!lx_ld_id_ok(key->str)) {
    lx_ld_error(ld, f, key,
                "citation id '%.60s' may hold only a-z, 0-9, '-', '_', '.'",
                key->str);
    return;
  }
  long prev = lx_names_get(&ld->cite_names, key->str);
  if (prev >= 0) {
    const lx_citation *p = &LX_VEC_AT(&ld->cites, lx_citation, prev);
    lx_ld_error(ld, f, key, "citation '%.60s' is defined twice (first at "
                "%s:%d)", key->str, p->file, p->line);
    return;
  }
  char what[128];
  snprintf(what, sizeof what, "citation '%.60s'", key->str);
  if (!lx_ld_keys(ld, f, v, keys, what))
    return;
  lx_citation c = {0};
  const lx_ynode *ref = lx_ymap_get(v, "ref");
  const lx_ynode *title = lx_ymap_get(v, "title");
  const lx_ynode *url = lx_ymap_get(v, "url");
  bool ok = true;
  if (!ref || !title || !url) {
    static const char *const required[] = {"ref", "title", "url", NULL};
    char miss[96];
    lx_ld_error(ld, f, v, "%s needs ref, title and url%s", what,
                lx_ld_missing(v, required, miss, sizeof miss));
    ok = false;
  }
  if (ref && !(c.pub.ref = lx_ld_str(ld, f, ref, "ref")))
    ok = false;
  if (title && !(c.pub.title = lx_ld_str(ld, f, title, "title")))
    ok = false;
  if (url && !(c.pub.url = lx_ld_str(ld, f, url, "url")))
    ok = false;
  if (c.pub.url && (strncmp(c.pub.url, "https://", 8) != 0 ||
                    strlen(c.pub.url) < 12 || strchr(c.pub.url, ' '))) {
    lx_ld_error(ld, f, url, "%s: url must be an https:// address", what);
    ok = false;
  }
  c.id = lx_ld_keep(ld, key->str);
  c.file = ld->files[f].path;
  c.line = key->line;
  c.col = key->col;
  /* An invalid citation is still defined, so that rules citing it do not
     report it again as unknown. */
  (void)ok;
  if (!c.id)
    return;
  if (ld->cites.n >= LX_MAX_CITATIONS) {
    lx_ld_error_at(ld, LEXLOCI_ELIMIT, f, key->line, key->col,
                   "a rule set has more than %d citations",
                   LX_MAX_CITATIONS);
    return;
  }
  lx_citation *slot = lx_vec_push(&ld->cites, ld->mem);
  if (!slot || !lx_names_add(&ld->cite_names, c.id,
                             (uint32_t)(ld->cites.n - 1))) {
    lx_diag_oom(ld->diag);
    return;
  }
  *slot = c;
}

void lx_defs_citations(lx_loader *ld, size_t f)
{
  const lx_ynode *root = ld->files[f].doc.root;
  if (!root) {
    lx_ld_error_at(ld, LEXLOCI_ERULE, f, 1, 1, "the file is empty");
    ld->files[f].parsed = false;
    return;
  }
  if (!lx_ld_keys(ld, f, root, file_keys, "a rule file")) {
    if (root->kind != LX_YMAP)
      ld->files[f].parsed = false;
  }
  const lx_ynode *cites = lx_ymap_get(root, "citations");
  if (!cites)
    return;
  if (cites->kind != LX_YMAP) {
    lx_ld_error(ld, f, cites, "citations must be a map of id: {ref, title, "
                "url}");
    return;
  }
  for (size_t i = 0; i < cites->n; i++)
    citation(ld, f, cites->items[2 * i], cites->items[2 * i + 1]);
}

/* ------------------------------------------------------------------ */
/* Regimes                                                              */
/* ------------------------------------------------------------------ */

static bool regime_id_ok(const char *s)
{
  if (!*s || *s == '.')
    return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
          *s == '_' || *s == '.'))
      return false;
  return true;
}

void lx_defs_regime(lx_loader *ld, size_t f)
{
  const lx_ynode *root = ld->files[f].doc.root;
  const lx_ynode *reg = lx_ymap_get(root, "regime");
  const lx_ynode *title = lx_ymap_get(root, "title");
  if (!reg) {
    if (title)
      lx_ld_error(ld, f, title, "'title' names a regime: add 'regime: ID'");
    return;
  }
  const lx_ynode *idn = reg;
  if (reg->kind == LX_YMAP) {
    static const char *const keys[] = {"id", "title", NULL};
    if (!lx_ld_keys(ld, f, reg, keys, "regime"))
      return;
    idn = lx_ymap_get(reg, "id");
    if (lx_ymap_get(reg, "title")) {
      if (title)
        lx_ld_error(ld, f, title, "the regime's title is given twice");
      title = lx_ymap_get(reg, "title");
    }
    if (!idn) {
      lx_ld_error(ld, f, reg, "regime needs an id");
      return;
    }
  }
  if (idn->kind != LX_YSCALAR || !regime_id_ok(idn->str)) {
    lx_ld_error(ld, f, idn, "a regime id is lower case words joined by "
                "'.', such as 'us.cloud_act'");
    return;
  }
  long r = lx_names_get(&ld->regime_names, idn->str);
  if (r < 0) {
    if (ld->regimes.n >= LX_MAX_REGIMES) {
      lx_ld_error_at(ld, LEXLOCI_ELIMIT, f, idn->line, idn->col,
                     "a rule set has more than %d regimes", LX_MAX_REGIMES);
      return;
    }
    lx_regime *slot = lx_vec_push(&ld->regimes, ld->mem);
    const char *id = lx_ld_keep(ld, idn->str);
    if (!slot || !id ||
        !lx_names_add(&ld->regime_names, id,
                      (uint32_t)(ld->regimes.n - 1))) {
      lx_diag_oom(ld->diag);
      return;
    }
    slot->id = id;
    slot->file = ld->files[f].path;
    slot->line = idn->line;
    slot->col = idn->col;
    r = (long)(ld->regimes.n - 1);
  }
  ld->files[f].regime = (int)r;
  if (title) {
    lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, r);
    const char *t = lx_ld_str(ld, f, title, "title");
    if (t && rg->title && strcmp(t, rg->title) != 0)
      lx_ld_error(ld, f, title, "regime '%s' already has the title '%.60s'",
                  rg->id, rg->title);
    else if (t)
      rg->title = t;
  }
}

/* ------------------------------------------------------------------ */
/* Sets and values                                                      */
/* ------------------------------------------------------------------ */

static bool name_ok(const char *s)
{
  if (!*s || (*s >= '0' && *s <= '9'))
    return false;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
          *s == '_'))
      return false;
  return true;
}

/* Reports a name already used by a set or a value. */
static bool name_free(lx_loader *ld, size_t f, const lx_ynode *key)
{
  if (!name_ok(key->str)) {
    lx_ld_error(ld, f, key, "'%.60s': set and value names hold only a-z, "
                "0-9 and '_'", key->str);
    return false;
  }
  long s = lx_names_get(&ld->set_names, key->str);
  long v = lx_names_get(&ld->value_names, key->str);
  if (s >= 0 || v >= 0) {
    const char *file = s >= 0 ? LX_VEC_AT(&ld->sets, lx_set, s).file
                              : LX_VEC_AT(&ld->values, lx_value, v).file;
    int line = s >= 0 ? LX_VEC_AT(&ld->sets, lx_set, s).line
                      : LX_VEC_AT(&ld->values, lx_value, v).line;
    lx_ld_error(ld, f, key, "'%.60s' is defined twice (first at %s:%d)",
                key->str, file, line);
    return false;
  }
  return true;
}

static int member_code(lx_loader *ld, size_t f, const lx_ynode *n, int dom)
{
  if (n->kind != LX_YSCALAR) {
    lx_ld_error(ld, f, n, "a member must be a value, not %s",
                lx_ykind_name(n));
    return -1;
  }
  if (dom == LX_DOM_NONE) {
    int c = lx_country_index(n->str, n->len);
    if (c < 0)
      lx_ld_error(ld, f, n, "'%.40s' is not a country code%s", n->str,
                  lx_country_hint(n->str, n->len));
    return c;
  }
  int c = lx_domain_value(dom, n->str, n->len);
  if (c < 0) {
    char hint[128];
    lx_ld_error(ld, f, n, "'%.40s' is not a value of type %s%s", n->str,
                lx_domains[dom].name,
                lx_domain_hint(dom, n->str, hint, sizeof hint));
  }
  return c;
}

/* One member's dates: always | DATE | {from, until, cite, note}. */
static bool member_dates(lx_loader *ld, size_t f, const lx_ynode *v,
                         lx_member *m)
{
  static const char *const keys[] = {"from", "until", "cite", "note", NULL};
  m->from = LX_DATE_MIN;
  m->until = LX_DATE_MAX;
  if (!v || lx_ynode_is_null(v))
    return true;
  if (v->kind == LX_YSCALAR) {
    if (strcmp(v->str, "always") == 0)
      return true;
    if (!lx_date_parse(v->str, v->len, &m->from)) {
      lx_ld_error(ld, f, v, "a member's dates are a date YYYY-MM-DD, "
                  "'always' or {from, until}, not '%.40s'", v->str);
      return false;
    }
    return true;
  }
  if (!lx_ld_keys(ld, f, v, keys, "a member"))
    return false;
  bool ok = true;
  const lx_ynode *from = lx_ymap_get(v, "from");
  const lx_ynode *until = lx_ymap_get(v, "until");
  const lx_ynode *cite = lx_ymap_get(v, "cite");
  const lx_ynode *note = lx_ymap_get(v, "note");
  if (from && !lx_ld_date(ld, f, from, &m->from, "from"))
    ok = false;
  if (until && !lx_ld_date(ld, f, until, &m->until, "until"))
    ok = false;
  if (ok && m->from != LX_DATE_MIN && m->until != LX_DATE_MAX &&
      m->until < m->from) {
    lx_ld_error(ld, f, until, "'until' is before 'from'");
    ok = false;
  }
  if (cite && !(m->cites = lx_ld_cites(ld, f, v, &m->ncites, "member")))
    ok = false;
  if (note && !(m->note = lx_ld_str(ld, f, note, "note")))
    ok = false;
  return ok;
}

static int cmp_date(const void *a, const void *b)
{
  int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
  return x < y ? -1 : x > y;
}

/* Builds the intervals over which membership is constant. */
static bool timeline(lx_loader *ld, lx_set *s)
{
  size_t cap = 1 + 2 * s->nmembers;
  int32_t *pts = lx_arena_alloc(ld->keep, cap * sizeof *pts);
  if (!pts)
    return false;
  size_t n = 0;
  pts[n++] = LX_DATE_MIN;
  for (size_t i = 0; i < s->nmembers; i++) {
    if (s->members[i].from != LX_DATE_MIN)
      pts[n++] = s->members[i].from;
    if (s->members[i].until != LX_DATE_MAX)
      pts[n++] = s->members[i].until + 1;
  }
  qsort(pts, n, sizeof *pts, cmp_date);
  size_t u = 0;
  for (size_t i = 0; i < n; i++)
    if (u == 0 || pts[u - 1] != pts[i])
      pts[u++] = pts[i];
  lx_bits *bits = lx_arena_alloc(ld->keep, u * sizeof *bits);
  if (!bits)
    return false;
  for (size_t i = 0; i < u; i++) {
    lx_bits_clear(&bits[i]);
    for (size_t j = 0; j < s->nmembers; j++)
      if (s->members[j].from <= pts[i] && pts[i] <= s->members[j].until)
        lx_bits_set(&bits[i], (unsigned)s->members[j].code);
  }
  s->tl.starts = pts;
  s->tl.bits = bits;
  s->tl.n = u;
  return true;
}

/* Cells of the epoch table past which a rule set does without it: each set
   is then looked up on its own, as a case with an assumed set is. */
#define MAX_EPOCH_CELLS 65536

bool lx_defs_set_epochs(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  size_t n = 0;
  for (size_t i = 0; i < rs->nsets; i++)
    n += rs->sets[i].tl.n;
  if (rs->nsets == 0 || n * rs->nsets > MAX_EPOCH_CELLS)
    return true;
  int32_t *starts = lx_arena_alloc(ld->keep, n * sizeof *starts);
  if (!starts)
    return false;
  n = 0;
  for (size_t i = 0; i < rs->nsets; i++)
    for (size_t k = 0; k < rs->sets[i].tl.n; k++)
      starts[n++] = rs->sets[i].tl.starts[k];
  qsort(starts, n, sizeof *starts, cmp_date);
  size_t u = 0;
  for (size_t i = 0; i < n; i++)
    if (u == 0 || starts[u - 1] != starts[i])
      starts[u++] = starts[i];
  /* Every timeline starts at LX_DATE_MIN and is constant between its own
     starts, all of which are here: a set is constant in each epoch. */
  const lx_bits **sets = lx_arena_alloc(ld->keep, u * rs->nsets *
                                                      sizeof *sets);
  if (!sets)
    return false;
  for (size_t e = 0; e < u; e++)
    for (size_t i = 0; i < rs->nsets; i++)
      sets[e * rs->nsets + i] = lx_timeline_at(&rs->sets[i].tl, starts[e]);
  rs->epoch_starts = starts;
  rs->epoch_sets = sets;
  rs->nepochs = u;
  return true;
}

static void set_def(lx_loader *ld, size_t f, const lx_ynode *key,
                    const lx_ynode *v)
{
  static const char *const keys[] = {"title", "of", "cite", "members",
                                     "note", NULL};
  if (!name_free(ld, f, key))
    return;
  char what[128];
  snprintf(what, sizeof what, "set '%.60s'", key->str);
  if (!lx_ld_keys(ld, f, v, keys, what))
    return;
  lx_set s = {0};
  s.domain = LX_DOM_NONE;
  s.file = ld->files[f].path;
  s.line = key->line;
  s.col = key->col;
  s.name = lx_ld_keep(ld, key->str);
  bool ok = s.name != NULL;
  const lx_ynode *title = lx_ymap_get(v, "title");
  if (title && !(s.title = lx_ld_str(ld, f, title, "title")))
    ok = false;
  const lx_ynode *of = lx_ymap_get(v, "of");
  if (of && of->kind == LX_YSCALAR && strcmp(of->str, "country") != 0) {
    s.domain = lx_domain_find(of->str);
    if (s.domain < 0 || s.domain == LX_DOM_EFFECT) {
      lx_suggest sg;
      char hint[96];
      lx_suggest_init(&sg, of->str);
      lx_suggest_try(&sg, "country");
      for (int d = 0; d < LX_DOM_EFFECT; d++)
        lx_suggest_try(&sg, lx_domains[d].name);
      lx_ld_error(ld, f, of, "'of' must be country or an enumerated type "
                  "such as instrument%s", lx_suggest_hint(&sg, hint,
                                                          sizeof hint));
      return;
    }
  } else if (of && of->kind != LX_YSCALAR) {
    lx_ld_error(ld, f, of, "'of' must be a type name");
    return;
  }
  s.cites = lx_ld_cites(ld, f, v, &s.ncites, what);
  if (!s.cites)
    ok = false;
  const lx_ynode *mem = lx_ymap_get(v, "members");
  if (!mem) {
    lx_ld_error(ld, f, v, "%s has no members (write 'members: []' for an "
                "empty set)", what);
    return;
  }
  size_t nm = mem->kind == LX_YSEQ || mem->kind == LX_YMAP ? mem->n : 0;
  if (mem->kind == LX_YSCALAR) {
    lx_ld_error(ld, f, mem, "members must be a list or a map of member: "
                "dates");
    return;
  }
  s.members = lx_arena_alloc(ld->keep, (nm ? nm : 1) * sizeof *s.members);
  if (!s.members) {
    lx_diag_oom(ld->diag);
    return;
  }
  for (size_t i = 0; i < nm; i++) {
    const lx_ynode *k = mem->kind == LX_YSEQ ? mem->items[i]
                                             : mem->items[2 * i];
    lx_member *m = &s.members[s.nmembers];
    m->code = member_code(ld, f, k, s.domain);
    m->name = m->code >= 0 ? lx_ld_keep(ld, k->str) : NULL;
    if (m->code < 0) {
      ok = false;
      continue;
    }
    bool dup = false;
    for (size_t j = 0; j < s.nmembers; j++)
      dup = dup || s.members[j].code == m->code;
    if (dup) {
      lx_ld_error(ld, f, k, "'%.20s' is listed twice in %s", k->str, what);
      ok = false;
      continue;
    }
    if (!member_dates(ld, f, mem->kind == LX_YMAP ? mem->items[2 * i + 1]
                                                  : NULL, m))
      ok = false;
    s.nmembers++;
  }
  if (!ok)
    return;
  if (!timeline(ld, &s)) {
    lx_diag_oom(ld->diag);
    return;
  }
  if (ld->sets.n >= LX_MAX_SETS) {
    lx_ld_error_at(ld, LEXLOCI_ELIMIT, f, key->line, key->col,
                   "a rule set has more than %d sets", LX_MAX_SETS);
    return;
  }
  lx_set *slot = lx_vec_push(&ld->sets, ld->mem);
  if (!slot ||
      !lx_names_add(&ld->set_names, s.name, (uint32_t)(ld->sets.n - 1))) {
    lx_diag_oom(ld->diag);
    return;
  }
  *slot = s;
}

static void value_def(lx_loader *ld, size_t f, const lx_ynode *key,
                      const lx_ynode *v)
{
  static const char *const keys[] = {"value", "type", "title", "cite",
                                     "note", NULL};
  static const struct {
    const char *name;
    lx_base base;
  } types[] = {{"date", LX_DATE}, {"number", LX_NUMBER}, {"bool", LX_BOOL},
               {"country", LX_COUNTRY}, {"text", LX_TEXT}};
  if (!name_free(ld, f, key))
    return;
  char what[128];
  snprintf(what, sizeof what, "value '%.60s'", key->str);
  if (!lx_ld_keys(ld, f, v, keys, what))
    return;
  lx_value val = {0};
  val.name = lx_ld_keep(ld, key->str);
  val.file = ld->files[f].path;
  val.line = key->line;
  val.col = key->col;
  const lx_ynode *type = lx_ymap_get(v, "type");
  const lx_ynode *value = lx_ymap_get(v, "value");
  if (!type || !value) {
    static const char *const required[] = {"value", "type", NULL};
    char miss[96];
    lx_ld_error(ld, f, v, "%s needs 'value' and 'type'%s", what,
                lx_ld_missing(v, required, miss, sizeof miss));
    return;
  }
  int t = -1;
  lx_suggest sg;
  lx_suggest_init(&sg, type->kind == LX_YSCALAR ? type->str : "");
  for (size_t i = 0; i < LX_COUNTOF(types); i++) {
    if (type->kind == LX_YSCALAR && strcmp(type->str, types[i].name) == 0)
      t = (int)i;
    lx_suggest_try(&sg, types[i].name);
  }
  if (t < 0) {
    char hint[96];
    lx_ld_error(ld, f, type, "type must be date, number, bool, country or "
                "text%s", lx_suggest_hint(&sg, hint, sizeof hint));
    return;
  }
  val.base = types[t].base;
  if (value->kind != LX_YSCALAR) {
    lx_ld_error(ld, f, value, "%s must be a single value", what);
    return;
  }
  val.written = lx_ld_keep(ld, value->str);
  bool ok = val.written != NULL;
  switch (val.base) {
  case LX_DATE:
    ok = ok && lx_ld_date(ld, f, value, &val.v.u.date, what);
    break;
  case LX_NUMBER: {
    char *end;
    val.v.u.num = strtod(value->str, &end);
    if (!value->len || *end) {
      lx_ld_error(ld, f, value, "%s is not a number", what);
      ok = false;
    }
    break;
  }
  case LX_BOOL:
    if (strcmp(value->str, "true") == 0 || strcmp(value->str, "false") == 0)
      val.v.u.b = value->str[0] == 't';
    else {
      lx_ld_error(ld, f, value, "%s must be true or false", what);
      ok = false;
    }
    break;
  case LX_COUNTRY:
    val.v.u.code = lx_country_index(value->str, value->len);
    if (val.v.u.code < 0) {
      lx_ld_error(ld, f, value, "'%.20s' is not a country code%s",
                  value->str, lx_country_hint(value->str, value->len));
      ok = false;
    }
    break;
  default:
    val.v.s = val.written;
    val.v.slen = (uint32_t)value->len;
    break;
  }
  const lx_ynode *title = lx_ymap_get(v, "title");
  if (title && !(val.title = lx_ld_str(ld, f, title, "title")))
    ok = false;
  val.cites = lx_ld_cites(ld, f, v, &val.ncites, what);
  if (!ok || !val.cites || !val.name)
    return;
  lx_value *slot = lx_vec_push(&ld->values, ld->mem);
  if (!slot || !lx_names_add(&ld->value_names, val.name,
                             (uint32_t)(ld->values.n - 1))) {
    lx_diag_oom(ld->diag);
    return;
  }
  *slot = val;
}

void lx_defs_sets_values(lx_loader *ld, size_t f)
{
  const lx_ynode *root = ld->files[f].doc.root;
  const lx_ynode *sets = lx_ymap_get(root, "sets");
  const lx_ynode *values = lx_ymap_get(root, "values");
  if (sets && sets->kind != LX_YMAP)
    lx_ld_error(ld, f, sets, "sets must be a map of name: {title, cite, "
                "members}");
  else
    for (size_t i = 0; sets && i < sets->n; i++)
      set_def(ld, f, sets->items[2 * i], sets->items[2 * i + 1]);
  if (values && values->kind != LX_YMAP)
    lx_ld_error(ld, f, values, "values must be a map of name: {value, "
                "type, cite}");
  else
    for (size_t i = 0; values && i < values->n; i++)
      value_def(ld, f, values->items[2 * i], values->items[2 * i + 1]);
}

/* ------------------------------------------------------------------ */
/* Conflict notes                                                       */
/* ------------------------------------------------------------------ */

static int regime_ref(lx_loader *ld, size_t f, const lx_ynode *n)
{
  if (n->kind != LX_YSCALAR) {
    lx_ld_error(ld, f, n, "expected a regime id");
    return -1;
  }
  long r = lx_names_get(&ld->regime_names, n->str);
  if (r < 0) {
    char hint[128];
    lx_ld_error(ld, f, n, "unknown regime '%.60s'%s", n->str,
                lx_ld_hint(&ld->regime_names, n->str, hint, sizeof hint));
  }
  return (int)r;
}

void lx_defs_conflicts(lx_loader *ld, size_t f)
{
  static const char *const keys[] = {"between", "text", "cite", NULL};
  const lx_ynode *list = lx_ymap_get(ld->files[f].doc.root, "conflicts");
  if (!list)
    return;
  if (list->kind != LX_YSEQ) {
    lx_ld_error(ld, f, list, "conflicts must be a list of {between, text, "
                "cite}");
    return;
  }
  for (size_t i = 0; i < list->n; i++) {
    const lx_ynode *n = list->items[i];
    if (!lx_ld_keys(ld, f, n, keys, "a conflict note"))
      continue;
    const lx_ynode *between = lx_ymap_get(n, "between");
    const lx_ynode *text = lx_ymap_get(n, "text");
    lx_conflict_note c = {0};
    if (!between || between->kind != LX_YSEQ || between->n != 2) {
      lx_ld_error(ld, f, between ? between : n,
                  "'between' must list two regimes");
      continue;
    }
    c.a = regime_ref(ld, f, between->items[0]);
    c.b = regime_ref(ld, f, between->items[1]);
    if (!text) {
      lx_ld_error(ld, f, n, "a conflict note needs a text");
      continue;
    }
    c.text = lx_ld_str(ld, f, text, "text");
    if (c.text) {
      /* Folded YAML keeps a final newline; notes are one paragraph. */
      char *t = (char *)c.text;
      size_t len = strlen(t);
      while (len && (t[len - 1] == '\n' || t[len - 1] == ' '))
        t[--len] = '\0';
    }
    c.cites = lx_ld_cites(ld, f, n, &c.ncites,
                          "a conflict note");
    if (c.a < 0 || c.b < 0 || !c.text || !c.cites)
      continue;
    if (c.a == c.b) {
      lx_ld_error(ld, f, between, "a conflict note is between two "
                  "different regimes");
      continue;
    }
    for (size_t j = 0; j < ld->conflicts.n; j++) {
      const lx_conflict_note *o =
          &LX_VEC_AT(&ld->conflicts, lx_conflict_note, j);
      if ((o->a == c.a && o->b == c.b) || (o->a == c.b && o->b == c.a)) {
        lx_ld_error(ld, f, between, "these two regimes already have a "
                    "conflict note");
        c.a = -1;
      }
    }
    if (c.a < 0)
      continue;
    lx_conflict_note *slot = lx_vec_push(&ld->conflicts, ld->mem);
    if (!slot) {
      lx_diag_oom(ld->diag);
      return;
    }
    *slot = c;
  }
}

/* ------------------------------------------------------------------ */
/* Regime order                                                         */
/* ------------------------------------------------------------------ */

void lx_defs_order_regimes(lx_loader *ld)
{
  const lx_ynode *list = ld->manifest_regimes;
  size_t n = ld->regimes.n;
  if (!list || n == 0)
    return;
  size_t mf = ld->manifest_file;
  if (list->kind != LX_YSEQ) {
    lx_ld_error(ld, mf, list, "regimes must be a list of regime ids");
    return;
  }
  int *perm = lx_calloc(ld->mem, n, sizeof *perm); /* new -> old */
  bool *seen = lx_calloc(ld->mem, n, sizeof *seen);
  if (!perm || !seen) {
    lx_free(ld->mem, perm, n * sizeof *perm);
    lx_free(ld->mem, seen, n * sizeof *seen);
    lx_diag_oom(ld->diag);
    return;
  }
  size_t k = 0;
  bool ok = true;
  for (size_t i = 0; i < list->n; i++) {
    const lx_ynode *it = list->items[i];
    long r = it->kind == LX_YSCALAR ? lx_names_get(&ld->regime_names, it->str)
                                    : -1;
    if (it->kind != LX_YSCALAR) {
      lx_ld_error(ld, mf, it, "expected a regime id, not %s",
                  lx_ykind_name(it));
      ok = false;
      continue;
    }
    if (r < 0) {
      char hint[128];
      lx_ld_error(ld, mf, it, "the manifest lists regime '%.60s', which no "
                  "rule file declares%s", it->str,
                  lx_ld_hint(&ld->regime_names, it->str, hint, sizeof hint));
      ok = false;
      continue;
    }
    if (seen[r]) {
      lx_ld_error(ld, mf, it, "regime '%.60s' is listed twice", it->str);
      ok = false;
      continue;
    }
    seen[r] = true;
    perm[k++] = (int)r;
  }
  for (size_t r = 0; r < n; r++) {
    if (!seen[r]) {
      const lx_regime *rg = &LX_VEC_AT(&ld->regimes, lx_regime, r);
      lx_ld_error(ld, mf, list, "regime '%s' (declared at %s:%d) is missing "
                  "from the manifest's regimes", rg->id, rg->file, rg->line);
      ok = false;
    }
  }
  if (ok) {
    lx_regime *copy = lx_malloc(ld->mem, n * sizeof *copy);
    int *inv = lx_malloc(ld->mem, n * sizeof *inv);
    if (copy && inv) {
      memcpy(copy, ld->regimes.items, n * sizeof *copy);
      for (size_t i = 0; i < n; i++) {
        LX_VEC_AT(&ld->regimes, lx_regime, i) = copy[perm[i]];
        inv[perm[i]] = (int)i;
      }
      for (size_t f = 0; f < ld->nfiles; f++)
        if (ld->files[f].regime >= 0)
          ld->files[f].regime = inv[ld->files[f].regime];
      lx_names_free(&ld->regime_names);
      lx_names_init(&ld->regime_names, ld->mem, &ld->tmp);
      for (size_t i = 0; i < n; i++)
        if (!lx_names_add(&ld->regime_names,
                          LX_VEC_AT(&ld->regimes, lx_regime, i).id,
                          (uint32_t)i))
          lx_diag_oom(ld->diag);
    } else {
      lx_diag_oom(ld->diag);
    }
    lx_free(ld->mem, copy, n * sizeof *copy);
    lx_free(ld->mem, inv, n * sizeof *inv);
  }
  lx_free(ld->mem, perm, n * sizeof *perm);
  lx_free(ld->mem, seen, n * sizeof *seen);
}
