/*
** bits.h: fixed-size bit sets for countries (26 * 26 two-letter codes) and
** enumerated values. Fixed size keeps evaluation free of allocation.
*/
#ifndef LX_BITS_H
#define LX_BITS_H

#include "common.h"

#define LX_BITS_WORDS 11 /* 704 bits >= 676 country codes */

typedef struct lx_bits {
  uint64_t w[LX_BITS_WORDS];
} lx_bits;

static inline void lx_bits_clear(lx_bits *b)
{
  for (int i = 0; i < LX_BITS_WORDS; i++)
    b->w[i] = 0;
}
static inline void lx_bits_set(lx_bits *b, unsigned i)
{
  b->w[i >> 6] |= (uint64_t)1 << (i & 63);
}
static inline void lx_bits_reset(lx_bits *b, unsigned i)
{
  b->w[i >> 6] &= ~((uint64_t)1 << (i & 63));
}
static inline bool lx_bits_has(const lx_bits *b, unsigned i)
{
  return (b->w[i >> 6] >> (i & 63)) & 1;
}
static inline bool lx_bits_empty(const lx_bits *b)
{
  uint64_t o = 0;
  for (int i = 0; i < LX_BITS_WORDS; i++)
    o |= b->w[i];
  return o == 0;
}
static inline bool lx_bits_intersects(const lx_bits *a, const lx_bits *b)
{
  uint64_t o = 0;
  for (int i = 0; i < LX_BITS_WORDS; i++)
    o |= a->w[i] & b->w[i];
  return o != 0;
}
/* a is a subset of b */
static inline bool lx_bits_subset(const lx_bits *a, const lx_bits *b)
{
  uint64_t o = 0;
  for (int i = 0; i < LX_BITS_WORDS; i++)
    o |= a->w[i] & ~b->w[i];
  return o == 0;
}
static inline bool lx_bits_equal(const lx_bits *a, const lx_bits *b)
{
  uint64_t o = 0;
  for (int i = 0; i < LX_BITS_WORDS; i++)
    o |= a->w[i] ^ b->w[i];
  return o == 0;
}
static inline int lx_bits_count(const lx_bits *b)
{
  int n = 0;
  for (int i = 0; i < LX_BITS_WORDS; i++)
    n += __builtin_popcountll(b->w[i]);
  return n;
}
/* Next set bit at or after i, or -1. */
static inline int lx_bits_next(const lx_bits *b, int i)
{
  for (; i < LX_BITS_WORDS * 64; i++) {
    uint64_t w = b->w[i >> 6] >> (i & 63);
    if (w)
      return i + __builtin_ctzll(w);
    i |= 63;
  }
  return -1;
}

#endif
