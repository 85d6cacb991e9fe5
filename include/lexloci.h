/*
** lexloci.h: the public API of lexloci, an engine that decides what the
** law of several regimes says about a government demand for data.
** See LICENSE for copying conditions.
**
** OWNERSHIP. lexloci keeps no pointer the caller gives it unless a
** function says "borrowed until ..."; anything it returns belongs to the
** object that returned it and lives until that object is freed or reset.
**
** THREADS. A loaded rule set is immutable: any number of threads may
** evaluate cases against one rule set at once. A case, and the verdict it
** returns, belong to one thread at a time. lexloci has no global mutable
** state.
**
** ERRORS. Every function that can fail returns a lexloci_status and, when
** given a lexloci_error, fills it with the first error's position and
** message. Loading reports every error it finds to the config's diag
** callback (warnings too), and fails if any is an error.
**
** MEMORY. Every allocation goes through the config's allocator. lexloci_eval
** allocates nothing: a case allocates its scratch once, in lexloci_case_new.
*/
#ifndef LEXLOCI_H
#define LEXLOCI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(LEXLOCI_BUILDING) && defined(__GNUC__)
#define LEXLOCI_API __attribute__((visibility("default")))
#else
#define LEXLOCI_API
#endif

#define LEXLOCI_VERSION_MAJOR 0
#define LEXLOCI_VERSION_MINOR 1
#define LEXLOCI_VERSION_PATCH 0
#define LEXLOCI_VERSION_STRING "0.1.0"
#define LEXLOCI_VERSION_NUMBER \
  (LEXLOCI_VERSION_MAJOR * 1000000 + LEXLOCI_VERSION_MINOR * 1000 + \
   LEXLOCI_VERSION_PATCH)
/* Version of the case and verdict contract (case.md, verdict.md). */
#define LEXLOCI_SCHEMA_VERSION 1

/* The library's version, LEXLOCI_VERSION_NUMBER of the build that made it:
   compare with the macro to detect a header/library mismatch. */
LEXLOCI_API int lexloci_version_number(void);
LEXLOCI_API const char *lexloci_version(void);

/* ---------------------------------------------------------------------- */
/* Status, errors, configuration                                          */
/* ---------------------------------------------------------------------- */

typedef enum lexloci_status {
  LEXLOCI_OK = 0,
  LEXLOCI_EIO,      /* a file could not be read */
  LEXLOCI_ESYNTAX,  /* malformed YAML or JSON */
  LEXLOCI_ERULE,    /* an invalid rule set */
  LEXLOCI_EFACT,    /* an invalid case or fact value */
  LEXLOCI_ELIMIT,   /* an input exceeds a documented limit */
  LEXLOCI_ENOMEM,   /* the allocator failed */
  LEXLOCI_EMISUSE   /* the API was called wrongly (NULL handle, bad id) */
} lexloci_status;

typedef enum lexloci_severity {
  LEXLOCI_SEV_ERROR = 0,
  LEXLOCI_SEV_WARNING,
  LEXLOCI_SEV_NOTE
} lexloci_severity;

/* An error or warning. Self-contained: nothing to free. */
typedef struct lexloci_error {
  lexloci_status code;
  lexloci_severity severity;
  int line, col;     /* 1-based; 0 when the error has no position */
  char file[256];    /* "" when the error has no file */
  char message[256]; /* lower case, no final period; hint after "; " */
} lexloci_error;

/* Name of a status ("ok", "syntax error", ...). */
LEXLOCI_API const char *lexloci_status_name(lexloci_status s);

/* Allocator: realloc-like. nsz == 0 frees p and returns NULL; otherwise
   returns a block of nsz bytes (keeping the first min(osz, nsz) bytes of p)
   or NULL on failure, leaving p untouched. */
typedef void *(*lexloci_alloc)(void *ud, void *p, size_t osz, size_t nsz);

typedef struct lexloci_config {
  lexloci_alloc alloc; /* NULL: the C library's */
  void *alloc_ud;
  /* Called for every diagnostic while loading (errors and warnings); may be
     NULL. The error is valid only during the call. A rule set keeps diag
     and diag_ud to report the errors of cases loaded for it
     (lexloci_case_load, test suites): diag_ud is borrowed until the rule
     set is freed. */
  void (*diag)(void *ud, const lexloci_error *e);
  void *diag_ud;
} lexloci_config;

/* Fills cfg with the defaults; call it before setting fields so that fields
   added later get defaults. lexloci copies the config it is given. */
