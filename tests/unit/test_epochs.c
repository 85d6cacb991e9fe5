/*
** test_epochs.c: the rule set's epoch table (defs.c, lexloci_ruleset.
** epoch_sets) gives, for every date, the members each set's own timeline
** gives; a case with an assumed set reads its own timeline instead.
*/
#include "helpers.h"

#include "case.h"
#include "country.h"
#include "date.h"
#include "eval.h"

static const char sets_yaml[] =
    "citations:\n"
    "  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
    "sets:\n"
    "  a:\n"
    "    title: A\n    cite: [c1]\n"
    "    members:\n"
    "      FR: {from: 1958-01-01}\n"
    "      GB: {from: 1973-01-01, until: 2020-01-31}\n"
    "      HR: {from: 2013-07-01}\n"
    "  b:\n"
    "    title: B\n    cite: [c1]\n"
    "    members:\n"
    "      US: {from: 2018-03-23}\n"
    "      GB: {from: 2022-10-03, until: 2030-12-31}\n"
    "  c:\n"
    "    title: C\n    cite: [c1]\n"
    "    members: [JP]\n";

static lexloci_ruleset *load_sets(void)
{
  lexloci_ruleset *rs = NULL;
  diags d;
  cr_assert_eq(load_rules(sets_yaml, &rs, &d), LEXLOCI_OK, "%s", d.text);
  return rs;
}

/* Prepares c as of date: its sets' members then. */
static void prepare_on(lexloci_case *c, int32_t date)
{
  c->vals[LX_F_DATE].v.u.date = date;
  lx_eval_prepare(c);
}

/* Day ymd ("YYYY-MM-DD"). */
static int32_t day(const char *ymd)
{
  int32_t d = 0;
  cr_assert(lx_date_parse(ymd, strlen(ymd), &d), "%s", ymd);
  return d;
}

/* Every date either side of every start of every set's timeline. */
LX_TEST(epochs, agree_with_each_timeline)
{
  lexloci_ruleset *rs = load_sets();
  cr_assert_eq(rs->nsets, 3);
  /* Starts: the beginning of time, 1958, 1973, 2013, 2018, 2020-02-01,
     2022, 2031-01-01. */
  cr_assert_eq(rs->nepochs, 8);
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  for (size_t s = 0; s < rs->nsets; s++)
    for (size_t k = 0; k < rs->sets[s].tl.n; k++)
      for (int32_t d = -1; d <= 1; d++) {
        int32_t date = rs->sets[s].tl.starts[k] + (k ? d : 1);
        prepare_on(c, date);
        for (size_t i = 0; i < rs->nsets; i++)
          cr_assert_eq(c->setbits[i], lx_timeline_at(&rs->sets[i].tl, date),
                       "set %zu on day %d", i, (int)date);
      }
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

LX_TEST(epochs, members_as_of_the_date)
{
  lexloci_ruleset *rs = load_sets();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  unsigned gb = (unsigned)lx_country_index("GB", 2);
  prepare_on(c, day("2020-01-31"));
  cr_assert(lx_bits_has(c->setbits[0], gb), "GB in a on its last day");
  prepare_on(c, day("2020-02-01"));
  cr_assert_not(lx_bits_has(c->setbits[0], gb), "GB out of a the day after");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}

/* A what-if that assumes a set's members reads them, not the table. */
LX_TEST(epochs, assumed_set_overrides_the_table)
{
  lexloci_ruleset *rs = load_sets();
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  const char *codes[] = {"BR"};
  int32_t from[1] = {day("2000-01-01")}, date = day("2026-11-28");
  lexloci_error err;
  cr_assert_eq(lx_case_assume_set(c, 2, codes, from, 1, &err, "t", 1, 1),
               LEXLOCI_OK);
  prepare_on(c, date);
  cr_assert(lx_bits_has(c->setbits[2], (unsigned)lx_country_index("BR", 2)));
  cr_assert_not(lx_bits_has(c->setbits[2],
                            (unsigned)lx_country_index("JP", 2)));
  cr_assert_eq(c->setbits[0], lx_timeline_at(&rs->sets[0].tl, date));
  lexloci_case_reset(c);
  prepare_on(c, date);
  cr_assert(lx_bits_has(c->setbits[2], (unsigned)lx_country_index("JP", 2)),
            "reset: the rule set's members again");
  lexloci_case_free(c);
  lexloci_ruleset_free(rs);
}
