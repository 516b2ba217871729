// What a Node user would write instead: fetch + JSON.parse + mapping to camelCase objects.
const E = process.env
const base = E.SOFTONE_BASE_URL
const keys = new URLSearchParams({ companyApiKey: E.SOFTONE_COMPANY_API_KEY, connectApiKey: E.SOFTONE_CONNECT_API_KEY })
const login = await (await fetch(`${base}/Login/Token?${keys}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ License: E.SOFTONE_LICENSE, UserName: E.SOFTONE_USERNAME, Password: E.SOFTONE_PASSWORD }),
})).json()
const params = new URLSearchParams({
  companyApiKey: E.SOFTONE_COMPANY_API_KEY, connectApiKey: E.SOFTONE_CONNECT_API_KEY, token: login.token,
  dateFrom: E.BENCH_DATE_FROM, dateTo: E.BENCH_DATE_TO, employeeNrsStrings: 'NULL',
})
const TYPES = { 0: 'Unknown', 1: 'In', 2: 'Out', In: 'In', Out: 'Out', Unknown: 'Unknown' }
const t = performance.now()
const res = await fetch(`${base}/Personell/Time/TimeStampEntry?${params}`)
const data = JSON.parse(await res.text())
const entries = data.map((d) => ({
  employeeNr: d.EmployeeNr,
  employeeExternalCode: d.EmployeeExternalCode ?? null,
  timeStamp: d.TimeStamp,
  entryType: TYPES[d.TimeStampEntryType ?? 0],
  isBreak: !!d.IsBreak,
  accountNr: d.AccountNr ?? null,
  sieAccountDim: d.SieAccountDim ?? null,
  timeTerminalId: d.TimeTerminalId ?? null,
  accounts: (d.Accounts ?? []).map((a) => ({ accountNr: a.AccountNr ?? null, sieAccountDim: a.SieAccountDim ?? null })),
  timeScheduleTypeCodes: (d.TimeScheduleTypes ?? []).map((x) => x.TimeScheduleTypeCode),
}))
const dt = (performance.now() - t) / 1000
console.log(JSON.stringify({ seconds: dt, entries: entries.length }))
