/*
** vocab.c: the case vocabulary (spec/case.md, contract v1).
*/
#include "vocab.h"

#include <stdio.h>
#include <string.h>

#include "diag.h"

#define DOMAIN(name, ...) \
  static const char *const name##_values[] = {__VA_ARGS__}

DOMAIN(authority, "judge", "court", "investigating_judge", "prosecutor",
       "independent_authority", "police", "other_competent_authority",
       "administrative");
DOMAIN(validator, "judge", "court", "investigating_judge", "prosecutor",
       "independent_authority", "none");
DOMAIN(instrument, "warrant", "court_order", "subpoena",
       "preservation_request", "mla_preservation_request",
       "communications_data_authorisation", "european_investigation_order",
       "overseas_production_order", "international_production_order",
       "european_production_order", "european_preservation_order",
       "production_order", "subscriber_info_request", "mlat_request",
       "voluntary_request");
DOMAIN(purpose, "criminal_investigation", "criminal_proceedings",
       "sentence_execution", "terrorist_investigation", "civil",
       "administrative", "intelligence");
DOMAIN(category, "subscriber", "identification", "traffic", "content");
DOMAIN(notice, "given", "delayed", "none");
DOMAIN(challenger, "provider", "enforcing_authority", "none");
DOMAIN(challenge, "pending", "upheld", "rejected", "none");
DOMAIN(offence, "terrorism", "child_sexual_abuse", "non_cash_payment_fraud",
       "cybercrime", "other");
DOMAIN(holder, "consumer", "enterprise", "government");
DOMAIN(service, "ecs", "rcs", "domain_name", "ip_numbering", "other");
DOMAIN(gdpr_role, "controller", "processor");
DOMAIN(sca_storage, "ecs_180_days_or_less", "ecs_over_180_days", "rcs");
DOMAIN(protected, "legal_privilege", "journalistic",
       "confidential_personal_records");
DOMAIN(consent, "account_holder", "data_subject");
DOMAIN(effect, "must_disclose", "must_preserve", "may_disclose",
       "must_not_disclose", "not_compellable", "not_applicable", "info");

