/*
** whatif.c: `lexloci what-if CASE --set PATH=VALUE ... --vary PATH=V1,V2`.
** With --set only: the case as given and as changed, and what changed
** (verdict, regime outcomes, findings and actions gained and lost). With
** --vary (once or twice): a table of the verdict and regime outcomes for
** each value or combination. Text (coloured on a terminal), JSON or CSV.
** Every PATH and VALUE is checked as a case file's would be, before
** anything is evaluated, and a mistake is shown under the argument.
*/
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { MAX_SETS = 64, MAX_VALUES = 64, MAX_VARY = 2 };

typedef enum out_format { F_TEXT, F_JSON, F_CSV } out_format;

/* One assignment as typed: --set PATH=VALUE, or one value of a --vary. */
typedef struct assign {
  const char *arg;      /* the whole argument, for messages */
  int argi;             /* its position on the command line */
  char path[128];
  char value[512];
  size_t value_off;     /* where value starts in arg, for the caret */
} assign;

typedef struct vary {
  const char *arg;
  int argi;
  char path[128];
  assign values[MAX_VALUES];
  size_t n;
} vary;

typedef struct whatif {
  const char *case_path;
  char *text;           /* the case file */
  size_t len;
  assign sets[MAX_SETS];
  size_t nsets;
  vary varies[MAX_VARY];
  size_t nvary;
  out_format fmt;
  bool color;
} whatif;

/* ------------------------------------------------------------------ */
/* Arguments                                                            */
/* ------------------------------------------------------------------ */

/* Shows a mistake in an argument: the message, then the argument with a
   caret under the spot. */
static void arg_error(const char *opt, const char *arg, size_t col,
                      const char *msg)
{
  fprintf(stderr, "lexloci what-if: %s %s: %s\n  %s %s\n  %*s^\n", opt,
          arg, msg, opt, arg, (int)(strlen(opt) + 1 + col), "");
}

static bool split_path(const char *opt, const char *arg, char *path,
                       size_t cap, const char **rest)
{
  const char *eq = strchr(arg, '=');
  if (!eq || eq == arg) {
    arg_error(opt, arg, eq ? 0 : strlen(arg),
              "expected PATH=VALUE, such as data.locations=US,IE");
    return false;
  }
  if ((size_t)(eq - arg) >= cap) {
    arg_error(opt, arg, 0, "the path is too long");
    return false;
  }
  memcpy(path, arg, (size_t)(eq - arg));
  path[eq - arg] = '\0';
  *rest = eq + 1;
  return true;
}

/* --vary values: commas separate values, except inside [...] or {...}
   ("[US, IE],DE" is two values: a list and a country). */
static bool split_values(vary *v, const char *rest)
{
  size_t off = (size_t)(rest - v->arg);
  const char *p = rest;
  while (*p || p == rest) {
    int depth = 0;
    const char *q = p;
    while (*q && (depth > 0 || *q != ',')) {
      depth += *q == '[' || *q == '{';
      depth -= *q == ']' || *q == '}';
      q++;
    }
    if (v->n == MAX_VALUES) {
      arg_error("--vary", v->arg, off + (size_t)(p - rest),
                "too many values (64 at most)");
      return false;
    }
    assign *a = &v->values[v->n++];
    a->arg = v->arg;
    a->argi = v->argi;
    memcpy(a->path, v->path, sizeof a->path);
    snprintf(a->value, sizeof a->value, "%.*s", (int)(q - p), p);
    a->value_off = off + (size_t)(p - rest);
    if (!*q)
      break;
    p = q + 1;
  }
  return true;
}

/* Applies a to c; on a mistake shows it under the argument. */
static bool apply(lexloci_case *c, const assign *a, const char *opt)
{
  lexloci_error err;
  if (lexloci_case_set_path(c, a->path, a->value, &err) == LEXLOCI_OK)
    return true;
  /* A path the vocabulary (or the rule set, for assume.) does not know is
     the path's fault; anything else, the value's. */
  bool path_bad = strncmp(err.message, "unknown fact", 12) == 0 ||
                  strstr(err.message, "defines no set or value") != NULL;
  arg_error(opt, a->arg, path_bad ? 0 : a->value_off, err.message);
  return false;
}

