/*
** doc.c: `lexloci doc`: a page per regime of the rule set, listing its
** rules, what each decides, when it applies, its exceptions, actions and
** citations, in Markdown or in HTML with links to the cited sources; and
** an index. Written from the loaded rule set, so it is never stale: the
** build regenerates docs/regimes/ and a test compares it (tests/doc/).
** `--case-reference` and `--schema` (schema.c) document the vocabulary.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

typedef enum doc_format { D_MD, D_HTML } doc_format;

/* A growing text buffer: pages are built whole, then written only when
   they differ from the file, so that a rebuild leaves dates alone. */
typedef struct buf {
  char *s;
  size_t len, cap;
  bool oom;
} buf;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void put(buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char tmp[1024];
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0 || b->oom)
    return;
  const char *src = tmp;
  char *big = NULL;
  if ((size_t)n >= sizeof tmp) {
    big = malloc((size_t)n + 1);
    if (!big) {
      b->oom = true;
      return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    src = big;
  }
  if (b->len + (size_t)n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + (size_t)n + 1)
      cap *= 2;
    char *ns = realloc(b->s, cap);
    if (!ns) {
      b->oom = true;
      free(big);
      return;
    }
    b->s = ns;
    b->cap = cap;
  }
  memcpy(b->s + b->len, src, (size_t)n + 1);
  b->len += (size_t)n;
  free(big);
}

/* Text escaped for HTML, or for Markdown (table cells escape '|'). */
static void esc(buf *b, doc_format f, const char *s, bool cell)
{
  for (; *s; s++) {
    if (f == D_HTML && (*s == '<' || *s == '>' || *s == '&' || *s == '"'))
      put(b, "%s", *s == '<'   ? "&lt;"
                   : *s == '>' ? "&gt;"
                   : *s == '&' ? "&amp;"
                               : "&quot;");
    else if (f == D_MD && (*s == '<' || *s == '>'))
      put(b, "%s", *s == '<' ? "&lt;" : "&gt;");
    else if (f == D_MD && (*s == '*' || *s == '`' || (cell && *s == '|') ||
                           *s == '\\'))
      put(b, "\\%c", *s);
    else
      put(b, "%c", *s);
  }
}

/* A rule's text with its {fact} placeholders shown as the fact's name. */
static void rule_text(buf *b, doc_format f, const char *text)
{
  for (const char *p = text; *p;) {
    if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
      put(b, "%c", *p);
      p += 2;
      continue;
    }
    const char *end = p[0] == '{' ? strchr(p, '}') : NULL;
    if (end) {
      put(b, f == D_HTML ? "<var>%.*s</var>" : "*%.*s*",
          (int)(end - p - 1), p + 1);
      p = end + 1;
      continue;
    }
    char one[2] = {*p++, '\0'};
    esc(b, f, one, false);
  }
}

static void citation(buf *b, doc_format f, const lexloci_citation *c)
{
  if (f == D_HTML) {
    put(b, "<a href=\"");
    esc(b, f, c->url, false);
    put(b, "\">");
    esc(b, f, c->ref, false);
    put(b, "</a> (");
    esc(b, f, c->title, false);
    put(b, ")");
  } else {
    put(b, "[");
    esc(b, f, c->ref, false);
    put(b, "](%s) (", c->url);
    esc(b, f, c->title, false);
    put(b, ")");
  }
}

static void in_force(const lexloci_rule_info *ri, char *out, size_t cap)
{
  cli_date_range(ri->from, ri->until, out, cap);
}

/* The local part of a full rule id: "warrant" of "t.home.warrant". */
static const char *local_id(const lexloci_rule_info *ri)
{
  return ri->id + strlen(ri->regime) + 1;
}

/* A path relative to the rule-set folder, so pages read the same
   wherever the rule set sits. */
static const char *rel(const char *path, const char *dir)
{
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/')
    n--;
  if (strncmp(path, dir, n) == 0 && path[n] == '/')
    return path + n + 1;
  return path;
}

static void link_rule(buf *b, doc_format f, const lexloci_ruleset *rs,
                      size_t r)
{
  lexloci_rule_info ri;
  lexloci_ruleset_rule(rs, r, &ri);
  if (f == D_HTML)
    put(b, "<a href=\"#%s\"><code>%s</code></a>", local_id(&ri),
        local_id(&ri));
  else
    put(b, "[`%s`](#%s)", local_id(&ri), local_id(&ri));
}

