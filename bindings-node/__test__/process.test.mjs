// Whole-process behaviour: exit without help, identical results in every TZ, TypeScript types.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'

const here = (p) => fileURLToPath(new URL(p, import.meta.url))

function run(args, env = {}, timeoutMs = 20000) {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${args.join(' ')} did not exit within ${timeoutMs} ms\n${err}`))
    }, timeoutMs)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out, err, ms: Date.now() - started })
    })
  })
}

test('a script that fetches and returns exits by itself', async () => {
  const script = `
    const { Simulator } = require(${JSON.stringify(here('../index.js'))})
    Simulator.start({ loginFailureDelayMs: 0 }).then(async (sim) => {
      const c = sim.client()
      const e = await c.timeStampEntries({ dateFrom: '2026-05-07', dateTo: '2026-05-07', employees: ['107'], onProgress: () => {} })
      await sim.stop()
      console.log(e.length)
    })`
  const r = await run(['-e', script], {}, 10000)
  assert.equal(r.code, 0, r.err)
  assert.equal(r.out.trim(), '6')
})

test('a script that never stops its simulator nor awaits a slow fetch still exits', async () => {
  const script = `
    const { Simulator } = require(${JSON.stringify(here('../index.js'))})
    Simulator.start({ loginFailureDelayMs: 0 }).then(async (sim) => {
      const e = await sim.client().timeStampEntries({ dateFrom: '2026-05-07', dateTo: '2026-05-07', employees: ['107'] })
      console.log(e.length)
    })`
  const r = await run(['-e', script], {}, 10000)
  assert.equal(r.code, 0, r.err)
  assert.equal(r.out.trim(), '6')
})

test('results are identical under TZ=UTC, America/New_York and Asia/Tokyo', async () => {
  const outs = []
  for (const TZ of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
    const r = await run([here('dump.mjs')], { TZ })
    assert.equal(r.code, 0, r.err)
    outs.push(r.out)
  }
  const parsed = JSON.parse(outs[0])
  assert.ok(parsed.week.length > 50)
  assert.equal(parsed.dst[0].timeStamp, '2026-03-08T02:30:00', 'a time that does not exist in New York stays as sent')
  assert.ok(parsed.dst.some((e) => e.timeStamp === '2026-05-07T23:59:59.9999999+09:00'))
  assert.equal(outs[1], outs[0])
  assert.equal(outs[2], outs[0])
})

test('tsc --noEmit --strict accepts the TypeScript example', () => {
  const tsc = here('../node_modules/typescript/bin/tsc')
  assert.ok(existsSync(tsc), 'typescript is a devDependency: run npm ci')
  const r = spawnSync(process.execPath, [
    tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--types', 'node', here('../../examples/node/fetch.ts'),
  ], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stdout + r.stderr)
})
