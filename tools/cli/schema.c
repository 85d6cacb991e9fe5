/*
** schema.c: the case vocabulary as documents, generated from the engine's
** own table (lexloci_fact_describe) so that they cannot drift from it:
** `lexloci doc --schema case` and `--schema rules` print JSON Schemas
** (draft-07, as the YAML language server reads them) for case files and
** for rule-set files; `lexloci doc --case-reference` prints the case
** reference in Markdown. docs/schema/ and docs/case-reference.md are their
** output, compared by a test (tests/doc/).
*/
#include <string.h>

#include "cli.h"

/* ------------------------------------------------------------------ */
/* A small JSON writer                                                  */
/* ------------------------------------------------------------------ */

typedef struct jw {
  int depth;
  bool first;          /* no member written yet at this depth */
} jw;

static void sep(jw *w)
{
  if (!w->first)
    putchar(',');
  printf("\n%*s", 2 * w->depth, "");
  w->first = false;
}

static void key(jw *w, const char *k)
{
  sep(w);
  cli_json_string(stdout, k);
  printf(": ");
}

static void open_obj(jw *w, const char *k)
{
  if (k)
    key(w, k);
  else if (w->depth > 0)
    sep(w);
  putchar('{');
  w->depth++;
  w->first = true;
}

static void close_obj(jw *w)
{
  w->depth--;
  if (!w->first)
    printf("\n%*s", 2 * w->depth, "");
  putchar('}');
  w->first = false;
}

static void kv(jw *w, const char *k, const char *v)
{
  key(w, k);
  cli_json_string(stdout, v);
}

/* "key": {"$ref": "#/definitions/NAME"} */
static void kref(jw *w, const char *k, const char *def)
{
  key(w, k);
  printf("{\"$ref\": \"#/definitions/%s\"}", def);
}

/* A raw JSON value written as is. */
static void kraw(jw *w, const char *k, const char *raw)
{
  key(w, k);
  fputs(raw, stdout);
}

static void enum_values(jw *w, const char *k, const char *const *v,
                        size_t n)
{
  key(w, k);
  putchar('[');
  for (size_t i = 0; i < n; i++) {
    if (i)
      printf(", ");
    cli_json_string(stdout, v[i]);
  }
  putchar(']');
}

/* ------------------------------------------------------------------ */
/* The vocabulary                                                       */
/* ------------------------------------------------------------------ */

static const char date_pattern[] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

static void country_def(jw *w)
{
  open_obj(w, "country");
  kv(w, "description", "An ISO 3166-1 alpha-2 code, upper case (GB for the "
                       "United Kingdom; EU is not a country).");
  key(w, "enum");
  putchar('[');
  char cc[3];
  for (size_t i = 0; lexloci_country_code(i, cc); i++) {
    printf("%s", i ? ", " : "");
    if (i && i % 12 == 0)
      printf("\n%*s", 2 * w->depth, "");
    cli_json_string(stdout, cc);
  }
  putchar(']');
  close_obj(w);
}

/* The schema of one element of fact f. */
static void element(jw *w, lexloci_fact f, const lexloci_fact_info *fi)
{
  switch (fi->type) {
  case LEXLOCI_TYPE_BOOL:
    kv(w, "type", "boolean");
    break;
  case LEXLOCI_TYPE_NUMBER:
    kv(w, "type", "number");
    break;
  case LEXLOCI_TYPE_DATE:
    kv(w, "type", "string");
    kv(w, "pattern", date_pattern);
    break;
  case LEXLOCI_TYPE_TEXT:
    kv(w, "type", "string");
    break;
  case LEXLOCI_TYPE_COUNTRY:
    kv(w, "$ref", "#/definitions/country");
    break;
  case LEXLOCI_TYPE_ENUM: {
    const char *v[64];
    size_t n = 0;
    while (n < 64 && (v[n] = lexloci_fact_value(f, n)))
      n++;
    enum_values(w, "enum", v, n);
    break;
  }
  }
}

