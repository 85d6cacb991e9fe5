/*
** test_xnode.c: the specialised atoms (engine/xnode.c) give what the
** general atom gives, for every atom of the bundled rule set and of a rule
** set using every specialised operation, over random cases whose facts
** are known, null, unknown or known in part.
*/
#include "helpers.h"

#include "case.h"
#include "country.h"
#include "eval.h"
#include "xnode.h"

LX_SUITE(xnode);

static uint64_t rnd(uint64_t *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717u;
}

/* A random value of element type f, as an index. */
static int element(uint64_t *s, int f)
{
  const lx_factdef *fd = &lx_facts[f];
  if (fd->base == LX_COUNTRY) {
    int e;
    do
      e = (int)(rnd(s) % LX_COUNTRY_SLOTS);
    while (!lx_country_assigned(e));
    return e;
  }
  return (int)(rnd(s) % (uint64_t)lx_domains[fd->domain].n);
}

/* Gives every fact a random state and value. */
static void shake(lexloci_case *c, uint64_t *s)
{
  for (int f = 0; f < lx_nfacts; f++) {
    const lx_factdef *fd = &lx_facts[f];
    lx_fval *v = &c->vals[f];
    memset(v, 0, sizeof *v);
    lx_bits_clear(&c->lists[f]);
    lx_bits_clear(&c->absent[f]);
    unsigned pick = (unsigned)(rnd(s) % 10);
    v->hypo = rnd(s) % 4 == 0;
    if (pick == 0)
      continue; /* unknown */
    if (pick == 1 && fd->nullable) {
      v->state = LX_NULL;
      continue;
    }
    v->state = LX_KNOWN;
    bool code = fd->base == LX_COUNTRY || fd->base == LX_ENUM;
    if (pick == 2 && code) {
      v->state = LX_PARTIAL;
      for (int i = 0; i < 3; i++)
        lx_bits_set(&c->absent[f], (unsigned)element(s, f));
    }
    if (fd->list && code) {
      int n = (int)(rnd(s) % 4);
      for (int i = 0; i < n; i++)
        lx_bits_set(&c->lists[f], (unsigned)element(s, f));
    } else if (code) {
      v->v.u.code = element(s, f);
    } else if (fd->base == LX_BOOL) {
      v->v.u.b = rnd(s) & 1;
    } else if (fd->base == LX_NUMBER) {
      v->v.u.num = (double)(rnd(s) % 12);
    } else if (fd->base == LX_DATE) {
      v->v.u.date = 20000 + (int32_t)(rnd(s) % 2000);
    } else {
      v->v.s = "REQ-1";
      v->v.slen = 5;
    }
  }
}

static void agree(lexloci_ruleset *rs, int ncases)
{
  lexloci_case *c = NULL;
  cr_assert_eq(lexloci_case_new(rs, &c), LEXLOCI_OK);
  uint64_t s = 88172645463325252u;
  int specialised = 0;
  for (int k = 0; k < ncases; k++) {
    shake(c, &s);
    c->vals[LX_F_DATE].state = LX_KNOWN;
    lx_eval_prepare(c);
    for (int g = 0; g < (int)rs->nregimes; g++)
      c->outcome[g] = (lexloci_outcome)(rnd(&s) % LEXLOCI_OUTCOME_COUNT);
    for (uint32_t i = 0; i < rs->nconds; i++) {
      if (rs->xnodes[i].kind != LX_C_ATOM)
        continue;
      specialised += rs->xnodes[i].op != LX_X_GENERIC;
      cr_assert_eq(lx_eval_atom(c, i, false), lx_eval_atom(c, i, true),
                   "atom %u '%s'", i, rs->conds[i].text);
    }
  }
  cr_assert_gt(specialised, 0);
  lexloci_case_free(c);
}

LX_TEST(xnode, bundled_atoms_agree)
{
  lexloci_ruleset *rs = NULL;
  lexloci_error e;
  cr_assert_eq(lexloci_ruleset_load(NULL, LEXLOCI_SOURCE_DIR "/rules", &rs,
                                    &e),
               LEXLOCI_OK, "%s", e.message);
  agree(rs, 3000);
  lexloci_ruleset_free(rs);
}

LX_TEST(xnode, every_operation_agrees)
{
  lexloci_ruleset *rs = rules_ok(
      "regime: t.one\n"
      "citations:\n  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
      "sets:\n  club: {cite: c1, members: [FR, DE, IE]}\n"
      "  kinds: {of: instrument, cite: c1, members: [warrant, subpoena]}\n"
      "rules:\n"
      "  - id: a\n    effect: must_disclose\n    text: T\n    cite: c1\n"
      "    when:\n"
      "      any:\n"
      "        - data.personal\n"
      "        - data.personal is false\n"
      "        - request.emergency is true\n"
      "        - request.issuing_state is US\n"
      "        - request.issuing_state is not FR\n"
      "        - request.instrument is warrant\n"
      "        - request.issuing_state in [US, GB]\n"
      "        - request.issuing_state not in club\n"
      "        - request.instrument in kinds\n"
      "        - data.locations contains IE\n"
      "        - data.locations does not contain US\n"
      "        - data.locations intersects [US, CA]\n"
      "        - data.locations intersects club\n"
      "        - provider.presence subset of club\n"
      "        - provider.presence subset of [US]\n"
      "        - data.locations is empty\n"
      "        - request.customer_notice is none\n"
      "        - request.offence.max_sentence_years >= 3\n"
      "        - request.offence.max_sentence_years > 3\n"
      "        - request.offence.max_sentence_years <= 5\n"
      "        - request.offence.max_sentence_years < 5\n"
      "        - request.target.location is known\n"
      "        - request.issuing_state is request.target.residence\n");
  agree(rs, 5000);
  lexloci_ruleset_free(rs);
}