/* Reloads the case, applies the --set assignments and the given --vary
   values (NULL when none). */
static bool prepare(lexloci_case *c, const whatif *w, const assign *const *vs,
                    size_t nvs)
{
  lexloci_error err;
  if (lexloci_case_load(c, w->case_path, w->text, w->len, &err) !=
      LEXLOCI_OK)
    return false;
  for (size_t i = 0; i < w->nsets; i++)
    if (!apply(c, &w->sets[i], "--set"))
      return false;
  for (size_t i = 0; i < nvs; i++)
    if (!apply(c, vs[i], "--vary"))
      return false;
  cli_default_date(c);
  return true;
}

/* ------------------------------------------------------------------ */
/* What a verdict says, kept after the case moves on                    */
/* ------------------------------------------------------------------ */

enum { MAX_REGIMES = 64, MAX_ITEMS = 256 };

typedef struct outcome {
  lexloci_outcome verdict;
  char missing[256];
  lexloci_outcome regimes[MAX_REGIMES];
  const char *findings[MAX_ITEMS]; /* rule ids: the rule set's strings */
  lexloci_outcome effects[MAX_ITEMS];
  size_t nfindings;
  const char *actions[MAX_ITEMS];
  const char *action_by[MAX_ITEMS];
  size_t nactions;
} outcome;

static bool evaluate(lexloci_case *c, const whatif *w, outcome *o)
{
  const lexloci_verdict *v;
  lexloci_error err;
  if (lexloci_eval(c, &v, &err) != LEXLOCI_OK) {
    snprintf(err.file, sizeof err.file, "%s", w->case_path);
    cli_print_diag(&err);
    return false;
  }
  memset(o, 0, sizeof *o);
  o->verdict = lexloci_verdict_kind(v);
  size_t len = 0;
  for (size_t i = 0; i < lexloci_verdict_missing_count(v); i++)
    len += (size_t)snprintf(o->missing + len,
                            len < sizeof o->missing ? sizeof o->missing - len
                                                    : 0,
                            "%s%s", i ? ", " : "",
                            lexloci_fact_name(lexloci_verdict_missing(v, i)));
  for (size_t i = 0; i < lexloci_verdict_regime_count(v) && i < MAX_REGIMES;
       i++) {
    lexloci_regime_result r;
    lexloci_verdict_regime(v, i, &r);
    o->regimes[i] = r.outcome;
  }
  for (size_t i = 0; i < lexloci_verdict_finding_count(v) &&
                     o->nfindings < MAX_ITEMS; i++) {
    lexloci_finding f;
    lexloci_verdict_finding(v, i, &f);
    o->effects[o->nfindings] = f.effect;
    o->findings[o->nfindings++] = f.rule;
  }
  for (size_t i = 0; i < lexloci_verdict_action_count(v) &&
                     o->nactions < MAX_ITEMS; i++) {
    lexloci_action a;
    lexloci_verdict_action(v, i, &a);
    o->action_by[o->nactions] = a.by;
    o->actions[o->nactions++] = a.id;
  }
  return true;
}

static bool listed(const char *const *items, size_t n, const char *id)
{
  for (size_t i = 0; i < n; i++)
    if (strcmp(items[i], id) == 0)
      return true;
  return false;
}

/* ------------------------------------------------------------------ */
/* Output helpers                                                       */
/* ------------------------------------------------------------------ */

static const char *paint(const whatif *w, lexloci_outcome o)
{
  if (!w->color)
    return "";
  switch (o) {
  case LEXLOCI_CONFLICT:
  case LEXLOCI_MUST_NOT_DISCLOSE:
  case LEXLOCI_UNDETERMINED:
    return "\033[31m";
  case LEXLOCI_MUST_DISCLOSE:
  case LEXLOCI_MUST_PRESERVE:
    return "\033[33m";
  case LEXLOCI_MAY_DISCLOSE:
    return "\033[32m";
  default:
    return "\033[2m";
  }
}

