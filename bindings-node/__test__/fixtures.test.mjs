// Every conformance fixture of tests/fixtures, through the real client over real HTTP.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Simulator, SoftOneError } from '../index.mjs'

const dir = fileURLToPath(new URL('../../tests/fixtures/', import.meta.url))
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort()

const camel = (k) => k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
function toNode(v) {
  if (Array.isArray(v)) return v.map(toNode)
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [camel(k), toNode(x)]))
  }
  return v
}

let sim
before(async () => {
  sim = await Simulator.start({ loginFailureDelayMs: 0 })
})
after(() => sim.stop())

test('the fixture folder is not empty', () => {
  assert.ok(files.length >= 10, `only ${files.length} fixtures in ${dir}`)
})

for (const file of files) {
  const fx = JSON.parse(readFileSync(dir + file, 'utf8'))
  test(`fixture ${file}: ${fx.description}`, async () => {
    sim.inject({ fault: 'status', status: 200, body: fx.body, endpoint: 'data', times: 1 })
    const client = sim.client({ chunkDays: 0, maxRetries: 0 })
    const q = { dateFrom: fx.query.date_from, dateTo: fx.query.date_to, employees: fx.query.employees }
    if (fx.expected_error) {
      const err = await client.timeStampEntries(q).then(
        () => assert.fail('expected an error'),
        (e) => e,
      )
      assert.ok(err instanceof SoftOneError, String(err))
      assert.equal(err.code, fx.expected_error.kind)
      if ('entry_index' in fx.expected_error) assert.equal(err.entryIndex, fx.expected_error.entry_index)
      if ('field' in fx.expected_error) assert.equal(err.field, fx.expected_error.field)
    } else {
      const got = await client.timeStampEntries(q)
      assert.deepStrictEqual(got, toNode(fx.expected))
      for (const e of got) {
        assert.equal(typeof e.timeStamp, 'string')
        assert.ok(['In', 'Out', 'Unknown'].includes(e.entryType))
      }
    }
  })
}
