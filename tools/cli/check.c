/*
** check.c: `lexloci check`: lint a rule set. Whatever the loader rejects
** (errors), then what lexloci_ruleset_check finds in a set that loads
** (warnings, each with its kind in brackets), on standard error as
** FILE:LINE:COL: severity: message; the coverage grid on standard output.
** Exit 1 on any error, and with --strict on any warning.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

/* Counts loader diagnostics by severity while printing them. */
typedef struct counts {
  int errors, warnings;
} counts;

static void load_diag(void *ud, const lexloci_error *e)
{
  counts *n = ud;
  if (e->severity == LEXLOCI_SEV_ERROR)
    n->errors++;
  else if (e->severity == LEXLOCI_SEV_WARNING)
    n->warnings++;
  cli_print_lint(e);
}

static void print_issue(const lexloci_issue *is)
{
  const lexloci_error *e = &is->diag;
  const char *sev = e->severity == LEXLOCI_SEV_NOTE ? "note" : "warning";
  if (e->file[0])
    fprintf(stderr, "%s:%d:%d: %s: %s [%s]\n", e->file, e->line, e->col,
            sev, e->message, is->name);
  else
    fprintf(stderr, "lexloci: %s: %s [%s]\n", sev, e->message, is->name);
  if (!is->example)
    return;
  fputs("  both stand on this case:\n", stderr);
  for (const char *p = is->example; *p;) {
    size_t n = strcspn(p, "\n");
    fprintf(stderr, "    %.*s\n", (int)n, p);
    p += n + (p[n] == '\n');
  }
}

/* ------------------------------------------------------------------ */
/* The coverage grid                                                    */
/* ------------------------------------------------------------------ */

/* One letter per effect, in the order a cell lists them. */
static const struct {
  lexloci_outcome o;
  char letter;
} letters[] = {
  {LEXLOCI_MUST_NOT_DISCLOSE, 'X'}, {LEXLOCI_MUST_DISCLOSE, 'D'},
  {LEXLOCI_MUST_PRESERVE, 'P'},     {LEXLOCI_MAY_DISCLOSE, 'M'},
  {LEXLOCI_NOT_COMPELLABLE, 'C'},   {LEXLOCI_NOT_APPLICABLE, 'N'},
  {LEXLOCI_INFO, 'i'},
};

static void cell_text(unsigned m, char *buf)
{
  size_t n = 0;
  for (size_t i = 0; i < sizeof letters / sizeof letters[0]; i++)
    if (m >> letters[i].o & 1)
      buf[n++] = letters[i].letter;
  if (m & LEXLOCI_CHECK_UNSURE)
    buf[n++] = '?';
  if (n == 0)
    buf[n++] = '-';
  buf[n] = '\0';
}

/* Prints text wrapped at width w, breaking after ", " or "; ": line n of
   it (padded to w), or spaces past its end. Returns how many lines. */
static int wrapped_line(const char *text, int w, int n, char *out)
{
  int line = 0;
  const char *p = text;
  while (*p) {
    const char *end = p, *brk = NULL;
    while (*end && end - p < w) {
      if ((end[0] == ',' || end[0] == ';') && end[1] == ' ')
        brk = end + 2;
      end++;
    }
    if (*end && brk)
      end = brk;
    if (line == n) {
      int len = (int)(end - p);
      while (len > 0 && p[len - 1] == ' ')
        len--;
      snprintf(out, (size_t)w + 1, "%-*.*s", w, len, p);
      return 0;
    }
    line++;
    p = end;
  }
  snprintf(out, (size_t)w + 1, "%*s", w, "");
  return line;
}

static int line_count(const char *text, int w)
{
  char buf[256];
  return wrapped_line(text, w, 1 << 20, buf);
}

/* One row of a regime's table: some instruments, and what the regime's
   rules can do for each category. */
typedef struct grid_row {
  unsigned cells[LEXLOCI_CATEGORY_COUNT];
  unsigned instruments; /* a bit per value of request.instrument */
} grid_row;

enum { MAX_ROWS = 32, MAX_GROUPS = 256 }; /* instruments; states */

