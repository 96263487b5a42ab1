// `burnrate serve` as production runs it (built: `node dist/main.js serve`), on a copy of the large database, with
// Google pointed at the simulator: after a sync, an audit and a digest (each scheduled as serve schedules them,
// the sync and digest in child processes) and 1,000 answered slash commands, the peak memory of serve and of
// the processes it started; how long Slack waits for acknowledgements while a slow answer is computed; and for
// 20 concurrent clicks on an alert's button. Slack requests are signed and posted over HTTP; answers go to a
// local fake of the Slack Web API.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { startFakeSlack } from '../test/support/fakeSlack.js';
import { interactivityRequest, slackSender, slashCommandRequest } from '../test/support/slackSigned.js';
import { prepare, sendPrepared } from './ackClient.js';
import { BENCH_NOW } from './org.js';
import {
  BENCH_CHANNEL,
  BENCH_TEAM_ID,
  BENCH_USER,
  childrenOf,
  commandLine,
  containerEnv,
  containerNodeArgs,
  copyDatabase,
  freePort,
  memoryMb,
  serveProjectId,
  writeServeConfig,
} from './serveSetup.js';
import { startSimProcess } from './simProcess.js';
import { percentile, round } from './stats.js';
import { benchScenario } from './syncBench.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-0000-burnrate';
// Commands in flight at once while measuring memory (a busy workspace, not a flood).
const IN_FLIGHT = 4;
// How long serve may take to start, and its first sync, audit and digest to finish (the crons fire each minute).
const START_TIMEOUT_MS = 120_000;
const SCHEDULED_TIMEOUT_MS = 300_000;
// When serve's one sync and its audits run, after serve starts (the audit again later, should the sync be slow).
const SYNC_AFTER_MS = 25_000;
const AUDIT_AFTER_MS = [75_000, 195_000];
// Projects the simulator plays for serve's syncs (each in the four regions).
const SYNC_PROJECTS = 20;
// Concurrent clicks on one alert button.
const CLICKS = 20;
// The alert buttons that act on Google (the benchmark's user may press them; remediation is a dry run).
const ACTION_BUTTONS = ['burnrate_alert_undeploy', 'burnrate_alert_scale', 'burnrate_alert_cancel'];

