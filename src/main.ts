/**
 * `npm start`: loads the environment, builds the index, starts every configured chat adapter (or the local
 * console when there is none), serves health and metrics, reloads the corpus on change, shuts down cleanly.
 * The pieces are in src/runtime/; this file only puts them together.
 */
import dotenv from 'dotenv';
import type { ChatAdapter } from './adapter.js';
import { type Config, ConfigError, parseConfig } from './config.js';
import { runConsole } from './console.js';
import { loadFacts } from './facts.js';
import { createLogger, type Logger } from './logger.js';
import {
  type AdapterFactory,
  type AdapterName,
  AdapterSupervisor,
  configuredAdapters,
} from './runtime/adapters.js';
import { createHttpServer, listen, type ReadinessReport } from './runtime/http-server.js';
import { createRuntimeMetrics, type RuntimeMetrics } from './runtime/metrics.js';
import { CorpusReloader } from './runtime/reload.js';
import { Shutdown } from './runtime/shutdown.js';
import { FactsService } from './service.js';

const CONNECT_HINT =
  'No chat credentials set, so this is the local console. To connect Discord, set DISCORD_TOKEN and ' +
  'DISCORD_APPLICATION_ID; for Slack, SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN); ' +
  'in .env or the environment.';

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = readConfig();
  const names = configuredAdapters(config);
  const consoleMode = names.length === 0;
  // Someone typing at the console wants answers, not JSON log lines; an explicit LOG_LEVEL still wins.
  const interactive = consoleMode && process.stdin.isTTY === true && !process.env.LOG_LEVEL;
  const logger = createLogger(interactive ? 'warn' : config.LOG_LEVEL);
  logger.info({ adapters: names, node: process.version, pid: process.pid }, 'facts-bot starting');

  const metrics = createRuntimeMetrics({ logger, index: () => reloader.loaded });
  reportCrashes(logger, metrics);
  const adapters = new AdapterSupervisor({ logger, onError: metrics.runtimeError });
  const reloader = new CorpusReloader({
    dir: config.CORPUS_DIR,
    load: loadFacts,
    logger,
    onReload: (outcome) => {
      metrics.reload(outcome.result);
      if (outcome.result === 'ok') void adapters.reloadCorpus();
    },
  });

  const index = await loadCorpus(reloader, config.CORPUS_DIR, logger);
  logger.info(
    { dir: config.CORPUS_DIR, version: index.version, passages: index.passageCount },
    'corpus loaded',
  );
  const service = new FactsService({
    index: () => reloader.current,
    logger,
    telemetry: metrics.telemetry,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
  });

  await adapters.create(names.map((name) => adapterFactory(name, config, service)));
  metrics.observeAdapters(() => adapters.connected());

  let shutdown: Shutdown | undefined;
  const readiness = (): ReadinessReport => {
    const checks = {
      corpus: {
        ready: true,
        detail: `version ${reloader.current.version}, ${reloader.current.passageCount} passages`,
      },
      ...adapters.readiness(),
      ...(shutdown?.started ? { shutdown: { ready: false, detail: 'shutting down' } } : {}),
    };
    return { ready: Object.values(checks).every((check) => check.ready), checks };
  };
  const server = createHttpServer({
    logger,
    registry: metrics.registry,
    readiness,
    mounts: adapters.mounts(),
  });
  shutdown = new Shutdown({ logger, service, server, adapters, reloader });
  shutdown.listen();

  try {
    const port = await listen(server, config.PORT);
    logger.info({ port }, 'http server listening');
  } catch (error) {
    if (!consoleMode) {
      logger.fatal({ err: error, port: config.PORT }, 'cannot listen on PORT');
      process.stderr.write(`facts-bot: cannot listen on port ${config.PORT}: ${message(error)}\n`);
      process.exit(1);
    }
    // A newcomer's first `npm start` must not fail because something else has port 3000.
    logger.warn(
      { err: error, port: config.PORT },
      'cannot listen on PORT; the console goes on without /healthz',
    );
  }

  reloader.listenForSighup();
  if (config.CORPUS_WATCH === 'true') reloader.watch();

  if (consoleMode) {
    process.stderr.write(`${CONNECT_HINT}\n`);
    await runConsole({ service, input: process.stdin, output: process.stdout });
    await shutdown.run('end of console input');
    return;
  }

  const { started } = await adapters.startAll();
  if (started.length === 0 && !shutdown.started) {
    logger.fatal({ adapters: names }, 'no chat adapter could start');
    await shutdown.run('no chat adapter could start', 1);
  }
}

/** Validates the environment, or explains every problem (never a value) and exits 1. */
function readConfig(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(
      `facts-bot cannot start: the environment has ${error.problems.length} problem(s).\n` +
        `${error.problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
        'Fix these variables in .env or the environment and run it again. ' +
        'With no DISCORD_TOKEN and no SLACK_BOT_TOKEN, `npm start` opens the local console.\n',
    );
    process.exit(1);
  }
}

async function loadCorpus(reloader: CorpusReloader, dir: string, logger: Logger) {
  try {
    return await reloader.load();
  } catch (error) {
    logger.fatal({ err: error, dir }, 'cannot load the corpus');
    process.stderr.write(`facts-bot: cannot load the corpus from ${dir}: ${message(error)}\n`);
    process.exit(1);
  }
}

/** Imports an adapter only when it is configured, so the console never loads discord.js or Bolt. */
function adapterFactory(name: AdapterName, config: Config, service: FactsService): AdapterFactory {
  const create = async (): Promise<ChatAdapter> => {
    if (name === 'discord') {
      const { createDiscordAdapter } = await import('../adapters/discord/index.js');
      return createDiscordAdapter({ config, service });
    }
    const { createSlackAdapter } = await import('../adapters/slack/index.js');
    return createSlackAdapter({ config, service });
  };
  return { name, create };
}

/** Errors no request owns are logged with their origin and counted; the process and other adapters go on. */
function reportCrashes(logger: Logger, metrics: RuntimeMetrics): void {
  process.on('unhandledRejection', (reason) => {
    metrics.runtimeError();
    logger.error({ err: reason, origin: 'unhandledRejection' }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (error, origin) => {
    metrics.runtimeError();
    logger.error({ err: error, origin }, 'uncaught exception');
  });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `facts-bot: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
