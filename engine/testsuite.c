/*
** testsuite.c: a rule set's own tests (docs/rule-language.md, section 9):
** loading test files, running each test against the rule set, the diff of
** a failure, and which rules the tests make apply (coverage).
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "case.h"
#include "diag.h"
#include "verdict.h"
#include "ydoc.h"

#define MAX_FAILURE_LINES 32
#define FAILURE_LINE_BYTES 320
#define MAX_TESTS 4096

typedef struct lx_test {
  const char *name;
  const char *file;
  int line;
  const lx_ynode *node;      /* the test's map */
  const lx_ynode *casenode;  /* the case map (inline or named) */
  char (*fail)[FAILURE_LINE_BYTES];
  size_t nfail;
} lx_test;

typedef struct docinfo {
  const char *file;
  const lx_ynode *root;
} docinfo;

struct lexloci_testsuite {
  const lexloci_ruleset *rs;
  lx_mem mem;
  lx_arena arena;
  lx_test *tests;
  size_t ntests;
  bool *covered;
  lexloci_case *c;
};

/* ------------------------------------------------------------------ */
/* Loading                                                              */
/* ------------------------------------------------------------------ */

typedef struct tloader {
  lexloci_testsuite *ts;
  lx_diag *diag;
  lx_vec tests;              /* lx_test */
} tloader;

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void terr(tloader *tl, const char *file, const lx_ynode *n,
                 const char *fmt, ...);

#include <stdarg.h>
static void terr(tloader *tl, const char *file, const lx_ynode *n,
                 const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  lx_diag_report(tl->diag, LEXLOCI_ERULE, LEXLOCI_SEV_ERROR, file,
                 n ? n->line : 0, n ? n->col : 0, "%s", msg);
}

static bool is_outcome(const char *s, bool verdict)
{
  for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++) {
    if (!verdict && (o == LEXLOCI_CONFLICT || o == LEXLOCI_NO_APPLICABLE_REGIME ||
                     o == LEXLOCI_INFO))
      continue;
    if (verdict && (o == LEXLOCI_NOT_APPLICABLE || o == LEXLOCI_INFO))
      continue;
    if (strcmp(lx_outcome_name((lexloci_outcome)o), s) == 0)
      return true;
  }
  return false;
}

static void check_outcome(tloader *tl, const char *file, const lx_ynode *n,
                          bool verdict)
{
  const char *what = verdict ? "a verdict" : "a regime outcome";
  if (n->kind != LX_YSCALAR) {
    terr(tl, file, n, "expected %s, not %s", what, lx_ykind_name(n));
  } else if (!is_outcome(n->str, verdict)) {
    lx_suggest s;
    char hint[96];
    lx_suggest_init(&s, n->str);
    for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++)
      if (is_outcome(lx_outcome_name((lexloci_outcome)o), verdict))
        lx_suggest_try(&s, lx_outcome_name((lexloci_outcome)o));
    terr(tl, file, n, "'%.60s' is not %s%s", n->str, what,
         lx_suggest_hint(&s, hint, sizeof hint));
  }
}

static const lx_ynode *list_of(tloader *tl, const char *file,
                               const lx_ynode *n, const char *key)
{
  if (n->kind != LX_YSEQ) {
    terr(tl, file, n, "'%s' must be a list", key);
    return NULL;
  }
  for (size_t i = 0; i < n->n; i++)
    if (n->items[i]->kind != LX_YSCALAR) {
      terr(tl, file, n->items[i], "'%s' must list values, not %s", key,
           lx_ykind_name(n->items[i]));
      return NULL;
    }
  return n;
}

