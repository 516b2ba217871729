// `npm test`: the node:test suite once per time zone (results must not depend on TZ).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
let failed = false
for (const TZ of ['UTC', 'America/New_York', 'Asia/Tokyo']) {
  console.log(`\n# node --test with TZ=${TZ}`)
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', dir], {
    stdio: 'inherit',
    env: { ...process.env, TZ },
  })
  if (r.status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
