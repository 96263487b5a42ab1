// fly.toml, the Dockerfile and the Slack app manifest agree with the code they deploy.

import { posix } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DB_PATH, readRuntimeEnv } from '../../src/config/env.js';
import { configSchema } from '../../src/config/schema.js';
import { findFontFiles } from '../../src/report/chart.js';
import { HEALTH_PATH } from '../../src/serve/health.js';
import { SLACK_EVENTS_PATH } from '../../src/slack/app.js';
import { collect, dockerfileFinalStage, repoFile, sourceFiles } from './support/sources.js';

interface FlyToml {
  app: string;
  primary_region: string;
  kill_signal?: string;
  kill_timeout?: number;
  build: { dockerfile: string };
  env: Record<string, string>;
  mounts: Array<{ source: string; destination: string }>;
  http_service: {
    internal_port: number;
    auto_stop_machines: string | boolean;
    min_machines_running: number;
    checks: Array<{ method: string; path: string }>;
  };
  vm: Array<{ memory: string }>;
}

const fly = parseToml(repoFile('fly.toml')) as unknown as FlyToml;
const docker = dockerfileFinalStage();
const dockerEnv = Object.fromEntries(
  docker
    .filter(([k]) => k === 'ENV')
    .flatMap(([, rest]) => rest.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
);
const workdir = docker.filter(([k]) => k === 'WORKDIR').at(-1)?.[1] ?? '/';
// Closing the Google clients and the database after the waits.
const STOP_CLOSE_MARGIN_MS = 5_000;
const serveSource = repoFile('src/cli/commands/serve.ts') + repoFile('src/serve/serve.ts');

describe('fly.toml', () => {
  it('builds with the Dockerfile and keeps one machine always running, of the size docs/deploy.md measures', () => {
    expect(fly.build.dockerfile).toBe('Dockerfile');
    expect(fly.app).toMatch(/^[a-z0-9-]+$/);
    expect(fly.primary_region).toMatch(/^[a-z]{3}$/);
    expect(fly.http_service.auto_stop_machines).toBe('off');
    expect(fly.http_service.min_machines_running).toBeGreaterThanOrEqual(1);
    const memory = fly.vm[0]?.memory;
    expect(memory).toMatch(/^\d+(mb|gb)$/);
    expect(repoFile('docs/deploy.md')).toContain(`memory = "${memory}"`);
  });

  it('serves on the port the code listens on (PORT, default 3000)', () => {
    const defaultPort = readRuntimeEnv({}).port;
    expect(defaultPort).toBe(3000);
    expect(fly.http_service.internal_port).toBe(defaultPort);
    expect(Number(fly.env.PORT)).toBe(fly.http_service.internal_port);
    expect(readRuntimeEnv({ PORT: fly.env.PORT }).port).toBe(fly.http_service.internal_port);
    expect(Number(dockerEnv.PORT)).toBe(fly.http_service.internal_port);
    expect(docker).toContainEqual(['EXPOSE', String(fly.http_service.internal_port)]);
  });

  it('mounts the volume where BURNRATE_DB points', () => {
    const [mount] = fly.mounts;
    expect(fly.mounts).toHaveLength(1);
    expect(mount?.source).toBe('burnrate_data');
    expect(readRuntimeEnv({ BURNRATE_DB: fly.env.BURNRATE_DB }).dbPath).toBe(fly.env.BURNRATE_DB);
    expect(posix.dirname(fly.env.BURNRATE_DB ?? '')).toBe(mount?.destination);
    expect(dockerEnv.BURNRATE_DB).toBe(fly.env.BURNRATE_DB);
    // Never the relative default, which would land inside the image.
    expect(fly.env.BURNRATE_DB).not.toBe(DEFAULT_DB_PATH);
  });

  it('checks the health path the serve code registers', () => {
    expect(fly.http_service.checks.map((c) => [c.method, c.path])).toEqual([['GET', HEALTH_PATH]]);
    expect(HEALTH_PATH).toBe('/healthz');
    expect(serveSource).toContain('healthRoute(');
  });

  it('stops with a signal serve handles, allowing longer than serve waits for running jobs', () => {
    const signal = fly.kill_signal ?? 'SIGINT';
    expect(serveSource).toContain(`process.once('${signal}'`);
    const stopMs = Number(
      /STOP_TIMEOUT_MS = ([\d_]+)/.exec(repoFile('src/cli/commands/serve.ts'))?.[1]?.replace(/_/g, ''),
    );
    expect(stopMs).toBeGreaterThan(0);
    // One bound for running jobs and remediations together (test/serve/serve.test.ts), and time left over to
    // close the Google clients and the database before the orchestrator kills the process.
    expect((fly.kill_timeout ?? 5) * 1000 - stopMs).toBeGreaterThanOrEqual(STOP_CLOSE_MARGIN_MS);
  });

  it('points BURNRATE_CONFIG into the config folder the image carries', () => {
    const config = fly.env.BURNRATE_CONFIG ?? '';
    expect(config).toBe(posix.join(workdir, 'config/burnrate.yaml'));
    expect(docker).toContainEqual(['COPY', 'config ./config']);
  });
});

describe('Dockerfile', () => {
  it('runs the built CLI as serve, through the entrypoint that drops root', () => {
    expect(docker.find(([k]) => k === 'FROM')?.[1]).toMatch(/^node:20(\.\d+)*-[a-z]+-slim$/);
    const cmd = JSON.parse(docker.find(([k]) => k === 'CMD')?.[1] ?? '[]') as string[];
    // node, its options (the resident bot's heap limits and the like), then the built CLI's serve.
    expect(cmd[0]).toBe('node');
    expect(cmd.slice(1, -2).every((arg) => arg.startsWith('--'))).toBe(true);
    expect(cmd.slice(-2)).toEqual(['dist/main.js', 'serve']);
    expect(docker).toContainEqual([
      'ENTRYPOINT',
      `["${posix.join(workdir, 'deploy/docker-entrypoint.sh')}"]`,
    ]);
    expect(repoFile('deploy/docker-entrypoint.sh')).toContain('exec setpriv');
  });

  it('copies everything the built code reads at run time', () => {
    const copies = docker.filter(([k]) => k === 'COPY').map(([, rest]) => rest);
    for (const needed of [
      '--from=build /app/node_modules ./node_modules',
      '--from=build /app/dist ./dist',
      'package.json ./', // "type": "module"
      'migrations ./migrations', // openStore: ../../migrations from dist/db/
      'config ./config', // demo.yaml, scenarios/, burnrate.yaml
    ]) {
      expect(copies).toContain(needed);
    }
    // The chart's font comes from node_modules (slim images have no system fonts), so it must be a production
    // dependency that `npm prune --omit=dev` keeps.
    const [font] = findFontFiles('');
    expect(font).toMatch(/\/node_modules\/([^/]+)\//);
    const fontPackage = /\/node_modules\/([^/]+)\//.exec(font ?? '')?.[1] ?? '';
    const pkg = JSON.parse(repoFile('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies).toHaveProperty(fontPackage);
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignored = repoFile('.dockerignore').split('\n');
    for (const entry of ['.env', 'node_modules', 'data', '*.db']) expect(ignored).toContain(entry);
  });
});

// What each Web API method needs (https://api.slack.com/methods); [] = no scope. A method used in src/ but
// missing here fails the test, so a new call cannot ship without its scope being decided.
const METHOD_SCOPES: Record<string, string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'views.publish': [],
  'views.open': [],
  'views.update': [],
  'usergroups.users.list': ['usergroups:read'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.info': ['files:read'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.open': ['im:write'],
  'conversations.history': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'conversations.replies': ['channels:history', 'groups:history', 'im:history', 'mpim:history'],
  'users.info': ['users:read'],
};

// Event listeners in code → the subscriptions and scopes they need. The `message` listener answers direct
// messages only (it returns unless channel_type is im).
const EVENT_SUBSCRIPTIONS: Record<string, { events: string[]; scopes: string[] }> = {
  app_mention: { events: ['app_mention'], scopes: ['app_mentions:read'] },
  message: { events: ['message.im'], scopes: ['im:history'] },
  app_home_opened: { events: ['app_home_opened'], scopes: [] },
};

interface Manifest {
  features: {
    app_home: Record<string, boolean>;
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url: string }>;
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(repoFile('manifest.json')) as Manifest;
const src = sourceFiles();

describe('manifest.json', () => {
  it('declares the slash command under the default name', () => {
    const defaultCommand = configSchema.parse({}).slack.commandName;
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([defaultCommand]);
  });

  it('sends commands, events and interactivity to the path the app serves', () => {
    const urls = [
      ...manifest.features.slash_commands.map((c) => c.url),
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) {
      expect(new URL(url).protocol).toBe('https:');
      expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    }
    // The host is the Fly app's own.
    expect(new URL(urls[0] ?? '').host).toBe(`${fly.app}.fly.dev`);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('has the App Home with its messages tab', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });

  it('subscribes to exactly the events the listeners handle', () => {
    const handled = [...collect(src, /app\.event\(\s*'([a-z_]+)'/g).keys()];
    expect(handled.length).toBeGreaterThan(0);
    for (const event of handled)
      expect(EVENT_SUBSCRIPTIONS, `no subscription mapping for ${event}`).toHaveProperty(event);
    const expected = handled.flatMap((e) => EVENT_SUBSCRIPTIONS[e]?.events ?? []).sort();
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(expected);
  });

  it('asks for exactly the bot scopes the Web API calls, events and commands need', () => {
    const methods = new Set([
      ...collect(src, /client\.([a-z]+\.[a-zA-Z]+(?:\.[a-zA-Z]+)?)\(/g).keys(),
      ...collect(src, /\.apiCall\(\s*'([a-z]+\.[a-zA-Z.]+)'/g).keys(),
    ]);
    expect(methods.size).toBeGreaterThan(0);
    const unknown = [...methods].filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'Web API methods without a scope decision in METHOD_SCOPES').toEqual([]);
    const events = [...collect(src, /app\.event\(\s*'([a-z_]+)'/g).keys()];
    const usesCommands = collect(src, /app\.(command)\(/g).size > 0;
    const needed = new Set([
      ...[...methods].flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...events.flatMap((e) => EVENT_SUBSCRIPTIONS[e]?.scopes ?? []),
      ...(usesCommands ? ['commands'] : []),
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });
});
