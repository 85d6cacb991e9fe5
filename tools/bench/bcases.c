/*
** bcases.c: varied cases for the bundled rule set, drawn from a seeded
** generator over the case vocabulary (spec/case.md). Required facts are
** always given; each other fact is given with a fixed probability, so some
** cases leave facts unknown and exercise the search for missing facts.
** See LICENSE for copying conditions.
*/
#include <string.h>

#include "bench.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const states[] = {"US", "US", "US", "GB", "GB", "IE",
  "FR", "DE", "NL", "BE", "AU", "JP", "BR", "CA", "CH", "IN", "PL", "SG"};
static const char *const eu[] = {"IE", "FR", "DE", "NL", "BE", "PL", "LU"};
static const char *const where[] = {"US", "IE", "DE", "FR", "GB", "JP",
  "SG", "NL", "AU", "CA"};
static const char *const instruments[] = {"warrant", "court_order",
  "subpoena", "preservation_request", "mla_preservation_request",
  "communications_data_authorisation", "european_investigation_order",
  "overseas_production_order", "international_production_order",
  "european_production_order", "european_preservation_order",
  "production_order", "subscriber_info_request", "mlat_request",
  "voluntary_request"};
static const char *const categories[] = {"subscriber", "identification",
  "traffic", "content"};
static const char *const dates[] = {"2019-06-01", "2022-10-02", "2024-03-15",
  "2026-08-17", "2026-08-18", "2026-11-28", "2027-05-01"};
static const char *const authorities[] = {"judge", "court",
  "investigating_judge", "prosecutor", "independent_authority", "police",
  "other_competent_authority", "administrative"};
static const char *const validators[] = {"judge", "court",
  "investigating_judge", "prosecutor", "independent_authority", "none"};
static const char *const purposes[] = {"criminal_investigation",
  "criminal_proceedings", "sentence_execution", "terrorist_investigation",
  "civil", "administrative", "intelligence"};
static const char *const notices[] = {"given", "delayed", "none"};
static const char *const offences[] = {"terrorism", "child_sexual_abuse",
  "non_cash_payment_fraud", "cybercrime", "other"};
static const char *const holders[] = {"consumer", "enterprise",
  "government"};
static const char *const services[] = {"ecs", "rcs", "rcs", "domain_name",
  "ip_numbering", "other"};
static const char *const roles[] = {"controller", "processor"};
static const char *const storages[] = {"ecs_180_days_or_less",
  "ecs_over_180_days", "rcs"};
static const double sentences[] = {1, 2, 3, 4, 5, 10, 100};

static bench_fact *add(bench_case *bc, const char *path, bv_kind k)
{
  bench_fact *f = &bc->f[bc->n++];
  memset(f, 0, sizeof *f);
  f->path = path;
  f->kind = k;
  return f;
}

static void str(bench_rng *r, bench_case *bc, const char *path,
                const char *const *v, unsigned n)
{
  add(bc, path, BV_STR)->s[0] = v[bench_pick(r, n)];
}

/* A list of 1..max distinct elements of v. */
static void list(bench_rng *r, bench_case *bc, const char *path,
                 const char *const *v, unsigned n, int max)
{
  bench_fact *f = add(bc, path, BV_LIST);
  int want = 1 + (int)bench_pick(r, (unsigned)max);
  for (int tries = 0; f->n < want && tries < 20; tries++) {
    const char *s = v[bench_pick(r, n)];
    bool dup = false;
    for (int i = 0; i < f->n; i++)
      dup |= strcmp(f->s[i], s) == 0;
    if (!dup)
      f->s[f->n++] = s;
  }
}

static void boolean(bench_rng *r, bench_case *bc, const char *path)
{
  add(bc, path, BV_BOOL)->b = bench_pick(r, 2);
}

static bool every; /* bench_case_make's `full` */

/* True with probability pct % (always when every fact is wanted). */
static bool maybe(bench_rng *r, unsigned pct)
{
  return bench_pick(r, 100) < pct || every;
}