static const char *unpaint(const whatif *w)
{
  return w->color ? "\033[0m" : "";
}

/* A CSV field, quoted when it holds a comma, quote or newline. */
static void csv_str(FILE *out, const char *s)
{
  if (!strpbrk(s, ",\"\n")) {
    fputs(s, out);
    return;
  }
  fputc('"', out);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', out);
    fputc(*s, out);
  }
  fputc('"', out);
}

/* ------------------------------------------------------------------ */
/* --set: before and after                                              */
/* ------------------------------------------------------------------ */

static void diff_text(const whatif *w, const lexloci_ruleset *rs,
                      lexloci_case *before_case, lexloci_case *after_case,
                      const outcome *a, const outcome *b)
{
  printf("What if\n");
  for (size_t i = 0; i < w->nsets; i++) {
    const assign *s = &w->sets[i];
    lexloci_fact f = lexloci_fact_lookup(s->path);
    char was[256] = "", now[256] = "";
    if (f >= 0) {
      lexloci_case_fact_text(before_case, f, was, sizeof was);
      lexloci_case_fact_text(after_case, f, now, sizeof now);
      printf("  %s: %s (the case says %s)\n", s->path, now, was);
    } else {
      printf("  %s: %s\n", s->path, s->value);
    }
  }
  printf("\nVerdict: %s%s%s", paint(w, a->verdict),
         lexloci_outcome_name(a->verdict), unpaint(w));
  if (a->verdict == b->verdict)
    printf(" (unchanged)\n");
  else
    printf(" -> %s%s%s\n", paint(w, b->verdict),
           lexloci_outcome_name(b->verdict), unpaint(w));
  if (b->verdict == LEXLOCI_UNDETERMINED && b->missing[0])
    printf("  missing: %s\n", b->missing);
  size_t width = 0;
  for (size_t i = 0; i < lexloci_ruleset_regime_count(rs); i++)
    if (strlen(lexloci_ruleset_regime_id(rs, i)) > width)
      width = strlen(lexloci_ruleset_regime_id(rs, i));
  printf("\nRegimes:\n");
  for (size_t i = 0; i < lexloci_ruleset_regime_count(rs) && i < MAX_REGIMES;
       i++) {
    printf("  %-*s  %s%s%s", (int)width, lexloci_ruleset_regime_id(rs, i),
           paint(w, a->regimes[i]), lexloci_outcome_name(a->regimes[i]),
           unpaint(w));
    if (a->regimes[i] == b->regimes[i])
      printf("\n");
    else
      printf(" -> %s%s%s\n", paint(w, b->regimes[i]),
             lexloci_outcome_name(b->regimes[i]), unpaint(w));
  }
  static const char *const heads[2] = {"Findings lost:", "Findings gained:"};
  for (int side = 0; side < 2; side++) {
    const outcome *x = side ? b : a, *y = side ? a : b;
    bool any = false;
    for (size_t i = 0; i < x->nfindings; i++) {
      if (listed(y->findings, y->nfindings, x->findings[i]))
        continue;
      if (!any)
        printf("\n%s\n", heads[side]);
      any = true;
      printf("  %c %s [%s]\n", side ? '+' : '-', x->findings[i],
             lexloci_outcome_name(x->effects[i]));
    }
  }
  static const char *const aheads[2] = {"Actions lost:", "Actions gained:"};
  for (int side = 0; side < 2; side++) {
    const outcome *x = side ? b : a, *y = side ? a : b;
    bool any = false;
    for (size_t i = 0; i < x->nactions; i++) {
      if (listed(y->actions, y->nactions, x->actions[i]))
        continue;
      if (!any)
        printf("\n%s\n", aheads[side]);
      any = true;
      printf("  %c %s (by %s)\n", side ? '+' : '-', x->actions[i],
             x->action_by[i]);
    }
  }
}

static void json_ids(FILE *out, const char *const *x, size_t nx,
                     const char *const *y, size_t ny)
{
  fputc('[', out);
  bool first = true;
  for (size_t i = 0; i < nx; i++) {
    if (listed(y, ny, x[i]))
      continue;
    if (!first)
      fputs(", ", out);
    first = false;
    cli_json_string(out, x[i]);
  }
  fputc(']', out);
}