static void fact_schema(jw *w, const char *name, lexloci_fact f)
{
  lexloci_fact_info fi;
  lexloci_fact_describe(f, &fi);
  open_obj(w, name);
  char desc[512];
  snprintf(desc, sizeof desc, "%s%s%s%s%s.", fi.help,
           fi.required ? " (required)" : "",
           fi.def ? " Default: " : "", fi.def ? fi.def : "",
           fi.def ? "" : "");
  kv(w, "description", desc);
  if (fi.list) {
    kv(w, "type", "array");
    open_obj(w, "items");
    element(w, f, &fi);
    close_obj(w);
    kraw(w, "uniqueItems", "true");
    if (fi.required)
      kraw(w, "minItems", "1");
  } else if (fi.nullable) {
    key(w, "anyOf");
    printf("[{\"$ref\": \"#/definitions/country\"}, {\"type\": \"null\"}]");
  } else {
    element(w, f, &fi);
  }
  close_obj(w);
}

/* The object holding every fact whose path starts with prefix ("request."):
   facts are its properties, deeper paths nested objects. */
static void fact_object(jw *w, const char *name, const char *prefix)
{
  size_t plen = strlen(prefix);
  open_obj(w, name);
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  /* Required members: facts a case must give, and the maps holding them. */
  const char *req[16];
  size_t nreq = 0;
  for (size_t f = 0; f < lexloci_fact_count(); f++) {
    lexloci_fact_info fi;
    lexloci_fact_describe((lexloci_fact)f, &fi);
    if (fi.required && strncmp(fi.path, prefix, plen) == 0 &&
        !strchr(fi.path + plen, '.') && nreq < 16)
      req[nreq++] = fi.path + plen;
  }
  if (nreq)
    enum_values(w, "required", req, nreq);
  open_obj(w, "properties");
  char done[32][64];
  size_t ndone = 0;
  for (size_t f = 0; f < lexloci_fact_count(); f++) {
    const char *path = lexloci_fact_name((lexloci_fact)f);
    if (strncmp(path, prefix, plen) != 0 ||
        lexloci_fact_derived((lexloci_fact)f))
      continue; /* a derived fact is no case input */
    const char *rest = path + plen, *dot = strchr(rest, '.');
    if (!dot) {
      fact_schema(w, rest, (lexloci_fact)f);
      continue;
    }
    char sub[64], subprefix[192];
    snprintf(sub, sizeof sub, "%.*s", (int)(dot - rest), rest);
    bool seen = false;
    for (size_t k = 0; k < ndone; k++)
      seen = seen || strcmp(done[k], sub) == 0;
    if (seen || ndone == 32)
      continue;
    snprintf(done[ndone++], sizeof done[0], "%s", sub);
    snprintf(subprefix, sizeof subprefix, "%s%s.", prefix, sub);
    fact_object(w, sub, subprefix);
  }
  close_obj(w);
  close_obj(w);
}

static void case_def(jw *w, const char *name)
{
  open_obj(w, name);
  kv(w, "description", "A government demand for data, described by facts "
                       "(case.md, contract v1). A fact left out is "
                       "unknown, which is not false.");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"lexloci\", \"request\", \"data\"]");
  open_obj(w, "properties");
  open_obj(w, "lexloci");
  kv(w, "description", "The case schema version (required).");
  kraw(w, "const", "1");
  close_obj(w);
  fact_object(w, "request", "request.");
  fact_object(w, "provider", "provider.");
  fact_object(w, "data", "data.");
  open_obj(w, "assume");
  kv(w, "description", "What-if overrides of the rule set's reference data, "
                       "by name (lexloci sets lists them): a list of "
                       "members on every date, a map of member: date "
                       "(member from that date) or always, or a value.");
  kv(w, "type", "object");
  open_obj(w, "additionalProperties");
  key(w, "anyOf");
  printf("[\n%*s{\"type\": \"array\", \"items\": {\"type\": \"string\"}},\n"
         "%*s{\"type\": \"object\", \"additionalProperties\": {\"type\": "
         "\"string\", \"pattern\": \"^([0-9]{4}-[0-9]{2}-[0-9]{2}|always)$"
         "\"}},\n%*s{\"type\": [\"string\", \"number\", \"boolean\"]}]",
         2 * w->depth + 2, "", 2 * w->depth + 2, "", 2 * w->depth + 2, "");
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
}

static void schema_head(jw *w, const char *title, const char *desc)
{
  open_obj(w, NULL);
  kv(w, "$schema", "http://json-schema.org/draft-07/schema#");
  kv(w, "title", title);
  kv(w, "description", desc);
}

