/*
** handus.c: the limit. A C function, written by hand, that decides the
** bundled us.cloud_act rules (the files of rules/us) for one data category over
** a plain struct, as a programmer would without lexloci: facts known,
** if-chains, overrides spelled out. The benchmark checks it against
** lexloci's us.cloud_act outcome and findings on every case where it
** applies (every fact the US rules read is given, one category) and prints
** lexloci's evaluation time (all five regimes, the whole verdict) as a
** ratio to it. When the US rules change, update this file: the benchmark
** prints how many cases disagree.
** See LICENSE for copying conditions.
*/
#include <stdlib.h>
#include <string.h>

#include "synth.h"

/* ------------------------------------------------------------------ */
/* The case as plain data                                               */
/* ------------------------------------------------------------------ */

#define CC(a, b) ((a) << 8 | (b)) /* a country code as an int */
enum { US = CC('U', 'S'), GB = CC('G', 'B'), AU = CC('A', 'U') };

enum { I_WARRANT, I_COURT_ORDER, I_SUBPOENA, I_PRESERVATION,
       I_MLA_PRESERVATION, I_EPRO, I_MLAT, I_VOLUNTARY, I_OTHER };
enum { K_SUBSCRIBER, K_IDENTIFICATION, K_TRAFFIC, K_CONTENT };

typedef struct clist {
  int c[BENCH_MAX_LIST];
  int n;
} clist;

typedef struct uscase {
  int date;                  /* days since 1970-01-01 */
  int state, instrument, category;
  bool services_known, services_ecs_rcs;
  clist presence, offers, locations, nationality, barred;
  int notice_given_or_delayed;
  bool sca_over180_or_rcs, possession, public_service, us_person;
  int residence, location, headquarters;
  bool nondisclosure, enterprise_holder, technical_access, emergency;
  bool consent_holder;       /* the generator never sets data.consent */
  bool purpose_civil_admin_intel;
  double max_sentence;
} uscase;

static bool has(const clist *l, int c)
{
  for (int i = 0; i < l->n; i++)
    if (l->c[i] == c)
      return true;
  return false;
}

/* us_executive_agreement_partners as of date. */
static bool partner(int c, int date)
{
  return (c == GB && date >= 19268) || (c == AU && date >= 19753);
}

static bool any_partner(const clist *l, int date)
{
  for (int i = 0; i < l->n; i++)
    if (partner(l->c[i], date))
      return true;
  return false;
}

static bool all_partners(const clist *l, int date)
{
  for (int i = 0; i < l->n; i++)
    if (!partner(l->c[i], date))
      return false;
  return true;
}

/* ------------------------------------------------------------------ */
/* The decision                                                         */
/* ------------------------------------------------------------------ */

typedef struct usanswer {
  lexloci_outcome outcome;
  int nfindings;
} usanswer;

/* Strength of each effect when findings differ (docs/rule-language.md). */
enum { S_INFO = 0, S_NA = 1, S_NC = 2, S_MAY = 3, S_PRESERVE = 4,
       S_MUST = 5, S_MUST_NOT = 6 };

