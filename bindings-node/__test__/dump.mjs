// Prints a fetch's entries as JSON (used to compare results across TZ settings).
import { Simulator } from '../index.mjs'

const sim = await Simulator.start({ employees: 10, days: 10, loginFailureDelayMs: 0 })
const body = JSON.stringify([
  { EmployeeNr: '1', TimeStamp: '2026-03-29T01:30:00', TimeStampEntryType: 0 },
  { EmployeeNr: '1', TimeStamp: '2026-03-08T02:30:00', TimeStampEntryType: 'In' },
  { EmployeeNr: '1', TimeStamp: '2026-05-07T23:59:59.9999999+09:00', TimeStampEntryType: 2 },
  { EmployeeNr: '1', TimeStamp: '2026-05-07T00:00:00Z', TimeStampEntryType: 1 },
])
sim.inject({ fault: 'status', status: 200, body, endpoint: 'data', times: 1 })
const dst = await sim.client({ chunkDays: 0 }).timeStampEntries({ dateFrom: '2026-03-08', dateTo: '2026-03-29' })
const week = await sim.client().timeStampEntries({ dateFrom: '2026-05-01', dateTo: '2026-05-10' })
const doc = await sim.client().timeStampEntries({ dateFrom: '2026-05-07', dateTo: '2026-05-07', employees: ['107'] })
await sim.stop()
process.stdout.write(JSON.stringify({ dst, week, doc }))
