// The alertmanager.yml document: global, route, inhibit_rules, receivers, templates, time intervals.
import {parseMatchers, type Matcher} from '../../model/matchers.js'
import {isValidClassicLabelName} from '../../model/labels.js'
import {checkRe2} from '../../model/regex.js'
import {tryParseDuration} from '../../model/duration.js'
import {anything, bool, checkedString, type Decoder, isNullNode, latest, list, map, object, secret, str, type Kind} from '../../yaml/decode.js'
import {httpConfig, tlsConfig} from './http.js'
import {amUrl, hostPort, INTEGRATIONS, secretUrl} from './integrations.js'
import {namedTimeInterval} from './time-intervals.js'
import {tree} from '../../yaml/decode-tree.js'
import {append} from '../../append.js'

type Obj = Record<string, unknown>

const duration = checkedString((s) => (tryParseDuration(s) === undefined ? `not a valid duration string: "${s}"` : undefined))

const global = object({
  name: 'global',
  fields: {
    resolve_timeout: duration, http_config: httpConfig, smtp_from: str, smtp_hello: str, smtp_smarthost: hostPort,
    smtp_auth_username: str, smtp_auth_password: secret, smtp_auth_password_file: str, smtp_auth_secret: secret,
    smtp_auth_identity: str, smtp_require_tls: bool, slack_api_url: secretUrl, slack_api_url_file: str,
    pagerduty_url: amUrl, opsgenie_api_url: amUrl, opsgenie_api_key: secret, opsgenie_api_key_file: str,
    wechat_api_url: amUrl, wechat_api_secret: secret, wechat_api_corp_id: str, victorops_api_url: amUrl,
    victorops_api_key: secret, victorops_api_key_file: str, telegram_api_url: amUrl, webex_api_url: amUrl,
    jira_api_url: latest(amUrl), smtp_auth_secret_file: latest(str), smtp_tls_config: latest(tlsConfig),
    smtp_force_implicit_tls: latest(bool), slack_app_token: latest(secret), slack_app_token_file: latest(str),
    slack_app_url: latest(amUrl), wechat_api_secret_file: latest(str), telegram_bot_token: latest(secret),
    telegram_bot_token_file: latest(str), rocketchat_api_url: latest(amUrl), rocketchat_token: latest(secret),
    rocketchat_token_file: latest(str), rocketchat_token_id: latest(secret), rocketchat_token_id_file: latest(str),
    mattermost_webhook_url: latest(secretUrl), mattermost_webhook_url_file: latest(str),
  },
})

/** A label name as Alertmanager checks config label names: classic, in 0.25 and in newer releases' default (fallback) mode. */
function labelNameOk(name: string, _d: Decoder): boolean {
  return isValidClassicLabelName(name)
}

/** map[string]string whose keys must be label names (match, source_match, target_match). */
const labelMap: Kind = (node, d, label) => {
  const m = map(str)(node, d, label) as Obj | undefined
  if (m && node.kind === 'map') {
    for (const p of node.pairs) if (!labelNameOk(p.key.value, d)) d.report(p.key, `invalid label name "${p.key.value}"`)
  }
  return m
}

/** match_re style maps: label name → RE2 regexp (anchored); a null value is invalid. */
const regexpMap: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  const m = map(str)(node, d, label) as Obj | undefined
  if (!m || node.kind !== 'map') return m
  for (const p of node.pairs) {
    if (!labelNameOk(p.key.value, d)) d.report(p.key, `invalid label name "${p.key.value}"`)
    if (isNullNode(p.value)) d.report(p.value, `invalid regexp value for "${p.key.value}"`)
    else if (typeof m[p.key.value] === 'string') {
      const err = checkRe2(m[p.key.value] as string, {allowAngleNamedGroups: d.version === 'latest'})
      if (err) d.report(p.value, `${label}.${p.key.value}: ${err}`)
    }
  }
  return m
}

