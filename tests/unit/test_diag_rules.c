/*
** test_diag_rules.c: every mistake in a rule file (defs.c, rules.c,
** cond.c) is reported at the offending token, in the words a lawyer reads,
** with a "did you mean" where one is apt. Each table pairs a rule file with
** every diagnostic its load gives.
*/
#include "helpers.h"

LX_SUITE(diag_rules);

typedef struct diag_case {
  const char *text; /* after the table's head */
  const char *want; /* every diagnostic, "r.yaml:LINE:COL: message\n" */
} diag_case;

/* A citation to cite (lines 1-2). */
#define HEAD_C1 \
  "citations:\n  c1: {ref: R, title: T, url: \"https://example.org/\"}\n"
/* Sets, a value and a rule whose last condition (line 15, column 9) is the
   table's text. */
#define HEAD_COND                                                          \
  HEAD_C1                                                                  \
  "sets:\n"                                                                \
  "  eu_states: {cite: [c1], members: [FR]}\n"                             \
  "  instruments: {of: instrument, cite: [c1], members: [warrant]}\n"      \
  "values:\n"                                                              \
  "  v_num: {value: 3, type: number, cite: [c1]}\n"                        \
  "regime: t.one\n"                                                        \
  "rules:\n"                                                               \
  "  - id: a\n"                                                            \
  "    effect: info\n"                                                     \
  "    text: T\n"                                                          \
  "    cite: [c1]\n"                                                       \
  "    when:\n"                                                            \
  "      - "

/* Citations and the file as a whole, with no head. */
static const diag_case file_cases[] = {
  {"citations:\n  C1: {ref: R, title: T, url: \"https://example.org/\"}\n",
   "r.yaml:2:3: citation id 'C1' may hold only a-z, 0-9, '-', '_', '.'\n"},
  {"citations:\n  c1: {ref: R, title: T, url: "
   "\"https://example.org/\"}\nsets:\n  s: {cite: [c1], members: []}\n---\n",
   "r.yaml:5:1: a file holds one document; found a second\n"},
  {"citations:\n  c1: {ref: R, title: T, urll: \"https://example.org/\"}\n",
   "r.yaml:2:26: unknown key 'urll' in citation 'c1'; did you mean 'url'?\n"},
  {"citations:\n  c1: {ref: R, title: T}\n",
   "r.yaml:2:7: citation 'c1' needs ref, title and url; 'url' is missing\n"},
  {"citations:\n  c1: {ref: [R], title: T, url: \"https://example.org/\"}\n",
   "r.yaml:2:13: ref must be text, not a list\n"},
  {"citations: [c1]\n",
   "r.yaml:1:12: citations must be a map of id: {ref, title, url}\n"},
  {"",
   "r.yaml:1:1: the file is empty\n"},
  {"- a\n",
   "r.yaml:1:1: a rule file must be a map, not a list\n"},
};

