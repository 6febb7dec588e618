/** What the runtime (src/main.ts) needs of a chat adapter. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ChatAdapter {
  /** "discord" or "slack", for logs and /readyz. */
  readonly name: string;
  /** Connects to the platform; resolves once the adapter can answer. */
  start(): Promise<void>;
  /** Stops taking new events and closes connections. Requests in flight are drained by the runtime first. */
  stop(): Promise<void>;
  /** Whether the adapter is connected and answering now (for /readyz). */
  ready(): boolean;
  /**
   * For adapters that answer from other processes (sharded Discord): rebuild their indexes after the
   * runtime reloaded the corpus. In-process adapters need nothing: they read the service's current index.
   */
  reloadCorpus?(): Promise<void>;
  /**
   * For adapters that receive events over HTTP (Slack in HTTP mode): the request handler the runtime mounts
   * on its own server, with the path it serves.
   */
  readonly http?: { path: string; handler: (req: IncomingMessage, res: ServerResponse) => void };
}
