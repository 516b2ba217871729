// softone-go example: fetch time stamp entries and print them as a table.
// With SOFTONE_* variables set it asks the real service (Client.fromEnv); otherwise it starts
// the built-in simulator. In your own project: import { Client, Simulator } from 'softone-go'
import { Client, Simulator } from '../../bindings-node/index.mjs'

const useEnv = Boolean(process.env.SOFTONE_COMPANY_API_KEY)
const sim = useEnv ? null : await Simulator.start({ employees: 50, days: 31, seed: 7 })

try {
  const client = useEnv ? Client.fromEnv() : sim.client()
  console.log(useEnv ? `SoftOne GO at ${client.baseUrl}` : `simulator at ${sim.url}`)
  const day = await client.timeStampEntries({ dateFrom: '2026-05-07', dateTo: '2026-05-07', employees: ['107'] })
  console.log(`\nemployee 107 on 2026-05-07: ${day.length} punches`)
  console.table(day.map((e) => ({ employee: e.employeeNr, time: e.timeStamp, type: e.entryType, break: e.isBreak, account: e.accountNr })))

  const week = await client.timeStampEntries({
    dateFrom: '2026-05-04',
    dateTo: '2026-05-10',
    onProgress: (done, total) => process.stderr.write(`\rfetched ${done}/${total} pieces`),
  })
  process.stderr.write('\n')
  const perEmployee = new Map()
  for (const e of week) perEmployee.set(e.employeeNr, (perEmployee.get(e.employeeNr) ?? 0) + 1)
  console.log(`\nweek 2026-05-04..10, all employees: ${week.length} punches of ${perEmployee.size} employees (first 10)`)
  console.table([...perEmployee].slice(0, 10).map(([employee, punches]) => ({ employee, punches })))
} catch (err) {
  console.error(`${err.name} [${err.code}]: ${err.message}`)
  process.exitCode = 1
} finally {
  await sim?.stop()
}
