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

/**
 * The same bodies from the fields Alertmanager's templates rendered for the receiver (its config, or
 * Alertmanager's defaults): `fields` as renderReceiver gives them. Undefined for an integration without one.
 */
export function renderedPayload(integration: string, f: Obj, a: SyntheticAlert, cfg: Obj, key: {routing?: string; service?: string} = {}): Obj | undefined {
  const s = (k: string) => (typeof f[k] === 'string' ? (f[k] as string) : '')
  switch (integration) {
    case 'webhook':
      return f.payload as Obj | undefined
    case 'slack':
      return {
        ...nonEmpty({channel: s('channel'), username: s('username'), icon_emoji: s('icon_emoji'), icon_url: s('icon_url')}),
        ...(cfg.link_names ? {link_names: true} : {}),
        attachments: [
          {
            ...nonEmpty({title: s('title'), title_link: s('title_link'), pretext: s('pretext'), text: s('text'), fallback: s('fallback'), callback_id: s('callback_id'), color: s('color')}),
            ...nonEmpty({image_url: s('image_url'), thumb_url: s('thumb_url'), footer: s('footer')}),
            ...(f.fields ? {fields: f.fields} : {}),
            ...(f.actions ? {actions: f.actions} : {}),
            mrkdwn_in: (cfg.mrkdwn_in as string[] | undefined) ?? ['fallback', 'pretext', 'text'],
          },
        ],
      }
    case 'discord':
      return {embeds: [{title: s('title'), description: s('message'), color: 0x992d22}]}
    case 'msteams':
      return {'@type': 'MessageCard', '@context': 'http://schema.org/extensions', title: s('title'), summary: s('summary'), text: s('text'), themeColor: '8C1A1A'}
    case 'telegram':
      return {chat_id: cfg.chat_id, text: s('message'), ...(s('parse_mode') ? {parse_mode: s('parse_mode')} : {}), disable_notification: Boolean(cfg.disable_notifications)}
    case 'opsgenie':
      return {
        message: s('message'),
        alias: a.labels.spock_test_id,
        description: s('description'),
        details: f.details,
        source: s('source'),
        ...nonEmpty({note: s('note'), priority: s('priority'), entity: s('entity')}),
        ...(f.responders ? {responders: f.responders} : {}),
      }
    case 'pagerduty':
      if (key.service) {
        return {service_key: key.service, event_type: 'trigger', incident_key: a.labels.spock_test_id, description: s('description'), client: s('client'), client_url: s('client_url'), details: f.details}
      }
      return {
        routing_key: key.routing,
        event_action: 'trigger',
        dedup_key: a.labels.spock_test_id,
        payload: {summary: s('description'), source: s('source'), severity: s('severity'), ...nonEmpty({class: s('class'), component: s('component'), group: s('group')}), custom_details: f.details},
        client: s('client'),
        client_url: s('client_url'),
        ...(f.images ? {images: f.images} : {}),
        ...(f.links ? {links: f.links} : {}),
      }
  }
  return undefined
}

/** Subject, html and text of an email as its templates render them. */
export function renderedMail(f: Obj): {subject: string; body: string; html?: string} {
  return {subject: String(f['headers.Subject'] ?? ''), body: typeof f.text === 'string' ? f.text : '', ...(typeof f.html === 'string' ? {html: f.html} : {})}
}

function nonEmpty(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''))
}
