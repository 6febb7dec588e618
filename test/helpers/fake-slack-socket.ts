/**
 * A local stand-in for Slack's Socket Mode WebSocket: hands out `hello`, sends envelopes, and returns the
 * app's acknowledgement of each. Pair with FakeSlack, whose `apps.connections.open` returns `url`.
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export interface SocketAck {
  envelope_id: string;
  payload?: unknown;
}

export class FakeSocketMode {
  readonly #server: WebSocketServer;
  readonly #acks = new Map<string, (ack: SocketAck) => void>();
  #socket: WebSocket | undefined;
  #connected: Promise<WebSocket>;
  #closed: Promise<void> = Promise.resolve();

  private constructor(server: WebSocketServer) {
    this.#server = server;
    this.#connected = new Promise((resolve) => {
      server.on('connection', (socket) => {
        this.#socket = socket;
        this.#closed = new Promise((done) => socket.once('close', () => done()));
        socket.on('message', (data) => {
          const ack = JSON.parse(String(data)) as SocketAck;
          this.#acks.get(ack.envelope_id)?.(ack);
        });
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
        resolve(socket);
      });
    });
  }

  static async start(): Promise<FakeSocketMode> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeSocketMode(server);
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link/?ticket=test`;
  }

  /** Whether the app holds a connection now. */
  get isConnected(): boolean {
    return this.#socket !== undefined && this.#socket.readyState === this.#socket.OPEN;
  }

  /** Sends an envelope once the app is connected; resolves with the app's ack of it. */
  async send(envelope: {
    envelope_id: string;
    type: string;
    payload: unknown;
    [key: string]: unknown;
  }): Promise<SocketAck> {
    const socket = await this.#connected;
    const acked = new Promise<SocketAck>((resolve) => this.#acks.set(envelope.envelope_id, resolve));
    socket.send(JSON.stringify({ accepts_response_payload: envelope.type !== 'events_api', ...envelope }));
    return acked;
  }

  /** Resolves when the app has closed its connection. */
  closed(): Promise<void> {
    return this.#closed;
  }

  async close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
