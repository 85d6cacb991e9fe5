/*
** synth.c: synthetic rule sets and their emitters. One model, written out
** in lexloci's YAML, Lua, CLIPS, json-rules-engine JSON, GoRules JDM and
** C, so that every engine decides exactly the same rules.
** See LICENSE for copying conditions.
*/
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define N(a) (int)(sizeof(a) / sizeof((a)[0]))

static const char *const states[] = {"US", "GB", "IE", "FR", "DE", "NL",
  "BE", "LU", "AT", "ES", "IT", "PT", "PL", "CZ", "SK", "HU", "RO", "BG",
  "GR", "CY", "MT", "SI", "HR", "DK", "SE", "FI", "EE", "LV", "LT", "NO",
  "IS", "CH", "AU", "NZ", "CA", "JP", "KR", "BR", "IN", "SG"};
static const char *const instruments[] = {"warrant", "court_order",
  "subpoena", "preservation_request", "mla_preservation_request",
  "communications_data_authorisation", "european_investigation_order",
  "overseas_production_order", "international_production_order",
  "european_production_order", "european_preservation_order",
  "production_order", "subscriber_info_request", "mlat_request",
  "voluntary_request"};
static const char *const authorities[] = {"judge", "court",
  "investigating_judge", "prosecutor", "independent_authority", "police",
  "other_competent_authority", "administrative"};
static const char *const purposes[] = {"criminal_investigation",
  "criminal_proceedings", "sentence_execution", "terrorist_investigation",
  "civil", "administrative", "intelligence"};
static const char *const notices[] = {"given", "delayed", "none"};
static const char *const validators[] = {"judge", "court",
  "investigating_judge", "prosecutor", "independent_authority", "none"};
static const char *const roles[] = {"controller", "processor"};
static const char *const holders[] = {"consumer", "enterprise",
  "government"};
/* Other country facts take one of a few values, as real cases do. */
#define NEAR 8

const synth_factdef synth_facts[SYNTH_NFACTS] = {
  {"request.issuing_state", "issuing_state", SF_COUNTRY, states, N(states)},
  {"request.instrument", "instrument", SF_ENUM, instruments, N(instruments)},
  {"request.authority", "authority", SF_ENUM, authorities, N(authorities)},
  {"request.purpose", "purpose", SF_ENUM, purposes, N(purposes)},
  {"request.customer_notice", "customer_notice", SF_ENUM, notices,
   N(notices)},
  {"request.validated_by", "validated_by", SF_ENUM, validators,
   N(validators)},
  {"request.emergency", "emergency", SF_BOOL, NULL, 2},
  {"request.nondisclosure_order", "nondisclosure_order", SF_BOOL, NULL, 2},
  {"request.offence.max_sentence_years", "max_sentence_years", SF_NUM, NULL,
   21},
  {"request.offence.by_information_system", "by_information_system",
   SF_BOOL, NULL, 2},
  {"request.offence.indictable", "indictable", SF_BOOL, NULL, 2},
  {"request.target.us_person", "us_person", SF_BOOL, NULL, 2},
  {"request.target.residence", "residence", SF_COUNTRY, states, NEAR},
  {"request.target.location", "location", SF_COUNTRY, states, NEAR},
  {"provider.headquarters", "headquarters", SF_COUNTRY, states, NEAR},
  {"provider.public_service", "public_service", SF_BOOL, NULL, 2},
  {"provider.technical_access", "technical_access", SF_BOOL, NULL, 2},
  {"provider.gdpr_role", "gdpr_role", SF_ENUM, roles, N(roles)},
  {"data.holder", "holder", SF_ENUM, holders, N(holders)},
  {"data.personal", "personal", SF_BOOL, NULL, 2},
};

const synth_effect synth_effects[SYNTH_NEFFECTS] = {
  {"must_not_disclose", 6}, {"must_disclose", 5}, {"must_preserve", 4},
  {"may_disclose", 3}, {"not_compellable", 2}, {"info", 1},
};

/* ------------------------------------------------------------------ */
/* The model                                                            */
/* ------------------------------------------------------------------ */

