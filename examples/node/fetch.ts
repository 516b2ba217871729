// The Node example in TypeScript (type-checked by the test suite with `tsc --noEmit --strict`).
// In your own project: import { Client, Simulator, SoftOneError } from 'softone-go'
import { Client, Simulator, SoftOneError } from '../../bindings-node/index.js'
import type { TimeStampEntry } from '../../bindings-node/index.js'

async function main(): Promise<void> {
  const sim = await Simulator.start({ employees: 50, days: 31, seed: 7, loginFailureDelayMs: 0 })
  const client: Client = process.env.SOFTONE_COMPANY_API_KEY ? Client.fromEnv() : sim.client({ timeoutMs: 30_000 })
  const ac = new AbortController()
  try {
    const entries: TimeStampEntry[] = await client.timeStampEntries({
      dateFrom: '2026-05-07',
      dateTo: '2026-05-07',
      employees: ['107'],
      onProgress: (done: number, total: number) => console.error(`${done}/${total}`),
      signal: ac.signal,
    })
    for (const e of entries) {
      const type: 'In' | 'Out' | 'Unknown' = e.entryType
      const terminal: number | null = e.timeTerminalId
      console.log(e.employeeNr, e.timeStamp, type, e.isBreak, terminal ?? '-', e.accounts.map((a) => a.accountNr).join(','))
    }
  } catch (err) {
    if (err instanceof SoftOneError) {
      console.error(err.code, err.status ?? '', err.message)
    } else {
      throw err
    }
  } finally {
    await sim.stop()
  }
}

void main()
