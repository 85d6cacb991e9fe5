/*
** fuzz_case.c: the case loader (YAML and JSON) against the bundled rule
** set. A case that loads is evaluated and its verdict checked (check.c);
** one that does not must leave a located error and a reset case.
** See LICENSE for copying conditions.
*/
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static lexloci_case *c;
  if (!c && lexloci_case_new(fz_bundled(), &c) != LEXLOCI_OK)
    fz_fail("case_new failed");
  lexloci_error err;
  memset(&err, 0, sizeof err);
  lexloci_status st =
      lexloci_case_load(c, "case", (const char *)data, size, &err);
  if (st != LEXLOCI_OK) {
    fz_check_error(st, &err);
    FZ_CHECK(lexloci_case_date(c) == INT32_MIN,
             "a case that failed to load kept its date");
    return 0;
  }
  const lexloci_verdict *v = NULL;
  st = lexloci_eval(c, &v, &err);
  if (st != LEXLOCI_OK) {
    fz_check_error(st, &err);
    FZ_CHECK(v == NULL, "a failed evaluation returned a verdict");
    return 0;
  }
  fz_check_verdict(c, v);
  return 0;
}