static bool chance(bench_rng *r, int pct)
{
  return (int)bench_pick(r, 100) < pct;
}

/* n distinct values of [0, m). */
static int distinct(bench_rng *r, int *v, int n, int m)
{
  int k = 0;
  while (k < n) {
    int x = (int)bench_pick(r, (unsigned)m);
    bool dup = false;
    for (int i = 0; i < k; i++)
      dup |= v[i] == x;
    if (!dup)
      v[k++] = x;
  }
  return k;
}

static void key(bench_rng *r, synth_rule *rule, int fact)
{
  const synth_factdef *f = &synth_facts[fact];
  if (chance(r, 85)) {
    synth_cond *c = &rule->c[rule->nc++];
    c->fact = fact;
    c->op = SC_IS;
    c->nv = distinct(r, c->v, 1, f->nvalues);
  } else if (chance(r, 50)) {
    synth_cond *c = &rule->c[rule->nc++];
    c->fact = fact;
    c->op = SC_IN;
    c->nv = distinct(r, c->v, 2 + (int)bench_pick(r, 2), f->nvalues);
  }
}

static void other(bench_rng *r, synth_rule *rule)
{
  int fact;
  bool used;
  do {
    fact = 2 + (int)bench_pick(r, SYNTH_NFACTS - 2);
    used = false;
    for (int i = 0; i < rule->nc; i++)
      used |= rule->c[i].fact == fact;
  } while (used);
  const synth_factdef *f = &synth_facts[fact];
  synth_cond *c = &rule->c[rule->nc++];
  c->fact = fact;
  c->nv = 0;
  switch (f->type) {
  case SF_BOOL:
    c->op = chance(r, 60) ? SC_TRUE : SC_FALSE;
    break;
  case SF_NUM:
    c->op = chance(r, 70) ? SC_GE : SC_LT;
    c->v[0] = 1 + (int)bench_pick(r, (unsigned)f->nvalues - 1);
    break;
  case SF_ENUM:
  case SF_COUNTRY: {
    int p = (int)bench_pick(r, 100);
    if (p < 50 || (f->type == SF_COUNTRY && p < 60)) {
      c->op = SC_IS;
      c->nv = distinct(r, c->v, 1, f->nvalues);
    } else if (p < 75 || f->nvalues < 3) {
      c->op = SC_ISNOT;
      c->nv = distinct(r, c->v, 1, f->nvalues);
    } else {
      c->op = SC_IN;
      c->nv = distinct(r, c->v, 2, f->nvalues);
    }
    break;
  }
  }
}

void synth_make(int n, synth_set *s)
{
  s->n = n;
  s->rules = calloc((size_t)(n ? n : 1), sizeof *s->rules);
  for (int i = 0; i < n; i++) {
    bench_rng r = {0x5EED0000u + (uint64_t)i * 7919u};
    bench_rand(&r);
    synth_rule *rule = &s->rules[i];
    key(&r, rule, 0);
    key(&r, rule, 1);
    int total = 3 + (int)bench_pick(&r, 4);
    if (total - rule->nc < 1)
      total = rule->nc + 1;
    while (rule->nc < total)
      other(&r, rule);
    rule->effect = (int)bench_pick(&r, SYNTH_NEFFECTS);
  }
}

void synth_free(synth_set *s)
{
  free(s->rules);
  s->rules = NULL;
}

void synth_case(bench_rng *r, synth_vec *x)
{
  for (int f = 0; f < SYNTH_NFACTS; f++)
    x->v[f] = (int)bench_pick(r, (unsigned)synth_facts[f].nvalues);
}

static bool holds(const synth_cond *c, const synth_vec *x)
{
  int v = x->v[c->fact];
  switch (c->op) {
  case SC_IS: return v == c->v[0];
  case SC_ISNOT: return v != c->v[0];
  case SC_IN:
    for (int i = 0; i < c->nv; i++)
      if (v == c->v[i])
        return true;
    return false;
  case SC_GE: return v >= c->v[0];
  case SC_LT: return v < c->v[0];
  case SC_TRUE: return v == 1;
  case SC_FALSE: return v == 0;
  }
  return false;
}