LEXLOCI_API void lexloci_config_init(lexloci_config *cfg);

/* ---------------------------------------------------------------------- */
/* Rule sets                                                              */
/* ---------------------------------------------------------------------- */

typedef struct lexloci_ruleset lexloci_ruleset; /* immutable after load */

/* One in-memory rule file. */
typedef struct lexloci_source {
  const char *name; /* path used in messages; "lexloci.yaml" is the manifest */
  const char *text;
  size_t len;
} lexloci_source;

/* Loads the rule set in folder dir (docs/rule-language.md). cfg may be NULL
   for defaults. On failure *out is NULL and err (if not NULL) holds the
   first error; every diagnostic went to cfg->diag. */
LEXLOCI_API lexloci_status lexloci_ruleset_load(const lexloci_config *cfg,
    const char *dir, lexloci_ruleset **out, lexloci_error *err);

/* Loads a rule set from n in-memory files (an embedder with no files). One
   of them must be named "lexloci.yaml" (any folder). Texts are copied. */
LEXLOCI_API lexloci_status lexloci_ruleset_load_sources(
    const lexloci_config *cfg, const lexloci_source *srcs, size_t n,
    lexloci_ruleset **out, lexloci_error *err);

/* Frees a rule set; NULL is a no-op. Every case made from it must be freed
   first. */
LEXLOCI_API void lexloci_ruleset_free(lexloci_ruleset *rs);

/* The manifest's name and version, and "sha256:<hex>" of the sources. */
LEXLOCI_API const char *lexloci_ruleset_name(const lexloci_ruleset *rs);
LEXLOCI_API const char *lexloci_ruleset_version(const lexloci_ruleset *rs);
LEXLOCI_API const char *lexloci_ruleset_digest(const lexloci_ruleset *rs);
/* The folder holding the rule set's tests, or NULL (buffers, no folder). */
LEXLOCI_API const char *lexloci_ruleset_tests_dir(const lexloci_ruleset *rs);

/* The disassembly of the compiled rule set (regimes in evaluation order,
   rules with their condition nodes, set timelines), for debugging and for
   tests that pin the compiled form; `lexloci dump` prints it. Writes into
   buf, NUL-terminated and truncated to cap; returns the length it needs,
   as snprintf does. */
LEXLOCI_API size_t lexloci_ruleset_dump(const lexloci_ruleset *rs,
                                        char *buf, size_t cap);

/* Regimes, in verdict order. */
LEXLOCI_API size_t lexloci_ruleset_regime_count(const lexloci_ruleset *rs);
LEXLOCI_API const char *lexloci_ruleset_regime_id(const lexloci_ruleset *rs,
                                                  size_t i);
LEXLOCI_API const char *lexloci_ruleset_regime_title(
    const lexloci_ruleset *rs, size_t i);

/* A rule as written, for listings and coverage. */
typedef struct lexloci_rule_info {
  const char *id;      /* full id: "us.cloud_act.content_warrant" */
  const char *regime;
  const char *title;   /* NULL when the rule has none */
  const char *file;
  int line, col;
  int effect;          /* a lexloci_outcome (declared below) */
  const char *text;    /* as written, {fact.path} placeholders and all */
  const char *unsettled; /* NULL when the rule has none */
  int from, until;     /* in_force, days since 1970-01-01; INT32_MIN and
                          INT32_MAX when open */
  size_t nconditions;  /* lexloci_ruleset_rule_condition; 0: always */
  size_t ncitations;   /* lexloci_ruleset_rule_citation */
  size_t nactions;     /* lexloci_ruleset_rule_action */
  size_t nbases;       /* exception_to: lexloci_ruleset_rule_base */
  size_t ndefeaters;   /* rules that defeat it where they stand (its
                          exceptions and the rules overriding it) */
} lexloci_rule_info;
LEXLOCI_API size_t lexloci_ruleset_rule_count(const lexloci_ruleset *rs);
LEXLOCI_API lexloci_status lexloci_ruleset_rule(const lexloci_ruleset *rs,
    size_t i, lexloci_rule_info *out);

