/*
** embed.c: lexloci embedded in an intake system (docs/embedding.md).
**
** An intake system has no case files: it builds the case field by field
** from a form, evaluates it, and uses the verdict's `missing` list to know
** which question to ask next. The rule set is loaded once and could be
** shared by any number of threads; each thread keeps its own case.
**
** Build: cc embed.c $(pkg-config --cflags --libs lexloci) -o embed
** Run:   ./embed /usr/local/share/lexloci/rules
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lexloci.h>

/* Prints every diagnostic while the rule set loads. */
static void on_diag(void *ud, const lexloci_error *e)
{
  (void)ud;
  fprintf(stderr, "%s:%d:%d: %s\n", e->file, e->line, e->col, e->message);
}

/* Sets one fact by name, failing loudly: a form field that does not fit
   the vocabulary is a bug in the intake system. */
static void set(lexloci_case *c, const char *path, const char *value)
{
  lexloci_error err;
  if (lexloci_case_set_path(c, path, value, &err) != LEXLOCI_OK) {
    fprintf(stderr, "cannot set %s: %s\n", path, err.message);
    exit(1);
  }
}

static const lexloci_verdict *decide(lexloci_case *c)
{
  const lexloci_verdict *v;
  lexloci_error err;
  if (lexloci_eval(c, &v, &err) != LEXLOCI_OK) {
    fprintf(stderr, "cannot evaluate: %s\n", err.message);
    exit(1);
  }
  char summary[1024];
  lexloci_verdict_summary(v, summary, sizeof summary);
  printf("verdict: %s\n  %s\n", lexloci_outcome_name(lexloci_verdict_kind(v)),
         summary);
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
    printf("  ask next: %s\n",
           lexloci_fact_name(lexloci_verdict_missing(v, i)));
  return v;
}

int main(int argc, char **argv)
{
  if (argc != 2) {
    fprintf(stderr, "usage: %s RULES_DIR\n", argv[0]);
    return 2;
  }
  if (lexloci_version_number() != LEXLOCI_VERSION_NUMBER) {
    fprintf(stderr, "header and library versions differ\n");
    return 1;
  }
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  cfg.diag = on_diag;
  lexloci_ruleset *rs;
  if (lexloci_ruleset_load(&cfg, argv[1], &rs, NULL) != LEXLOCI_OK)
    return 1;
  printf("rule set %s %s\n", lexloci_ruleset_name(rs),
         lexloci_ruleset_version(rs));

  lexloci_case *c;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK)
    return 1;

  /* What the intake form knows so far: a US warrant for the contents of
     an account stored in Ireland. The date comes from the demand, never
     from the clock, so that the verdict can be replayed. */
  set(c, "request.date", "2026-11-28");
  set(c, "request.issuing_state", "US");
  set(c, "request.instrument", "warrant");
  set(c, "request.data_categories", "content");
  set(c, "data.locations", "IE");
  decide(c);

  /* The intake system asks the questions lexloci listed, one by one. */
  set(c, "provider.presence", "US, IE");
  set(c, "provider.offers_services_in", "US, IE, FR");
  set(c, "provider.headquarters", "US");
  set(c, "data.personal", "true");
  const lexloci_verdict *v = decide(c);

  /* Each regime's answer, and the authority for it. */
  for (size_t i = 0; i < lexloci_verdict_regime_count(v); i++) {
    lexloci_regime_result r;
    lexloci_verdict_regime(v, i, &r);
    printf("%s: %s\n", r.id, lexloci_outcome_name(r.outcome));
    for (size_t j = 0; j < r.nfindings; j++) {
      size_t f = lexloci_verdict_regime_finding(v, i, j);
      lexloci_finding fi;
      lexloci_verdict_finding(v, f, &fi);
      const lexloci_citation *cite = lexloci_verdict_finding_citation(v, f, 0);
      printf("  %s (%s)\n", fi.rule, cite->ref);
    }
  }
  for (size_t i = 0; i < lexloci_verdict_action_count(v); i++) {
    lexloci_action a;
    lexloci_verdict_action(v, i, &a);
    printf("action: %s by %s\n", a.id, a.by);
  }

  /* The same verdict as JSON, for the case file. */
  size_t n = lexloci_verdict_json(v, 0, NULL, 0);
  char *json = malloc(n + 1);
  if (json) {
    lexloci_verdict_json(v, 0, json, n + 1);
    printf("json: %zu bytes, starts %.40s\n", n, json);
    free(json);
  }

  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
  return 0;
}