int synth_outcome(int nfired, int best)
{
  return nfired == 0 ? 0 : best <= 2 ? 2 : best;
}

synth_answer synth_reference(const synth_set *s, const synth_vec *x)
{
  int n = 0, best = 0;
  for (int i = 0; i < s->n; i++) {
    const synth_rule *rule = &s->rules[i];
    bool all = true;
    for (int k = 0; k < rule->nc && all; k++)
      all = holds(&rule->c[k], x);
    if (all) {
      n++;
      int st = synth_effects[rule->effect].strength;
      if (st > best)
        best = st;
    }
  }
  return (synth_answer){n, synth_outcome(n, best)};
}

/* ------------------------------------------------------------------ */
/* lexloci                                                              */
/* ------------------------------------------------------------------ */

static const char *value(int fact, int i)
{
  return synth_facts[fact].values[i];
}

void synth_emit_manifest(const synth_set *s, FILE *manifest)
{
  fprintf(manifest, "lexloci: 1\nname: synthetic-%d\nversion: \"1\"\n"
          "regimes: [synth.rules]\n", s->n);
}

void synth_emit_yaml(const synth_set *s, int from, int to, FILE *out)
{
  fputs("regime: synth.rules\n", out);
  if (from == 0)
    fputs("title: Synthetic rules\ncitations:\n"
          "  syn-1:\n    ref: Synthetic § 1\n    title: Synthetic rules\n"
          "    url: https://example.org/synthetic\n", out);
  fputs("rules:\n", out);
  for (int i = from; i < to && i < s->n; i++) {
    const synth_rule *rule = &s->rules[i];
    fprintf(out, "  - id: r%d\n    effect: %s\n    when:\n", i,
            synth_effects[rule->effect].name);
    for (int k = 0; k < rule->nc; k++) {
      const synth_cond *c = &rule->c[k];
      const char *p = synth_facts[c->fact].path;
      fprintf(out, "      - ");
      switch (c->op) {
      case SC_IS: fprintf(out, "%s is %s\n", p, value(c->fact, c->v[0])); break;
      case SC_ISNOT:
        fprintf(out, "%s is not %s\n", p, value(c->fact, c->v[0]));
        break;
      case SC_IN:
        fprintf(out, "%s in [", p);
        for (int j = 0; j < c->nv; j++)
          fprintf(out, "%s%s", j ? ", " : "", value(c->fact, c->v[j]));
        fputs("]\n", out);
        break;
      case SC_GE: fprintf(out, "%s >= %d\n", p, c->v[0]); break;
      case SC_LT: fprintf(out, "%s < %d\n", p, c->v[0]); break;
      case SC_TRUE: fprintf(out, "%s\n", p); break;
      case SC_FALSE: fprintf(out, "%s is false\n", p); break;
      }
    }
    fprintf(out, "    text: Synthetic rule %d.\n    cite: [syn-1]\n", i);
  }
}

/* ------------------------------------------------------------------ */
/* Lua: one function of if-chains over a table of facts                  */
/* ------------------------------------------------------------------ */

static void lua_cond(const synth_cond *c, FILE *out)
{
  const char *f = synth_facts[c->fact].name;
  switch (c->op) {
  case SC_IS: fprintf(out, "x.%s == \"%s\"", f, value(c->fact, c->v[0])); break;
  case SC_ISNOT:
    fprintf(out, "x.%s ~= \"%s\"", f, value(c->fact, c->v[0]));
    break;
  case SC_IN:
    fputc('(', out);
    for (int j = 0; j < c->nv; j++)
      fprintf(out, "%sx.%s == \"%s\"", j ? " or " : "", f,
              value(c->fact, c->v[j]));
    fputc(')', out);
    break;
  case SC_GE: fprintf(out, "x.%s >= %d", f, c->v[0]); break;
  case SC_LT: fprintf(out, "x.%s < %d", f, c->v[0]); break;
  case SC_TRUE: fprintf(out, "x.%s", f); break;
  case SC_FALSE: fprintf(out, "not x.%s", f); break;
  }
}

