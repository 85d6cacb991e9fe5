/*
** report.c: the text verdict for people (spec/verdict.md, "Text form"):
** the verdict in one line, a block per regime, conflicts, actions, and with
** --explain every rule considered and the value of each condition.
*/
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define WIDTH 78

typedef struct style {
  const char *bold, *dim, *red, *green, *yellow, *off;
} style;

static const style plain = {"", "", "", "", "", ""};
static const style ansi = {"\033[1m", "\033[2m", "\033[31m", "\033[32m",
                           "\033[33m", "\033[0m"};

/* Prints text wrapped at WIDTH, every line indented by indent spaces. */
static void wrap(FILE *out, const char *text, int indent, int first)
{
  int col = first;
  const char *p = text;
  while (*p) {
    while (*p == ' ')
      p++;
    size_t w = strcspn(p, " ");
    if (!w)
      break;
    if (col > indent && col + 1 + (int)w > WIDTH) {
      fprintf(out, "\n%*s", indent, "");
      col = indent;
    } else if (col > indent) {
      fputc(' ', out);
      col++;
    } else if (col < indent) {
      fprintf(out, "%*s", indent - col, "");
      col = indent;
    }
    fwrite(p, 1, w, out);
    col += (int)w;
    p += w;
  }
  fputc('\n', out);
}

static const char *color_of(const style *s, lexloci_outcome o)
{
  switch (o) {
  case LEXLOCI_CONFLICT:
  case LEXLOCI_MUST_NOT_DISCLOSE:
  case LEXLOCI_UNDETERMINED:
    return s->red;
  case LEXLOCI_MUST_DISCLOSE:
  case LEXLOCI_MUST_PRESERVE:
    return s->yellow;
  case LEXLOCI_MAY_DISCLOSE:
    return s->green;
  default:
    return "";
  }
}

static void upper(char *dst, const char *src, size_t cap)
{
  size_t i = 0;
  for (; src[i] && i + 1 < cap; i++)
    dst[i] = src[i] == '_' ? ' '
             : (src[i] >= 'a' && src[i] <= 'z') ? (char)(src[i] - 32)
                                                : src[i];
  dst[i] = '\0';
}

static void cite_line(FILE *out, const style *s, const lexloci_citation *c,
                      int indent)
{
  fprintf(out, "%*s%s%s%s  %s%s%s\n", indent, "", s->bold, c->ref, s->off,
          s->dim, c->url, s->off);
}

static void finding(FILE *out, const style *s, const lexloci_verdict *v,
                    size_t i)
{
  lexloci_finding f;
  lexloci_verdict_finding(v, i, &f);
  char text[8192];
  lexloci_verdict_finding_text(v, i, text, sizeof text);
  fprintf(out, "  %s%s%s  [%s]", s->bold, f.rule, s->off,
          lexloci_outcome_name(f.effect));
  if (__builtin_popcount(lexloci_verdict_categories(v)) > 1) {
    fputs(" for", out);
    for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
      if (f.categories >> k & 1)
        fprintf(out, " %s", lexloci_category_name((lexloci_category)k));
  }
  fputc('\n', out);
  wrap(out, text, 4, 0);
  if (f.unsettled) {
    char buf[4096];
    snprintf(buf, sizeof buf, "Unsettled: %s", f.unsettled);
    fputs(s->yellow, out);
    wrap(out, buf, 4, 0);
    fputs(s->off, out);
  }
  unsigned maybe = lexloci_verdict_finding_maybe(v, i);
  if (maybe) {
    char buf[1024];
    size_t n = (size_t)snprintf(buf, sizeof buf, "May stand");
    if (maybe != f.categories)
      for (int k = 0, first = 1; k < LEXLOCI_CATEGORY_COUNT; k++)
        if (maybe >> k & 1) {
          n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %s",
                                first ? " for" : ",",
                                lexloci_category_name((lexloci_category)k));
          first = 0;
        }
    size_t nd = lexloci_verdict_finding_depends_count(v, i);
    n += (size_t)snprintf(buf + n, sizeof buf - n, ": the regime's %s "
                          "holds whatever",
                          lexloci_outcome_name(f.effect));
    for (size_t j = 0; j < nd && n < sizeof buf; j++)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %s", j ? "," : "",
                            lexloci_fact_name(
                                lexloci_verdict_finding_depends(v, i, j)));
    if (n < sizeof buf)
      snprintf(buf + n, sizeof buf - n, " %s; whether this rule is the one "
               "that says so depends on %s.", nd == 1 ? "is" : "are",
               nd == 1 ? "it" : "them");
    fputs(s->yellow, out);
    wrap(out, buf, 4, 0);
    fputs(s->off, out);
  }
  if (f.nbecause) {
    char buf[4096];
    size_t n = (size_t)snprintf(buf, sizeof buf, "Because:");
    for (size_t j = 0; j < f.nbecause && n < sizeof buf; j++)
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%s %s",
                            j ? ";" : "",
                            lexloci_verdict_finding_because(v, i, j));
    fputs(s->dim, out);
    wrap(out, buf, 4, 0);
    fputs(s->off, out);
  }
  for (size_t j = 0; j < f.ncitations; j++)
    cite_line(out, s, lexloci_verdict_finding_citation(v, i, j), 4);
}

