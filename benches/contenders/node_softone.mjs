// This library's Node Client, fetching the whole range in one request.
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const { Client } = require('../../bindings-node')
const E = process.env
const client = new Client({
  companyApiKey: E.SOFTONE_COMPANY_API_KEY, connectApiKey: E.SOFTONE_CONNECT_API_KEY,
  license: E.SOFTONE_LICENSE, username: E.SOFTONE_USERNAME, password: E.SOFTONE_PASSWORD,
  baseUrl: E.SOFTONE_BASE_URL, chunkDays: 0,
})
await client.timeStampEntries({ dateFrom: '2026-05-07', dateTo: '2026-05-07', employees: ['107'] })
const t = performance.now()
const entries = await client.timeStampEntries({ dateFrom: E.BENCH_DATE_FROM, dateTo: E.BENCH_DATE_TO })
const dt = (performance.now() - t) / 1000
console.log(JSON.stringify({ seconds: dt, entries: entries.length }))
