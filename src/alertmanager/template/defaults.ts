// Alertmanager 0.25's built-in notification templates (default.tmpl), written for spock from their
// output: every name renders what Alertmanager renders (checked against amtool template render).
// email.tmpl's two (subject and html) are in email.ts.

// The alert sections of the longer messages, in the two layouts Alertmanager uses:
// "tight" (opsgenie, victorops, wechat) and "loose" (pushover, sns, webex, telegram, discord).
const SECTIONS = `{{- define "__spock_sections_tight" -}}
{{- with .Alerts.Firing }}Alerts Firing:
{{ template "__text_alert_list" . }}{{ end }}
{{ with .Alerts.Resolved }}Alerts Resolved:
{{ template "__text_alert_list" . }}{{ end -}}
{{- end -}}
{{- define "__spock_sections_loose" -}}
{{- with .Alerts.Firing }}
Alerts Firing:
{{ template "__text_alert_list" . }}
{{ end }}
{{ with .Alerts.Resolved }}
Alerts Resolved:
{{ template "__text_alert_list" . }}
{{ end }}
{{ end -}}
{{- define "__spock_annotations" }}{{ join " " .CommonAnnotations.SortedPairs.Values }}{{ end -}}
`

const COMMON = `{{- define "__alertmanager" }}Alertmanager{{ end -}}
{{- define "__alertmanagerURL" }}{{ .ExternalURL }}/#/alerts?receiver={{ urlquery .Receiver }}{{ end -}}
{{- define "__subject" }}[{{ toUpper .Status }}{{ if eq .Status "firing" }}:{{ len .Alerts.Firing }}{{ end }}] {{ join " " .GroupLabels.SortedPairs.Values }} {{ if lt (len .GroupLabels) (len .CommonLabels) }}({{ join " " (.CommonLabels.Remove .GroupLabels.Names).Values }}){{ end }}{{ end -}}
{{- define "__description" }}{{ end -}}
{{- define "__text_alert_list" }}{{ range . -}}
Labels:
{{ range .Labels.SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}Annotations:
{{ range .Annotations.SortedPairs }} - {{ .Name }} = {{ .Value }}
{{ end }}Source: {{ .GeneratorURL }}
{{ end }}{{ end -}}
`

/** Names whose text is empty. */
const EMPTY = [
  'slack.default.callbackid', 'slack.default.pretext', 'slack.default.iconemoji', 'slack.default.iconurl', 'slack.default.text',
  'slack.default.footer', 'wechat.default.to_user', 'wechat.default.to_party', 'wechat.default.to_tag', 'wechat.default.agent_id',
]
/** Names that are another template applied to the same data. */
const ALIASES: Record<string, string> = {
  'slack.default.title': '__subject', 'slack.default.username': '__alertmanager', 'slack.default.titlelink': '__alertmanagerURL',
  'pagerduty.default.description': '__subject', 'pagerduty.default.client': '__alertmanager', 'pagerduty.default.clientURL': '__alertmanagerURL',
  'pagerduty.default.instances': '__text_alert_list',
  'opsgenie.default.message': '__subject', 'opsgenie.default.source': '__alertmanagerURL',
  'victorops.default.entity_display_name': '__subject', 'victorops.default.monitoring_tool': '__alertmanager',
  'pushover.default.title': '__subject', 'pushover.default.url': '__alertmanagerURL', 'sns.default.subject': '__subject',
  'discord.default.title': '__subject', 'email.default.subject': '__subject',
}

const TIGHT = '{{ template "__spock_annotations" . }}\n{{ template "__spock_sections_tight" . }}'
const LOOSE = '{{ template "__spock_annotations" . }}\n{{ template "__spock_sections_loose" . }}'
const BARE = '\n{{ template "__spock_sections_loose" . }}'

const BODIES: Record<string, string> = {
  'slack.default.fallback': '{{ template "slack.default.title" . }} | {{ template "slack.default.titlelink" . }}',
  'opsgenie.default.description': TIGHT,
  'victorops.default.state_message': TIGHT,
  'wechat.default.message': '{{ template "__subject" . }}\n' + TIGHT + '\nAlertmanagerUrl:\n{{ template "__alertmanagerURL" . }}',
  'pushover.default.message': LOOSE,
  'sns.default.message': LOOSE,
  'webex.default.message': LOOSE,
  'telegram.default.message': BARE,
  'discord.default.message': BARE,
}

function defines(): string {
  const out: string[] = []
  for (const name of EMPTY) out.push(`{{- define "${name}" }}{{ end -}}`)
  for (const [name, target] of Object.entries(ALIASES)) out.push(`{{- define "${name}" }}{{ template "${target}" . }}{{ end -}}`)
  for (const [name, body] of Object.entries(BODIES)) out.push(`{{- define "${name}" }}${body}{{ end -}}`)
  return out.join('\n')
}

/** default.tmpl's definitions, as one template text (parsed under the name "default.tmpl"). */
export const DEFAULT_TMPL_025 = COMMON + SECTIONS + defines() + '\n'