void synth_emit_lua(const synth_set *s, FILE *out)
{
  /* Lua limits a function's size only by memory, but each `if` is a
     jump: split into chunks of functions to stay far from any limit. */
  int chunk = 2000, nchunks = (s->n + chunk - 1) / chunk;
  for (int c = 0; c < nchunks; c++) {
    fprintf(out, "local function part%d(x, n, best)\n", c);
    for (int i = c * chunk; i < s->n && i < (c + 1) * chunk; i++) {
      const synth_rule *rule = &s->rules[i];
      fputs("  if ", out);
      for (int k = 0; k < rule->nc; k++) {
        if (k)
          fputs(" and ", out);
        lua_cond(&rule->c[k], out);
      }
      int st = synth_effects[rule->effect].strength;
      fprintf(out, " then n = n + 1; if best < %d then best = %d end end\n",
              st, st);
    }
    fputs("  return n, best\nend\n", out);
  }
  fputs("return function(x)\n  local n, best = 0, 0\n", out);
  for (int c = 0; c < nchunks; c++)
    fprintf(out, "  n, best = part%d(x, n, best)\n", c);
  fputs("  return n, best\nend\n", out);
}

/* ------------------------------------------------------------------ */
/* CLIPS: one template, one defrule per rule                             */
/* ------------------------------------------------------------------ */

static void clips_value(int fact, int i, FILE *out)
{
  if (synth_facts[fact].type == SF_BOOL)
    fputs(i ? "TRUE" : "FALSE", out);
  else
    fputs(value(fact, i), out);
}

void synth_emit_clips(const synth_set *s, FILE *out)
{
  fputs("(deftemplate case", out);
  for (int f = 0; f < SYNTH_NFACTS; f++)
    fprintf(out, " (slot %s)", synth_facts[f].name);
  fputs(")\n(defglobal ?*n* = 0 ?*best* = 0)\n", out);
  for (int i = 0; i < s->n; i++) {
    const synth_rule *rule = &s->rules[i];
    fprintf(out, "(defrule r%d (case", i);
    for (int k = 0; k < rule->nc; k++) {
      const synth_cond *c = &rule->c[k];
      fprintf(out, " (%s ", synth_facts[c->fact].name);
      switch (c->op) {
      case SC_IS: clips_value(c->fact, c->v[0], out); break;
      case SC_ISNOT:
        fputc('~', out);
        clips_value(c->fact, c->v[0], out);
        break;
      case SC_IN:
        for (int j = 0; j < c->nv; j++) {
          if (j)
            fputc('|', out);
          clips_value(c->fact, c->v[j], out);
        }
        break;
      case SC_GE: fprintf(out, "?v%d&:(>= ?v%d %d)", k, k, c->v[0]); break;
      case SC_LT: fprintf(out, "?v%d&:(< ?v%d %d)", k, k, c->v[0]); break;
      case SC_TRUE: fputs("TRUE", out); break;
      case SC_FALSE: fputs("FALSE", out); break;
      }
      fputc(')', out);
    }
    int st = synth_effects[rule->effect].strength;
    fprintf(out, ") => (bind ?*n* (+ ?*n* 1)) (if (< ?*best* %d) then "
            "(bind ?*best* %d)))\n", st, st);
  }
}

/* ------------------------------------------------------------------ */
/* JSON: json-rules-engine rules, a GoRules decision table, cases       */
/* ------------------------------------------------------------------ */

static void json_value(int fact, int i, FILE *out)
{
  switch (synth_facts[fact].type) {
  case SF_BOOL: fputs(i ? "true" : "false", out); break;
  case SF_NUM: fprintf(out, "%d", i); break;
  default: fprintf(out, "\"%s\"", value(fact, i)); break;
  }
}

