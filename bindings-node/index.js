'use strict'
// softone-go for Node.js: the public API over the native addon (softone-go.node).
// Conversion and error mapping only; every rule lives in the Rust core.

const { inspect } = require('node:util')
const path = require('node:path')

/** Load the addon built by `napi build` (plain or platform-suffixed name). */
function loadNative() {
  const candidates = ['softone-go.node', `softone-go.${process.platform}-${process.arch}.node`]
  let firstError
  for (const name of candidates) {
    try {
      return require(path.join(__dirname, name))
    } catch (e) {
      if (e && e.code !== 'MODULE_NOT_FOUND') throw e
      firstError = firstError || e
    }
  }
  throw new Error(
    "softone-go: the native addon is not built; run 'npm run build' in the package folder (needs Rust)",
    { cause: firstError },
  )
}

const native = loadNative()
const kNative = Symbol('softone-go native client')
const USER_AGENT_SUFFIX = `node/${process.versions.node}`
const ERROR_CODES = Object.freeze([
  'INVALID_ARGUMENT', 'AUTHENTICATION', 'RATE_LIMITED', 'API', 'TIMEOUT', 'TRANSPORT', 'DECODE',
])

/** Every failure of the client: `code` is one of DESIGN.md's error codes. */
class SoftOneError extends Error {
  constructor(message, details = {}) {
    super(message)
    Object.defineProperty(this, 'name', { value: 'SoftOneError', enumerable: false, configurable: true, writable: true })
    this.code = details.code || 'API'
    this.status = details.status ?? null
    this.serverMessage = details.serverMessage ?? null
    this.url = details.url ?? null
    this.retryAfterMs = details.retryAfterMs ?? null
    this.entryIndex = details.entryIndex ?? null
    this.field = details.field ?? null
  }
}

/** What a fetch rejects with when its `AbortSignal` fires (like Node's own AbortError). */
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options)
    Object.defineProperty(this, 'name', { value: 'AbortError', enumerable: false, configurable: true, writable: true })
    this.code = 'ABORT_ERR'
  }
}

function isNativeError(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.code === 'string' && typeof v.message === 'string'
}

function toError(e) {
  return new SoftOneError(e.message, e)
}

function checkOptions(options, what) {
  if (options === undefined || options === null) return {}
  if (typeof options !== 'object') {
    throw new SoftOneError(`${what} must be an object`, { code: 'INVALID_ARGUMENT' })
  }
  return options
}

const CLIENT_KEYS = [
  'companyApiKey', 'connectApiKey', 'license', 'username', 'password', 'token', 'baseUrl',
  'timeoutMs', 'connectTimeoutMs', 'maxRetries', 'chunkDays', 'maxConcurrency', 'allowInsecureHttp',
]
const STRING_KEYS = new Set(['companyApiKey', 'connectApiKey', 'license', 'username', 'password', 'token', 'baseUrl'])

/** Copy the known options, checking their JS types (values are checked by the core). */
function nativeClientOptions(options) {
  const o = checkOptions(options, 'Client options')
  const out = { userAgentSuffix: USER_AGENT_SUFFIX }
  for (const key of Object.keys(o)) {
    if (!CLIENT_KEYS.includes(key)) {
      throw new SoftOneError(`unknown Client option '${key}'; known: ${CLIENT_KEYS.join(', ')}`, { code: 'INVALID_ARGUMENT' })
    }
    const v = o[key]
    if (v === undefined || v === null) continue
    const want = STRING_KEYS.has(key) ? 'string' : key === 'allowInsecureHttp' ? 'boolean' : 'number'
    if (typeof v !== want) {
      throw new SoftOneError(`Client option '${key}' must be a ${want}, not ${typeof v}`, { code: 'INVALID_ARGUMENT' })
    }
    out[key] = v
  }
  return out
}

/** A work date as the core wants it: refuse a Date (an instant) with a reason. */
function workDate(name, v) {
  if (v instanceof Date) {
    throw new SoftOneError(
      `${name} is a Date, an instant in time, not a work date: the endpoint filters by the calendar date the punches belong to, and a Date would be shifted by the process's time zone; pass the work date as a 'YYYY-MM-DD' string`,
      { code: 'INVALID_ARGUMENT' },
    )
  }
  if (typeof v !== 'string') {
    throw new SoftOneError(`${name} must be a 'YYYY-MM-DD' string, not ${v === null ? 'null' : typeof v}`, { code: 'INVALID_ARGUMENT' })
  }
  return v
}

