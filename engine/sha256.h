/*
** sha256.h: SHA-256 (FIPS 180-4), for the rule set's digest.
*/
#ifndef LX_SHA256_H
#define LX_SHA256_H

#include "common.h"

typedef struct lx_sha256 {
  uint32_t h[8];
  uint64_t len;
  unsigned char buf[64];
  size_t nbuf;
} lx_sha256;

LX_INTERNAL void lx_sha256_init(lx_sha256 *s);
LX_INTERNAL void lx_sha256_update(lx_sha256 *s, const void *p, size_t n);
/* Writes 64 hex digits and a NUL. */
LX_INTERNAL void lx_sha256_hex(lx_sha256 *s, char out[65]);

#endif