/* Rows of group g: instruments whose cells agree share a row. */
static size_t group_rows(const lexloci_check *k, size_t r, size_t g,
                         size_t ninstr, grid_row *rows)
{
  size_t n = 0;
  for (size_t i = 0; i < ninstr; i++) {
    grid_row row = {{0}, 1u << i};
    unsigned any = 0;
    for (int c = 0; c < LEXLOCI_CATEGORY_COUNT; c++)
      any |= row.cells[c] =
          lexloci_check_coverage(k, r, g, i, (lexloci_category)c);
    if (!any)
      continue;
    size_t j = 0;
    while (j < n && memcmp(rows[j].cells, row.cells, sizeof row.cells))
      j++;
    if (j < n)
      rows[j].instruments |= row.instruments;
    else if (n < MAX_ROWS)
      rows[n++] = row;
  }
  return n;
}

static void print_regime(const lexloci_ruleset *rs, const lexloci_check *k,
                         size_t r)
{
  enum { WG = 24, WI = 34 };
  lexloci_fact ins = lexloci_fact_lookup("request.instrument");
  size_t ninstr = 0, ngroups = lexloci_check_group_count(k);
  while (lexloci_fact_value(ins, ninstr))
    ninstr++;
  if (ngroups > MAX_GROUPS)
    ngroups = MAX_GROUPS;
  static grid_row rows[MAX_GROUPS][MAX_ROWS];
  size_t nrows[MAX_GROUPS];
  for (size_t g = 0; g < ngroups; g++)
    nrows[g] = group_rows(k, r, g, ninstr, rows[g]);
  printf("\n%s\n  %-*s  %-*s", lexloci_ruleset_regime_id(rs, r), WG,
         "issuing state", WI, "instrument");
  for (int c = 0; c < LEXLOCI_CATEGORY_COUNT; c++)
    printf("  %s", lexloci_category_name((lexloci_category)c));
  putchar('\n');
  bool done[MAX_GROUPS] = {false}, any = false;
  for (size_t g = 0; g < ngroups; g++) {
    if (done[g] || !nrows[g])
      continue;
    /* Groups the regime treats the same way share the block. */
    char names[1024];
    size_t len = 0;
    for (size_t h = g; h < ngroups; h++)
      if (!done[h] && nrows[h] == nrows[g] &&
          memcmp(rows[h], rows[g], nrows[g] * sizeof(grid_row)) == 0) {
        done[h] = true;
        len += (size_t)snprintf(names + len, sizeof names - len, "%s%s",
                                len ? "; " : "",
                                lexloci_check_group_name(k, h));
        if (len >= sizeof names)
          len = sizeof names - 1;
      }
    any = true;
    for (size_t j = 0; j < nrows[g]; j++) {
      char instr[512];
      size_t il = 0;
      instr[0] = '\0';
      for (size_t i = 0; i < ninstr; i++)
        if (rows[g][j].instruments >> i & 1)
          il += (size_t)snprintf(instr + il, sizeof instr - il, "%s%s",
                                 il ? ", " : "", lexloci_fact_value(ins, i));
      const char *gtext = j == 0 ? names : "";
      int h1 = line_count(gtext, WG), h2 = line_count(instr, WI);
      int height = h1 > h2 ? h1 : h2;
      for (int ln = 0; ln < (height ? height : 1); ln++) {
        char a[WG + 1], b[WI + 1], line[256];
        wrapped_line(gtext, WG, ln, a);
        wrapped_line(instr, WI, ln, b);
        size_t n = (size_t)snprintf(line, sizeof line, "  %s  %s", a, b);
        for (int c = 0; ln == 0 && c < LEXLOCI_CATEGORY_COUNT; c++) {
          char cell[16];
          cell_text(rows[g][j].cells[c], cell);
          int w = (int)strlen(lexloci_category_name((lexloci_category)c));
          n += (size_t)snprintf(line + n, sizeof line - n, "  %-*s", w,
                                cell);
        }
        while (n > 0 && line[n - 1] == ' ')
          line[--n] = '\0';
        puts(line);
      }
    }
  }
  if (!any)
    puts("  (no rule of this regime applies on this date)");
}

