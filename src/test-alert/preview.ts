// --channel log (and --direct): what each integration of a receiver would send for the test alert, rendered
// with the receiver's real templates as Alertmanager renders them (renderReceiver), from the same group
// Alertmanager would make: the route's group labels and group key, or the temporary path's root route.
import {join} from 'node:path'
import {renderReceiver, type RenderedIntegration} from '../alertmanager/template/receiver.js'
import type {DataInput} from '../alertmanager/template/data.js'
import {SpockError} from '../errors.js'
import type {RouteNode} from '../alertmanager/routing.js'
import type {SyntheticAlert} from '../notify/alert.js'
import {labelSetString} from '../alertmanager/group-key.js'
import {forecast} from './grouping.js'
import type {TargetPlan} from './plan.js'

export interface ReceiverPreview {
  receiver: string
  /** route: the group its route makes; temporary: a root route grouping by every label. */
  path: 'route' | 'temporary'
  labels: Record<string, string>
  groupKey: string
  integrations: RenderedIntegration[]
  /** The template error Alertmanager would log instead of sending. */
  error?: string
}

interface PreviewInput {
  raw: Record<string, unknown>
  /** --config, or undefined for the running config (whose template paths Alertmanager made absolute). */
  configPath: string | undefined
  tree: RouteNode
  alert: SyntheticAlert
  /** The URL Alertmanager links back to (.ExternalURL). */
  externalURL: string
}

/** Through a route: the group of the route the plan aims at. */
export function previewRouted(t: TargetPlan, i: PreviewInput): ReceiverPreview {
  const group = forecast(i.tree, t.labels, t.uniqueLabels, []).find((g) => g.receiver === t.receiver)
  const groupLabels = group?.groupLabels ?? t.labels
  return render(t.receiver, 'route', {...i.alert, labels: t.labels}, groupLabels, group?.groupKey ?? `{}:${labelSetString(groupLabels)}`, i)
}

/** On a temporary Alertmanager: its root route groups by every label ('...'). */
export function previewTemporary(receiver: string, i: PreviewInput): ReceiverPreview {
  return render(receiver, 'temporary', i.alert, i.alert.labels, `{}:${labelSetString(i.alert.labels)}`, i)
}

function render(receiver: string, path: ReceiverPreview['path'], alert: SyntheticAlert, groupLabels: Record<string, string>, groupKey: string, i: PreviewInput): ReceiverPreview {
  const out: ReceiverPreview = {receiver, path, labels: alert.labels, groupKey, integrations: []}
  try {
    out.integrations = renderReceiver(i.raw, receiver, groupData(receiver, alert, groupLabels, i.externalURL), {
      configPath: i.configPath ?? join(process.cwd(), 'alertmanager.yml'),
      groupKey,
    })
  } catch (err) {
    if (!(err instanceof SpockError)) throw err
    out.error = err.message
  }
  return out
}

/** template.Data of a group holding just the test alert. */
export function groupData(receiver: string, a: SyntheticAlert, groupLabels: Record<string, string>, externalURL: string): DataInput {
  return {
    receiver,
    status: 'firing',
    alerts: [{status: 'firing', labels: a.labels, annotations: a.annotations, startsAt: a.startsAt, endsAt: a.endsAt, generatorURL: '', fingerprint: ''}],
    groupLabels,
    commonLabels: a.labels,
    commonAnnotations: a.annotations,
    externalURL,
  }
}