/** A list of matcher strings, each parsed as the chosen Alertmanager release would. */
const matchers: Kind = (node, d, label) => {
  const lines = list(str)(node, d, label) as (string | undefined)[] | undefined
  if (!lines || node.kind !== 'seq') return undefined
  const out: Matcher[] = []
  lines.forEach((line, i) => {
    const at = node.items[i]!
    try {
      const parsed = parseMatchers(line ?? '', {mode: d.version === '0.25' ? 'classic' : 'fallback'})
      append(out, parsed.matchers)
      for (const m of parsed.matchers) {
        const err = m.type === '=~' || m.type === '!~' ? checkRe2(m.value, {allowAngleNamedGroups: d.version === 'latest'}) : undefined
        if (err) d.report(at, `${label}: ${err}`)
      }
      for (const w of parsed.warnings) d.report(at, w, {check: 'am/matcher', severity: 'warning'})
    } catch (error) {
      d.report(at, `${label}: ${error instanceof Error ? error.message : String(error)}`)
    }
  })
  return out
}

/** model.LabelNames (inhibit rule `equal`). */
const labelNames: Kind = (node, d, label) => {
  const names = list(str)(node, d, label) as (string | undefined)[] | undefined
  if (!names || node.kind !== 'seq') return names
  names.forEach((n, i) => {
    if (n !== undefined && !labelNameOk(n, d)) d.report(node.items[i]!, `"${n}" is not a valid label name`)
  })
  return names
}

function validateRoute(r: Obj, d: Decoder): void {
  const groupBy = (r.group_by as (string | undefined)[] | undefined) ?? []
  const seen = new Set<string>()
  let all = false
  let named = false
  for (const raw of groupBy) {
    const l = raw ?? '' // a null entry is an empty (invalid) label name
    if (l === '...') {
      all = true
      continue
    }
    named = true
    if (!labelNameOk(l, d)) d.report(d.at(r, 'group_by'), `invalid label name "${l}" in group_by list`)
    if (seen.has(l)) d.report(d.at(r, 'group_by'), `duplicated label "${l}" in group_by`)
    seen.add(l)
  }
  if (all && named) d.report(d.at(r, 'group_by'), 'cannot have wildcard group_by (`...`) and other labels at the same time')
  for (const f of ['group_interval', 'repeat_interval']) {
    if (typeof r[f] === 'string' && tryParseDuration(r[f] as string) === 0) d.report(d.at(r, f), `${f} cannot be zero`)
  }
}

/** Routes nest as deep as Go's YAML allows (amtool takes 5,000 levels): decoded without recursion. */
function route(): Kind {
  return tree({
    name: 'route',
    fields: {
      receiver: str, group_by: list(str), match: labelMap, match_re: regexpMap, matchers,
      mute_time_intervals: list(str), active_time_intervals: list(str), continue: bool, routes: anything, // decoded by tree()
      group_wait: duration, group_interval: duration, repeat_interval: duration, labels: latest(map(str)),
    },
    validate: validateRoute,
  }, 'routes', {nullItems: 'error'})
}

const inhibitRule = object({
  name: 'inhibit rule',
  fields: {
    source_match: labelMap, source_match_re: regexpMap, source_matchers: matchers,
    target_match: labelMap, target_match_re: regexpMap, target_matchers: matchers,
    equal: labelNames, name: latest(str),
  },
})

const receiver = object({
  name: 'receiver',
  fields: {name: str, labels: latest(map(str)), ...INTEGRATIONS},
  validate: (c, d) => {
    if (!c.name) d.report(d.at(c), 'missing name in receiver')
  },
})

export const configSchema: Kind = object({
  name: 'alertmanager config',
  fields: {
    global,
    route: route(),
    inhibit_rules: list(inhibitRule),
    receivers: list(receiver, {nullItems: 'error'}),
    templates: list(str),
    mute_time_intervals: list(namedTimeInterval('mute time interval')),
    time_intervals: list(namedTimeInterval('time interval')),
    tracing: latest(anything),
    event_recorder: latest(anything),
  },
})
