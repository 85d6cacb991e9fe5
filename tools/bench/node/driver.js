// driver.js: the Node peers of the lexloci benchmark. For each synthetic
// rule-set folder written by lexloci-bench (jre.json, zen.json, cases.json),
// loads the rules into json-rules-engine and GoRules Zen, warms up, times
// each case (the best of a few passes, as the C harness does) and checks
// every answer. Prints one line per engine and size:
//   RESULT name rules median_us p99_us load_ms mismatches ncases
// usage: node driver.js [--quick] DIR...   (NODE_PATH: their node_modules)
'use strict';
const fs = require('fs');
const path = require('path');

function outcome(nfired, best) {
  return nfired === 0 ? 0 : best <= 2 ? 2 : best;
}

function stats(samples) {
  const s = samples.slice().sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, p99: s[Math.min(n - 1, Math.floor(n * 0.99))] };
}

// Times decide(i) for every case: warm-up, then the best of `passes`.
async function measure(decide, cases, expect, passes) {
  let mismatches = 0;
  for (let i = 0; i < cases.length; i++) {
    const a = await decide(i);
    if (a[0] !== expect[i][0] || a[1] !== expect[i][1]) mismatches++;
  }
  const best = new Array(cases.length).fill(Infinity);
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < cases.length; i++) {
      const t0 = process.hrtime.bigint();
      await decide(i);
      const us = Number(process.hrtime.bigint() - t0) / 1e3;
      if (us < best[i]) best[i] = us;
    }
  }
  return { ...stats(best), mismatches };
}

async function jre(dir, cases, expect, quick) {
  let Engine;
  try {
    ({ Engine } = require('json-rules-engine'));
  } catch (e) {
    console.error('json-rules-engine not installed: skipped');
    return;
  }
  const rules = JSON.parse(fs.readFileSync(path.join(dir, 'jre.json')));
  const t0 = process.hrtime.bigint();
  const engine = new Engine(rules, { allowUndefinedFacts: true });
  const load = Number(process.hrtime.bigint() - t0) / 1e6;
  // json-rules-engine takes milliseconds per decision at 1,000 rules: a
  // sample of the cases keeps the run short.
  const n = Math.min(cases.length,
                     rules.length >= 10000 ? 20 : rules.length >= 1000 ? 60
                                                                  : 200);
  const sub = cases.slice(0, quick ? Math.min(n, 30) : n);
  const decide = async (i) => {
    const { events } = await engine.run(sub[i]);
    let best = 0;
    for (const e of events) best = Math.max(best, e.params.s);
    return [events.length, outcome(events.length, best)];
  };
  const r = await measure(decide, sub, expect, rules.length >= 1000 ? 1 : 3);
  console.log(`RESULT json-rules-engine ${rules.length} ${r.median} ${r.p99}` +
              ` ${load} ${r.mismatches} ${sub.length}`);
}

async function zen(dir, cases, expect, quick, nrules) {
  let ZenEngine;
  try {
    ({ ZenEngine } = require('@gorules/zen-engine'));
  } catch (e) {
    console.error('@gorules/zen-engine not installed: skipped');
    return;
  }
  const content = fs.readFileSync(path.join(dir, 'zen.json'));
  const t0 = process.hrtime.bigint();
  const engine = new ZenEngine();
  const decision = engine.createDecision(content);
  const load = Number(process.hrtime.bigint() - t0) / 1e6;
  const n = Math.min(cases.length, nrules >= 10000 ? 100 : 300);
  const sub = cases.slice(0, quick ? Math.min(n, 60) : n);
  const decide = async (i) => {
    const r = await decision.evaluate(sub[i]);
    const fired = r.result || [];
    let best = 0;
    for (const f of fired) best = Math.max(best, Number(f.s));
    return [fired.length, outcome(fired.length, best)];
  };
  const r = await measure(decide, sub, expect, 3);
  console.log(`RESULT zen ${nrules} ${r.median} ${r.p99} ${load}` +
              ` ${r.mismatches} ${sub.length}`);
}

async function main() {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  for (const dir of args.filter((a) => a !== '--quick')) {
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json')));
    const nrules = Number(path.basename(dir).replace('synth-', ''));
    await zen(dir, data.cases, data.expect, quick, nrules);
    await jre(dir, data.cases, data.expect, quick);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
