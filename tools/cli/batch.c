/*
** batch.c: `lexloci eval --batch`: one case per line in, one JSON line
** out, in order, nothing dropped. Kept apart from eval.c so that the fuzz
** target tools/fuzz/fuzz_batch.c runs this very reader.
*/
#define _POSIX_C_SOURCE 200809L /* getc_unlocked */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* cli_json_string's twin: this file stands alone, since the fuzz target
   and tests/unit/test_limits.c compile it without the rest of the CLI. */
static void json_string(FILE *out, const char *s)
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

/* {"line": N, "error": {...}}: what a bad batch line yields. */
static void batch_error(FILE *out, long line, const lexloci_error *e)
{
  fprintf(out, "{\"lexloci\":%d,\"line\":%ld,\"error\":{\"code\":",
          LEXLOCI_SCHEMA_VERSION, line);
  json_string(out, lexloci_status_name(e->code));
  fprintf(out, ",\"line\":%d,\"col\":%d,\"message\":", e->line, e->col);
  json_string(out, e->message);
  fputs("}}\n", out);
}

int cli_batch(FILE *in, FILE *out, lexloci_case *c, size_t max_line,
              void (*before_eval)(lexloci_case *c))
{
  /* Lines are read in bounded pieces: an oversize line is consumed and
     answered with an error, never buffered whole. Byte by byte, but under
     one lock (getc's per byte cost a tenth of a case): stdio still reads
     what is there, so a terminal or a pipe is answered line by line. */
  char *line = malloc(max_line + 2);
  size_t jcap = 1 << 16;
  char *json = malloc(jcap);
  int status = EXIT_DONE;
  long lineno = 0;
  flockfile(in);
  while (line && json) {
    size_t n = 0;
    int ch = 0;
    bool oversize = false;
    while ((ch = getc_unlocked(in)) != EOF && ch != '\n') {
      if (n < max_line)
        line[n++] = (char)ch;
      else
        oversize = true;
    }
    if (ch == EOF && n == 0 && !oversize)
      break;
    lineno++;
    line[n] = '\0';
    size_t k = 0;
    while (k < n && (line[k] == ' ' || line[k] == '\t' || line[k] == '\r'))
      k++;
    if (k == n && !oversize)
      continue; /* blank lines carry no case */
    lexloci_error err;
    memset(&err, 0, sizeof err);
    const lexloci_verdict *v = NULL;
    char name[64];
    snprintf(name, sizeof name, "line %ld", lineno);
    if (oversize) {
      err.code = LEXLOCI_ELIMIT;
      err.line = 1;
      err.col = (int)(max_line < 0x7fffffff ? max_line + 1 : 0);
      snprintf(err.message, sizeof err.message,
               "the line is longer than %zu bytes", max_line);
    } else if (lexloci_case_load(c, name, line, n, &err) == LEXLOCI_OK) {
      if (before_eval)
        before_eval(c);
      lexloci_eval(c, &v, &err);
    }
    if (!v) {
      batch_error(out, lineno, &err);
      status = EXIT_INVALID;
      continue;
    }
    size_t need = lexloci_verdict_json(v, 0, json, jcap);
    if (need >= jcap) {
      char *nj = realloc(json, need + 1);
      if (!nj)
        break;
      json = nj;
      jcap = need + 1;
      lexloci_verdict_json(v, 0, json, jcap);
    }
    fwrite(json, 1, need, out);
    fputc('\n', out);
  }
  funlockfile(in);
  if (!line || !json) {
    fputs("lexloci: out of memory\n", stderr);
    status = EXIT_INVALID;
  }
  free(line);
  free(json);
  return status;
}
