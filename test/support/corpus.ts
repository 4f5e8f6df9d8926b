// The shared corpus of real rule files and configs with the official tools' verdicts: ../shared/corpus beside the repo.
import {existsSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

export const CORPUS = process.env.SPOCK_CORPUS ?? resolve(ROOT, '..', 'shared', 'corpus')

// Oracle tests must run, not skip: a missing corpus is a loud failure.
if (!existsSync(join(CORPUS, 'promtool-verdicts.tsv'))) {
  throw new Error(`corpus not found at ${CORPUS}: check out shared/ beside the repo, or set SPOCK_CORPUS`)
}
