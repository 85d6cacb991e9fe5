/*
** dump.c: `lexloci dump`: the compiled rule set, disassembled (a
** developer's view of what the loader made of the rule files).
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_dump(int argc, char **argv, cli_common *common)
{
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      common->rules = argv[++i];
    } else {
      fprintf(stderr, "usage: lexloci [--rules DIR] dump\n");
      return EXIT_USAGE;
    }
  }
  lexloci_ruleset *rs = cli_load_rules(common->rules);
  if (!rs)
    return EXIT_INVALID;
  size_t n = lexloci_ruleset_dump(rs, NULL, 0);
  char *buf = malloc(n + 1);
  int status = EXIT_INVALID;
  if (buf) {
    lexloci_ruleset_dump(rs, buf, n + 1);
    fwrite(buf, 1, n, stdout);
    free(buf);
    status = EXIT_DONE;
  } else {
    fputs("lexloci: out of memory\n", stderr);
  }
  lexloci_ruleset_free(rs);
  return status;
}
