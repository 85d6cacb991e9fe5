/*
** check_grid.c: the coverage grid of `lexloci check`: the effects each
** regime's rules can have for each group of issuing states, instrument
** and data category on one date, and the gaps in it.
** See LICENSE for copying conditions.
*/
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "eval.h"

/* ------------------------------------------------------------------ */
/* Groups of issuing states                                             */
/* ------------------------------------------------------------------ */

typedef struct sgroup {
  lx_bits members;
  int n, rep;
} sgroup;

/* Issuing states grouped by how every condition on request.issuing_state
   treats them on the grid's date. */
static size_t state_groups(ck *k, sgroup *gs, size_t cap)
{
  const lexloci_ruleset *rs = k->rs;
  memset(k->scope, 1, rs->nconds + 1);
  k->regimes = ~(uint64_t)0;
  lx_check_start(k, k->out->date);
  enum { MAX_LINES = 1024 };
  dline *lines = lx_malloc(&rs->mem, MAX_LINES * sizeof *lines);
  if (!lines) {
    k->oom = true;
    return 0;
  }
  size_t nl = 0;
  int f = LX_F_ISSUING_STATE;
  for (size_t i = 0; i < rs->fact_natoms[f] && nl < MAX_LINES; i++) {
    int p;
    if (lx_check_atom_line(k, &rs->conds[rs->fact_atoms[f][i]], f,
                           &lines[nl], &p))
      nl++;
  }
  size_t n = 0;
  for (int i = 0; i < k->ncountries; i++) {
    int e = k->countries[i];
    /* Lines past MAX_LINES were not read: every state its own group. */
    size_t g = nl < MAX_LINES ? 0 : n;
    for (; g < n; g++) {
      size_t j = 0;
      while (j < nl && lx_check_elem_on(&lines[j], e) ==
                           lx_check_elem_on(&lines[j], gs[g].rep))
        j++;
      if (j == nl)
        break;
    }
    if (g == n) {
      if (n == cap)
        continue; /* cannot happen: cap is the number of codes */
      lx_bits_clear(&gs[n].members);
      gs[n].n = 0;
      gs[n].rep = e;
      n++;
    }
    lx_bits_set(&gs[g].members, (unsigned)e);
    gs[g].n++;
  }
  lx_free(&rs->mem, lines, MAX_LINES * sizeof *lines);
  return n;
}

/* "US" or "IS, LI, NO" for a few states; else the smallest set holding
   them all: "e_evidence_states (26)" when it holds exactly them, "25 of
   e_evidence_states" when it holds others too; "other states (166)". */
static const char *group_name(ck *k, const sgroup *g)
{
  const lexloci_ruleset *rs = k->rs;
  char buf[256];
  size_t len = 0;
  if (g->n <= 4) {
    for (int e = lx_bits_next(&g->members, 0); e >= 0;
         e = lx_bits_next(&g->members, e + 1)) {
      char cc[3];
      lx_country_code(e, cc);
      len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
                              len ? ", " : "", cc);
    }
    return lx_arena_strdup(&k->out->arena, buf);
  }
  int best = -1, bestn = 0;
  for (size_t s = 0; s < rs->nsets; s++) {
    if (rs->sets[s].domain != LX_DOM_NONE)
      continue;
    const lx_bits *b = k->c->setbits[s];
    int n = lx_bits_count(b);
    if (lx_bits_subset(&g->members, b) && (best < 0 || n < bestn)) {
      best = (int)s;
      bestn = n;
    }
  }
  if (best < 0)
    snprintf(buf, sizeof buf, "other states (%d)", g->n);
  else if (bestn == g->n)
    snprintf(buf, sizeof buf, "%s (%d)", rs->sets[best].name, g->n);
  else
    snprintf(buf, sizeof buf, "%d of %s", g->n, rs->sets[best].name);
  return lx_arena_strdup(&k->out->arena, buf);
}

static const char *group_members(ck *k, const sgroup *g)
{
  char *buf = lx_arena_alloc(&k->out->arena, (size_t)g->n * 3 + 1);
  if (!buf)
    return NULL;
  size_t len = 0;
  for (int e = lx_bits_next(&g->members, 0); e >= 0;
       e = lx_bits_next(&g->members, e + 1)) {
    char cc[3];
    lx_country_code(e, cc);
    len += (size_t)sprintf(buf + len, "%s%s", len ? " " : "", cc);
  }
  return buf;
}

