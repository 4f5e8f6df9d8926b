// The prometheus.yml schema of Prometheus 2.42 (config/config.go): every field, strict.
import {bool, checkedString, int, isNullNode, list, map, object, secret, str, uint, type Decoder, type Kind} from '../../yaml/decode.js'
import {hasAuth, httpClientFields, validateHttpClient} from './http-client.js'
import {byteSize, duration, labelSet, nullItems, text, url} from './kinds.js'
import {relabelList} from './relabel.js'
import {sdFields} from './sd.js'

type Obj = Record<string, unknown>

const float: Kind = (node, d, label) => {
  if (isNullNode(node)) return undefined
  const v = node.kind === 'scalar' && node.style === 'plain' ? Number(node.value.replace(/_/g, '')) : NaN
  if (Number.isFinite(v)) return v
  d.report(node, `${label} must be a number`)
  return undefined
}

const globalConfig = object({
  name: 'global config',
  fields: {scrape_interval: duration, scrape_timeout: duration, evaluation_interval: duration, query_log_file: str, external_labels: labelSet},
})

const scrapeConfig = object({
  name: 'scrape config',
  fields: {
    job_name: str,
    honor_labels: bool,
    honor_timestamps: bool,
    params: map(list(str)),
    scrape_interval: duration,
    scrape_timeout: duration,
    metrics_path: str,
    scheme: str,
    body_size_limit: byteSize,
    sample_limit: uint,
    target_limit: uint,
    label_limit: uint,
    label_name_length_limit: uint,
    label_value_length_limit: uint,
    relabel_configs: relabelList('empty or null target relabeling rule in scrape config'),
    metric_relabel_configs: relabelList('empty or null metric relabeling rule in scrape config'),
    ...httpClientFields,
    ...sdFields('empty or null section in static_configs'),
  },
  // job_name and the HTTP client are checked in cross.ts, so they are reported even when a nested field fails
})

const API_VERSIONS = ['v1', 'v2']
const alertmanagerConfig = object({
  name: 'alertmanager config',
  fields: {
    api_version: checkedString((v) => (API_VERSIONS.includes(v) ? undefined : `expected Alertmanager api version to be one of [v1 v2] but got ${v}`)),
    path_prefix: str,
    scheme: str,
    timeout: duration,
    relabel_configs: relabelList('empty or null Alertmanager target relabeling rule'),
    ...httpClientFields,
    ...sdFields('empty or null section in static_configs'),
  },
  validate: (o, d) => void validateHttpClient(o, d),
})

const alertingConfig = object({
  name: 'alerting config',
  fields: {
    alert_relabel_configs: relabelList('empty or null alert relabeling rule'),
    alertmanagers: nullItems(alertmanagerConfig, 'empty or null alert manager config'),
  },
})

const RESERVED_HEADERS = ['content-encoding', 'content-length', 'content-type', 'user-agent', 'x-prometheus-remote-write-version', 'x-prometheus-remote-read-version']

function validateHeaders(o: Obj, d: Decoder): void {
  const headers = (o.headers as Record<string, unknown> | undefined) ?? {}
  for (const h of Object.keys(headers)) {
    const lower = h.toLowerCase()
    if (lower === 'authorization') d.report(d.keyAt(o, 'headers'), 'authorization header must be changed via the basic_auth, authorization, oauth2, or sigv4 parameter', {hint: 'remove the Authorization header and use basic_auth, authorization, oauth2 or sigv4'})
    else if (RESERVED_HEADERS.includes(lower)) d.report(d.keyAt(o, 'headers'), `${h} is a reserved header. It must not be changed`, {hint: `remove the ${h} header`})
  }
}

const queueConfig = object({
  name: 'queue_config',
  fields: {capacity: int, max_shards: int, min_shards: int, max_samples_per_send: int, batch_send_deadline: duration, min_backoff: duration, max_backoff: duration, retry_on_http_429: bool},
})
const metadataConfig = object({name: 'metadata_config', fields: {send: bool, send_interval: duration, max_samples_per_send: int}})
const sigv4 = object({name: 'sigv4', fields: {region: str, access_key: str, secret_key: secret, profile: str, role_arn: str}})

const remoteWriteConfig = object({
  name: 'remote_write config',
  fields: {
    url,
    remote_timeout: duration,
    headers: map(str),
    write_relabel_configs: relabelList('empty or null relabeling rule in remote write config'),
    name: str,
    send_exemplars: bool,
    send_native_histograms: bool,
    queue_config: queueConfig,
    metadata_config: metadataConfig,
    sigv4,
    ...httpClientFields,
  },
  validate: (o, d) => {
    if (!o.url) d.report(d.at(o), 'url for remote_write is empty', {hint: 'set url to the remote write endpoint'})
    validateHeaders(o, d)
    if (validateHttpClient(o, d) === 0 && o.sigv4 && hasAuth(o)) {
      d.report(d.keyAt(o, 'sigv4'), 'at most one of basic_auth, authorization, oauth2, & sigv4 must be configured', {hint: 'keep one way to authenticate and remove the others'})
    }
  },
})

const remoteReadConfig = object({
  name: 'remote_read config',
  fields: {url, remote_timeout: duration, headers: map(str), read_recent: bool, name: str, required_matchers: map(text), filter_external_labels: bool, ...httpClientFields},
  validate: (o, d) => {
    if (!o.url) d.report(d.at(o), 'url for remote_read is empty', {hint: 'set url to the remote read endpoint'})
    validateHeaders(o, d)
    validateHttpClient(o, d)
  },
})

const storageConfig = object({
  name: 'storage config',
  fields: {
    tsdb: object({name: 'tsdb config', fields: {out_of_order_time_window: duration}}),
    exemplars: object({name: 'exemplars config', fields: {max_exemplars: int}}),
  },
})

const tracingConfig = object({
  name: 'tracing config',
  fields: {
    client_type: str,
    endpoint: str,
    sampling_fraction: float,
    insecure: bool,
    headers: map(str),
    compression: str,
    timeout: duration,
    tls_config: httpClientFields.tls_config!,
  },
  validate: (o, d) => {
    const type = (o.client_type as string | undefined) ?? 'grpc'
    const err = (f: string, message: string, hint: string) => d.report(d.has(o, f) ? d.keyAt(o, f) : d.at(o), message, {hint})
    if (type !== 'http' && type !== 'grpc') err('client_type', `expected tracing client type to be to be http or grpc, but got ${type}`, 'use client_type: grpc or http')
    if (!o.endpoint) err('endpoint', 'tracing endpoint must be set', 'set tracing.endpoint, or remove the tracing section')
    if (o.compression !== undefined && o.compression !== '' && o.compression !== 'gzip') err('compression', `invalid compression type ${String(o.compression)} provided, valid options: gzip`, 'use compression: gzip or leave it out')
    validateHeaders(o, d)
  },
})

export const configSchema: Kind = object({
  name: 'prometheus config',
  fields: {
    global: globalConfig,
    alerting: alertingConfig,
    rule_files: list(str),
    scrape_configs: nullItems(scrapeConfig, 'empty or null scrape config section'),
    remote_write: nullItems(remoteWriteConfig, 'empty or null remote write config section'),
    remote_read: nullItems(remoteReadConfig, 'empty or null remote read config section'),
    storage: storageConfig,
    tracing: tracingConfig,
  },
})