/* Regimes, sets, values, conflict notes, rules and actions, after HEAD_C1. */
static const diag_case def_cases[] = {
  {"title: T\n",
   "r.yaml:3:8: 'title' names a regime: add 'regime: ID'\n"},
  {"regime: {id: t.one, titel: T}\n",
   "r.yaml:3:21: unknown key 'titel' in regime; did you mean 'title'?\n"},
  {"regime: {id: t.one, title: T}\ntitle: U\n",
   "r.yaml:4:8: the regime's title is given twice\n"},
  {"regime: {title: T}\n",
   "r.yaml:3:9: regime needs an id\n"},
  {"regime: T.One\n",
   "r.yaml:3:9: a regime id is lower case words joined by '.', such as "
   "'us.cloud_act'\n"},
  {"sets:\n  Bad-Name: {cite: [c1], members: []}\n",
   "r.yaml:4:3: 'Bad-Name': set and value names hold only a-z, 0-9 and '_'\n"},
  {"sets:\n  eu: {cite: [c1], members: []}\nvalues:\n  eu: {value: 1, type: "
   "number, cite: [c1]}\n",
   "r.yaml:6:3: 'eu' is defined twice (first at r.yaml:4)\n"},
  {"sets:\n  eu: {cite: [c1], members: [[FR]]}\n",
   "r.yaml:4:30: a member must be a value, not a list\n"},
  {"sets:\n  eu: {cite: [c1], members: [UK]}\n",
   "r.yaml:4:30: 'UK' is not a country code; did you mean 'GB'?\n"},
  {"sets:\n  eu: {of: instrument, cite: [c1], members: [warant]}\n",
   "r.yaml:4:46: 'warant' is not a value of type instrument; did you mean "
   "'warrant'?\n"},
  {"sets:\n  eu: {cite: [c1], members: {FR: {from: 2020-01-01, until: "
   "2019-01-01}}}\n",
   "r.yaml:4:60: 'until' is before 'from'\n"},
  {"sets:\n  eu: {cite: [c1], members: {FR: {from: 2020-13-01}}}\n",
   "r.yaml:4:41: from must be a date YYYY-MM-DD, not '2020-13-01'\n"},
  {"sets:\n  eu: {cite: [c1], members: {FR: {unti: 2020-01-01}}}\n",
   "r.yaml:4:35: unknown key 'unti' in a member; did you mean 'until'?\n"},
  {"sets:\n  eu: {cite: [c1], members: {FR: {note: [a]}}}\n",
   "r.yaml:4:41: note must be text, not a list\n"},
  {"sets:\n  eu: {cite: [c1], members: {FR: {cite: [c2]}}}\n",
   "r.yaml:4:42: unknown citation 'c2'; did you mean 'c1'?\n"},
  {"sets:\n  eu: {cite: [c1], members: {FR: yesterday}}\n",
   "r.yaml:4:34: a member's dates are a date YYYY-MM-DD, 'always' or "
   "{from, until}, not 'yesterday'\n"},
  {"sets:\n  eu: {of: instrumnt, cite: [c1], members: []}\n",
   "r.yaml:4:12: 'of' must be country or an enumerated type such as "
   "instrument; did you mean 'instrument'?\n"},
  {"sets:\n  eu: {of: [country], cite: [c1], members: []}\n",
   "r.yaml:4:12: 'of' must be a type name\n"},
  {"sets:\n  eu: {cite: [c1]}\n",
   "r.yaml:4:7: set 'eu' has no members (write 'members: []' for an empty "
   "set)\n"},
  {"sets:\n  eu: {cite: [c1], members: FR}\n",
   "r.yaml:4:29: members must be a list or a map of member: dates\n"},
  {"sets:\n  eu: {cite: [c1], members: [FR, FR]}\n",
   "r.yaml:4:34: 'FR' is listed twice in set 'eu'\n"},
  {"sets:\n  eu: {title: [a], cite: [c1], members: []}\n",
   "r.yaml:4:15: title must be text, not a list\n"},
  {"sets: [eu]\n",
   "r.yaml:3:7: sets must be a map of name: {title, cite, members}\n"},
  {"values:\n  v: {value: 1, cite: [c1]}\n",
   "r.yaml:4:6: value 'v' needs 'value' and 'type'; 'type' is missing\n"},
  {"values:\n  v: {value: 1, type: integer, cite: [c1]}\n",
   "r.yaml:4:23: type must be date, number, bool, country or text\n"},
  {"values:\n  v: {value: [1], type: number, cite: [c1]}\n",
   "r.yaml:4:14: value 'v' must be a single value\n"},
  {"values:\n  v: {value: abc, type: number, cite: [c1]}\n",
   "r.yaml:4:14: value 'v' is not a number\n"},
  {"values:\n  v: {value: yes, type: bool, cite: [c1]}\n",
   "r.yaml:4:14: value 'v' must be true or false\n"},
  {"values:\n  v: {value: UK, type: country, cite: [c1]}\n",
   "r.yaml:4:14: 'UK' is not a country code; did you mean 'GB'?\n"},
  {"values:\n  v: {value: 2020-02-30, type: date, cite: [c1]}\n",
   "r.yaml:4:14: value 'v' must be a date YYYY-MM-DD, not '2020-02-30'\n"},
  {"values:\n  v: {value: x, type: text, title: [a], cite: [c1]}\n",
   "r.yaml:4:36: title must be text, not a list\n"},
  {"values: [v]\n",
   "r.yaml:3:9: values must be a map of name: {value, type, cite}\n"},
  {"regime: t.one\nconflicts: {a: b}\n",
   "r.yaml:4:12: conflicts must be a list of {between, text, cite}\n"},
  {"regime: t.one\nconflicts:\n  - {between: [t.one], text: T, cite: [c1]}\n",
   "r.yaml:5:15: 'between' must list two regimes\n"},
  {"regime: t.one\nconflicts:\n  - {between: [t.one, [x]], text: T, cite: "
   "[c1]}\n",
   "r.yaml:5:23: expected a regime id\n"},
  {"regime: t.one\nconflicts:\n  - {between: [t.one, t.onee], text: T, "
   "cite: [c1]}\n",
   "r.yaml:5:23: unknown regime 't.onee'; did you mean 't.one'?\n"},
  {"regime: t.one\nconflicts:\n  - {between: [t.one, t.one], cite: [c1]}\n",
   "r.yaml:5:5: a conflict note needs a text\n"},
  {"regime: t.one\nconflicts:\n  - {between: [t.one, t.one], text: T, cite: "
   "[c1]}\n",
   "r.yaml:5:15: a conflict note is between two different regimes\n"},
  {"regime: t.one\nrules: {a: b}\n",
   "r.yaml:4:8: rules must be a list\n"},
  {"regime: t.one\nrules:\n  - a\n",
   "r.yaml:5:5: a rule must be a map with id, effect, when, text and cite\n"},
  {"regime: t.one\nrules:\n  - {effect: info}\n",
   "r.yaml:5:5: a rule needs an id\n"},
  {"regime: t.one\nrules:\n  - {id: A, effect: info}\n",
   "r.yaml:5:10: rule id 'A' may hold only a-z, 0-9, '_' and '-'\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: []}\n",
   "r.yaml:5:5: rule 't.one.a' needs effect, when, text and cite; 'text' "
   "is missing\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, text: T, cite: [c1]}\n",
   "r.yaml:5:5: rule 't.one.a' needs effect, when, text and cite; 'when' "
   "is missing (a rule that always applies says when: [])\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: \"a } "
   "b\", cite: [c1]}\n",
   "r.yaml:5:46: unmatched '}' in the text; write '}}' for a brace\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: \"a "
   "{b\", cite: [c1]}\n",
   "r.yaml:5:46: unmatched '{' in the text; write '{{' for a brace\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: "
   "\"{{a}} {request.issuer}\", cite: [c1]}\n",
   "r.yaml:5:51: the text quotes unknown fact 'request.issuer'; did you "
   "mean 'request.issuing_state'?\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: [a], "
   "cite: [c1]}\n",
   "r.yaml:5:43: the text must be plain English, not a list or a map\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "unsettled: [a], cite: [c1]}\n",
   "r.yaml:5:57: unsettled must be a sentence\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "unsettled: \"in {data.locations}\", cite: [c1]}\n",
   "r.yaml:5:61: '{data.locations}' is filled in only in the text; "
   "unsettled is shown as written, so say it in words\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], in_force: {from: 2020-01-01, until: 2019-01-01}}\n",
   "r.yaml:5:94: 'until' is before 'from'\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: {id: x}}\n",
   "r.yaml:5:67: actions must be a list\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provider}]}\n",
   "r.yaml:5:68: an action needs id, by, text and cite; 'text' is missing\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: X, by: provider, text: T, cite: [c1]}]}\n",
   "r.yaml:5:73: action id 'X' may hold only a-z, 0-9, '_' and '-'\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provder, text: T, cite: [c1]}]}\n",
   "r.yaml:5:80: 'by' must be provider, issuing_authority or customer; did "
   "you mean 'provider'?\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provider, text: T, cite: [c1], "
   "deadline: 14 days, from: service}]}\n",
   "r.yaml:5:121: deadline '14 days' is not an ISO 8601 duration such as "
   "P14D or PT8H\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provider, text: T, cite: [c1], "
   "deadline: P14D}]}\n",
   "r.yaml:5:121: a deadline needs 'from': receipt, service or "
   "notification\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provider, text: T, cite: [c1], "
   "deadline: P14D, from: servce}]}\n",
   "r.yaml:5:133: 'from' must be receipt, service or notification; did you "
   "mean 'service'?\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provider, text: T, cite: [c1], from: "
   "service}]}\n",
   "r.yaml:5:117: 'from' goes with a deadline\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], actions: [{id: x, by: provider, text: T, cite: [c1]}, {id: "
   "x, by: provider, text: T, cite: [c1]}]}\n",
   "r.yaml:5:117: action 'x' is listed twice in rule 't.one.a'\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], overrides: [[b]]}\n",
   "r.yaml:5:70: expected a rule id\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], overrides: a}\n",
   "r.yaml:5:69: a rule cannot override itself\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: T, "
   "cite: [c1], overrides: t.one.b}\n",
   "r.yaml:5:69: no rule 't.one.b' in regime t.one; a rule overrides only "
   "rules of its own regime: write the id without the regime\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [{any: []}], "
   "text: T, cite: [c1]}\n",
   "r.yaml:5:40: 'any' needs at least one condition\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [{all: "
   "request.emergency}], text: T, cite: [c1]}\n",
   "r.yaml:5:40: 'all' takes a list of conditions\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [{nay: "
   "[request.emergency]}], text: T, cite: [c1]}\n",
   "r.yaml:5:35: unknown condition group 'nay'; use all, any or not; did "
   "you mean 'any'?\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [{any: "
   "[request.emergency], all: [request.emergency]}], text: T, cite: [c1]}\n",
   "r.yaml:5:34: a condition is a line such as 'request.instrument is "
   "warrant', or a map with one key: all, any or not\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [{not: []}], "
   "text: T, cite: [c1]}\n",
   "r.yaml:5:40: 'not' needs at least one condition\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [~], text: T, "
   "cite: [c1]}\n",
   "r.yaml:5:34: a condition is a line such as 'request.instrument is "
   "warrant', or a map with one key: all, any or not\n"},
  {"regime: t.one\nrules:\n  - {id: a, when: [], text: T, cite: [c1]}\n",
   "r.yaml:5:5: rule 't.one.a' needs effect, when, text and cite; 'effect' "
   "is missing\n"},
  {"regime: t.one\nrules:\n  - {id: a, effect: info, when: [], text: ~, "
   "cite: [c1]}\n",
   "r.yaml:5:43: the text is empty\n"},
  {"values:\n  v: {value: 1, type: nmber, cite: [c1]}\n",
   "r.yaml:4:23: type must be date, number, bool, country or text; did you "
   "mean 'number'?\n"},
  {"values:\n  v: {type: number, cite: [c1]}\n",
   "r.yaml:4:6: value 'v' needs 'value' and 'type'; 'value' is missing\n"},
};

