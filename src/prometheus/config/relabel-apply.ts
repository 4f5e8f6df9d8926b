// Applies decoded relabel rules to a label set, as relabel.Process in Prometheus 2.42 (used to check
// where static and file_sd targets end up).
import {createHash} from 'node:crypto'
import type {RE2JS} from 're2js'
import {re2} from '../../model/regex.js'
import {isValidClassicLabelName} from '../../model/labels.js'

type Obj = Record<string, unknown>
export type Labels = Map<string, string>


interface Rule {
  action: string
  sourceLabels: string[]
  separator: string
  regex: RE2JS
  modulus: number
  target: string
  replacement: string
}

function toRule(o: Obj): Rule {
  const s = (v: unknown, def: string): string => (typeof v === 'string' ? v : def)
  return {
    action: s(o.action, 'replace'),
    sourceLabels: Array.isArray(o.source_labels) ? o.source_labels.filter((x): x is string => typeof x === 'string') : [],
    separator: s(o.separator, ';'),
    regex: re2().compile(`^(?:${s(o.regex, '(.*)')})$`),
    modulus: typeof o.modulus === 'number' ? o.modulus : 0,
    target: s(o.target_label, ''),
    replacement: s(o.replacement, '$1'),
  }
}

/** Go's Regexp.ExpandString for a full match: $1, ${1}, $name, ${name}, $$. */
export function expand(template: string, re: RE2JS, input: string): string | undefined {
  const m = re.matcher(input)
  if (!m.matches()) return undefined
  const names = re.namedGroups() as Record<string, number>
  const group = (ref: string): string => {
    const idx = /^\d+$/.test(ref) ? Number(ref) : names[ref]
    return idx === undefined || idx > m.groupCount() ? '' : (m.group(idx) ?? '')
  }
  return template.replace(/\$(\$|\{(\w+)\}|(\w+))/g, (_all, tok: string, braced?: string, bare?: string) => (tok === '$' ? '$' : group(braced ?? bare ?? '')))
}

function hashMod(value: string, modulus: number): number {
  const sum = createHash('md5').update(value).digest()
  return Number(sum.readBigUInt64BE(8) % BigInt(modulus))
}

/** The labels after relabelling, or undefined when a rule drops the target. */
export function applyRelabel(input: Labels, rules: readonly Obj[]): Labels | undefined {
  const lb = new Map(input)
  for (const o of rules) {
    const r = toRule(o)
    const val = r.sourceLabels.map((n) => lb.get(n) ?? '').join(r.separator)
    switch (r.action) {
      case 'drop':
        if (r.regex.matcher(val).matches()) return undefined
        break
      case 'keep':
        if (!r.regex.matcher(val).matches()) return undefined
        break
      case 'dropequal':
        if ((lb.get(r.target) ?? '') === val) return undefined
        break
      case 'keepequal':
        if ((lb.get(r.target) ?? '') !== val) return undefined
        break
      case 'replace': {
        const target = expand(r.target, r.regex, val)
        if (target === undefined) break
        if (!isValidClassicLabelName(target)) {
          lb.delete(r.target)
          break
        }
        const res = expand(r.replacement, r.regex, val) ?? ''
        if (res === '') lb.delete(target)
        else lb.set(target, res)
        break
      }
      case 'lowercase':
        lb.set(r.target, val.toLowerCase())
        break
      case 'uppercase':
        lb.set(r.target, val.toUpperCase())
        break
      case 'hashmod':
        lb.set(r.target, String(hashMod(val, r.modulus || 1)))
        break
      case 'labelmap':
        for (const [name, value] of [...lb]) {
          const to = expand(r.replacement, r.regex, name)
          if (to !== undefined) lb.set(to, value)
        }
        break
      case 'labeldrop':
        for (const name of [...lb.keys()]) if (r.regex.matcher(name).matches()) lb.delete(name)
        break
      case 'labelkeep':
        for (const name of [...lb.keys()]) if (!r.regex.matcher(name).matches()) lb.delete(name)
        break
    }
  }
  return lb
}
