// Notification templates: parse the files `templates:` names (as amtool does), and warn about
// {{ template "x" }} references, in those files or in receiver fields, that nothing defines.
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {basename, dirname, isAbsolute, join, resolve, sep} from 'node:path'
import {ALERTMANAGER_LATER_FUNC_ADDITIONS, ALERTMANAGER_TEMPLATE_FUNCS} from '../../gotemplate/funcs.js'
import {parseTemplate} from '../../gotemplate/parser.js'
import type {Problem} from '../../findings/problem.js'
import type {SchemaVersion} from '../../yaml/decode.js'

/** Templates shipped inside Alertmanager (default.tmpl and email.tmpl). */
const DEFAULTS_025 = [
  '__alertmanager', '__alertmanagerURL', '__subject', '__description', '__text_alert_list',
  ...['title', 'username', 'fallback', 'callbackid', 'pretext', 'titlelink', 'iconemoji', 'iconurl', 'text', 'footer'].map((s) => `slack.default.${s}`),
  ...['description', 'client', 'clientURL', 'instances'].map((s) => `pagerduty.default.${s}`),
  ...['message', 'description', 'source'].map((s) => `opsgenie.default.${s}`),
  ...['message', 'to_user', 'to_party', 'to_tag', 'agent_id'].map((s) => `wechat.default.${s}`),
  ...['state_message', 'entity_display_name', 'monitoring_tool'].map((s) => `victorops.default.${s}`),
  ...['title', 'message', 'url'].map((s) => `pushover.default.${s}`),
  'sns.default.subject', 'sns.default.message', 'telegram.default.message', 'discord.default.title',
  'discord.default.message', 'webex.default.message', 'email.default.subject', 'email.default.html',
]
const DEFAULTS_LATEST = [
  ...DEFAULTS_025, '__text_alert_list_markdown', 'slack.default.color', 'discord.default.content',
  'msteams.default.summary', 'msteams.default.title', 'msteams.default.text', 'msteamsv2.default.title', 'msteamsv2.default.text',
  'jira.default.summary', 'jira.default.description', 'jira.default.priority',
  ...['title', 'alias', 'titlelink', 'emoji', 'iconurl', 'text'].map((s) => `rocketchat.default.${s}`),
  ...['color', 'username', 'title', 'titlelink', 'fallback', 'text'].map((s) => `mattermost.default.${s}`),
]

export interface TemplateSource {
  /** Files matching a glob (Go filepath.Glob); none is fine. */
  glob(pattern: string): string[]
  read(file: string): string
}

export const fsTemplateSource: TemplateSource = {glob: globFiles, read: (f) => readFileSync(f, 'utf8')}

/** A string field of the config that may hold template text. */
export interface TemplateField {
  text: string
  line: number
  column: number
}

export interface TemplateCheckInput {
  configPath: string
  patterns: {pattern: string; line: number; column: number}[]
  fields: TemplateField[]
  version: SchemaVersion
  source?: TemplateSource
}

