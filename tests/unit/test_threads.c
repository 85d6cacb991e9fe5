/*
** test_threads.c: many threads, one shared rule set, the verdicts of one
** thread (threads.h). Under -DLEXLOCI_TSAN=ON, where criterion cannot
** run, threads_main.c runs the same body as a plain program.
*/
#define _POSIX_C_SOURCE 200809L
#include "helpers.h"

#include "threads.h"

LX_SUITE(threads);

Test(threads, shared_rule_set_same_verdicts, .timeout = 600)
{
  char err[512] = "";
  bool ok = threads_setup(LEXLOCI_SOURCE_DIR, err, sizeof err);
  if (ok)
    ok = threads_run(err, sizeof err);
  threads_teardown();
  cr_assert(ok, "%s", err);
}