/* Named reference data (what a case's assume: may override). */
typedef struct lexloci_set_info {
  const char *name;
  const char *title;
  bool is_value;       /* a named value rather than a set */
  size_t nmembers;     /* 0 for a value */
  const char *value;   /* a value, as written; NULL for a set */
  const char *of;      /* a set's members: "country" or an enumerated type
                          ("instrument"); a value's type ("date") */
  size_t ncitations;   /* lexloci_ruleset_set_citation */
  const char *file;    /* where it is defined */
  int line, col;
} lexloci_set_info;
typedef struct lexloci_member_info {
  const char *member;  /* "GB", or an enumerated value */
  int from, until;     /* days since 1970-01-01; INT32_MIN/INT32_MAX: open */
  const char *note;    /* NULL when none */
  size_t ncitations;   /* lexloci_ruleset_member_citation */
} lexloci_member_info;
LEXLOCI_API size_t lexloci_ruleset_set_count(const lexloci_ruleset *rs);
LEXLOCI_API lexloci_status lexloci_ruleset_set(const lexloci_ruleset *rs,
    size_t i, lexloci_set_info *out);
LEXLOCI_API lexloci_status lexloci_ruleset_set_member(
    const lexloci_ruleset *rs, size_t i, size_t j, lexloci_member_info *out);

/* ---------------------------------------------------------------------- */
/* Citations and the case vocabulary                                      */
/* ---------------------------------------------------------------------- */

typedef struct lexloci_citation {
  const char *ref;   /* as a lawyer writes it: "18 U.S.C. § 2713" */
  const char *title;
  const char *url;   /* https */
} lexloci_citation;

/* A fact is named by its dotted path (case.md) and handled by its id. */
typedef int lexloci_fact;

/* The id of the fact at path, or -1 when the vocabulary has no such fact. */
LEXLOCI_API lexloci_fact lexloci_fact_lookup(const char *path);
/* Number of facts; ids run from 0 to lexloci_fact_count() - 1. */
LEXLOCI_API size_t lexloci_fact_count(void);
/* The fact's path, or NULL for a bad id. */
LEXLOCI_API const char *lexloci_fact_name(lexloci_fact f);

/* ---------------------------------------------------------------------- */
/* Cases                                                                  */
/* ---------------------------------------------------------------------- */

typedef struct lexloci_case lexloci_case;       /* facts+scratch, 1 thread */
typedef struct lexloci_verdict lexloci_verdict; /* owned by its case */

/* Creates an empty case (every fact unknown, defaults pending) for rule set
   rs, allocating all the scratch evaluation will need. rs must outlive it. */
LEXLOCI_API lexloci_status lexloci_case_new(const lexloci_ruleset *rs,
                                            lexloci_case **out);
/* Frees a case and its verdict; NULL is a no-op. */
LEXLOCI_API void lexloci_case_free(lexloci_case *c);
/* Forgets every fact and assumption, keeping the scratch. */
LEXLOCI_API void lexloci_case_reset(lexloci_case *c);

/* The largest case document lexloci_case_load reads, and so the longest
   line of a `lexloci eval --batch` file; past it the load fails with
   LEXLOCI_ELIMIT (docs/security.md lists every limit). */
#define LEXLOCI_MAX_CASE_BYTES (256u * 1024u)

/* Reads a case written as YAML or JSON (case.md) into c, after a reset.
   name is used in messages. Every error goes to err (the first) and to the
   rule set's diag callback. On error the case is left reset. */
LEXLOCI_API lexloci_status lexloci_case_load(lexloci_case *c,
    const char *name, const char *text, size_t len, lexloci_error *err);

/* Setters. Each checks the value against the fact's type (a country must
   be an ISO 3166-1 alpha-2 code, an enumerated value one of case.md's) and
   returns LEXLOCI_EFACT (with a message in err, which may be NULL) if it
   does not fit; the fact is then unchanged. Text values (request.id,
   provider.name) are borrowed until the case is reset or freed; every other
   value is copied. */
LEXLOCI_API lexloci_status lexloci_case_set_bool(lexloci_case *c,
    lexloci_fact f, bool v, lexloci_error *err);
LEXLOCI_API lexloci_status lexloci_case_set_number(lexloci_case *c,
    lexloci_fact f, double v, lexloci_error *err);
LEXLOCI_API lexloci_status lexloci_case_set_date(lexloci_case *c,
    lexloci_fact f, int year, int month, int day, lexloci_error *err);
/* A scalar text, country or enumerated value ("US", "warrant"). */
LEXLOCI_API lexloci_status lexloci_case_set_str(lexloci_case *c,
    lexloci_fact f, const char *s, lexloci_error *err);
/* Adds one element to a list fact (making it known, if it was not). */
LEXLOCI_API lexloci_status lexloci_case_add_str(lexloci_case *c,
    lexloci_fact f, const char *s, lexloci_error *err);