static int case_schema(void)
{
  jw w = {0, true};
  schema_head(&w, "lexloci case (contract v1)",
              "Generated by `lexloci doc --schema case` from the engine's "
              "vocabulary; do not edit.");
  kraw(&w, "allOf", "[{\"$ref\": \"#/definitions/case\"}]");
  open_obj(&w, "definitions");
  case_def(&w, "case");
  country_def(&w);
  close_obj(&w);
  close_obj(&w);
  putchar('\n');
  return EXIT_DONE;
}

/* ------------------------------------------------------------------ */
/* Rule files, the manifest and test files                              */
/* ------------------------------------------------------------------ */

static const char id_pattern[] = "^[a-z0-9_-]+$";

/* A condition line starts with a fact of the vocabulary, `regime`, or is a
   group; the pattern lets an editor flag an unknown fact as it is typed. */
static void condition_pattern(char *buf, size_t cap)
{
  size_t n = (size_t)snprintf(buf, cap, "^(regime |(");
  for (size_t f = 0; f < lexloci_fact_count() && n < cap; f++) {
    const char *p = lexloci_fact_name((lexloci_fact)f);
    n += (size_t)snprintf(buf + n, cap - n, "%s", f ? "|" : "");
    for (; *p && n + 2 < cap; p++) {
      if (*p == '.')
        buf[n++] = '\\';
      buf[n++] = *p;
    }
    buf[n] = '\0';
  }
  snprintf(buf + n, cap - n, ")( |$))");
}

static void cite_def(jw *w)
{
  open_obj(w, "cite");
  kv(w, "description", "A citation id, or a list of them (each defined "
                       "under citations: in some file).");
  key(w, "anyOf");
  printf("[{\"type\": \"string\"}, {\"type\": \"array\", \"items\": "
         "{\"type\": \"string\"}, \"minItems\": 1}]");
  close_obj(w);
}

typedef enum outcomes { O_EFFECT, O_VERDICT, O_REGIME } outcomes;

/* The names of rule effects, of verdicts, or of a regime's outcomes. */
static void effects(jw *w, const char *k, outcomes which)
{
  const char *v[LEXLOCI_OUTCOME_COUNT];
  size_t n = 0;
  for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++) {
    bool in = which == O_VERDICT ? o != LEXLOCI_NOT_APPLICABLE &&
                                       o != LEXLOCI_INFO
              : which == O_EFFECT ? o >= LEXLOCI_MUST_DISCLOSE &&
                                        o != LEXLOCI_NO_APPLICABLE_REGIME
                                  : o != LEXLOCI_CONFLICT &&
                                        o != LEXLOCI_NO_APPLICABLE_REGIME &&
                                        o != LEXLOCI_INFO;
    if (in)
      v[n++] = lexloci_outcome_name((lexloci_outcome)o);
  }
  enum_values(w, k, v, n);
}