static void print_grid(const lexloci_ruleset *rs, const lexloci_check *k)
{
  size_t ngroups = lexloci_check_group_count(k);
  char day[11];
  lexloci_date_format(lexloci_check_date(k), day);
  printf("Coverage on %s: the effects each regime's rules can have, by "
         "issuing state,\ninstrument and data category (D must_disclose, "
         "X must_not_disclose,\nP must_preserve, M may_disclose, C "
         "not_compellable, N not_applicable, i info,\n- nothing applies, ? "
         "not settled). Rows a regime says nothing of are left out.\n",
         day);
  for (size_t r = 0; r < lexloci_ruleset_regime_count(rs); r++)
    print_regime(rs, k, r);
  printf("\nIssuing state groups (states every condition treats alike on "
         "%s):\n", day);
  for (size_t g = 0; g < ngroups; g++) {
    const char *m = lexloci_check_group_members(k, g);
    const char *name = lexloci_check_group_name(k, g);
    if (strlen(name) <= 14 && !strchr(name, '('))
      continue; /* named by its members already */
    if (strlen(m) > 60)
      printf("  %s: %.57s ...\n", name, m);
    else
      printf("  %s: %s\n", name, m);
  }
}

/* ------------------------------------------------------------------ */

static bool parse_day(const char *s, lexloci_check_options *opt)
{
  int days;
  if (!lexloci_date_parse(s, &days))
    return false;
  char buf[11];
  lexloci_date_format(days, buf);
  opt->year = atoi(buf);
  opt->month = atoi(buf + 5);
  opt->day = atoi(buf + 8);
  return true;
}

int cmd_check(int argc, char **argv, cli_common *common)
{
  bool strict = false, grid = true;
  lexloci_check_options opt = {0, 0, 0};
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      common->rules = argv[++i];
    } else if (strcmp(argv[i], "--strict") == 0) {
      strict = true;
    } else if (strcmp(argv[i], "--no-coverage") == 0) {
      grid = false;
    } else if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
      if (!parse_day(argv[++i], &opt)) {
        fprintf(stderr, "lexloci check: --as-of needs a date YYYY-MM-DD, "
                        "not '%s'\n", argv[i]);
        return EXIT_USAGE;
      }
    } else {
      fprintf(stderr, "lexloci check: unknown argument '%s'\n"
                      "usage: lexloci check [--rules DIR] [--strict] "
                      "[--as-of DATE] [--no-coverage]\n", argv[i]);
      return EXIT_USAGE;
    }
  }
  if (!opt.year) {
    /* Coverage is the law as of today, as a case without a date is. */
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    opt.year = tm.tm_year + 1900;
    opt.month = tm.tm_mon + 1;
    opt.day = tm.tm_mday;
  }
  counts n = {0, 0};
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = load_diag;
  cfg.diag_ud = &n;
  lexloci_ruleset *rs = NULL;
  if (lexloci_ruleset_load(&cfg, common->rules, &rs, NULL) != LEXLOCI_OK) {
    fprintf(stderr, "%d error%s, %d warning%s\n", n.errors,
            n.errors == 1 ? "" : "s", n.warnings, n.warnings == 1 ? "" : "s");
    return EXIT_INVALID;
  }
  lexloci_check *k = NULL;
  if (lexloci_ruleset_check(rs, &opt, &k) != LEXLOCI_OK) {
    fputs("lexloci: out of memory\n", stderr);
    lexloci_ruleset_free(rs);
    return EXIT_INVALID;
  }
  for (size_t i = 0; i < lexloci_check_count(k); i++) {
    lexloci_issue is;
    lexloci_check_issue(k, i, &is);
    n.warnings += is.diag.severity == LEXLOCI_SEV_WARNING;
    print_issue(&is);
  }
  if (grid)
    print_grid(rs, k);
  fprintf(stderr, "%d error%s, %d warning%s\n", n.errors,
          n.errors == 1 ? "" : "s", n.warnings, n.warnings == 1 ? "" : "s");
  lexloci_check_free(k);
  lexloci_ruleset_free(rs);
  return n.errors || (strict && n.warnings) ? EXIT_INVALID : EXIT_DONE;
}
