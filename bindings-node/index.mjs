// ESM entry point: re-exports the CommonJS wrapper (one native addon instance).
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const softone = require('./index.js')

export const { Client, Simulator, SoftOneError, AbortError, ERROR_CODES, coreVersion } = softone
export default softone