static void rule_defs(jw *w)
{
  char pattern[4096];
  condition_pattern(pattern, sizeof pattern);
  open_obj(w, "condition");
  kv(w, "description", "One line FACT OPERATOR OPERAND (rule-language.md, "
                       "section 6), or a group all:, any: or not:.");
  key(w, "anyOf");
  putchar('[');
  w->depth++;
  w->first = true;
  open_obj(w, NULL);
  kv(w, "type", "string");
  kv(w, "pattern", pattern);
  close_obj(w);
  open_obj(w, NULL);
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "minProperties", "1");
  kraw(w, "maxProperties", "1");
  open_obj(w, "properties");
  kraw(w, "all", "{\"type\": \"array\", \"items\": {\"$ref\": "
                 "\"#/definitions/condition\"}, \"minItems\": 1}");
  kraw(w, "any", "{\"type\": \"array\", \"items\": {\"$ref\": "
                 "\"#/definitions/condition\"}, \"minItems\": 1}");
  kraw(w, "not", "{\"$ref\": \"#/definitions/when\"}");
  close_obj(w);
  close_obj(w);
  w->depth--;
  printf("\n%*s]", 2 * w->depth, "");
  close_obj(w);
  open_obj(w, "when");
  key(w, "anyOf");
  printf("[{\"type\": \"array\", \"items\": {\"$ref\": "
         "\"#/definitions/condition\"}}, {\"$ref\": "
         "\"#/definitions/condition\"}]");
  close_obj(w);
  cite_def(w);
  open_obj(w, "date");
  kv(w, "type", "string");
  kv(w, "pattern", date_pattern);
  close_obj(w);
  open_obj(w, "ids");
  kv(w, "description", "A rule id of this regime, or a list of them.");
  key(w, "anyOf");
  printf("[{\"type\": \"string\"}, {\"type\": \"array\", \"items\": "
         "{\"type\": \"string\"}}]");
  close_obj(w);
  /* An action. */
  open_obj(w, "action");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"id\", \"by\", \"text\", \"cite\"]");
  open_obj(w, "properties");
  open_obj(w, "id");
  kv(w, "type", "string");
  kv(w, "pattern", id_pattern);
  close_obj(w);
  kraw(w, "by", "{\"enum\": [\"provider\", \"issuing_authority\", "
                "\"customer\"]}");
  kraw(w, "text", "{\"type\": \"string\"}");
  open_obj(w, "deadline");
  kv(w, "description", "An ISO 8601 duration: P14D, PT8H, P3M.");
  kv(w, "type", "string");
  kv(w, "pattern", "^P");
  close_obj(w);
  kraw(w, "from", "{\"enum\": [\"receipt\", \"service\", "
                  "\"notification\"]}");
  kref(w, "cite", "cite");
  close_obj(w);
  close_obj(w);
  /* A rule. */
  open_obj(w, "rule");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"id\", \"effect\", \"when\", \"text\", \"cite\"]");
  open_obj(w, "properties");
  open_obj(w, "id");
  kv(w, "description", "Unique within the regime; the full id is "
                       "REGIME.ID.");
  kv(w, "type", "string");
  kv(w, "pattern", id_pattern);
  close_obj(w);
  kraw(w, "title", "{\"type\": \"string\"}");
  open_obj(w, "effect");
  effects(w, "enum", O_EFFECT);
  close_obj(w);
  kref(w, "when", "when");
  open_obj(w, "text");
  kv(w, "description", "Plain English; {fact.path} quotes a fact's value.");
  kv(w, "type", "string");
  close_obj(w);
  kref(w, "cite", "cite");
  kraw(w, "unsettled", "{\"type\": \"string\"}");
  open_obj(w, "in_force");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "properties", "{\"from\": {\"$ref\": \"#/definitions/date\"}, "
                        "\"until\": {\"$ref\": \"#/definitions/date\"}}");
  close_obj(w);
  kref(w, "exception_to", "ids");
  kref(w, "overrides", "ids");
  kraw(w, "actions", "{\"type\": \"array\", \"items\": {\"$ref\": "
                     "\"#/definitions/action\"}}");
  close_obj(w);
  close_obj(w);
}

static void set_defs(jw *w)
{
  /* Domains a set's `of:` may name: country and every enumerated type. */
  const char *doms[64];
  size_t nd = 0;
  doms[nd++] = "country";
  for (size_t f = 0; f < lexloci_fact_count(); f++) {
    lexloci_fact_info fi;
    lexloci_fact_describe((lexloci_fact)f, &fi);
    bool seen = fi.type != LEXLOCI_TYPE_ENUM;
    for (size_t k = 0; !seen && k < nd; k++)
      seen = strcmp(doms[k], fi.domain) == 0;
    if (!seen && nd < 64)
      doms[nd++] = fi.domain;
  }
  open_obj(w, "member_dates");
  kv(w, "description", "always, a date (member from that day), or "
                       "{from, until, cite, note}.");
  key(w, "anyOf");
  printf("[{\"type\": \"null\"}, {\"const\": \"always\"}, {\"$ref\": "
         "\"#/definitions/date\"}, {\"type\": \"object\", "
         "\"additionalProperties\": false, \"properties\": {\"from\": "
         "{\"$ref\": \"#/definitions/date\"}, \"until\": {\"$ref\": "
         "\"#/definitions/date\"}, \"cite\": {\"$ref\": "
         "\"#/definitions/cite\"}, \"note\": {\"type\": \"string\"}}}]");
  close_obj(w);
  open_obj(w, "set");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"cite\", \"members\"]");
  open_obj(w, "properties");
  kraw(w, "title", "{\"type\": \"string\"}");
  open_obj(w, "of");
  kv(w, "description", "What the members are: country (the default) or an "
                       "enumerated type.");
  enum_values(w, "enum", doms, nd);
  close_obj(w);
  kref(w, "cite", "cite");
  kraw(w, "note", "{\"type\": \"string\"}");
  open_obj(w, "members");
  key(w, "anyOf");
  printf("[{\"type\": \"array\", \"items\": {\"type\": \"string\"}}, "
         "{\"type\": \"object\", \"additionalProperties\": {\"$ref\": "
         "\"#/definitions/member_dates\"}}]");
  close_obj(w);
  close_obj(w);
  close_obj(w);
  open_obj(w, "value");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"value\", \"type\", \"cite\"]");
  open_obj(w, "properties");
  kraw(w, "value", "{\"type\": [\"string\", \"number\", \"boolean\"]}");
  kraw(w, "type", "{\"enum\": [\"date\", \"number\", \"bool\", \"country\", "
                  "\"text\"]}");
  kraw(w, "title", "{\"type\": \"string\"}");
  kref(w, "cite", "cite");
  kraw(w, "note", "{\"type\": \"string\"}");
  close_obj(w);
  close_obj(w);
}