static void explain(FILE *out, const style *s, const lexloci_verdict *v)
{
  static const char *const truth[] = {"false", "true", "unknown"};
  fprintf(out, "\n%sExplanation%s: every rule considered, whether it "
               "applies and stands, and the value of each condition.\n",
          s->bold, s->off);
  const char *regime = NULL;
  for (size_t i = 0; i < lexloci_verdict_step_count(v); i++) {
    lexloci_step st;
    lexloci_verdict_step(v, i, &st);
    switch (st.kind) {
    case LEXLOCI_STEP_CATEGORY:
      fprintf(out, "\n%s== category %s ==%s\n", s->bold, st.text, s->off);
      regime = NULL;
      break;
    case LEXLOCI_STEP_RULE:
      if (!regime || strcmp(regime, st.regime) != 0) {
        regime = st.regime;
        fprintf(out, "\n%s%s%s\n", s->bold, regime, s->off);
      }
      fprintf(out, "  %s: applies %s, stands %s", st.text, truth[st.value],
              truth[st.stands]);
      if (st.defeated_by)
        fprintf(out, " (defeated by %s)", st.defeated_by);
      fputc('\n', out);
      break;
    default:
      fprintf(out, "  %*s%s%s%s: %s%s%s\n", 2 * st.depth, "",
              st.kind == LEXLOCI_STEP_BASE ? "exception to " : "",
              st.text, "", st.value == LEXLOCI_TRUE ? s->green
                           : st.value == LEXLOCI_UNKNOWN ? s->yellow : s->dim,
              truth[st.value], s->off);
      break;
    }
  }
}

/* "  LABEL: a, b" for a list of facts of the verdict, if not empty. */
static void fact_line(FILE *out, const char *label, const lexloci_verdict *v,
                      size_t (*count)(const lexloci_verdict *),
                      lexloci_fact (*nth)(const lexloci_verdict *, size_t))
{
  size_t n = count(v);
  if (!n)
    return;
  fprintf(out, "  %s:", label);
  for (size_t i = 0; i < n; i++)
    fprintf(out, "%s %s", i ? "," : "", lexloci_fact_name(nth(v, i)));
  fputc('\n', out);
}

