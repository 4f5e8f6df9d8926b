// Shared by rule/label and alerts/annotation: required names, and values from a list or matching a regex.
import type {At} from '../../findings/make-problem.js'
import type {RequiredEntry} from '../policy.js'
import type {Entry} from '../rule-file.js'

interface EntryProblem {
  at?: At // the offending value; undefined: the rule itself (a missing entry)
  message: string
  hint: string
}

/** Problems of `entries` (a rule's labels or annotations) against `required`; `what` is "label" or "annotation". */
export function checkEntries(entries: readonly Entry[], required: readonly RequiredEntry[], what: string): EntryProblem[] {
  const out: EntryProblem[] = []
  for (const want of required) {
    const found = entries.filter((e) => e.key.value === want.name).at(-1)
    if (!found) {
      if (want.required !== false)
        out.push({message: `no "${want.name}" ${what}`, hint: `add ${what === 'label' ? 'labels' : 'annotations'}: {${want.name}: ...}${allowed(want)}`})
      continue
    }
    const value = found.value.value
    if (value.includes('{{')) continue // a template: its value is known only when the alert fires
    const okList = !want.values || want.values.includes(value)
    const okRegex = !want.value || new RegExp(`^(?:${want.value})$`, 'u').test(value)
    if (!okList || !okRegex)
      out.push({at: found.value, message: `${what} "${want.name}" is "${value}", which is not allowed`, hint: `use${allowed(want) || ' an allowed value'}`})
  }
  return out
}

function allowed(want: RequiredEntry): string {
  if (want.values) return ` one of ${want.values.join(', ')}`
  if (want.value) return ` a value matching ${want.value}`
  return ''
}