static void file_defs(jw *w)
{
  /* The manifest, lexloci.yaml. */
  open_obj(w, "manifest");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"lexloci\", \"name\", \"version\"]");
  open_obj(w, "properties");
  kraw(w, "lexloci", "{\"const\": 1}");
  kraw(w, "name", "{\"type\": \"string\"}");
  open_obj(w, "version");
  kv(w, "description", "Quote it: 2026.11 is a number to YAML.");
  kv(w, "type", "string");
  close_obj(w);
  kraw(w, "title", "{\"type\": \"string\"}");
  kraw(w, "regimes", "{\"type\": \"array\", \"items\": {\"type\": "
                     "\"string\"}}");
  kraw(w, "tests", "{\"type\": \"string\"}");
  close_obj(w);
  close_obj(w);
  /* A rule file. */
  open_obj(w, "rule_file");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "minProperties", "1");
  open_obj(w, "properties");
  open_obj(w, "regime");
  key(w, "anyOf");
  printf("[{\"type\": \"string\", \"pattern\": \"^[a-z0-9_]+(\\\\.[a-z0-9_]+"
         ")*$\"}, {\"type\": \"object\", \"additionalProperties\": false, "
         "\"required\": [\"id\"], \"properties\": {\"id\": {\"type\": "
         "\"string\"}, \"title\": {\"type\": \"string\"}}}]");
  close_obj(w);
  kraw(w, "title", "{\"type\": \"string\"}");
  open_obj(w, "citations");
  kv(w, "type", "object");
  kraw(w, "propertyNames", "{\"pattern\": \"^[a-z0-9_.-]+$\"}");
  open_obj(w, "additionalProperties");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"ref\", \"title\", \"url\"]");
  open_obj(w, "properties");
  kraw(w, "ref", "{\"type\": \"string\"}");
  kraw(w, "title", "{\"type\": \"string\"}");
  kraw(w, "url", "{\"type\": \"string\", \"pattern\": \"^https://\"}");
  kraw(w, "note", "{\"type\": \"string\"}");
  close_obj(w);
  close_obj(w);
  close_obj(w);
  kraw(w, "sets", "{\"type\": \"object\", \"propertyNames\": {\"pattern\": "
                  "\"^[a-z_][a-z0-9_]*$\"}, \"additionalProperties\": "
                  "{\"$ref\": \"#/definitions/set\"}}");
  kraw(w, "values", "{\"type\": \"object\", \"propertyNames\": "
                    "{\"pattern\": \"^[a-z_][a-z0-9_]*$\"}, "
                    "\"additionalProperties\": {\"$ref\": "
                    "\"#/definitions/value\"}}");
  kraw(w, "rules", "{\"type\": \"array\", \"items\": {\"$ref\": "
                   "\"#/definitions/rule\"}}");
  kraw(w, "conflicts", "{\"type\": \"array\", \"items\": {\"type\": "
                       "\"object\", \"additionalProperties\": false, "
                       "\"required\": [\"between\", \"text\", \"cite\"], "
                       "\"properties\": {\"between\": {\"type\": "
                       "\"array\", \"items\": {\"type\": \"string\"}, "
                       "\"minItems\": 2, \"maxItems\": 2}, \"text\": "
                       "{\"type\": \"string\"}, \"cite\": {\"$ref\": "
                       "\"#/definitions/cite\"}}}}");
  close_obj(w);
  close_obj(w);
  /* A test file. */
  open_obj(w, "test_file");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"tests\"]");
  open_obj(w, "properties");
  kraw(w, "cases", "{\"type\": \"object\", \"additionalProperties\": "
                   "{\"$ref\": \"#/definitions/case\"}}");
  open_obj(w, "tests");
  kv(w, "type", "array");
  open_obj(w, "items");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"name\", \"case\", \"expect\"]");
  open_obj(w, "properties");
  kraw(w, "name", "{\"type\": \"string\"}");
  kraw(w, "why", "{\"type\": \"string\"}");
  kraw(w, "case", "{\"anyOf\": [{\"type\": \"string\"}, {\"$ref\": "
                  "\"#/definitions/case\"}]}");
  kraw(w, "set", "{\"type\": \"object\"}");
  open_obj(w, "expect");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  kraw(w, "required", "[\"verdict\"]");
  open_obj(w, "properties");
  open_obj(w, "verdict");
  effects(w, "enum", O_VERDICT);
  close_obj(w);
  open_obj(w, "regimes");
  kv(w, "type", "object");
  open_obj(w, "additionalProperties");
  effects(w, "enum", O_REGIME);
  close_obj(w);
  close_obj(w);
  static const char *const lists[] = {"findings", "not_findings", "actions",
                                      "not_actions", "citations"};
  for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
    kraw(w, lists[i], "{\"type\": \"array\", \"items\": {\"type\": "
                      "\"string\"}}");
  kraw(w, "unsettled", "{\"type\": \"boolean\"}");
  const char *facts[128];
  size_t nf = 0;
  for (size_t f = 0; f < lexloci_fact_count() && nf < 128; f++)
    if (!lexloci_fact_derived((lexloci_fact)f)) /* never missing */
      facts[nf++] = lexloci_fact_name((lexloci_fact)f);
  static const char *const fact_lists[] = {"missing", "refine"};
  for (size_t i = 0; i < 2; i++) {
    open_obj(w, fact_lists[i]);
    kv(w, "type", "array");
    open_obj(w, "items");
    enum_values(w, "enum", facts, nf);
    close_obj(w);
    close_obj(w);
  }
  open_obj(w, "by_category");
  kv(w, "type", "object");
  kraw(w, "additionalProperties", "false");
  open_obj(w, "properties");
  for (int c = 0; c < LEXLOCI_CATEGORY_COUNT; c++) {
    open_obj(w, lexloci_category_name((lexloci_category)c));
    effects(w, "enum", O_VERDICT);
    close_obj(w);
  }
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
  close_obj(w);
}

