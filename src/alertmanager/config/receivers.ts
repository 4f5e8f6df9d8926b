// Receiver sanity checks beyond amtool: a chat or paging service's URL under webhook_configs, receivers
// that routes use but that notify nobody, and incident integrations that never resolve their incidents.
// They read the positioned YAML tree: decoded URLs may already be "<secret>". Messages never repeat a URL.
import type {Problem} from '../../findings/problem.js'
import type {YMap, YNode} from '../../yaml/nodes.js'
import type {AlertmanagerConfig} from './model.js'
import {walk} from './warnings.js'

const field = (m: YMap, key: string): YNode | undefined => m.pairs.find((p) => p.key.value === key)?.value
const maps = (n: YNode | undefined): YMap[] => (n?.kind === 'seq' ? n.items.filter((i): i is YMap => i.kind === 'map') : [])
const text = (n: YNode | undefined): string | undefined => (n?.kind === 'scalar' ? n.value : undefined)

interface Service {
  name: string
  integration: string // what to use instead of webhook_configs
}

/** Services whose webhook endpoints read their own payload, never Alertmanager's webhook JSON. */
const SERVICES: readonly {host: RegExp; path?: RegExp; service: Service}[] = [
  {host: /^hooks\.slack\.com$/, service: {name: 'Slack', integration: 'slack_configs (api_url)'}},
  {host: /^(ptb\.|canary\.)?discord(app)?\.com$/, path: /^\/api\/webhooks\//, service: {name: 'Discord', integration: 'discord_configs (webhook_url)'}},
  {host: /(^|\.)webhook\.office\.com$|^outlook\.office(365)?\.com$/, service: {name: 'Microsoft Teams', integration: 'msteams_configs (Alertmanager 0.26 or newer) or a Teams proxy'}},
  {host: /(^|\.)logic\.azure\.com$|(^|\.)powerplatform\.com$/, path: /workflows/, service: {name: 'Microsoft Teams (Workflows)', integration: 'msteamsv2_configs (Alertmanager 0.28 or newer)'}},
  {host: /^api\.telegram\.org$/, service: {name: 'Telegram', integration: 'telegram_configs (bot_token, chat_id)'}},
  {host: /^events(\.eu)?\.pagerduty\.com$/, service: {name: 'PagerDuty', integration: 'pagerduty_configs (routing_key)'}},
  {host: /^api(\.eu)?\.opsgenie\.com$/, service: {name: 'Opsgenie', integration: 'opsgenie_configs (api_key)'}},
]

/** The service a URL belongs to when that service cannot read Alertmanager's webhook payload. */
export function foreignService(url: string): Service | undefined {
  let u: URL
  try {
    u = new URL(url.trim())
  } catch {
    return undefined // a placeholder such as ${SLACK_URL}, or not a URL at all (am/schema judges that)
  }
  const host = u.hostname.toLowerCase()
  return SERVICES.find((s) => s.host.test(host) && (!s.path || s.path.test(u.pathname)))?.service
}

/**
 * Integrations whose resolved notification closes what the firing one opened (an incident, a page).
 * send_resolved defaults to true for all three; set to false, incidents stay open until someone closes them.
 */
const INCIDENT_INTEGRATIONS = ['pagerduty_configs', 'opsgenie_configs', 'victorops_configs'] as const

/** Words in a receiver name that say it notifies nobody on purpose (the "null receiver" pattern). */
const NOBODY = new Set(['null', 'nil', 'none', 'nobody', 'noop', 'void', 'blackhole', 'devnull', 'discard', 'drop', 'ignore', 'ignored', 'nowhere', 'silence', 'silenced', 'mute', 'muted', 'empty', 'deadmansswitch', 'watchdog', 'log'])

export function deliberatelyEmpty(name: string): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9]+/)
  return words.some((w) => NOBODY.has(w)) || NOBODY.has(words.join(''))
}

function warning(file: string, at: {line: number; column: number}, check: string, message: string, hint: string): Problem {
  return {check, severity: 'warning', file, line: at.line, column: at.column, message, hint}
}

export function receiverProblems(root: YNode | undefined, cfg: AlertmanagerConfig, file: string): Problem[] {
  if (root?.kind !== 'map') return []
  const out: Problem[] = []
  const used = new Set<string>()
  if (cfg.route) walk(cfg.route, (r) => r.receiver !== undefined && used.add(r.receiver))
  const receivers = maps(field(root, 'receivers'))
  const integrationsOf = (r: YMap) => r.pairs.filter((p) => p.key.value.endsWith('_configs') && maps(p.value).length > 0)
  // A config in which no receiver notifies anyone is a skeleton (a test, a demo): no am/receiver-empty there.
  const notifies = receivers.some((r) => integrationsOf(r).length > 0)
  for (const receiver of receivers) {
    const name = text(field(receiver, 'name')) ?? ''
    for (const hook of maps(field(receiver, 'webhook_configs'))) {
      const urlNode = field(hook, 'url')
      const service = foreignService(text(urlNode) ?? '')
      if (!service || !urlNode) continue
      out.push(warning(file, urlNode, 'am/webhook-url', `receiver "${name}": a ${service.name} URL under webhook_configs; ${service.name} cannot read Alertmanager's webhook JSON, so every notification is rejected`,
        `use ${service.integration} instead of webhook_configs`))
    }
    if (notifies && integrationsOf(receiver).length === 0 && used.has(name) && !deliberatelyEmpty(name)) {
      out.push(warning(file, receiver, 'am/receiver-empty', `receiver "${name}" has no integration, but routes send alerts to it: they notify nobody`,
        'add an integration (slack_configs, email_configs, ...), or name the receiver "null" or "blackhole" if dropping these alerts is the intent'))
    }
    for (const kind of INCIDENT_INTEGRATIONS) {
      for (const c of maps(field(receiver, kind))) {
        const sr = field(c, 'send_resolved')
        if (sr?.kind !== 'scalar' || !/^(false|no|off|n)$/i.test(sr.value)) continue
        out.push(warning(file, sr, 'am/send-resolved', `receiver "${name}": send_resolved is false on ${kind}, so the incidents it opens are never resolved when the alert stops firing`,
          'remove "send_resolved: false" (the default is true) unless someone closes these incidents by hand'))
      }
    }
  }
  return out
}
