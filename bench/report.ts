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
  // Parsing and wording an answer take a few milliseconds no floor query spends.
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
  const ratioMet = r.ask.filter((a) => withinFloorTarget(a)).length;
  lines.push(
    `| ask p99 (worst of ${r.ask.length} questions) | ${worstP99} ms; ${askMet}/${r.ask.length} questions within target | ≤ ${TARGETS.askP99Ms} ms | ${verdict(askMet === r.ask.length)} |`,
    `| ask p99 against its floor (worst ratio) | ${worstRatio}×; ${ratioMet}/${r.ask.length} within target | ≤ ${TARGETS.askFloorRatio}× floor p99 + ${TARGETS.askFloorAllowanceMs} ms | ${verdict(ratioMet === r.ask.length)} |`,
    `| ingest: write path ÷ raw insert | ${r.ingest.ratio}× (${fmt(r.ingest.writePathRowsPerSecond)} vs ${fmt(r.ingest.rawRowsPerSecond)} rows/s, ${fmt(r.ingest.rows)} rows; repeat rewrote ${r.ingest.rewrittenOnRepeat}) | ≥ ${TARGETS.ingestRatio}× | ${verdict(r.ingest.ratio >= TARGETS.ingestRatio)} |`,
    `| sync wall time ÷ bound | ${r.sync.ratio}× (${r.sync.syncSeconds} s vs ${r.sync.calls} calls × ${r.sync.latencyMs} ms ÷ ${r.sync.concurrency} = ${r.sync.boundSeconds} s; a first pass without added latency, cold clients, took ${r.sync.baselineSeconds} s) | ≤ ${TARGETS.syncBoundRatio}× | ${verdict(r.sync.ratio <= TARGETS.syncBoundRatio)} |`,
    `| Monitoring calls | ${r.sync.monitoringCalls} (${r.sync.projects} projects × 2 metrics = ${r.sync.monitoringCallsExpected}) | = projects × metrics | ${verdict(r.sync.monitoringCalls === r.sync.monitoringCallsExpected)} |`,
    `| audit wall time | ${r.sync.auditSeconds} s, ${r.sync.findings} findings | — | — |`,
    `| serve peak RSS (VmHWM) after a sync, an audit, a digest and ${fmt(r.serve.answered)} answers | ${r.serve.servePeakMb} MB: the serve process, its answer thread included (${r.serve.rssAfterStartMb} MB after start, ${r.serve.afterScheduledMb} MB at most before the first question) | ≤ ${TARGETS.servePeakRssMb} MB | ${verdict(r.serve.servePeakMb <= TARGETS.servePeakRssMb)} |`,
    `| serve's process tree then: serve and the helpers still running | ${r.serve.treePeakMb} MB; the helpers' peaks: charts ${r.serve.chartPeakMb} MB, remediation calls ${r.serve.remediationPeakMb} MB (each ends after a minute idle) | — | — |`,
    `| serve peak RSS after the 20 clicks below | ${r.serve.servePeakAfterClicksMb} MB | ≤ ${TARGETS.servePeakRssMb} MB | ${verdict(r.serve.servePeakAfterClicksMb <= TARGETS.servePeakRssMb)} |`,
    `| finished child processes, peak RSS each (apart from serve's tree) | ${Object.entries(
      r.serve.childPeaksMb,
    )
      .map(([job, mb]) => `${job} ${mb} MB`)
      .join(
        ', ',
      )}; the longest sync ran ${r.serve.syncChildSeconds} s, start-up included (runs: ${Object.entries(
      r.serve.scheduledRuns,
    )
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}) | — | — |`,
    `| Slack ack p99, 1,000 commands 4 at a time | ${r.serve.ackP99Ms} ms (p50 ${r.serve.ackP50Ms} ms) | — | — |`,
    `| Slack ack p99 while a slow answer computes | ${r.serve.ackUnderLoadP99Ms} ms (p50 ${r.serve.ackUnderLoadP50Ms} ms; slow answer "${r.serve.slowQuestion}" took ${r.serve.slowAnswerMs} ms) | ≤ ${TARGETS.ackP99Ms} ms | ${verdict(r.serve.ackUnderLoadP99Ms <= TARGETS.ackP99Ms)} |`,
    r.serve.clickAckP99Ms === null
      ? '| Slack ack p99, 20 concurrent alert clicks | no alert with an action button was posted | ≤ 100 ms | **not measured** |'
      : `| Slack ack p99, ${r.serve.clicks} concurrent alert clicks | ${r.serve.clickAckP99Ms} ms (p50 ${r.serve.clickAckP50Ms} ms) | ≤ ${TARGETS.ackP99Ms} ms | ${verdict(r.serve.clickAckP99Ms <= TARGETS.ackP99Ms)} |`,
    '',
    '### Ask, per question',
    '',
    '| question | shape | engine p50 | engine p99 | floor p50 | floor p99 | p99 ÷ floor | allowed p99 | within | runs |',
    '|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const a of r.ask) {
    lines.push(
      `| ${a.question}${a.understood ? '' : ' (not understood)'} | ${a.shape} | ${a.engineP50} | ${a.engineP99} | ${a.floorP50} | ${a.floorP99} | ${a.ratio}× | ${allowedP99(a)} | ${a.engineP99 <= TARGETS.askP99Ms && withinFloorTarget(a) ? 'yes' : '**no**'} | ${a.runs} |`,
    );
  }
  lines.push(
    '',
    `Times in milliseconds. Allowed p99: the lower of ${TARGETS.askP99Ms} ms and ${TARGETS.askFloorRatio}× the floor's p99 + ${TARGETS.askFloorAllowanceMs} ms.`,
    '',
    '### Sync calls by API',
    '',
  );
  lines.push(
    Object.entries(r.sync.callsByApi)
      .map(([api, n]) => `${api} ${n}`)
      .join(', '),
  );
  return lines.join('\n');
}

/** The p99 a question may take: within 1.5× its floor plus the allowance, and 50 ms. */
function allowedP99(a: AskFigure): number {
  return (
    Math.round(
      Math.min(TARGETS.askP99Ms, a.floorP99 * TARGETS.askFloorRatio + TARGETS.askFloorAllowanceMs) * 100,
    ) / 100
  );
}

export function withinFloorTarget(a: AskFigure): boolean {
  return a.engineP99 <= a.floorP99 * TARGETS.askFloorRatio + TARGETS.askFloorAllowanceMs;
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