#define D(id, name, v) \
  [id] = {name, v##_values, (int)LX_COUNTOF(v##_values)}
const lx_domain lx_domains[LX_DOM_COUNT] = {
  D(LX_DOM_AUTHORITY, "authority", authority),
  D(LX_DOM_VALIDATOR, "validator", validator),
  D(LX_DOM_INSTRUMENT, "instrument", instrument),
  D(LX_DOM_PURPOSE, "purpose", purpose),
  D(LX_DOM_CATEGORY, "data_category", category),
  D(LX_DOM_NOTICE, "customer_notice", notice),
  D(LX_DOM_CHALLENGER, "challenger", challenger),
  D(LX_DOM_CHALLENGE, "challenge_status", challenge),
  D(LX_DOM_OFFENCE, "offence_category", offence),
  D(LX_DOM_HOLDER, "holder", holder),
  D(LX_DOM_SERVICE, "service", service),
  D(LX_DOM_GDPR_ROLE, "gdpr_role", gdpr_role),
  D(LX_DOM_SCA_STORAGE, "sca_storage", sca_storage),
  D(LX_DOM_PROTECTED, "protected", protected),
  D(LX_DOM_CONSENT, "consent", consent),
  D(LX_DOM_EFFECT, "effect", effect),
};
#undef D

/* path, base, domain, list, nullable, required, default, default enum, help */
const lx_factdef lx_facts[] = {
  {"request.id", LX_TEXT, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT, NULL,
   "free text, echoed in the verdict"},
  {"request.date", LX_DATE, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT, NULL,
   "day the order is issued; picks the law in force (the CLI defaults it "
   "to today and echoes it)"},
  {"request.issuing_state", LX_COUNTRY, LX_DOM_NONE, 0, 0, 1, LX_NODEFAULT,
   NULL, "state whose authority issues the demand"},
  {"request.authority", LX_ENUM, LX_DOM_AUTHORITY, 0, 0, 0, LX_NODEFAULT,
   NULL, "kind of authority issuing the demand"},
  {"request.validated_by", LX_ENUM, LX_DOM_VALIDATOR, 0, 0, 0, LX_DEF_ENUM,
   "none", "authority that validated the demand"},
  {"request.addressee_state", LX_COUNTRY, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL,
   "where the entity served is located (default: "
   "provider.legal_representative for EU orders, else "
   "provider.headquarters)"},
  {"request.instrument", LX_ENUM, LX_DOM_INSTRUMENT, 0, 0, 1, LX_NODEFAULT,
   NULL, "the legal instrument of the demand"},
  {"request.purpose", LX_ENUM, LX_DOM_PURPOSE, 0, 0, 0, LX_NODEFAULT, NULL,
   "what the demand is for"},
  {"request.data_categories", LX_ENUM, LX_DOM_CATEGORY, 1, 0, 1,
   LX_NODEFAULT, NULL, "categories of data sought (non-empty)"},
  {"request.emergency", LX_BOOL, LX_DOM_NONE, 0, 0, 0, LX_DEF_FALSE, NULL,
   "imminent threat to the life, physical integrity or safety of a person"},
  {"request.nondisclosure_order", LX_BOOL, LX_DOM_NONE, 0, 0, 0,
   LX_DEF_FALSE, NULL, "provider is barred from telling the customer"},
  {"request.customer_notice", LX_ENUM, LX_DOM_NOTICE, 0, 0, 0, LX_DEF_ENUM,
   "none", "prior notice of the demand to the customer by the authority"},
  {"request.challenge.by", LX_ENUM, LX_DOM_CHALLENGER, 0, 0, 0, LX_DEF_ENUM,
   "none", "who challenges the demand (none: no challenge has been made)"},
  {"request.challenge.status", LX_ENUM, LX_DOM_CHALLENGE, 0, 0, 0,
   LX_DEF_ENUM, "none", "state of the challenge (none: no challenge)"},
  {"request.offence.max_sentence_years", LX_NUMBER, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL,
   "maximum custodial sentence in the issuing state (life: 100)"},
  {"request.offence.sentence_imposed_months", LX_NUMBER, LX_DOM_NONE, 0, 0,
   0, LX_NODEFAULT, NULL, "for sentence execution: the sentence to execute"},
  {"request.offence.categories", LX_ENUM, LX_DOM_OFFENCE, 1, 0, 0,
   LX_NODEFAULT, NULL, "kinds of offence"},
  {"request.offence.by_information_system", LX_BOOL, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL, "committed wholly or partly by an information system"},
  {"request.offence.indictable", LX_BOOL, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL, "an indictable offence (UK)"},
  {"request.offence.committed_in", LX_COUNTRY, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL, "where the offence was (mainly) committed"},
  {"request.target.us_person", LX_BOOL, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT,
   NULL, "US citizen or national, permanent resident, US corporation"},
  {"request.target.nationality", LX_COUNTRY, LX_DOM_NONE, 1, 0, 0,
   LX_NODEFAULT, NULL, "nationalities of the person whose data is sought"},
  {"request.target.residence", LX_COUNTRY, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL, "where that person resides"},
  {"request.target.location", LX_COUNTRY, LX_DOM_NONE, 0, 0, 0,
   LX_NODEFAULT, NULL, "where that person is at the time of the order"},
  {"provider.name", LX_TEXT, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT, NULL,
   "the provider's name"},
  {"provider.headquarters", LX_COUNTRY, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT,
   NULL, "where the provider has its headquarters"},
  {"provider.presence", LX_COUNTRY, LX_DOM_NONE, 1, 0, 0, LX_NODEFAULT, NULL,
   "states where it operates or has a legal presence"},
  {"provider.offers_services_in", LX_COUNTRY, LX_DOM_NONE, 1, 0, 0,
   LX_NODEFAULT, NULL, "states whose users it targets"},
  {"provider.public_service", LX_BOOL, LX_DOM_NONE, 0, 0, 0, LX_DEF_TRUE,
   NULL, "offered to the public"},
  {"provider.legal_representative", LX_COUNTRY, LX_DOM_NONE, 0, 1, 0,
   LX_NODEFAULT, NULL,
   "EU state of its designated establishment or legal representative, or "
   "null"},
  {"provider.services", LX_ENUM, LX_DOM_SERVICE, 1, 0, 0, LX_NODEFAULT, NULL,
   "kinds of service"},
  {"provider.technical_access", LX_BOOL, LX_DOM_NONE, 0, 0, 0, LX_DEF_TRUE,
   NULL, "false: the provider cannot read the data in the clear"},
  {"provider.gdpr_role", LX_ENUM, LX_DOM_GDPR_ROLE, 0, 0, 0, LX_NODEFAULT,
   NULL, "controller or processor, for the data requested"},
  {"data.locations", LX_COUNTRY, LX_DOM_NONE, 1, 0, 1, LX_NODEFAULT, NULL,
   "where the requested data is stored"},
  {"data.holder", LX_ENUM, LX_DOM_HOLDER, 0, 0, 0, LX_NODEFAULT, NULL,
   "whose account the data belongs to"},
  {"data.holder_state", LX_COUNTRY, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT, NULL,
   "where an enterprise or government holder is established"},
  {"data.personal", LX_BOOL, LX_DOM_NONE, 0, 0, 0, LX_NODEFAULT, NULL,
   "personal data within the GDPR's meaning"},
  {"data.possession_or_control", LX_BOOL, LX_DOM_NONE, 0, 0, 0, LX_DEF_TRUE,
   NULL, "the entity served has possession, custody or control of it"},
  {"data.sca_storage", LX_ENUM, LX_DOM_SCA_STORAGE, 1, 0, 0, LX_NODEFAULT,
   NULL, "for US content: how it is stored"},
  {"data.protected", LX_ENUM, LX_DOM_PROTECTED, 1, 0, 0, LX_DEF_EMPTY, NULL,
   "protected kinds of data"},
  {"data.consent", LX_ENUM, LX_DOM_CONSENT, 1, 0, 0, LX_DEF_EMPTY, NULL,
   "lawful, voluntary consent to disclosure to the issuer"},
  {"data.disclosure_barred_by", LX_COUNTRY, LX_DOM_NONE, 1, 0, 0,
   LX_DEF_EMPTY, NULL,
   "states whose other law the provider believes disclosure would violate"},
  /* Derived, never case input (lx_fact_derived): last, so that the facts
     above keep their numbers. */
  {"request.all_data_categories", LX_ENUM, LX_DOM_CATEGORY, 1, 0, 0,
   LX_NODEFAULT, NULL,
   "set by lexloci, not by a case: every category the demand requests, "
   "for rules about the demand as a whole (request.data_categories is the "
   "one category being decided)"},
};
const int lx_nfacts = (int)LX_COUNTOF(lx_facts);

int lx_fact_find(const char *path, size_t len)
{
  for (int i = 0; i < lx_nfacts; i++)
    if (strlen(lx_facts[i].path) == len &&
        memcmp(lx_facts[i].path, path, len) == 0)
      return i;
  return -1;
}

static uint32_t path_hash(const char *s, size_t len)
{
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* Whether slot value v names path[0..len). */
static bool slot_names(uint8_t v, const char *path, size_t len)
{
  bool group = v & 0x80;
  const char *p = lx_facts[group ? v & 0x7F : v - 1].path;
  return strncmp(p, path, len) == 0 && p[len] == (group ? '.' : '\0');
}

int lx_factindex_find(const lx_factindex *x, const char *path, size_t len)
{
  uint32_t i = path_hash(path, len);
  for (;; i++) {
    uint8_t v = x->slot[i & (LX_FACTINDEX_SLOTS - 1)];
    if (!v)
      return -1;
    if (slot_names(v, path, len))
      return v & 0x80 ? LX_FACT_GROUP : v - 1;
  }
}

static void index_put(lx_factindex *x, const char *path, size_t len,
                      uint8_t v)
{
  if (lx_factindex_find(x, path, len) != -1)
    return; /* a group already in */
  uint32_t i = path_hash(path, len);
  while (x->slot[i & (LX_FACTINDEX_SLOTS - 1)])
    i++;
  x->slot[i & (LX_FACTINDEX_SLOTS - 1)] = v;
}

void lx_factindex_build(lx_factindex *x)
{
  memset(x, 0, sizeof *x);
  for (int f = 0; f < lx_nfacts && f < 0x7F; f++) {
    const char *p = lx_facts[f].path;
    index_put(x, p, strlen(p), (uint8_t)(f + 1));
    for (const char *dot = strchr(p, '.'); dot; dot = strchr(dot + 1, '.'))
      index_put(x, p, (size_t)(dot - p), (uint8_t)(0x80 | f));
  }
}

/* LX_DOM_EFFECT's values, in its order, as outcomes. */
static const lexloci_outcome effect_of[] = {
  LEXLOCI_MUST_DISCLOSE, LEXLOCI_MUST_PRESERVE, LEXLOCI_MAY_DISCLOSE,
  LEXLOCI_MUST_NOT_DISCLOSE, LEXLOCI_NOT_COMPELLABLE, LEXLOCI_NOT_APPLICABLE,
  LEXLOCI_INFO};

int lx_effect_parse(const char *s, size_t len, bool with_info)
{
  int i = lx_domain_value(LX_DOM_EFFECT, s, len);
  if (i < 0 || (!with_info && effect_of[i] == LEXLOCI_INFO))
    return -1;
  return (int)effect_of[i];
}

const char *lx_effect_hint(const char *s, bool with_info, char *buf,
                           size_t cap)
{
  lx_suggest sg;
  lx_suggest_init(&sg, s);
  for (size_t i = 0; i < LX_COUNTOF(effect_of); i++)
    if (with_info || effect_of[i] != LEXLOCI_INFO)
      lx_suggest_try(&sg, lx_domains[LX_DOM_EFFECT].values[i]);
  return lx_suggest_hint(&sg, buf, cap);
}

int lx_domain_value(lx_domain_id d, const char *s, size_t len)
{
  const lx_domain *dom = &lx_domains[d];
  for (int i = 0; i < dom->n; i++)
    if (strlen(dom->values[i]) == len && memcmp(dom->values[i], s, len) == 0)
      return i;
  return -1;
}

int lx_domain_find(const char *name)
{
  for (int i = 0; i < LX_DOM_COUNT; i++)
    if (strcmp(lx_domains[i].name, name) == 0)
      return i;
  return -1;
}

const char *lx_fact_type_name(const lx_factdef *f, char *buf, size_t cap)
{
  const char *prefix = f->list ? "a list of " : "";
  switch (f->base) {
  case LX_BOOL: snprintf(buf, cap, "true or false"); break;
  case LX_NUMBER: snprintf(buf, cap, "a number"); break;
  case LX_DATE: snprintf(buf, cap, "a date YYYY-MM-DD"); break;
  case LX_TEXT: snprintf(buf, cap, "text"); break;
  case LX_COUNTRY:
    snprintf(buf, cap, "%scountry codes", f->list ? "a list of " : "a ");
    if (!f->list)
      snprintf(buf, cap, "a country code%s", f->nullable ? " or null" : "");
    break;
  case LX_ENUM: {
    const lx_domain *d = &lx_domains[f->domain];
    size_t n = (size_t)snprintf(buf, cap, "%s%s", prefix,
                                f->list ? "values from " : "one of ");
    for (int i = 0; i < d->n && n < cap; i++)
      n += (size_t)snprintf(buf + n, cap - n, "%s%s", i ? ", " : "",
                            d->values[i]);
    break;
  }
  }
  return buf;
}

const char *lx_fact_hint(const char *path, char *buf, size_t cap)
{
  lx_suggest s;
  lx_suggest_init(&s, path);
  for (int i = 0; i < lx_nfacts; i++)
    lx_suggest_try(&s, lx_facts[i].path);
  return lx_suggest_hint(&s, buf, cap);
}

const char *lx_domain_hint(lx_domain_id d, const char *s, char *buf,
                           size_t cap)
{
  lx_suggest sg;
  lx_suggest_init(&sg, s);
  for (int i = 0; i < lx_domains[d].n; i++)
    lx_suggest_try(&sg, lx_domains[d].values[i]);
  return lx_suggest_hint(&sg, buf, cap);
}
