/*
** test_vocab.c: the case vocabulary against case.md's contract, and the
** constants the evaluator relies on.
*/
#include "helpers.h"

#include "country.h"
#include "vocab.h"

LX_SUITE(vocab);

LX_TEST(vocab, fixed_indices_match_the_table)
{
  cr_assert_str_eq(lx_facts[LX_F_ID].path, "request.id");
  cr_assert_str_eq(lx_facts[LX_F_DATE].path, "request.date");
  cr_assert_str_eq(lx_facts[LX_F_ISSUING_STATE].path,
                   "request.issuing_state");
  cr_assert_str_eq(lx_facts[LX_F_ADDRESSEE_STATE].path,
                   "request.addressee_state");
  cr_assert_str_eq(lx_facts[LX_F_INSTRUMENT].path, "request.instrument");
  cr_assert_str_eq(lx_facts[LX_F_CATEGORIES].path,
                   "request.data_categories");
  cr_assert_str_eq(lx_facts[LX_F_HEADQUARTERS].path,
                   "provider.headquarters");
  cr_assert_str_eq(lx_facts[LX_F_LEGAL_REP].path,
                   "provider.legal_representative");
  cr_assert_str_eq(lx_facts[LX_F_LOCATIONS].path, "data.locations");
  cr_assert_str_eq(lx_facts[LX_F_ALL_CATEGORIES].path,
                   "request.all_data_categories");
  cr_assert(lx_fact_derived(LX_F_ALL_CATEGORIES));
  for (int f = 0; f < lx_nfacts; f++) /* the one derived fact */
    cr_assert_eq(lx_fact_derived(f), f == LX_F_ALL_CATEGORIES);
  cr_assert_str_eq(lx_domains[LX_DOM_INSTRUMENT].values[LX_I_EPO],
                   "european_production_order");
  cr_assert_str_eq(lx_domains[LX_DOM_INSTRUMENT].values[LX_I_EPRO],
                   "european_preservation_order");
  /* Categories follow lexloci_category. */
  cr_assert_str_eq(lx_domains[LX_DOM_CATEGORY].values[LEXLOCI_CONTENT],
                   "content");
  cr_assert_lt(lx_nfacts, 64); /* facts fit a uint64_t mask */
}

LX_TEST(vocab, case_md_vocabulary)
{
  /* Every fact of spec/case.md, contract v1. */
  static const char *const paths[] = {
    "request.id", "request.date", "request.issuing_state",
    "request.authority", "request.validated_by", "request.addressee_state",
    "request.instrument", "request.purpose", "request.data_categories",
    "request.emergency", "request.nondisclosure_order",
    "request.customer_notice", "request.challenge.by",
    "request.challenge.status", "request.offence.max_sentence_years",
    "request.offence.sentence_imposed_months", "request.offence.categories",
    "request.offence.by_information_system", "request.offence.indictable",
    "request.offence.committed_in", "request.target.us_person",
    "request.target.nationality", "request.target.residence",
    "request.target.location", "provider.name", "provider.headquarters",
    "provider.presence", "provider.offers_services_in",
    "provider.public_service", "provider.legal_representative",
    "provider.services", "provider.technical_access", "provider.gdpr_role",
    "data.locations", "data.holder", "data.holder_state", "data.personal",
    "data.possession_or_control", "data.sca_storage", "data.protected",
    "data.consent", "data.disclosure_barred_by"};
  size_t given = 0; /* facts a case may give: all but the derived */
  for (size_t f = 0; f < lexloci_fact_count(); f++)
    given += !lexloci_fact_derived((lexloci_fact)f);
  cr_assert_eq(given, sizeof paths / sizeof paths[0]);
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
    cr_assert_geq(lexloci_fact_lookup(paths[i]), 0, "%s", paths[i]);
  /* The defaults case.md names. */
  cr_assert_eq(lx_facts[lexloci_fact_lookup("request.emergency")].def,
               LX_DEF_FALSE);
  cr_assert_eq(lx_facts[lexloci_fact_lookup("provider.public_service")].def,
               LX_DEF_TRUE);
  cr_assert_str_eq(
      lx_facts[lexloci_fact_lookup("request.customer_notice")].def_enum,
      "none");
  cr_assert_eq(lx_facts[lexloci_fact_lookup("data.consent")].def,
               LX_DEF_EMPTY);
  cr_assert_eq(lx_facts[lexloci_fact_lookup("data.personal")].def,
               LX_NODEFAULT);
}

LX_TEST(vocab, country_table_and_list_agree)
{
  const char *list = lx_country_list();
  int n = 0;
  for (const char *p = list; p[0] && p[1]; p += p[2] ? 3 : 2, n++)
    cr_assert_geq(lx_country_index(p, 2), 0, "%.2s", p);
  cr_assert_eq(n, 250); /* 249 assigned codes plus XK */
  int assigned = 0;
  for (int i = 0; i < LX_COUNTRY_SLOTS; i++)
    assigned += lx_country_assigned(i);
  cr_assert_eq(assigned, 250);
  cr_assert_eq(lx_country_index("UK", 2), -1);
  cr_assert_eq(lx_country_index("EU", 2), -1);
  cr_assert_eq(lx_country_index("gb", 2), -1);
}

/* The case loader's hash of paths: every fact, every group above one,
   nothing else (a prefix cut inside a word, a trailing dot, a near miss). */
LX_TEST(vocab, fact_index)
{
  lx_factindex x;
  lx_factindex_build(&x);
  int used = 0;
  for (int i = 0; i < LX_FACTINDEX_SLOTS; i++)
    used += x.slot[i] != 0;
  cr_assert_lt(used * 2, LX_FACTINDEX_SLOTS, "%d slots used", used);
  for (int f = 0; f < lx_nfacts; f++) {
    const char *p = lx_facts[f].path;
    cr_assert_eq(lx_factindex_find(&x, p, strlen(p)), f, "%s", p);
    for (const char *dot = strchr(p, '.'); dot; dot = strchr(dot + 1, '.'))
      cr_assert_eq(lx_factindex_find(&x, p, (size_t)(dot - p)),
                   LX_FACT_GROUP, "%.*s", (int)(dot - p), p);
  }
  static const char *const none[] = {"", "request.", "request.offenc",
                                     "request.offence.",
                                     "request.issuing_statex", "x.y"};
  for (size_t i = 0; i < LX_COUNTOF(none); i++)
    cr_assert_eq(lx_factindex_find(&x, none[i], strlen(none[i])), -1, "%s",
                 none[i]);
  cr_assert_eq(lx_factindex_find(&x, "request", 7), LX_FACT_GROUP);
}
