/*
** names.h: a string-to-index map for load and resolve (uthash on the
** allocator hook). Never used during evaluation.
*/
#ifndef LX_NAMES_H
#define LX_NAMES_H

#include "common.h"
#include "mem.h"

typedef struct lx_name lx_name;
typedef struct lx_names {
  lx_name *head;
  const lx_mem *mem;
  lx_arena *arena;   /* entries and keys */
  bool oom;
} lx_names;

LX_INTERNAL void lx_names_init(lx_names *t, const lx_mem *m, lx_arena *a);
/* Adds key -> idx; false when out of memory. key must outlive the map. */
LX_INTERNAL bool lx_names_add(lx_names *t, const char *key, uint32_t idx);
/* The index of key, or -1. */
LX_INTERNAL long lx_names_get(const lx_names *t, const char *key);
/* Calls fn for each key (for suggestions). */
LX_INTERNAL void lx_names_each(const lx_names *t,
                               void (*fn)(void *ud, const char *key),
                               void *ud);
LX_INTERNAL void lx_names_free(lx_names *t);

#endif