/* Makes a list fact known and empty. */
LEXLOCI_API lexloci_status lexloci_case_set_empty(lexloci_case *c,
    lexloci_fact f, lexloci_error *err);
/* Sets a nullable fact (provider.legal_representative) to null: known to
   have no value. */
LEXLOCI_API lexloci_status lexloci_case_set_null(lexloci_case *c,
    lexloci_fact f, lexloci_error *err);
/* Makes a fact unknown again. */
LEXLOCI_API lexloci_status lexloci_case_unset(lexloci_case *c,
    lexloci_fact f);

/* Sets a fact, or an assume.NAME override, from text as a user types it:
   "data.locations" = "US,IE" or "[US, IE]", "request.date" = "2026-11-28",
   "assume.us_executive_agreement_partners" = "GB,AU" or "{CA: 2027-01-01}",
   "provider.legal_representative" = "null", any path = "unknown" (unset).
   Unknown paths and bad values fail with a "did you mean" in err. The
   value is copied. */
LEXLOCI_API lexloci_status lexloci_case_set_path(lexloci_case *c,
    const char *path, const char *value, lexloci_error *err);

/* The date the case is decided on, as days since 1970-01-01, or INT32_MIN
   when request.date is unknown. */
LEXLOCI_API int lexloci_case_date(const lexloci_case *c);

/* ---------------------------------------------------------------------- */
/* Evaluation and the verdict                                             */
/* ---------------------------------------------------------------------- */

/* The eight verdicts, and the seven effects, share one enumeration. */
typedef enum lexloci_outcome {
  LEXLOCI_UNDETERMINED = 0,
  LEXLOCI_CONFLICT,
  LEXLOCI_MUST_DISCLOSE,
  LEXLOCI_MUST_NOT_DISCLOSE,
  LEXLOCI_MUST_PRESERVE,
  LEXLOCI_MAY_DISCLOSE,
  LEXLOCI_NOT_COMPELLABLE,
  LEXLOCI_NO_APPLICABLE_REGIME,
  LEXLOCI_NOT_APPLICABLE, /* effects and regime outcomes only */
  LEXLOCI_INFO,           /* effects only */
  LEXLOCI_OUTCOME_COUNT
} lexloci_outcome;
/* "must_disclose", "no_applicable_regime", ... */
LEXLOCI_API const char *lexloci_outcome_name(lexloci_outcome o);

/* The data categories of case.md, in that order. */
typedef enum lexloci_category {
  LEXLOCI_SUBSCRIBER = 0,
  LEXLOCI_IDENTIFICATION,
  LEXLOCI_TRAFFIC,
  LEXLOCI_CONTENT,
  LEXLOCI_CATEGORY_COUNT
} lexloci_category;
LEXLOCI_API const char *lexloci_category_name(lexloci_category c);

/* Evaluates the case. On success *out is the verdict, valid until the case
   is changed, reset or freed. Fails with LEXLOCI_EFACT when a required fact
   (case.md) is missing or request.date is unknown. Allocates nothing. */
LEXLOCI_API lexloci_status lexloci_eval(lexloci_case *c,
    const lexloci_verdict **out, lexloci_error *err);

LEXLOCI_API lexloci_outcome lexloci_verdict_kind(const lexloci_verdict *v);
/* Whether some finding says the law is unsettled on its point (its
   `unsettled` says why): an intake system can flag the verdict for a
   lawyer's review without reading every finding. */
LEXLOCI_API bool lexloci_verdict_unsettled(const lexloci_verdict *v);
/* Writes the one-line summary (NUL-terminated, truncated to cap); returns
   the length it needs, as snprintf does. */
LEXLOCI_API size_t lexloci_verdict_summary(const lexloci_verdict *v,
                                           char *buf, size_t cap);

/* Facts whose value could change the verdict (empty unless undetermined). */
LEXLOCI_API size_t lexloci_verdict_missing_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_fact lexloci_verdict_missing(const lexloci_verdict *v,
                                                 size_t i);
/* For a settled verdict, facts the case leaves out on which a rule with a
   deadline waits (whether a 14-day motion is open turns on whether the
   customer is a US person): no answer changes the verdict, but an intake
   system should ask them before the deadline runs. Empty while the
   verdict is undetermined (ask `missing` first). */
LEXLOCI_API size_t lexloci_verdict_refine_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_fact lexloci_verdict_refine(const lexloci_verdict *v,
                                                size_t i);

/* Per-category verdicts: a bit per lexloci_category requested. When the
   request names several categories, each is decided on its own. */