/* Groups with few members first, then named sets, then the rest. */
static int group_rank(const sgroup *g)
{
  return g->n <= 4 ? 0 : 1;
}

/* ------------------------------------------------------------------ */
/* Cells                                                                */
/* ------------------------------------------------------------------ */

static unsigned *cell(lexloci_check *out, size_t g, size_t grp, size_t ins,
                      int cat)
{
  return &out->cells[((g * out->ngroups + grp) * out->ninstr + ins) *
                         LEXLOCI_CATEGORY_COUNT + (size_t)cat];
}

/* Which rules of each regime can stand in one cell of the grid. One pass
   settles most rules; the others are asked about one by one. */
static void fill_cell(ck *k, size_t grp, size_t ins, int cat)
{
  const lexloci_ruleset *rs = k->rs;
  lexloci_check *out = k->out;
  k->cats = 1u << cat;
  k->regimes = ~(uint64_t)0;
  lx_check_start(k, out->date);
  lx_eval_pass(k->c);
  memcpy(k->applies0, k->c->applies, rs->nrules);
  memcpy(k->stands0, k->c->stands, rs->nrules);
  for (size_t g = 0; g < rs->nregimes; g++) {
    const lx_regime *rg = &rs->regimes[g];
    unsigned *m = cell(out, g, grp, ins, cat);
    for (uint32_t r = rg->first; r < rg->first + rg->nrules; r++) {
      lexloci_outcome e = rs->rules[r].effect;
      if (k->applies0[r] == LX_F || (*m >> e & 1))
        continue;
      if (k->stands0[r] == LX_T) {
        *m |= 1u << e;
        continue;
      }
      lx_check_terms1(k, T_STANDS, r);
      int a = lx_check_ask(k, out->date, out->date);
      if (a == FOUND)
        *m |= 1u << e;
      else if (a == OPEN)
        *m |= LEXLOCI_CHECK_UNSURE;
    }
  }
}

/* ------------------------------------------------------------------ */
/* Gaps                                                                 */
/* ------------------------------------------------------------------ */

static const char *cat_list(unsigned cats, char *buf, size_t cap)
{
  size_t len = 0;
  buf[0] = '\0';
  for (int c = 0; c < LEXLOCI_CATEGORY_COUNT; c++)
    if (cats >> c & 1)
      len += (size_t)snprintf(buf + len, cap - len, "%s%s",
                              len ? ", " : "",
                              lexloci_category_name((lexloci_category)c));
  return buf;
}

/* Effects that decide something: not_applicable and info do not. */
#define SUBSTANTIVE                                                       \
  (LX_BIT(LEXLOCI_MUST_DISCLOSE) | LX_BIT(LEXLOCI_MUST_NOT_DISCLOSE) |    \
   LX_BIT(LEXLOCI_MUST_PRESERVE) | LX_BIT(LEXLOCI_MAY_DISCLOSE) |         \
   LX_BIT(LEXLOCI_NOT_COMPELLABLE))

/* A regime claims a demand (an instrument from a group of states) when
   its rules can decide something of it (an effect other than
   not_applicable and info) for some data category. A gap is a category
   of a claimed demand that none of its rules can decide, on any case. */
static void gaps(ck *k, size_t g, size_t grp, size_t ins)
{
  lexloci_check *out = k->out;
  const lx_regime *rg = &k->rs->regimes[g];
  unsigned decided = 0, empty = 0;
  for (int cat = 0; cat < LEXLOCI_CATEGORY_COUNT; cat++) {
    unsigned m = *cell(out, g, grp, ins, cat);
    if (m & SUBSTANTIVE)
      decided |= 1u << cat;
    else if (!(m & LEXLOCI_CHECK_UNSURE))
      empty |= 1u << cat;
  }
  if (!decided || !empty)
    return;
  char has[96], hasnt[96];
  lx_check_issue(k, LEXLOCI_CHECK_GAP, rg->file, rg->line, rg->col, NULL,
                 "regime %s decides a %s issued by %s for %s, but not for %s",
                 rg->id, lx_domains[LX_DOM_INSTRUMENT].values[ins],
                 out->gname[grp], cat_list(decided, has, sizeof has),
                 cat_list(empty, hasnt, sizeof hasnt));
}

