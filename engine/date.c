/*
** date.c: civil dates (Howard Hinnant's days_from_civil algorithm).
*/
#include "date.h"

#include <string.h>

static bool leap(int y)
{
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool lx_date_valid(int y, int m, int d)
{
  static const int mdays[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
    return false;
  int max = mdays[m - 1] + (m == 2 && leap(y));
  return d <= max;
}

int32_t lx_date_days(int y, int m, int d)
{
  y -= m <= 2;
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void lx_date_ymd(int32_t z, int *y, int *m, int *d)
{
  z += 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int yy = yoe + era * 400;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp + (mp < 10 ? 3 : -9);
  *y = yy + (*m <= 2);
}

static bool digits(const char *s, int n, int *out)
{
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool lx_date_parse(const char *s, size_t len, int32_t *out)
{
  int y, m, d;
  if (len != 10 || s[4] != '-' || s[7] != '-')
    return false;
  if (!digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
    return false;
  if (!lx_date_valid(y, m, d))
    return false;
  *out = lx_date_days(y, m, d);
  return true;
}

void lx_date_format(int32_t days, char buf[11])
{
  int y, m, d;
  lx_date_ymd(days, &y, &m, &d);
  unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u,
           ud = (unsigned)d % 100u;
  buf[0] = (char)('0' + uy / 1000);
  buf[1] = (char)('0' + uy / 100 % 10);
  buf[2] = (char)('0' + uy / 10 % 10);
  buf[3] = (char)('0' + uy % 10);
  buf[4] = '-';
  buf[5] = (char)('0' + um / 10);
  buf[6] = (char)('0' + um % 10);
  buf[7] = '-';
  buf[8] = (char)('0' + ud / 10);
  buf[9] = (char)('0' + ud % 10);
  buf[10] = '\0';
}

bool lx_duration_valid(const char *s)
{
  static const char date_units[] = "YMWD";
  static const char time_units[] = "HMS";
  if (*s++ != 'P' || !*s)
    return false;
  bool in_time = false, any = false;
  const char *units = date_units;
  while (*s) {
    if (*s == 'T') {
      if (in_time || !s[1])
        return false;
      in_time = true;
      units = time_units;
      s++;
      continue;
    }
    if (*s < '0' || *s > '9')
      return false;
    int ndig = 0;
    while (*s >= '0' && *s <= '9') {
      s++;
      if (++ndig > 6)
        return false;
    }
    const char *u = strchr(units, *s);
    if (!*s || !u)
      return false;
    units = u + 1; /* units must come in order, each once */
    s++;
    any = true;
  }
  return any;
}
