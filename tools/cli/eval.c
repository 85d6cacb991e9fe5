/*
** eval.c: `lexloci eval CASE` and `lexloci eval --batch FILE`.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Large enough for any verdict of the bundled rule set; grown on demand. */
static char *json_of(const lexloci_verdict *v, unsigned flags, size_t *len)
{
  size_t cap = 1 << 16;
  char *buf = malloc(cap);
  if (!buf)
    return NULL;
  size_t need = lexloci_verdict_json(v, flags, buf, cap);
  if (need >= cap) {
    char *nb = realloc(buf, need + 1);
    if (!nb) {
      free(buf);
      return NULL;
    }
    buf = nb;
    lexloci_verdict_json(v, flags, buf, need + 1);
  }
  *len = need;
  return buf;
}

static int batch(const char *path, lexloci_ruleset *rs)
{
  FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
  if (!in) {
    fprintf(stderr, "%s: cannot read the file\n", path);
    return EXIT_INVALID;
  }
  lexloci_case *c = NULL;
  int status = EXIT_INVALID;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK)
    fputs("lexloci: out of memory\n", stderr);
  else
    status = cli_batch(in, stdout, c, LEXLOCI_MAX_CASE_BYTES,
                       cli_default_date);
  lexloci_case_free(c);
  if (in != stdin)
    fclose(in);
  return status;
}

int cmd_eval(int argc, char **argv, cli_common *common)
{
  const char *path = NULL, *batch_path = NULL, *format = NULL;
  bool explain = false;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strncmp(argv[i], "--format=", 9) == 0) {
      format = argv[i] + 9;
    } else if (strcmp(argv[i], "--explain") == 0) {
      explain = true;
    } else if (strcmp(argv[i], "--batch") == 0 && i + 1 < argc) {
      batch_path = argv[++i];
    } else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      common->rules = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "lexloci eval: unknown option '%s'\n", argv[i]);
      return EXIT_USAGE;
    } else if (!path) {
      path = argv[i];
    } else {
      fprintf(stderr, "lexloci eval: one case at a time (use --batch for "
                      "many)\n");
      return EXIT_USAGE;
    }
  }
  if (format && strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
    fprintf(stderr, "lexloci eval: --format must be text or json, not "
                    "'%s'\n", format);
    return EXIT_USAGE;
  }
  if (!path == !batch_path) {
    fputs("usage: lexloci eval CASE [--format text|json] [--explain]\n"
          "       lexloci eval --batch CASES.jsonl\n", stderr);
    return EXIT_USAGE;
  }
  lexloci_ruleset *rs = cli_load_rules(common->rules);
  if (!rs)
    return EXIT_INVALID;
  int status;
  if (batch_path) {
    status = batch(batch_path, rs);
  } else {
    lexloci_case *c = NULL;
    const lexloci_verdict *v = NULL;
    lexloci_error err;
    status = EXIT_INVALID;
    if (lexloci_case_new(rs, &c) != LEXLOCI_OK) {
      fputs("lexloci: out of memory\n", stderr);
    } else if (cli_load_case(c, path)) {
      if (lexloci_eval(c, &v, &err) != LEXLOCI_OK) {
        snprintf(err.file, sizeof err.file, "%s", path);
        cli_print_diag(&err);
      } else {
        bool json = format ? strcmp(format, "json") == 0
                           : !isatty(STDOUT_FILENO);
        if (json) {
          size_t len;
          char *out = json_of(v, LEXLOCI_JSON_PRETTY |
                                     (explain ? LEXLOCI_JSON_TRACE : 0),
                              &len);
          if (out) {
            fwrite(out, 1, len, stdout);
            free(out);
            status = EXIT_DONE;
          }
        } else {
          report_text(stdout, v, explain, common->color);
          status = EXIT_DONE;
        }
      }
    }
    lexloci_case_free(c);
  }
  lexloci_ruleset_free(rs);
  return status;
}