/* ------------------------------------------------------------------ */
/* The grid                                                             */
/* ------------------------------------------------------------------ */

void lx_check_grid(ck *k)
{
  const lexloci_ruleset *rs = k->rs;
  lexloci_check *out = k->out;
  enum { MAX_GROUPS = LX_COUNTRY_SLOTS }; /* a group per state at most */
  sgroup *gs = lx_arena_alloc(&out->arena, MAX_GROUPS * sizeof *gs);
  if (!gs) {
    k->oom = true;
    return;
  }
  size_t n = state_groups(k, gs, MAX_GROUPS);
  /* Stable order: small groups first, each kind by its first member. */
  for (size_t i = 1; i < n; i++)
    for (size_t j = i; j > 0 && group_rank(&gs[j - 1]) > group_rank(&gs[j]);
         j--) {
      sgroup t = gs[j];
      gs[j] = gs[j - 1];
      gs[j - 1] = t;
    }
  out->ngroups = n;
  out->ninstr = (size_t)lx_domains[LX_DOM_INSTRUMENT].n;
  out->gname = lx_arena_alloc(&out->arena, (n + 1) * sizeof *out->gname);
  out->gmembers = lx_arena_alloc(&out->arena,
                                 (n + 1) * sizeof *out->gmembers);
  out->cells = lx_arena_alloc(&out->arena,
                              (rs->nregimes * n * out->ninstr + 1) *
                                  LEXLOCI_CATEGORY_COUNT * sizeof(unsigned));
  if (!out->gname || !out->gmembers || !out->cells) {
    k->oom = true;
    return;
  }
  for (size_t i = 0; i < n; i++) {
    out->gname[i] = group_name(k, &gs[i]);
    out->gmembers[i] = group_members(k, &gs[i]);
    if (!out->gname[i] || !out->gmembers[i]) {
      k->oom = true;
      return;
    }
  }
  for (size_t grp = 0; grp < n; grp++) {
    k->fixed_state = gs[grp].rep;
    for (size_t ins = 0; ins < out->ninstr; ins++) {
      k->fixed_instr = (int)ins;
      k->fixed = (uint64_t)1 << LX_F_DATE | (uint64_t)1 << LX_F_ISSUING_STATE |
                 (uint64_t)1 << LX_F_INSTRUMENT |
                 (uint64_t)1 << LX_F_CATEGORIES;
      for (int cat = 0; cat < LEXLOCI_CATEGORY_COUNT; cat++)
        fill_cell(k, grp, ins, cat);
    }
  }
  for (size_t g = 0; g < rs->nregimes && !k->oom; g++)
    for (size_t grp = 0; grp < n; grp++)
      for (size_t ins = 0; ins < out->ninstr; ins++)
        gaps(k, g, grp, ins);
  k->fixed_state = k->fixed_instr = -1;
  k->fixed = (uint64_t)1 << LX_F_DATE;
  k->cats = (1u << LEXLOCI_CATEGORY_COUNT) - 1;
}

/* ------------------------------------------------------------------ */
/* Accessors                                                            */
/* ------------------------------------------------------------------ */

int lexloci_check_date(const lexloci_check *out)
{
  return out ? out->date : 0;
}

size_t lexloci_check_group_count(const lexloci_check *out)
{
  return out ? out->ngroups : 0;
}

const char *lexloci_check_group_name(const lexloci_check *out, size_t g)
{
  return out && g < out->ngroups ? out->gname[g] : NULL;
}

const char *lexloci_check_group_members(const lexloci_check *out, size_t g)
{
  return out && g < out->ngroups ? out->gmembers[g] : NULL;
}

unsigned lexloci_check_coverage(const lexloci_check *out, size_t regime,
                                size_t group, size_t instrument,
                                lexloci_category cat)
{
  if (!out || !out->cells || regime >= out->rs->nregimes ||
      group >= out->ngroups || instrument >= out->ninstr ||
      (unsigned)cat >= LEXLOCI_CATEGORY_COUNT)
    return 0;
  return *cell((lexloci_check *)out, regime, group, instrument, (int)cat);
}