/* Conditions, after HEAD_COND. */
static const diag_case cond_cases[] = {
  {"provider.name is \"abc",
   "r.yaml:15:26: the quoted value has no closing quote\n"},
  {"provider.name matches /abc",
   "r.yaml:15:31: the regular expression has no closing '/'\n"},
  {"provider.name matches abc",
   "r.yaml:15:31: expected a regular expression such as /^REQ-[0-9]+$/\n"},
  {"request.instrument is warrant ]",
   "r.yaml:15:39: unexpected ']' after the condition\n"},
  {"request.instrument is",
   "r.yaml:15:30: expected a value here\n"},
  {"request.issuing_state is request.instrument",
   "r.yaml:15:34: 'request.instrument' cannot be compared here: expected a "
   "country code\n"},
  {"request.issuing_state is v_num",
   "r.yaml:15:34: value 'v_num' cannot be compared here: expected a "
   "country code\n"},
  {"request.issuing_state is v_nu",
   "r.yaml:15:34: 'v_nu' is not a country code; expected an ISO 3166-1 "
   "alpha-2 code such as 'US' or 'IE'\n"},
  {"request.offence.max_sentence_years >= v_nm",
   "r.yaml:15:47: 'v_nm' is not a number; did you mean 'v_num'?\n"},
  {"request.issuing_state in [US, UK]",
   "r.yaml:15:39: 'UK' is not a country code; did you mean 'GB'?\n"},
  {"request.issuing_state in [US",
   "r.yaml:15:37: missing ']' at the end of the list\n"},
  {"request.issuing_state in [US,",
   "r.yaml:15:38: missing ']' at the end of the list\n"},
  {"request.issuing_state in [US US]",
   "r.yaml:15:38: expected ',' or ']' in the list\n"},
  {"request.offence.max_sentence_years in [3]",
   "r.yaml:15:47: a [list] can hold only country codes or enumerated "
   "values; use any: for other values\n"},
  {"request.issuing_state in",
   "r.yaml:15:33: expected a set name or a [list] here\n"},
  {"request.issuing_state in provider.services",
   "r.yaml:15:34: 'provider.services' is not a list of the same kind of "
   "value\n"},
  {"request.issuing_state in eu_state",
   "r.yaml:15:34: unknown set 'eu_state'; did you mean 'eu_states'?\n"},
  {"request.issuing_state in instruments",
   "r.yaml:15:34: set 'instruments' does not hold a country code\n"},
  {"regime",
   "r.yaml:15:15: expected a regime id after 'regime'\n"},
  {"regime t.two is info",
   "r.yaml:15:16: unknown regime 't.two'\n"},
  {"regime t.one is must_disclos",
   "r.yaml:15:25: 'must_disclos' is not a regime outcome; did you mean "
   "'must_disclose'?\n"},
  {"regime t.one is not info",
   "r.yaml:15:29: 'info' is not a regime outcome\n"},
  {"regime t.one was info",
   "r.yaml:15:22: expected 'is' or 'in' after the regime id\n"},
  {"regime t.one in info",
   "r.yaml:15:25: expected a [list] of outcomes\n"},
  {"regime t.one not in [must_disclose, must]",
   "r.yaml:15:45: 'must' is not a regime outcome; did you mean "
   "'must_disclose'?\n"},
  {"regime t.one in [must_disclose must_preserve]",
   "r.yaml:15:40: expected ',' or ']' in the list\n"},
  {"regime t.one in [must_disclose",
   "r.yaml:15:39: missing ']' at the end of the list\n"},
  {"[a]",
   "r.yaml:15:10: unknown fact 'a'\n"},
  {"request.issuing_state not is US",
   "r.yaml:15:35: expected 'in' after 'not'\n"},
  {"request.issuing_state does contain US",
   "r.yaml:15:36: expected 'does not contain' or 'does not intersect'\n"},
  {"request.issuing_state does not contain US",
   "r.yaml:15:31: 'request.issuing_state' is not a list: use 'is not'\n"},
  {"provider.presence does not have US",
   "r.yaml:15:36: expected 'contain' or 'intersect' after 'does not'\n"},
  {"request.issuing_state intersects [US]",
   "r.yaml:15:31: 'request.issuing_state' is not a list: use 'in'\n"},
  {"request.issuing_state subset [US]",
   "r.yaml:15:38: expected 'subset of'\n"},
  {"request.issuing_state subset of [US]",
   "r.yaml:15:31: 'request.issuing_state' is not a list: use 'in'\n"},
  {"request.issuing_state contains US",
   "r.yaml:15:31: 'request.issuing_state' is not a list: use 'is'\n"},
  {"request.issuing_state > US",
   "r.yaml:15:31: 'request.issuing_state' is not a number or a date\n"},
  {"request.issuing_state matches /a/",
   "r.yaml:15:31: 'request.issuing_state' is not text\n"},
  {"request.issuing_state equals US",
   "r.yaml:15:31: expected an operator after 'request.issuing_state' (is, "
   "in, contains, intersects, subset of, <, >=, matches...), found "
   "'equals'\n"},
  {"request.issuing_state is none",
   "r.yaml:15:34: 'request.issuing_state' cannot be none (null)\n"},
  {"request.issuing_state is empty",
   "r.yaml:15:34: 'request.issuing_state' is not a list\n"},
  {"provider.presence is US",
   "r.yaml:15:27: 'provider.presence' is a list: use 'contains', "
   "'intersects' or 'subset of'\n"},
  {"provider.presence in [US]",
   "r.yaml:15:27: 'provider.presence' is a list: use 'intersects' or "
   "'subset of'\n"},
  {"request.instrument",
   "r.yaml:15:9: 'request.instrument' is not true or false: write a test "
   "such as '... is US' or '... contains US'\n"},
  {"request.issuing_state is US & x",
   "r.yaml:15:37: unexpected '&' after the condition\n"},
};

