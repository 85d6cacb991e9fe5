/*
** ydoc.c: libyaml events to a node tree, with positions and limits.
*/
#include "ydoc.h"

#include <string.h>
#include <yaml.h>

typedef struct anchor {
  const char *name;
  lx_ynode *node;
} anchor;

typedef struct frame {
  lx_ynode *node;
  lx_vec items;         /* lx_ynode * */
  const char *anchor;
} frame;

typedef struct builder {
  lx_arena *arena;
  lx_diag *diag;
  const char *file;
  const lx_mem *mem;
  frame stack[LX_MAX_YAML_DEPTH + 1];
  int depth;
  anchor anchors[LX_MAX_YAML_ANCHORS]; /* aliases share the anchored node */
  int nanchors;
  size_t nodes;
  lx_ynode *root;
  bool failed;
} builder;

static void fail(builder *b, int line, int col, lexloci_status code,
                 const char *msg)
{
  if (!b->failed)
    lx_diag_report(b->diag, code, LEXLOCI_SEV_ERROR, b->file, line, col,
                   "%s", msg);
  b->failed = true;
}

static lx_ynode *new_node(builder *b, lx_ykind kind, const yaml_mark_t *m)
{
  lx_ynode *n = lx_arena_alloc(b->arena, sizeof *n);
  if (!n) {
    lx_diag_oom(b->diag);
    b->failed = true;
    return NULL;
  }
  n->kind = kind;
  n->line = (int)m->line + 1;
  n->col = (int)m->column + 1;
  n->weight = 1;
  return n;
}

static bool count_nodes(builder *b, size_t w, const yaml_mark_t *m)
{
  b->nodes += w;
  if (b->nodes > LX_MAX_YAML_NODES) {
    char msg[128];
    snprintf(msg, sizeof msg,
             "document has more than %u nodes (counting aliases)",
             (unsigned)LX_MAX_YAML_NODES);
    fail(b, (int)m->line + 1, (int)m->column + 1, LEXLOCI_ELIMIT, msg);
    return false;
  }
  return true;
}

static bool remember_anchor(builder *b, const char *name, lx_ynode *n,
                            const yaml_mark_t *m)
{
  if (!name)
    return true;
  if (b->nanchors == LX_MAX_YAML_ANCHORS) {
    fail(b, (int)m->line + 1, (int)m->column + 1, LEXLOCI_ELIMIT,
         "too many anchors in one document");
    return false;
  }
  char *copy = lx_arena_strdup(b->arena, name);
  if (!copy) {
    lx_diag_oom(b->diag);
    b->failed = true;
    return false;
  }
  b->anchors[b->nanchors].name = copy;
  b->anchors[b->nanchors].node = n;
  b->nanchors++;
  return true;
}

/* Adds a finished node to its parent (or makes it the root). */
static bool attach(builder *b, lx_ynode *n, const yaml_mark_t *m)
{
  if (b->depth == 0) {
    b->root = n;
    return true;
  }
  frame *f = &b->stack[b->depth - 1];
  /* A map's items are its keys and values: LX_MAX_LIST_ITEMS pairs. */
  size_t max = (f->node->kind == LX_YMAP ? 2 : 1) * (size_t)LX_MAX_LIST_ITEMS;
  if (f->items.n >= max) {
    fail(b, (int)m->line + 1, (int)m->column + 1, LEXLOCI_ELIMIT,
         "a list or map has too many items");
    return false;
  }
  lx_ynode **slot = lx_vec_push(&f->items, b->mem);
  if (!slot) {
    lx_diag_oom(b->diag);
    b->failed = true;
    return false;
  }
  *slot = n;
  f->node->weight += n->weight;
  return true;
}

static bool check_duplicate_keys(builder *b, lx_ynode *map)
{
  for (size_t i = 0; i < map->n; i++) {
    const lx_ynode *k = map->items[2 * i];
    if (k->kind != LX_YSCALAR) {
      fail(b, k->line, k->col, LEXLOCI_ESYNTAX,
           "a map key must be a plain value");
      return false;
    }
    for (size_t j = 0; j < i; j++) {
      const lx_ynode *o = map->items[2 * j];
      if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0) {
        char msg[200];
        snprintf(msg, sizeof msg, "duplicate key '%.80s' (first at line %d)",
                 k->str, o->line);
        fail(b, k->line, k->col, LEXLOCI_ESYNTAX, msg);
        return false;
      }
    }
  }
  return true;
}