static void diff_json(const whatif *w, const lexloci_ruleset *rs,
                      lexloci_case *before_case, const outcome *a,
                      const outcome *b)
{
  printf("{\n  \"lexloci\": %d,\n  \"case\": ", LEXLOCI_SCHEMA_VERSION);
  cli_json_string(stdout, w->case_path);
  printf(",\n  \"set\": [");
  for (size_t i = 0; i < w->nsets; i++) {
    const assign *s = &w->sets[i];
    lexloci_fact f = lexloci_fact_lookup(s->path);
    char was[256] = "";
    if (f >= 0)
      lexloci_case_fact_text(before_case, f, was, sizeof was);
    printf("%s\n    {\"path\": ", i ? "," : "");
    cli_json_string(stdout, s->path);
    printf(", \"value\": ");
    cli_json_string(stdout, s->value);
    if (f >= 0) {
      printf(", \"was\": ");
      cli_json_string(stdout, was);
    }
    putchar('}');
  }
  printf("\n  ],\n  \"verdict\": {\"before\": \"%s\", \"after\": \"%s\"},\n",
         lexloci_outcome_name(a->verdict), lexloci_outcome_name(b->verdict));
  printf("  \"regimes\": [");
  for (size_t i = 0; i < lexloci_ruleset_regime_count(rs) && i < MAX_REGIMES;
       i++) {
    printf("%s\n    {\"id\": ", i ? "," : "");
    cli_json_string(stdout, lexloci_ruleset_regime_id(rs, i));
    printf(", \"before\": \"%s\", \"after\": \"%s\"}",
           lexloci_outcome_name(a->regimes[i]),
           lexloci_outcome_name(b->regimes[i]));
  }
  printf("\n  ],\n  \"findings\": {\"gained\": ");
  json_ids(stdout, b->findings, b->nfindings, a->findings, a->nfindings);
  printf(", \"lost\": ");
  json_ids(stdout, a->findings, a->nfindings, b->findings, b->nfindings);
  printf("},\n  \"actions\": {\"gained\": ");
  json_ids(stdout, b->actions, b->nactions, a->actions, a->nactions);
  printf(", \"lost\": ");
  json_ids(stdout, a->actions, a->nactions, b->actions, b->nactions);
  printf("}\n}\n");
}

static void diff_csv(const lexloci_ruleset *rs, const outcome *a,
                     const outcome *b)
{
  printf("what,id,before,after\n");
  printf("verdict,,%s,%s\n", lexloci_outcome_name(a->verdict),
         lexloci_outcome_name(b->verdict));
  for (size_t i = 0; i < lexloci_ruleset_regime_count(rs) && i < MAX_REGIMES;
       i++)
    printf("regime,%s,%s,%s\n", lexloci_ruleset_regime_id(rs, i),
           lexloci_outcome_name(a->regimes[i]),
           lexloci_outcome_name(b->regimes[i]));
  for (int side = 0; side < 2; side++) {
    const outcome *x = side ? b : a, *y = side ? a : b;
    for (size_t i = 0; i < x->nfindings; i++)
      if (!listed(y->findings, y->nfindings, x->findings[i]))
        printf("finding,%s,%s,%s\n", x->findings[i], side ? "" : "stands",
               side ? "stands" : "");
    for (size_t i = 0; i < x->nactions; i++)
      if (!listed(y->actions, y->nactions, x->actions[i]))
        printf("action,%s,%s,%s\n", x->actions[i], side ? "" : "called",
               side ? "called" : "");
  }
}

/* ------------------------------------------------------------------ */
/* --vary: a table                                                      */
/* ------------------------------------------------------------------ */

typedef struct row {
  const assign *vals[MAX_VARY];
  outcome o;
} row;