/* The rules rule r defeats other than its bases: the ones it overrides. */
static size_t overridden(const lexloci_ruleset *rs, size_t r, size_t *out,
                         size_t cap)
{
  size_t n = 0;
  lexloci_rule_info ri;
  lexloci_ruleset_rule(rs, r, &ri);
  for (size_t t = 0; t < lexloci_ruleset_rule_count(rs) && n < cap; t++) {
    lexloci_rule_info ti;
    lexloci_ruleset_rule(rs, t, &ti);
    bool defeated = false, base = false;
    for (size_t d = 0; d < ti.ndefeaters; d++)
      defeated = defeated || lexloci_ruleset_rule_defeater(rs, t, d) == r;
    for (size_t k = 0; k < ri.nbases; k++)
      base = base || lexloci_ruleset_rule_base(rs, r, k) == t;
    if (defeated && !base)
      out[n++] = t;
  }
  return n;
}

/* A group's heading ("any of"), as lexloci_ruleset_rule_condition names
   it, rather than a condition. */
static bool group(const char *text)
{
  return strcmp(text, "all of") == 0 || strcmp(text, "any of") == 0 ||
         strcmp(text, "not") == 0 || strcmp(text, "not all of") == 0;
}

static void rule_section(buf *b, doc_format f, const lexloci_ruleset *rs,
                         size_t r)
{
  lexloci_rule_info ri;
  lexloci_ruleset_rule(rs, r, &ri);
  const char *id = local_id(&ri);
  char when[40];
  in_force(&ri, when, sizeof when);
  const char *effect = lexloci_outcome_name((lexloci_outcome)ri.effect);
  if (f == D_HTML) {
    put(b, "<section id=\"%s\">\n<h3><code>%s</code>", id, id);
    if (ri.title) {
      put(b, ": ");
      esc(b, f, ri.title, false);
    }
    put(b, "</h3>\n<p class=\"meta\">Effect <strong>%s</strong>; in force "
           "%s.</p>\n<p>Applies when:</p>\n", effect, when);
  } else {
    put(b, "### %s\n\n", id);
    if (ri.title) {
      esc(b, f, ri.title, false);
      put(b, "\n\n");
    }
    put(b, "Effect **%s**; in force %s.\n\nApplies when:\n\n", effect,
        when);
  }
  /* Conditions, nested by depth. */
  if (ri.nconditions == 0)
    put(b, f == D_HTML ? "<ul><li>always</li></ul>\n" : "- always\n");
  int open = 0;
  for (size_t j = 0; j < ri.nconditions; j++) {
    lexloci_condition c;
    lexloci_ruleset_rule_condition(rs, r, j, &c);
    if (f == D_HTML) {
      /* A nested list goes inside the item it belongs to. */
      while (open > c.depth) {
        put(b, "</li></ul>");
        open--;
      }
      if (open == c.depth)
        put(b, "</li>\n");
      while (open < c.depth) {
        put(b, "<ul>");
        open++;
      }
      put(b, group(c.text) ? "<li>" : "<li><code>");
      esc(b, f, c.text, false);
      put(b, group(c.text) ? ":" : "</code>");
    } else if (group(c.text)) {
      put(b, "%*s- %s:\n", 2 * (c.depth - 1), "", c.text);
    } else {
      put(b, "%*s- `%s`\n", 2 * (c.depth - 1), "", c.text);
    }
  }
  while (f == D_HTML && open-- > 0)
    put(b, "</li></ul>");
  put(b, f == D_HTML ? "\n" : "\n");
  /* Exceptions, overrides, and what defeats it. */
  size_t over[256];
  size_t nover = overridden(rs, r, over, 256);
  if (ri.nbases || nover || ri.ndefeaters) {
    const char *sep = "";
    put(b, f == D_HTML ? "<p>" : "");
    if (ri.nbases) {
      put(b, "Exception to ");
      for (size_t k = 0; k < ri.nbases; k++) {
        put(b, "%s", k ? ", " : "");
        link_rule(b, f, rs, lexloci_ruleset_rule_base(rs, r, k));
      }
      sep = ". ";
    }
    if (nover) {
      put(b, "%sOverrides ", sep);
      for (size_t k = 0; k < nover; k++) {
        put(b, "%s", k ? ", " : "");
        link_rule(b, f, rs, over[k]);
      }
      sep = ". ";
    }
    if (ri.ndefeaters) {
      put(b, "%sDefeated by ", sep);
      for (size_t k = 0; k < ri.ndefeaters; k++) {
        put(b, "%s", k ? ", " : "");
        link_rule(b, f, rs, lexloci_ruleset_rule_defeater(rs, r, k));
      }
    }
    put(b, f == D_HTML ? ".</p>\n" : ".\n\n");
  }
  /* What it says. */
  put(b, f == D_HTML ? "<blockquote>" : "> ");
  rule_text(b, f, ri.text);
  put(b, f == D_HTML ? "</blockquote>\n" : "\n\n");
  if (ri.unsettled) {
    put(b, f == D_HTML ? "<p class=\"unsettled\"><em>Unsettled:</em> "
                       : "*Unsettled:* ");
    esc(b, f, ri.unsettled, false);
    put(b, f == D_HTML ? "</p>\n" : "\n\n");
  }
  put(b, f == D_HTML ? "<p>Cites:</p>\n<ul>\n" : "Cites:\n\n");
  for (size_t j = 0; j < ri.ncitations; j++) {
    put(b, f == D_HTML ? "<li>" : "- ");
    citation(b, f, lexloci_ruleset_rule_citation(rs, r, j));
    put(b, f == D_HTML ? "</li>\n" : "\n");
  }
  put(b, f == D_HTML ? "</ul>\n" : "\n");
  if (ri.nactions)
    put(b, f == D_HTML ? "<p>Actions:</p>\n<ul>\n" : "Actions:\n\n");
  for (size_t j = 0; j < ri.nactions; j++) {
    lexloci_action a;
    lexloci_ruleset_rule_action(rs, r, j, &a);
    put(b, f == D_HTML ? "<li><code>%s</code> (by %s" : "- `%s` (by %s",
        a.id, a.by);
    if (a.deadline)
      put(b, ", within %s of %s", a.deadline, a.deadline_from);
    put(b, "): ");
    esc(b, f, a.text, false);
    put(b, " Cites ");
    for (size_t k = 0; k < a.ncitations; k++) {
      put(b, "%s", k ? "; " : "");
      citation(b, f, lexloci_ruleset_rule_action_citation(rs, r, j, k));
    }
    put(b, f == D_HTML ? ".</li>\n" : ".\n");
  }
  if (ri.nactions)
    put(b, f == D_HTML ? "</ul>\n" : "\n");
  if (f == D_HTML)
    put(b, "</section>\n");
}

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>%s</title>\n<style>\n"
    "body{font-family:system-ui,sans-serif;max-width:52em;margin:2em "
    "auto;padding:0 1em;line-height:1.45}\n"
    "code{font-size:.92em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}\n"
    "blockquote{margin:.5em 0;padding:.2em 1em;border-left:3px solid #999}"
    "\n.meta,.unsettled{color:#444}\n</style>\n</head>\n<body>\n";

