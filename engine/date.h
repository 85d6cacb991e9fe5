/*
** date.h: calendar dates as days since 1970-01-01 (proleptic Gregorian).
*/
#ifndef LX_DATE_H
#define LX_DATE_H

#include "common.h"

#define LX_DATE_MIN INT32_MIN /* open start */
#define LX_DATE_MAX INT32_MAX /* open end */

LX_INTERNAL bool lx_date_valid(int y, int m, int d);
LX_INTERNAL int32_t lx_date_days(int y, int m, int d);
LX_INTERNAL void lx_date_ymd(int32_t days, int *y, int *m, int *d);
/* Parses exactly YYYY-MM-DD (years 1000-9999). */
LX_INTERNAL bool lx_date_parse(const char *s, size_t len, int32_t *out);
/* Writes YYYY-MM-DD and a NUL into buf[11]. */
LX_INTERNAL void lx_date_format(int32_t days, char buf[11]);
/* Checks an ISO 8601 duration as actions use it: P[nY][nM][nW][nD][T[nH][nM][nS]]. */
LX_INTERNAL bool lx_duration_valid(const char *s);

#endif