LEXLOCI_API unsigned lexloci_verdict_categories(const lexloci_verdict *v);
LEXLOCI_API lexloci_outcome lexloci_verdict_category(
    const lexloci_verdict *v, lexloci_category cat);

/* One regime's answer. outcome is LEXLOCI_UNDETERMINED when it depends on
   facts the case leaves unknown. */
typedef struct lexloci_regime_result {
  const char *id;
  const char *title;
  lexloci_outcome outcome;
  unsigned possible;  /* when undetermined: a bit per possible outcome */
  size_t nfindings;   /* indices into the verdict's findings */
  size_t nmissing;
} lexloci_regime_result;
LEXLOCI_API size_t lexloci_verdict_regime_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_status lexloci_verdict_regime(const lexloci_verdict *v,
    size_t i, lexloci_regime_result *out);
LEXLOCI_API size_t lexloci_verdict_regime_finding(const lexloci_verdict *v,
                                                  size_t i, size_t j);
/* Whether a finding of regime i says the law is unsettled on its point
   (lexloci_finding.unsettled). */
LEXLOCI_API bool lexloci_verdict_regime_unsettled(const lexloci_verdict *v,
                                                  size_t i);
LEXLOCI_API lexloci_fact lexloci_verdict_regime_missing(
    const lexloci_verdict *v, size_t i, size_t j);
/* The regime's outcome for one category (when several were requested). */
LEXLOCI_API lexloci_outcome lexloci_verdict_regime_category(
    const lexloci_verdict *v, size_t i, lexloci_category cat);

/* A finding: a rule that stands. */
typedef struct lexloci_finding {
  const char *rule;      /* full id */
  const char *regime;
  lexloci_outcome effect;
  const char *unsettled; /* why the law is unsettled here, or NULL */
  unsigned categories;   /* bits of the categories where it stands */
  size_t nbecause;
  size_t ncitations;
} lexloci_finding;
LEXLOCI_API size_t lexloci_verdict_finding_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_status lexloci_verdict_finding(const lexloci_verdict *v,
    size_t i, lexloci_finding *out);
/* The rule's text with the case's facts quoted; snprintf-like. */
LEXLOCI_API size_t lexloci_verdict_finding_text(const lexloci_verdict *v,
    size_t i, char *buf, size_t cap);
/* The conditions that made the rule apply, as written. */
LEXLOCI_API const char *lexloci_verdict_finding_because(
    const lexloci_verdict *v, size_t i, size_t j);
LEXLOCI_API const lexloci_citation *lexloci_verdict_finding_citation(
    const lexloci_verdict *v, size_t i, size_t j);
/* A finding that only *may* stand: the case leaves out facts its
   conditions read, yet its regime's outcome is its effect whatever they
   are, and no rule with that effect stands for certain (a content order is
   produced whether or not it is notified; which rule says so waits on
   where the person resides). The categories where it only may stand (0:
   it stands for certain), and the facts it waits on, lowest first. Its
   actions are not merged into the verdict's. */
LEXLOCI_API unsigned lexloci_verdict_finding_maybe(const lexloci_verdict *v,
                                                   size_t i);
LEXLOCI_API size_t lexloci_verdict_finding_depends_count(
    const lexloci_verdict *v, size_t i);
LEXLOCI_API lexloci_fact lexloci_verdict_finding_depends(
    const lexloci_verdict *v, size_t i, size_t j);

/* A conflict between two regimes' outcomes. */
typedef struct lexloci_conflict {
  const char *regime_a;  /* must_disclose */
  const char *regime_b;  /* must_not_disclose */
  const char *text;      /* the rule set's note, or NULL */
  unsigned categories;
  size_t ncitations;
} lexloci_conflict;
LEXLOCI_API size_t lexloci_verdict_conflict_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_status lexloci_verdict_conflict(const lexloci_verdict *v,
    size_t i, lexloci_conflict *out);
LEXLOCI_API const lexloci_citation *lexloci_verdict_conflict_citation(
    const lexloci_verdict *v, size_t i, size_t j);

/* An action, merged across findings. */
typedef struct lexloci_action {
  const char *id;
  const char *by;            /* provider | issuing_authority | customer */
  const char *text;
  const char *deadline;      /* ISO 8601 duration, or NULL */
  const char *deadline_from; /* receipt | service | notification, or NULL */
  const char *rule;          /* the first finding that called for it */
  size_t ncitations;
} lexloci_action;
LEXLOCI_API size_t lexloci_verdict_action_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_status lexloci_verdict_action(const lexloci_verdict *v,
    size_t i, lexloci_action *out);
