/*
** main.c: the lexloci command line: argument dispatch, rule-set
** discovery, and diagnostics with the offending source line.
*/
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void cli_usage(FILE *out)
{
  fputs(
      "usage: lexloci [--rules DIR] COMMAND [ARGS]\n"
      "\n"
      "commands:\n"
      "  eval CASE [--format text|json] [--explain]   the verdict for one case"
      " (- reads stdin)\n"
      "  eval --batch CASES.jsonl                     one JSON verdict per "
      "input line\n"
      "  what-if CASE --set PATH=VALUE ...            what changes in the "
      "verdict\n"
      "  what-if CASE --vary PATH=V1,V2 [--vary ...]  a table of verdicts, "
      "one row per value\n"
      "  check [--strict] [--as-of DATE]              lint the rule set; "
      "coverage grid\n"
      "  test [TESTS...]                              run the rule set's "
      "tests; report coverage\n"
      "  sets [NAME] [--as-of DATE]                   the rule set's "
      "reference data\n"
      "  doc [--format md|html] [--out DIR]           a page per regime "
      "(--schema, --case-reference)\n"
      "  dump                                         the compiled rule set, "
      "disassembled\n"
      "  --version                                    program, schema and "
      "rule-set versions\n"
      "\n"
      "The rule set is --rules DIR, else $LEXLOCI_RULES, else the bundled "
      "one.\n"
      "Exit status: 0 done, 1 invalid case or rule set (or a failed test), "
      "2 usage error.\n",
      out);
}

static void source_line(const lexloci_error *e)
{
  if (!e->file[0] || e->line <= 0 || strcmp(e->file, "-") == 0)
    return;
  FILE *fp = fopen(e->file, "r");
  if (!fp)
    return;
  char buf[512];
  int line = 0;
  while (fgets(buf, sizeof buf, fp)) {
    size_t n = strlen(buf);
    bool whole = n && buf[n - 1] == '\n';
    if (++line == e->line) {
      while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
      fprintf(stderr, "  %s\n  ", buf);
      /* The column counts characters; pad with the line's own tabs. */
      int col = 1;
      for (size_t i = 0; i < n && col < e->col; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if ((ch & 0xC0) == 0x80)
          continue;
        fputc(ch == '\t' ? '\t' : ' ', stderr);
        col++;
      }
      fputs("^\n", stderr);
      break;
    }
    while (!whole && fgets(buf, sizeof buf, fp)) {
      n = strlen(buf);
      whole = n && buf[n - 1] == '\n';
    }
  }
  fclose(fp);
}

/* error_label: say "error: " too (lexloci check names every severity). */
static void print_diag(const lexloci_error *e, bool error_label)
{
  const char *sev = e->severity == LEXLOCI_SEV_WARNING ? "warning: "
                    : e->severity == LEXLOCI_SEV_NOTE  ? "note: "
                    : error_label                      ? "error: "
                                                       : "";
  if (e->file[0] && e->line > 0)
    fprintf(stderr, "%s:%d:%d: %s%s\n", e->file, e->line, e->col, sev,
            e->message);
  else if (e->file[0])
    fprintf(stderr, "%s: %s%s\n", e->file, sev, e->message);
  else
    fprintf(stderr, "lexloci: %s%s\n", sev, e->message);
  source_line(e);
}

void cli_print_diag(const lexloci_error *e)
{
  print_diag(e, false);
}

void cli_print_lint(const lexloci_error *e)
{
  print_diag(e, true);
}

void cli_json_string(FILE *out, const char *s)
{
  fputc('"', out);
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\')
      fprintf(out, "\\%c", ch);
    else if (ch < 0x20)
      fprintf(out, "\\u%04x", ch);
    else
      fputc(ch, out);
  }
  fputc('"', out);
}

void cli_date_range(int from, int until, char *buf, size_t cap)
{
  char a[11], z[11];
  if (from != INT32_MIN)
    lexloci_date_format(from, a);
  if (until != INT32_MAX)
    lexloci_date_format(until, z);
  if (from == INT32_MIN && until == INT32_MAX)
    snprintf(buf, cap, "always");
  else if (from == INT32_MIN)
    snprintf(buf, cap, "until %s", z);
  else if (until == INT32_MAX)
    snprintf(buf, cap, "from %s", a);
  else
    snprintf(buf, cap, "%s to %s", a, z);
}

void cli_diag(void *ud, const lexloci_error *e)
{
  int *count = ud;
  if (count)
    (*count)++;
  cli_print_diag(e);
}

const char *cli_default_rules(void)
{
  const char *env = getenv("LEXLOCI_RULES");
  if (env && *env)
    return env;
  /* A binary run from its build tree uses the source tree's rules; an
     installed one, the installed copy. */
  static char found[PATH_MAX + 64]; /* main thread only, set once */
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    size_t blen = strlen(LEXLOCI_BUILD_DIR);
    if (strncmp(exe, LEXLOCI_BUILD_DIR, blen) == 0 && exe[blen] == '/')
      return LEXLOCI_SOURCE_RULES;
    /* Installed: PREFIX/bin/lexloci finds PREFIX/share/lexloci/rules,
       wherever the prefix was moved to. */
    char *slash = strrchr(exe, '/');
    if (slash) {
      *slash = '\0';
      snprintf(found, sizeof found, "%s/../%s/lexloci.yaml", exe,
               LEXLOCI_RULES_RELATIVE);
      if (access(found, R_OK) == 0) {
        found[strlen(found) - strlen("/lexloci.yaml")] = '\0';
        return found;
      }
    }
  }
  return LEXLOCI_INSTALLED_RULES;
}