static bool push(builder *b, lx_ykind kind, const yaml_event_t *ev,
                 const char *anchor_name)
{
  if (b->depth >= LX_MAX_YAML_DEPTH) {
    char msg[96];
    snprintf(msg, sizeof msg, "nesting deeper than %d levels",
             LX_MAX_YAML_DEPTH);
    fail(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
         LEXLOCI_ELIMIT, msg);
    return false;
  }
  if (!count_nodes(b, 1, &ev->start_mark))
    return false;
  lx_ynode *n = new_node(b, kind, &ev->start_mark);
  if (!n)
    return false;
  frame *f = &b->stack[b->depth++];
  f->node = n;
  lx_vec_init(&f->items, sizeof(lx_ynode *));
  f->anchor = anchor_name;
  return remember_anchor(b, anchor_name, n, &ev->start_mark);
}

static bool pop(builder *b, const yaml_event_t *ev)
{
  frame *f = &b->stack[--b->depth];
  lx_ynode *n = f->node;
  n->items = lx_arena_alloc(b->arena, (f->items.n ? f->items.n : 1) *
                                          sizeof(lx_ynode *));
  if (!n->items) {
    lx_vec_free(&f->items, b->mem);
    lx_diag_oom(b->diag);
    b->failed = true;
    return false;
  }
  if (f->items.n)
    memcpy(n->items, f->items.items, f->items.n * sizeof(lx_ynode *));
  n->n = n->kind == LX_YMAP ? f->items.n / 2 : f->items.n;
  lx_vec_free(&f->items, b->mem);
  if (n->kind == LX_YMAP && !check_duplicate_keys(b, n))
    return false;
  return attach(b, n, &ev->end_mark);
}

static bool on_scalar(builder *b, const yaml_event_t *ev)
{
  if (ev->data.scalar.length > LX_MAX_SCALAR_BYTES) {
    char msg[96];
    snprintf(msg, sizeof msg, "a value is longer than %u bytes",
             (unsigned)LX_MAX_SCALAR_BYTES);
    fail(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
         LEXLOCI_ELIMIT, msg);
    return false;
  }
  if (!count_nodes(b, 1, &ev->start_mark))
    return false;
  lx_ynode *n = new_node(b, LX_YSCALAR, &ev->start_mark);
  if (!n)
    return false;
  n->len = ev->data.scalar.length;
  n->str = lx_arena_strndup(b->arena, (const char *)ev->data.scalar.value,
                            n->len);
  if (!n->str) {
    lx_diag_oom(b->diag);
    b->failed = true;
    return false;
  }
  if (strlen(n->str) != n->len) {
    fail(b, n->line, n->col, LEXLOCI_ESYNTAX, "a value contains a NUL byte");
    return false;
  }
  switch (ev->data.scalar.style) {
  case YAML_SINGLE_QUOTED_SCALAR_STYLE: n->style = LX_YSINGLE; break;
  case YAML_DOUBLE_QUOTED_SCALAR_STYLE: n->style = LX_YDOUBLE; break;
  case YAML_LITERAL_SCALAR_STYLE: n->style = LX_YLITERAL; break;
  case YAML_FOLDED_SCALAR_STYLE: n->style = LX_YFOLDED; break;
  default: n->style = LX_YPLAIN; break;
  }
  if (!remember_anchor(b, (const char *)ev->data.scalar.anchor, n,
                       &ev->start_mark))
    return false;
  return attach(b, n, &ev->start_mark);
}

static bool on_alias(builder *b, const yaml_event_t *ev)
{
  const char *name = (const char *)ev->data.alias.anchor;
  for (int i = b->nanchors - 1; i >= 0; i--) {
    if (strcmp(b->anchors[i].name, name) == 0) {
      lx_ynode *n = b->anchors[i].node;
      /* An alias to a collection still open would make a cycle. */
      for (int d = 0; d < b->depth; d++) {
        if (b->stack[d].node == n) {
          fail(b, (int)ev->start_mark.line + 1,
               (int)ev->start_mark.column + 1, LEXLOCI_ESYNTAX,
               "an alias refers to a node that contains it");
          return false;
        }
      }
      if (!count_nodes(b, n->weight, &ev->start_mark))
        return false;
      return attach(b, n, &ev->start_mark);
    }
  }
  char msg[160];
  snprintf(msg, sizeof msg, "unknown anchor '%.100s'", name);
  fail(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
       LEXLOCI_ESYNTAX, msg);
  return false;
}

