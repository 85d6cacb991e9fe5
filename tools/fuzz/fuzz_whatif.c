/*
** fuzz_whatif.c: `what-if` PATH=VALUE assignments (lexloci_case_set_path)
** applied to a valid case of the bundled rule set. Each line of the input
** is one assignment, split at its first '=' as the CLI splits an argument.
** After the assignments the case is evaluated and the verdict checked.
** See LICENSE for copying conditions.
*/
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Every fact given, so that the assignments, not the search for unknown
   facts, are what the fuzzer explores ("unknown" re-opens a fact). */
static const char base[] =
    "{lexloci: 1, request: {id: W-1, date: 2026-11-28, issuing_state: US,"
    " authority: judge, validated_by: none, addressee_state: US,"
    " instrument: warrant, purpose: criminal_investigation,"
    " data_categories: [content], emergency: false,"
    " nondisclosure_order: false, customer_notice: given,"
    " challenge: {by: none, status: none},"
    " offence: {max_sentence_years: 10, sentence_imposed_months: 0,"
    " categories: [other], by_information_system: false, indictable: true,"
    " committed_in: US},"
    " target: {us_person: false, nationality: [FR], residence: FR,"
    " location: FR}},"
    " provider: {name: P, headquarters: US, presence: [US, IE],"
    " offers_services_in: [US, IE], public_service: true,"
    " legal_representative: IE, services: [ecs], technical_access: true,"
    " gdpr_role: controller},"
    " data: {locations: [IE], holder: consumer, holder_state: FR,"
    " personal: true, possession_or_control: true, sca_storage: [rcs],"
    " protected: [], consent: [], disclosure_barred_by: []}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static lexloci_case *c;
  lexloci_error err;
  if (!c && lexloci_case_new(fz_bundled(), &c) != LEXLOCI_OK)
    fz_fail("case_new failed");
  if (lexloci_case_load(c, "base", base, sizeof base - 1, &err) !=
      LEXLOCI_OK)
    fz_fail("the base case does not load: %s", err.message);
  /* Values are copied: the buffer is freed before evaluation. */
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  char *line = text;
  while (line) {
    char *nl = strchr(line, '\n');
    if (nl)
      *nl = '\0';
    char *eq = strchr(line, '=');
    if (eq) {
      *eq = '\0';
      memset(&err, 0, sizeof err);
      lexloci_status st = lexloci_case_set_path(c, line, eq + 1, &err);
      if (st != LEXLOCI_OK)
        fz_check_error(st, &err);
    }
    line = nl ? nl + 1 : NULL;
  }
  memset(text, 'x', size);
  free(text);
  const lexloci_verdict *v = NULL;
  lexloci_status st = lexloci_eval(c, &v, &err);
  if (st != LEXLOCI_OK) {
    fz_check_error(st, &err);
    return 0;
  }
  fz_check_verdict(c, v);
  return 0;
}