LEXLOCI_API const lexloci_citation *lexloci_verdict_action_citation(
    const lexloci_verdict *v, size_t i, size_t j);

/* The explanation: every rule considered, per category decided, and the
   value of each of its conditions. */
typedef enum lexloci_truth {
  LEXLOCI_FALSE = 0,
  LEXLOCI_TRUE = 1,
  LEXLOCI_UNKNOWN = 2
} lexloci_truth;
typedef enum lexloci_step_kind {
  LEXLOCI_STEP_CATEGORY, /* a category decided on its own */
  LEXLOCI_STEP_RULE,     /* a rule: value = applies; stands and defeated_by */
  LEXLOCI_STEP_COND,     /* a condition, at depth >= 1 under its rule */
  LEXLOCI_STEP_IN_FORCE, /* the rule's in_force dates against request.date */
  LEXLOCI_STEP_BASE      /* an exception's base rule applies */
} lexloci_step_kind;
typedef struct lexloci_step {
  lexloci_step_kind kind;
  int depth;
  const char *text;        /* condition as written, rule id, or category */
  lexloci_truth value;
  lexloci_truth stands;    /* RULE steps */
  const char *defeated_by; /* RULE steps: a rule that defeats it, or NULL */
  const char *regime;      /* RULE steps */
} lexloci_step;
LEXLOCI_API size_t lexloci_verdict_step_count(const lexloci_verdict *v);
LEXLOCI_API lexloci_status lexloci_verdict_step(const lexloci_verdict *v,
    size_t i, lexloci_step *out);

/* JSON (verdict.md) into buf, NUL-terminated and truncated to cap; returns
   the length it needs, as snprintf does. Allocates nothing. */
#define LEXLOCI_JSON_PRETTY 1u /* indented, one field per line */
#define LEXLOCI_JSON_TRACE  2u /* add "trace": the explanation */
LEXLOCI_API size_t lexloci_verdict_json(const lexloci_verdict *v,
    unsigned flags, char *buf, size_t cap);

/* ---------------------------------------------------------------------- */
/* A rule set's own tests (docs/rule-language.md, section 9)              */
/* ---------------------------------------------------------------------- */

typedef struct lexloci_testsuite lexloci_testsuite;

/* Loads test files (or folders of them) for rule set rs; with n == 0, the
   rule set's tests folder. Diagnostics go to cfg->diag as for rule sets. */
LEXLOCI_API lexloci_status lexloci_testsuite_load(const lexloci_config *cfg,
    const lexloci_ruleset *rs, const char *const *paths, size_t n,
    lexloci_testsuite **out, lexloci_error *err);
LEXLOCI_API void lexloci_testsuite_free(lexloci_testsuite *ts);
LEXLOCI_API size_t lexloci_testsuite_count(const lexloci_testsuite *ts);

typedef struct lexloci_test_result {
  const char *name;
  const char *file;
  int line;
  bool passed;
  size_t nfailures;  /* lines of the diff, from lexloci_testsuite_failure */
} lexloci_test_result;
/* Runs test i and records which rules applied, for coverage. Returns
   LEXLOCI_OK when the test ran (passed or not). */
LEXLOCI_API lexloci_status lexloci_testsuite_run(lexloci_testsuite *ts,
    size_t i, lexloci_test_result *out, lexloci_error *err);
/* Line j of the last run's diff for test i ("verdict: expected X, got Y"). */
LEXLOCI_API const char *lexloci_testsuite_failure(
    const lexloci_testsuite *ts, size_t i, size_t j);
/* Whether rule i of the rule set applied in any test run so far. */
LEXLOCI_API bool lexloci_testsuite_rule_covered(const lexloci_testsuite *ts,
                                                size_t rule);

/* ---------------------------------------------------------------------- */
/* The rule set and the vocabulary as data (docs, schemas, intake forms)  */
/* ---------------------------------------------------------------------- */

/* The manifest's title, or NULL when it has none. */
LEXLOCI_API const char *lexloci_ruleset_title(const lexloci_ruleset *rs);

/* One node of a rule's `when:`, in the order written (pre-order). */
typedef struct lexloci_condition {
  int depth;         /* 1 for a condition of `when:` itself, 2 inside a
                        group at depth 1, ... */
  const char *text;  /* as written; a group is "all of", "any of",
                        "not" (one condition) or "not all of" */
  int line, col;
} lexloci_condition;
LEXLOCI_API lexloci_status lexloci_ruleset_rule_condition(
    const lexloci_ruleset *rs, size_t i, size_t j, lexloci_condition *out);
