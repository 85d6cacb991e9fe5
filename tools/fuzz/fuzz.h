/*
** fuzz.h: shared by the libFuzzer targets of tools/fuzz/: the bundled rule
** set (loaded once), a reader of fuzz bytes, a strict JSON parser and the
** invariants every verdict must satisfy. A broken invariant aborts, which
** libFuzzer reports as a crash and the replayer as a failed test.
** See LICENSE for copying conditions.
*/
#ifndef LX_FUZZ_H
#define LX_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "lexloci.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message: an invariant does not hold. */
#if defined(__GNUC__)
__attribute__((noreturn, format(printf, 1, 2)))
#endif
void fz_fail(const char *fmt, ...);
#define FZ_CHECK(cond, ...) \
  do { if (!(cond)) fz_fail(__VA_ARGS__); } while (0)

/* The bundled rule set (rules/ of the source tree, or $LEXLOCI_FUZZ_RULES),
   loaded on first use and kept for the process. */
const lexloci_ruleset *fz_bundled(void);

/* Reads fuzz bytes as small choices; past the end every read gives 0. */
typedef struct fz_bytes {
  const uint8_t *p;
  size_t n, i;
} fz_bytes;
unsigned fz_byte(fz_bytes *b);
/* A number in [0, n) (n > 0). */
unsigned fz_pick(fz_bytes *b, unsigned n);

/* A parsed JSON value. Strings are NUL-free copies (a \u0000 escape is a
   parse failure: lexloci never writes one). */
typedef enum fz_jkind {
  FZ_JNULL, FZ_JBOOL, FZ_JNUM, FZ_JSTR, FZ_JARR, FZ_JOBJ
} fz_jkind;
typedef struct fz_json fz_json;
struct fz_json {
  fz_jkind kind;
  char *str;           /* FZ_JSTR, and object member keys in keys[] */
  double num;
  int b;
  fz_json **items;     /* arrays and object values */
  char **keys;         /* objects */
  size_t n;
};
/* Parses text strictly (RFC 8259, UTF-8 checked, nothing after the value);
   NULL on any error, with the offset in *errat. */
fz_json *fz_json_parse(const char *text, size_t len, size_t *errat);
void fz_json_free(fz_json *j);
const fz_json *fz_json_get(const fz_json *obj, const char *key);
/* Writes j compactly into a malloc'd string. */
char *fz_json_write(const fz_json *j);

/* Checks every invariant of a verdict returned by lexloci_eval on c: the
   verdict is one of the eight and agrees with the regime outcomes as
   spec/verdict.md derives it, every finding, conflict and action has a
   citation, the accessors agree with each other, and the JSON (compact,
   pretty, with trace) is valid, deterministic, round-trips through a
   parser, says what the accessors say and truncates like snprintf. */
void fz_check_verdict(lexloci_case *c, const lexloci_verdict *v);

/* Checks what any failing call must leave: a known status and a
   NUL-terminated message. */
void fz_check_error(lexloci_status st, const lexloci_error *e);

#endif
