/*
** load.c: loading a rule set: reading its files, parsing the manifest, and
** running the stages (defs.c, rules.c, cond.c, order.c) in order. Errors
** are collected, not thrown: one run reports every mistake it can find.
*/
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"
#include "load.h"
#include "sha256.h"

/* ------------------------------------------------------------------ */
/* Helpers shared by the stages                                         */
/* ------------------------------------------------------------------ */

void lx_ld_error_at(lx_loader *ld, lexloci_status code, size_t f, int line,
                    int col, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  const char *file = f < ld->nfiles ? ld->files[f].path : NULL;
  lx_diag_report(ld->diag, code, LEXLOCI_SEV_ERROR, file, line, col, "%s",
                 msg);
}

void lx_ld_error(lx_loader *ld, size_t f, const lx_ynode *n, const char *fmt,
                 ...)
{
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  lx_ld_error_at(ld, LEXLOCI_ERULE, f, n ? n->line : 0, n ? n->col : 0,
                 "%s", msg);
}

bool lx_ld_keys(lx_loader *ld, size_t f, const lx_ynode *n,
                const char *const *allowed, const char *what)
{
  if (!n || n->kind != LX_YMAP) {
    lx_ld_error(ld, f, n, "%s must be a map, not %s", what,
                lx_ykind_name(n));
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < n->n; i++) {
    const lx_ynode *k = n->items[2 * i];
    bool found = false;
    for (const char *const *a = allowed; *a; a++)
      if (strcmp(*a, k->str) == 0)
        found = true;
    if (!found) {
      lx_suggest s;
      char hint[96];
      lx_suggest_init(&s, k->str);
      for (const char *const *a = allowed; *a; a++)
        lx_suggest_try(&s, *a);
      lx_ld_error(ld, f, k, "unknown key '%.60s' in %s%s", k->str, what,
                  lx_suggest_hint(&s, hint, sizeof hint));
      ok = false;
    }
  }
  return ok;
}

const char *lx_ld_keep(lx_loader *ld, const char *s)
{
  if (!s)
    return NULL;
  const char *k = lx_arena_strdup(ld->keep, s);
  if (!k)
    lx_diag_oom(ld->diag);
  return k;
}

const char *lx_ld_str(lx_loader *ld, size_t f, const lx_ynode *n,
                      const char *what)
{
  if (!n || n->kind != LX_YSCALAR || lx_ynode_is_null(n)) {
    lx_ld_error(ld, f, n, "%s must be text, not %s", what, lx_ykind_name(n));
    return NULL;
  }
  return lx_ld_keep(ld, n->str);
}

bool lx_ld_date(lx_loader *ld, size_t f, const lx_ynode *n, int32_t *out,
                const char *what)
{
  if (!n || n->kind != LX_YSCALAR || !lx_date_parse(n->str, n->len, out)) {
    lx_ld_error(ld, f, n, "%s must be a date YYYY-MM-DD, not '%.40s'", what,
                n && n->kind == LX_YSCALAR ? n->str : lx_ykind_name(n));
    return false;
  }
  return true;
}

bool lx_ld_id_ok(const char *s)
{
  if (!*s)
    return false;
  for (; *s; s++) {
    char c = *s;
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.'))
      return false;
  }
  return true;
}

const char *lx_ld_missing(const lx_ynode *n, const char *const *required,
                          char *buf, size_t cap)
{
  size_t nmiss = 0, len = 0, k = 0;
  for (const char *const *r = required; *r; r++)
    nmiss += !lx_ymap_get(n, *r);
  buf[0] = '\0';
  for (const char *const *r = required; *r && len < cap; r++) {
    if (lx_ymap_get(n, *r))
      continue;
    k++;
    len += (size_t)snprintf(buf + len, cap - len, "%s'%s'",
                            k == 1 ? "; " : k == nmiss ? " and " : ", ", *r);
  }
  if (nmiss && len < cap)
    snprintf(buf + len, cap - len, " %s missing", nmiss == 1 ? "is" : "are");
  return buf;
}

