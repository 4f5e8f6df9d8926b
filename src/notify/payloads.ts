// Notification bodies shaped like Alertmanager's own (webhook v4, Slack, PagerDuty Events, ...), for --direct tests.
import type {SyntheticAlert} from './alert.js'

type Obj = Record<string, unknown>

const summary = (a: SyntheticAlert) => a.annotations.summary ?? `Test alert ${a.labels.alertname ?? ''}`.trim()
const labelText = (a: SyntheticAlert) => Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(', ')

export function webhookPayload(a: SyntheticAlert, receiver: string): Obj {
  const groupLabels = {spock_test_id: a.labels.spock_test_id ?? ''}
  return {
    version: '4',
    groupKey: `{}:{spock_test_id="${groupLabels.spock_test_id}"}`,
    truncatedAlerts: 0,
    status: 'firing',
    receiver,
    groupLabels,
    commonLabels: a.labels,
    commonAnnotations: a.annotations,
    externalURL: 'spock://test-alert',
    alerts: [{status: 'firing', labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: a.endsAt, generatorURL: '', fingerprint: ''}],
  }
}

export function slackPayload(a: SyntheticAlert, cfg: Obj): Obj {
  return {
    channel: cfg.channel,
    username: cfg.username ?? 'spock',
    attachments: [{title: `[FIRING:1] ${summary(a)}`, text: `${a.annotations.description ?? ''}\n${labelText(a)}`.trim(), color: 'danger', fallback: summary(a)}],
  }
}

/** A trigger, or (action resolve) the resolve with the same dedup_key / incident_key. */
export function pagerdutyPayload(a: SyntheticAlert, cfg: Obj, key: {routing?: string; service?: string}, action: 'trigger' | 'resolve' = 'trigger'): Obj {
  if (key.service) {
    return {service_key: key.service, event_type: action, incident_key: a.labels.spock_test_id, description: summary(a), client: 'spock', details: a.labels}
  }
  if (action === 'resolve') return {routing_key: key.routing, event_action: 'resolve', dedup_key: a.labels.spock_test_id}
  return {
    routing_key: key.routing,
    event_action: 'trigger',
    dedup_key: a.labels.spock_test_id,
    payload: {summary: summary(a), source: 'spock', severity: (cfg.severity as string | undefined) ?? 'critical', custom_details: {labels: a.labels, annotations: a.annotations}},
    client: 'spock',
  }
}

export function discordPayload(a: SyntheticAlert): Obj {
  return {embeds: [{title: `[FIRING:1] ${summary(a)}`, description: labelText(a), color: 0x992d22}]}
}

export function msteamsPayload(a: SyntheticAlert): Obj {
  return {'@type': 'MessageCard', '@context': 'http://schema.org/extensions', title: `[FIRING:1] ${summary(a)}`, text: labelText(a), themeColor: '8C1A1A'}
}

export function telegramPayload(a: SyntheticAlert, cfg: Obj): Obj {
  return {chat_id: cfg.chat_id, text: `[FIRING:1] ${summary(a)}\n${labelText(a)}`}
}

export function opsgeniePayload(a: SyntheticAlert): Obj {
  return {message: summary(a), alias: a.labels.spock_test_id, description: labelText(a), source: 'spock'}
}

export function mailText(a: SyntheticAlert): {subject: string; body: string} {
  // One label per line: short lines survive quoted-printable's 76-column wrapping (a wrapped test ID cannot be searched).
  const labels = Object.entries(a.labels)
    .map(([k, v]) => `  ${k}=${v}`)
    .join('\n')
  return {subject: `[FIRING:1] ${summary(a)}`, body: `${summary(a)}\n\n${a.annotations.description ?? ''}\n\nLabels:\n${labels}\n`}
}
