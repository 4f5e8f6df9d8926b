// file_sd files as promtool's checkSDFile reads them (.json, .yml, .yaml), and their targets.
import {extname} from 'node:path'
import {Decoder, isNullNode, list, type Kind} from '../../yaml/decode.js'
import {parseGoYaml} from '../../yaml/go-yaml.js'
import type {ConfigFs} from './fs.js'
import {isValidLabelName} from './kinds.js'
import {staticConfig} from './sd.js'
import {targetProblems} from './targets.js'

type Obj = Record<string, unknown>

/** Problems of one file_sd file, as messages (empty when it is fine). */
export function targetGroupsProblems(fs: ConfigFs, file: string, owner: Obj, kind: 'scrape' | 'alertmanager'): string[] {
  const r = readTargetGroups(fs, file)
  return r.error !== undefined ? [r.error] : targetProblems(r.groups, owner, kind)
}

function readTargetGroups(fs: ConfigFs, file: string): {groups: Obj[]; error?: undefined} | {error: string} {
  const ext = extname(file)
  const content = fs.readFile(file)
  if (content === undefined) return {error: `open ${file}: cannot read the file`}
  let groups: unknown[]
  if (ext === '.json') {
    try {
      const parsed: unknown = JSON.parse(content)
      if (!Array.isArray(parsed)) return {error: 'json: cannot unmarshal into a list of target groups'}
      groups = parsed
      const bad = jsonGroupError(groups)
      if (bad) return {error: bad}
    } catch (err) {
      return {error: err instanceof Error ? err.message : String(err)}
    }
  } else if (ext === '.yml' || ext === '.yaml') {
    const parsed = parseGoYaml(content)
    if (parsed.errors.length > 0) return {error: `yaml: ${parsed.errors[0]!.message}`}
    if (!parsed.root || isNullNode(parsed.root)) return {groups: []}
    const d = new Decoder('0.25')
    const asList: Kind = list((node, dd, label) => (isNullNode(node) ? null : staticConfig(node, dd, label)))
    groups = (asList(parsed.root, d, 'the file') as unknown[] | undefined) ?? []
    if (d.issues.length > 0) return {error: d.issues[0]!.message}
  } else {
    return {error: `invalid file extension: ${JSON.stringify(ext)}`}
  }
  const nil = groups.findIndex((g) => g === null || g === undefined)
  if (nil >= 0) return {error: `nil target group item found (index ${nil})`}
  return {groups: groups as Obj[]}
}

function jsonGroupError(groups: unknown[]): string | undefined {
  for (const g of groups) {
    if (g === null) continue
    if (typeof g !== 'object' || Array.isArray(g)) return 'json: cannot unmarshal a target group from a non-object'
    const {targets, labels} = g as Obj
    if (targets !== undefined && (!Array.isArray(targets) || targets.some((t) => typeof t !== 'string'))) return 'json: targets must be a list of strings'
    if (labels !== undefined && labels !== null) {
      if (typeof labels !== 'object' || Array.isArray(labels)) return 'json: labels must be an object'
      for (const [n, v] of Object.entries(labels)) {
        if (!isValidLabelName(n)) return `${JSON.stringify(n)} is not a valid label name`
        if (typeof v !== 'string') return `json: label ${JSON.stringify(n)} must be a string`
      }
    }
  }
  return undefined
}