/* Checks expect: names and values against the rule set. */
static void check_expect(tloader *tl, const char *file, const lx_ynode *t,
                         const lx_ynode *e)
{
  static const char *const keys[] = {
    "verdict", "regimes", "findings", "not_findings", "actions",
    "not_actions", "citations", "missing", "refine", "by_category",
    "unsettled", NULL};
  const lexloci_ruleset *rs = tl->ts->rs;
  if (!e || e->kind != LX_YMAP) {
    terr(tl, file, e ? e : t,
         "a test needs 'expect' with at least a verdict");
    return;
  }
  for (size_t i = 0; i < e->n; i++) {
    const lx_ynode *k = e->items[2 * i], *v = e->items[2 * i + 1];
    const char *key = k->str;
    bool known = false;
    for (const char *const *p = keys; *p; p++)
      known = known || strcmp(*p, key) == 0;
    if (!known) {
      lx_suggest s;
      char hint[96];
      lx_suggest_init(&s, key);
      for (const char *const *p = keys; *p; p++)
        lx_suggest_try(&s, *p);
      terr(tl, file, k, "unknown key '%.60s' in expect%s", key,
           lx_suggest_hint(&s, hint, sizeof hint));
      continue;
    }
    if (strcmp(key, "verdict") == 0) {
      check_outcome(tl, file, v, true);
    } else if (strcmp(key, "unsettled") == 0) {
      if (v->kind != LX_YSCALAR || v->style != LX_YPLAIN ||
          (strcmp(v->str, "true") != 0 && strcmp(v->str, "false") != 0))
        terr(tl, file, v, "unsettled must be true or false");
    } else if (strcmp(key, "regimes") == 0) {
      if (v->kind != LX_YMAP) {
        terr(tl, file, v, "regimes must be a map of regime: outcome");
        continue;
      }
      for (size_t j = 0; j < v->n; j++) {
        const lx_ynode *rk = v->items[2 * j];
        bool found = false;
        for (size_t g = 0; g < rs->nregimes; g++)
          found = found || strcmp(rs->regimes[g].id, rk->str) == 0;
        if (!found) {
          lx_suggest s;
          char hint[96];
          lx_suggest_init(&s, rk->str);
          for (size_t g = 0; g < rs->nregimes; g++)
            lx_suggest_try(&s, rs->regimes[g].id);
          terr(tl, file, rk, "unknown regime '%.60s'%s", rk->str,
               lx_suggest_hint(&s, hint, sizeof hint));
        }
        check_outcome(tl, file, v->items[2 * j + 1], false);
      }
    } else if (strcmp(key, "findings") == 0 ||
               strcmp(key, "not_findings") == 0) {
      const lx_ynode *l = list_of(tl, file, v, key);
      for (size_t j = 0; l && j < l->n; j++) {
        bool found = false;
        for (size_t r = 0; r < rs->nrules && !found; r++)
          found = strcmp(rs->rules[r].id, l->items[j]->str) == 0;
        if (!found) {
          lx_suggest s;
          char hint[160];
          lx_suggest_init(&s, l->items[j]->str);
          for (size_t r = 0; r < rs->nrules; r++)
            lx_suggest_try(&s, rs->rules[r].id);
          lx_suggest_hint(&s, hint, sizeof hint);
          /* A rule's own id, without its regime: name the full id. */
          for (size_t r = 0; r < rs->nrules && !hint[0]; r++)
            if (strcmp(rs->rules[r].local, l->items[j]->str) == 0)
              snprintf(hint, sizeof hint, "; did you mean '%.100s'?",
                       rs->rules[r].id);
          terr(tl, file, l->items[j], "no rule '%.80s' in the rule set%s",
               l->items[j]->str, hint);
        }
      }
    } else if (strcmp(key, "actions") == 0 ||
               strcmp(key, "not_actions") == 0) {
      const lx_ynode *l = list_of(tl, file, v, key);
      for (size_t j = 0; l && j < l->n; j++) {
        const char *id = l->items[j]->str;
        bool found = false;
        lx_suggest s;
        lx_suggest_init(&s, id);
        for (size_t r = 0; r < rs->nrules && !found; r++)
          for (size_t a = 0; a < rs->rules[r].nactions && !found; a++) {
            found = strcmp(rs->rules[r].actions[a].id, id) == 0;
            lx_suggest_try(&s, rs->rules[r].actions[a].id);
          }
        if (!found) {
          char hint[128];
          terr(tl, file, l->items[j], "no action '%.80s' in the rule set%s",
               id, lx_suggest_hint(&s, hint, sizeof hint));
        }
      }
    } else if (strcmp(key, "citations") == 0) {
      const lx_ynode *l = list_of(tl, file, v, key);
      for (size_t j = 0; l && j < l->n; j++) {
        const char *ref = l->items[j]->str;
        bool found = false;
        lx_suggest s;
        lx_suggest_init(&s, ref);
        for (size_t c = 0; c < rs->ncites && !found; c++) {
          found = strcmp(rs->cites[c].pub.ref, ref) == 0;
          lx_suggest_try(&s, rs->cites[c].pub.ref);
        }
        if (!found) {
          char hint[160];
          terr(tl, file, l->items[j], "no citation with ref '%.80s' in the "
               "rule set%s", ref, lx_suggest_hint(&s, hint, sizeof hint));
        }
      }
    } else if (strcmp(key, "missing") == 0 || strcmp(key, "refine") == 0) {
      const lx_ynode *l = list_of(tl, file, v, key);
      for (size_t j = 0; l && j < l->n; j++) {
        int f = lx_fact_find(l->items[j]->str, l->items[j]->len);
        if (f < 0) {
          char hint[128];
          terr(tl, file, l->items[j], "unknown fact '%.80s'%s",
               l->items[j]->str,
               lx_fact_hint(l->items[j]->str, hint, sizeof hint));
        } else if (lx_fact_derived(f)) {
          terr(tl, file, l->items[j], "%s is never %s: lexloci sets it "
               "from request.data_categories", lx_facts[f].path,
               key[0] == 'm' ? "missing" : "to refine");
        }
      }
    } else { /* by_category */
      if (v->kind != LX_YMAP) {
        terr(tl, file, v, "by_category must be a map of category: verdict");
        continue;
      }
      for (size_t j = 0; j < v->n; j++) {
        const lx_ynode *ck = v->items[2 * j];
        char hint[128];
        if (lx_domain_value(LX_DOM_CATEGORY, ck->str, ck->len) < 0)
          terr(tl, file, ck, "'%.40s' is not a data category%s", ck->str,
               lx_domain_hint(LX_DOM_CATEGORY, ck->str, hint, sizeof hint));
        check_outcome(tl, file, v->items[2 * j + 1], true);
      }
    }
  }
  if (!lx_ymap_get(e, "verdict"))
    terr(tl, file, e, "expect needs a verdict");
}

