// The rules written in rule files, as plain records (group, type, name, expression, line): what
// `rules status --compare` holds against the rules a server has loaded. A file that does not decode is an
// input error, every problem on its own line.
import {UsageError} from '../errors.js'
import {decodeRuleFile} from './decode.js'
import {expandInputs} from './inputs.js'
import {parseRuleYaml} from './parse.js'
import {readInput, unreadableReport} from './read.js'

interface WrittenRule {
  file: string
  line: number
  group: string
  type: 'alerting' | 'recording'
  name: string
  expr: string
}

export async function readRuleDefs(paths: readonly string[]): Promise<WrittenRule[]> {
  const out: WrittenRule[] = []
  const problems: string[] = []
  for (const {path} of await expandInputs(paths)) {
    let text: string
    try {
      text = await readInput(path)
    } catch (e) {
      for (const p of unreadableReport(path, e).problems) problems.push(`${path}: ${p.message}`)
      continue
    }
    const doc = await parseRuleYaml(text)
    for (const e of doc.errors) problems.push(`${path}:${e.line}:${e.column}: ${e.message}`)
    if (doc.errors.length > 0) continue
    const {file, problems: decodeProblems} = decodeRuleFile(doc.root, path, '2.42')
    for (const p of decodeProblems) problems.push(`${path}:${p.line}: ${p.message}`)
    for (const g of file.groups) {
      for (const r of g.rules) {
        const type = r.alertText !== '' ? 'alerting' : 'recording'
        out.push({file: path, line: r.node.line, group: g.name, type, name: type === 'alerting' ? r.alertText : r.recordText, expr: r.exprText})
      }
    }
  }
  if (problems.length > 0) {
    throw new UsageError(`cannot compare: ${problems.length === 1 ? 'a rule file does not decode' : `${problems.length} problems in the rule files`}:\n${problems.join('\n')}`, {
      hint: '`spock rules check FILE` explains each problem',
    })
  }
  return out
}
