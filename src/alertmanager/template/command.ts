// The core of `spock template render`: which files, which data, then render.
import {readFileSafeSync} from '../../files/read.js'
import type {AlertmanagerTemplateVersion} from '../../gotemplate/am-funcs.js'
import {UsageError} from '../../errors.js'
import type {AlertmanagerConfig} from '../config/model.js'
import {checkRoute} from '../route-test.js'
import {buildRouteTree} from '../routing.js'
import {amtoolDefaultData, dataFromJson, type DataInput, syntheticData} from './data.js'
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