static void header(buf *b, doc_format f, const lexloci_ruleset *rs)
{
  if (f == D_HTML)
    put(b, "<!-- Generated by lexloci doc from the rule set %s %s; do not "
           "edit. -->\n", lexloci_ruleset_name(rs),
        lexloci_ruleset_version(rs));
  else
    put(b, "<!-- Generated by `lexloci doc` from the rule set %s %s; do "
           "not edit: change the rules and rebuild. -->\n\n",
        lexloci_ruleset_name(rs), lexloci_ruleset_version(rs));
}

/* The page of regime g. */
static void regime_page(buf *b, doc_format f, const lexloci_ruleset *rs,
                        size_t g, const char *dir)
{
  const char *id = lexloci_ruleset_regime_id(rs, g);
  const char *title = lexloci_ruleset_regime_title(rs, g);
  if (f == D_HTML) {
    char t[512];
    snprintf(t, sizeof t, "%s", id);
    put(b, html_head, t);
  }
  header(b, f, rs);
  size_t first = SIZE_MAX, n = 0;
  const char *files[64];
  size_t nfiles = 0;
  for (size_t r = 0; r < lexloci_ruleset_rule_count(rs); r++) {
    lexloci_rule_info ri;
    lexloci_ruleset_rule(rs, r, &ri);
    if (strcmp(ri.regime, id) != 0)
      continue;
    if (first == SIZE_MAX)
      first = r;
    n++;
    const char *file = rel(ri.file, dir);
    bool seen = false;
    for (size_t k = 0; k < nfiles; k++)
      seen = seen || strcmp(files[k], file) == 0;
    if (!seen && nfiles < 64)
      files[nfiles++] = file;
  }
  if (f == D_HTML) {
    put(b, "<h1><code>%s</code>", id);
    if (title) {
      put(b, ": ");
      esc(b, f, title, false);
    }
    put(b, "</h1>\n<p>Rule set %s, version %s: %zu rule%s, from ",
        lexloci_ruleset_name(rs), lexloci_ruleset_version(rs), n,
        n == 1 ? "" : "s");
  } else {
    put(b, "# %s", id);
    if (title) {
      put(b, ": ");
      esc(b, f, title, false);
    }
    put(b, "\n\nRule set %s, version %s: %zu rule%s, from ",
        lexloci_ruleset_name(rs), lexloci_ruleset_version(rs), n,
        n == 1 ? "" : "s");
  }
  for (size_t k = 0; k < nfiles; k++)
    put(b, f == D_HTML ? "%s<code>%s</code>" : "%s`%s`", k ? ", " : "",
        files[k]);
  put(b, f == D_HTML ? ". Each rule applies when all its conditions hold "
                       "on the date of the request; where it applies and "
                       "nothing defeats it, it stands, and its effect is "
                       "the regime's answer (the strongest if several "
                       "stand).</p>\n"
                     : ". Each rule applies when all its conditions hold on "
                       "the date of the request; where it applies and "
                       "nothing defeats it, it stands, and its effect is "
                       "the regime's answer (the strongest if several "
                       "stand).\n\n");
  /* A summary table, then a section per rule. */
  if (f == D_HTML)
    put(b, "<table>\n<tr><th>rule</th><th>effect</th><th>in force</th>"
           "</tr>\n");
  else
    put(b, "| rule | effect | in force |\n| --- | --- | --- |\n");
  for (size_t r = first; n && r < first + n; r++) {
    lexloci_rule_info ri;
    lexloci_ruleset_rule(rs, r, &ri);
    char when[40];
    in_force(&ri, when, sizeof when);
    put(b, f == D_HTML ? "<tr><td>" : "| ");
    link_rule(b, f, rs, r);
    if (ri.title) {
      put(b, f == D_HTML ? "<br>" : ": ");
      esc(b, f, ri.title, true);
    }
    put(b, f == D_HTML ? "</td><td>%s</td><td>%s</td></tr>\n"
                       : " | %s | %s |\n",
        lexloci_outcome_name((lexloci_outcome)ri.effect), when);
  }
  put(b, f == D_HTML ? "</table>\n<h2>Rules</h2>\n" : "\n## Rules\n\n");
  for (size_t r = first; n && r < first + n; r++)
    rule_section(b, f, rs, r);
  if (f == D_HTML)
    put(b, "</body>\n</html>\n");
}

