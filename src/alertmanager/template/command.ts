// The core of `spock template render`: which files, which data, then render.
import {readFileSafeSync} from '../../files/read.js'
import type {AlertmanagerTemplateVersion} from '../../gotemplate/am-funcs.js'
import {UsageError} from '../../errors.js'
import type {AlertmanagerConfig} from '../config/model.js'
import {parsePlain} from '../../yaml/plain.js'
import {checkRoute} from '../route-test.js'
import {groupLabels, labelSetString, routeKey} from '../group-key.js'
import {buildRouteTree, matchRoutes, type RouteNode} from '../routing.js'
import {amtoolDefaultData, dataFromJson, type DataInput, syntheticData} from './data.js'
import {renderReceiver, type RenderedIntegration} from './receiver.js'
import {configTemplateFiles, renderTemplate} from './render.js'

export interface RenderResult {
  output: string
}

interface RenderRequest {
  text: string
  /** The loaded config and where it came from (its `templates:` are read relative to it). */
  config?: {config: AlertmanagerConfig; path?: string}
  /** Extra template files or globs (amtool --template.glob). */
  templateFiles?: readonly string[]
  /** A template.Data JSON file (amtool --template.data). */
  dataFile?: string
  /** Labels of one synthetic firing alert; none (and no data file): amtool's built-in data. */
  labels?: Record<string, string>
  version?: AlertmanagerTemplateVersion
}

export function renderRequest(req: RenderRequest): RenderResult {
  const files: string[] = []
  if (req.config?.path && req.config.config.templates.length > 0) files.push(...configTemplateFiles(req.config.path, req.config.config.templates))
  for (const f of req.templateFiles ?? []) files.push(...configTemplateFiles(`${process.cwd()}/-`, [f]))
  return {output: renderTemplate({text: req.text, files, data: chooseData(req), version: req.version})}
}

function chooseData(req: RenderRequest): DataInput {
  const labels = req.labels ?? {}
  if (req.dataFile !== undefined) {
    if (Object.keys(labels).length > 0) throw new UsageError('give either --data or LABEL=VALUE arguments, not both', {hint: 'the data file already holds the alerts'})
    return dataFromJson(readFileSafeSync(req.dataFile).toString('utf8'), req.dataFile)
  }
  if (Object.keys(labels).length === 0) return amtoolDefaultData()
  let receiver = ''
  if (req.config) receiver = checkRoute(req.config.config, buildRouteTree(req.config.config), labels).receivers[0] ?? ''
  return syntheticData(labels, {receiver})
}

interface ReceiverRenderRequest {
  receiver: string
  /** The loaded config, the file it came from and its text (the receiver's integrations are read from the text). */
  config: {config: AlertmanagerConfig; path: string; text: string}
  templateFiles?: readonly string[]
  /** A template.Data JSON file instead of the synthetic group. */
  dataFile?: string
  /** Labels and annotations of the one synthetic firing alert. */
  labels?: Record<string, string>
  annotations?: Record<string, string>
  version?: AlertmanagerTemplateVersion
  now?: number
}

/** The label an alert gets when none are given on the command line. */
const DEFAULT_LABELS = {alertname: 'ExampleAlert'}

/**
 * `template render --receiver`: every field of every integration of the receiver, for one synthetic firing
 * alert grouped as the route that sends it to this receiver groups it (or a --data group).
 */
export function renderReceiverRequest(req: ReceiverRenderRequest): RenderedIntegration[] {
  const {config, path, text} = req.config
  if (!config.receivers.some((r) => r.name === req.receiver)) {
    const names = config.receivers.map((r) => r.name)
    throw new UsageError(`no receiver named ${JSON.stringify(req.receiver)} in ${path}`, {hint: names.length > 0 ? `receivers: ${names.join(', ')}` : 'the config has no receivers'})
  }
  const files = [...(req.templateFiles ?? []).flatMap((f) => configTemplateFiles(`${process.cwd()}/-`, [f]))]
  const raw = (parsePlain(text) ?? {}) as Record<string, unknown>
  const opts = {configPath: path, templateFiles: files, version: req.version}
  if (req.dataFile !== undefined) {
    if (Object.keys(req.labels ?? {}).length > 0 || Object.keys(req.annotations ?? {}).length > 0) {
      throw new UsageError('give either --data or LABEL=VALUE arguments and --annotation, not both', {hint: 'the data file already holds the alerts'})
    }
    return renderReceiver(raw, req.receiver, dataFromJson(readFileSafeSync(req.dataFile).toString('utf8'), req.dataFile), opts)
  }
  const labels = Object.keys(req.labels ?? {}).length > 0 ? req.labels! : DEFAULT_LABELS
  const route = config.route ? routeFor(buildRouteTree(config), req.receiver, labels) : undefined
  const grouped = route ? groupLabels(route.node, labels) : {...labels}
  const data = syntheticData(labels, {receiver: req.receiver, annotations: req.annotations, now: req.now})
  data.groupLabels = grouped
  return renderReceiver(raw, req.receiver, data, {...opts, groupKey: route ? `${route.key}:${labelSetString(grouped)}` : undefined})
}

/** The route that sends these labels to the receiver, else the first route naming it, else the root. */
function routeFor(tree: RouteNode, receiver: string, labels: Record<string, string>): {node: RouteNode; key: string} {
  let node = matchRoutes(tree, labels).find((m) => m.receiver === receiver)?.route
  if (!node) {
    const stack = [tree]
    while (stack.length > 0 && !node) {
      const r = stack.shift()!
      if (r.receiver === receiver) node = r
      stack.push(...r.routes)
    }
  }
  node ??= tree
  return {node, key: routeKey(tree, node.path)}
}

