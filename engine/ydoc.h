/*
** ydoc.h: a YAML (or JSON) document as a tree of nodes that remember
** their line and column, built with libyaml's event parser under the
** limits of common.h. libyaml's own buffers are freed before returning.
*/
#ifndef LX_YDOC_H
#define LX_YDOC_H

#include "common.h"
#include "diag.h"
#include "mem.h"

typedef enum lx_ykind { LX_YSCALAR, LX_YSEQ, LX_YMAP } lx_ykind;

typedef enum lx_ystyle {
  LX_YPLAIN, LX_YSINGLE, LX_YDOUBLE, LX_YLITERAL, LX_YFOLDED
} lx_ystyle;

typedef struct lx_ynode lx_ynode;
struct lx_ynode {
  lx_ykind kind;
  lx_ystyle style;       /* scalars */
  int line, col;         /* 1-based start */
  const char *str;       /* scalars: NUL-terminated value */
  size_t len;
  lx_ynode **items;      /* SEQ: n items; MAP: n pairs, key then value */
  size_t n;
  size_t weight;         /* nodes below, counting alias expansions */
};

typedef struct lx_ydoc {
  const char *file;      /* for messages; owned by the caller's arena */
  lx_ynode *root;        /* NULL for an empty document */
} lx_ydoc;

/* Parses text into doc, allocating nodes in arena. Reports problems to
   diag as FILE:LINE:COL and returns false on any. max_bytes bounds len. */
LX_INTERNAL bool lx_ydoc_parse(lx_ydoc *doc, lx_arena *arena, lx_diag *diag,
                               const char *file, const char *text,
                               size_t len, size_t max_bytes);

/* The same with libyaml alone, whatever the text (no size check): the
   reference tools/fuzz/fuzz_json.c holds lx_json_read to. */
LX_INTERNAL bool lx_ydoc_parse_yaml(lx_ydoc *doc, lx_arena *arena,
                                    lx_diag *diag, const char *file,
                                    const char *text, size_t len);

/* lx_json_read declines a key whose ':' comes more than this many bytes
   after the key's opening quote: libyaml forgets a mapping key (a YAML
   "simple key") 1024 characters on and then reads the map differently. */
#define LX_JSON_MAX_KEY_SPAN 1000

/* What lx_json_read (json_read.c) made of a text. */
typedef enum lx_jstatus {
  LX_JSON_READ,          /* doc->root is the tree libyaml would build */
  LX_JSON_DECLINED,      /* not JSON it is sure to read as libyaml does */
  LX_JSON_NOMEM
} lx_jstatus;
/* Reads a JSON object into the tree lx_ydoc_parse builds, without
   libyaml; lx_ydoc_parse tries it first. Reports nothing: on
   LX_JSON_DECLINED libyaml reads the text (and words any error). */
LX_INTERNAL lx_jstatus lx_json_read(lx_ydoc *doc, lx_arena *arena,
                                    const char *text, size_t len);

LX_INTERNAL bool lx_ynode_is_null(const lx_ynode *n);
/* The value of key in map n, or NULL. */
LX_INTERNAL const lx_ynode *lx_ymap_get(const lx_ynode *n, const char *key);
LX_INTERNAL const char *lx_ykind_name(const lx_ynode *n);

#endif
