/*
** sets.c: `lexloci sets [NAME] [--as-of DATE]`: the rule set's named
** reference data (what a case's assume: and what-if's --set assume.NAME
** may override): every set with its members, their dates, notes and
** citations, and every named value; with --as-of, who is a member on that
** day.
*/
#include <string.h>

#include "cli.h"

static void cites(const lexloci_ruleset *rs, size_t i, size_t n,
                  const char *indent)
{
  for (size_t j = 0; j < n; j++) {
    const lexloci_citation *c = lexloci_ruleset_set_citation(rs, i, j);
    printf("%scited: %s <%s>\n", indent, c->ref, c->url);
  }
}

static void list_one(const lexloci_ruleset *rs, size_t i)
{
  lexloci_set_info s;
  lexloci_ruleset_set(rs, i, &s);
  if (s.is_value) {
    printf("%s = %s  (a %s value)\n", s.name, s.value, s.of);
    if (s.title)
      printf("  %s\n", s.title);
    cites(rs, i, s.ncitations, "  ");
    return;
  }
  printf("%s  (a set of %s, %zu member%s)\n", s.name,
         strcmp(s.of, "country") == 0 ? "countries" : s.of, s.nmembers,
         s.nmembers == 1 ? "" : "s");
  if (s.title)
    printf("  %s\n", s.title);
  cites(rs, i, s.ncitations, "  ");
  size_t w = 2;
  for (size_t j = 0; j < s.nmembers; j++) {
    lexloci_member_info m;
    lexloci_ruleset_set_member(rs, i, j, &m);
    if (strlen(m.member) > w)
      w = strlen(m.member);
  }
  for (size_t j = 0; j < s.nmembers; j++) {
    lexloci_member_info m;
    lexloci_ruleset_set_member(rs, i, j, &m);
    char d[32];
    cli_date_range(m.from, m.until, d, sizeof d);
    printf("  %-*s  %s", (int)w, m.member, d);
    if (m.note)
      printf("; %s", m.note);
    putchar('\n');
    for (size_t k = 0; k < m.ncitations; k++) {
      const lexloci_citation *c = lexloci_ruleset_member_citation(rs, i, j,
                                                                  k);
      printf("  %*s  cited: %s <%s>\n", (int)w, "", c->ref, c->url);
    }
  }
}

/* Members on one day, on one line. */
static void on_day(const lexloci_ruleset *rs, size_t i, int day,
                   const char *daytext)
{
  lexloci_set_info s;
  lexloci_ruleset_set(rs, i, &s);
  if (s.is_value) {
    printf("%s = %s  (a value: the same on every date)\n", s.name, s.value);
    return;
  }
  size_t n = 0;
  printf("%s on %s:", s.name, daytext);
  for (size_t j = 0; j < s.nmembers; j++) {
    lexloci_member_info m;
    lexloci_ruleset_set_member(rs, i, j, &m);
    if (m.from <= day && day <= m.until) {
      printf(" %s", m.member);
      n++;
    }
  }
  printf("%s(%zu)\n", n ? "  " : " none ", n);
}

int cmd_sets(int argc, char **argv, cli_common *common)
{
  const char *name = NULL, *as_of = NULL;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
      as_of = argv[++i];
    } else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      common->rules = argv[++i];
    } else if (argv[i][0] == '-' || name) {
      fprintf(stderr, "lexloci sets: unexpected '%s'\n"
                      "usage: lexloci sets [NAME] [--as-of DATE]\n",
              argv[i]);
      return EXIT_USAGE;
    } else {
      name = argv[i];
    }
  }
  int day = 0;
  if (as_of && !lexloci_date_parse(as_of, &day)) {
    fprintf(stderr, "lexloci sets: --as-of needs a date YYYY-MM-DD, not "
                    "'%s'\n", as_of);
    return EXIT_USAGE;
  }
  lexloci_ruleset *rs = cli_load_rules(common->rules);
  if (!rs)
    return EXIT_INVALID;
  size_t n = lexloci_ruleset_set_count(rs);
  int status = EXIT_DONE;
  if (name) {
    size_t i = 0;
    lexloci_set_info s;
    for (; i < n; i++) {
      lexloci_ruleset_set(rs, i, &s);
      if (strcmp(s.name, name) == 0)
        break;
    }
    if (i == n) {
      /* The closest name, as a case's assume: would suggest it. */
      lexloci_case *c = NULL;
      lexloci_error err;
      char path[256];
      snprintf(path, sizeof path, "assume.%s", name);
      if (lexloci_case_new(rs, &c) == LEXLOCI_OK &&
          lexloci_case_set_path(c, path, "[]", &err) != LEXLOCI_OK)
        fprintf(stderr, "lexloci sets: %s\n", err.message);
      lexloci_case_free(c);
      status = EXIT_INVALID;
    } else if (as_of) {
      on_day(rs, i, day, as_of);
    } else {
      list_one(rs, i);
    }
  } else {
    for (size_t i = 0; i < n; i++) {
      if (as_of) {
        on_day(rs, i, day, as_of);
      } else {
        if (i)
          putchar('\n');
        list_one(rs, i);
      }
    }
  }
  lexloci_ruleset_free(rs);
  return status;
}