typedef struct hint_ud {
  lx_suggest *s;
} hint_ud;

static void hint_each(void *ud, const char *key)
{
  lx_suggest_try(((hint_ud *)ud)->s, key);
}

const char *lx_ld_hint(const lx_names *t, const char *name, char *buf,
                       size_t cap)
{
  lx_suggest s;
  lx_suggest_init(&s, name);
  hint_ud h = {&s};
  lx_names_each(t, hint_each, &h);
  return lx_suggest_hint(&s, buf, cap);
}

static bool cite_one(lx_loader *ld, size_t f, const lx_ynode *n,
                     uint32_t *out)
{
  if (n->kind != LX_YSCALAR || lx_ynode_is_null(n)) {
    lx_ld_error(ld, f, n, "a citation id must be text, not %s",
                lx_ykind_name(n));
    return false;
  }
  long i = lx_names_get(&ld->cite_names, n->str);
  if (i < 0) {
    char hint[128];
    lx_ld_error(ld, f, n, "unknown citation '%.80s'%s", n->str,
                lx_ld_hint(&ld->cite_names, n->str, hint, sizeof hint));
    return false;
  }
  LX_VEC_AT(&ld->cites, lx_citation, i).used = true;
  *out = (uint32_t)i;
  return true;
}

/* owner is the map holding `cite:`, so that its absence has a place. */
uint32_t *lx_ld_cites(lx_loader *ld, size_t f, const lx_ynode *owner,
                      size_t *count, const char *what)
{
  const lx_ynode *n = lx_ymap_get(owner, "cite");
  *count = 0;
  if (!n || lx_ynode_is_null(n) || (n->kind == LX_YSEQ && n->n == 0)) {
    lx_ld_error(ld, f, n ? n : owner, "%s has no citation: add 'cite: "
                "[ID]'", what);
    return NULL;
  }
  size_t k = n->kind == LX_YSEQ ? n->n : 1;
  if (n->kind == LX_YMAP) {
    lx_ld_error(ld, f, n, "cite must be a citation id or a list of them");
    return NULL;
  }
  uint32_t *ids = lx_arena_alloc(ld->keep, k * sizeof *ids);
  if (!ids) {
    lx_diag_oom(ld->diag);
    return NULL;
  }
  bool ok = true;
  for (size_t i = 0; i < k; i++)
    ok = cite_one(ld, f, n->kind == LX_YSEQ ? n->items[i] : n, &ids[i]) &&
         ok;
  if (!ok)
    return NULL;
  *count = k;
  return ids;
}

/* ------------------------------------------------------------------ */
/* Files                                                                */
/* ------------------------------------------------------------------ */

typedef struct pathlist {
  char **paths;
  size_t n, cap;
  const lx_mem *mem;
  lx_arena *arena;
} pathlist;

static bool has_suffix(const char *s, const char *suf)
{
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && strcmp(s + n - m, suf) == 0;
}

static bool pathlist_add(pathlist *pl, const char *p)
{
  if (pl->n == pl->cap) {
    size_t ncap = pl->cap ? pl->cap * 2 : 32;
    char **np = lx_realloc(pl->mem, pl->paths, pl->cap * sizeof *np,
                           ncap * sizeof *np);
    if (!np)
      return false;
    pl->paths = np;
    pl->cap = ncap;
  }
  pl->paths[pl->n] = lx_arena_strdup(pl->arena, p);
  return pl->paths[pl->n++] != NULL;
}

