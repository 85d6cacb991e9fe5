/*
** test.c: `lexloci test`: run a rule set's tests, print a diff for each
** failure, a closing "N passed, M failed", and the rules no test reaches.
*/
#include <string.h>

#include "cli.h"

int cmd_test(int argc, char **argv, cli_common *common)
{
  const char *paths[256];
  size_t n = 0;
  bool quiet = false;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      common->rules = argv[++i];
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      quiet = true;
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "lexloci test: unknown option '%s'\n", argv[i]);
      return EXIT_USAGE;
    } else if (n < 256) {
      paths[n++] = argv[i];
    }
  }
  lexloci_ruleset *rs = cli_load_rules(common->rules);
  if (!rs)
    return EXIT_INVALID;
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = cli_diag;
  lexloci_testsuite *ts = NULL;
  lexloci_error err;
  if (lexloci_testsuite_load(&cfg, rs, paths, n, &ts, &err) != LEXLOCI_OK) {
    fprintf(stderr, "lexloci test: the tests could not be loaded\n");
    lexloci_ruleset_free(rs);
    return EXIT_INVALID;
  }
  size_t passed = 0, failed = 0;
  for (size_t i = 0; i < lexloci_testsuite_count(ts); i++) {
    lexloci_test_result r;
    lexloci_status st = lexloci_testsuite_run(ts, i, &r, &err);
    if (st != LEXLOCI_OK) {
      cli_print_diag(&err);
      printf("FAIL %s:%d: %s\n  the case is invalid: %s\n", r.file, r.line,
             r.name, err.message);
      failed++;
      continue;
    }
    if (r.passed) {
      passed++;
      if (!quiet)
        printf("ok   %s\n", r.name);
      continue;
    }
    failed++;
    printf("FAIL %s:%d: %s\n", r.file, r.line, r.name);
    for (size_t j = 0; j < r.nfailures; j++)
      printf("  - %s\n", lexloci_testsuite_failure(ts, i, j));
  }
  size_t nrules = lexloci_ruleset_rule_count(rs), uncovered = 0;
  for (size_t r = 0; r < nrules; r++)
    uncovered += !lexloci_testsuite_rule_covered(ts, r);
  if (uncovered) {
    printf("\n%zu of %zu rules apply in no test:\n", uncovered, nrules);
    for (size_t r = 0; r < nrules; r++) {
      if (lexloci_testsuite_rule_covered(ts, r))
        continue;
      lexloci_rule_info info;
      lexloci_ruleset_rule(rs, r, &info);
      printf("  %s:%d: %s\n", info.file, info.line, info.id);
    }
  } else {
    printf("\nevery one of the %zu rules applies in some test\n", nrules);
  }
  printf("%zu passed, %zu failed\n", passed, failed);
  lexloci_testsuite_free(ts);
  lexloci_ruleset_free(rs);
  return failed ? EXIT_INVALID : EXIT_DONE;
}
