// "k=v" arguments (as amtool alert add takes them) → a label map; every error names the argument.
import {UsageError} from '../errors.js'
import {isValidUtf8LabelName} from './labels.js'

export function parseLabelArgs(items: readonly string[], flag = '--label'): Record<string, string> {
  const out: Record<string, string> = {}
  for (const item of items) {
    const i = item.indexOf('=')
    const name = i < 0 ? '' : item.slice(0, i).trim()
    if (i < 0 || !isValidUtf8LabelName(name)) {
      throw new UsageError(`invalid label "${item}" in ${flag}`, {hint: 'write it as name=value, e.g. --label team=db'})
    }
    out[name] = item.slice(i + 1).replace(/^"(.*)"$/, '$1')
  }
  return out
}
