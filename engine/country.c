/*
** country.c: the ISO 3166-1 alpha-2 codes officially assigned (249), plus
** XK, the user-assigned code in general use for Kosovo.
*/
#include "country.h"

#include "bits.h"

#include <string.h>

static const char assigned[] =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
  "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
  "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
  "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR "
  "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
  "HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP "
  "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY "
  "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
  "NA NC NE NF NG NI NL NO NP NR NU NZ OM "
  "PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW "
  "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
  "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
  "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW";

/* The same codes as a bit set over A..Z * 26 + A..Z, for O(1) lookup;
   tests/unit/test_vocab.c checks that the two agree. */
static const uint64_t assigned_bits[11] = {
  UINT64_C(0xdeddbdefeedf5978),
  UINT64_C(0x0e00d48015843f27),
  UINT64_C(0x0015fb9fb0095c00),
  UINT64_C(0x0340400f7818068d),
  UINT64_C(0xfd4f8141f42b1d00),
  UINT64_C(0x0100084b25d7fffc),
  UINT64_C(0x40000001538f3c40),
  UINT64_C(0x9fbb3ae7fdf15100),
  UINT64_C(0x004085570410419a),
  UINT64_C(0x0010000100004002),
  UINT64_C(0x0000000100400408),
};

static int slot(const char *s)
{
  return (s[0] - 'A') * 26 + (s[1] - 'A');
}

bool lx_country_assigned(int idx)
{
  if (idx < 0 || idx >= LX_COUNTRY_SLOTS)
    return false;
  return (assigned_bits[idx >> 6] >> (idx & 63)) & 1;
}

void lx_country_universe(lx_bits *out)
{
  for (int i = 0; i < LX_BITS_WORDS; i++)
    out->w[i] = assigned_bits[i];
}

/* The code list, for tests: each assigned code in order. */
const char *lx_country_list(void)
{
  return assigned;
}

int lx_country_index(const char *s, size_t len)
{
  if (len != 2 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z')
    return -1;
  int idx = slot(s);
  return lx_country_assigned(idx) ? idx : -1;
}

void lx_country_code(int idx, char buf[3])
{
  buf[0] = (char)('A' + idx / 26);
  buf[1] = (char)('A' + idx % 26);
  buf[2] = '\0';
}

const char *lx_country_hint(const char *s, size_t len)
{
  if (len == 2) {
    char up[3] = {s[0], s[1], 0};
    for (int i = 0; i < 2; i++)
      if (up[i] >= 'a' && up[i] <= 'z')
        up[i] = (char)(up[i] - 'a' + 'A');
    if (strcmp(up, "UK") == 0)
      return "; did you mean 'GB'?";
    if (strcmp(up, "EL") == 0)
      return "; did you mean 'GR'? (ISO 3166 writes Greece GR)";
    if (strcmp(up, "EU") == 0)
      return "; EU is not a country: membership is reference data "
             "(eu_member_states)";
    if (lx_country_index(up, 2) >= 0 && strcmp(up, s) != 0)
      return "; country codes are upper case";
  }
  return "; expected an ISO 3166-1 alpha-2 code such as 'US' or 'IE'";
}
