// Types of the softone-go package: the entry types come from the generated native.d.ts
// (napi-rs); the wrapper's classes are written here.
import type { Account, TimeStampEntry } from './native'

export type { Account, TimeStampEntry }

/** The error codes of DESIGN.md's table. */
export type SoftOneErrorCode =
  | 'INVALID_ARGUMENT'
  | 'AUTHENTICATION'
  | 'RATE_LIMITED'
  | 'API'
  | 'TIMEOUT'
  | 'TRANSPORT'
  | 'DECODE'

/** Every error code, in DESIGN.md's order. */
export declare const ERROR_CODES: readonly SoftOneErrorCode[]

/** The version of the Rust core. */
export declare function coreVersion(): string

/** Every failure of the client. Never holds a secret. */
export declare class SoftOneError extends Error {
  constructor(message: string, details?: Partial<Omit<SoftOneError, 'name' | 'message' | 'stack'>>)
  readonly name: 'SoftOneError'
  /** What kind of failure (DESIGN.md's error table). */
  code: SoftOneErrorCode
  /** The HTTP status of the server's answer, where there was one. */
  status: number | null
  /** The server's own message, where it gave one. */
  serverMessage: string | null
  /** The request URL with its secrets replaced by `***`. */
  url: string | null
  /** The wait the server asked for in `Retry-After`, in milliseconds. */
  retryAfterMs: number | null
  /** DECODE: the index of the failing entry in the response array. */
  entryIndex: number | null
  /** DECODE: the wire name of the failing field. */
  field: string | null
}

/** What a fetch rejects with when its `AbortSignal` fires. */
export declare class AbortError extends Error {
  constructor(message?: string, options?: { cause?: unknown })
  readonly name: 'AbortError'
  readonly code: 'ABORT_ERR'
}

/** Options of a Client; absent ones take the core's defaults. */
export interface ClientOptions {
  /** The company API key (`SOFTONE_COMPANY_API_KEY`). */
  companyApiKey?: string
  /** The integration's API key (`SOFTONE_CONNECT_API_KEY`). */
  connectApiKey?: string
  /** The company's license (login triple). */
  license?: string
  /** The API user's name (login triple). */
  username?: string
  /** The API user's password (login triple). */
  password?: string
  /** A ready token (replaces the login triple until refused). */
  token?: string
  /** Base URL (default `https://apiexternal.softone.se`). */
  baseUrl?: string
  /** Timeout of one request in ms (default 60000). */
  timeoutMs?: number
  /** Connect timeout in ms (default 10000). */
  connectTimeoutMs?: number
  /** Retries of a failed request (default 3). */
  maxRetries?: number
  /** Days per request window (default 7; 0 = one window). */
  chunkDays?: number
  /** Requests in flight per fetch (default 4). */
  maxConcurrency?: number
  /** Allow plain http to non-loopback hosts (default false). */
  allowInsecureHttp?: boolean
}

/** What to fetch. */
export interface TimeStampEntriesQuery {
  /** First work date, `'YYYY-MM-DD'` (a `Date` is refused: an instant is not a work date). */
  dateFrom: string
  /** Last work date (inclusive), `'YYYY-MM-DD'`. */
  dateTo: string
  /** Employee numbers; absent or null: all employees. */
  employees?: readonly string[] | null
  /** Called as pieces of the fetch finish. */
  onProgress?: ((done: number, total: number) => void) | null
  /** Cancels the fetch; it then rejects with an `AbortError`. */
  signal?: AbortSignal | null
}

/** A SoftOne GO client. */
export declare class Client {
  constructor(options?: ClientOptions)
  /** A client from the `SOFTONE_*` environment variables (`options` override them). */
  static fromEnv(options?: ClientOptions): Client
  /** The base URL requests go to. */
  readonly baseUrl: string
  /** Every entry of the query, sorted by (employee, time). */
  timeStampEntries(query: TimeStampEntriesQuery): Promise<TimeStampEntry[]>
}

/** Options of a Simulator. */
export interface SimulatorOptions {
  /** Address to listen on (default 127.0.0.1). */
  host?: string
  /** Port (default: a free one). */
  port?: number
  /** Number of synthetic employees (default 50). */
  employees?: number
  /** Number of synthetic days (default 31). */
  days?: number
  /** Seed of the synthetic data (default 7). */
  seed?: number
  /** First synthetic work date (default '2026-05-01'). */
  startDate?: string
  /** Delay before a failed login is answered, ms (default 2000, like the real server). */
  loginFailureDelayMs?: number
  /** A new token must be used within this long, ms. */
  tokenActivationWindowMs?: number
  /** A token's largest age, ms. */
  tokenMaxAgeMs?: number
  /** A token's idle timeout, ms. */
  tokenIdleTimeoutMs?: number
  /** How entry types are written. */
  entryTypeStyle?: 'zero' | 'integer' | 'string'
  /** Key casing of data answers. */
  keyCase?: 'pascal' | 'camel'
  /** Longest query string accepted (default 2048). */
  maxQueryLen?: number
  /** Latency added to every data request, ms. */
  latencyMs?: number
  /** Server time per entry returned, ms. */
  perEntryCostMs?: number
}

/** The simulator's (fake) credentials as Client options. */
export interface SimulatorCredentials {
  companyApiKey: string
  connectApiKey: string
  license: string
  username: string
  password: string
  baseUrl: string
}

/** A fault to inject (the simulator's admin JSON). */
export type Fault = {
  fault:
    | 'status'
    | 'delay'
    | 'drop_mid_body'
    | 'truncated'
    | 'malformed'
    | 'wrong_shape'
    | 'login_failure'
    | 'extra_employee'
  status?: number
  retry_after?: string | null
  body?: string | null
  ms?: number
  message?: string
  endpoint?: 'login' | 'data' | 'any'
  times?: number
}

/** One request the simulator answered (secrets redacted). */
export interface LoggedRequest {
  method: string
  path: string
  query: string
  status: number
  queryLen: number
  employees: string[] | null
  dateFrom: string | null
  dateTo: string | null
}

/** A local SoftOne GO simulator for tests and demos. */
export declare class Simulator {
  private constructor()
  /** Start one on a free loopback port; resolves once it listens. */
  static start(options?: SimulatorOptions): Promise<Simulator>
  /** Its base URL. */
  readonly url: string
  /** The credentials it accepts, with `baseUrl`. */
  readonly credentials: SimulatorCredentials
  /** A Client for it. */
  client(overrides?: ClientOptions): Client
  /** Queue a fault. */
  inject(fault: Fault | string): void
  /** Remove every queued fault. */
  clearFaults(): void
  /** Latency added to every data request, ms. */
  setLatency(ms: number): void
  /** Invalidate every issued token. */
  revokeTokens(): void
  /** The request log, oldest first. */
  requests(): LoggedRequest[]
  /** Empty the request log. */
  clearRequests(): void
  /** Logins served. */
  readonly loginCount: number
  /** Data requests served. */
  readonly dataRequestCount: number
  /** Stop serving (idempotent). */
  stop(): Promise<void>
}
