// The template checks promtool and amtool run, with their exact messages.
import {ALERTMANAGER_TEMPLATE_FUNCS, PROMETHEUS_FUNCS_BY_VERSION, type PromTemplateVersion} from './funcs.js'
import {parseTemplate, type TemplateError} from './parser.js'

/**
 * What promtool 2.42 prepends to every alerting-rule label and annotation value
 * (model/rulefmt testTemplateParsing). It is on the same line, so line numbers
 * in messages are the value's own.
 */
export const PROMETHEUS_ALERT_TEMPLATE_PREFIX =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}'

/**
 * What promtool check rules does for an alerting rule's label/annotation value:
 * text/template parse (no execution) of prefix + text named `__alert_<alertname>`.
 * Returns Go's error (promtool prints it after `label "<k>": ` / `annotation "<k>": `).
 * `version` picks the function set (2.42 by default, as the oracle promtool).
 */
export function checkAlertTemplate(alertName: string, text: string, version: PromTemplateVersion = '2.42'): TemplateError | undefined {
  const r = parseTemplate(PROMETHEUS_ALERT_TEMPLATE_PREFIX + text, {
    name: `__alert_${alertName}`,
    funcs: PROMETHEUS_FUNCS_BY_VERSION[version],
  })
  return r.ok ? undefined : r.error
}

/**
 * Parse a notification template file as Alertmanager 0.25's FromGlobs does:
 * ParseGlob names each template after the file's base name. Alertmanager also
 * parses it with html/template, which gives the same parse errors (escaping
 * happens only at execution), so one parse decides.
 */
export function checkNotificationTemplate(fileName: string, text: string): TemplateError | undefined {
  const r = parseTemplate(text, {name: baseName(fileName), funcs: ALERTMANAGER_TEMPLATE_FUNCS})
  return r.ok ? undefined : r.error
}

/** filepath.Base for slash-separated paths. */
function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  if (trimmed === '') return path === '' ? '.' : '/'
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}
