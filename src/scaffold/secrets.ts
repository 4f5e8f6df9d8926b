// Secrets stay out of the configs: every *_file path init writes is listed, and --env-file turns variables such as
// SLACK_WEBHOOK_URL=... into those files (mode 0600). Values are never printed.
import {basename} from 'node:path'
import {UsageError} from '../errors.js'
import type {ReceiverSpec} from './options.js'

export interface SecretFile {
  path: string
  receiver: string
  /** Variables of --env-file that fill it, first match wins. */
  env: string[]
  /** The value to write, when --env-file had one. Never printed. */
  value?: string
}

/** Other names people give the variable of a kind's default receiver. */
const ALIASES: Record<string, string[]> = {
  'email-smtp-password': ['SMTP_PASSWORD', 'SMTP_AUTH_PASSWORD'],
  'msteams-webhook-url': ['TEAMS_WEBHOOK_URL'],
  'pagerduty-routing-key': ['PAGERDUTY_INTEGRATION_KEY', 'PAGERDUTY_KEY'],
  'slack-webhook-url': ['SLACK_API_URL'],
}

const envName = (file: string): string => file.toUpperCase().replace(/[^A-Z0-9]+/g, '_')

/** The *_file paths of one rendered receiver. */
export function secretFiles(rendered: string, receiver: ReceiverSpec): SecretFile[] {
  const out: SecretFile[] = []
  for (const m of rendered.matchAll(/^[\s-]*[a-z_]+_file:\s*(\S+)/gm)) {
    const file = basename(m[1]!)
    const env = [envName(file), ...(receiver.name === receiver.kind ? (ALIASES[file] ?? []) : [])]
    out.push({path: m[1]!, receiver: receiver.name, env})
  }
  return out
}

/** KEY=VALUE lines (optional `export`, quotes, # comments), as a shell or docker --env-file reads them. */
export function parseEnvFile(text: string, file: string): Map<string, string> {
  const vars = new Map<string, string>()
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) return
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line)
    if (!m) throw new UsageError(`${file}:${i + 1}: expected NAME=VALUE`, {hint: 'one variable per line, e.g. SLACK_WEBHOOK_URL=https://hooks.slack.com/...'})
    let value = m[2]!
    const q = value[0]
    if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q)) value = value.slice(1, -1)
    else value = value.replace(/\s+#.*$/, '')
    vars.set(m[1]!, value)
  })
  return vars
}

/** Fill each secret from the variables; returns the names of variables nothing used. */
export function fillSecrets(secrets: SecretFile[], vars: Map<string, string>, kindOf: (receiver: string) => string | undefined, slackCompatible: (receiver: string) => boolean): string[] {
  const used = new Set<string>()
  for (const s of secrets) {
    const name = s.env.find((n) => vars.has(n) && vars.get(n) !== '')
    if (!name) continue
    used.add(name)
    let value = vars.get(name)!
    // A Discord webhook used through Slack's format needs Discord's /slack endpoint.
    if (kindOf(s.receiver) === 'discord' && slackCompatible(s.receiver) && !/\/slack\/?$/.test(value)) value = `${value.replace(/\/+$/, '')}/slack`
    s.value = value // no newline: not every integration trims the file
  }
  return [...vars.keys()].filter((k) => !used.has(k))
}
