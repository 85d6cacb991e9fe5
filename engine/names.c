/*
** names.c: uthash behind a small interface, with its memory on the hook.
*/
#include "names.h"

#include <string.h>

/* uthash's macros allocate through these; every function that expands them
   declares `hash_mem`, the allocator of the table at hand. */
#define uthash_malloc(sz) lx_malloc(hash_mem, (sz))
#define uthash_free(p, sz) lx_free(hash_mem, (p), (sz))
#define HASH_NONFATAL_OOM 1
#define uthash_nonfatal_oom(obj) (oom = true)
#include <uthash.h>

struct lx_name {
  const char *key;
  uint32_t idx;
  UT_hash_handle hh;
};

void lx_names_init(lx_names *t, const lx_mem *m, lx_arena *a)
{
  t->head = NULL;
  t->mem = m;
  t->arena = a;
  t->oom = false;
}

bool lx_names_add(lx_names *t, const char *key, uint32_t idx)
{
  const lx_mem *hash_mem = t->mem;
  bool oom = false;
  lx_name *e = lx_arena_alloc(t->arena, sizeof *e);
  if (!e)
    return false;
  e->key = key;
  e->idx = idx;
  HASH_ADD_KEYPTR(hh, t->head, e->key, strlen(e->key), e);
  if (oom)
    t->oom = true;
  return !oom;
}

long lx_names_get(const lx_names *t, const char *key)
{
  lx_name *e = NULL;
  HASH_FIND_STR(t->head, key, e);
  return e ? (long)e->idx : -1;
}

void lx_names_each(const lx_names *t, void (*fn)(void *ud, const char *key),
                   void *ud)
{
  for (lx_name *e = t->head; e; e = e->hh.next)
    fn(ud, e->key);
}

void lx_names_free(lx_names *t)
{
  const lx_mem *hash_mem = t->mem;
  HASH_CLEAR(hh, t->head);
  (void)hash_mem;
}