lexloci_ruleset *cli_load_rules(const char *dir)
{
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = cli_diag;
  lexloci_ruleset *rs = NULL;
  lexloci_error err;
  if (lexloci_ruleset_load(&cfg, dir, &rs, &err) != LEXLOCI_OK) {
    fprintf(stderr, "lexloci: the rule set in %s is invalid (%s)\n", dir,
            lexloci_status_name(err.code));
    return NULL;
  }
  return rs;
}

char *cli_read_file(const char *path, size_t max, size_t *len,
                    lexloci_error *err)
{
  FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  memset(err, 0, sizeof *err);
  if (!fp) {
    err->code = LEXLOCI_EIO;
    snprintf(err->file, sizeof err->file, "%s", path);
    snprintf(err->message, sizeof err->message, "cannot read the file: %s",
             strerror(errno));
    return NULL;
  }
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      if (cap > max) {
        free(buf);
        buf = NULL;
        err->code = LEXLOCI_ELIMIT;
        snprintf(err->file, sizeof err->file, "%s", path);
        snprintf(err->message, sizeof err->message,
                 "input is larger than %zu bytes", max);
        break;
      }
      char *nb = realloc(buf, cap * 2);
      if (!nb) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = nb;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, fp);
    n += got;
    if (got == 0)
      break;
  }
  if (fp != stdin)
    fclose(fp);
  if (buf && n > max) {
    free(buf);
    buf = NULL;
    err->code = LEXLOCI_ELIMIT;
    snprintf(err->file, sizeof err->file, "%s", path);
    snprintf(err->message, sizeof err->message,
             "input is larger than %zu bytes", max);
  }
  if (!buf && !err->code) {
    err->code = LEXLOCI_ENOMEM;
    snprintf(err->message, sizeof err->message, "out of memory");
  }
  *len = n;
  return buf;
}

void cli_default_date(lexloci_case *c)
{
  if (lexloci_case_date(c) != INT32_MIN)
    return;
  /* The one place lexloci reads the clock: a case without request.date is
     decided as of today, and the verdict echoes the date used. */
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  lexloci_case_set_date(c, lexloci_fact_lookup("request.date"),
                        tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, NULL);
}

bool cli_load_case(lexloci_case *c, const char *path)
{
  lexloci_error err;
  size_t len;
  char *text = cli_read_file(path, 1u << 20, &len, &err);
  if (!text) {
    cli_print_diag(&err);
    return false;
  }
  lexloci_status st = lexloci_case_load(c, strcmp(path, "-") == 0 ? "<stdin>"
                                                                  : path,
                                        text, len, &err);
  free(text);
  if (st != LEXLOCI_OK)
    return false; /* every diagnostic went to the callback */
  cli_default_date(c);
  return true;
}

int cmd_version(cli_common *common)
{
  printf("lexloci %s (case and verdict schema %d)\n", lexloci_version(),
         LEXLOCI_SCHEMA_VERSION);
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  lexloci_ruleset *rs = NULL;
  if (lexloci_ruleset_load(&cfg, common->rules, &rs, NULL) == LEXLOCI_OK) {
    printf("rule set %s %s (%s)\n  %s\n", lexloci_ruleset_name(rs),
           lexloci_ruleset_version(rs), common->rules,
           lexloci_ruleset_digest(rs));
    lexloci_ruleset_free(rs);
  } else {
    printf("rule set: none loaded from %s (run 'lexloci test' to see "
           "why)\n", common->rules);
  }
  return EXIT_DONE;
}

int main(int argc, char **argv)
{
  cli_common common = {NULL, false};
  int i = 1;
  for (; i < argc; i++) {
    if (strcmp(argv[i], "--rules") == 0) {
      if (++i == argc) {
        fputs("lexloci: --rules needs a folder\n", stderr);
        return EXIT_USAGE;
      }
      common.rules = argv[i];
    } else if (strncmp(argv[i], "--rules=", 8) == 0) {
      common.rules = argv[i] + 8;
    } else {
      break;
    }
  }
  if (!common.rules)
    common.rules = cli_default_rules();
  common.color = isatty(STDOUT_FILENO) && !getenv("NO_COLOR");
  if (i == argc) {
    cli_usage(stderr);
    return EXIT_USAGE;
  }
  const char *cmd = argv[i];
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0)
    return cmd_version(&common);
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
      strcmp(cmd, "help") == 0) {
    cli_usage(stdout);
    return EXIT_DONE;
  }
  if (strcmp(cmd, "eval") == 0)
    return cmd_eval(argc - i - 1, argv + i + 1, &common);
  if (strcmp(cmd, "dump") == 0)
    return cmd_dump(argc - i - 1, argv + i + 1, &common);
  if (strcmp(cmd, "test") == 0)
    return cmd_test(argc - i - 1, argv + i + 1, &common);
  if (strcmp(cmd, "check") == 0)
    return cmd_check(argc - i - 1, argv + i + 1, &common);
  if (strcmp(cmd, "what-if") == 0)
    return cmd_whatif(argc - i - 1, argv + i + 1, &common);
  if (strcmp(cmd, "sets") == 0)
    return cmd_sets(argc - i - 1, argv + i + 1, &common);
  if (strcmp(cmd, "doc") == 0)
    return cmd_doc(argc - i - 1, argv + i + 1, &common);
  fprintf(stderr, "lexloci: unknown command '%s'\n", cmd);
  cli_usage(stderr);
  return EXIT_USAGE;
}