static void load_doc(tloader *tl, const char *file, const lx_ynode *root)
{
  static const char *const keys[] = {"name", "why", "case", "set", "expect",
                                     NULL};
  if (!root) {
    lx_diag_report(tl->diag, LEXLOCI_ERULE, LEXLOCI_SEV_ERROR, file, 1, 1,
                   "the test file is empty");
    return;
  }
  if (root->kind != LX_YMAP) {
    terr(tl, file, root, "a test file is a map with 'tests' (and 'cases')");
    return;
  }
  for (size_t i = 0; i < root->n; i++) {
    const char *k = root->items[2 * i]->str;
    if (strcmp(k, "tests") != 0 && strcmp(k, "cases") != 0) {
      lx_suggest s;
      char hint[96];
      lx_suggest_init(&s, k);
      lx_suggest_try(&s, "cases");
      lx_suggest_try(&s, "tests");
      if (!lx_suggest_hint(&s, hint, sizeof hint)[0])
        snprintf(hint, sizeof hint, "; expected cases or tests");
      terr(tl, file, root->items[2 * i], "unknown key '%.60s' in a test "
           "file%s", k, hint);
    }
  }
  const lx_ynode *cases = lx_ymap_get(root, "cases");
  const lx_ynode *tests = lx_ymap_get(root, "tests");
  if (cases && cases->kind != LX_YMAP) {
    terr(tl, file, cases, "cases must be a map of name: case");
    cases = NULL;
  }
  if (!tests || tests->kind != LX_YSEQ) {
    terr(tl, file, tests ? tests : root, "a test file needs a list 'tests'");
    return;
  }
  for (size_t i = 0; i < tests->n; i++) {
    const lx_ynode *t = tests->items[i];
    if (t->kind != LX_YMAP) {
      terr(tl, file, t, "a test is a map with name, case and expect");
      continue;
    }
    bool ok = true;
    for (size_t j = 0; j < t->n; j++) {
      const lx_ynode *k = t->items[2 * j];
      bool known = false;
      for (const char *const *p = keys; *p; p++)
        known = known || strcmp(*p, k->str) == 0;
      if (!known) {
        lx_suggest s;
        char hint[96];
        lx_suggest_init(&s, k->str);
        for (const char *const *p = keys; *p; p++)
          lx_suggest_try(&s, *p);
        terr(tl, file, k, "unknown key '%.60s' in a test%s", k->str,
             lx_suggest_hint(&s, hint, sizeof hint));
        ok = false;
      }
    }
    const lx_ynode *name = lx_ymap_get(t, "name");
    const lx_ynode *cn = lx_ymap_get(t, "case");
    if (!name || name->kind != LX_YSCALAR) {
      terr(tl, file, t, "a test needs a name");
      ok = false;
    }
    if (!cn) {
      terr(tl, file, t, "a test needs a case (a name from cases, or a map)");
      ok = false;
    } else if (cn->kind == LX_YSCALAR) {
      const lx_ynode *base = lx_ymap_get(cases, cn->str);
      if (!base) {
        lx_suggest s;
        char hint[96];
        lx_suggest_init(&s, cn->str);
        for (size_t j = 0; cases && j < cases->n; j++)
          lx_suggest_try(&s, cases->items[2 * j]->str);
        terr(tl, file, cn, "no case '%.60s' in this file's cases%s",
             cn->str, lx_suggest_hint(&s, hint, sizeof hint));
        ok = false;
      }
      cn = base;
    }
    const lx_ynode *set = lx_ymap_get(t, "set");
    if (set && set->kind != LX_YMAP) {
      terr(tl, file, set, "set must be a map of fact.path: value");
      ok = false;
    }
    check_expect(tl, file, t, lx_ymap_get(t, "expect"));
    if (!ok)
      continue;
    if (tl->tests.n >= MAX_TESTS) {
      terr(tl, file, t, "more than %d tests", MAX_TESTS);
      return;
    }
    lx_test *slot = lx_vec_push(&tl->tests, &tl->ts->mem);
    if (!slot) {
      lx_diag_oom(tl->diag);
      return;
    }
    slot->name = name->str;
    slot->file = file;
    slot->line = t->line;
    slot->node = t;
    slot->casenode = cn;
  }
}