LEXLOCI_API const lexloci_citation *lexloci_ruleset_rule_citation(
    const lexloci_ruleset *rs, size_t i, size_t j);
/* Action j of rule i, as written (out->rule is the rule's id). */
LEXLOCI_API lexloci_status lexloci_ruleset_rule_action(
    const lexloci_ruleset *rs, size_t i, size_t j, lexloci_action *out);
LEXLOCI_API const lexloci_citation *lexloci_ruleset_rule_action_citation(
    const lexloci_ruleset *rs, size_t i, size_t j, size_t k);
/* Rule indices: base j of rule i (exception_to), and defeater j (a rule
   that defeats it where both apply). SIZE_MAX for a bad index. */
LEXLOCI_API size_t lexloci_ruleset_rule_base(const lexloci_ruleset *rs,
                                             size_t i, size_t j);
LEXLOCI_API size_t lexloci_ruleset_rule_defeater(const lexloci_ruleset *rs,
                                                 size_t i, size_t j);
/* Citation j of set (or value) i, and citation k of its member j. */
LEXLOCI_API const lexloci_citation *lexloci_ruleset_set_citation(
    const lexloci_ruleset *rs, size_t i, size_t j);
LEXLOCI_API const lexloci_citation *lexloci_ruleset_member_citation(
    const lexloci_ruleset *rs, size_t i, size_t j, size_t k);

/* The type of a fact, or of each element of a list fact. */
typedef enum lexloci_type {
  LEXLOCI_TYPE_BOOL = 0,
  LEXLOCI_TYPE_NUMBER,
  LEXLOCI_TYPE_DATE,     /* "YYYY-MM-DD" */
  LEXLOCI_TYPE_TEXT,
  LEXLOCI_TYPE_COUNTRY,  /* lexloci_country_code */
  LEXLOCI_TYPE_ENUM      /* lexloci_fact_value */
} lexloci_type;

/* A fact of the vocabulary (case.md), as a schema or a form needs it. */
typedef struct lexloci_fact_info {
  const char *path;
  lexloci_type type;
  bool list;
  bool nullable;       /* may be null (provider.legal_representative) */
  bool required;       /* lexloci_eval fails when the case leaves it out */
  const char *def;     /* the default, as a case writes it ("false",
                          "none", "[]"); NULL when it has none */
  const char *domain;  /* LEXLOCI_TYPE_ENUM: the type's name, as a set's
                          `of:` writes it ("instrument"); else NULL */
  size_t nvalues;      /* LEXLOCI_TYPE_ENUM: how many values */
  const char *help;    /* one line */
} lexloci_fact_info;
LEXLOCI_API lexloci_status lexloci_fact_describe(lexloci_fact f,
                                                 lexloci_fact_info *out);
/* Whether fact f is set by lexloci when a case is evaluated, never by the
   case (a setter refuses it with LEXLOCI_EFACT, lexloci_case_unset with
   LEXLOCI_EMISUSE): rules may read it, a form must not ask for it. The one
   such fact, request.all_data_categories, holds every category the demand
   requests while each is decided with request.data_categories holding
   only that one. */
LEXLOCI_API bool lexloci_fact_derived(lexloci_fact f);
/* Value j of an enumerated fact, in case.md's order; NULL past the end. */
LEXLOCI_API const char *lexloci_fact_value(lexloci_fact f, size_t j);
/* Writes the i-th country code lexloci accepts (ISO 3166-1 alpha-2, and XK
   for Kosovo), in alphabetical order, into out; false past the end. */
LEXLOCI_API bool lexloci_country_code(size_t i, char out[3]);

/* Dates as the API counts them, days since 1970-01-01: writes
   "YYYY-MM-DD" into out; parses exactly that form (false otherwise). */
LEXLOCI_API void lexloci_date_format(int days, char out[11]);
LEXLOCI_API bool lexloci_date_parse(const char *s, int *days);

/* The value of fact f in case c as a case file writes it: "US",
   "[US, IE]", "2026-11-28", "null", and "unknown" when the case does not
   give it. snprintf-like. */
LEXLOCI_API size_t lexloci_case_fact_text(const lexloci_case *c,
    lexloci_fact f, char *buf, size_t cap);

/* ---------------------------------------------------------------------- */
/* Checking a rule set (lexloci check)                                    */
/* ---------------------------------------------------------------------- */