export interface ServeFigure {
  questions: number;
  answered: number;
  rssAfterStartMb: number;
  /** serve's peak once its first sync, audit, daily checks and digest had run (before any question). */
  afterScheduledMb: number;
  /** VmHWM of the serve process itself (its answer thread included), after the scheduled jobs and the answers. */
  servePeakMb: number;
  /** The same after the 20 clicks. */
  servePeakAfterClicksMb: number;
  /** VmHWM of the remediation child the clicks started (sampled while it ran; it ends after a minute idle). */
  remediationPeakMb: number;
  /** VmHWM of the chart helper that drew the answers' charts (sampled while it ran). */
  chartPeakMb: number;
  /** serve's process tree after the scheduled jobs and the answers: serve and any child still running then. */
  treePeakMb: number;
  /** The largest peak each kind of child (sync, audit, anomalies, digest) reported when it ended. */
  childPeaksMb: Record<string, number>;
  /** How long the longest sync child ran, start-up (loading Google's client libraries) included. */
  syncChildSeconds: number;
  scheduledRuns: Record<string, number>;
  ackP50Ms: number;
  ackP99Ms: number;
  /** Acks of a quick command sent while a slow answer was being computed. */
  ackUnderLoadP50Ms: number;
  ackUnderLoadP99Ms: number;
  slowQuestion: string;
  slowAnswerMs: number;
  /** Acks of concurrent clicks on one alert's action button (null: no alert had one). */
  clickAckP50Ms: number | null;
  clickAckP99Ms: number | null;
  clicks: number;
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${output()}`);
    const up = await fetch(url).then(
      (res) => res.status < 500 || res.status === 503,
      () => false,
    );
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`serve did not answer ${url} within ${START_TIMEOUT_MS} ms: ${output()}`);
}

/**
 * Waits until a sync, an audit started after that sync was seen to have finished, and a digest have run
 * successfully, and the daily checks have run. (With the clock pinned, the runs' recorded times are all the same:
 * their order is by id.)
 */
async function waitScheduled(dbPath: string, log: (line: string) => void): Promise<Record<string, number>> {
  const deadline = Date.now() + SCHEDULED_TIMEOUT_MS;
  const db = new Database(dbPath, { readonly: true });
  let auditsBeforeSync: number | null = null;
  try {
    while (Date.now() < deadline) {
      const runs = db
        .prepare("SELECT id, job, outcome FROM schedule_runs WHERE outcome != 'running' ORDER BY id")
        .all() as Array<{ id: number; job: string; outcome: string }>;
      const lastId =
        (db.prepare('SELECT MAX(id) AS id FROM schedule_runs').get() as { id: number | null }).id ?? 0;
      const failed = runs.filter((r) => r.outcome === 'failed');
      if (failed.length > 0) log(`  scheduled runs failed: ${failed.map((r) => r.job).join(', ')}`);
      if (auditsBeforeSync === null && runs.some((r) => r.job === 'sync' && r.outcome === 'ok'))
        auditsBeforeSync = lastId;
      const audited =
        auditsBeforeSync !== null &&
        runs.some((r) => r.job === 'audit' && r.outcome === 'ok' && r.id > (auditsBeforeSync ?? 0));
      const digested = runs.some((r) => r.job === 'digest' && r.outcome === 'ok');
      const checked = runs.some((r) => r.job === 'anomalies');
      if (audited && digested && checked) {
        const counts: Record<string, number> = {};
        for (const r of runs) counts[`${r.job} ${r.outcome}`] = (counts[`${r.job} ${r.outcome}`] ?? 0) + 1;
        return counts;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    db.close();
  }
  throw new Error(
    `no successful sync, audit after it, digest and daily checks within ${SCHEDULED_TIMEOUT_MS / 1000} s`,
  );
}

export async function benchServe(opts: {
  dbPath: string;
  demoScenarioPath: string;
  questions: readonly string[];
  slowQuestion: string;
  count: number;
  probes: number;
  log: (line: string) => void;
}): Promise<ServeFigure> {
  opts.log('  building dist/ (serve runs as production does, `node dist/main.js serve`) …');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed: ${build.stdout}\n${build.stderr}`);
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-serve-'));
  const dbPath = copyDatabase(opts.dbPath, dir);
  const sim = await startSimProcess(
    benchScenario(SYNC_PROJECTS, opts.demoScenarioPath, serveProjectId),
    dir,
    BENCH_NOW,
  );
  const slack = await startFakeSlack();
  const port = await freePort();
  const childPeaks: Record<string, number> = {};
  let syncChildMs = 0;
  let tail = '';
  const child = spawn(
    'node',
    [
      // As the container runs it (the Dockerfile's CMD), plus any options given for a closer look.
      ...containerNodeArgs(),
      ...(process.env.BENCH_SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
      'dist/main.js',
      '--now',
      BENCH_NOW.toISOString(),
      'serve',
    ],
    {
      env: {
        ...process.env,
        ...containerEnv(),
        BURNRATE_DB: dbPath,
        BURNRATE_CONFIG: writeServeConfig(dir, SYNC_PROJECTS, {
          sync: [new Date(Date.now() + SYNC_AFTER_MS)],
          audit: AUDIT_AFTER_MS.map((ms) => new Date(Date.now() + ms)),
        }),
        BURNRATE_GCP_ENDPOINT: sim.url,
        GOOGLE_APPLICATION_CREDENTIALS: '',
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  // serve's log: the children's reports ("child process ended", with their peak memory) and a tail for errors.
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      tail = `${tail}\n${line}`.slice(-4000);
      if (process.env.BENCH_SERVE_LOG) process.stderr.write(`${line}\n`);
      if (!line.includes('child process ended')) return;
      const record = JSON.parse(line) as { job?: string; peakRssMb?: number | null; durationMs?: number };
      if (record.job && typeof record.peakRssMb === 'number')
        childPeaks[record.job] = Math.max(childPeaks[record.job] ?? 0, record.peakRssMb);
      if (record.job === 'sync') syncChildMs = Math.max(syncChildMs, record.durationMs ?? 0);
    });
  }
  // The on-demand helpers (remediation calls, charts) report no peak when they end; it is sampled while they run.
  let remediationPeakMb = 0;
  let chartPeakMb = 0;
  const sampleChildren = () => {
    for (const pid of childrenOf(child.pid as number)) {
      const command = commandLine(pid);
      if (command.includes('remediation-port'))
        remediationPeakMb = Math.max(remediationPeakMb, memoryMb(pid, 'VmHWM'));
      if (command.includes('chart-renderer')) chartPeakMb = Math.max(chartPeakMb, memoryMb(pid, 'VmHWM'));
    }
  };
  const sampler = setInterval(sampleChildren, 250);
  const rssTrace = process.env.BENCH_SERVE_RSS_TRACE
    ? setInterval(() => {
        try {
          const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
          const field = (name: string) =>
            /(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(name)) ?? '')?.[1];
          opts.log(
            `  rss ${field('VmRSS')} anon ${field('RssAnon')} file ${field('RssFile')} shmem ${field('RssShmem')} hwm ${field('VmHWM')}`,
          );
        } catch {}
      }, 2000)
    : null;
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, () => tail);
    const rssAfterStartMb = memoryMb(child.pid as number, 'VmRSS');
    opts.log('  serve is up; waiting for its first sync, audit and digest …');
    const scheduledRuns = await waitScheduled(dbPath, opts.log);
    opts.log(`  scheduled runs: ${JSON.stringify(scheduledRuns)}`);
    const afterScheduledMb = memoryMb(child.pid as number, 'VmHWM');
    opts.log(`  serve's peak so far: ${round(afterScheduledMb, 1)} MB`);

    const eventsUrl = `http://127.0.0.1:${port}/slack/events`;
    const sender = slackSender(eventsUrl, SIGNING_SECRET);
    const acks: number[] = [];
    let sent = 0;
    const ask = async (text: string): Promise<number> => {
      const id = `bench-${sent++}`;
      const started = performance.now();
      const res = await sender.command({ text, response_url: slack.responseUrl(id), team_id: BENCH_TEAM_ID });
      const ackMs = performance.now() - started;
      if (res.status !== 200) throw new Error(`command "${text}" answered HTTP ${res.status}: ${res.text}`);
      await slack.waitFor(
        'response_url',
        (call) => call.path.includes(id) && !String(call.args.text).startsWith('Working on'),
        120_000,
      );
      return ackMs;
    };
    let next = 0;
    const worker = async () => {
      while (next < opts.count) {
        const text = opts.questions[next++ % opts.questions.length] as string;
        acks.push(await ask(text));
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const answered = slack
      .callsOf('response_url')
      .filter((c) => !String(c.args.text).startsWith('Working on')).length;
    opts.log(
      `  serve answered ${answered} commands; its peak so far: ${round(memoryMb(child.pid as number, 'VmHWM'), 1)} MB`,
    );

    // Acks while a slow answer is being computed: start the slow one, then time a quick command's ack.
    const underLoad: number[] = [];
    let slowAnswerMs = 0;
    for (let i = 0; i < opts.probes; i++) {
      const slowStarted = performance.now();
      const slow = ask(opts.slowQuestion).then(() => {
        slowAnswerMs = Math.max(slowAnswerMs, performance.now() - slowStarted);
      });
      await new Promise((r) => setTimeout(r, 20));
      const probe = prepare(
        SIGNING_SECRET,
        slashCommandRequest({
          text: 'help',
          response_url: slack.responseUrl(`probe-${i}`),
          team_id: BENCH_TEAM_ID,
        }),
      );
      underLoad.push((await sendPrepared(eventsUrl, probe)).ms);
      await slow;
    }

    // serve's process tree now, after a sync, an audit, a digest and the answers: serve itself and any child
    // still running (the finished ones reported their own peaks).
    const servePeakMb = memoryMb(child.pid as number, 'VmHWM');
    const liveChildrenMb = childrenOf(child.pid as number).reduce(
      (sum, pid) => sum + memoryMb(pid, 'VmHWM'),
      0,
    );

    const repliesBefore = clickReplies(slack);
    const clickAcks = await clickOneAlert(slack, eventsUrl);
    // Every click answered (one acted, the others told so): the remediation child has made its Google calls.
    const answeredBy = Date.now() + 60_000;
    while (
      clickAcks.length > 0 &&
      clickReplies(slack) - repliesBefore < clickAcks.length &&
      Date.now() < answeredBy
    )
      await new Promise((r) => setTimeout(r, 200));
    sampleChildren();
    opts.log(`  ${clickAcks.length} clicks acknowledged`);
    const servePeakAfterClicksMb = memoryMb(child.pid as number, 'VmHWM');
    return {
      questions: opts.count,
      answered,
      rssAfterStartMb: round(rssAfterStartMb, 1),
      afterScheduledMb: round(afterScheduledMb, 1),
      servePeakMb: round(servePeakMb, 1),
      servePeakAfterClicksMb: round(servePeakAfterClicksMb, 1),
      remediationPeakMb: round(remediationPeakMb, 1),
      chartPeakMb: round(chartPeakMb, 1),
      treePeakMb: round(servePeakMb + liveChildrenMb, 1),
      childPeaksMb: childPeaks,
      syncChildSeconds: round(syncChildMs / 1000, 1),
      scheduledRuns,
      ackP50Ms: round(percentile(acks, 50)),
      ackP99Ms: round(percentile(acks, 99)),
      ackUnderLoadP50Ms: round(percentile(underLoad, 50)),
      ackUnderLoadP99Ms: round(percentile(underLoad, 99)),
      slowQuestion: opts.slowQuestion,
      slowAnswerMs: round(slowAnswerMs),
      clickAckP50Ms: clickAcks.length > 0 ? round(percentile(clickAcks, 50)) : null,
      clickAckP99Ms: clickAcks.length > 0 ? round(percentile(clickAcks, 99)) : null,
      clicks: clickAcks.length,
    };
  } finally {
    clearInterval(sampler);
    if (rssTrace) clearInterval(rssTrace);
    await new Promise((r) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        r(undefined);
      }, 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        r(undefined);
      });
      child.kill('SIGTERM');
    });
    await slack.close();
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What burnrate has said back to clicks so far: private replies, thread notes and updated alerts. */
function clickReplies(slack: Awaited<ReturnType<typeof startFakeSlack>>): number {
  return slack.calls.filter(
    (c) =>
      c.method === 'chat.postEphemeral' ||
      c.method === 'chat.update' ||
      (c.method === 'chat.postMessage' && c.args.thread_ts !== undefined),
  ).length;
}

