// oclif's parse errors, reworded as one line each: what is missing or extra, and the command's usage as the hint.
import {UsageError} from './errors.js'

interface ArgSpec {
  name: string
  description?: string
  required?: boolean
}

/** What usage errors need to know of a command (oclif's Command class or its manifest entry). */
export interface CommandShape {
  id: string
  args?: Record<string, ArgSpec | undefined>
  examples?: readonly (string | {command: string})[]
  flags?: Record<string, {multiple?: boolean; multipleNonGreedy?: boolean; type?: string} | undefined>
}

/** `spock context use NAME`: the command with its arguments, optional ones in brackets. */
function usageLine(cmd: CommandShape): string {
  const args = Object.values(cmd.args ?? {}).filter((a): a is ArgSpec => Boolean(a))
  const words = args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`))
  return ['spock', cmd.id.replaceAll(':', ' '), ...words].join(' ')
}

/** The first example, as a user types it. */
function firstExample(cmd: CommandShape): string | undefined {
  const e = cmd.examples?.[0]
  const text = typeof e === 'string' ? e : e?.command
  return text?.replaceAll('<%= config.bin %>', 'spock').replaceAll('<%= command.id %>', cmd.id.replaceAll(':', ' '))
}

function describeArg(a: ArgSpec): string {
  const what = (a.description ?? '').replace(/\.$/, '')
  return what ? `${a.name.toUpperCase()} (${lowerFirst(what)})` : a.name.toUpperCase()
}

/** `Context name` -> `context name`; `JSON file` stays. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}

function usageHint(cmd: CommandShape): string {
  const usage = usageLine(cmd)
  const example = firstExample(cmd)
  return `usage: ${usage}${example && example !== usage ? `, e.g. ${example}` : ''}`
}

/**
 * A parse error of oclif's as a UsageError for `cmd`, or undefined when it is not one of the kinds reworded here.
 * `argv` is what the user typed (to tell whether a flag that takes several values swallowed an argument).
 */
export function rewordParseError(err: Error & {args?: unknown}, cmd: CommandShape, argv: readonly string[]): UsageError | undefined {
  const missing = /^Missing \d+ required args?\b/.test(err.message) && Array.isArray(err.args) ? (err.args as ArgSpec[]) : undefined
  if (missing) {
    const multiple = Object.entries(cmd.flags ?? {})
      .filter(([name, f]) => f?.multiple && !f.multipleNonGreedy && f.type === 'option' && argv.some((a) => a === `--${name}` || a.startsWith(`--${name}=`)))
      .map(([name]) => `--${name}`)
    const swallowed = multiple.length > 0 ? `; ${multiple.join(', ')} takes several values, so put the arguments before it or after "--"` : ''
    return new UsageError(`missing ${missing.map(describeArg).join(' and ')}`, {hint: `${usageHint(cmd)}${swallowed}`})
  }
  const extra = /^Unexpected arguments?: (.*)$/s.exec(err.message.split('\n')[0] ?? '')
  if (extra && Array.isArray(err.args)) {
    const words = (err.args as unknown[]).map((a) => JSON.stringify(String(a))).join(', ')
    return new UsageError(`too many arguments: ${words}`, {hint: usageHint(cmd)})
  }
  const parsing = /^Parsing (--[\w-]+) \n?\s*(.*)$/s.exec(err.message.replace(/\nSee more help with --help$/, ''))
  if (parsing) {
    const why = lowerFirst(parsing[2]!.replace(/\s+/g, ' ').trim())
    return new UsageError(`invalid value for ${parsing[1]}: ${why}`, {hint: `see "${usageLine({id: cmd.id})} --help" for what ${parsing[1]} takes`})
  }
  return undefined
}

/** For the command_not_found hook: `status extra` is the command `status` given words it does not take. */
export function extraWordsError(typed: string[], cmd: CommandShape): UsageError {
  const name = cmd.id.replaceAll(':', ' ')
  const rest = typed.slice(cmd.id.split(':').length).map((w) => JSON.stringify(w)).join(', ')
  return new UsageError(`"spock ${name}" takes no arguments, but got ${rest}`, {hint: usageHint(cmd)})
}