static void index_page(buf *b, doc_format f, const lexloci_ruleset *rs)
{
  const char *ext = f == D_HTML ? "html" : "md";
  const char *title = lexloci_ruleset_title(rs);
  if (f == D_HTML)
    put(b, html_head, lexloci_ruleset_name(rs));
  header(b, f, rs);
  put(b, f == D_HTML ? "<h1>%s %s</h1>\n" : "# %s %s\n\n",
      lexloci_ruleset_name(rs), lexloci_ruleset_version(rs));
  if (title) {
    esc(b, f, title, false);
    put(b, f == D_HTML ? "\n<ul>\n" : "\n\n");
  } else if (f == D_HTML) {
    put(b, "<ul>\n");
  }
  for (size_t g = 0; g < lexloci_ruleset_regime_count(rs); g++) {
    const char *id = lexloci_ruleset_regime_id(rs, g);
    const char *t = lexloci_ruleset_regime_title(rs, g);
    put(b, f == D_HTML ? "<li><a href=\"%s.%s\"><code>%s</code></a>"
                       : "- [`%s`](%s.%s)",
        f == D_HTML ? id : id, f == D_HTML ? ext : id,
        f == D_HTML ? id : ext);
    if (t) {
      put(b, ": ");
      esc(b, f, t, false);
    }
    put(b, f == D_HTML ? "</li>\n" : "\n");
  }
  put(b, f == D_HTML ? "</ul>\n</body>\n</html>\n" : "");
}

