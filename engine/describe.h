/*
** describe.h: the rule set and the case vocabulary as data, for the
** accessors of lexloci.h that documentation, schemas and forms use.
*/
#ifndef LX_DESCRIBE_H
#define LX_DESCRIBE_H

#include "program.h"

/* Fills the fields of a lexloci_rule_info beyond its position. */
LX_INTERNAL void lx_describe_rule(const lexloci_ruleset *rs, size_t i,
                                  lexloci_rule_info *out);
/* Fills a lexloci_set_info's type, citations and position. */
LX_INTERNAL void lx_describe_set(const lexloci_ruleset *rs, size_t i,
                                 lexloci_set_info *out);

#endif
