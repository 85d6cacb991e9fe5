/*
** threads.h: the thread test's body, without criterion, so that it also
** runs as a plain program (threads_main.c): ThreadSanitizer cannot run
** criterion's runner. One rule set is shared by many threads; each has its
** own cases and evaluates every case of the corpus (the cases of the
** bundled rule set's tests, tests/fuzz/seeds/case/) in its own order, some
** on cases made afresh; every verdict, as JSON with the trace, must equal
** the one computed on a single thread.
*/
#ifndef LX_TEST_THREADS_H
#define LX_TEST_THREADS_H

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexloci.h"

enum { NTHREADS = 8, ROUNDS = 3, MAXCASES = 256 };

static lexloci_ruleset *rs;
static char *texts[MAXCASES];
static size_t lens[MAXCASES];
static char *want[MAXCASES];
static size_t ncases;

static char *read_all(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) == (size_t)n) {
    buf[n] = '\0';
    *len = (size_t)n;
  } else {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  return buf;
}

/* The verdict on text as JSON with the trace (malloc'd), or the error. */
static char *verdict_of(lexloci_case *c, const char *text, size_t len)
{
  lexloci_error e;
  const lexloci_verdict *v = NULL;
  char *out;
  if (lexloci_case_load(c, "case", text, len, &e) != LEXLOCI_OK ||
      lexloci_eval(c, &v, &e) != LEXLOCI_OK) {
    out = malloc(300);
    snprintf(out, 300, "error %d: %s", e.code, e.message);
    return out;
  }
  unsigned flags = LEXLOCI_JSON_TRACE;
  size_t need = lexloci_verdict_json(v, flags, NULL, 0);
  out = malloc(need + 1);
  lexloci_verdict_json(v, flags, out, need + 1);
  return out;
}

static int cmp_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Loads the rule set and the cases, and the single-thread verdicts. */
static bool threads_setup(const char *srcdir, char *err, size_t cap)
{
  char path[4096];
  lexloci_error e;
  snprintf(path, sizeof path, "%s/rules", srcdir);
  if (lexloci_ruleset_load(NULL, path, &rs, &e) != LEXLOCI_OK) {
    snprintf(err, cap, "rules: %s", e.message);
    return false;
  }
  snprintf(path, sizeof path, "%s/tests/fuzz/seeds/case", srcdir);
  DIR *d = opendir(path);
  if (!d) {
    snprintf(err, cap, "cannot open %s", path);
    return false;
  }
  char *names[MAXCASES];
  size_t n = 0;
  struct dirent *de;
  while ((de = readdir(d)) && n < MAXCASES)
    if (de->d_name[0] != '.') {
      size_t k = strlen(path) + strlen(de->d_name) + 2;
      names[n] = malloc(k);
      snprintf(names[n++], k, "%s/%s", path, de->d_name);
    }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_names);
  lexloci_case *c = NULL;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK) {
    snprintf(err, cap, "case_new failed");
    return false;
  }
  bool ok = true;
  for (size_t i = 0; i < n; i++) {
    texts[ncases] = read_all(names[i], &lens[ncases]);
    if (texts[ncases]) {
      want[ncases] = verdict_of(c, texts[ncases], lens[ncases]);
      ncases++;
    } else {
      snprintf(err, cap, "cannot read %s", names[i]);
      ok = false;
    }
    free(names[i]);
  }
  lexloci_case_free(c);
  if (ok && ncases < 20) {
    snprintf(err, cap, "only %zu cases", ncases);
    ok = false;
  }
  return ok;
}

static void threads_teardown(void)
{
  for (size_t i = 0; i < ncases; i++) {
    free(texts[i]);
    free(want[i]);
  }
  ncases = 0;
  lexloci_ruleset_free(rs);
  rs = NULL;
}

typedef struct worker {
  int id;
  size_t checked, wrong;
  char first_wrong[128];
} worker;

static void *work(void *arg)
{
  worker *w = arg;
  lexloci_case *c = NULL;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK)
    return NULL;
  for (int round = 0; round < ROUNDS; round++) {
    for (size_t k = 0; k < ncases; k++) {
      size_t i = (k * (size_t)(2 * w->id + 1) + (size_t)w->id) % ncases;
      /* Odd threads also make a fresh case now and then. */
      lexloci_case *use = c;
      if (w->id % 2 && k % 5 == 0 &&
          lexloci_case_new(rs, &use) != LEXLOCI_OK)
        use = c;
      char *got = verdict_of(use, texts[i], lens[i]);
      /* Read-only use of the shared rule set meanwhile. */
      lexloci_rule_info ri;
      lexloci_ruleset_rule(rs, k % lexloci_ruleset_rule_count(rs), &ri);
      if (strcmp(got, want[i]) != 0 && w->wrong++ == 0)
        snprintf(w->first_wrong, sizeof w->first_wrong, "case %zu", i);
      w->checked++;
      free(got);
      if (use != c)
        lexloci_case_free(use);
    }
  }
  lexloci_case_free(c);
  return NULL;
}

/* Runs the threads; false (with a message) if any verdict differs. */
static bool threads_run(char *err, size_t cap)
{
  pthread_t t[NTHREADS];
  worker w[NTHREADS];
  memset(w, 0, sizeof w);
  for (int i = 0; i < NTHREADS; i++) {
    w[i].id = i;
    if (pthread_create(&t[i], NULL, work, &w[i]) != 0) {
      snprintf(err, cap, "pthread_create failed");
      for (int j = 0; j < i; j++)
        pthread_join(t[j], NULL);
      return false;
    }
  }
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(t[i], NULL);
  for (int i = 0; i < NTHREADS; i++) {
    if (w[i].checked != ROUNDS * ncases || w[i].wrong) {
      snprintf(err, cap, "thread %d: %zu of %zu checked, %zu differ "
               "(first %s)", i, w[i].checked, ROUNDS * ncases, w[i].wrong,
               w[i].first_wrong);
      return false;
    }
  }
  return true;
}

#endif