/* Writes text to path unless the file already holds exactly it. */
static bool write_if_changed(const char *path, const buf *b)
{
  FILE *fp = fopen(path, "rb");
  if (fp) {
    char *old = malloc(b->len + 1);
    size_t got = old ? fread(old, 1, b->len + 1, fp) : 0;
    bool same = old && got == b->len && memcmp(old, b->s, b->len) == 0;
    free(old);
    fclose(fp);
    if (same)
      return true;
  }
  fp = fopen(path, "wb");
  if (!fp || fwrite(b->s, 1, b->len, fp) != b->len) {
    fprintf(stderr, "lexloci doc: cannot write %s: %s\n", path,
            strerror(errno));
    if (fp)
      fclose(fp);
    return false;
  }
  return fclose(fp) == 0;
}

static int emit(buf *b, const char *dir, const char *name)
{
  if (b->oom) {
    fputs("lexloci: out of memory\n", stderr);
    return EXIT_INVALID;
  }
  if (!dir) {
    fwrite(b->s, 1, b->len, stdout);
    return EXIT_DONE;
  }
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return write_if_changed(path, b) ? EXIT_DONE : EXIT_INVALID;
}

int cmd_doc(int argc, char **argv, cli_common *common)
{
  const char *format = "md", *out = NULL, *schema = NULL;
  const char *only[64];
  size_t nonly = 0;
  bool reference = false;
  for (int i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
      format = argv[++i];
    else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
      out = argv[++i];
    else if (strcmp(argv[i], "--rules") == 0 && i + 1 < argc)
      common->rules = argv[++i];
    else if (strcmp(argv[i], "--schema") == 0 && i + 1 < argc)
      schema = argv[++i];
    else if (strcmp(argv[i], "--case-reference") == 0)
      reference = true;
    else if (argv[i][0] != '-' && nonly < 64)
      only[nonly++] = argv[i];
    else {
      fprintf(stderr, "lexloci doc: unexpected '%s'\n"
                      "usage: lexloci doc [--format md|html] [--out DIR] "
                      "[REGIME...]\n"
                      "       lexloci doc --case-reference\n"
                      "       lexloci doc --schema case|rules\n", argv[i]);
      return EXIT_USAGE;
    }
  }
  if (schema)
    return doc_schema(schema);
  if (reference)
    return doc_case_reference();
  doc_format f;
  if (strcmp(format, "md") == 0 || strcmp(format, "markdown") == 0)
    f = D_MD;
  else if (strcmp(format, "html") == 0)
    f = D_HTML;
  else {
    fprintf(stderr, "lexloci doc: --format must be md or html, not '%s'\n",
            format);
    return EXIT_USAGE;
  }
  if (out && mkdir(out, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "lexloci doc: cannot create %s: %s\n", out,
            strerror(errno));
    return EXIT_INVALID;
  }
  lexloci_ruleset *rs = cli_load_rules(common->rules);
  if (!rs)
    return EXIT_INVALID;
  const char *ext = f == D_HTML ? "html" : "md";
  int status = EXIT_DONE;
  for (size_t k = 0; k < nonly; k++) {
    size_t g = 0;
    while (g < lexloci_ruleset_regime_count(rs) &&
           strcmp(lexloci_ruleset_regime_id(rs, g), only[k]) != 0)
      g++;
    if (g == lexloci_ruleset_regime_count(rs)) {
      fprintf(stderr, "lexloci doc: the rule set has no regime '%s'\n",
              only[k]);
      status = EXIT_INVALID;
    }
  }
  for (size_t g = 0; status == EXIT_DONE &&
                     g < lexloci_ruleset_regime_count(rs); g++) {
    const char *id = lexloci_ruleset_regime_id(rs, g);
    bool wanted = nonly == 0;
    for (size_t k = 0; k < nonly; k++)
      wanted = wanted || strcmp(only[k], id) == 0;
    if (!wanted)
      continue;
    buf b = {NULL, 0, 0, false};
    regime_page(&b, f, rs, g, common->rules);
    char name[256];
    snprintf(name, sizeof name, "%s.%s", id, ext);
    status = emit(&b, out, name);
    free(b.s);
  }
  if (status == EXIT_DONE && out && nonly == 0) {
    buf b = {NULL, 0, 0, false};
    index_page(&b, f, rs);
    char name[64];
    snprintf(name, sizeof name, "index.%s", ext);
    status = emit(&b, out, name);
    free(b.s);
  }
  lexloci_ruleset_free(rs);
  return status;
}
