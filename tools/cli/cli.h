/*
** cli.h: shared pieces of the lexloci command line. The CLI uses only the
** public API (include/lexloci.h).
*/
#ifndef LEXLOCI_CLI_H
#define LEXLOCI_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "lexloci.h"

/* Exit statuses (spec/cli.md). */
enum { EXIT_DONE = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* Options every command shares. */
typedef struct cli_common {
  const char *rules;   /* --rules, LEXLOCI_RULES, or the bundled set */
  bool color;          /* stdout is a terminal and NO_COLOR is unset */
} cli_common;

/* Prints a diagnostic as FILE:LINE:COL: message, with the source line and
   a caret under the column when the file can be read. */
void cli_print_diag(const lexloci_error *e);
/* The same with the severity always named ("error: " too), as `lexloci
   check` reports. */
void cli_print_lint(const lexloci_error *e);
/* A JSON string, quoted and escaped. */
void cli_json_string(FILE *out, const char *s);
/* Dates from..until (days, INT32_MIN/INT32_MAX when open) as people read
   them: "always", "from 2020-01-01", "until 2019-12-31", "A to B". */
void cli_date_range(int from, int until, char *buf, size_t cap);
/* The diag callback for lexloci_config. */
void cli_diag(void *ud, const lexloci_error *e);
/* Loads the rule set (diagnostics on stderr); NULL on failure. */
lexloci_ruleset *cli_load_rules(const char *dir);
/* The rule-set folder to use when --rules is not given. */
const char *cli_default_rules(void);
/* Reads a whole file ("-" is standard input) into a malloc'd buffer. */
char *cli_read_file(const char *path, size_t max, size_t *len,
                    lexloci_error *err);
/* Loads a case file and sets request.date to today when it is unknown.
   Returns false (and prints diagnostics) on error. */
bool cli_load_case(lexloci_case *c, const char *path);
/* Sets request.date to today's date if the case leaves it out. */
void cli_default_date(lexloci_case *c);
void cli_usage(FILE *out);

/* Evaluates a batch: each non-blank line of in is one case (JSON, or YAML
   in flow style), answered in order by one line on out: the verdict as
   compact JSON, or {"lexloci":1,"line":N,"error":{"code","line","col",
   "message"}}. A line longer than max_line bytes is consumed without being
   buffered and answered with a "limit exceeded" error. before_eval (may be
   NULL) is applied to each case that loads. Returns EXIT_DONE when every
   line gave a verdict, EXIT_INVALID otherwise. */
int cli_batch(FILE *in, FILE *out, lexloci_case *c, size_t max_line,
              void (*before_eval)(lexloci_case *c));

int cmd_eval(int argc, char **argv, cli_common *common);
int cmd_test(int argc, char **argv, cli_common *common);
int cmd_dump(int argc, char **argv, cli_common *common);
int cmd_check(int argc, char **argv, cli_common *common);
int cmd_whatif(int argc, char **argv, cli_common *common);
int cmd_sets(int argc, char **argv, cli_common *common);
int cmd_doc(int argc, char **argv, cli_common *common);
/* `lexloci doc --schema case|rules` and `--case-reference` (schema.c). */
int doc_schema(const char *which);
int doc_case_reference(void);
int cmd_version(cli_common *common);

/* Text output (report.c). */
void report_text(FILE *out, const lexloci_verdict *v, bool explain,
                 bool color);

#endif
