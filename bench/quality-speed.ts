/**
 * Quality and speed benchmark (`npm run bench`): facts-bot's index against a MiniSearch baseline with its
 * default options, on the bundled corpus and on synthetic corpora of about 10,000 and 100,000 passages
 * (the five real seeds plus generated distractor articles). A benchmark, not a test: vitest never runs it.
 *
 *   npm run bench                                  all three corpora, each system in a fresh process: both
 *                                                  question sets once (quality; the golden one timed as the
 *                                                  first pass), 5 warm-up passes, then 10 timed passes
 *   npm run bench -- --corpora bundled,10k --warmup 2 --repeat 3
 *
 * Prints markdown tables to stdout; the figures are copied by hand into bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import MiniSearch from 'minisearch';
import { BoilerplateRules } from '../src/corpus/boilerplate.js';
import { type Corpus, loadCorpus, type Source } from '../src/corpus/load.js';
import { splitArticle } from '../src/corpus/passages.js';
import { analyze, analyzeQuery } from '../src/search/analyze.js';
import { SearchIndex } from '../src/search/facts-index.js';

// ---------------------------------------------------------------------------------------------------------
// Setup: garbage collector, golden set, options

/** `global.gc` without `--expose-gc` on the command line: the flag is set at run time, `gc` read from a new context. */
function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}
const gc = exposeGc();

interface Golden {
  q: string;
  /** Alternatives: an excerpt that includes any of them is a hit. */
  evidence: string[] | null;
}

function readGolden(file: string): Golden[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const raw = JSON.parse(line) as { q: string; evidence?: string | string[]; offTopic?: boolean };
      const evidence = raw.offTopic
        ? null
        : Array.isArray(raw.evidence)
          ? raw.evidence
          : [raw.evidence ?? ''];
      return { q: raw.q, evidence };
    });
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? fallback;
}

const SCALES: Record<string, number> = { bundled: 0, '10k': 10_000, '100k': 100_000 };
const CORPORA = option('corpora', 'bundled,10k,100k')
  .split(',')
  .filter((name) => name in SCALES);
const REPEAT = Math.max(1, Number(option('repeat', '10')) || 10);
/**
 * Untimed passes between the quality pass and the timed ones. A bot answers questions for hours: the
 * timed passes measure that steady state, once V8 has compiled the query path; the quality pass's own
 * timings are reported apart as the first pass, what the first questions after a start see.
 */
const WARMUP = Math.max(0, Number(option('warmup', '5')) || 0);
/** `--verbose`: list, for each row, the off-topic questions answered and the answerable ones missed. */
const VERBOSE = process.argv.includes('--verbose');
/** `--sample`: print the first distractor article of each synthetic corpus (to see what they look like). */
const SAMPLE = process.argv.includes('--sample');
const K = 3;
const log = (line: string) => process.stderr.write(`${line}\n`);
const SEED = 20260610;

// ---------------------------------------------------------------------------------------------------------
// Synthetic distractor articles

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (text: string) => text.trim().split(/\s+/);
const FIRST =
  words(`James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard
  Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Margaret Steven
  Sandra Paul Ashley Andrew Kimberly Joshua Emily Kenneth Donna Kevin Michelle Brian Carol George Amanda Wei
  Priya Rahul Ananya Hiroshi Yuki Min-jun Ji-woo Olga Dmitri Fatima Omar Lucas Sofia Mateo Chloe Elena Marco`);
const LAST = words(`Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
  Gonzalez Wilson Anderson Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson Walker
  Young Allen King Wright Hill Green Adams Baker Nelson Carter Mitchell Roberts Turner Phillips Campbell Parker
  Evans Edwards Collins Stewart Morris Chen Wang Zhang Liu Patel Sharma Gupta Nakamura Tanaka Kowalski Novak
  Petrov Haddad Rossi Silva Ferreira Dubois Schmidt Fischer`);
