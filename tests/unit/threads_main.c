/*
** threads_main.c: the thread test (threads.h) as a plain program, for
** ThreadSanitizer builds (-DLEXLOCI_TSAN=ON), where criterion cannot run.
** Prints "1 passed, 0 failed" or the failure.
*/
#define _POSIX_C_SOURCE 200809L
#include "threads.h"

int main(int argc, char **argv)
{
  char err[512] = "";
  bool ok = threads_setup(argc > 1 ? argv[1] : LEXLOCI_SOURCE_DIR, err,
                          sizeof err);
  if (ok)
    ok = threads_run(err, sizeof err);
  threads_teardown();
  if (!ok)
    fprintf(stderr, "threads: %s\n", err);
  printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
  return ok ? 0 : 1;
}
