// relabel.Config of Prometheus 2.42 (model/relabel): defaults, actions and the per-action field rules.
import {isNullNode, list, object, str, uint, type Decoder, type Kind} from '../../yaml/decode.js'
import {checkRe2} from '../../model/regex.js'
import {labelName, text} from './kinds.js'
import {isValidClassicLabelName} from '../../model/labels.js'

const ACTIONS = ['replace', 'keep', 'drop', 'keepequal', 'dropequal', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase']
const RELABEL_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/

const action: Kind = (node, d, label) => {
  const v = str(node, d, label) as string | undefined
  if (v === undefined) return undefined
  const a = v.toLowerCase()
  if (!ACTIONS.includes(a)) {
    d.report(node, `unknown relabel action ${JSON.stringify(v)}`, {check: 'prom/relabel', hint: `use one of ${ACTIONS.join(', ')}`})
    return undefined
  }
  return a
}

const regex: Kind = (node, d, label) => {
  const v = text(node, d, label)
  if (typeof v !== 'string') return v
  const err = checkRe2(v)
  if (err) {
    d.report(node, err, {check: 'prom/relabel', hint: 'fix the regular expression (RE2 syntax, anchored at both ends)'})
    return undefined
  }
  return v
}

type Obj = Record<string, unknown>

/** One relabel rule with yaml.v2 defaults applied, then the checks of relabel.Config.Validate. */
const relabelConfig: Kind = object({
  name: 'relabel config',
  fields: {source_labels: list(labelName), separator: text, regex, modulus: uint, target_label: text, replacement: text, action},
  validate: (o, d) => validateRelabel(o, d),
})

function validateRelabel(o: Obj, d: Decoder): void {
  const a = (o.action as string | undefined) ?? 'replace'
  const target = typeof o.target_label === 'string' ? o.target_label : ''
  const replacement = typeof o.replacement === 'string' ? o.replacement : '$1'
  const givenAt = (f: string): {line: number; column: number} => (d.has(o, f) ? d.keyAt(o, f) : d.at(o))
  const err = (f: string, message: string, hint: string): void => d.report(givenAt(f), message, {check: 'prom/relabel', hint})
  if (d.has(o, 'action') && o.action === undefined && !d.isInvalid(o, 'action')) {
    err('action', 'relabel action cannot be empty', `set action to one of ${ACTIONS.join(', ')}, or remove it for replace`)
    return
  }
  if (a === 'hashmod' && !o.modulus) err('modulus', 'relabel configuration for hashmod requires non-zero modulus', 'set modulus to a positive integer')
  if (['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(a) && target === '') {
    err('target_label', `relabel configuration for ${a} action requires 'target_label' value`, 'set target_label to the label to write')
  } else if (['replace', 'lowercase', 'uppercase'].includes(a) && target !== '' && !RELABEL_TARGET.test(target)) {
    err('target_label', `${JSON.stringify(target)} is invalid 'target_label' for ${a} action`, 'use a label name, optionally with $1 or ${1} references')
  } else if (['hashmod', 'keepequal', 'dropequal'].includes(a) && target !== '' && !isValidClassicLabelName(target)) {
    err('target_label', `${JSON.stringify(target)} is invalid 'target_label' for ${a} action`, 'use a plain label name')
  }
  if (['lowercase', 'uppercase', 'keepequal', 'dropequal'].includes(a) && replacement !== '$1') {
    err('replacement', `'replacement' can not be set for ${a} action`, 'remove replacement')
  }
  if (a === 'labelmap' && !RELABEL_TARGET.test(replacement)) {
    err('replacement', `${JSON.stringify(replacement)} is invalid 'replacement' for ${a} action`, 'use a label name with $1 or ${1} references')
  }
  if (['keepequal', 'dropequal'].includes(a) && (changed(o, 'regex', '(.*)') || o.modulus || changed(o, 'separator', ';') || replacement !== '$1')) {
    err('action', `${a} action requires only 'source_labels' and \`target_label\`, and no other fields`, 'remove regex, modulus, separator and replacement')
  }
  if (['labeldrop', 'labelkeep'].includes(a) && (hasItems(o.source_labels) || target !== '' || o.modulus || changed(o, 'separator', ';') || replacement !== '$1')) {
    err('action', `${a} action requires only 'regex', and no other fields`, 'remove source_labels, target_label, modulus, separator and replacement')
  }
}

function changed(o: Obj, f: string, def: string): boolean {
  return typeof o[f] === 'string' && o[f] !== def
}

function hasItems(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0
}

/** A list of relabel rules; a null entry is reported with Prometheus's message for this list. */
export function relabelList(nullMessage: string): Kind {
  return (node, d, label) => {
    if (isNullNode(node)) return undefined
    if (node.kind !== 'seq') {
      d.report(node, `${label} must be a list of relabel rules`)
      return undefined
    }
    return node.items.map((item, i) => {
      if (isNullNode(item)) {
        d.report(item, nullMessage, {check: 'prom/relabel', hint: 'remove the empty "-" entry or give it fields'})
        return undefined
      }
      return relabelConfig(item, d, `${label}[${i}]`)
    })
  }
}