void synth_emit_jre(const synth_set *s, FILE *out)
{
  fputs("[\n", out);
  for (int i = 0; i < s->n; i++) {
    const synth_rule *rule = &s->rules[i];
    fprintf(out, "%s{\"name\":\"r%d\",\"conditions\":{\"all\":[", i ? ",\n" : "",
            i);
    for (int k = 0; k < rule->nc; k++) {
      const synth_cond *c = &rule->c[k];
      static const char *const ops[] = {"equal", "notEqual", "in",
        "greaterThanInclusive", "lessThan", "equal", "equal"};
      fprintf(out, "%s{\"fact\":\"%s\",\"operator\":\"%s\",\"value\":",
              k ? "," : "", synth_facts[c->fact].name, ops[c->op]);
      switch (c->op) {
      case SC_IN:
        fputc('[', out);
        for (int j = 0; j < c->nv; j++) {
          if (j)
            fputc(',', out);
          json_value(c->fact, c->v[j], out);
        }
        fputc(']', out);
        break;
      case SC_GE:
      case SC_LT: fprintf(out, "%d", c->v[0]); break;
      case SC_TRUE: fputs("true", out); break;
      case SC_FALSE: fputs("false", out); break;
      default: json_value(c->fact, c->v[0], out); break;
      }
      fputc('}', out);
    }
    fprintf(out, "]},\"event\":{\"type\":\"r%d\",\"params\":{\"s\":%d}}}", i,
            synth_effects[rule->effect].strength);
  }
  fputs("\n]\n", out);
}

static void zen_value(int fact, int i, FILE *out)
{
  switch (synth_facts[fact].type) {
  case SF_BOOL: fputs(i ? "true" : "false", out); break;
  case SF_NUM: fprintf(out, "%d", i); break;
  default: fprintf(out, "'%s'", value(fact, i)); break;
  }
}

void synth_emit_zen(const synth_set *s, FILE *out)
{
  fputs("{\"nodes\":[{\"id\":\"in\",\"type\":\"inputNode\",\"name\":"
        "\"request\",\"position\":{\"x\":0,\"y\":0}},\n"
        "{\"id\":\"table\",\"type\":\"decisionTableNode\",\"name\":\"rules\","
        "\"position\":{\"x\":300,\"y\":0},\"content\":{\"hitPolicy\":"
        "\"collect\",\"inputs\":[", out);
  for (int f = 0; f < SYNTH_NFACTS; f++)
    fprintf(out, "%s{\"id\":\"i%d\",\"name\":\"%s\",\"field\":\"%s\"}",
            f ? "," : "", f, synth_facts[f].name, synth_facts[f].name);
  fputs("],\"outputs\":[{\"id\":\"o\",\"name\":\"s\",\"field\":\"s\"}],"
        "\"rules\":[\n", out);
  for (int i = 0; i < s->n; i++) {
    const synth_rule *rule = &s->rules[i];
    fprintf(out, "%s{\"_id\":\"r%d\"", i ? ",\n" : "", i);
    /* Every column, "" (any value) where the rule has no condition: Zen
       does not match a row that leaves a column out. */
    for (int f = 0; f < SYNTH_NFACTS; f++) {
      const synth_cond *c = NULL;
      for (int k = 0; k < rule->nc; k++)
        if (rule->c[k].fact == f)
          c = &rule->c[k];
      fprintf(out, ",\"i%d\":\"", f);
      if (!c) {
        fputc('"', out);
        continue;
      }
      switch (c->op) {
      case SC_IS: zen_value(c->fact, c->v[0], out); break;
      case SC_ISNOT:
        fputs("$ != ", out);
        zen_value(c->fact, c->v[0], out);
        break;
      case SC_IN:
        for (int j = 0; j < c->nv; j++) {
          if (j)
            fputs(", ", out);
          zen_value(c->fact, c->v[j], out);
        }
        break;
      case SC_GE: fprintf(out, ">= %d", c->v[0]); break;
      case SC_LT: fprintf(out, "< %d", c->v[0]); break;
      case SC_TRUE: fputs("true", out); break;
      case SC_FALSE: fputs("false", out); break;
      }
      fputc('"', out);
    }
    fprintf(out, ",\"o\":\"%d\"}", synth_effects[rule->effect].strength);
  }
  fputs("\n]}},\n{\"id\":\"out\",\"type\":\"outputNode\",\"name\":"
        "\"response\",\"position\":{\"x\":600,\"y\":0}}],\n\"edges\":["
        "{\"id\":\"e1\",\"sourceId\":\"in\",\"targetId\":\"table\","
        "\"type\":\"edge\"},{\"id\":\"e2\",\"sourceId\":\"table\","
        "\"targetId\":\"out\",\"type\":\"edge\"}]}\n", out);
}