/* Collects *.yaml below dir, skipping dot folders and the tests folder. */
static lexloci_status scan(pathlist *pl, const char *dir, const char *skip,
                           int depth, lx_diag *diag)
{
  if (depth > LX_MAX_DIR_DEPTH) {
    lx_diag_report(diag, LEXLOCI_ELIMIT, LEXLOCI_SEV_ERROR, dir, 0, 0,
                   "folders nest deeper than %d levels", LX_MAX_DIR_DEPTH);
    return LEXLOCI_ELIMIT;
  }
  DIR *d = opendir(dir);
  if (!d) {
    lx_diag_report(diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, dir, 0, 0,
                   "cannot open the rule set folder");
    return LEXLOCI_EIO;
  }
  lexloci_status st = LEXLOCI_OK;
  struct dirent *e;
  while (st == LEXLOCI_OK && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >=
        sizeof path)
      continue;
    struct stat sb;
    if (stat(path, &sb) != 0)
      continue;
    if (S_ISDIR(sb.st_mode)) {
      if (skip && strcmp(path, skip) == 0)
        continue;
      st = scan(pl, path, skip, depth + 1, diag);
    } else if (S_ISREG(sb.st_mode) && has_suffix(e->d_name, ".yaml")) {
      if (pl->n >= LX_MAX_FILES) {
        lx_diag_report(diag, LEXLOCI_ELIMIT, LEXLOCI_SEV_ERROR, dir, 0, 0,
                       "a rule set has more than %d files", LX_MAX_FILES);
        st = LEXLOCI_ELIMIT;
      } else if (!pathlist_add(pl, path)) {
        lx_diag_oom(diag);
        st = LEXLOCI_ENOMEM;
      }
    }
  }
  closedir(d);
  return st;
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into the arena; reports and returns NULL on error. */
static char *read_file(lx_arena *a, lx_diag *diag, const char *path,
                       size_t max, size_t *len)
{
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    lx_diag_report(diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, path, 0, 0,
                   "cannot read the file");
    return NULL;
  }
  char *buf = NULL;
  if (fseek(fp, 0, SEEK_END) == 0) {
    long size = ftell(fp);
    if (size < 0 || (unsigned long)size > max) {
      lx_diag_report(diag, LEXLOCI_ELIMIT, LEXLOCI_SEV_ERROR, path, 0, 0,
                     "file is larger than %zu bytes", max);
    } else if (fseek(fp, 0, SEEK_SET) == 0) {
      buf = lx_arena_alloc(a, (size_t)size + 1);
      if (!buf)
        lx_diag_oom(diag);
      else if (fread(buf, 1, (size_t)size, fp) != (size_t)size) {
        lx_diag_report(diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, path, 0, 0,
                       "cannot read the file");
        buf = NULL;
      } else {
        buf[size] = '\0';
        *len = (size_t)size;
      }
    }
  }
  fclose(fp);
  return buf;
}

/* ------------------------------------------------------------------ */
/* Manifest                                                             */
/* ------------------------------------------------------------------ */

static void manifest(lx_loader *ld, size_t f, const char *dir)
{
  static const char *const keys[] = {"lexloci", "name", "version", "title",
                                     "regimes", "tests", NULL};
  const lx_ynode *root = ld->files[f].doc.root;
  lexloci_ruleset *rs = ld->rs;
  if (!lx_ld_keys(ld, f, root, keys, "the manifest"))
    return;
  const lx_ynode *v = lx_ymap_get(root, "lexloci");
  if (!v || v->kind != LX_YSCALAR || strcmp(v->str, "1") != 0)
    lx_ld_error(ld, f, v ? v : root,
                "the manifest must say 'lexloci: 1' (language version)");
  const lx_ynode *name = lx_ymap_get(root, "name");
  const lx_ynode *version = lx_ymap_get(root, "version");
  if (!name)
    lx_ld_error(ld, f, root, "the manifest has no 'name'");
  else
    rs->name = lx_ld_str(ld, f, name, "name");
  if (!version)
    lx_ld_error(ld, f, root, "the manifest has no 'version'");
  else
    rs->version = lx_ld_str(ld, f, version, "version");
  const lx_ynode *title = lx_ymap_get(root, "title");
  if (title)
    rs->title = lx_ld_str(ld, f, title, "title");
  ld->manifest_regimes = lx_ymap_get(root, "regimes");
  ld->manifest_file = f;
  const lx_ynode *tests = lx_ymap_get(root, "tests");
  const char *tdir = tests ? lx_ld_str(ld, f, tests, "tests") : "tests";
  if (dir && tdir) {
    size_t n = strlen(dir) + strlen(tdir) + 2;
    char *p = lx_arena_alloc(ld->keep, n);
    if (p) {
      snprintf(p, n, "%s/%s", dir, tdir);
      rs->tests_dir = p;
    }
  }
}