static int rules_schema(void)
{
  jw w = {0, true};
  schema_head(&w, "lexloci rule-set file (language 1)",
              "A rule file, the manifest lexloci.yaml, or a test file "
              "(rule-language.md). Generated by `lexloci doc --schema "
              "rules` from the engine's vocabulary; do not edit.");
  kraw(&w, "anyOf", "[{\"$ref\": \"#/definitions/rule_file\"}, {\"$ref\": "
                    "\"#/definitions/manifest\"}, {\"$ref\": "
                    "\"#/definitions/test_file\"}]");
  open_obj(&w, "definitions");
  file_defs(&w);
  rule_defs(&w);
  set_defs(&w);
  case_def(&w, "case");
  country_def(&w);
  close_obj(&w);
  close_obj(&w);
  putchar('\n');
  return EXIT_DONE;
}

int doc_schema(const char *which)
{
  if (strcmp(which, "case") == 0)
    return case_schema();
  if (strcmp(which, "rules") == 0)
    return rules_schema();
  fprintf(stderr, "lexloci doc: --schema takes case or rules, not '%s'\n",
          which);
  return EXIT_USAGE;
}

/* ------------------------------------------------------------------ */
/* The case reference                                                   */
/* ------------------------------------------------------------------ */

static const char *type_text(const lexloci_fact_info *fi, char *buf,
                             size_t cap)
{
  static const char *const names[] = {
    [LEXLOCI_TYPE_BOOL] = "true or false", [LEXLOCI_TYPE_NUMBER] = "number",
    [LEXLOCI_TYPE_DATE] = "date", [LEXLOCI_TYPE_TEXT] = "text",
    [LEXLOCI_TYPE_COUNTRY] = "country", [LEXLOCI_TYPE_ENUM] = "one of"};
  if (fi->type == LEXLOCI_TYPE_ENUM)
    snprintf(buf, cap, "%s%s", fi->list ? "list of " : "", fi->domain);
  else
    snprintf(buf, cap, "%s%s%s", fi->list ? "list of " : "",
             names[fi->type], fi->list && fi->type == LEXLOCI_TYPE_COUNTRY
                                  ? " codes"
                                  : "");
  if (fi->nullable) {
    size_t n = strlen(buf);
    snprintf(buf + n, cap - n, " or null");
  }
  return buf;
}

