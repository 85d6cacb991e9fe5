/*
** usset.c: the bundled rule set cut down to the US regime, so that lexloci
** and the hand-written US function (handus.c) are compared like for like.
** The US rules read eu.gdpr_art48's outcome (the common-law comity rule),
** which handus.c is given and lexloci must work out: the cut-down set
** holds us.cloud_act and eu.gdpr_art48, with the reference files they
** use; GDPR's conflict notes with regimes left out are dropped (they only
** word a conflict between those regimes). Loaded from memory, nothing in
** rules/ is changed.
** See LICENSE for copying conditions.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

static const char manifest[] =
    "lexloci: 1\n"
    "name: lexloci-us\n"
    "version: \"1\"\n"
    "title: The US regime of the bundled set, with the GDPR regime it reads\n"
    "regimes: [us.cloud_act, eu.gdpr_art48]\n";

static char *slurp(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0, got;
  char *s = malloc(cap);
  while (s && (got = fread(s + n, 1, cap - n, f)) > 0)
    if ((n += got) == cap) {
      char *t = realloc(s, cap *= 2);
      if (!t)
        free(s);
      s = t;
    }
  fclose(f);
  if (s)
    *len = n;
  return s;
}

/* Drops from a rule file's text the conflict notes naming a regime the
   set leaves out: each "  - between: [...]" entry up to the next. */
static size_t drop_conflicts(char *s, size_t n)
{
  static const char *const out[] = {"coe.budapest", "uk.copo",
                                    "eu.e_evidence"};
  size_t w = 0;
  bool dropping = false;
  for (size_t i = 0; i < n;) {
    const char *eol = memchr(s + i, '\n', n - i);
    size_t len = eol ? (size_t)(eol - (s + i)) + 1 : n - i;
    if (strncmp(s + i, "  - ", 4) == 0 || (s[i] != ' ' && s[i] != '\n')) {
      dropping = false;
      if (strncmp(s + i, "  - between: [", 14) == 0)
        for (size_t k = 0; k < sizeof out / sizeof *out; k++) {
          const char *hit = strstr(s + i, out[k]);
          dropping |= hit && hit < s + i + len;
        }
    }
    if (!dropping) {
      memmove(s + w, s + i, len);
      w += len;
    }
    i += len;
  }
  return w;
}

lexloci_ruleset *bench_us_ruleset(const char *rules)
{
  static const char *const fixed[] = {"eu/gdpr_art48.yaml",
                                      "reference/us.yaml",
                                      "reference/eu.yaml",
                                      "reference/coe.yaml"};
  lexloci_source srcs[32];
  char *texts[32];
  char names[32][300];
  size_t n = 0;
  srcs[n++] = (lexloci_source){"lexloci.yaml", manifest, sizeof manifest - 1};
  texts[0] = NULL;
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/us", rules);
  DIR *d = opendir(dir);
  struct dirent *de;
  while (d && (de = readdir(d)) && n < 28) {
    size_t l = strlen(de->d_name);
    if (l > 5 && strcmp(de->d_name + l - 5, ".yaml") == 0)
      snprintf(names[n++], sizeof names[0], "us/%s", de->d_name);
  }
  if (d)
    closedir(d);
  for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
    snprintf(names[n++], sizeof names[0], "%s", fixed[i]);
  bool ok = true;
  for (size_t i = 1; i < n; i++) {
    char path[4500];
    snprintf(path, sizeof path, "%s/%s", rules, names[i]);
    size_t len = 0;
    texts[i] = slurp(path, &len);
    ok &= texts[i] != NULL;
    if (texts[i] && strcmp(names[i], "eu/gdpr_art48.yaml") == 0)
      len = drop_conflicts(texts[i], len);
    srcs[i] = (lexloci_source){names[i], texts[i] ? texts[i] : "", len};
  }
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  if (ok && lexloci_ruleset_load_sources(NULL, srcs, n, &rs, &err) !=
                LEXLOCI_OK) {
    fprintf(stderr, "bench: the US rule set does not load: %s:%d:%d: %s\n",
            err.file, err.line, err.col, err.message);
    rs = NULL;
  }
  for (size_t i = 1; i < n; i++)
    free(texts[i]);
  return rs;
}