function employeeList(v) {
  if (v === undefined || v === null) return null
  if (!Array.isArray(v)) {
    throw new SoftOneError('employees must be an array of employee numbers (strings), or null for all', { code: 'INVALID_ARGUMENT' })
  }
  return v.map((e, i) => {
    if (typeof e === 'string') return e
    if (typeof e === 'number' && Number.isSafeInteger(e)) return String(e)
    throw new SoftOneError(`employee number #${i} must be a string, not ${typeof e}`, { code: 'INVALID_ARGUMENT' })
  })
}

function abortErrorFor(signal) {
  return new AbortError('The fetch was aborted', { cause: signal.reason })
}

const ENTRY_TYPES = ['Unknown', 'In', 'Out']

/** NaN (the columns' null) to null. */
function num(x) {
  return x === x ? x : null
}

/** One account object from the account columns. */
function account(strs, accNr, accDim, j) {
  const nr = accNr[j]
  return { accountNr: nr < 0 ? null : strs[nr], sieAccountDim: num(accDim[j]) }
}

/**
 * Plain entry objects from the native side's columns (see `EntryColumns` in src/lib.rs):
 * one tight loop with a fixed object shape, much faster than building objects through N-API.
 */
function fromColumns(c) {
  const { n, text, offsets, emp, ext, ts, typ, brk, acc, dim, term, accOff, accNr, accDim, codeOff, codes } = c
  const strs = new Array(offsets.length - 1)
  for (let i = 0; i < strs.length; i++) strs[i] = text.slice(offsets[i], offsets[i + 1])
  const out = []
  for (let i = 0; i < n; i++) {
    // Array literals for the usual 0, 1 or 2 items: packed arrays, cheaper than new Array(n).
    const a0 = accOff[i]
    const na = accOff[i + 1] - a0
    let accounts
    if (na === 0) accounts = []
    else if (na === 1) accounts = [account(strs, accNr, accDim, a0)]
    else if (na === 2) accounts = [account(strs, accNr, accDim, a0), account(strs, accNr, accDim, a0 + 1)]
    else {
      accounts = []
      for (let j = 0; j < na; j++) accounts.push(account(strs, accNr, accDim, a0 + j))
    }
    const c0 = codeOff[i]
    const nc = codeOff[i + 1] - c0
    let codeList
    if (nc === 0) codeList = []
    else if (nc === 1) codeList = [strs[codes[c0]]]
    else {
      codeList = []
      for (let j = 0; j < nc; j++) codeList.push(strs[codes[c0 + j]])
    }
    const x = ext[i]
    const a = acc[i]
    out.push({
      employeeNr: strs[emp[i]],
      employeeExternalCode: x < 0 ? null : strs[x],
      timeStamp: strs[ts[i]],
      entryType: ENTRY_TYPES[typ[i]],
      isBreak: brk[i] === 1,
      accountNr: a < 0 ? null : strs[a],
      sieAccountDim: num(dim[i]),
      timeTerminalId: num(term[i]),
      accounts,
      timeScheduleTypeCodes: codeList,
    })
  }
  return out
}

/** A SoftOne GO client: fetches time stamp entries with retries, chunking and token renewal. */
class Client {
  #native

  constructor(options = {}) {
    this.#native = options !== null && typeof options === 'object' && Object.hasOwn(options, kNative)
      ? options[kNative]
      : Client.#unwrap(native.NativeClient.create(nativeClientOptions(options)))
  }

  static #unwrap(r) {
    if (isNativeError(r)) throw toError(r)
    return r
  }

  /** A client from the `SOFTONE_*` environment variables (`options` override them). */
  static fromEnv(options = {}) {
    return new Client({ [kNative]: Client.#unwrap(native.NativeClient.fromEnv(nativeClientOptions(options))) })
  }

  /** The base URL requests go to. */
  get baseUrl() {
    return this.#native.baseUrl
  }

  /**
   * Every entry of the work dates `dateFrom`..`dateTo` (inclusive), sorted by employee and
   * time. Rejects with a `SoftOneError`, or an `AbortError` when `signal` fires.
   */
  async timeStampEntries(query) {
    const q = checkOptions(query, 'the query')
    const dateFrom = workDate('dateFrom', q.dateFrom)
    const dateTo = workDate('dateTo', q.dateTo)
    const employees = employeeList(q.employees)
    const { onProgress, signal } = q
    if (onProgress !== undefined && onProgress !== null && typeof onProgress !== 'function') {
      throw new SoftOneError('onProgress must be a function (done, total) => void', { code: 'INVALID_ARGUMENT' })
    }
    if (signal !== undefined && signal !== null) {
      if (typeof signal.aborted !== 'boolean' || typeof signal.addEventListener !== 'function') {
        throw new SoftOneError('signal must be an AbortSignal', { code: 'INVALID_ARGUMENT' })
      }
      if (signal.aborted) throw abortErrorFor(signal)
    }
    let cancel = null
    let onAbort = null
    if (signal) {
      cancel = new native.CancelHandle()
      onAbort = () => cancel.cancel()
      signal.addEventListener('abort', onAbort, { once: true })
    }
    let result
    try {
      result = await this.#native.fetch(dateFrom, dateTo, employees, onProgress || null, cancel)
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort)
    }
    if (result && typeof result.n === 'number' && result.offsets) return fromColumns(result)
    if (result.code === 'CANCELLED') throw abortErrorFor(signal || { reason: undefined })
    throw toError(result)
  }

  [inspect.custom](depth, options) {
    return `Client { baseUrl: ${inspect(this.baseUrl, options)} }`
  }

  toJSON() {
    return { baseUrl: this.baseUrl }
  }
}

