/*
** country.h: ISO 3166-1 alpha-2 codes as small integers (A..Z * 26 + A..Z).
*/
#ifndef LX_COUNTRY_H
#define LX_COUNTRY_H

#include "common.h"

#define LX_COUNTRY_SLOTS 676

/* The code's index, or -1 if s is not an assigned upper-case code. */
LX_INTERNAL int lx_country_index(const char *s, size_t len);
LX_INTERNAL bool lx_country_assigned(int idx);
LX_INTERNAL const char *lx_country_list(void);
struct lx_bits;
/* Every assigned code, as a bit set. */
LX_INTERNAL void lx_country_universe(struct lx_bits *out);
/* Writes the two letters and a NUL into buf[3]. */
LX_INTERNAL void lx_country_code(int idx, char buf[3]);
/* A hint for a rejected code ("; did you mean 'GB'?"), or "". */
LX_INTERNAL const char *lx_country_hint(const char *s, size_t len);

#endif
