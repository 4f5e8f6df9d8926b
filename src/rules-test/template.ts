// Alert label and annotation templates. Until the Go template executor lands, a small expander for the
// common forms: {{ $labels.x }}, {{ .Labels.x }}, {{ $value }}, {{ .Value }}, {{ $externalLabels.x }},
// {{ $externalURL }}; anything else is an error, which the rule shows as `<error expanding template: ...>`.
import {formatGoFloat} from '../promql/index.js'
import type {Expander} from './rules.js'

const ACTION = /\{\{-?\s*(.*?)\s*-?\}\}/g

export const simpleExpander: Expander = (text, name, data) =>
  text.replace(ACTION, (_all, inner: string) => {
    let m = /^(?:\$labels|\.Labels)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner)
    if (m) return data.labels[m[1]!] ?? ''
    m = /^(?:\$externalLabels|\.ExternalLabels)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner)
    if (m) return data.externalLabels[m[1]!] ?? ''
    if (inner === '$value' || inner === '.Value') return formatGoFloat(data.value)
    if (inner === '$externalURL' || inner === '.ExternalURL') return data.externalURL
    throw new Error(`template: ${name}: unsupported action {{${inner}}}`)
  })