int doc_case_reference(void)
{
  printf("<!-- Generated by `lexloci doc --case-reference` from the "
         "engine's vocabulary; do not edit. -->\n\n"
         "# Case reference\n\n"
         "Every fact a case may give and a rule may read (contract v%d: "
         "the narrative\nversion, with examples, is "
         "[spec/case.md](spec/case.md)). A case is a YAML or JSON\nfile "
         "with `lexloci: 1` and the maps `request`, `provider` and "
         "`data`; a fact's\ndotted path names where it goes "
         "(`request.target.residence` is `residence:`\nunder `target:` "
         "under `request:`). A fact left out is *unknown*, which is not\n"
         "false; a fact with a default takes it when left out. Countries "
         "are ISO 3166-1\nalpha-2 codes (`GB`, not `UK`). The JSON Schema "
         "[schema/case.schema.json](schema/case.schema.json)\nsays the "
         "same to an editor.\n\n", LEXLOCI_SCHEMA_VERSION);
  printf("| fact | type | default | what it is |\n"
         "| --- | --- | --- | --- |\n");
  for (size_t f = 0; f < lexloci_fact_count(); f++) {
    lexloci_fact_info fi;
    lexloci_fact_describe((lexloci_fact)f, &fi);
    char ty[96];
    if (!lexloci_fact_derived((lexloci_fact)f))
      printf("| `%s`%s | %s | %s | %s |\n", fi.path,
             fi.required ? " (required)" : "",
             type_text(&fi, ty, sizeof ty), fi.def ? fi.def : "", fi.help);
  }
  printf("\n## Set by lexloci\n\n"
         "Rules may read these facts; a case, a test's `set:` or a "
         "what-if cannot give\nthem (the loader says where it finds one). "
         "lexloci decides each requested data\ncategory on its own, with "
         "`request.data_categories` holding only that category;\n"
         "these facts describe the demand as a whole.\n\n"
         "| fact | type | what it is |\n| --- | --- | --- |\n");
  for (size_t f = 0; f < lexloci_fact_count(); f++) {
    lexloci_fact_info fi;
    lexloci_fact_describe((lexloci_fact)f, &fi);
    char ty[96];
    if (lexloci_fact_derived((lexloci_fact)f))
      printf("| `%s` | %s | %s |\n", fi.path,
             type_text(&fi, ty, sizeof ty), fi.help);
  }
  printf("\n## Enumerated values\n\n");
  const char *done[64];
  size_t nd = 0;
  for (size_t f = 0; f < lexloci_fact_count(); f++) {
    lexloci_fact_info fi;
    lexloci_fact_describe((lexloci_fact)f, &fi);
    if (fi.type != LEXLOCI_TYPE_ENUM)
      continue;
    bool seen = false;
    for (size_t k = 0; k < nd; k++)
      seen = seen || strcmp(done[k], fi.domain) == 0;
    if (seen || nd == 64)
      continue;
    done[nd++] = fi.domain;
    printf("- **%s** (", fi.domain);
    bool first = true;
    for (size_t g = 0; g < lexloci_fact_count(); g++) {
      lexloci_fact_info gi;
      lexloci_fact_describe((lexloci_fact)g, &gi);
      if (gi.type == LEXLOCI_TYPE_ENUM && strcmp(gi.domain, fi.domain) == 0) {
        printf("%s`%s`", first ? "" : ", ", gi.path);
        first = false;
      }
    }
    printf("): ");
    for (size_t j = 0; j < fi.nvalues; j++)
      printf("%s`%s`", j ? ", " : "", lexloci_fact_value((lexloci_fact)f, j));
    printf("\n");
  }
  printf("\n## Countries\n\n");
  char cc[3];
  for (size_t i = 0; lexloci_country_code(i, cc); i++)
    printf("%s`%s`", i == 0 ? "" : i % 16 == 0 ? "\n" : " ", cc);
  printf("\n\n`XK` (Kosovo) is a user-assigned code in general use; every "
         "other is assigned\nby ISO 3166-1. `EU` is not a country: "
         "membership of the Union is reference data\nin the rule set "
         "(`lexloci sets`).\n");
  return EXIT_DONE;
}
