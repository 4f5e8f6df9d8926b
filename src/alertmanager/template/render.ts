// Render notification templates as Alertmanager 0.25 does (template.FromGlobs + ExecuteTextString):
// the built-in templates, then every file the config's `templates:` globs match (each named after its
// base name), then the text itself as a template named "", with missingkey=zero.
import {basename, dirname, isAbsolute, join} from 'node:path'
import {alertmanagerFuncs, type AlertmanagerTemplateVersion} from '../../gotemplate/am-funcs.js'
import {TemplateExecError, TemplateSet} from '../../gotemplate/exec.js'
import {globFiles} from '../config/templates.js'
import {readFileSafeSync} from '../../files/read.js'
import {UsageError} from '../../errors.js'
import {type DataInput, templateData} from './data.js'
import {DEFAULT_TMPL_025} from './defaults.js'
import {EMAIL_TMPL_025} from './email.js'

interface RenderInput {
  /** Template text to render (amtool --template.text). */
  text: string
  /** Template files, in order (already expanded paths). */
  files: readonly string[]
  data: DataInput
  version?: AlertmanagerTemplateVersion
}

/** Go's error text when rendering fails (amtool prints `amtool: error: <message>`). */
export class TemplateRenderError extends UsageError {
  constructor(message: string) {
    super(message, {hint: 'fix the template; this is the error Alertmanager would log when sending'})
  }
}

/** text: text/template (every field but these); html: html/template's escaping (email html, Telegram HTML, Pushover html). */
export type FieldMode = 'text' | 'html'

/** The built-ins, parsed once per version (parsed trees are never changed by execution; each use clones the set). */
const BUILTINS = new Map<AlertmanagerTemplateVersion, TemplateSet>()

function builtinTemplates(version: AlertmanagerTemplateVersion): TemplateSet {
  let set = BUILTINS.get(version)
  if (!set) {
    set = new TemplateSet(alertmanagerFuncs(version)).option('missingkey=zero')
    set.parse('default.tmpl', DEFAULT_TMPL_025)
    set.parse('email.tmpl', EMAIL_TMPL_025)
    BUILTINS.set(version, set)
  }
  return set
}

/** The template set Alertmanager builds: built-ins, then the files. */
export function notificationTemplates(files: readonly string[], version: AlertmanagerTemplateVersion = '0.25'): TemplateSet {
  const set = builtinTemplates(version).clone()
  try {
    for (const f of files) set.parse(basename(f), readFileSafeSync(f).toString('utf8'))
  } catch (e) {
    if (e instanceof TemplateExecError) throw new TemplateRenderError(e.message)
    throw e
  }
  return set
}

/** ExecuteTextString: an empty text renders as "" (nothing is parsed). */
export function renderTemplate(input: RenderInput): string {
  if (input.text === '') return ''
  const set = notificationTemplates(input.files, input.version)
  try {
    set.parse('', input.text)
    return set.execute('', templateData(input.data))
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e
    throw new TemplateRenderError(e.message)
  }
}

/**
 * ExecuteTextString / ExecuteHTMLString of one field on a set built once: the text is parsed as template ""
 * into a copy of the set (a field's own defines do not leak into the next field). data: templateData(...).
 */
export function executeField(set: TemplateSet, text: string, data: unknown, mode: FieldMode = 'text'): string {
  if (text === '') return ''
  const own = set.clone()
  try {
    own.parse('', text)
    return own.execute('', data, undefined, {html: mode === 'html'})
  } catch (e) {
    if (e instanceof TemplateExecError) throw new TemplateRenderError(e.message)
    throw e
  }
}

/** The files the config's `templates:` patterns match, relative to the config's directory, in Go's glob order. */
export function configTemplateFiles(configPath: string, patterns: readonly string[]): string[] {
  const base = dirname(configPath)
  return patterns.flatMap((p) => globFiles(isAbsolute(p) ? p : join(base, p)).sort())
}