/* ------------------------------------------------------------------ */
/* Orchestration                                                        */
/* ------------------------------------------------------------------ */

static void *pcre_malloc(size_t n, void *ud)
{
  const lx_mem *m = ud;
  size_t *p = lx_malloc(m, n + sizeof(max_align_t));
  if (!p)
    return NULL;
  *p = n;
  return (char *)p + sizeof(max_align_t);
}

static void pcre_free(void *p, void *ud)
{
  if (!p)
    return;
  size_t *base = (size_t *)((char *)p - sizeof(max_align_t));
  lx_free(ud, base, *base + sizeof(max_align_t));
}

static void *vec_keep(lx_loader *ld, lx_vec *v)
{
  if (v->n == 0)
    return NULL;
  void *p = lx_arena_alloc(ld->keep, v->n * v->size);
  if (!p) {
    lx_diag_oom(ld->diag);
    return NULL;
  }
  memcpy(p, v->items, v->n * v->size);
  return p;
}

static void digest(lx_loader *ld)
{
  lx_sha256 h;
  lx_sha256_init(&h);
  size_t prefix = 0;
  for (size_t i = 0; i < ld->nfiles; i++)
    if (ld->files[i].manifest)
      prefix = strlen(ld->files[i].path) - strlen("lexloci.yaml");
  for (size_t i = 0; i < ld->nfiles; i++) {
    /* Hash names relative to the folder so that the digest is the same
       wherever the rule set is installed. */
    const char *name = ld->files[i].path;
    if (strlen(name) >= prefix)
      name += prefix;
    lx_sha256_update(&h, name, strlen(name) + 1);
    lx_sha256_update(&h, ld->files[i].text, ld->files[i].len);
  }
  char hex[65], *out = lx_arena_alloc(ld->keep, 7 + 65);
  lx_sha256_hex(&h, hex);
  if (out) {
    snprintf(out, 72, "sha256:%s", hex);
    ld->rs->digest = out;
  }
}

static void finish(lx_loader *ld)
{
  lexloci_ruleset *rs = ld->rs;
  rs->regimes = vec_keep(ld, &ld->regimes);
  rs->nregimes = ld->regimes.n;
  rs->rules = vec_keep(ld, &ld->rules);
  rs->nrules = ld->rules.n;
  rs->conds = vec_keep(ld, &ld->conds);
  rs->nconds = ld->conds.n;
  rs->sets = vec_keep(ld, &ld->sets);
  rs->nsets = ld->sets.n;
  rs->values = vec_keep(ld, &ld->values);
  rs->nvalues = ld->values.n;
  rs->cites = vec_keep(ld, &ld->cites);
  rs->ncites = ld->cites.n;
  rs->conflicts = vec_keep(ld, &ld->conflicts);
  rs->nconflicts = ld->conflicts.n;
  rs->regexes = vec_keep(ld, &ld->regexes);
  rs->nregexes = rs->regexes ? ld->regexes.n : 0;
  rs->bitlits = vec_keep(ld, &ld->bitlits);
  rs->nbitlits = ld->bitlits.n;
}

static void free_loader(lx_loader *ld)
{
  lx_vec *vecs[] = {&ld->regimes, &ld->rules, &ld->rulesrc, &ld->conds,
                    &ld->sets, &ld->values, &ld->cites, &ld->conflicts,
                    &ld->bitlits, &ld->edges};
  for (size_t i = 0; i < LX_COUNTOF(vecs); i++)
    lx_vec_free(vecs[i], ld->mem);
  lx_names_free(&ld->cite_names);
  lx_names_free(&ld->set_names);
  lx_names_free(&ld->value_names);
  lx_names_free(&ld->regime_names);
  lx_names_free(&ld->rule_names);
  lx_arena_free(&ld->tmp);
}