const ROLES = [
  'an analyst',
  'the chief executive',
  'a spokesperson',
  'the chief financial officer',
  'a senior researcher',
  'a former official',
  'a professor of computer science',
  'the head of research',
  'a partner',
  'a portfolio manager',
  'the general counsel',
  'a security engineer',
  'a policy adviser',
];
const COMPANIES = words(`Microsoft Google Amazon Meta Nvidia Oracle Samsung Intel AMD IBM Salesforce Adobe
  Baidu ByteDance Huawei Xiaomi JD.com Infosys Wipro Siemens SAP Ericsson Nokia Sony Toyota Netflix Uber Airbnb
  Shopify Stripe Databricks Snowflake Palantir Cisco Qualcomm Broadcom Micron Dell Lenovo Foxconn TSMC ASML
  Goldman JPMorgan Citigroup BlackRock Vanguard Fidelity Barclays HSBC UBS Nomura Mizuho`);
const AGENCIES = [
  'the Federal Trade Commission',
  'the Securities and Exchange Commission',
  'the European Commission',
  'the Justice Department',
  'the Treasury Department',
  'the Federal Reserve',
  'the Competition and Markets Authority',
  'the House Energy and Commerce Committee',
  'the Senate Judiciary Committee',
  'the Ministry of Industry',
  'the Office of Management and Budget',
  'the National Institute of Standards and Technology',
];
const PLACES =
  words(`Washington Beijing Shanghai Shenzhen Hangzhou London Brussels Berlin Tokyo Seoul Singapore
  Bangalore Mumbai Toronto Sydney Dublin Amsterdam Zurich Austin Seattle Boston Chicago Denver Atlanta`);
const NOUNS = words(`market report policy system network platform contract investment revenue budget strategy
  partnership merger acquisition lawsuit review inquiry audit forecast earnings quarter outlook supply chain
  factory warehouse subscription license patent regulation standard framework pipeline dataset cluster server
  chip processor memory cloud service product feature release update version roadmap customer user employee
  engineer researcher startup investor shareholder board dividend bond yield rate inflation currency tariff
  export import shipment order deal offer bid valuation stake fund portfolio risk exposure margin profit loss
  cost price demand capacity output growth decline rally selloff index benchmark program initiative project
  team division unit office campus headquarters region province agency court judge hearing ruling settlement`);
const PLURALS = words(`markets reports policies systems networks platforms contracts investments budgets
  partnerships mergers lawsuits reviews audits forecasts earnings subscriptions licenses patents regulations
  standards frameworks pipelines datasets clusters servers chips processors services products features
  releases updates customers users employees engineers researchers startups investors shareholders dividends
  bonds yields rates tariffs exports imports shipments orders deals offers bids stakes funds portfolios risks
  margins profits costs prices programs projects teams offices regions agencies courts rulings settlements`);
const ADJECTIVES = words(`new major global regional early late strong weak significant modest sharp steady
  rapid slow broad narrow large small key critical strategic commercial financial technical legal regulatory
  digital industrial domestic foreign public private internal external annual quarterly recent previous
  current proposed expected unexpected detailed preliminary final formal informal aggressive cautious`);
const VERBS_PAST =
  words(`announced reported confirmed expanded reduced raised lowered launched delayed approved
  rejected reviewed acquired signed cancelled postponed disclosed estimated projected tripled doubled halved
  increased decreased surpassed missed warned criticised praised questioned investigated challenged defended
  completed started suspended resumed extended revised updated published released shipped deployed tested`);
const VERBS = words(`expand reduce raise lower launch delay approve reject review acquire sign cancel postpone
  disclose estimate project increase decrease surpass miss warn criticise question investigate challenge
  defend complete start suspend resume extend revise update publish release ship deploy test improve affect`);
const MONTHS = words(`January March April May June July August September October November December`);
const UNITS = ['percent', 'million', 'billion', 'thousand', 'points', 'units', 'users', 'servers'];

/**
 * Sentence templates of news prose. `{P}` person, `{L}` surname, `{R}` role, `{C}` company, `{O}` agency,
 * `{X}` place, `{N}`/`{S}` noun/plural, `{A}` adjective, `{V}` past verb, `{B}` base verb, `{F}` figure,
 * `{D}` date, `{T}` a word of the real articles (so distractors share the story's vocabulary).
 */