static void check_table(const char *head, const diag_case *cases, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    char text[2048];
    snprintf(text, sizeof text, "%s%s", head, cases[i].text);
    diags d;
    lexloci_ruleset *rs = NULL;
    lexloci_status st = load_rules(text, &rs, &d);
    cr_expect_neq(st, LEXLOCI_OK, "loaded:\n%s", text);
    lexloci_ruleset_free(rs);
    cr_expect_str_eq(d.text, cases[i].want, "case %zu:\n%s\ngot:\n%s", i,
                     text, d.text);
  }
}

#define CHECK_TABLE(head, t) check_table(head, t, sizeof t / sizeof *t)

LX_TEST(diag_rules, files_and_citations) { CHECK_TABLE("", file_cases); }

LX_TEST(diag_rules, definitions_and_rules)
{
  CHECK_TABLE(HEAD_C1, def_cases);
}

LX_TEST(diag_rules, conditions) { CHECK_TABLE(HEAD_COND, cond_cases); }

/* Loads the manifest m and the files a and b, expecting failure. */
static void fails3(const char *m, const char *a, const char *b,
                   const char *want)
{
  lexloci_source srcs[3] = {{"lexloci.yaml", m, strlen(m)},
                            {"a.yaml", a, strlen(a)},
                            {"b.yaml", b, strlen(b)}};
  diags d;
  lexloci_ruleset *rs = NULL;
  cr_expect_eq(load_sources(srcs, 3, &rs, &d), LEXLOCI_ERULE);
  lexloci_ruleset_free(rs);
  cr_expect_str_eq(d.text, want, "got:\n%s", d.text);
}

