/*
** peers.c: Lua 5.4 and CLIPS 6.30 embedded from C, each deciding the
** synthetic rules as written by synth.c. Each is compiled in only when the
** build found its library (LEXLOCI_BENCH_LUA, LEXLOCI_BENCH_CLIPS).
** See LICENSE for copying conditions.
*/
#include <stdlib.h>
#include <string.h>

#include "peers.h"

/* ------------------------------------------------------------------ */
/* Lua: generated if-chains, a prepared table per case                  */
/* ------------------------------------------------------------------ */

#ifdef LEXLOCI_BENCH_LUA
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

typedef struct lua_ctx {
  lua_State *L;
  int fn;        /* registry reference of the decider */
  int *tables;   /* registry reference of each case's table */
  int n;
} lua_ctx;

static void *lua_open_(const synth_set *s, const char *dir)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/rules.lua", dir);
  (void)s;
  lua_ctx *lc = calloc(1, sizeof *lc);
  lc->L = luaL_newstate();
  luaL_openlibs(lc->L);
  if (luaL_loadfile(lc->L, path) != LUA_OK ||
      lua_pcall(lc->L, 0, 1, 0) != LUA_OK) {
    fprintf(stderr, "bench: lua: %s\n", lua_tostring(lc->L, -1));
    lua_close(lc->L);
    free(lc);
    return NULL;
  }
  lc->fn = luaL_ref(lc->L, LUA_REGISTRYINDEX);
  return lc;
}

static bool lua_prepare(void *p, const synth_vec *cases, int n)
{
  lua_ctx *lc = p;
  lua_State *L = lc->L;
  lc->tables = calloc((size_t)n, sizeof *lc->tables);
  lc->n = n;
  for (int i = 0; i < n; i++) {
    lua_createtable(L, 0, SYNTH_NFACTS);
    for (int f = 0; f < SYNTH_NFACTS; f++) {
      const synth_factdef *d = &synth_facts[f];
      int v = cases[i].v[f];
      switch (d->type) {
      case SF_BOOL: lua_pushboolean(L, v); break;
      case SF_NUM: lua_pushinteger(L, v); break;
      default: lua_pushstring(L, d->values[v]); break;
      }
      lua_setfield(L, -2, d->name);
    }
    lc->tables[i] = luaL_ref(L, LUA_REGISTRYINDEX);
  }
  return true;
}

static synth_answer lua_decide(void *p, const synth_vec *x, int i)
{
  lua_ctx *lc = p;
  lua_State *L = lc->L;
  (void)x;
  lua_rawgeti(L, LUA_REGISTRYINDEX, lc->fn);
  lua_rawgeti(L, LUA_REGISTRYINDEX, lc->tables[i]);
  synth_answer a = {-1, -1};
  if (lua_pcall(L, 1, 2, 0) != LUA_OK) {
    lua_pop(L, 1);
    return a;
  }
  a.nfired = (int)lua_tointeger(L, -2);
  a.outcome = synth_outcome(a.nfired, (int)lua_tointeger(L, -1));
  lua_pop(L, 2);
  return a;
}

static void lua_close_(void *p)
{
  lua_ctx *lc = p;
  lua_close(lc->L);
  free(lc->tables);
  free(lc);
}

static const peer_def lua_peer = {"lua", lua_open_, lua_prepare, lua_decide,
                                  lua_close_};
#endif

/* ------------------------------------------------------------------ */
/* CLIPS: assert the case, run, read two globals, retract               */
/* ------------------------------------------------------------------ */

#ifdef LEXLOCI_BENCH_CLIPS
#include <clips/clips.h>

typedef struct clips_ctx {
  void *env;
  void *tmpl;
  void *slot_sym[SYNTH_NFACTS][64]; /* interned symbols per value */
} clips_ctx;

static void *clips_open(const synth_set *s, const char *dir)
{
  char path[4096];
  snprintf(path, sizeof path, "%s/rules.clp", dir);
  (void)s;
  clips_ctx *cc = calloc(1, sizeof *cc);
  cc->env = CreateEnvironment();
  EnvSetConserveMemory(cc->env, 1);
  if (EnvLoad(cc->env, path) != 1) {
    fprintf(stderr, "bench: clips: cannot load %s\n", path);
    DestroyEnvironment(cc->env);
    free(cc);
    return NULL;
  }
  EnvReset(cc->env);
  cc->tmpl = EnvFindDeftemplate(cc->env, "case");
  for (int f = 0; f < SYNTH_NFACTS; f++) {
    const synth_factdef *d = &synth_facts[f];
    for (int v = 0; v < d->nvalues && v < 64; v++) {
      if (d->type == SF_NUM)
        continue;
      /* Counted, or CLIPS collects them as garbage after a run. */
      void *sym = EnvAddSymbol(cc->env, d->type == SF_BOOL
                                            ? (v ? "TRUE" : "FALSE")
                                            : d->values[v]);
      IncrementSymbolCount(sym);
      cc->slot_sym[f][v] = sym;
    }
  }
  return cc->tmpl ? cc : NULL;
}

static bool clips_prepare(void *p, const synth_vec *cases, int n)
{
  (void)p;
  (void)cases;
  (void)n;
  return true;
}

static synth_answer clips_decide(void *p, const synth_vec *x, int i)
{
  clips_ctx *cc = p;
  void *env = cc->env;
  (void)i;
  struct fact *f = EnvCreateFact(env, cc->tmpl);
  for (int k = 0; k < SYNTH_NFACTS; k++) {
    DATA_OBJECT d;
    if (synth_facts[k].type == SF_NUM) {
      SetType(d, INTEGER);
      SetValue(d, EnvAddLong(env, x->v[k]));
    } else {
      SetType(d, SYMBOL);
      SetValue(d, cc->slot_sym[k][x->v[k]]);
    }
    EnvPutFactSlot(env, f, synth_facts[k].name, &d);
  }
  void *asserted = EnvAssert(env, f);
  EnvRun(env, -1);
  DATA_OBJECT n, best;
  EnvGetDefglobalValue(env, "n", &n);
  EnvGetDefglobalValue(env, "best", &best);
  synth_answer a;
  a.nfired = (int)DOToLong(n);
  a.outcome = synth_outcome(a.nfired, (int)DOToLong(best));
  EnvRetract(env, asserted);
  DATA_OBJECT zero;
  SetType(zero, INTEGER);
  SetValue(zero, EnvAddLong(env, 0));
  EnvSetDefglobalValue(env, "n", &zero);
  EnvSetDefglobalValue(env, "best", &zero);
  return a;
}

static void clips_close(void *p)
{
  clips_ctx *cc = p;
  DestroyEnvironment(cc->env);
  free(cc);
}

static const peer_def clips_peer = {"clips", clips_open, clips_prepare,
                                    clips_decide, clips_close};
#endif

const peer_def *const bench_peers[] = {
#ifdef LEXLOCI_BENCH_LUA
  &lua_peer,
#endif
#ifdef LEXLOCI_BENCH_CLIPS
  &clips_peer,
#endif
  NULL
};
const int bench_npeers = (int)(sizeof bench_peers / sizeof *bench_peers) - 1;