/** Clicks the action button of the first alert that has one, CLICKS times at once; each acknowledgement's ms. */
async function clickOneAlert(
  slack: Awaited<ReturnType<typeof startFakeSlack>>,
  eventsUrl: string,
): Promise<number[]> {
  const button = slack
    .callsOf('chat.postMessage')
    .flatMap((c) => (Array.isArray(c.args.blocks) ? (c.args.blocks as Array<Record<string, unknown>>) : []))
    .flatMap((b) => (Array.isArray(b.elements) ? (b.elements as Array<Record<string, unknown>>) : []))
    .find((e) => ACTION_BUTTONS.includes(String(e.action_id)));
  if (!button) return [];
  const clicks = Array.from({ length: CLICKS }, (_, i) =>
    prepare(
      SIGNING_SECRET,
      interactivityRequest({
        type: 'block_actions',
        team: { id: BENCH_TEAM_ID },
        user: { id: BENCH_USER, username: 'bench', team_id: BENCH_TEAM_ID },
        trigger_id: `trigger.${i}`,
        container: {
          type: 'message',
          channel_id: BENCH_CHANNEL,
          message_ts: '1700000000.000100',
          is_ephemeral: false,
        },
        channel: { id: BENCH_CHANNEL, name: 'ml-costs' },
        message: { type: 'message', ts: '1700000000.000100', text: 'alert' },
        response_url: slack.responseUrl(`click-${i}`),
        actions: [
          {
            type: 'button',
            action_id: button.action_id,
            block_id: 'alert',
            value: button.value,
            action_ts: `${Date.now() / 1000}`,
            text: { type: 'plain_text', text: 'act' },
          },
        ],
      }),
    ),
  );
  const sent = await Promise.all(clicks.map((click) => sendPrepared(eventsUrl, click)));
  const refused = sent.find((r) => r.status !== 200);
  if (refused) throw new Error(`a click was answered with HTTP ${refused.status}`);
  return sent.map((r) => r.ms);
}
