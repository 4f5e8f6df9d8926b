// Prometheus 2.42's expansion of alerting-rule labels and annotations (rules/alerting.go Eval):
// the $labels/$externalLabels/$externalURL/$value preamble, missingkey=zero, and errors put in place
// of the text as `<error expanding template: ...>`.
import {PROMETHEUS_ALERT_TEMPLATE_PREFIX} from './check.js'
import {TemplateExecError, TemplateSet} from './exec.js'
import type {PromTemplateVersion} from './funcs.js'
import {type PrometheusFuncOptions, prometheusFuncs, type QueryFunc} from './prom-funcs.js'
import {stringMap, withGoType} from './values.js'

interface RuleTemplateContext {
  /** The alert's sample labels (what $labels holds). */
  labels: Record<string, string>
  externalLabels?: Record<string, string>
  /** The alert's sample value ($value, a float64). */
  value: number
  externalURL?: string
  /**
   * The URL the externalURL and pathPrefix functions see, when it differs from $externalURL: promtool's rule
   * manager has none (`urlFunctions: undefined` makes them fail as there). Default: externalURL.
   */
  urlFunctions?: string
  /** The alerting rule's name: templates are named `__alert_<name>` in messages. */
  alertName?: string
  query?: QueryFunc
  /** Evaluation time, Unix seconds (Prometheus 3's `now`). */
  now?: number
  version?: PromTemplateVersion
}

const DATA_TYPE = 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }'

/** Expand one label or annotation value as Prometheus does; a failure becomes the error text, never a throw. */
export function expandRuleTemplate(text: string, ctx: RuleTemplateContext): string {
  const r = tryExpandRuleTemplate(text, ctx)
  return r.ok ? r.text : `<error expanding template: ${r.error}>`
}

/** Same as expandRuleTemplate, with the error apart (Prometheus logs it as "Expanding alert template failed"). */
function tryExpandRuleTemplate(text: string, ctx: RuleTemplateContext): {ok: true; text: string} | {ok: false; error: string} {
  const name = `__alert_${ctx.alertName ?? ''}`
  const data = withGoType(
    {
      Labels: stringMap({...ctx.labels}),
      ExternalLabels: stringMap({...(ctx.externalLabels ?? {})}),
      ExternalURL: ctx.externalURL ?? '',
      Value: ctx.value,
    },
    {name: DATA_TYPE, kind: 'struct'},
  )
  const version = ctx.version ?? '2.42'
  const shared = (SHARED[version] ??= sharedFuncs(version))
  Object.assign(shared.opts, {query: ctx.query, externalURL: 'urlFunctions' in ctx ? ctx.urlFunctions : ctx.externalURL, now: ctx.now})
  try {
    const set = parsed(version, name, text, shared.set)
    return {ok: true, text: set.execute(name, data)}
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e
    const what = e.phase === 'parse' ? 'parsing' : 'executing'
    return {ok: false, error: `error ${what} template ${name}: ${e.message}`}
  }
}

// Alerts re-expand the same few templates at every evaluation: parse each (name, text) once, and
// keep one func map per version whose options are set before each (synchronous) execution.
interface Shared {
  opts: PrometheusFuncOptions
  set: (name: string, text: string) => TemplateSet
}
const SHARED: Partial<Record<PromTemplateVersion, Shared>> = {}
const CACHE = new Map<string, TemplateSet | TemplateExecError>()
const CACHE_LIMIT = 2000

function sharedFuncs(version: PromTemplateVersion): Shared {
  const opts: PrometheusFuncOptions = {version}
  const funcs = prometheusFuncs(opts)
  return {opts, set: (name, text) => new TemplateSet(funcs).option('missingkey=zero').parse(name, PROMETHEUS_ALERT_TEMPLATE_PREFIX + text)}
}

function parsed(version: PromTemplateVersion, name: string, text: string, make: Shared['set']): TemplateSet {
  const key = `${version}\0${name}\0${text}`
  let hit = CACHE.get(key)
  if (hit === undefined) {
    try {
      hit = make(name, text)
    } catch (e) {
      if (!(e instanceof TemplateExecError)) throw e
      hit = e
    }
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear()
    CACHE.set(key, hit)
  }
  if (hit instanceof TemplateExecError) throw hit
  return hit
}