const TEMPLATES = [
  '{P}, {R} at {C}, said the {A} {N} would {B} {T} {S} by {D}.',
  '{C} {V} a {A} {T} {N} on {D}, according to people familiar with the matter.',
  'Shares of {C} {V} {F} in {X} trading after the {T} {N} was {V}.',
  '{O} {V} the {A} {N} of {C} in {X}, citing concerns about {T} {S}.',
  '"We have {V} every {N} that touches {T} {S}," {L} told reporters in {X}.',
  'The {N} covers {F} of {T} {S} and is {A} for {C} and its {S}.',
  'Analysts at {C} {V} that {T} {S} could {B} {F} over the next {N}.',
  'In a statement, {C} said it had {V} the {T} {N} and would {B} its {S} with {O}.',
  'The {A} {N} is a way to {B} {T} {S} without a {A} {N}, {L} said.',
  '{P}, who leads the {T} {N} at {C}, {V} the {A} {S} in {D}.',
  'According to {O}, the {A} {T} {N} {V} {F} between {D} and {D}.',
  '{C} and {C} {V} a {A} {N} to {B} {T} {S} across {X} and {X}.',
  'Critics said the {T} {N} {V} {A} {S}, while supporters {V} its {A} {N}.',
  'The {N} {V} {F} from a year earlier, the {A} {N} since {D}, {C} said.',
  '{L} has {V} {T} {S} at {C} and {C} for more than a decade.',
  'Lawmakers on {O} {V} a {A} {N} that would {B} {T} {S} sold to {S} in {X}.',
  'People close to the {N} said {C} had {V} {T} {S} through a {A} {N} in {X}.',
  'Its {A} {T} {N} {V} {F}, beating the {A} {N} of {F} that {S} had expected.',
  '{C} declined to {B} the {T} {N}, and {O} did not respond to a request for {N}.',
  'The {A} {S} {V} by {C} in {D} were {V} by {O} after a {A} {N}.',
  'Under the {N}, {C} would {B} its {T} {S} and pay {F} to {S} in {X}.',
  '{P} of {C} argued that {T} {S} are {A}, not {A}, and should be {V} {A}.',
  'Data from {C} showed {F} of {S} {V} their {T} {S} between {D} and {D}.',
  'The {T} {N} follows a {A} {N} in which {C} {V} {F} of its {S}.',
];

const HEADINGS = ['{A} {T} {S} in {X}', '{C} and the {A} {N}', 'What the {T} {N} means for {S}', '{A} {S}'];

interface Generator {
  sentence(): string;
  heading(): string;
}

function generator(random: () => number, topicWords: string[]): Generator {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const figure = () => {
    const n = 1 + Math.floor(random() * 999);
    switch (Math.floor(random() * 4)) {
      case 0:
        return `${n / 10} ${pick(UNITS)}`;
      case 1:
        return `$${n} ${pick(['million', 'billion'])}`;
      case 2:
        return `about ${(n * 100).toLocaleString('en-US')}`;
      default:
        return `nearly ${n} ${pick(UNITS)}`;
    }
  };
  const date = () => `${pick(MONTHS)} ${1 + Math.floor(random() * 28)}`;
  const fill = (template: string) =>
    template.replace(/\{(\w)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'P':
          return `${pick(FIRST)} ${pick(LAST)}`;
        case 'L':
          return pick(LAST);
        case 'R':
          return pick(ROLES);
        case 'C':
          return pick(COMPANIES);
        case 'O':
          return pick(AGENCIES);
        case 'X':
          return pick(PLACES);
        case 'N':
          return pick(NOUNS);
        case 'S':
          return pick(PLURALS);
        case 'A':
          return pick(ADJECTIVES);
        case 'V':
          return pick(VERBS_PAST);
        case 'B':
          return pick(VERBS);
        case 'F':
          return figure();
        case 'D':
          return date();
        default:
          return pick(topicWords);
      }
    });
  return {
    sentence: () => {
      const s = fill(pick(TEMPLATES));
      return s.charAt(0).toUpperCase() + s.slice(1);
    },
    heading: () => {
      const h = fill(pick(HEADINGS));
      return h.charAt(0).toUpperCase() + h.slice(1);
    },
  };
}

