// Group names: set and unique within the file (rulefmt RuleGroups.Validate).
import type {Check} from '../check.js'
import {problemAt} from '../../findings/make-problem.js'
import type {Problem} from '../../findings/problem.js'

export const groupName: Check = {
  id: 'group/name',
  run({path, file}) {
    const out: Problem[] = []
    const seen = new Map<string, number>()
    for (const g of file.groups) {
      const at = g.node // promtool points at the group's mapping
      if (g.name === '')
        out.push(problemAt(path, at, this.id, 'error', `group ${g.index} has no name`, {hint: 'add "name: <group name>" to the group'}))
      const first = seen.get(g.name)
      if (first !== undefined)
        out.push(problemAt(path, at, this.id, 'error', `group name "${g.name}" is repeated in the same file (first at line ${first})`, {hint: 'give each group in a file its own name', group: g.name}))
      else seen.set(g.name, at.line)
    }
    return out
  },
}