static void table_text(const whatif *w, const lexloci_ruleset *rs,
                       const row *rows, size_t n)
{
  size_t nreg = lexloci_ruleset_regime_count(rs);
  if (nreg > MAX_REGIMES)
    nreg = MAX_REGIMES;
  if (w->nvary == 2) {
    /* A grid of verdicts: the first path down, the second across. */
    const vary *v0 = &w->varies[0], *v1 = &w->varies[1];
    size_t c0 = strlen(v0->path), wcol = strlen("no_applicable_regime");
    for (size_t i = 0; i < v0->n; i++)
      if (strlen(v0->values[i].value) > c0)
        c0 = strlen(v0->values[i].value);
    for (size_t j = 0; j < v1->n; j++)
      if (strlen(v1->values[j].value) > wcol)
        wcol = strlen(v1->values[j].value);
    printf("verdict by %s (down) and %s (across)\n\n", v0->path, v1->path);
    printf("%-*s", (int)c0, v0->path);
    for (size_t j = 0; j < v1->n; j++)
      printf("  %-*s", j + 1 == v1->n ? 0 : (int)wcol, v1->values[j].value);
    putchar('\n');
    for (size_t i = 0; i < v0->n; i++) {
      printf("%-*s", (int)c0, v0->values[i].value);
      for (size_t j = 0; j < v1->n; j++) {
        lexloci_outcome o = rows[i * v1->n + j].o.verdict;
        const char *name = lexloci_outcome_name(o);
        bool last = j + 1 == v1->n;
        printf("  %s%s%s%*s", paint(w, o), name, unpaint(w),
               last ? 0 : (int)(wcol - strlen(name)), "");
      }
      putchar('\n');
    }
    return;
  }
  /* One row per value; regimes that apply in no row are named below. */
  const vary *v = &w->varies[0];
  bool shown[MAX_REGIMES];
  size_t width[MAX_REGIMES];
  size_t c0 = strlen(v->path), cv = strlen("verdict");
  for (size_t i = 0; i < n; i++) {
    if (strlen(rows[i].vals[0]->value) > c0)
      c0 = strlen(rows[i].vals[0]->value);
    if (strlen(lexloci_outcome_name(rows[i].o.verdict)) > cv)
      cv = strlen(lexloci_outcome_name(rows[i].o.verdict));
  }
  for (size_t r = 0; r < nreg; r++) {
    shown[r] = false;
    width[r] = strlen(lexloci_ruleset_regime_id(rs, r));
    for (size_t i = 0; i < n; i++) {
      lexloci_outcome o = rows[i].o.regimes[r];
      shown[r] = shown[r] || o != LEXLOCI_NOT_APPLICABLE;
      if (strlen(lexloci_outcome_name(o)) > width[r])
        width[r] = strlen(lexloci_outcome_name(o));
    }
  }
  size_t last = 0;
  for (size_t r = 0; r < nreg; r++)
    if (shown[r])
      last = r;
  printf("%-*s  %-*s", (int)c0, v->path, (int)cv, "verdict");
  for (size_t r = 0; r < nreg; r++)
    if (shown[r])
      printf("  %-*s", r == last ? 0 : (int)width[r],
             lexloci_ruleset_regime_id(rs, r));
  putchar('\n');
  for (size_t i = 0; i < n; i++) {
    const outcome *o = &rows[i].o;
    const char *vn = lexloci_outcome_name(o->verdict);
    printf("%-*s  %s%s%s%*s", (int)c0, rows[i].vals[0]->value,
           paint(w, o->verdict), vn, unpaint(w), (int)(cv - strlen(vn)), "");
    for (size_t r = 0; r < nreg; r++) {
      if (!shown[r])
        continue;
      const char *name = lexloci_outcome_name(o->regimes[r]);
      printf("  %s%s%s%*s", paint(w, o->regimes[r]), name, unpaint(w),
             r == last ? 0 : (int)(width[r] - strlen(name)), "");
    }
    putchar('\n');
  }
  bool hidden = false;
  for (size_t r = 0; r < nreg; r++)
    if (!shown[r]) {
      printf("%s%s", hidden ? ", " : "\nnot applicable in any row: ",
             lexloci_ruleset_regime_id(rs, r));
      hidden = true;
    }
  if (hidden)
    putchar('\n');
}

