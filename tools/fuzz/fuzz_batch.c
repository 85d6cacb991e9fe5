/*
** fuzz_batch.c: the JSONL batch reader of `lexloci eval --batch`
** (tools/cli/batch.c) with a small line limit, so that oversize lines are
** common. Each non-blank input line must give exactly one output line, in
** order: a valid JSON error object naming that line, or the very verdict
** that evaluating the line alone gives.
** See LICENSE for copying conditions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../cli/cli.h"
#include "fuzz.h"

enum { MAX_LINE = 600 };

static void fixed_date(lexloci_case *c)
{
  if (lexloci_case_date(c) == INT32_MIN)
    lexloci_case_set_date(c, lexloci_fact_lookup("request.date"), 2026, 11,
                          28, NULL);
}

/* The compact JSON verdict of one line evaluated on its own, or NULL. */
static char *alone(lexloci_case *c, const char *line, size_t n)
{
  const lexloci_verdict *v = NULL;
  if (lexloci_case_load(c, "alone", line, n, NULL) != LEXLOCI_OK)
    return NULL;
  fixed_date(c);
  if (lexloci_eval(c, &v, NULL) != LEXLOCI_OK)
    return NULL;
  size_t need = lexloci_verdict_json(v, 0, NULL, 0);
  char *buf = malloc(need + 1);
  if (!buf)
    fz_fail("out of memory in the fuzz harness");
  lexloci_verdict_json(v, 0, buf, need + 1);
  return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static lexloci_case *c, *c2;
  if (!c && (lexloci_case_new(fz_bundled(), &c) != LEXLOCI_OK ||
             lexloci_case_new(fz_bundled(), &c2) != LEXLOCI_OK))
    fz_fail("case_new failed");
  FILE *in = fmemopen((void *)data, size ? size : 1, "rb");
  if (!in)
    return 0;
  if (size == 0)
    fgetc(in);
  char *outbuf = NULL;
  size_t outlen = 0;
  FILE *out = open_memstream(&outbuf, &outlen);
  if (!out)
    fz_fail("open_memstream failed");
  int status = cli_batch(in, out, c, MAX_LINE, fixed_date);
  fclose(in);
  fclose(out);
  /* Walk the input lines as the reader does and match the output lines. */
  const char *p = (const char *)data, *end = p + size;
  const char *o = outbuf, *oend = outbuf + outlen;
  long lineno = 0;
  bool all_good = true;
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    size_t n = (size_t)(le - p);
    lineno++;
    size_t k = 0;
    while (k < n && (p[k] == ' ' || p[k] == '\t' || p[k] == '\r'))
      k++;
    if (k < n || n > MAX_LINE) {
      FZ_CHECK(o < oend, "line %ld has no output", lineno);
      const char *onl = memchr(o, '\n', (size_t)(oend - o));
      FZ_CHECK(onl, "output for line %ld is not a line", lineno);
      size_t olen = (size_t)(onl - o);
      fz_json *j = fz_json_parse(o, olen, NULL);
      FZ_CHECK(j && j->kind == FZ_JOBJ,
               "output for line %ld is not a JSON object: %.*s", lineno,
               (int)(olen < 200 ? olen : 200), o);
      const fz_json *err = fz_json_get(j, "error");
      char *want = n <= MAX_LINE ? alone(c2, p, n) : NULL;
      if (err) {
        const fz_json *ln = fz_json_get(j, "line");
        FZ_CHECK(ln && ln->kind == FZ_JNUM && ln->num == (double)lineno,
                 "error object for line %ld names another line", lineno);
        FZ_CHECK(err->kind == FZ_JOBJ && fz_json_get(err, "code") &&
                     fz_json_get(err, "message"),
                 "error object for line %ld lacks code or message", lineno);
        FZ_CHECK(!want, "line %ld gives a verdict alone, an error in a "
                 "batch", lineno);
        all_good = false;
      } else {
        FZ_CHECK(want, "line %ld gives a verdict in a batch, not alone",
                 lineno);
        FZ_CHECK(strlen(want) == olen && memcmp(want, o, olen) == 0,
                 "line %ld: the batch verdict differs from the verdict "
                 "alone", lineno);
      }
      free(want);
      fz_json_free(j);
      o = onl + 1;
    }
    p = nl ? nl + 1 : end;
  }
  FZ_CHECK(o == oend, "more output lines than input lines");
  FZ_CHECK((status == EXIT_DONE) == all_good, "exit status %d", status);
  free(outbuf);
  return 0;
}
