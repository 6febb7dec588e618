/**
 * The listeners called directly, as the Bolt starter tests them: each acknowledges before any work, so
 * Slack's 3-second budget never depends on the index or on the Web API.
 */
import { describe, expect, it } from 'vitest';
import { moreAction } from '../../../adapters/slack/listeners/actions/more.js';
import { shareAction } from '../../../adapters/slack/listeners/actions/share.js';
import { factsCommand } from '../../../adapters/slack/listeners/commands/facts.js';
import { findSourcesShortcut } from '../../../adapters/slack/listeners/shortcuts/find-sources.js';
import type { AskResult, FindSourcesResult } from '../../../src/answer.js';
import { messages } from '../../../src/present.js';
import type { FactsIndex } from '../../../src/search/facts-index.js';
import { FactsService } from '../../../src/service.js';

const empty: AskResult = {
  query: 'q',
  answers: [],
  disagreement: null,
  hasMore: false,
  suggestions: [],
  corpusVersion: 'v1',
};
const nothing: FindSourcesResult = {
  text: 't',
  claims: 1,
  truncated: false,
  moreBacked: 0,
  supporting: [],
  unsupported: [],
  nearest: [],
  corpusVersion: 'v1',
};

/** A service whose index records, in `log`, when it is asked. */
function recordingService(log: string[]): FactsService {
  const index: FactsIndex = {
    version: 'v1',
    passageCount: 0,
    warnings: [],
    ask: () => {
      log.push('ask');
      return empty;
    },
    findSources: () => {
      log.push('findSources');
      return nothing;
    },
    suggest: () => [],
    sources: () => [],
  };
  return new FactsService({ index: () => index });
}

/** Bolt-like arguments whose ack, respond and Web API calls append to `log`. */
function args(log: string[], extra: Record<string, unknown>) {
  return {
    ack: async () => {
      log.push('ack');
    },
    respond: async () => {
      log.push('respond');
      return new Response();
    },
    client: {
      chat: {
        postMessage: async () => {
          log.push('postMessage');
          return { ok: true };
        },
      },
    },
    ...extra,
  } as never;
}

describe('listeners acknowledge first', () => {
  it('factsCommand', async () => {
    const log: string[] = [];
    const command = { text: 'how many?', team_id: 'T1', user_id: 'U1' };
    await factsCommand({ service: recordingService(log) })(args(log, { command }));
    expect(log).toEqual(['ack', 'ask', 'respond']);
  });

  it('findSourcesShortcut', async () => {
    const log: string[] = [];
    const shortcut = {
      team: { id: 'T1' },
      user: { id: 'U1' },
      channel: { id: 'C1' },
      message: { ts: '1.1', text: 'a claim' },
    };
    await findSourcesShortcut({ service: recordingService(log) })(args(log, { shortcut }));
    // Nothing backs the claim: the asker alone is told.
    expect(log).toEqual(['ack', 'findSources', 'respond']);
  });

  it.each([
    ['moreAction', moreAction],
    ['shareAction', shareAction],
  ])('%s', async (_, listener) => {
    const log: string[] = [];
    const action = { action_id: 'facts_more', value: JSON.stringify({ q: 'how many?', o: 0, v: 'v1' }) };
    await listener({ service: recordingService(log) })(
      args(log, { action, body: { team: { id: 'T1' }, user: { id: 'U1' } } }),
    );
    expect(log[0]).toBe('ack');
    expect(log).toContain('ask');
  });

  it('answers a button it cannot read with "no longer works", after the ack', async () => {
    const log: string[] = [];
    const action = { action_id: 'facts_more', value: 'not ours' };
    const sent: unknown[] = [];
    const respond = async (message: unknown) => {
      log.push('respond');
      sent.push(message);
    };
    await moreAction({ service: recordingService(log) })(
      args(log, { action, body: { team: null, user: { id: 'U1' } }, respond }),
    );
    expect(log).toEqual(['ack', 'respond']);
    expect(sent).toMatchObject([{ response_type: 'ephemeral', text: messages.buttonUnusable }]);
  });
});
