/*
** mem.c: the allocator hook, arenas and growable arrays.
*/
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static void *libc_alloc(void *ud, void *p, size_t osz, size_t nsz)
{
  (void)ud;
  (void)osz;
  if (nsz == 0) {
    free(p);
    return NULL;
  }
  return realloc(p, nsz);
}

void lx_mem_init(lx_mem *m, const lexloci_config *cfg)
{
  m->alloc = cfg && cfg->alloc ? cfg->alloc : libc_alloc;
  m->ud = cfg && cfg->alloc ? cfg->alloc_ud : NULL;
}

void *lx_malloc(const lx_mem *m, size_t n)
{
  return n ? m->alloc(m->ud, NULL, 0, n) : NULL;
}

void *lx_calloc(const lx_mem *m, size_t count, size_t size)
{
  if (size && count > SIZE_MAX / size)
    return NULL;
  void *p = lx_malloc(m, count * size);
  if (p)
    memset(p, 0, count * size);
  return p;
}

void *lx_realloc(const lx_mem *m, void *p, size_t osz, size_t nsz)
{
  return m->alloc(m->ud, p, osz, nsz);
}

void lx_free(const lx_mem *m, void *p, size_t n)
{
  if (p)
    m->alloc(m->ud, p, n, 0);
}

/* ------------------------------------------------------------------ */

struct lx_arena_block {
  lx_arena_block *next;
  size_t size;           /* bytes of data[] */
  max_align_t data[];
};

#define ARENA_MIN_BLOCK 16384u

void lx_arena_init(lx_arena *a, const lx_mem *m)
{
  a->mem = m;
  a->head = NULL;
  a->used = a->cap = 0;
}

void *lx_arena_alloc(lx_arena *a, size_t n)
{
  void *p = lx_arena_take(a, n);
  if (p)
    memset(p, 0, n);
  return p;
}

void *lx_arena_take(lx_arena *a, size_t n)
{
  const size_t align = sizeof(max_align_t);
  n = (n + align - 1) / align * align;
  if (n == 0)
    n = align;
  if (!a->head || a->cap - a->used < n) {
    size_t size = n > ARENA_MIN_BLOCK ? n : ARENA_MIN_BLOCK;
    lx_arena_block *b = lx_malloc(a->mem, sizeof *b + size);
    if (!b)
      return NULL;
    b->next = a->head;
    b->size = size;
    a->head = b;
    a->used = 0;
    a->cap = size;
  }
  void *p = (char *)a->head->data + a->used;
  a->used += n;
  return p;
}

char *lx_arena_strndup(lx_arena *a, const char *s, size_t n)
{
  char *p = lx_arena_take(a, n + 1);
  if (p) {
    if (n)
      memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

char *lx_arena_strdup(lx_arena *a, const char *s)
{
  return lx_arena_strndup(a, s, strlen(s));
}

void lx_arena_free(lx_arena *a)
{
  lx_arena_block *b = a->head;
  while (b) {
    lx_arena_block *next = b->next;
    lx_free(a->mem, b, sizeof *b + b->size);
    b = next;
  }
  a->head = NULL;
  a->used = a->cap = 0;
}

/* ------------------------------------------------------------------ */

void lx_vec_init(lx_vec *v, size_t itemsize)
{
  v->items = NULL;
  v->n = v->cap = 0;
  v->size = itemsize;
}

void *lx_vec_push(lx_vec *v, const lx_mem *m)
{
  if (v->n == v->cap) {
    size_t ncap = v->cap ? v->cap * 2 : 8;
    void *p = lx_realloc(m, v->items, v->cap * v->size, ncap * v->size);
    if (!p)
      return NULL;
    v->items = p;
    v->cap = ncap;
  }
  void *slot = (char *)v->items + v->n * v->size;
  memset(slot, 0, v->size);
  v->n++;
  return slot;
}

void lx_vec_free(lx_vec *v, const lx_mem *m)
{
  lx_free(m, v->items, v->cap * v->size);
  v->items = NULL;
  v->n = v->cap = 0;
}
