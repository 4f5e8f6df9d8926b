// Whole-config checks Alertmanager runs after decoding: global fallbacks, unique and defined receivers,
// the root route's constraints, and time interval names.
import type {Decoder, Pos} from '../../yaml/decode.js'

type Obj = Record<string, unknown>

const set = (v: unknown): boolean => v !== undefined && v !== null && v !== ''

/** Global values Alertmanager fills in when the `global` block does not set them. */
const GLOBAL_DEFAULTS: Obj = {
  smtp_hello: 'localhost',
  pagerduty_url: 'https://events.pagerduty.com/v2/enqueue',
  opsgenie_api_url: 'https://api.opsgenie.com/',
  wechat_api_url: 'https://qyapi.weixin.qq.com/cgi-bin/',
  victorops_api_url: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
  telegram_api_url: 'https://api.telegram.org',
  webex_api_url: 'https://webexapis.com/v1/messages',
}
const LATEST_DEFAULTS: Obj = {rocketchat_api_url: 'https://open.rocket.chat/'}

const GLOBAL_EXCLUSIVE: [string, string, boolean][] = [
  ['slack_api_url', 'slack_api_url_file', false],
  ['opsgenie_api_key', 'opsgenie_api_key_file', false],
  ['victorops_api_key', 'victorops_api_key_file', false],
  ['smtp_auth_password', 'smtp_auth_password_file', false],
  ['slack_app_token', 'slack_app_token_file', true],
  ['smtp_auth_secret', 'smtp_auth_secret_file', true],
  ['wechat_api_secret', 'wechat_api_secret_file', true],
  ['telegram_bot_token', 'telegram_bot_token_file', true],
  ['rocketchat_token', 'rocketchat_token_file', true],
  ['rocketchat_token_id', 'rocketchat_token_id_file', true],
  ['mattermost_webhook_url', 'mattermost_webhook_url_file', true],
]

/** Each integration's fallbacks: [own fields], [global fields], message when neither is set. */
type Fallback = [string[], string[], string]
const FALLBACKS: Record<string, Fallback[]> = {
  email_configs: [[['smarthost'], ['smtp_smarthost'], 'no global SMTP smarthost set'], [['from'], ['smtp_from'], 'no global SMTP from set']],
  slack_configs: [[['api_url', 'api_url_file', 'app_token', 'app_token_file'], ['slack_api_url', 'slack_api_url_file', 'slack_app_token', 'slack_app_token_file'], 'no global Slack API URL set either inline or in a file']],
  pagerduty_configs: [[['url'], ['pagerduty_url'], 'no global PagerDuty URL set']],
  opsgenie_configs: [
    [['api_url'], ['opsgenie_api_url'], 'no global OpsGenie URL set'],
    [['api_key', 'api_key_file'], ['opsgenie_api_key', 'opsgenie_api_key_file'], 'no global OpsGenie API Key set either inline or in a file'],
  ],
  wechat_configs: [
    [['api_url'], ['wechat_api_url'], 'no global Wechat URL set'],
    [['api_secret', 'api_secret_file'], ['wechat_api_secret', 'wechat_api_secret_file'], 'no global Wechat ApiSecret set'],
    [['corp_id'], ['wechat_api_corp_id'], 'no global Wechat CorpID set'],
  ],
  victorops_configs: [
    [['api_url'], ['victorops_api_url'], 'no global VictorOps URL set'],
    [['api_key', 'api_key_file'], ['victorops_api_key', 'victorops_api_key_file'], 'no global VictorOps API Key set'],
  ],
  webex_configs: [[['api_url'], ['webex_api_url'], 'no global Webex URL set']],
  discord_configs: [[['webhook_url', 'webhook_url_file'], [], 'no discord webhook URL provided']],
  jira_configs: [[['api_url'], ['jira_api_url'], 'no global Jira Cloud URL set']],
  mattermost_configs: [[['webhook_url', 'webhook_url_file'], ['mattermost_webhook_url', 'mattermost_webhook_url_file'], 'no global Mattermost Webhook URL set']],
  rocketchat_configs: [
    [['api_url'], ['rocketchat_api_url'], 'no global Rocketchat API URL set'],
    [['token', 'token_file'], ['rocketchat_token', 'rocketchat_token_file'], 'no global Rocketchat Token set'],
    [['token_id', 'token_id_file'], ['rocketchat_token_id', 'rocketchat_token_id_file'], 'no global Rocketchat TokenID set'],
  ],
}
const LATEST_FALLBACKS: Record<string, Fallback[]> = {
  telegram_configs: [[['bot_token', 'bot_token_file'], ['telegram_bot_token', 'telegram_bot_token_file'], 'missing bot_token or bot_token_file on telegram_config']],
}

/** The global block with Alertmanager's defaults under it (a key set to null clears its default). */
function effectiveGlobal(global: Obj | undefined, d: Decoder): Obj {
  return {...GLOBAL_DEFAULTS, ...(d.version === 'latest' ? LATEST_DEFAULTS : {}), ...(global ?? {})}
}