export function checkTemplates(input: TemplateCheckInput): Problem[] {
  const source = input.source ?? fsTemplateSource
  const problems: Problem[] = []
  const defined = new Set(input.version === 'latest' ? DEFAULTS_LATEST : DEFAULTS_025)
  const refs: {name: string; file: string; line: number; column: number}[] = []
  const funcs = input.version === 'latest' ? new Set([...ALERTMANAGER_TEMPLATE_FUNCS, ...ALERTMANAGER_LATER_FUNC_ADDITIONS]) : ALERTMANAGER_TEMPLATE_FUNCS
  const base = dirname(input.configPath)
  for (const p of input.patterns) {
    const pattern = isAbsolute(p.pattern) ? p.pattern : join(base, p.pattern)
    let files: string[]
    try {
      files = source.glob(pattern)
    } catch (error) {
      problems.push(problem(input.configPath, p, 'am/template-parse', 'error', `templates: bad pattern "${p.pattern}": ${(error as Error).message}`))
      continue
    }
    for (const file of files) {
      let text: string
      try {
        text = source.read(file)
      } catch (error) {
        problems.push(problem(input.configPath, p, 'am/template-parse', 'error', `cannot read template file ${file}: ${(error as Error).message}`))
        continue
      }
      // As amtool: ParseGlob names each template after the file's base name; one parse decides
      // (html/template gives the same parse errors).
      const parsed = parseTemplate(text, {name: basename(file), funcs})
      if (!parsed.ok) {
        problems.push(problem(file, {line: parsed.error.line, column: 1}, 'am/template-parse', 'error', parsed.error.message))
        continue
      }
      parsed.info.defined.forEach((n) => defined.add(n))
      parsed.info.referenced.forEach((n) => refs.push({name: n, file, line: 1, column: 1}))
    }
  }
  for (const f of input.fields) {
    if (!f.text.includes('{{')) continue
    const parsed = parseTemplate(f.text, {name: 'config', funcs})
    if (!parsed.ok) {
      // amtool accepts these; Alertmanager fails when it renders the notification
      problems.push(problem(input.configPath, {line: f.line + parsed.error.line - 1, column: parsed.error.line > 1 ? 1 : f.column}, 'am/template-syntax', 'warning',
        `template text does not parse: ${parsed.error.message.replace(/^template: config:\d+: /, '')}`,
        {hint: 'fix the {{ }} syntax; Alertmanager only finds this when it sends a notification'}))
      continue
    }
    parsed.info.defined.forEach((n) => defined.add(n))
    parsed.info.referenced.forEach((n) => refs.push({name: n, file: input.configPath, line: f.line, column: f.column}))
  }
  for (const r of refs) {
    if (defined.has(r.name)) continue
    problems.push(problem(r.file, r, 'am/template-undefined', 'warning', `template "${r.name}" is referenced but not defined in any template file`, {
      hint: 'define it in a file listed under "templates:" or fix the name; Alertmanager fails at notification time',
    }))
  }
  return problems
}

function problem(file: string, at: {line: number; column: number}, check: string, severity: Problem['severity'], message: string, extra: {hint?: string} = {}): Problem {
  const p: Problem = {check, severity, file, line: at.line, column: at.column, message}
  if (extra.hint) p.hint = extra.hint
  return p
}

/** Go filepath.Glob: `*`, `?` and `[...]` within path segments; results sorted per directory. */
export function globFiles(pattern: string): string[] {
  const abs = resolve(pattern)
  if (!/[*?[]/.test(abs)) {
    try {
      statSync(abs)
      return [abs]
    } catch {
      return []
    }
  }
  const parts = abs.split(sep).filter((s, i) => s !== '' || i === 0)
  let current = [parts[0] === '' ? sep : parts[0]!]
  for (const part of parts.slice(1)) {
    const next: string[] = []
    for (const dir of current) {
      if (!/[*?[]/.test(part)) {
        const p = join(dir, part)
        try {
          statSync(p)
          next.push(p)
        } catch {
          // no such file
        }
        continue
      }
      const re = segmentRegex(part)
      let entries: string[] = []
      try {
        entries = readdirSync(dir).sort()
      } catch {
        // not a directory
      }
      for (const e of entries) if (re.test(e)) next.push(join(dir, e))
    }
    current = next
  }
  return current.filter((f) => {
    try {
      return statSync(f).isFile()
    } catch {
      return false
    }
  })
}

function segmentRegex(seg: string): RegExp {
  let re = ''
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2)
      if (end < 0) throw new Error('syntax error in pattern')
      let cls = seg.slice(i + 1, end)
      if (cls.startsWith('^')) cls = '^' + cls.slice(1)
      re += `[${cls.replace(/\\/g, '\\\\')}]`
      i = end
    } else if (c === '\\' && i + 1 < seg.length) re += seg[++i]!.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}