static usanswer decide_us(const uscase *x, bool gdpr_must_not)
{
  bool us = x->state == US;
  int ins = x->instrument, cat = x->category;
  bool content = cat == K_CONTENT, wcs = ins == I_WARRANT ||
      ins == I_COURT_ORDER || ins == I_SUBPOENA;
  bool in_force = x->date >= 17613; /* 2018-03-23 */
  /* Reach. */
  bool not_sca = x->services_known && !x->services_ecs_rcs;
  bool not_reached = us && !has(&x->presence, US) && !has(&x->offers, US);
  bool services_only = us && !has(&x->presence, US) && has(&x->offers, US);
  /* § 2703 tiers. */
  bool warrant_content = us && ins == I_WARRANT && content;
  bool records = us && (ins == I_WARRANT || ins == I_COURT_ORDER) && !content;
  bool bsi = us && ins == I_SUBPOENA &&
             (cat == K_SUBSCRIBER || cat == K_IDENTIFICATION);
  bool traffic_nc = us && ins == I_SUBPOENA && cat == K_TRAFFIC;
  bool content_nc = us && (ins == I_COURT_ORDER || ins == I_SUBPOENA) &&
                    content;
  bool prior_notice = content_nc && x->notice_given_or_delayed &&
                      x->sca_over180_or_rcs;
  bool preservation = us && ins == I_PRESERVATION;
  bool no_control = us && (wcs || ins == I_PRESERVATION) && !x->possession;
  /* What to do. */
  bool public_content_foreign_customer = content && x->public_service &&
      !x->us_person && x->residence != US;
  bool comity_motion = in_force && us && wcs &&
      public_content_foreign_customer && any_partner(&x->barred, x->date);
  bool common_law = in_force && us && wcs &&
      (gdpr_must_not || !all_partners(&x->barred, x->date) ||
       (any_partner(&x->barred, x->date) &&
        !public_content_foreign_customer));
  bool qfg = in_force && us && wcs && content && x->public_service &&
             x->nondisclosure &&
             (any_partner(&x->nationality, x->date) ||
              partner(x->residence, x->date));
  bool notify = us && wcs && !x->nondisclosure;
  bool gag = us && wcs && x->nondisclosure;
  bool enterprise = us && wcs && x->enterprise_holder;
  bool abroad = false;
  for (int i = 0; i < x->locations.n; i++)
    abroad |= x->locations.c[i] != US;
  /* DOJ policy on process for data abroad: OIA's concurrence for a
     subpoena (oia_approval), unsettled for an order or warrant
     (oia_other_process). */
  bool oia_subpoena = us && ins == I_SUBPOENA && abroad;
  bool oia_other = us && (ins == I_WARRANT || ins == I_COURT_ORDER) && abroad;
  /* A provider headquartered abroad, present in the US, data only abroad:
     control is the question (foreign_parent_control). */
  bool parent_control = in_force && us && (wcs || ins == I_PRESERVATION) &&
                        x->headquarters != US && has(&x->presence, US) &&
                        !has(&x->locations, US);
  bool no_plaintext = us && wcs && content && !x->technical_access;
  bool vol_barred = us && ins == I_VOLUNTARY && x->public_service;
  bool vol_emergency = vol_barred && x->emergency;
  bool vol_consent = vol_barred && x->consent_holder;
  bool vol_non_public = us && ins == I_VOLUNTARY && !x->public_service;
  /* Foreign demands. */
  bool foreign = !us && ins != I_MLAT && ins != I_MLA_PRESERVATION &&
                 ins != I_PRESERVATION && ins != I_EPRO;
  bool data_us = has(&x->locations, US), hq_us = x->headquarters == US;
  bool f_barred = foreign && content && x->public_service && data_us;
  bool f_barred_abroad = foreign && content && x->public_service && hq_us &&
                         !data_us;
  bool f_ea = in_force && partner(x->state, x->date) && foreign &&
              ins != I_VOLUNTARY && content &&
              (hq_us || has(&x->presence, US) || data_us) &&
              !x->purpose_civil_admin_intel && !x->us_person &&
              x->location != US && x->max_sentence >= 3;
  bool f_consent = foreign && content && (hq_us || data_us) &&
                   x->consent_holder;
  bool f_non_public = foreign && content && !x->public_service &&
                      (hq_us || data_us);
  bool f_records = foreign && !content &&
                   (hq_us || has(&x->presence, US) || data_us);
  bool f_unsettled = foreign && content && !hq_us &&
                     has(&x->presence, US) && !data_us;
  /* Standing: overrides and exceptions, by hand. */
  bool reach_out = not_sca || not_reached;
  int best = -1, n = 0;
  bool any_applies = false;
#define STAND(cond, defeated, s)                                         \
  do {                                                                   \
    if (cond) {                                                          \
      any_applies = true;                                                \
      if (!(defeated)) {                                                 \
        n++;                                                             \
        if ((s) > best)                                                  \
          best = (s);                                                    \
      }                                                                  \
    }                                                                    \
  } while (0)
  STAND(not_sca, false, S_NA);
  STAND(not_reached, not_sca, S_NA);
  STAND(services_only, not_sca, S_INFO);
  STAND(warrant_content, reach_out || no_control, S_MUST);
  STAND(records, reach_out || no_control, S_MUST);
  STAND(bsi, reach_out || no_control, S_MUST);
  STAND(traffic_nc, reach_out, S_NC);
  STAND(content_nc, reach_out || prior_notice, S_NC);
  STAND(prior_notice, reach_out || no_control, S_MUST);
  STAND(preservation, reach_out || no_control, S_PRESERVE);
  STAND(no_control, reach_out, S_NC);
  STAND(comity_motion, reach_out, S_INFO);
  STAND(common_law, reach_out, S_INFO);
  STAND(qfg, reach_out, S_INFO);
  STAND(notify, reach_out, S_INFO);
  STAND(gag, reach_out, S_INFO);
  STAND(enterprise, reach_out, S_INFO);
  STAND(oia_subpoena, reach_out, S_INFO);
  STAND(oia_other, reach_out, S_INFO);
  STAND(parent_control, false, S_INFO);
  STAND(no_plaintext, reach_out, S_INFO);
  STAND(vol_barred, reach_out || vol_emergency || vol_consent, S_MUST_NOT);
  STAND(vol_emergency, reach_out, S_MAY);
  STAND(vol_consent, reach_out, S_MAY);
  STAND(vol_non_public, reach_out, S_MAY);
  STAND(f_barred, not_sca || f_ea || f_consent, S_MUST_NOT);
  STAND(f_barred_abroad, not_sca || f_ea || f_consent, S_MUST_NOT);
  STAND(f_ea, not_sca, S_MAY);
  STAND(f_consent, not_sca, S_MAY);
  STAND(f_non_public, not_sca, S_MAY);
  STAND(f_records, not_sca, S_MAY);
  STAND(f_unsettled, not_sca || f_ea, S_INFO);
#undef STAND
  static const lexloci_outcome of[] = {
    LEXLOCI_NOT_COMPELLABLE, LEXLOCI_NOT_APPLICABLE, LEXLOCI_NOT_COMPELLABLE,
    LEXLOCI_MAY_DISCLOSE, LEXLOCI_MUST_PRESERVE, LEXLOCI_MUST_DISCLOSE,
    LEXLOCI_MUST_NOT_DISCLOSE};
  usanswer a;
  a.nfindings = n;
  if (!any_applies)
    a.outcome = LEXLOCI_NOT_APPLICABLE;
  else if (best <= S_INFO && n > 0)
    a.outcome = LEXLOCI_NOT_COMPELLABLE;
  else if (best < 0)
    a.outcome = LEXLOCI_NOT_COMPELLABLE; /* applies, nothing stands */
  else
    a.outcome = of[best];
  return a;
}

