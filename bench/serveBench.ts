// `burnrate serve` as users run it, on the large database: peak RSS after answering many slash commands, and how
// long Slack waits for the acknowledgement of a command while another, slow answer is being computed. Slack
// requests are signed and posted over HTTP; answers go to a local fake of the Slack Web API.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { startFakeSlack } from '../test/support/fakeSlack.js';
import { slackSender } from '../test/support/slackSigned.js';
import { BENCH_NOW } from './org.js';
import { percentile, round } from './stats.js';

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench-0000-burnrate';
// Commands in flight at once while measuring memory (a busy workspace, not a flood).
const IN_FLIGHT = 4;
// How long serve may take to start on a large database.
const START_TIMEOUT_MS = 120_000;

export interface ServeFigure {
  questions: number;
  answered: number;
  peakRssMb: number;
  rssAfterStartMb: number;
  ackP50Ms: number;
  ackP99Ms: number;
  /** Acks of a quick command sent while a slow answer was being computed. */
  ackUnderLoadP50Ms: number;
  ackUnderLoadP99Ms: number;
  slowQuestion: string;
  slowAnswerMs: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The process and its descendants (npx → tsx → node): the one holding the most memory is the server. */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while listing
    }
  }
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i] as number) ?? []));
  return out;
}

function memoryKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

function serverMemoryKb(root: number, field: 'VmHWM' | 'VmRSS'): number {
  return Math.max(...processTree(root).map((pid) => memoryKb(pid, field)));
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function waitHealthy(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`serve did not answer ${url} within ${START_TIMEOUT_MS} ms: ${output()}`);
}

export async function benchServe(opts: {
  dbPath: string;
  questions: readonly string[];
  slowQuestion: string;
  count: number;
  probes: number;
  log: (line: string) => void;
}): Promise<ServeFigure> {
  const slack = await startFakeSlack();
  const port = await freePort();
  let stderr = '';
  const child = spawn('npx', ['tsx', 'src/main.ts', 'serve', '--now', BENCH_NOW.toISOString()], {
    env: {
      ...process.env,
      BURNRATE_DB: opts.dbPath,
      BURNRATE_CONFIG: '',
      BURNRATE_GCP_ENDPOINT: '',
      GOOGLE_APPLICATION_CREDENTIALS: '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  try {
    await waitHealthy(`http://127.0.0.1:${port}/healthz`, child, () => stderr);
    const rssAfterStartMb = serverMemoryKb(child.pid as number, 'VmRSS') / 1024;
    const sender = slackSender(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
    const acks: number[] = [];
    let sent = 0;
    const ask = async (text: string): Promise<number> => {
      const id = `bench-${sent++}`;
      const started = performance.now();
      const res = await sender.command({ text, response_url: slack.responseUrl(id) });
      const ackMs = performance.now() - started;
      if (res.status !== 200) throw new Error(`command "${text}" answered HTTP ${res.status}: ${res.text}`);
      await slack.waitFor('response_url', (call) => call.path.includes(id), 120_000);
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
    const answered = slack.callsOf('response_url').length;
    opts.log(`  serve answered ${answered} commands`);

    // Acks while a slow answer is being computed: start the slow one, then time a quick command's ack.
    const underLoad: number[] = [];
    let slowAnswerMs = 0;
    for (let i = 0; i < opts.probes; i++) {
      const slowStarted = performance.now();
      const slow = ask(opts.slowQuestion).then(() => {
        slowAnswerMs = Math.max(slowAnswerMs, performance.now() - slowStarted);
      });
      await new Promise((r) => setTimeout(r, 20));
      underLoad.push(await ask('help'));
      await slow;
    }
    return {
      questions: opts.count,
      answered,
      peakRssMb: round(serverMemoryKb(child.pid as number, 'VmHWM') / 1024, 1),
      rssAfterStartMb: round(rssAfterStartMb, 1),
      ackP50Ms: round(percentile(acks, 50)),
      ackP99Ms: round(percentile(acks, 99)),
      ackUnderLoadP50Ms: round(percentile(underLoad, 50)),
      ackUnderLoadP99Ms: round(percentile(underLoad, 99)),
      slowQuestion: opts.slowQuestion,
      slowAnswerMs: round(slowAnswerMs),
    };
  } finally {
    // npx and tsx each start a process: stop every one of them, the server last.
    const tree = processTree(child.pid as number);
    for (const pid of tree) signal(pid, 'SIGTERM');
    await new Promise((r) => {
      const timer = setTimeout(() => {
        for (const pid of tree.reverse()) signal(pid, 'SIGKILL');
        r(undefined);
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        r(undefined);
      });
    });
    await slack.close();
  }
}
