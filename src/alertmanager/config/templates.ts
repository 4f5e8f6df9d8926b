// Notification templates: parse the files `templates:` names (as amtool does), and warn about
// {{ template "x" }} references, in those files or in receiver fields, that nothing defines.
import {basename, dirname, isAbsolute, join, resolve} from 'node:path'
import {expandGlob, GlobError, notRegular, type GlobMatch} from '../../files/glob.js'
import {fileError, readFileSafeSync, type ReadLimits} from '../../files/read.js'
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
  /** The same, with what each match is (only regular files are read); default: glob's, all counted as files. */
  matches?(pattern: string): GlobMatch[]
  read(file: string): string
}

/** Template files on disk, through the bounded glob and the capped reader. */
export function fsTemplateSource(limits: ReadLimits = {}): TemplateSource {
  return {glob: globFiles, matches: templateMatches, read: (f) => readFileSafeSync(f, limits).toString('utf8')}
}

/** A string field of the config that may hold template text. */
export interface TemplateField {
  text: string
  line: number
  column: number
}

interface TemplateCheckInput {
  configPath: string
  patterns: {pattern: string; line: number; column: number}[]
  fields: TemplateField[]
  version: SchemaVersion
  source?: TemplateSource
}

export function checkTemplates(input: TemplateCheckInput): Problem[] {
  const source = input.source ?? fsTemplateSource()
  const problems: Problem[] = []
  const defined = new Set(input.version === 'latest' ? DEFAULTS_LATEST : DEFAULTS_025)
  const refs: {name: string; file: string; line: number; column: number}[] = []
  const funcs = input.version === 'latest' ? new Set([...ALERTMANAGER_TEMPLATE_FUNCS, ...ALERTMANAGER_LATER_FUNC_ADDITIONS]) : ALERTMANAGER_TEMPLATE_FUNCS
  const base = dirname(input.configPath)
  for (const p of input.patterns) {
    const pattern = isAbsolute(p.pattern) ? p.pattern : join(base, p.pattern)
    let found: GlobMatch[]
    try {
      found = source.matches ? source.matches(pattern) : source.glob(pattern).map((path) => ({path, kind: 'file' as const}))
    } catch (error) {
      const why = error instanceof GlobError ? error.why : `is a bad pattern: ${(error as Error).message}`
      problems.push(problem(input.configPath, p, 'am/template-parse', 'error', `templates: "${p.pattern}" ${why}`, {hint: error instanceof GlobError ? error.hint : undefined}))
      continue
    }
    // amtool fails on the first match it cannot read (a directory: "is a directory"); one problem names them.
    const others = found.filter((m) => m.kind !== 'file')
    if (others.length > 0) {
      problems.push(problem(input.configPath, p, 'am/template-parse', 'error', `templates: "${p.pattern}": ${notRegular(others)}`, {hint: 'template files must be regular files; narrow the pattern (e.g. templates/*.tmpl)'}))
    }
    for (const {path: file} of found.filter((m) => m.kind === 'file')) {
      let text: string
      try {
        text = source.read(file)
      } catch (error) {
        const e = fileError(file, error)
        problems.push(problem(input.configPath, p, 'am/template-parse', 'error', `cannot read template file ${file}: ${e.why}`, {hint: e.hint}))
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

/** Go filepath.Glob through the bounded glob: absolute paths of the regular files that match. */
export function globFiles(pattern: string): string[] {
  return templateMatches(pattern).filter((m) => m.kind === 'file').map((m) => m.path)
}

function templateMatches(pattern: string): GlobMatch[] {
  return expandGlob(resolve(pattern))
}