static void table_csv(const whatif *w, const lexloci_ruleset *rs,
                      const row *rows, size_t n)
{
  size_t nreg = lexloci_ruleset_regime_count(rs);
  for (size_t k = 0; k < w->nvary; k++)
    printf("%s,", w->varies[k].path);
  printf("verdict");
  for (size_t r = 0; r < nreg && r < MAX_REGIMES; r++)
    printf(",%s", lexloci_ruleset_regime_id(rs, r));
  putchar('\n');
  for (size_t i = 0; i < n; i++) {
    for (size_t k = 0; k < w->nvary; k++) {
      csv_str(stdout, rows[i].vals[k]->value);
      putchar(',');
    }
    printf("%s", lexloci_outcome_name(rows[i].o.verdict));
    for (size_t r = 0; r < nreg && r < MAX_REGIMES; r++)
      printf(",%s", lexloci_outcome_name(rows[i].o.regimes[r]));
    putchar('\n');
  }
}

static void table_json(const whatif *w, const lexloci_ruleset *rs,
                       const row *rows, size_t n)
{
  size_t nreg = lexloci_ruleset_regime_count(rs);
  printf("{\n  \"lexloci\": %d,\n  \"case\": ", LEXLOCI_SCHEMA_VERSION);
  cli_json_string(stdout, w->case_path);
  printf(",\n  \"vary\": [");
  for (size_t k = 0; k < w->nvary; k++) {
    printf("%s", k ? ", " : "");
    cli_json_string(stdout, w->varies[k].path);
  }
  printf("],\n  \"rows\": [");
  for (size_t i = 0; i < n; i++) {
    printf("%s\n    {\"values\": {", i ? "," : "");
    for (size_t k = 0; k < w->nvary; k++) {
      printf("%s", k ? ", " : "");
      cli_json_string(stdout, w->varies[k].path);
      printf(": ");
      cli_json_string(stdout, rows[i].vals[k]->value);
    }
    printf("}, \"verdict\": \"%s\", \"regimes\": {",
           lexloci_outcome_name(rows[i].o.verdict));
    for (size_t r = 0; r < nreg && r < MAX_REGIMES; r++) {
      printf("%s", r ? ", " : "");
      cli_json_string(stdout, lexloci_ruleset_regime_id(rs, r));
      printf(": \"%s\"", lexloci_outcome_name(rows[i].o.regimes[r]));
    }
    printf("}}");
  }
  printf("\n  ]\n}\n");
}

/* ------------------------------------------------------------------ */

static int usage(void)
{
  fputs("usage: lexloci what-if CASE --set PATH=VALUE ... "
        "[--format text|json|csv]\n"
        "       lexloci what-if CASE [--set PATH=VALUE ...] "
        "--vary PATH=V1,V2,... [--vary PATH=...]\n", stderr);
  return EXIT_USAGE;
}

static int run(whatif *w, lexloci_ruleset *rs)
{
  lexloci_case *c = NULL, *before = NULL;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK ||
      lexloci_case_new(rs, &before) != LEXLOCI_OK) {
    fputs("lexloci: out of memory\n", stderr);
    lexloci_case_free(c);
    return EXIT_INVALID;
  }
  int status = EXIT_INVALID;
  /* Check every assignment before evaluating anything. */
  bool ok = prepare(before, w, NULL, 0);
  for (size_t k = 0; ok && k < w->nvary; k++)
    for (size_t i = 0; ok && i < w->varies[k].n; i++) {
      const assign *a = &w->varies[k].values[i];
      ok = prepare(c, w, &a, 1);
    }
  if (!ok)
    goto done;
  if (w->nvary == 0) {
    static outcome a, b;
    lexloci_error err;
    if (lexloci_case_load(before, w->case_path, w->text, w->len, &err) !=
        LEXLOCI_OK)
      goto done;
    cli_default_date(before);
    if (!evaluate(before, w, &a) || !prepare(c, w, NULL, 0) ||
        !evaluate(c, w, &b))
      goto done;
    if (w->fmt == F_JSON)
      diff_json(w, rs, before, &a, &b);
    else if (w->fmt == F_CSV)
      diff_csv(rs, &a, &b);
    else
      diff_text(w, rs, before, c, &a, &b);
    status = EXIT_DONE;
    goto done;
  }
  size_t n0 = w->varies[0].n, n1 = w->nvary == 2 ? w->varies[1].n : 1;
  row *rows = calloc(n0 * n1, sizeof *rows);
  if (!rows) {
    fputs("lexloci: out of memory\n", stderr);
    goto done;
  }
  bool good = true;
  for (size_t i = 0; good && i < n0; i++)
    for (size_t j = 0; good && j < n1; j++) {
      row *r = &rows[i * n1 + j];
      r->vals[0] = &w->varies[0].values[i];
      if (w->nvary == 2)
        r->vals[1] = &w->varies[1].values[j];
      good = prepare(c, w, r->vals, w->nvary) && evaluate(c, w, &r->o);
    }
  if (good) {
    if (w->fmt == F_JSON)
      table_json(w, rs, rows, n0 * n1);
    else if (w->fmt == F_CSV)
      table_csv(w, rs, rows, n0 * n1);
    else
      table_text(w, rs, rows, n0 * n1);
    status = EXIT_DONE;
  }
  free(rows);