/* What lexloci check finds in a rule set that loads. Every kind but
   LEXLOCI_CHECK_INCOMPLETE is a warning; a rule set that does not load
   is reported by lexloci_ruleset_load itself. */
typedef enum lexloci_check_kind {
  LEXLOCI_CHECK_NEVER_APPLIES = 0, /* its conditions contradict each other */
  LEXLOCI_CHECK_NOT_IN_FORCE,      /* its conditions hold only on dates when
                                      it is not in force */
  LEXLOCI_CHECK_EXCEPTION_IDLE,    /* an exception that never applies where
                                      its base rule does */
  LEXLOCI_CHECK_OVERRIDE_IDLE,     /* overrides a rule that never applies
                                      together with it */
  LEXLOCI_CHECK_OVERLAP,           /* two rules of a regime with different
                                      effects stand on one case, unordered */
  LEXLOCI_CHECK_UNUSED_CITATION,
  LEXLOCI_CHECK_UNUSED_SET,        /* a set or value no rule reads */
  LEXLOCI_CHECK_UNTESTED_QUOTE,    /* the text quotes a fact the rule does
                                      not test */
  LEXLOCI_CHECK_GAP,               /* coverage: a demand a regime decides
                                      for some data categories only */
  LEXLOCI_CHECK_INCOMPLETE,        /* a note: a question was left open */
  LEXLOCI_CHECK_KIND_COUNT
} lexloci_check_kind;

typedef struct lexloci_issue {
  lexloci_check_kind kind;
  const char *name;    /* the kind as a word: "never-applies", "overlap" */
  lexloci_error diag;  /* severity, position and message */
  const char *rule;    /* the rule concerned (full id), or NULL */
  const char *other;   /* OVERLAP, OVERRIDE_IDLE, EXCEPTION_IDLE: the second
                          rule; else NULL */
  const char *example; /* OVERLAP: a case (YAML, case.md) on which both
                          stand; else NULL */
} lexloci_issue;

typedef struct lexloci_check lexloci_check;

typedef struct lexloci_check_options {
  /* The date the coverage grid is computed on; 0 (all three): the latest
     date the rule set names, when every change it knows of is in force. */
  int year, month, day;
} lexloci_check_options;

/* Analyses rule set rs (opt may be NULL): rules that can never apply,
   overrides and exceptions without effect, unordered overlaps (with an
   example case), unused citations, sets and values, texts quoting
   untested facts, and the coverage grid with its gaps. Issues are sorted
   by file, line and column. The result belongs to the caller; rs must
   outlive it. Fails only with LEXLOCI_ENOMEM or LEXLOCI_EMISUSE. */
LEXLOCI_API lexloci_status lexloci_ruleset_check(const lexloci_ruleset *rs,
    const lexloci_check_options *opt, lexloci_check **out);
LEXLOCI_API void lexloci_check_free(lexloci_check *k);
LEXLOCI_API size_t lexloci_check_count(const lexloci_check *k);
LEXLOCI_API lexloci_status lexloci_check_issue(const lexloci_check *k,
    size_t i, lexloci_issue *out);

/* The coverage grid: for each regime, issuing-state group, instrument
   (lexloci_fact_value of request.instrument) and data category, the
   effects of the regime's rules that can stand on some case, as a mask of
   1u << lexloci_outcome; 0 when no rule of the regime applies to any case
   there. LEXLOCI_CHECK_UNSURE is set when the search gave up. */
#define LEXLOCI_CHECK_UNSURE (1u << LEXLOCI_OUTCOME_COUNT)
/* The date the grid was computed on (days since 1970-01-01). */
LEXLOCI_API int lexloci_check_date(const lexloci_check *k);
/* Issuing states are grouped by how the rule set treats them on that
   date: every member of a group meets the same conditions. */
LEXLOCI_API size_t lexloci_check_group_count(const lexloci_check *k);
/* "US", "IS, LI, NO", "e_evidence_states (25)", "other states (180)". */
LEXLOCI_API const char *lexloci_check_group_name(const lexloci_check *k,
                                                 size_t g);
/* The group's members as space-separated country codes. */
LEXLOCI_API const char *lexloci_check_group_members(const lexloci_check *k,
                                                    size_t g);
LEXLOCI_API unsigned lexloci_check_coverage(const lexloci_check *k,
    size_t regime, size_t group, size_t instrument, lexloci_category cat);

#ifdef __cplusplus
}
#endif
#endif
