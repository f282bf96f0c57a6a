// Type declarations of @switchboard/client (written by hand; the package is plain JavaScript).

export type State = 'connecting' | 'authenticating' | 'ready' | 'reconnecting' | 'closed';

export interface ConnectOptions {
  /** 'ws://host:port/ws', or several such URLs tried in turn on reconnect. */
  url: string | string[];
  /** Returns a JWT; called on every (re)connect and again before the current token expires. */
  token: () => string | Promise<string>;
  /** The last seq the application already has: events after it are replayed. Omitted: start at the user's head. */
  lastSeq?: number;
  /** The WebSocket implementation (in Node, the 'ws' package); default: globalThis.WebSocket. */
  WebSocket?: unknown;
  /** Backoff between reconnects: the ceiling doubles from minDelayMs (250) up to maxDelayMs (10000), jittered. */
  reconnect?: { minDelayMs?: number; maxDelayMs?: number };
}

export interface ReadyEvent {
  connectionId: string;
  userId: string;
  /** The user's latest seq when the socket became ready. */
  lastSeq: number;
}

export interface AgentEvent {
  seq: number;
  runId: string;
  event: string;
  data: Record<string, unknown>;
}

/** Events between fromSeq and toSeq (inclusive) that the node no longer holds: they will never arrive. */
export interface GapEvent {
  fromSeq: number;
  toSeq: number;
}

export interface CloseEvent {
  code: number;
  reason: string;
  willReconnect: boolean;
}

/** Every frame on the wire, for logs and demos; an auth frame's token is masked. */
export interface FrameEvent {
  direction: 'in' | 'out';
  frame: { type: string; [field: string]: unknown };
}

export interface EventMap {
  ready: ReadyEvent;
  /** Every seq exactly once and in order, across reconnects; the next waits for a listener's promise. */
  event: AgentEvent;
  gap: GapEvent;
  state: State;
  close: CloseEvent;
  frame: FrameEvent;
  /** An `error` frame that answers none of this client's messages, or a listener's or token function's failure. */
  error: Error;
}

/** A refusal: `code` is the node's error code (busy, rate_limited, agent_unavailable, …) or connection_lost/closed. */
export class SwitchboardError extends Error {
  readonly code: string;
  /** The message id the refusal answers, when it answers one. */
  readonly id: string | null;
}

export class SwitchboardClient {
  readonly state: State;
  /** The last seq the application's listeners finished with: where a later session resumes. */
  readonly lastSeq: number | null;
  readonly connectionId: string | null;
  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof EventMap>(name: K, listener: (payload: EventMap[K]) => void | Promise<void>): () => void;
  off<K extends keyof EventMap>(name: K, listener: (payload: EventMap[K]) => void | Promise<void>): void;
  /** Sends a message once the socket is ready; resolves on the node's ack, rejects with a SwitchboardError. */
  send(text: string): Promise<{ id: string; runId: string }>;
  /** Closes the socket (1000) and stops reconnecting and delivering. */
  close(): void;
}

export function connect(options: ConnectOptions): SwitchboardClient;
