/**
 * The real Bolt app of the Slack adapter, mounted (as the runtime mounts it) on a node:http server on
 * 127.0.0.1, talking to a FakeSlack for its Web API and `response_url`s.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import type { ChatAdapter } from '../../src/adapter.js';
import { parseConfig } from '../../src/config.js';
import type { FactsService } from '../../src/service.js';
import { FakeSlack } from './fake-slack.js';
import {
  postSigned,
  type SignedPost,
  type SlackRequest,
  type SlackResponse,
  TEST_SIGNING_SECRET,
} from './slack-sign.js';

export interface SlackHarness {
  fake: FakeSlack;
  adapter: ChatAdapter;
  /** URL of the events endpoint. */
  eventsUrl: string;
  /** POSTs a signed request; resolves when Bolt has answered (after the listener: processBeforeResponse). */
  post(request: SlackRequest, options?: SignedPost): Promise<SlackResponse>;
  close(): Promise<void>;
}

export async function startSlackHarness(
  service: FactsService,
  options: { processBeforeResponse?: boolean } = {},
): Promise<SlackHarness> {
  const fake = await FakeSlack.start();
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const adapter = createSlackAdapter({
    config,
    service,
    processBeforeResponse: options.processBeforeResponse ?? true,
  });
  const http = adapter.http;
  if (!http) throw new Error('the Slack adapter exposes no HTTP handler in HTTP mode');
  const server: Server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === http.path) http.handler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await adapter.start();
  const { port } = server.address() as AddressInfo;
  const eventsUrl = `http://127.0.0.1:${port}${http.path}`;
  return {
    fake,
    adapter,
    eventsUrl,
    post: (request, signed) => postSigned(eventsUrl, request, signed),
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}