LX_TEST(diag_rules, across_files)
{
  static const char a[] = "regime: {id: t.one, title: One}\n" HEAD_C1
                          "sets:\n  s: {cite: [c1], members: []}\n";
  fails3(manifest_yaml, a,
         "regime: t.one\ntitle: Uno\n" HEAD_C1
         "values:\n  s: {value: 1, type: number, cite: [c1]}\n",
         "b.yaml:2:8: regime 't.one' already has the title 'One'\n"
         "b.yaml:4:3: citation 'c1' is defined twice (first at a.yaml:3)\n"
         "b.yaml:6:3: 's' is defined twice (first at a.yaml:5)\n");
  fails3(manifest_yaml, a,
         "regime: t.two\nconflicts:\n"
         "  - {between: [t.one, t.two], text: T, cite: [c1]}\n"
         "  - {between: [t.two, t.one], text: T, cite: [c1]}\n",
         "b.yaml:4:15: these two regimes already have a conflict note\n");
  fails3("lexloci: 1\nname: n\nversion: \"1\"\nregimes: t.one\n", a,
         "regime: t.two\n",
         "lexloci.yaml:4:10: regimes must be a list of regime ids\n");
  fails3("lexloci: 1\nname: n\nversion: \"1\"\n"
         "regimes: [t.one, t.one, t.tow, [x]]\n",
         a, "regime: t.two\n",
         "lexloci.yaml:4:10: regime 't.two' (declared at b.yaml:1) is "
         "missing from the manifest's regimes\n"
         "lexloci.yaml:4:18: regime 't.one' is listed twice\n"
         "lexloci.yaml:4:25: the manifest lists regime 't.tow', which no "
         "rule file declares; did you mean 't.two'?\n"
         "lexloci.yaml:4:32: expected a regime id, not a list\n");
}
