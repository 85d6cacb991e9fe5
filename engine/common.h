/*
** common.h: limits, assertions and visibility shared by every engine file.
** See LICENSE for copying conditions.
*/
#ifndef LX_COMMON_H
#define LX_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

#include "lexloci.h"

/* Internal functions shared between engine files, never exported. */
#if defined(__GNUC__)
#define LX_INTERNAL __attribute__((visibility("hidden")))
#else
#define LX_INTERNAL
#endif

#ifdef LEXLOCI_DEBUG
#include <assert.h>
#define lx_assert(c) assert(c)
#else
#define lx_assert(c) ((void)0)
#endif

#define LX_COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

/*
** Limits. Each bounds a resource an untrusted input could otherwise make
** unbounded; each is tested on both sides in tests/unit/test_limits.c and
** listed in docs/security.md.
*/
/* One rule file or case document; real rule files are tens of KiB. */
#define LX_MAX_FILE_BYTES      (4u * 1024u * 1024u)
/* A case document or batch line; the richest real case is under 4 KiB. */
#define LX_MAX_CASE_BYTES      LEXLOCI_MAX_CASE_BYTES
/* Files in one rule set folder (and folder depth while scanning it). */
#define LX_MAX_FILES           512
#define LX_MAX_DIR_DEPTH       8
/* YAML nesting: rule files need about 8 levels; deeper input is hostile. */
#define LX_MAX_YAML_DEPTH      64
/* Nodes of one YAML document, counting every alias expansion, so that an
   alias bomb ("billion laughs") is refused after a bounded amount of work. */
#define LX_MAX_YAML_NODES      200000
/* Anchors of one YAML document (each alias looks them up linearly). */
#define LX_MAX_YAML_ANCHORS    1024
/* A scalar (rule text, condition, case string). */
#define LX_MAX_SCALAR_BYTES    16384
/* Sequence length (list facts, members of a set, rules of a file). */
#define LX_MAX_LIST_ITEMS      4096
/* Rules and condition nodes of a rule set; the bundled set uses ~1%. */
#define LX_MAX_RULES           20000
#define LX_MAX_COND_NODES      200000
/* Condition groups nest; the evaluator recurses on them. */
#define LX_MAX_COND_DEPTH      32
#define LX_MAX_REGIMES         64
#define LX_MAX_SETS            1024
#define LX_MAX_CITATIONS       8192
/* A regular expression's source, and pcre2's match and depth limits, so
   that a catastrophic-backtracking pattern fails instead of hanging. */
#define LX_MAX_REGEX_BYTES     512
#define LX_PCRE2_MATCH_LIMIT   100000u
#define LX_PCRE2_DEPTH_LIMIT   1000u
/* One line of a JSONL batch. */
#define LX_MAX_BATCH_LINE      LX_MAX_CASE_BYTES
/* Work spent deciding an undetermined verdict: how many three-valued
   passes the search for possible verdicts may run per category. Past it
   the verdict stays undetermined and `missing` errs on the side of
   listing more facts (documented in docs/rule-language.md). */
#define LX_MAX_SEARCH_PASSES   20000
/* Of those, the passes one list of missing facts may spend looking for
   facts that matter only once others are answered (search.c, look_at);
   past it the facts not yet shown to matter are listed. On the
   benchmark's 2,000 bundled cases the longest look took 555 passes and
   10 of 136 took more than this. */
#define LX_MAX_MISSING_PASSES  256
/* Questions answered on one path of that search: bounds its recursion
   (each level keeps about 1 KiB of stack). */
#define LX_MAX_SEARCH_DEPTH    96
/* Witnesses kept per outcome while a state's open facts are judged
   (search.c): those touching fewest facts serve most answers. */
#define LX_WITNESSES           4
/* Distinct values tried for one unknown fact while searching. */
#define LX_MAX_CANDIDATES      256
/* Work `lexloci check` spends on one question (can this rule apply? can
   these two stand together?): three-valued passes over all dates tried.
   Real questions take tens of passes; past the limit the question is left
   open and nothing is reported about it, so a hostile rule set costs
   bounded time per rule pair (a note says how many were left open). */
#define LX_MAX_CHECK_PASSES    20000

#endif