/**
 * Words of the real articles (letters only, 4+ characters, not stop words), repeated by frequency, so that
 * distractors talk about Claude, Alibaba, distillation and accounts as often as the story does.
 */
function topicVocabulary(corpus: Corpus): string[] {
  const out: string[] = [];
  for (const source of corpus.sources) {
    for (const span of source.passages) {
      for (const word of source.text.slice(span.start, span.end).match(/\p{L}{4,}/gu) ?? []) {
        if (analyze(word).length > 0) out.push(word);
      }
    }
  }
  return out;
}

/**
 * Distractor articles around the seeds, until the corpus holds about `target` passages. Paragraphs that quote
 * a golden evidence string are redrawn (so a hit is always a real answer), and so are sentences with a word
 * that only the off-topic questions use ("sourdough", "revenue"): off-topic questions stay off-topic.
 */
function syntheticCorpus(seeds: Corpus, golden: Golden[], target: number): Corpus {
  const random = prng(SEED ^ target);
  const seedTerms = new Set(seeds.sources.flatMap((s) => analyze(s.text)));
  const banned = new Set(
    golden
      .filter((g) => g.evidence === null)
      .flatMap((g) => analyzeQuery(g.q))
      .filter((term) => !seedTerms.has(term)),
  );
  const evidence = golden.flatMap((g) => g.evidence ?? []).map((e) => e.toLowerCase());
  const gen = generator(random, topicVocabulary(seeds));
  const rules = new BoilerplateRules();
  const sentence = () => {
    for (;;) {
      const s = gen.sentence();
      if (!analyze(s).some((term) => banned.has(term))) return s;
    }
  };
  const paragraph = () => {
    for (;;) {
      const text = Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' ');
      const lower = text.toLowerCase();
      if (!evidence.some((e) => lower.includes(e))) return text;
    }
  };
  const heading = () => {
    for (;;) {
      const h = gen.heading();
      const lower = h.toLowerCase();
      if (!evidence.some((e) => lower.includes(e)) && !analyze(h).some((t) => banned.has(t))) return h;
    }
  };

  const seedPassages = seeds.sources.reduce((n, s) => n + s.passages.length, 0);
  const distractors: Source[] = [];
  let total = seedPassages;
  while (total < target) {
    const n = distractors.length + 1;
    const published = `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    const blocks = [`# ${heading()}`, `> Published: ${published}`];
    const sections = 2 + Math.floor(random() * 5);
    for (let s = 0; s < sections; s++) {
      blocks.push(`## ${heading()}`);
      const paragraphs = 2 + Math.floor(random() * 5);
      for (let p = 0; p < paragraphs; p++) blocks.push(paragraph());
    }
    const text = `${blocks.join('\n\n')}\n`;
    const split = splitArticle(text, rules);
    const id = `synthetic-${String(n).padStart(6, '0')}`;
    distractors.push({
      id,
      title: split.firstLine ?? id,
      url: null,
      publisher: 'synthetic',
      published: split.published,
      path: `synthetic/${id}.md`,
      text,
      passages: split.passages,
    });
    total += split.passages.length;
  }
  // Seeds last: ties between equal scores are not broken in their favour.
  return {
    ...seeds,
    dir: `synthetic-${target}`,
    sources: [...distractors, ...seeds.sources],
    version: `synthetic-${target}`,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The two systems under test

interface Hit {
  excerpt: string;
  sourceId: string;
  start: number;
  end: number;
}

interface System {
  name: string;
  passages: number;
  ask(question: string): Hit[];
}

function factsBot(corpus: Corpus): System {
  const index = SearchIndex.build(corpus);
  return {
    name: 'facts-bot',
    passages: index.passageCount,
    ask: (question) =>
      index.ask(question, { k: K }).answers.map((a) => ({
        excerpt: a.excerpt,
        sourceId: a.source.id,
        start: a.location.start,
        end: a.location.end,
      })),
  };
}

/** The baseline: every non-blank line of an article is a paragraph; MiniSearch as documented, no refusal. */
function miniSearchBaseline(corpus: Corpus): System {
  const paragraphs: Hit[] = [];
  for (const source of corpus.sources) {
    for (const match of source.text.matchAll(/[^\r\n]+/g)) {
      const lead = match[0].length - match[0].trimStart().length;
      const excerpt = match[0].trim();
      if (excerpt.length === 0) continue;
      const start = match.index + lead;
      paragraphs.push({ excerpt, sourceId: source.id, start, end: start + excerpt.length });
    }
  }
  const mini = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
  mini.addAll(paragraphs.map((p, id) => ({ id, text: p.excerpt })));
  return {
    name: 'MiniSearch default',
    passages: paragraphs.length,
    ask: (question) =>
      mini
        .search(question)
        .slice(0, K)
        .map((r) => paragraphs[r.id as number])
        .filter((p): p is Hit => p !== undefined),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Measurement

/** Answer quality on one question set. */
interface Quality {
  hit1: number;
  hit3: number;
  offTopicRefused: number;
  answerableRefused: number;
  /** Share of answerable questions whose first answer comes from a distractor article. */
  top1Distractor: number;
}

interface Row {
  corpus: string;
  system: string;
  passages: number;
  buildMs: number;
  /** CPU time of the process (user + system, all threads: GC helpers too) during the build. */
  buildCpuMs: number;
  heapMb: number;
  heapDeltaMb: number;
  p50: number;
  p99: number;
  /** Median and slowest of the first pass over the golden set, in a fresh process: before V8 has compiled the query path. */
  firstPassP50: number;
  firstPassMax: number;
  /** Median CPU time a query: less sensitive than wall time to other processes on the machine. */
  p50Cpu: number;
  golden: Quality;
  heldOut: Quality;
  violations: number;
  answers: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

function percentile(sorted: number[], p: number): number {
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN
  );
}

function measure(
  corpusName: string,
  corpus: Corpus,
  [golden, heldOut]: [Golden[], Golden[]],
  build: (c: Corpus) => System,
): Row {
  const texts = new Map(corpus.sources.map((s) => [s.id, s.text]));
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let system: System | null = build(corpus);
  const buildMs = performance.now() - started;
  const buildCpuMs = cpuMs(process.cpuUsage(cpuStarted));
  gc();
  const heapAfter = process.memoryUsage().heapUsed;

  let violations = 0;
  let answers = 0;
  const ask = (question: string) => {
    const hits = (system as System).ask(question);
    for (const hit of hits) {
      answers++;
      if (texts.get(hit.sourceId)?.slice(hit.start, hit.end) !== hit.excerpt) violations++;
    }
    return hits;
  };

  // The quality pass (answers are deterministic), timed apart as the first pass.
  const firstPass: number[] = [];
  const quality = (set: Golden[], label: string, timed: boolean): Quality => {
    let hit1 = 0;
    let hit3 = 0;
    let answerable = 0;
    let answerableRefused = 0;
    let offTopic = 0;
    let offTopicRefused = 0;
    let top1Distractor = 0;
    for (const g of set) {
      const t = performance.now();
      const hits = ask(g.q);
      if (timed) firstPass.push(performance.now() - t);
      if (g.evidence === null) {
        offTopic++;
        if (hits.length === 0) offTopicRefused++;
        else if (VERBOSE)
          log(
            `  ${label}, answered off-topic: ${g.q} => ${hits[0]?.sourceId}: ${hits[0]?.excerpt.slice(0, 90)}`,
          );
        continue;
      }
      const alternatives = g.evidence;
      answerable++;
      if (hits.length === 0) answerableRefused++;
      if (hits[0] && !seedIds.has(hits[0].sourceId)) top1Distractor++;
      const found = hits.map((h) => alternatives.some((e) => h.excerpt.includes(e)));
      if (found[0]) hit1++;
      if (found.some(Boolean)) hit3++;
      else if (VERBOSE) {
        log(`  ${label}, ${hits.length === 0 ? 'refused' : 'missed'}: ${g.q} | ${alternatives.join(' / ')}`);
        for (const h of hits) log(`      ${h.sourceId}: ${h.excerpt.slice(0, 90)}`);
      }
    }
    return {
      hit1: hit1 / answerable,
      hit3: hit3 / answerable,
      offTopicRefused: offTopicRefused / offTopic,
      answerableRefused: answerableRefused / answerable,
      top1Distractor: top1Distractor / answerable,
    };
  };
  const goldenQuality = quality(golden, 'golden', true);
  const heldOutQuality = quality(heldOut, 'held-out', false);

  for (let r = 0; r < WARMUP; r++) for (const g of golden) ask(g.q);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const g of golden) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      ask(g.q);
      times.push(performance.now() - t);
      cpuTimes.push(cpuMs(process.cpuUsage(cpu)));
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  firstPass.sort((a, b) => a - b);
  const row: Row = {
    corpus: corpusName,
    system: (system as System).name,
    passages: (system as System).passages,
    buildMs,
    buildCpuMs,
    heapMb: mb(heapAfter),
    heapDeltaMb: mb(heapAfter - heapBefore),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    firstPassP50: percentile(firstPass, 50),
    firstPassMax: firstPass.at(-1) ?? Number.NaN,
    p50Cpu: percentile(cpuTimes, 50),
    golden: goldenQuality,
    heldOut: heldOutQuality,
    violations,
    answers,
  };
  system = null;
  return row;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(2));

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
    .concat(rows.map((cells) => `| ${cells.join(' | ')} |`))
    .join('\n');
}

function speedTable(rows: Row[]): string {
  return table(
    [
      'corpus',
      'system',
      'passages',
      'build (ms)',
      'build CPU (ms)',
      'heap after build (MB)',
      'index heap Δ (MB)',
      'query p50 (ms)',
      'query p99 (ms)',
      'query p50 CPU (ms)',
      'first pass p50 (ms)',
      'first pass max (ms)',
    ],
    rows.map((r) => [
      r.corpus,
      r.system,
      r.passages.toLocaleString('en-US'),
      ms(r.buildMs),
      ms(r.buildCpuMs),
      r.heapMb.toFixed(1),
      r.heapDeltaMb.toFixed(1),
      ms(r.p50),
      ms(r.p99),
      ms(r.p50Cpu),
      ms(r.firstPassP50),
      ms(r.firstPassMax),
    ]),
  );
}

function qualityTable(rows: Row[], set: 'golden' | 'heldOut'): string {
  return table(
    [
      'corpus',
      'system',
      'hit@1',
      'hit@3',
      'off-topic refused',
      'answerable refused',
      'top answer from a distractor',
    ],
    rows.map((r) => [
      r.corpus,
      r.system,
      pct(r[set].hit1),
      pct(r[set].hit3),
      pct(r[set].offTopicRefused),
      pct(r[set].answerableRefused),
      pct(r[set].top1Distractor),
    ]),
  );
}

// ---------------------------------------------------------------------------------------------------------

const golden = readGolden('test/fixtures/golden.jsonl');
const heldOut = readGolden('test/fixtures/heldout.jsonl');
const seeds = await loadCorpus('seeds');
const seedIds = new Set(seeds.sources.map((s) => s.id));
const answerable = golden.filter((g) => g.evidence !== null).length;
const heldOutAnswerable = heldOut.filter((g) => g.evidence !== null).length;
const SYSTEMS = [factsBot, miniSearchBaseline];

/** A corpus by name, and a line describing it when it is synthetic. */
function corpusNamed(name: string, sample: boolean): { corpus: Corpus; note: string | null } {
  const target = SCALES[name] ?? 0;
  if (target === 0) return { corpus: seeds, note: null };
  const t = performance.now();
  const corpus = syntheticCorpus(seeds, [...golden, ...heldOut], target);
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  const chars = corpus.sources.reduce((n, s) => n + s.text.length, 0);
  const note =
    `${name}: ${corpus.sources.length.toLocaleString('en-US')} articles (5 seeds + distractors), ` +
    `${(chars / 1e6).toFixed(1)} M characters, generated and split in ${seconds} s`;
  if (sample) log(corpus.sources[0]?.text ?? '');
  return { corpus, note };
}

// `--row CORPUS SYSTEM`: measure one row and print it as JSON. Each row runs in a process of its own, so
// that its first pass is really the first, and no other index's garbage or compiled code is around.
const rowIndex = process.argv.indexOf('--row');
if (rowIndex >= 0) {
  const name = process.argv[rowIndex + 1] ?? '';
  const system = Number(process.argv[rowIndex + 2]);
  const build = SYSTEMS[system];
  if (!(name in SCALES) || !build)
    throw new Error(`--row wants a corpus (${Object.keys(SCALES)}) and a system (0-1)`);
  const { corpus, note } = corpusNamed(name, SAMPLE && system === 0);
  const row = measure(name, corpus, [golden, heldOut], build);
  // Flushed before exiting: a pipe write may complete asynchronously.
  await new Promise((resolve) => process.stdout.write(`${JSON.stringify({ row, note })}\n`, resolve));
  process.exit(0);
}

log(
  `golden: ${answerable} answerable + ${golden.length - answerable} off-topic questions; ` +
    `k=${K}; 1 quality pass + ${WARMUP} warm-up + ${REPEAT} timed passes; corpora: ${CORPORA.join(', ')}`,
);
const rows: Row[] = [];
const notes: string[] = [];
for (const name of CORPORA) {
  for (const [i] of SYSTEMS.entries()) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1] ?? '', ...process.argv.slice(2), '--row', name, String(i)],
      { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    if (child.status !== 0) {
      const why =
        child.error?.message ?? (child.signal ? `killed by ${child.signal}` : `exit ${child.status}`);
      throw new Error(`measuring ${name} (system ${i}) failed: ${why}`);
    }
    const { row, note } = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as {
      row: Row;
      note: string | null;
    };
    rows.push(row);
    // Each system's process generates the corpus again; the first one's note describes it.
    if (note && i === 0) {
      notes.push(note);
      log(note);
    }
    log(
      `${name} ${row.system}: build ${ms(row.buildMs)} ms, p50 ${ms(row.p50)} ms, hit@1 ${pct(row.golden.hit1)}`,
    );
  }
}