static bool read_whole(lx_arena *a, const char *path, char **text,
                       size_t *len)
{
  FILE *fp = fopen(path, "rb");
  if (!fp)
    return false;
  bool ok = false;
  if (fseek(fp, 0, SEEK_END) == 0) {
    long n = ftell(fp);
    if (n >= 0 && (unsigned long)n <= LX_MAX_FILE_BYTES &&
        fseek(fp, 0, SEEK_SET) == 0) {
      *text = lx_arena_alloc(a, (size_t)n + 1);
      ok = *text && fread(*text, 1, (size_t)n, fp) == (size_t)n;
      if (ok)
        *len = (size_t)n;
    }
  }
  fclose(fp);
  return ok;
}

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_path(tloader *tl, const char *path, int depth)
{
  lexloci_testsuite *ts = tl->ts;
  struct stat sb;
  if (stat(path, &sb) != 0) {
    lx_diag_report(tl->diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, path, 0, 0,
                   "cannot read the test file or folder");
    return;
  }
  if (S_ISDIR(sb.st_mode)) {
    if (depth > LX_MAX_DIR_DEPTH)
      return;
    DIR *d = opendir(path);
    if (!d) {
      lx_diag_report(tl->diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, path, 0, 0,
                     "cannot open the folder");
      return;
    }
    char *names[LX_MAX_FILES];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < LX_MAX_FILES) {
      size_t len = strlen(e->d_name);
      if (e->d_name[0] == '.')
        continue;
      char full[4096];
      snprintf(full, sizeof full, "%s/%s", path, e->d_name);
      struct stat es;
      if (stat(full, &es) != 0)
        continue;
      if (S_ISDIR(es.st_mode) ||
          (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0))
        names[n++] = lx_arena_strdup(&ts->arena, full);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++)
      if (names[i])
        load_path(tl, names[i], depth + 1);
    return;
  }
  char *text = NULL;
  size_t len = 0;
  if (!read_whole(&ts->arena, path, &text, &len)) {
    lx_diag_report(tl->diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, path, 0, 0,
                   "cannot read the test file (or it is larger than %u "
                   "bytes)", (unsigned)LX_MAX_FILE_BYTES);
    return;
  }
  const char *file = lx_arena_strdup(&ts->arena, path);
  lx_ydoc doc;
  if (file && lx_ydoc_parse(&doc, &ts->arena, tl->diag, file, text, len,
                            LX_MAX_FILE_BYTES))
    load_doc(tl, file, doc.root);
}