void report_text(FILE *out, const lexloci_verdict *v, bool with_trace,
                 bool color)
{
  const style *s = color ? &ansi : &plain;
  lexloci_outcome kind = lexloci_verdict_kind(v);
  char name[64], summary[4096];
  upper(name, lexloci_outcome_name(kind), sizeof name);
  lexloci_verdict_summary(v, summary, sizeof summary);
  fprintf(out, "%sVerdict: %s%s%s\n", s->bold, color_of(s, kind), name,
          s->off);
  wrap(out, summary, 2, 0);
  if (lexloci_verdict_unsettled(v))
    wrap(out, "Unsettled: some findings below say the law is not settled "
              "on their point.", 2, 0);
  fact_line(out, "Ask next", v, lexloci_verdict_missing_count,
            lexloci_verdict_missing);
  fact_line(out, "Ask before a deadline runs", v,
            lexloci_verdict_refine_count, lexloci_verdict_refine);
  unsigned cats = lexloci_verdict_categories(v);
  if (__builtin_popcount(cats) > 1) {
    fputs("  By category:", out);
    for (int k = 0; k < LEXLOCI_CATEGORY_COUNT; k++)
      if (cats >> k & 1)
        fprintf(out, " %s %s;", lexloci_category_name((lexloci_category)k),
                lexloci_outcome_name(
                    lexloci_verdict_category(v, (lexloci_category)k)));
    fputc('\n', out);
  }
  for (size_t g = 0; g < lexloci_verdict_regime_count(v); g++) {
    lexloci_regime_result r;
    lexloci_verdict_regime(v, g, &r);
    fprintf(out, "\n%s%s%s", s->bold, r.id, s->off);
    if (r.title)
      fprintf(out, " (%s)", r.title);
    fprintf(out, ": %s%s%s%s\n", color_of(s, r.outcome),
            lexloci_outcome_name(r.outcome), s->off,
            lexloci_verdict_regime_unsettled(v, g) ? " (with unsettled points)"
                                                   : "");
    if (r.outcome == LEXLOCI_UNDETERMINED) {
      fputs("  could be:", out);
      for (int o = 0; o < LEXLOCI_OUTCOME_COUNT; o++)
        if (r.possible >> o & 1)
          fprintf(out, " %s", lexloci_outcome_name((lexloci_outcome)o));
      fputs("; depends on:", out);
      for (size_t j = 0; j < r.nmissing; j++)
        fprintf(out, " %s", lexloci_fact_name(
                                lexloci_verdict_regime_missing(v, g, j)));
      fputc('\n', out);
    }
    for (size_t j = 0; j < r.nfindings; j++)
      finding(out, s, v, lexloci_verdict_regime_finding(v, g, j));
  }
  size_t nc = lexloci_verdict_conflict_count(v);
  if (nc)
    fprintf(out, "\n%sConflicts%s\n", s->bold, s->off);
  for (size_t i = 0; i < nc; i++) {
    lexloci_conflict cf;
    lexloci_verdict_conflict(v, i, &cf);
    fprintf(out, "  %s%s requires, %s forbids%s\n", s->red, cf.regime_a,
            cf.regime_b, s->off);
    if (cf.text)
      wrap(out, cf.text, 4, 0);
    for (size_t j = 0; j < cf.ncitations; j++)
      cite_line(out, s, lexloci_verdict_conflict_citation(v, i, j), 4);
  }
  size_t na = lexloci_verdict_action_count(v);
  if (na)
    fprintf(out, "\n%sActions%s\n", s->bold, s->off);
  for (size_t i = 0; i < na; i++) {
    lexloci_action a;
    lexloci_verdict_action(v, i, &a);
    fprintf(out, "  %zu. %s%s%s (by %s", i + 1, s->bold, a.id, s->off, a.by);
    if (a.deadline)
      fprintf(out, "; deadline %s from %s", a.deadline, a.deadline_from);
    fputs(")\n", out);
    wrap(out, a.text, 5, 0);
    for (size_t j = 0; j < a.ncitations; j++)
      cite_line(out, s, lexloci_verdict_action_citation(v, i, j), 5);
  }
  if (with_trace)
    explain(out, s, v);
}
