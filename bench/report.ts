// The figures as Markdown (printed, and kept between markers in BENCHMARKS.md) with each target and whether it
// was met. Ratios matter more than absolute times: the machine is named beside them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { AskFigure } from './askBench.js';
import type { IngestFigure } from './ingestBench.js';
import type { ServeFigure } from './serveBench.js';
import type { SyncFigure } from './syncBench.js';

export const TARGETS = {
  askP99Ms: 50,
  askFloorRatio: 1.5,
  // What parsing the question and wording the answer may add on top of the floor's ratio: the floor does neither.
  askFloorAllowanceMs: 5,
  ingestRatio: 0.5,
  syncBoundRatio: 1.3,
  servePeakRssMb: 150,
  ackP99Ms: 100,
} as const;

export interface BenchResults {
  at: string;
  machine: { cores: number; cpu: string; memoryGb: number; node: string };
  scale: number;
  seed: number;
  generation: { cached: boolean; seconds: number; counts: Record<string, number> };
  ask: AskFigure[];
  ingest: IngestFigure;
  sync: SyncFigure;
  serve: ServeFigure;
  totalSeconds: number;
}

const BEGIN = '<!-- figures:begin (written by npm run bench) -->';
const END = '<!-- figures:end -->';

function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}

export function renderFigures(r: BenchResults): string {
  const c = r.generation.counts;
  const lines: string[] = [
    `Run ${r.at.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cores} cores (${r.machine.cpu}), ${r.machine.memoryGb} GB, Node ${r.machine.node}; scale ${r.scale}, seed ${r.seed}; whole run ${r.totalSeconds} s.`,
    '',
    `Data: ${fmt(c.billing_daily)} billing rows, ${fmt(c.jobs)} jobs, ${fmt(c.deployed_models)} deployed models on ${fmt(c.endpoints)} endpoints, ${fmt(c.traffic_hourly)} hourly traffic rows (${r.generation.cached ? 'cached file' : `generated in ${r.generation.seconds} s`}).`,
    '',
    '### Summary',
    '',
    '| measure | figure | target | result |',
    '|---|---|---|---|',
  ];
  const worstP99 = Math.max(...r.ask.map((a) => a.engineP99));
  const worstRatio = Math.max(...r.ask.map((a) => a.ratio));
  const askMet = r.ask.filter((a) => a.engineP99 <= TARGETS.askP99Ms).length;
  const ratioMet = r.ask.filter(withinFloorTarget).length;
  lines.push(
    `| ask p99 (worst of ${r.ask.length} questions) | ${worstP99} ms; ${askMet}/${r.ask.length} questions within target | ≤ ${TARGETS.askP99Ms} ms | ${verdict(askMet === r.ask.length)} |`,
    `| ask p99 against the floor's p99 | worst ratio ${worstRatio}×; ${ratioMet}/${r.ask.length} within target | ≤ ${TARGETS.askFloorRatio}× floor + ${TARGETS.askFloorAllowanceMs} ms | ${verdict(ratioMet === r.ask.length)} |`,
    `| ingest: write path ÷ raw insert | ${r.ingest.ratio}× (${fmt(r.ingest.writePathRowsPerSecond)} vs ${fmt(r.ingest.rawRowsPerSecond)} rows/s, ${fmt(r.ingest.rows)} rows; repeat rewrote ${r.ingest.rewrittenOnRepeat}) | ≥ ${TARGETS.ingestRatio}× | ${verdict(r.ingest.ratio >= TARGETS.ingestRatio)} |`,
    `| sync wall time ÷ bound | ${r.sync.ratio}× (${r.sync.syncSeconds} s vs ${r.sync.calls} calls × ${r.sync.latencyMs} ms ÷ ${r.sync.concurrency} = ${r.sync.boundSeconds} s; a first pass without added latency, cold clients, took ${r.sync.baselineSeconds} s) | ≤ ${TARGETS.syncBoundRatio}× | ${verdict(r.sync.ratio <= TARGETS.syncBoundRatio)} |`,
    `| Monitoring calls | ${r.sync.monitoringCalls} (${r.sync.projects} projects × 2 metrics = ${r.sync.monitoringCallsExpected}) | = projects × metrics | ${verdict(r.sync.monitoringCalls === r.sync.monitoringCallsExpected)} |`,
    `| audit wall time | ${r.sync.auditSeconds} s, ${r.sync.findings} findings | — | — |`,
    `| serve peak RSS after ${fmt(r.serve.answered)} answers | ${r.serve.peakRssMb} MB (${r.serve.rssAfterStartMb} MB after start) | ≤ ${TARGETS.servePeakRssMb} MB | ${verdict(r.serve.peakRssMb <= TARGETS.servePeakRssMb)} |`,
    `| Slack ack p99, idle | ${r.serve.ackP99Ms} ms (p50 ${r.serve.ackP50Ms} ms) | — | — |`,
    `| Slack ack p99 while a slow answer computes | ${r.serve.ackUnderLoadP99Ms} ms (p50 ${r.serve.ackUnderLoadP50Ms} ms; slow answer "${r.serve.slowQuestion}" took ${r.serve.slowAnswerMs} ms) | ≤ ${TARGETS.ackP99Ms} ms | ${verdict(r.serve.ackUnderLoadP99Ms <= TARGETS.ackP99Ms)} |`,
    '',
    '### Ask, per question',
    '',
    '| question | shape | engine p50 | engine p99 | floor p50 | floor p99 | p99 ÷ floor | within target | runs |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const a of r.ask) {
    const within = a.engineP99 <= TARGETS.askP99Ms && withinFloorTarget(a);
    lines.push(
      `| ${a.question}${a.understood ? '' : ' (not understood)'} | ${a.shape} | ${a.engineP50} | ${a.engineP99} | ${a.floorP50} | ${a.floorP99} | ${a.ratio}× | ${within ? 'yes' : '**no**'} | ${a.runs} |`,
    );
  }
  lines.push('', 'Times in milliseconds.', '', '### Sync calls by API', '');
  lines.push(
    Object.entries(r.sync.callsByApi)
      .map(([api, n]) => `${api} ${n}`)
      .join(', '),
  );
  return lines.join('\n');
}

/** The engine's p99 is within the floor's p99 times the ratio, plus what parsing and wording may add. */
export function withinFloorTarget(a: AskFigure): boolean {
  return a.engineP99 <= TARGETS.askFloorRatio * a.floorP99 + TARGETS.askFloorAllowanceMs;
}

function fmt(n: number | undefined): string {
  return (n ?? 0).toLocaleString('en-US');
}

/** Replaces the figures between the markers in BENCHMARKS.md (appends the section when the markers are absent). */
export function updateBenchmarksFile(path: string, figures: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const block = `${BEGIN}\n${figures}\n${END}`;
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${block}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n## Latest figures\n\n${block}\n`;
  writeFileSync(path, next);
}