lexloci_status lexloci_testsuite_load(const lexloci_config *cfg,
                                      const lexloci_ruleset *rs,
                                      const char *const *paths, size_t n,
                                      lexloci_testsuite **out,
                                      lexloci_error *err)
{
  if (!rs || !out || (n && !paths)) {
    lx_error_set(err, LEXLOCI_EMISUSE, NULL, 0, 0, "NULL argument");
    return LEXLOCI_EMISUSE;
  }
  *out = NULL;
  lx_diag diag;
  lx_diag_init(&diag, cfg);
  lexloci_testsuite *ts = lx_calloc(&rs->mem, 1, sizeof *ts);
  if (!ts) {
    lx_diag_oom(&diag);
    return lx_diag_result(&diag, err);
  }
  ts->rs = rs;
  ts->mem = rs->mem;
  lx_arena_init(&ts->arena, &ts->mem);
  tloader tl = {ts, &diag, {0}};
  lx_vec_init(&tl.tests, sizeof(lx_test));
  if (n == 0) {
    if (!rs->tests_dir) {
      lx_diag_report(&diag, LEXLOCI_EIO, LEXLOCI_SEV_ERROR, NULL, 0, 0,
                     "the rule set has no tests folder");
    } else {
      load_path(&tl, rs->tests_dir, 0);
    }
  }
  for (size_t i = 0; i < n; i++)
    load_path(&tl, paths[i], 0);
  ts->ntests = tl.tests.n;
  ts->tests = lx_arena_alloc(&ts->arena, (ts->ntests + 1) * sizeof(lx_test));
  ts->covered = lx_calloc(&ts->mem, rs->nrules + 1, sizeof(bool));
  if (!ts->tests || !ts->covered)
    lx_diag_oom(&diag);
  else if (ts->ntests)
    memcpy(ts->tests, tl.tests.items, ts->ntests * sizeof(lx_test));
  for (size_t i = 0; ts->tests && i < ts->ntests; i++) {
    ts->tests[i].fail = lx_arena_alloc(
        &ts->arena, MAX_FAILURE_LINES * FAILURE_LINE_BYTES);
    if (!ts->tests[i].fail)
      lx_diag_oom(&diag);
  }
  lx_vec_free(&tl.tests, &ts->mem);
  if (diag.nerrors == 0 && lexloci_case_new(rs, &ts->c) != LEXLOCI_OK)
    lx_diag_oom(&diag);
  lexloci_status st = lx_diag_result(&diag, err);
  if (st != LEXLOCI_OK) {
    lexloci_testsuite_free(ts);
    return st;
  }
  *out = ts;
  return LEXLOCI_OK;
}

void lexloci_testsuite_free(lexloci_testsuite *ts)
{
  if (!ts)
    return;
  lexloci_case_free(ts->c);
  lx_free(&ts->mem, ts->covered, ts->rs->nrules + 1);
  lx_arena_free(&ts->arena);
  lx_mem m = ts->mem;
  lx_free(&m, ts, sizeof *ts);
}

size_t lexloci_testsuite_count(const lexloci_testsuite *ts)
{
  return ts ? ts->ntests : 0;
}

/* ------------------------------------------------------------------ */
/* Running                                                              */
/* ------------------------------------------------------------------ */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void fail(lx_test *t, const char *fmt, ...)
{
  if (t->nfail >= MAX_FAILURE_LINES)
    return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t->fail[t->nfail++], FAILURE_LINE_BYTES, fmt, ap);
  va_end(ap);
  if (t->nfail == MAX_FAILURE_LINES)
    snprintf(t->fail[MAX_FAILURE_LINES - 1], FAILURE_LINE_BYTES,
             "... more differences");
}

/* Applies a test's `set:` entries. */
static bool apply_set(lexloci_testsuite *ts, lx_test *t, const lx_ynode *set,
                      lexloci_error *err)
{
  for (size_t i = 0; set && i < set->n; i++) {
    const lx_ynode *k = set->items[2 * i], *v = set->items[2 * i + 1];
    char value[4096];
    size_t n = 0;
    if (v->kind == LX_YSCALAR) {
      snprintf(value, sizeof value, "%s", lx_ynode_is_null(v) ? "null"
                                                               : v->str);
    } else {
      value[n++] = v->kind == LX_YMAP ? '{' : '[';
      for (size_t j = 0; j < v->n && n < sizeof value - 64; j++) {
        const lx_ynode *it = v->kind == LX_YMAP ? v->items[2 * j]
                                                : v->items[j];
        n += (size_t)snprintf(value + n, sizeof value - n, "%s%s",
                              j ? "," : "", it->str ? it->str : "");
        if (v->kind == LX_YMAP)
          n += (size_t)snprintf(value + n, sizeof value - n, ":%s",
                                v->items[2 * j + 1]->str
                                    ? v->items[2 * j + 1]->str
                                    : "always");
      }
      snprintf(value + n, sizeof value - n, "%c",
               v->kind == LX_YMAP ? '}' : ']');
    }
    if (lexloci_case_set_path(ts->c, k->str, value, err) != LEXLOCI_OK) {
      if (err) {
        snprintf(err->file, sizeof err->file, "%s", t->file);
        err->line = k->line;
        err->col = k->col;
      }
      return false;
    }
  }
  return true;
}

