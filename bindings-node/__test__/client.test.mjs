// Errors from real provoked failures, the guards, concurrency, abort, progress, secrets.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { createRequire } from 'node:module'
import { Client, Simulator, SoftOneError, AbortError, ERROR_CODES } from '../index.mjs'

let sim
let secrets
before(async () => {
  sim = await Simulator.start({ loginFailureDelayMs: 0, employees: 20, days: 14 })
  const c = sim.credentials
  secrets = [c.companyApiKey, c.connectApiKey, c.password]
})
after(() => sim.stop())

const DAY = { dateFrom: '2026-05-07', dateTo: '2026-05-07' }

async function failure(promise) {
  try {
    await promise
  } catch (e) {
    return e
  }
  assert.fail('expected the promise to reject')
}

function assertNoSecret(err) {
  const texts = [err.message, err.stack, inspect(err, { depth: 5, showHidden: true }), JSON.stringify(err), String(err.url)]
  for (const t of texts) {
    for (const s of secrets) assert.ok(!t.includes(s), `a secret leaked into: ${t}`)
    // the token travels in the URL: it must be redacted there
    assert.ok(!/token=(?!\*\*\*)[^&\s'"]+/.test(t), `a token leaked into: ${t}`)
  }
}

function assertSoftOne(err, code) {
  assert.ok(err instanceof SoftOneError, `not a SoftOneError: ${err}`)
  assert.ok(err instanceof Error)
  assert.equal(err.name, 'SoftOneError')
  assert.equal(err.code, code, err.message)
  assert.ok(ERROR_CODES.includes(err.code))
  assertNoSecret(err)
}

test('require and import give the same classes', () => {
  const require = createRequire(import.meta.url)
  const cjs = require('../index.js')
  assert.equal(cjs.Client, Client)
  assert.equal(cjs.SoftOneError, SoftOneError)
  assert.equal(typeof cjs.Simulator.start, 'function')
})

test('the document example: employee 107 on 2026-05-07 has six punches as ISO strings', async () => {
  const entries = await sim.client().timeStampEntries({ ...DAY, employees: ['107'] })
  assert.equal(entries.length, 6)
  assert.deepEqual(Object.keys(entries[0]), [
    'employeeNr', 'employeeExternalCode', 'timeStamp', 'entryType', 'isBreak', 'accountNr',
    'sieAccountDim', 'timeTerminalId', 'accounts', 'timeScheduleTypeCodes',
  ])
  assert.equal(entries[0].employeeNr, '107')
  assert.equal(entries[0].timeStamp, '2026-05-07T08:00:00')
  assert.ok(entries.every((e) => typeof e.timeStamp === 'string' && !e.timeStamp.endsWith('Z')))
  const empty = await sim.client().timeStampEntries({ dateFrom: '2026-05-06', dateTo: '2026-05-06', employees: ['101'] })
  assert.deepEqual(empty, [])
})

test('a range of all employees is sorted by employee and time, with progress', async () => {
  const seen = []
  const entries = await sim.client({ chunkDays: 3 }).timeStampEntries({
    dateFrom: '2026-05-01', dateTo: '2026-05-14', onProgress: (done, total) => seen.push([done, total]),
  })
  assert.ok(entries.length > 100)
  const nums = [...new Set(entries.map((e) => e.employeeNr))]
  assert.ok(nums.length >= 20)
  await new Promise((r) => setImmediate(r))
  assert.ok(seen.length >= 1)
  assert.deepEqual(seen.at(-1), [5, 5])
})

test('INVALID_ARGUMENT: a Date is refused because an instant is not a work date', async () => {
  const err = await failure(sim.client().timeStampEntries({ dateFrom: new Date(2026, 4, 7), dateTo: '2026-05-07' }))
  assertSoftOne(err, 'INVALID_ARGUMENT')
  assert.match(err.message, /instant/)
  assert.match(err.message, /work date/)
})

test('INVALID_ARGUMENT: the core validates dates, order and employees before any request', async () => {
  sim.clearRequests()
  for (const q of [
    { dateFrom: '2026-5-7', dateTo: '2026-05-07' },
    { dateFrom: '2026-02-30', dateTo: '2026-03-01' },
    { dateFrom: '2026-05-08', dateTo: '2026-05-07' },
    { ...DAY, employees: ['1,2'] },
    { ...DAY, employees: [''] },
  ]) {
    assertSoftOne(await failure(sim.client().timeStampEntries(q)), 'INVALID_ARGUMENT')
  }
  assert.equal(sim.requests().length, 0)
})

test('INVALID_ARGUMENT: bad client options', () => {
  assert.throws(() => new Client({ companyApiKey: 'x' }), (e) => e instanceof SoftOneError && e.code === 'INVALID_ARGUMENT')
  assert.throws(() => sim.client({ baseUrl: 'http://example.com' }), (e) => e.code === 'INVALID_ARGUMENT' && /unencrypted/.test(e.message))
  assert.throws(() => sim.client({ maxConcurrency: 0 }), (e) => e.code === 'INVALID_ARGUMENT')
  assert.throws(() => sim.client({ timeoutMs: -1 }), (e) => e.code === 'INVALID_ARGUMENT')
  assert.throws(() => sim.client({ nonsense: 1 }), (e) => e.code === 'INVALID_ARGUMENT')
  assert.ok(sim.client({ baseUrl: 'http://example.com', allowInsecureHttp: true }))
})

test('AUTHENTICATION: a refused login carries the server message', async () => {
  const err = await failure(sim.client({ password: 'wrong-password' }).timeStampEntries(DAY))
  assertSoftOne(err, 'AUTHENTICATION')
  assert.ok(!err.message.includes('wrong-password'))
  sim.inject({ fault: 'login_failure', message: 'License expired', endpoint: 'login' })
  const err2 = await failure(sim.client().timeStampEntries(DAY))
  assertSoftOne(err2, 'AUTHENTICATION')
  assert.equal(err2.serverMessage, 'License expired')
})

test('RATE_LIMITED: 429 after the retries', async () => {
  sim.inject({ fault: 'status', status: 429, retry_after: '0', endpoint: 'data', times: 3 })
  const err = await failure(sim.client({ maxRetries: 1 }).timeStampEntries(DAY))
  assertSoftOne(err, 'RATE_LIMITED')
  assert.equal(err.status, 429)
  sim.clearFaults()
})

test('API: a 500 carries status, server message and a redacted url', async () => {
  sim.inject({ fault: 'status', status: 500, endpoint: 'data', times: 1 })
  const err = await failure(sim.client({ maxRetries: 0 }).timeStampEntries(DAY))
  assertSoftOne(err, 'API')
  assert.equal(err.status, 500)
  assert.equal(typeof err.serverMessage, 'string')
  assert.match(err.url, /companyApiKey=\*\*\*/)
  assert.match(err.url, /token=\*\*\*/)
})

test('API: a retried 503 succeeds', async () => {
  sim.inject({ fault: 'status', status: 503, retry_after: '0', endpoint: 'data', times: 1 })
  const entries = await sim.client({ maxRetries: 2 }).timeStampEntries({ ...DAY, employees: ['107'] })
  assert.equal(entries.length, 6)
})

test('TIMEOUT: a slow answer', async () => {
  sim.inject({ fault: 'delay', ms: 3000, endpoint: 'data', times: 1 })
  const err = await failure(sim.client({ timeoutMs: 200, maxRetries: 0 }).timeStampEntries(DAY))
  assertSoftOne(err, 'TIMEOUT')
  sim.clearFaults()
})

test('TRANSPORT: a connection dropped mid-body, and a closed port', async () => {
  sim.inject({ fault: 'drop_mid_body', endpoint: 'data', times: 1 })
  assertSoftOne(await failure(sim.client({ maxRetries: 0 }).timeStampEntries(DAY)), 'TRANSPORT')
  const other = await Simulator.start({})
  const creds = other.credentials
  await other.stop()
  const err = await failure(new Client({ ...creds, maxRetries: 0 }).timeStampEntries(DAY))
  assertSoftOne(err, 'TRANSPORT')
})

test('DECODE: malformed and wrong-shape bodies', async () => {
  sim.inject({ fault: 'malformed', endpoint: 'data', times: 1 })
  assertSoftOne(await failure(sim.client({ maxRetries: 0 }).timeStampEntries(DAY)), 'DECODE')
  sim.inject({ fault: 'wrong_shape', endpoint: 'data', times: 1 })
  assertSoftOne(await failure(sim.client({ maxRetries: 0 }).timeStampEntries(DAY)), 'DECODE')
})

test('unrequested employees are dropped', async () => {
  sim.inject({ fault: 'extra_employee', endpoint: 'data', times: 1 })
  const entries = await sim.client().timeStampEntries({ ...DAY, employees: ['107'] })
  assert.equal(entries.length, 6)
  assert.ok(entries.every((e) => e.employeeNr === '107'))
  sim.inject({ fault: 'extra_employee', endpoint: 'data', times: 1 })
  const all = await sim.client({ chunkDays: 0 }).timeStampEntries(DAY)
  assert.ok(all.some((e) => e.employeeNr === '999999'), 'without an employee list every employee is asked for')
})

test('50 concurrent calls on one client share one login', async () => {
  sim.clearRequests()
  const client = sim.client()
  const results = await Promise.all(
    Array.from({ length: 50 }, () => client.timeStampEntries({ ...DAY, employees: ['107'] })),
  )
  assert.equal(sim.loginCount, 1)
  assert.equal(sim.dataRequestCount, 50)
  for (const r of results) assert.deepEqual(r, results[0])
})

test('abort: a signal cancels a slow fetch with an AbortError', async () => {
  sim.setLatency(5000)
  try {
    const ac = new AbortController()
    const started = Date.now()
    setTimeout(() => ac.abort(), 100)
    const err = await failure(sim.client().timeStampEntries({ ...DAY, signal: ac.signal }))
    assert.ok(err instanceof AbortError, String(err))
    assert.equal(err.name, 'AbortError')
    assert.equal(err.code, 'ABORT_ERR')
    assert.ok(Date.now() - started < 4000, 'the fetch was not cancelled')
    const err2 = await failure(sim.client().timeStampEntries({ ...DAY, signal: AbortSignal.abort() }))
    assert.equal(err2.name, 'AbortError')
  } finally {
    sim.setLatency(0)
  }
  const ac = new AbortController()
  const entries = await sim.client().timeStampEntries({ ...DAY, employees: ['107'], signal: ac.signal })
  ac.abort()
  assert.equal(entries.length, 6)
})

test('no secret in inspect output of Client, Simulator, or errors', async () => {
  const client = sim.client()
  await client.timeStampEntries({ ...DAY, employees: ['107'] })
  for (const t of [inspect(client, { showHidden: true, depth: 9 }), JSON.stringify(client), String(client), inspect(sim)]) {
    for (const s of secrets) assert.ok(!t.includes(s), t)
  }
  assert.match(inspect(client), /baseUrl/)
})

test('the simulator logs requests with secrets redacted', async () => {
  sim.clearRequests()
  await sim.client().timeStampEntries({ ...DAY, employees: ['107'] })
  const log = sim.requests()
  assert.equal(log.length, 2)
  assert.equal(log[1].dateFrom, '2026-05-07')
  assert.deepEqual(log[1].employees, ['107'])
  for (const r of log) for (const s of secrets) assert.ok(!r.query.includes(s))
  assert.throws(() => sim.inject({ fault: 'nonsense' }), (e) => e.code === 'INVALID_ARGUMENT')
})

test('Client.fromEnv reads SOFTONE_* variables', () => {
  const saved = { ...process.env }
  try {
    const c = sim.credentials
    Object.assign(process.env, {
      SOFTONE_COMPANY_API_KEY: c.companyApiKey, SOFTONE_CONNECT_API_KEY: c.connectApiKey,
      SOFTONE_LICENSE: c.license, SOFTONE_USERNAME: c.username, SOFTONE_PASSWORD: c.password,
      SOFTONE_BASE_URL: sim.url,
    })
    assert.equal(Client.fromEnv().baseUrl, sim.url)
    delete process.env.SOFTONE_COMPANY_API_KEY
    assert.throws(() => Client.fromEnv(), (e) => e.code === 'INVALID_ARGUMENT' && /SOFTONE_COMPANY_API_KEY/.test(e.message))
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  }
})
