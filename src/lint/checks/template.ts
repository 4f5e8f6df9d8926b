// Go text/template parsing of alerting-rule labels and annotations, as promtool does.
import type {Check} from '../check.js'
import {cachedTemplate} from '../engines.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import type {Entry} from '../rule-file.js'
import {positionInScalar} from '../../yaml/scalar-position.js'

const HINT = 'fix the Go template: balance {{ }}, define variables before use, use only Prometheus template functions'

export const templateSyntax: Check = {
  id: 'template/syntax',
  run({path, source, file, cache, version}) {
    const out: Problem[] = []
    for (const g of file.groups) {
      for (const r of g.rules) {
        if (r.alertText === '') continue
        const check = (entries: Entry[], what: string) => {
          for (const {key, value} of entries) {
            if (!value.value.includes('{{')) continue // text without actions always parses
            const error = cachedTemplate(cache, r.alertText, value.value, version)
            if (!error) continue
            const at = positionInScalar(source, value, nthLineOffset(value.value, error.line))
            out.push(problemAt(path, at, this.id, 'error', `${what} "${key.value}": ${error.message}`, {group: g.name, rule: r.alertText, hint: HINT}))
          }
        }
        check(r.labels, 'label')
        check(r.annotations, 'annotation')
      }
    }
    return out
  },
}

function nthLineOffset(text: string, line: number): number {
  let off = 0
  for (let k = 1; k < line; k++) {
    const nl = text.indexOf('\n', off)
    if (nl < 0) break
    off = nl + 1
  }
  return off
}