static bool has_finding(const lexloci_verdict *v, const char *id)
{
  for (size_t i = 0; i < v->nfindings; i++)
    if (strcmp(v->c->rs->rules[v->findings[i].rule].id, id) == 0)
      return true;
  return false;
}

static bool has_action(const lexloci_verdict *v, const char *id)
{
  for (size_t i = 0; i < v->nactions; i++) {
    const lx_merged_action *m = &v->actions[i];
    if (strcmp(v->c->rs->rules[m->rule].actions[m->k].id, id) == 0)
      return true;
  }
  return false;
}

static bool has_citation(const lexloci_verdict *v, const char *ref)
{
  const lexloci_ruleset *rs = v->c->rs;
  for (size_t i = 0; i < v->nfindings; i++) {
    const lx_rule *r = &rs->rules[v->findings[i].rule];
    for (size_t j = 0; j < r->ncites; j++)
      if (strcmp(rs->cites[r->cites[j]].pub.ref, ref) == 0)
        return true;
  }
  for (size_t i = 0; i < v->ncitepool; i++)
    if (strcmp(rs->cites[v->citepool[i]].pub.ref, ref) == 0)
      return true;
  return false;
}


/* A test's list of facts (missing:, refine:) against the verdict's. */
static void facts_are(lx_test *t, const lx_ynode *n, uint64_t got,
                      const char *key, const char *among, const char *is)
{
  uint64_t want = 0;
  for (size_t i = 0; i < n->n; i++)
    want |= (uint64_t)1 << lx_fact_find(n->items[i]->str, n->items[i]->len);
  for (int f = 0; f < lx_nfacts; f++) {
    if ((want >> f & 1) && !(got >> f & 1))
      fail(t, "%s: expected %s among the %s", key, lx_facts[f].path, among);
    if (!(want >> f & 1) && (got >> f & 1))
      fail(t, "%s: %s %s, but the test does not expect it", key,
           lx_facts[f].path, is);
  }
}