void synth_emit_cases_json(const synth_vec *x, int n, FILE *out)
{
  fputs("[\n", out);
  for (int i = 0; i < n; i++) {
    fputs(i ? ",\n{" : "{", out);
    for (int f = 0; f < SYNTH_NFACTS; f++) {
      fprintf(out, "%s\"%s\":", f ? "," : "", synth_facts[f].name);
      json_value(f, x[i].v[f], out);
    }
    fputc('}', out);
  }
  fputs("\n]\n", out);
}

/* ------------------------------------------------------------------ */
/* C: what a programmer would write by hand                             */
/* ------------------------------------------------------------------ */

static void c_cond(const synth_cond *c, FILE *out)
{
  int f = c->fact;
  switch (c->op) {
  case SC_IS: fprintf(out, "x->v[%d] == %d", f, c->v[0]); break;
  case SC_ISNOT: fprintf(out, "x->v[%d] != %d", f, c->v[0]); break;
  case SC_IN:
    fputc('(', out);
    for (int j = 0; j < c->nv; j++)
      fprintf(out, "%sx->v[%d] == %d", j ? " || " : "", f, c->v[j]);
    fputc(')', out);
    break;
  case SC_GE: fprintf(out, "x->v[%d] >= %d", f, c->v[0]); break;
  case SC_LT: fprintf(out, "x->v[%d] < %d", f, c->v[0]); break;
  case SC_TRUE: fprintf(out, "x->v[%d]", f); break;
  case SC_FALSE: fprintf(out, "!x->v[%d]", f); break;
  }
}

/* One rule's test and action, leaving out the key conditions a switch
   has already decided (skip: a bit per condition). */
static void c_rule(const synth_rule *rule, unsigned skip, const char *ind,
                   FILE *out)
{
  int st = synth_effects[rule->effect].strength;
  int n = 0;
  fprintf(out, "%sif (", ind);
  for (int k = 0; k < rule->nc; k++) {
    if (skip >> k & 1)
      continue;
    if (n++)
      fputs(" && ", out);
    c_cond(&rule->c[k], out);
  }
  if (!n)
    fputs("1", out);
  fprintf(out, ") { n++; if (best < %d) best = %d; }\n", st, st);
}

/* The condition index of rule's key on fact, or -1. */
static int key_of(const synth_rule *rule, int fact)
{
  for (int k = 0; k < rule->nc; k++)
    if (rule->c[k].fact == fact &&
        (rule->c[k].op == SC_IS || rule->c[k].op == SC_IN))
      return k;
  return -1;
}

static bool keyed_on(const synth_rule *rule, int fact, int v)
{
  int k = key_of(rule, fact);
  if (k < 0)
    return false;
  for (int j = 0; j < rule->c[k].nv; j++)
    if (rule->c[k].v[j] == v)
      return true;
  return false;
}

/* Rules (of list) keyed on the instrument by value, then the rest. */
static void c_instrument_switch(const synth_set *s, const int *list, int n,
                                unsigned base_skip_fact0, FILE *out)
{
  const synth_factdef *fi = &synth_facts[1];
  fputs("  switch (x->v[1]) {\n", out);
  for (int v = 0; v < fi->nvalues; v++) {
    bool any = false;
    for (int i = 0; i < n; i++) {
      const synth_rule *rule = &s->rules[list[i]];
      if (!keyed_on(rule, 1, v))
        continue;
      if (!any)
        fprintf(out, "  case %d:\n", v);
      any = true;
      unsigned skip = 1u << key_of(rule, 1);
      if (base_skip_fact0 && key_of(rule, 0) >= 0)
        skip |= 1u << key_of(rule, 0);
      c_rule(rule, skip, "    ", out);
    }
    if (any)
      fputs("    break;\n", out);
  }
  fputs("  }\n", out);
  for (int i = 0; i < n; i++) {
    const synth_rule *rule = &s->rules[list[i]];
    if (key_of(rule, 1) >= 0)
      continue;
    unsigned skip = 0;
    if (base_skip_fact0 && key_of(rule, 0) >= 0)
      skip |= 1u << key_of(rule, 0);
    c_rule(rule, skip, "  ", out);
  }
}