const violations = rows.reduce((n, r) => n + r.violations, 0);
process.stdout.write(
  [
    `## Quality and speed: ${new Date().toISOString()}`,
    '',
    `Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${process.platform}/${process.arch}, ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end; ` +
      `golden set: ${answerable} answerable + ${golden.length - answerable} off-topic questions, k=${K}, ` +
      `each row in a fresh process: 1 quality pass (the golden questions timed as the first pass) + ${WARMUP} warm-up + ${REPEAT} timed passes (${golden.length * REPEAT} timed queries a row); gc before each heap reading.`,
    '',
    '### Speed and memory',
    '',
    speedTable(rows),
    '',
    '### Quality: golden set (the ranking and refusal rule were tuned on it)',
    '',
    qualityTable(rows, 'golden'),
    '',
    `### Quality: held-out set (${heldOutAnswerable} answerable + ${heldOut.length - heldOutAnswerable} off-topic questions, not used for tuning; see bench/README.md)`,
    '',
    qualityTable(rows, 'heldOut'),
    '',
    ...notes.map((n) => `- ${n}`),
    '- distractor sentences never use a word that only the off-topic questions of either set use, so at 10k and 100k off-topic refusals are partly by construction (see bench/README.md)',
    `- invariant excerpt === source.text.slice(start, end): ${violations} violations over ${rows
      .reduce((n, r) => n + r.answers, 0)
      .toLocaleString('en-US')} answers`,
    '',
  ].join('\n'),
);