static void compare(lexloci_testsuite *ts, lx_test *t,
                    const lexloci_verdict *v)
{
  const lexloci_ruleset *rs = ts->rs;
  const lx_ynode *e = lx_ymap_get(t->node, "expect");
  const lx_ynode *n;
  if ((n = lx_ymap_get(e, "verdict")) &&
      strcmp(n->str, lx_outcome_name(v->kind)) != 0) {
    char summary[512];
    lx_out o = {summary, sizeof summary, 0};
    lx_render_summary(v, &o);
    lx_out_end(&o);
    fail(t, "verdict: expected %s, got %s (%s)", n->str,
         lx_outcome_name(v->kind), summary);
  }
  if ((n = lx_ymap_get(e, "regimes")))
    for (size_t i = 0; i < n->n; i++) {
      const char *id = n->items[2 * i]->str;
      const char *want = n->items[2 * i + 1]->str;
      for (size_t g = 0; g < rs->nregimes; g++) {
        if (strcmp(rs->regimes[g].id, id) != 0)
          continue;
        const char *got = lx_outcome_name(lx_verdict_regime_outcome(v, g));
        if (strcmp(got, want) != 0)
          fail(t, "regime %s: expected %s, got %s", id, want, got);
      }
    }
  if ((n = lx_ymap_get(e, "findings")))
    for (size_t i = 0; i < n->n; i++)
      if (!has_finding(v, n->items[i]->str))
        fail(t, "finding %s: expected, but it does not stand",
             n->items[i]->str);
  if ((n = lx_ymap_get(e, "not_findings")))
    for (size_t i = 0; i < n->n; i++)
      if (has_finding(v, n->items[i]->str))
        fail(t, "finding %s: not expected, but it stands",
             n->items[i]->str);
  if ((n = lx_ymap_get(e, "actions")))
    for (size_t i = 0; i < n->n; i++)
      if (!has_action(v, n->items[i]->str))
        fail(t, "action %s: expected, but missing", n->items[i]->str);
  if ((n = lx_ymap_get(e, "not_actions")))
    for (size_t i = 0; i < n->n; i++)
      if (has_action(v, n->items[i]->str))
        fail(t, "action %s: not expected, but present", n->items[i]->str);
  if ((n = lx_ymap_get(e, "citations")))
    for (size_t i = 0; i < n->n; i++)
      if (!has_citation(v, n->items[i]->str))
        fail(t, "citation \"%s\": expected, but the verdict does not cite "
             "it", n->items[i]->str);
  if ((n = lx_ymap_get(e, "unsettled"))) {
    bool want = strcmp(n->str, "true") == 0;
    if (want && !lexloci_verdict_unsettled(v))
      fail(t, "unsettled: expected, but no finding says the law is "
              "unsettled");
    if (!want && lexloci_verdict_unsettled(v))
      fail(t, "unsettled: not expected, but a finding says the law is "
              "unsettled");
  }
  if ((n = lx_ymap_get(e, "missing")))
    facts_are(t, n, v->missing, "missing", "missing facts", "is missing");
  if ((n = lx_ymap_get(e, "refine")))
    facts_are(t, n, v->refine, "refine", "facts to ask before a deadline",
              "is to be asked");
  if ((n = lx_ymap_get(e, "by_category")))
    for (size_t i = 0; i < n->n; i++) {
      int k = lx_domain_value(LX_DOM_CATEGORY, n->items[2 * i]->str,
                              n->items[2 * i]->len);
      const char *want = n->items[2 * i + 1]->str;
      if (!(v->cats >> k & 1)) {
        fail(t, "by_category %s: the request does not name it",
             n->items[2 * i]->str);
        continue;
      }
      const char *got = lx_outcome_name(v->by_cat[k]);
      if (strcmp(got, want) != 0)
        fail(t, "by_category %s: expected %s, got %s", n->items[2 * i]->str,
             want, got);
    }
}

lexloci_status lexloci_testsuite_run(lexloci_testsuite *ts, size_t i,
                                     lexloci_test_result *out,
                                     lexloci_error *err)
{
  if (!ts || !out || i >= ts->ntests)
    return LEXLOCI_EMISUSE;
  lx_test *t = &ts->tests[i];
  t->nfail = 0;
  out->name = t->name;
  out->file = t->file;
  out->line = t->line;
  out->passed = false;
  out->nfailures = 0;
  lexloci_case *c = ts->c;
  lexloci_case_reset(c);
  lx_diag diag;
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = ts->rs->diag;
  cfg.diag_ud = ts->rs->diag_ud;
  lx_diag_init(&diag, &cfg);
  lx_caseload_node(c, t->casenode, t->file, &diag);
  lexloci_status st = lx_diag_result(&diag, err);
  if (st != LEXLOCI_OK)
    return st;
  if (!apply_set(ts, t, lx_ymap_get(t->node, "set"), err))
    return LEXLOCI_EFACT;
  const lexloci_verdict *v;
  st = lexloci_eval(c, &v, err);
  if (st != LEXLOCI_OK) {
    if (err) {
      snprintf(err->file, sizeof err->file, "%s", t->file);
      err->line = t->line;
      err->col = t->node->col;
    }
    return st;
  }
  for (size_t r = 0; r < ts->rs->nrules; r++)
    for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
      if ((v->cats >> k & 1) && c->cat[k].applies[r] == 1)
        ts->covered[r] = true;
  compare(ts, t, v);
  out->passed = t->nfail == 0;
  out->nfailures = t->nfail;
  return LEXLOCI_OK;
}

const char *lexloci_testsuite_failure(const lexloci_testsuite *ts, size_t i,
                                      size_t j)
{
  if (!ts || i >= ts->ntests || j >= ts->tests[i].nfail)
    return NULL;
  return ts->tests[i].fail[j];
}

bool lexloci_testsuite_rule_covered(const lexloci_testsuite *ts, size_t rule)
{
  return ts && rule < ts->rs->nrules && ts->covered[rule];
}