/* Runs every stage over files already read into ld->files. */
static void run_stages(lx_loader *ld, const char *dir)
{
  size_t nmanifest = 0;
  for (size_t f = 0; f < ld->nfiles; f++) {
    lx_srcfile *sf = &ld->files[f];
    sf->regime = -1;
    sf->parsed = lx_ydoc_parse(&sf->doc, &ld->tmp, ld->diag, sf->path,
                               sf->text, sf->len, LX_MAX_FILE_BYTES);
    const char *base = strrchr(sf->path, '/');
    base = base ? base + 1 : sf->path;
    sf->manifest = strcmp(base, "lexloci.yaml") == 0;
    if (sf->manifest && nmanifest++ == 0 && sf->parsed)
      manifest(ld, f, dir);
    else if (sf->manifest)
      lx_ld_error_at(ld, LEXLOCI_ERULE, f, 1, 1,
                     "a rule set has one manifest; this is a second");
  }
  if (nmanifest == 0)
    lx_diag_report(ld->diag, LEXLOCI_ERULE, LEXLOCI_SEV_ERROR,
                   dir ? dir : "", 0, 0,
                   "no manifest: a rule set needs a lexloci.yaml with "
                   "lexloci, name and version");
  if (ld->diag->oom)
    return;
  for (size_t f = 0; f < ld->nfiles; f++)
    if (ld->files[f].parsed && !ld->files[f].manifest)
      lx_defs_citations(ld, f);
  for (size_t f = 0; f < ld->nfiles; f++)
    if (ld->files[f].parsed && !ld->files[f].manifest)
      lx_defs_regime(ld, f);
  lx_defs_order_regimes(ld);
  for (size_t f = 0; f < ld->nfiles; f++)
    if (ld->files[f].parsed && !ld->files[f].manifest)
      lx_defs_sets_values(ld, f);
  for (size_t f = 0; f < ld->nfiles; f++)
    if (ld->files[f].parsed && !ld->files[f].manifest) {
      lx_defs_conflicts(ld, f);
      lx_rules_collect(ld, f);
    }
  if (ld->diag->oom)
    return;
  lx_rules_sort(ld);
  for (size_t r = 0; r < ld->rules.n && !ld->diag->oom; r++)
    lx_rules_compile(ld, r);
  lx_order_build(ld, ld->diag->nerrors == 0);
  digest(ld);
  finish(ld);
  if (ld->diag->nerrors == 0 && !lx_defs_set_epochs(ld))
    lx_diag_oom(ld->diag);
}

static lexloci_ruleset *new_ruleset(const lexloci_config *cfg)
{
  lx_mem mem;
  lx_mem_init(&mem, cfg);
  lexloci_ruleset *rs = lx_calloc(&mem, 1, sizeof *rs);
  if (!rs)
    return NULL;
  rs->mem = mem;
  if (cfg) {
    rs->diag = cfg->diag;
    rs->diag_ud = cfg->diag_ud;
  }
  lx_arena_init(&rs->arena, &rs->mem);
  rs->pcre_gctx =
      pcre2_general_context_create(pcre_malloc, pcre_free, &rs->mem);
  if (!rs->pcre_gctx) {
    lx_free(&rs->mem, rs, sizeof *rs);
    return NULL;
  }
  return rs;
}

