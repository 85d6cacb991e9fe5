/*
** fuzz_json.c: the JSON reader (engine/json_read.c) against libyaml. The
** reader may decline any text (libyaml then reads it), but a text it reads
** must be one libyaml reads too, into the same tree: the same kinds,
** styles, values, weights and line:col positions. So a case or batch line
** loads alike, errors included, whichever reader took it.
** See LICENSE for copying conditions.
*/
#include <string.h>

#include "fuzz.h"
#include "ydoc.h"

static void same(const lx_ynode *a, const lx_ynode *b, int depth)
{
  FZ_CHECK(a->kind == b->kind && a->style == b->style,
           "node at %d:%d: kind or style differs from libyaml's", a->line,
           a->col);
  FZ_CHECK(a->line == b->line && a->col == b->col,
           "node at %d:%d is at %d:%d for libyaml", a->line, a->col, b->line,
           b->col);
  FZ_CHECK(a->weight == b->weight && a->n == b->n,
           "node at %d:%d: weight or size differs from libyaml's", a->line,
           a->col);
  if (a->kind == LX_YSCALAR) {
    FZ_CHECK(a->len == b->len && memcmp(a->str, b->str, a->len) == 0 &&
                 a->str[a->len] == '\0',
             "value at %d:%d differs from libyaml's", a->line, a->col);
    return;
  }
  size_t n = a->kind == LX_YMAP ? 2 * a->n : a->n;
  for (size_t i = 0; i < n; i++)
    same(a->items[i], b->items[i], depth + 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size > LX_MAX_CASE_BYTES)
    return 0;
  lexloci_config cfg;
  lexloci_config_init(&cfg);
  lx_mem mem;
  lx_mem_init(&mem, &cfg);
  lx_arena fast, slow;
  lx_arena_init(&fast, &mem);
  lx_arena_init(&slow, &mem);
  lx_ydoc a = {0}, b = {0};
  lx_jstatus st = lx_json_read(&a, &fast, (const char *)data, size);
  FZ_CHECK(st != LX_JSON_NOMEM, "the JSON reader ran out of memory");
  if (st == LX_JSON_READ) {
    lx_diag diag;
    lx_diag_init(&diag, &cfg);
    bool ok = lx_ydoc_parse_yaml(&b, &slow, &diag, "json", (const char *)data,
                                 size);
    FZ_CHECK(ok, "the JSON reader read a text libyaml refuses");
    FZ_CHECK(a.root && b.root, "a document without a root");
    same(a.root, b.root, 0);
  }
  lx_arena_free(&fast);
  lx_arena_free(&slow);
  return 0;
}
