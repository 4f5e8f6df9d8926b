// alerts/template: templates that read labels the query cannot return, and $value in labels.
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'
import {positionInScalar} from '../../yaml/scalar-position.js'
import {alertRules, cachedTree} from './alert-rules.js'
import {outputLabels, type LabelSet} from './output-labels.js'
import {templateRefs} from './template-refs.js'

export const alertsTemplate: Check = {
  id: 'alerts/template',
  run(ctx) {
    const out: Problem[] = []
    for (const {group, rule, validExpr} of alertRules(ctx)) {
      let labels: LabelSet | undefined | null = null // computed on first use
      const extras = {group: group.name, rule: rule.alertText}
      for (const [entries, what] of [[rule.labels, 'label'], [rule.annotations, 'annotation']] as const) {
        for (const {key, value} of entries) {
          if (!value.value.includes('{{')) continue
          const refs = templateRefs(value.value)
          if (what === 'label')
            for (const offset of refs.value.slice(0, 1))
              out.push(problemAt(ctx.path, positionInScalar(ctx.source, value, offset), this.id, 'warning',
                `label "${key.value}" uses the query value ($value): every change of the value starts a new alert`,
                {...extras, hint: 'move the value into an annotation; labels should identify the alert, not measure it'}))
          if (!validExpr || refs.labels.length === 0) continue
          if (labels === null) labels = outputLabels(rule.exprText, cachedTree(ctx.cache, rule.exprText))
          if (!labels) continue
          const seen = new Set<string>()
          for (const ref of refs.labels) {
            if (seen.has(ref.name) || ref.name === '__name__') continue
            seen.add(ref.name)
            const why = missing(labels, ref.name)
            if (why === undefined) continue
            out.push(problemAt(ctx.path, positionInScalar(ctx.source, value, ref.offset), this.id, 'warning',
              `${what} "${key.value}" uses label "${ref.name}", which the query cannot return (${why}); it renders empty`,
              {...extras, hint: `keep "${ref.name}" in the query's result (e.g. add it to "by (...)"), or stop using it`}))
          }
        }
      }
    }
    return out
  },
}

/** Why `name` cannot be on the query's results, or undefined when it may be. */
function missing(labels: LabelSet, name: string): string | undefined {
  if (labels.kind === 'only') return labels.names.has(name) ? undefined : labels.why
  return labels.removed.get(name)
}