static void init_loader(lx_loader *ld, lexloci_ruleset *rs, lx_diag *diag)
{
  memset(ld, 0, sizeof *ld);
  ld->rs = rs;
  ld->diag = diag;
  ld->mem = &rs->mem;
  ld->keep = &rs->arena;
  lx_arena_init(&ld->tmp, &rs->mem);
  lx_vec_init(&ld->regimes, sizeof(lx_regime));
  lx_vec_init(&ld->rules, sizeof(lx_rule));
  lx_vec_init(&ld->rulesrc, sizeof(lx_rulesrc));
  lx_vec_init(&ld->conds, sizeof(lx_cond));
  lx_vec_init(&ld->sets, sizeof(lx_set));
  lx_vec_init(&ld->values, sizeof(lx_value));
  lx_vec_init(&ld->cites, sizeof(lx_citation));
  lx_vec_init(&ld->conflicts, sizeof(lx_conflict_note));
  lx_vec_init(&ld->regexes, sizeof(pcre2_code *));
  lx_vec_init(&ld->bitlits, sizeof(lx_bits));
  lx_vec_init(&ld->edges, sizeof(lx_edge));
  lx_names_init(&ld->cite_names, &rs->mem, &ld->tmp);
  lx_names_init(&ld->set_names, &rs->mem, &ld->tmp);
  lx_names_init(&ld->value_names, &rs->mem, &ld->tmp);
  lx_names_init(&ld->regime_names, &rs->mem, &ld->tmp);
  lx_names_init(&ld->rule_names, &rs->mem, &ld->tmp);
}

/* Regexes compiled before a failure are not yet in the rule set. */
static void free_pending_regexes(lx_loader *ld, lexloci_ruleset *rs)
{
  if (rs->regexes == NULL)
    for (size_t i = 0; i < ld->regexes.n; i++)
      pcre2_code_free(LX_VEC_AT(&ld->regexes, pcre2_code *, i));
  lx_vec_free(&ld->regexes, ld->mem);
}

/* Frees the loader and hands over the rule set, or frees it on error. */
static lexloci_status conclude(lx_loader *ld, lexloci_ruleset *rs,
                               lx_diag *diag, lexloci_ruleset **out,
                               lexloci_error *err)
{
  free_pending_regexes(ld, rs);
  free_loader(ld);
  lx_diag_flush(diag);
  lexloci_status st = lx_diag_result(diag, err);
  if (st != LEXLOCI_OK) {
    lexloci_ruleset_free(rs);
    return st;
  }
  *out = rs;
  return LEXLOCI_OK;
}

lexloci_status lexloci_ruleset_load(const lexloci_config *cfg,
                                    const char *dir, lexloci_ruleset **out,
                                    lexloci_error *err)
{
  if (!out || !dir) {
    lx_error_set(err, LEXLOCI_EMISUSE, NULL, 0, 0, "NULL argument");
    return LEXLOCI_EMISUSE;
  }
  *out = NULL;
  lx_diag diag;
  lx_diag_init(&diag, cfg);
  lexloci_ruleset *rs = new_ruleset(cfg);
  if (!rs) {
    lx_diag_oom(&diag);
    return lx_diag_result(&diag, err);
  }
  lx_loader ld;
  init_loader(&ld, rs, &diag);
  lx_diag_hold(&diag, &rs->mem);
  /* The tests folder is found from the manifest; scan without it. */
  char testsdir[4096];
  snprintf(testsdir, sizeof testsdir, "%s/tests", dir);
  pathlist pl = {NULL, 0, 0, &rs->mem, &ld.tmp};
  char manifest_path[4096];
  snprintf(manifest_path, sizeof manifest_path, "%s/lexloci.yaml", dir);
  size_t mlen = 0;
  char *mtext = read_file(&ld.tmp, &diag, manifest_path, LX_MAX_FILE_BYTES,
                          &mlen);
  if (mtext) {
    /* Peek at `tests:` so that the scan can skip that folder. */
    lx_diag quiet;
    lx_diag_init(&quiet, NULL);
    lx_ydoc doc;
    if (lx_ydoc_parse(&doc, &ld.tmp, &quiet, manifest_path, mtext, mlen,
                      LX_MAX_FILE_BYTES)) {
      const lx_ynode *t = lx_ymap_get(doc.root, "tests");
      if (t && t->kind == LX_YSCALAR)
        snprintf(testsdir, sizeof testsdir, "%s/%s", dir, t->str);
    } else if (quiet.oom) {
      lx_diag_oom(&diag); /* else the scan would read the tests as rules */
    }
  }
  lexloci_status st = mtext ? scan(&pl, dir, testsdir, 0, &diag)
                            : LEXLOCI_EIO;
  if (st == LEXLOCI_OK) {
    qsort(pl.paths, pl.n, sizeof *pl.paths, cmp_str);
    ld.files = lx_arena_alloc(&ld.tmp, (pl.n + 1) * sizeof *ld.files);
    if (!ld.files)
      lx_diag_oom(&diag);
    for (size_t i = 0; ld.files && i < pl.n; i++) {
      lx_srcfile *sf = &ld.files[ld.nfiles];
      sf->path = lx_ld_keep(&ld, pl.paths[i]);
      sf->text = read_file(&ld.tmp, &diag, pl.paths[i], LX_MAX_FILE_BYTES,
                           &sf->len);
      if (sf->text && sf->path)
        ld.nfiles++;
    }
  }
  lx_free(&rs->mem, pl.paths, pl.cap * sizeof *pl.paths);
  if (diag.nerrors == 0)
    run_stages(&ld, dir);
  return conclude(&ld, rs, &diag, out, err);
}

