/*
** mem.h: the allocator hook and arenas. Every byte lexloci allocates goes
** through lx_mem, so that an embedder's allocator (and the OOM sweep in
** tests/unit/test_oom.c) sees all of it.
*/
#ifndef LX_MEM_H
#define LX_MEM_H

#include "common.h"

typedef struct lx_mem {
  lexloci_alloc alloc;
  void *ud;
} lx_mem;

LX_INTERNAL void lx_mem_init(lx_mem *m, const lexloci_config *cfg);
LX_INTERNAL void *lx_malloc(const lx_mem *m, size_t n);
LX_INTERNAL void *lx_calloc(const lx_mem *m, size_t count, size_t size);
LX_INTERNAL void *lx_realloc(const lx_mem *m, void *p, size_t osz,
                             size_t nsz);
LX_INTERNAL void lx_free(const lx_mem *m, void *p, size_t n);

/* A bump allocator: many small blocks freed at once. */
typedef struct lx_arena_block lx_arena_block;
typedef struct lx_arena {
  const lx_mem *mem;
  lx_arena_block *head;
  size_t used, cap;     /* of the head block */
} lx_arena;

LX_INTERNAL void lx_arena_init(lx_arena *a, const lx_mem *m);
LX_INTERNAL void *lx_arena_alloc(lx_arena *a, size_t n); /* zeroed */
/* The same, not zeroed: for a reader that fills every field. */
LX_INTERNAL void *lx_arena_take(lx_arena *a, size_t n);
LX_INTERNAL char *lx_arena_strndup(lx_arena *a, const char *s, size_t n);
LX_INTERNAL char *lx_arena_strdup(lx_arena *a, const char *s);
LX_INTERNAL void lx_arena_free(lx_arena *a);

/* A growable array of fixed-size items, on the hook. */
typedef struct lx_vec {
  void *items;
  size_t n, cap, size;
} lx_vec;
LX_INTERNAL void lx_vec_init(lx_vec *v, size_t itemsize);
LX_INTERNAL void *lx_vec_push(lx_vec *v, const lx_mem *m); /* zeroed slot */
LX_INTERNAL void lx_vec_free(lx_vec *v, const lx_mem *m);
#define LX_VEC_AT(v, T, i) (((T *)(v)->items)[i])

#endif
