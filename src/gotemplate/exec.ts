// Go text/template execution (Go 1.19 semantics): parse a text (plus other named
// templates) and execute it on JS data. See values.ts for how Go values map to JS.
import {BUILTINS} from './builtins.js'
import {HtmlContext, htmlModeFuncs} from './html-escape.js'
import {ExecState, type MissingKey, TemplateExecError} from './exec-state.js'
import {type ParsedTree, parseTemplateTrees} from './parser.js'
import {isEmptyList} from './nodes.js'
import type {TemplateFunc} from './signature.js'

export {TemplateExecError} from './exec-state.js'
export type {MissingKey} from './exec-state.js'

export type FuncMap = Record<string, (...a: never[]) => unknown>

interface ExecOptions {
  /** Functions beyond Go's builtins (they override builtins of the same name, as in Go). */
  funcs?: FuncMap
  /** Name of the template (messages: `template: NAME:1:2: ...`); default `template`. */
  name?: string
  /** Other templates parsed first, each as its own Parse call: name (e.g. a file's base name) → text. */
  templates?: Record<string, string> | ReadonlyMap<string, string> | ReadonlyArray<readonly [string, string]>
  /** `missingkey=default|invalid|zero|error`, as Template.Option. */
  option?: string | readonly string[]
  /** Stop a runaway template after this many nested {{template}} calls (Go: 100000). */
  maxDepth?: number
  /** Stop after this many executed actions and commands. */
  maxSteps?: number
}

const DEFAULT_MAX_DEPTH = 100000
const DEFAULT_MAX_STEPS = 5_000_000

/** A set of parsed templates sharing one func map, as a Go *template.Template and its associates. */
export class TemplateSet {
  readonly trees = new Map<string, ParsedTree>()
  readonly funcs: Record<string, TemplateFunc>
  private readonly funcNames: ReadonlySet<string>
  missingKey: MissingKey = 'default'
  maxDepth = DEFAULT_MAX_DEPTH
  maxSteps = DEFAULT_MAX_STEPS

  constructor(funcs: FuncMap = {}) {
    this.funcs = {...BUILTINS, ...(funcs as Record<string, TemplateFunc>)}
    this.funcNames = new Set(Object.keys(this.funcs))
  }

  /** Template.Option. Throws on an unknown option, with Go's panic text. */
  option(opt: string): this {
    const m = /^missingkey=(.*)$/.exec(opt)
    if (!m) throw new TemplateExecError(`unrecognized option: ${opt}`, '', 'parse')
    const v = m[1]!
    if (v !== 'default' && v !== 'invalid' && v !== 'zero' && v !== 'error') {
      throw new TemplateExecError(`unrecognized option: ${opt}`, '', 'parse')
    }
    this.missingKey = v
    return this
  }

  /** Template.New(name).Parse(text): adds every tree; a later non-empty definition replaces an earlier one. */
  parse(name: string, text: string): this {
    const r = parseTemplateTrees(text, {name, funcs: this.funcNames})
    if (!r.ok) throw new TemplateExecError(r.error.message, name, 'parse')
    for (const [n, tree] of r.trees) {
      const old = this.trees.get(n)
      if (old !== undefined && isEmptyList(tree.root)) continue
      this.trees.set(n, tree)
    }
    return this
  }

  /** Template.Clone: the same trees and options; later parses into the copy leave this set alone. */
  clone(): TemplateSet {
    const copy = new TemplateSet()
    ;(copy as {funcs: Record<string, TemplateFunc>}).funcs = this.funcs
    ;(copy as unknown as {funcNames: ReadonlySet<string>}).funcNames = this.funcNames
    for (const [n, t] of this.trees) copy.trees.set(n, t)
    copy.missingKey = this.missingKey
    copy.maxDepth = this.maxDepth
    copy.maxSteps = this.maxSteps
    return copy
  }

  has(name: string): boolean {
    return this.trees.has(name)
  }

  /**
   * ExecuteTemplate(name, data) → the output. Throws TemplateExecError. `funcs` replaces the set's own (same names).
   * html: escape as html/template does (see html-escape.ts); safeHtml/safeUrl then return typed strings.
   */
  execute(name: string, data: unknown, funcs: Readonly<Record<string, TemplateFunc>> = this.funcs, opts: {html?: boolean} = {}): string {
    const tree = this.trees.get(name)
    if (tree === undefined) {
      throw new TemplateExecError(`template: no template "${name}" associated with template "${name}"`, name)
    }
    const html = opts.html ? new HtmlContext() : undefined
    const fns = html ? (htmlModeFuncs(funcs as FuncMap) as Record<string, TemplateFunc>) : funcs
    const env = {trees: this.trees, funcs: fns, missingKey: this.missingKey, maxDepth: this.maxDepth, maxSteps: this.maxSteps, html}
    return new ExecState(env, tree, data).run(data)
  }
}

/** Parse `text` (after opts.templates) and execute it on `data`. Throws TemplateExecError (phase parse or exec). */
export function executeTemplate(text: string, data: unknown, opts: ExecOptions = {}): string {
  const set = new TemplateSet(opts.funcs)
  const options = opts.option === undefined ? [] : typeof opts.option === 'string' ? [opts.option] : opts.option
  for (const o of options) set.option(o)
  if (opts.maxDepth !== undefined) set.maxDepth = opts.maxDepth
  if (opts.maxSteps !== undefined) set.maxSteps = opts.maxSteps
  const others = opts.templates === undefined ? [] : opts.templates instanceof Map || Array.isArray(opts.templates)
    ? [...(opts.templates as Iterable<readonly [string, string]>)]
    : Object.entries(opts.templates as Record<string, string>)
  for (const [n, t] of others) set.parse(n, t)
  const name = opts.name ?? 'template'
  set.parse(name, text)
  return set.execute(name, data)
}