lexloci_status lexloci_ruleset_load_sources(const lexloci_config *cfg,
                                            const lexloci_source *srcs,
                                            size_t n, lexloci_ruleset **out,
                                            lexloci_error *err)
{
  if (!out || (!srcs && n)) {
    lx_error_set(err, LEXLOCI_EMISUSE, NULL, 0, 0, "NULL argument");
    return LEXLOCI_EMISUSE;
  }
  *out = NULL;
  lx_diag diag;
  lx_diag_init(&diag, cfg);
  if (n > LX_MAX_FILES) {
    lx_diag_report(&diag, LEXLOCI_ELIMIT, LEXLOCI_SEV_ERROR, NULL, 0, 0,
                   "a rule set has more than %d files", LX_MAX_FILES);
    return lx_diag_result(&diag, err);
  }
  lexloci_ruleset *rs = new_ruleset(cfg);
  if (!rs) {
    lx_diag_oom(&diag);
    return lx_diag_result(&diag, err);
  }
  lx_loader ld;
  init_loader(&ld, rs, &diag);
  lx_diag_hold(&diag, &rs->mem);
  ld.files = lx_arena_alloc(&ld.tmp, (n + 1) * sizeof *ld.files);
  if (!ld.files)
    lx_diag_oom(&diag);
  for (size_t i = 0; ld.files && i < n; i++) {
    if (!srcs[i].name || (!srcs[i].text && srcs[i].len)) {
      lx_diag_report(&diag, LEXLOCI_EMISUSE, LEXLOCI_SEV_ERROR, NULL, 0, 0,
                     "source %zu has no name or text", i);
      break;
    }
    lx_srcfile *sf = &ld.files[ld.nfiles++];
    sf->path = lx_ld_keep(&ld, srcs[i].name);
    sf->text = lx_arena_strndup(&ld.tmp, srcs[i].text ? srcs[i].text : "",
                                srcs[i].len);
    sf->len = srcs[i].len;
    if (!sf->text || !sf->path)
      lx_diag_oom(&diag);
  }
  if (diag.nerrors == 0)
    run_stages(&ld, NULL);
  return conclude(&ld, rs, &diag, out, err);
}

void lexloci_ruleset_free(lexloci_ruleset *rs)
{
  if (!rs)
    return;
  for (size_t i = 0; i < rs->nregexes; i++)
    pcre2_code_free(rs->regexes[i]);
  pcre2_general_context_free(rs->pcre_gctx);
  lx_mem mem = rs->mem;
  lx_arena_free(&rs->arena);
  lx_free(&mem, rs, sizeof *rs);
}