const SIM_KEYS = [
  'host', 'port', 'employees', 'days', 'seed', 'startDate', 'loginFailureDelayMs',
  'tokenActivationWindowMs', 'tokenMaxAgeMs', 'tokenIdleTimeoutMs', 'entryTypeStyle', 'keyCase',
  'maxQueryLen', 'latencyMs', 'perEntryCostMs',
]

/** A local SoftOne GO simulator (seeded data, fault injection) for tests and demos. */
class Simulator {
  #native
  #url

  constructor(token, nativeSim) {
    if (token !== Simulator.#token) {
      throw new TypeError('use `await Simulator.start(options)` to start a simulator')
    }
    this.#native = nativeSim
    this.#url = nativeSim.url
  }

  static #token = Symbol('Simulator')

  /** Start a simulator on a free loopback port; resolves once it listens. */
  static async start(options = {}) {
    const o = checkOptions(options, 'Simulator options')
    for (const key of Object.keys(o)) {
      if (!SIM_KEYS.includes(key)) {
        throw new SoftOneError(`unknown Simulator option '${key}'; known: ${SIM_KEYS.join(', ')}`, { code: 'INVALID_ARGUMENT' })
      }
    }
    const clean = {}
    for (const key of SIM_KEYS) if (o[key] !== undefined && o[key] !== null) clean[key] = o[key]
    const r = await native.NativeSimulator.start(clean)
    if (isNativeError(r)) throw toError(r)
    return new Simulator(Simulator.#token, r)
  }

  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  get url() {
    return this.#url
  }

  /** The (fake) credentials it accepts, as Client options including `baseUrl`. */
  get credentials() {
    return { ...this.#native.credentials() }
  }

  /** A Client for this simulator; `overrides` are Client options that replace the defaults. */
  client(overrides = {}) {
    return new Client({ ...this.credentials, ...checkOptions(overrides, 'overrides') })
  }

  /** Queue a fault, e.g. `{ fault: 'status', status: 503, retry_after: '1', endpoint: 'data', times: 2 }`. */
  inject(fault) {
    const json = typeof fault === 'string' ? fault : JSON.stringify(fault)
    const problem = this.#native.injectJson(json)
    if (problem !== null && problem !== undefined) {
      throw new SoftOneError(`the fault was not accepted: ${problem}`, { code: 'INVALID_ARGUMENT' })
    }
  }

  /** Remove every queued fault. */
  clearFaults() {
    this.#native.clearFaults()
  }

  /** Set the latency added to every data request. */
  setLatency(ms) {
    this.#native.setLatency(ms)
  }

  /** Invalidate every issued token (the next data request answers 401). */
  revokeTokens() {
    this.#native.revokeTokens()
  }

  /** The requests it answered, oldest first (secrets redacted). */
  requests() {
    return JSON.parse(this.#native.requestsJson()).map((r) => ({
      method: r.method,
      path: r.path,
      query: r.query,
      status: r.status,
      queryLen: r.query_len,
      employees: r.employees ?? null,
      dateFrom: r.date_from ?? null,
      dateTo: r.date_to ?? null,
    }))
  }

  /** Empty the request log. */
  clearRequests() {
    this.#native.clearRequests()
  }

  /** How many logins it served. */
  get loginCount() {
    return this.#native.loginCount()
  }

  /** How many data requests it served. */
  get dataRequestCount() {
    return this.#native.dataRequestCount()
  }

  /** Stop serving (idempotent). */
  async stop() {
    await this.#native.stop()
  }

  async [Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose')]() {
    await this.stop()
  }

  [inspect.custom](depth, options) {
    return `Simulator { url: ${inspect(this.#url, options)} }`
  }
}

module.exports = { Client, Simulator, SoftOneError, AbortError, ERROR_CODES, coreVersion: native.coreVersion }