static void report_parser_error(builder *b, const yaml_parser_t *p)
{
  char msg[256];
  const yaml_mark_t *m = &p->problem_mark;
  if (p->error == YAML_MEMORY_ERROR) {
    lx_diag_oom(b->diag);
    b->failed = true;
    return;
  }
  if (p->context)
    snprintf(msg, sizeof msg, "syntax error: %s %s", p->problem, p->context);
  else
    snprintf(msg, sizeof msg, "syntax error: %s",
             p->problem ? p->problem : "malformed YAML");
  fail(b, (int)m->line + 1, (int)m->column + 1, LEXLOCI_ESYNTAX, msg);
}

bool lx_ydoc_parse(lx_ydoc *doc, lx_arena *arena, lx_diag *diag,
                   const char *file, const char *text, size_t len,
                   size_t max_bytes)
{
  doc->file = file;
  doc->root = NULL;
  if (len > max_bytes) {
    lx_diag_report(diag, LEXLOCI_ELIMIT, LEXLOCI_SEV_ERROR, file, 0, 0,
                   "input is larger than %zu bytes", max_bytes);
    return false;
  }
  /* JSON (a case, a batch line) is read without libyaml when the reader
     is sure to build the same tree; anything else, errors included, goes
     to libyaml. */
  switch (lx_json_read(doc, arena, text, len)) {
  case LX_JSON_READ:
    return true;
  case LX_JSON_NOMEM:
    lx_diag_oom(diag);
    return false;
  default:
    return lx_ydoc_parse_yaml(doc, arena, diag, file, text, len);
  }
}

bool lx_ydoc_parse_yaml(lx_ydoc *doc, lx_arena *arena, lx_diag *diag,
                        const char *file, const char *text, size_t len)
{
  doc->file = file;
  doc->root = NULL;
  builder *b = lx_arena_alloc(arena, sizeof *b);
  if (!b) {
    lx_diag_oom(diag);
    return false;
  }
  b->arena = arena;
  b->diag = diag;
  b->file = file;
  b->mem = arena->mem;
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) {
    lx_diag_oom(diag);
    return false;
  }
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  int ndocs = 0;
  bool done = false;
  while (!done && !b->failed) {
    yaml_event_t ev;
    if (!yaml_parser_parse(&parser, &ev)) {
      report_parser_error(b, &parser);
      break;
    }
    switch (ev.type) {
    case YAML_STREAM_END_EVENT:
      done = true;
      break;
    case YAML_DOCUMENT_START_EVENT:
      if (++ndocs > 1)
        fail(b, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1,
             LEXLOCI_ESYNTAX, "a file holds one document; found a second");
      break;
    case YAML_SCALAR_EVENT:
      on_scalar(b, &ev);
      break;
    case YAML_ALIAS_EVENT:
      on_alias(b, &ev);
      break;
    case YAML_SEQUENCE_START_EVENT:
      push(b, LX_YSEQ, &ev, (const char *)ev.data.sequence_start.anchor);
      break;
    case YAML_MAPPING_START_EVENT:
      push(b, LX_YMAP, &ev, (const char *)ev.data.mapping_start.anchor);
      break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      pop(b, &ev);
      break;
    default:
      break;
    }
    yaml_event_delete(&ev);
  }
  yaml_parser_delete(&parser);
  /* Frames still open after a failure own vectors: free them. */
  while (b->depth > 0)
    lx_vec_free(&b->stack[--b->depth].items, b->mem);
  if (b->failed)
    return false;
  doc->root = b->root;
  return true;
}

bool lx_ynode_is_null(const lx_ynode *n)
{
  if (!n)
    return true;
  if (n->kind != LX_YSCALAR || n->style != LX_YPLAIN)
    return false;
  switch (n->len) {
  case 0: return true;
  case 1: return n->str[0] == '~';
  case 4:
    return strcmp(n->str, "null") == 0 || strcmp(n->str, "Null") == 0 ||
           strcmp(n->str, "NULL") == 0;
  default: return false;
  }
}

const lx_ynode *lx_ymap_get(const lx_ynode *n, const char *key)
{
  if (!n || n->kind != LX_YMAP)
    return NULL;
  for (size_t i = 0; i < n->n; i++)
    if (strcmp(n->items[2 * i]->str, key) == 0)
      return n->items[2 * i + 1];
  return NULL;
}

const char *lx_ykind_name(const lx_ynode *n)
{
  if (!n || lx_ynode_is_null(n))
    return "nothing";
  switch (n->kind) {
  case LX_YSCALAR: return "a value";
  case LX_YSEQ: return "a list";
  default: return "a map";
  }
}