done:
  lexloci_case_free(c);
  lexloci_case_free(before);
  return status;
}

int cmd_whatif(int argc, char **argv, cli_common *common)
{
  static whatif w;
  memset(&w, 0, sizeof w);
  w.color = common->color;
  const char *format = NULL;
  for (int i = 0; i < argc; i++) {
    const char *rest;
    if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
      if (w.nsets == MAX_SETS) {
        fputs("lexloci what-if: too many --set (64 at most)\n", stderr);
        return EXIT_USAGE;
      }
      assign *a = &w.sets[w.nsets++];
      a->arg = argv[++i];
      a->argi = i;
      if (!split_path("--set", a->arg, a->path, sizeof a->path, &rest))
        return EXIT_INVALID;
      snprintf(a->value, sizeof a->value, "%s", rest);
      a->value_off = (size_t)(rest - a->arg);
    } else if (strcmp(argv[i], "--vary") == 0 && i + 1 < argc) {
      if (w.nvary == MAX_VARY) {
        fputs("lexloci what-if: --vary is given once or twice\n", stderr);
        return EXIT_USAGE;
      }
      vary *v = &w.varies[w.nvary++];
      v->arg = argv[++i];
      v->argi = i;
      if (!split_path("--vary", v->arg, v->path, sizeof v->path, &rest) ||
          !split_values(v, rest))
        return EXIT_INVALID;
    } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
      format = argv[++i];
    } else if (strncmp(argv[i], "--format=", 9) == 0) {
      format = argv[i] + 9;
    } else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc) {
      common->rules = argv[++i];
    } else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "lexloci what-if: unknown option '%s'\n", argv[i]);
      return usage();
    } else if (!w.case_path) {
      w.case_path = argv[i];
    } else {
      fprintf(stderr, "lexloci what-if: one case at a time\n");
      return usage();
    }
  }
  if (!w.case_path || (w.nsets == 0 && w.nvary == 0))
    return usage();
  if (!format)
    w.fmt = F_TEXT;
  else if (strcmp(format, "text") == 0)
    w.fmt = F_TEXT;
  else if (strcmp(format, "json") == 0)
    w.fmt = F_JSON;
  else if (strcmp(format, "csv") == 0)
    w.fmt = F_CSV;
  else {
    fprintf(stderr, "lexloci what-if: --format must be text, json or csv, "
                    "not '%s'\n", format);
    return EXIT_USAGE;
  }
  if (w.fmt != F_TEXT)
    w.color = false;
  lexloci_error err;
  w.text = cli_read_file(w.case_path, LEXLOCI_MAX_CASE_BYTES, &w.len, &err);
  if (!w.text) {
    cli_print_diag(&err);
    return EXIT_INVALID;
  }
  lexloci_ruleset *rs = cli_load_rules(common->rules);
  int status = EXIT_INVALID;
  if (rs)
    status = run(&w, rs);
  lexloci_ruleset_free(rs);
  free(w.text);
  return status;
}