/* Rules (of list) as if-chains, leaving out their keys on the issuing
   state when the caller has switched on it. */
static void c_chain(const synth_set *s, const int *list, int n,
                    bool skip_fact0, FILE *out)
{
  for (int i = 0; i < n; i++) {
    const synth_rule *rule = &s->rules[list[i]];
    int k = skip_fact0 ? key_of(rule, 0) : -1;
    c_rule(rule, k >= 0 ? 1u << k : 0, "  ", out);
  }
}

void synth_emit_c(const synth_set *s, const char *fn, synth_cform form,
                  FILE *out)
{
  if (form == SYNTH_C_IF) {
    /* Functions of CHUNK rules each: one function of 10,000 tests takes
       the compiler many minutes at -O3, for no faster code. */
    enum { CHUNK = 250 };
    int nchunks = (s->n + CHUNK - 1) / CHUNK;
    for (int c = 0; c < nchunks; c++) {
      fprintf(out, "static void %s_%d(const synth_vec *x, int *pn, int *pb)"
              "\n{\n  int n = *pn, best = *pb;\n", fn, c);
      for (int i = c * CHUNK; i < s->n && i < (c + 1) * CHUNK; i++)
        c_rule(&s->rules[i], 0, "  ", out);
      fputs("  *pn = n;\n  *pb = best;\n}\n", out);
    }
    fprintf(out, "int %s(const synth_vec *x, int *nfired)\n{\n"
            "  int n = 0, best = 0;\n", fn);
    for (int c = 0; c < nchunks; c++)
      fprintf(out, "  %s_%d(x, &n, &best);\n", fn, c);
    fputs("  *nfired = n;\n  return best;\n}\n\n", out);
    return;
  }
  /* A function per issuing state, switching on the instrument inside
     (SYNTH_C_SWITCH) or testing its rules in order (SYNTH_C_STATE). */
  bool both = form == SYNTH_C_SWITCH;
  const synth_factdef *fs = &synth_facts[0];
  int *list = malloc(sizeof(int) * (size_t)(s->n + 1));
  bool *has = calloc((size_t)fs->nvalues, sizeof *has);
  for (int v = 0; v < fs->nvalues; v++) {
    int n = 0;
    for (int i = 0; i < s->n; i++)
      if (keyed_on(&s->rules[i], 0, v))
        list[n++] = i;
    if (!n)
      continue;
    has[v] = true;
    fprintf(out, "static void %s_s%d(const synth_vec *x, int *pn, int *pb)\n"
            "{\n  int n = *pn, best = *pb;\n", fn, v);
    if (both)
      c_instrument_switch(s, list, n, 1, out);
    else
      c_chain(s, list, n, true, out);
    fputs("  *pn = n;\n  *pb = best;\n}\n", out);
  }
  int n = 0;
  for (int i = 0; i < s->n; i++)
    if (key_of(&s->rules[i], 0) < 0)
      list[n++] = i;
  fprintf(out, "static void %s_rest(const synth_vec *x, int *pn, int *pb)\n"
          "{\n  int n = *pn, best = *pb;\n", fn);
  if (both)
    c_instrument_switch(s, list, n, 0, out);
  else
    c_chain(s, list, n, false, out);
  fputs("  *pn = n;\n  *pb = best;\n}\n", out);
  fprintf(out, "int %s(const synth_vec *x, int *nfired)\n{\n"
          "  int n = 0, best = 0;\n  switch (x->v[0]) {\n", fn);
  for (int v = 0; v < fs->nvalues; v++)
    if (has[v])
      fprintf(out, "  case %d: %s_s%d(x, &n, &best); break;\n", v, fn, v);
  fprintf(out, "  }\n  %s_rest(x, &n, &best);\n  *nfired = n;\n"
          "  return best;\n}\n\n", fn);
  free(list);
  free(has);
}