/* ------------------------------------------------------------------ */
/* From a generated case                                                */
/* ------------------------------------------------------------------ */

static int code(const char *s)
{
  return CC(s[0], s[1]);
}

static int days(const char *s)
{
  int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
  /* Days from civil (H. Hinnant). */
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void clist_of(const bench_fact *f, clist *l)
{
  l->n = 0;
  for (int i = 0; i < f->n; i++)
    l->c[l->n++] = code(f->s[i]);
}

static bool in(const char *s, const char *const *v)
{
  for (; *v; v++)
    if (strcmp(s, *v) == 0)
      return true;
  return false;
}

/* The struct for bc, or false when bc does not suit: several categories,
   or a fact the US rules read left unknown. */
static bool uscase_of(const bench_case *bc, uscase *x)
{
  static const char *const needed[] = {"provider.services",
    "provider.presence", "provider.offers_services_in",
    "request.target.us_person", "request.target.residence",
    "request.target.nationality", "data.holder", "data.sca_storage",
    "provider.headquarters", "request.purpose", "request.target.location",
    "request.offence.max_sentence_years", NULL};
  int found = 0;
  memset(x, 0, sizeof *x);
  x->possession = x->public_service = x->technical_access = true;
  for (int i = 0; i < bc->n; i++) {
    const bench_fact *f = &bc->f[i];
    const char *p = f->path, *s = f->s[0];
    if (in(p, needed))
      found++;
    if (f->kind == BV_NULL)
      continue;
    if (!strcmp(p, "request.date")) {
      x->date = days(s);
    } else if (!strcmp(p, "request.issuing_state")) {
      x->state = code(s);
    } else if (!strcmp(p, "request.instrument")) {
      static const char *const names[] = {"warrant", "court_order",
        "subpoena", "preservation_request", "mla_preservation_request",
        "european_preservation_order", "mlat_request", "voluntary_request"};
      x->instrument = I_OTHER;
      for (int k = 0; k < 8; k++)
        if (!strcmp(s, names[k]))
          x->instrument = k;
    } else if (!strcmp(p, "request.data_categories")) {
      if (f->n != 1)
        return false;
      static const char *const names[] = {"subscriber", "identification",
                                          "traffic", "content"};
      for (int k = 0; k < 4; k++)
        if (!strcmp(s, names[k]))
          x->category = k;
    } else if (!strcmp(p, "provider.services")) {
      x->services_known = true;
      for (int k = 0; k < f->n; k++)
        x->services_ecs_rcs |= !strcmp(f->s[k], "ecs") ||
                               !strcmp(f->s[k], "rcs");
    } else if (!strcmp(p, "provider.presence")) {
      clist_of(f, &x->presence);
    } else if (!strcmp(p, "provider.offers_services_in")) {
      clist_of(f, &x->offers);
    } else if (!strcmp(p, "data.locations")) {
      clist_of(f, &x->locations);
    } else if (!strcmp(p, "request.target.nationality")) {
      clist_of(f, &x->nationality);
    } else if (!strcmp(p, "data.disclosure_barred_by")) {
      clist_of(f, &x->barred);
    } else if (!strcmp(p, "request.customer_notice")) {
      x->notice_given_or_delayed = strcmp(s, "none") != 0;
    } else if (!strcmp(p, "data.sca_storage")) {
      for (int k = 0; k < f->n; k++)
        x->sca_over180_or_rcs |= strcmp(f->s[k], "ecs_180_days_or_less");
    } else if (!strcmp(p, "data.possession_or_control")) {
      x->possession = f->b;
    } else if (!strcmp(p, "provider.public_service")) {
      x->public_service = f->b;
    } else if (!strcmp(p, "request.target.us_person")) {
      x->us_person = f->b;
    } else if (!strcmp(p, "request.target.residence")) {
      x->residence = code(s);
    } else if (!strcmp(p, "request.target.location")) {
      x->location = code(s);
    } else if (!strcmp(p, "provider.headquarters")) {
      x->headquarters = code(s);
    } else if (!strcmp(p, "request.nondisclosure_order")) {
      x->nondisclosure = f->b;
    } else if (!strcmp(p, "data.holder")) {
      x->enterprise_holder = strcmp(s, "consumer") != 0;
    } else if (!strcmp(p, "provider.technical_access")) {
      x->technical_access = f->b;
    } else if (!strcmp(p, "request.emergency")) {
      x->emergency = f->b;
    } else if (!strcmp(p, "request.purpose")) {
      x->purpose_civil_admin_intel = !strcmp(s, "civil") ||
          !strcmp(s, "administrative") || !strcmp(s, "intelligence");
    } else if (!strcmp(p, "request.offence.max_sentence_years")) {
      x->max_sentence = f->num;
    }
  }
  return found == (int)(sizeof needed / sizeof *needed) - 1;
}

/* ------------------------------------------------------------------ */
/* The figure                                                           */
/* ------------------------------------------------------------------ */

/* The US regime's outcome in a verdict of a rule set holding it. */
static lexloci_outcome us_outcome(const lexloci_ruleset *rs,
                                  const lexloci_verdict *v)
{
  for (size_t g = 0; g < lexloci_ruleset_regime_count(rs); g++) {
    lexloci_regime_result r;
    if (!strcmp(lexloci_ruleset_regime_id(rs, g), "us.cloud_act") &&
        lexloci_verdict_regime(v, g, &r) == LEXLOCI_OK)
      return r.outcome;
  }
  return LEXLOCI_UNDETERMINED;
}

/* Cases decided between two readings of the clock when interleaved. */
enum { BLOCK = 8 };

/* The figures above repeat the hand-written function 64 times on one case
   (it is shorter than the clock's resolution), so its branches are
   predicted perfectly, while lexloci decides each case once. Here both
   are timed alike, as an intake system meets cases: a block of BLOCK
   consecutive cases, each different from the one before, decided between
   two readings of the clock (lexloci with a case object per case, prepared
   beforehand); each block keeps its best of reps passes over all the
   blocks, and the statistics are over blocks. */
static void interleaved_us(const lexloci_ruleset *rs,
                           const lexloci_ruleset *usrs,
                           const bench_case *cases, const int *idx,
                           const uscase *xs, const bool *gm, int n, int reps,
                           double timer_ns)
{
  const lexloci_ruleset *rsets[2] = {rs, usrs};
  lexloci_case *pool[2][BLOCK] = {{NULL}};
  size_t nb = (size_t)(n / BLOCK);
  double *t[3];
  for (int e = 0; e < 3; e++)
    t[e] = calloc(nb + 1, sizeof *t[e]);
  bool ok = nb > 0;
  for (int s = 0; s < 2; s++)
    for (int k = 0; k < BLOCK && rsets[s]; k++)
      ok &= lexloci_case_new(rsets[s], &pool[s][k]) == LEXLOCI_OK;
  volatile int sink = 0;
  for (int rep = 0; ok && rep < reps; rep++)
    for (size_t b = 0; b < nb; b++) {
      int from = (int)b * BLOCK;
      const lexloci_verdict *v;
      double d[3] = {0, 0, 0};
      for (int s = 0; s < 2 && rsets[s]; s++) {
        for (int k = 0; k < BLOCK; k++)
          bench_case_apply(&cases[idx[from + k]], pool[s][k]);
        uint64_t t0 = bench_now();
        for (int k = 0; k < BLOCK; k++)
          lexloci_eval(pool[s][k], &v, NULL);
        d[s == 0 ? 0 : 2] = (double)(bench_now() - t0) - timer_ns;
      }
      uint64_t t0 = bench_now();
      for (int k = from; k < from + BLOCK; k++)
        sink += (int)decide_us(&xs[k], gm[k]).outcome;
      d[1] = (double)(bench_now() - t0) - timer_ns;
      for (int e = 0; e < 3; e++) {
        d[e] = (d[e] > 0 ? d[e] : 0) / BLOCK;
        if (rep == 0 || d[e] < t[e][b])
          t[e][b] = d[e];
      }
    }
  (void)sink;
  if (ok) {
    bench_stats sl = bench_summarise(t[0], nb), sh = bench_summarise(t[1], nb);
    long nr = (long)lexloci_ruleset_rule_count(rsets[0]);
    printf("  interleaved (%zu blocks of %d different cases): hand-written "
           "US %.3f us, lexloci %.3f us: x%.1f\n", nb, BLOCK,
           sh.median / 1e3, sl.median / 1e3, sl.median / sh.median);
    bench_csv("bundled", "c-hand-us", nr, "interleaved_median_us",
              sh.median / 1e3, "us");
    bench_csv("bundled", "lexloci-us-cases", nr, "interleaved_median_us",
              sl.median / 1e3, "us");
    if (rsets[1]) {
      bench_stats su = bench_summarise(t[2], nb);
      printf("  interleaved, lexloci on the US set %.3f us: x%.1f\n",
             su.median / 1e3, su.median / sh.median);
      bench_csv("bundled", "lexloci-us-set",
                (long)lexloci_ruleset_rule_count(rsets[1]),
                "interleaved_median_us", su.median / 1e3, "us");
    }
  }
  for (int s = 0; s < 2; s++)
    for (int k = 0; k < BLOCK; k++)
      lexloci_case_free(pool[s][k]);
  for (int e = 0; e < 3; e++)
    free(t[e]);
}

void handwritten_us_bench(const lexloci_ruleset *rs, const char *rules,
                          const bench_case *cases, int ncases, int reps,
                          double timer_ns)
{
  size_t us = SIZE_MAX, gdpr = SIZE_MAX;
  for (size_t g = 0; g < lexloci_ruleset_regime_count(rs); g++) {
    if (!strcmp(lexloci_ruleset_regime_id(rs, g), "us.cloud_act"))
      us = g;
    if (!strcmp(lexloci_ruleset_regime_id(rs, g), "eu.gdpr_art48"))
      gdpr = g;
  }
  if (us == SIZE_MAX || gdpr == SIZE_MAX)
    return;
  lexloci_case *c = NULL, *cu = NULL;
  if (lexloci_case_new(rs, &c) != LEXLOCI_OK)
    return;
  /* Like for like: the rule set of the US regime (and the GDPR regime its
     rules read), on the same cases. */
  lexloci_ruleset *usrs = bench_us_ruleset(rules);
  if (usrs && lexloci_case_new(usrs, &cu) != LEXLOCI_OK)
    cu = NULL;
  int us_disagree = 0;
  uscase *xs = calloc((size_t)ncases, sizeof *xs);
  bool *gm = calloc((size_t)ncases, sizeof *gm);
  int *idx = calloc((size_t)ncases, sizeof *idx);
  double *tl = calloc((size_t)ncases, sizeof *tl),
         *th = calloc((size_t)ncases, sizeof *th),
         *tu = calloc((size_t)ncases, sizeof *tu);
  int n = 0, disagree = 0;
  for (int i = 0; i < ncases; i++) {
    uscase x;
    const lexloci_verdict *v;
    lexloci_regime_result rg, rr;
    if (!uscase_of(&cases[i], &x) || !bench_case_apply(&cases[i], c) ||
        lexloci_eval(c, &v, NULL) != LEXLOCI_OK ||
        lexloci_verdict_regime(v, us, &rr) != LEXLOCI_OK ||
        lexloci_verdict_regime(v, gdpr, &rg) != LEXLOCI_OK ||
        rr.outcome == LEXLOCI_UNDETERMINED ||
        rg.outcome == LEXLOCI_UNDETERMINED)
      continue;
    bool g = rg.outcome == LEXLOCI_MUST_NOT_DISCLOSE;
    usanswer a = decide_us(&x, g);
    if (a.outcome != rr.outcome || a.nfindings != (int)rr.nfindings) {
      disagree++;
      continue;
    }
    if (cu && (!bench_case_apply(&cases[i], cu) ||
               lexloci_eval(cu, &v, NULL) != LEXLOCI_OK ||
               us_outcome(usrs, v) != rr.outcome))
      us_disagree++;
    xs[n] = x;
    gm[n] = g;
    idx[n++] = i;
  }
  /* Each case's best of the passes, both ways. */
  volatile int sink = 0;
  for (int rep = 0; rep < reps; rep++)
    for (int i = 0; i < n; i++) {
      const lexloci_verdict *v;
      bench_case_apply(&cases[idx[i]], c);
      uint64_t t0 = bench_now();
      lexloci_eval(c, &v, NULL);
      double d = (double)(bench_now() - t0) - timer_ns;
      if (rep == 0 || d < tl[i])
        tl[i] = d;
      enum { K = 64 };
      t0 = bench_now();
      for (int k = 0; k < K; k++)
        sink += (int)decide_us(&xs[i], gm[i]).outcome;
      d = ((double)(bench_now() - t0) - timer_ns) / K;
      if (rep == 0 || d < th[i])
        th[i] = d;
      if (cu) {
        bench_case_apply(&cases[idx[i]], cu);
        t0 = bench_now();
        lexloci_eval(cu, &v, NULL);
        d = (double)(bench_now() - t0) - timer_ns;
        if (rep == 0 || d < tu[i])
          tu[i] = d;
      }
    }
  (void)sink;
  interleaved_us(rs, cu ? usrs : NULL, cases, idx, xs, gm, n, reps,
                 timer_ns);
  bench_stats sl = bench_summarise(tl, (size_t)n),
              sh = bench_summarise(th, (size_t)n);
  printf("  hand-written US    median %8.3f us on %d cases it decides (%d "
         "disagree with lexloci%s)\n", sh.median / 1e3, n, disagree,
         disagree ? ": update handus.c" : "");
  printf("  lexloci, same cases median %7.3f us: x%.1f the hand-written US "
         "function   (target <= 3)\n", sl.median / 1e3,
         sl.median / sh.median);
  long nr = (long)lexloci_ruleset_rule_count(rs);
  bench_csv("bundled", "c-hand-us", nr, "eval_median_us", sh.median / 1e3,
            "us");
  bench_csv("bundled", "lexloci-us-cases", nr, "eval_median_us",
            sl.median / 1e3, "us");
  bench_csv("bundled", "lexloci", nr, "ratio_to_hand_us",
            sl.median / sh.median, "");
  bench_csv("bundled", "c-hand-us", nr, "disagree", disagree, "");
  if (cu) {
    bench_stats su = bench_summarise(tu, (size_t)n);
    long nu = (long)lexloci_ruleset_rule_count(usrs);
    printf("  lexloci, US set    median %7.3f us: x%.1f the hand-written US "
           "function   (us.cloud_act and the eu.gdpr_art48 it reads, %ld "
           "rules; %d disagree)\n", su.median / 1e3, su.median / sh.median,
           nu, us_disagree);
    bench_csv("bundled", "lexloci-us-set", nu, "eval_median_us",
              su.median / 1e3, "us");
    bench_csv("bundled", "lexloci-us-set", nu, "ratio_to_hand_us",
              su.median / sh.median, "");
  }
  free(xs);
  free(gm);
  free(idx);
  free(tl);
  free(th);
  free(tu);
  lexloci_case_free(c);
  lexloci_case_free(cu);
  lexloci_ruleset_free(usrs);
}