export function checkSemantics(cfg: Obj, d: Decoder, docPos: Pos): void {
  const global = effectiveGlobal(cfg.global as Obj | undefined, d)
  for (const [a, b, newer] of GLOBAL_EXCLUSIVE) {
    if (newer && d.version !== 'latest') continue
    if (set(global[a]) && set(global[b])) d.report(d.at(cfg.global as Obj, b), `at most one of ${a} & ${b} must be configured`)
  }
  const appToken = set(global.slack_app_token) || set(global.slack_app_token_file)
  const appUrl = set(global.slack_app_url) ? global.slack_app_url : 'https://slack.com/api/chat.postMessage'
  // the old workaround (slack_api_url set to the app URL next to a token) stays accepted
  if (d.version === 'latest' && appToken && (set(global.slack_api_url) || set(global.slack_api_url_file)) && global.slack_api_url !== appUrl) {
    d.report(d.at(cfg.global as Obj), 'at most one of slack_app_token/slack_app_token_file & slack_api_url/slack_api_url_file must be configured')
  }
  const receivers = ((cfg.receivers as (Obj | undefined)[] | undefined) ?? []).filter((r): r is Obj => Boolean(r))
  const names = new Set<string>()
  for (const rcv of receivers) {
    const name = rcv.name as string | undefined
    if (name !== undefined && names.has(name)) {
      d.report(d.at(rcv, 'name'), `notification config name "${name}" is not unique`, {check: 'am/receiver-duplicate'})
    }
    if (name !== undefined) names.add(name)
    checkFallbacks(rcv, global, d, cfg.global as Obj | undefined)
  }
  checkRoot(cfg, d, docPos)
  const route = cfg.route as Obj | undefined
  // A receivers (or time_intervals) block of the wrong shape would make every reference look undefined
  const broken = (k: string) => d.isInvalid(cfg, k) && !Array.isArray(cfg[k])
  if (route && !broken('receivers')) walkRoutes(route, (r) => checkReceiverDefined(r, names, d))
  const intervals = new Set<string>()
  for (const key of ['mute_time_intervals', 'time_intervals']) {
    for (const ti of (cfg[key] as (Obj | undefined)[] | undefined) ?? []) {
      const n = ti?.name as string | undefined
      if (!n) continue
      const what = key === 'time_intervals' ? 'time interval' : 'mute time interval'
      if (intervals.has(n)) d.report(d.at(ti, 'name'), `${what} "${n}" is not unique`, {check: 'am/time-interval-duplicate'})
      intervals.add(n)
    }
  }
  if (route && !broken('time_intervals') && !broken('mute_time_intervals')) walkRoutes(route, (r) => checkIntervalsDefined(r, intervals, d))
}

function checkFallbacks(rcv: Obj, global: Obj, d: Decoder, given: Obj | undefined): void {
  const table = d.version === 'latest' ? {...FALLBACKS, ...LATEST_FALLBACKS} : FALLBACKS
  for (const [list, fallbacks] of Object.entries(table)) {
    for (const cfg of (rcv[list] as (Obj | undefined)[] | undefined) ?? []) {
      if (!cfg) continue
      for (const [own, globals, message] of fallbacks) {
        if (own.some((f) => set(cfg[f]) || d.isInvalid(cfg, f)) || globals.some((g) => set(global[g]) || d.isInvalid(given, g))) continue
        d.report(d.at(cfg), message, {check: 'am/integration'})
      }
    }
  }
}

function checkRoot(cfg: Obj, d: Decoder, docPos: Pos): void {
  const root = cfg.route as Obj | undefined
  if (d.isInvalid(cfg, 'route')) return
  if (!root) return d.report(d.has(cfg, 'route') ? d.at(cfg, 'route') : docPos, 'no route provided in config', {check: 'am/root-route'})
  const err = (m: string, f?: string) => d.report(d.at(root, f), m, {check: 'am/root-route'})
  if (root.continue === true) err('cannot have continue in root route', 'continue')
  if (!set(root.receiver)) err('root route must specify a default receiver')
  const nonEmpty = (v: unknown) => (Array.isArray(v) ? v.length > 0 : v !== undefined && Object.keys(v as Obj).length > 0)
  for (const f of ['match', 'match_re', 'matchers']) if (nonEmpty(root[f])) err('root route must not have any matchers', f)
  if (nonEmpty(root.mute_time_intervals)) err('root route must not have any mute time intervals', 'mute_time_intervals')
  if (nonEmpty(root.active_time_intervals)) err('root route must not have any active time intervals', 'active_time_intervals')
}

function checkReceiverDefined(r: Obj, names: Set<string>, d: Decoder): void {
  const rcv = r.receiver as string | undefined
  if (set(rcv) && !names.has(rcv!)) {
    d.report(d.at(r, 'receiver'), `undefined receiver "${rcv}" used in route`, {
      check: 'am/receiver-undefined',
      hint: 'define it under "receivers:" or fix the name',
    })
  }
}

function checkIntervalsDefined(r: Obj, names: Set<string>, d: Decoder): void {
  for (const f of ['active_time_intervals', 'mute_time_intervals']) {
    for (const n of (r[f] as (string | undefined)[] | undefined) ?? []) {
      if (n !== undefined && !names.has(n)) d.report(d.at(r, f), `undefined time interval "${n}" used in route`, {check: 'am/time-interval-undefined'})
    }
  }
}

/** Every route, parents before children, without recursion (nesting depth follows the input). */
function walkRoutes(route: Obj, visit: (r: Obj) => void): void {
  const stack = [route]
  while (stack.length > 0) {
    const r = stack.pop()!
    visit(r)
    const children = (r.routes as (Obj | undefined)[] | undefined) ?? []
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) stack.push(children[i]!)
  }
}
