// Unknown command: one line with the closest command, exit 2 (a usage error), never a prompt.
import type {Hook} from '@oclif/core'
import {extraWordsError, type CommandShape} from '../usage-errors.js'

const hook: Hook.CommandNotFound = async function (opts) {
  const ids = opts.config.commands.filter((c) => !c.hidden).flatMap((c) => [c.id, ...c.aliases])
  const typed = opts.id.replaceAll(':', ' ')
  // oclif reads `status extra` as the command id status:extra: it is status, given a word it does not take.
  const words = opts.id.split(':')
  for (let n = words.length - 1; n > 0; n--) {
    const cmd = opts.config.findCommand(words.slice(0, n).join(':'))
    if (!cmd) continue
    const e = extraWordsError(words, cmd as CommandShape)
    process.stderr.write(`spock: error: ${e.message}\n  hint: ${e.hint}\n`)
    process.exit(2)
  }
  const best = closest(opts.id, ids)
  process.stderr.write(`spock: error: "${typed}" is not a spock command\n`)
  process.stderr.write(`  hint: ${best ? `did you mean "spock ${best.replaceAll(':', ' ')}"? ` : ''}run "spock --help" for the list\n`)
  process.exit(2)
}

export default hook

function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const c of candidates) {
    const d = distance(word, c)
    if (d < bestScore) [best, bestScore] = [c, d]
  }
  return bestScore <= Math.max(2, Math.floor(word.length / 2)) ? best : undefined
}

function distance(a: string, b: string): number {
  const row = Array.from({length: b.length + 1}, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = row[j]!
      row[j] = next
    }
  }
  return row[b.length]!
}