void bench_case_make(bench_rng *r, bench_case *bc, bool full)
{
  every = full;
  bc->n = 0;
  unsigned p = 92; /* each optional fact is given this often */
  str(r, bc, "request.date", dates, N(dates));
  str(r, bc, "request.issuing_state", states, N(states));
  str(r, bc, "request.instrument", instruments, N(instruments));
  /* Mostly one category, sometimes several. */
  list(r, bc, "request.data_categories", categories, N(categories),
       maybe(r, 25) ? 3 : 1);
  if (maybe(r, p))
    str(r, bc, "request.authority", authorities, N(authorities));
  if (maybe(r, 40))
    str(r, bc, "request.validated_by", validators, N(validators));
  if (maybe(r, p))
    str(r, bc, "request.purpose", purposes, N(purposes));
  if (maybe(r, 20))
    boolean(r, bc, "request.emergency");
  if (maybe(r, 30))
    boolean(r, bc, "request.nondisclosure_order");
  if (maybe(r, 30))
    str(r, bc, "request.customer_notice", notices, N(notices));
  if (maybe(r, p))
    add(bc, "request.offence.max_sentence_years", BV_NUM)->num =
        sentences[bench_pick(r, N(sentences))];
  if (maybe(r, 50))
    list(r, bc, "request.offence.categories", offences, N(offences), 2);
  if (maybe(r, p))
    boolean(r, bc, "request.offence.by_information_system");
  if (maybe(r, 50))
    boolean(r, bc, "request.offence.indictable");
  if (maybe(r, p))
    boolean(r, bc, "request.target.us_person");
  if (maybe(r, p))
    list(r, bc, "request.target.nationality", where, N(where), 1);
  if (maybe(r, p))
    str(r, bc, "request.target.residence", where, N(where));
  if (maybe(r, 50))
    str(r, bc, "request.target.location", where, N(where));
  if (maybe(r, p))
    str(r, bc, "provider.headquarters", where, N(where));
  if (maybe(r, p))
    list(r, bc, "provider.presence", where, N(where), 3);
  if (maybe(r, p))
    list(r, bc, "provider.offers_services_in", where, N(where), 4);
  if (maybe(r, 30))
    boolean(r, bc, "provider.public_service");
  if (maybe(r, p)) {
    if (maybe(r, 30))
      add(bc, "provider.legal_representative", BV_NULL);
    else
      str(r, bc, "provider.legal_representative", eu, N(eu));
  }
  if (maybe(r, p))
    list(r, bc, "provider.services", services, N(services), 2);
  if (maybe(r, 20))
    boolean(r, bc, "provider.technical_access");
  if (maybe(r, p))
    str(r, bc, "provider.gdpr_role", roles, N(roles));
  list(r, bc, "data.locations", where, N(where), 2);
  if (maybe(r, p))
    str(r, bc, "data.holder", holders, N(holders));
  if (maybe(r, 50))
    str(r, bc, "data.holder_state", where, N(where));
  if (maybe(r, p))
    boolean(r, bc, "data.personal");
  if (maybe(r, 20))
    boolean(r, bc, "data.possession_or_control");
  if (maybe(r, 60))
    list(r, bc, "data.sca_storage", storages, N(storages), 1);
  if (maybe(r, 25))
    list(r, bc, "data.disclosure_barred_by", where, N(where), 1);
}

bool bench_fact_apply(const bench_fact *f, lexloci_case *c)
{
  char buf[256];
  switch (f->kind) {
  case BV_STR:
    snprintf(buf, sizeof buf, "%s", f->s[0]);
    break;
  case BV_NUM:
    snprintf(buf, sizeof buf, "%g", f->num);
    break;
  case BV_BOOL:
    snprintf(buf, sizeof buf, "%s", f->b ? "true" : "false");
    break;
  case BV_NULL:
    snprintf(buf, sizeof buf, "null");
    break;
  case BV_LIST: {
    size_t k = 0;
    for (int j = 0; j < f->n; j++)
      k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%s", j ? "," : "",
                            f->s[j]);
    break;
  }
  }
  lexloci_error err;
  if (lexloci_case_set_path(c, f->path, buf, &err) != LEXLOCI_OK) {
    fprintf(stderr, "bench: %s = %s: %s\n", f->path, buf, err.message);
    return false;
  }
  return true;
}

bool bench_case_apply(const bench_case *bc, lexloci_case *c)
{
  lexloci_case_reset(c);
  for (int i = 0; i < bc->n; i++)
    if (!bench_fact_apply(&bc->f[i], c))
      return false;
  return true;
}

/* Writes "a.b.c" values as nested objects; facts sharing a prefix are
   adjacent in the generator's order, so one pass suffices. */
void bench_case_jsonl(const bench_case *bc, FILE *out)
{
  const char *open[4];
  size_t openlen[4];
  bool comma[5] = {true};
  int depth = 0;
  fputs("{\"lexloci\":1", out);
  for (int i = 0; i < bc->n; i++) {
    const bench_fact *f = &bc->f[i];
    const char *seg[4];
    size_t seglen[4];
    int nseg = 0;
    const char *p = f->path;
    while (*p && nseg < 4) {
      const char *dot = strchr(p, '.');
      size_t len = dot ? (size_t)(dot - p) : strlen(p);
      seg[nseg] = p;
      seglen[nseg++] = len;
      p += len + (dot ? 1 : 0);
    }
    int common = 0;
    while (common < depth && common < nseg - 1 &&
           openlen[common] == seglen[common] &&
           memcmp(open[common], seg[common], seglen[common]) == 0)
      common++;
    for (; depth > common; depth--)
      fputc('}', out);
    for (; depth < nseg - 1; depth++) {
      fprintf(out, "%s\"%.*s\":{", comma[depth] ? "," : "",
              (int)seglen[depth], seg[depth]);
      comma[depth] = true;
      comma[depth + 1] = false;
      open[depth] = seg[depth];
      openlen[depth] = seglen[depth];
    }
    fprintf(out, "%s\"%.*s\":", comma[depth] ? "," : "",
            (int)seglen[nseg - 1], seg[nseg - 1]);
    comma[depth] = true;
    switch (f->kind) {
    case BV_STR:
      fprintf(out, "\"%s\"", f->s[0]);
      break;
    case BV_NUM:
      fprintf(out, "%g", f->num);
      break;
    case BV_BOOL:
      fputs(f->b ? "true" : "false", out);
      break;
    case BV_NULL:
      fputs("null", out);
      break;
    case BV_LIST:
      fputc('[', out);
      for (int j = 0; j < f->n; j++)
        fprintf(out, "%s\"%s\"", j ? "," : "", f->s[j]);
      fputc(']', out);
      break;
    }
  }
  for (; depth > 0; depth--)
    fputc('}', out);
  fputs("}\n", out);
}
