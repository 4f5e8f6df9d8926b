// Service discovery configs (`<name>_sd_configs`) of Prometheus 2.42. static and file are modelled
// fully; the others accept any fields and check only what their UnmarshalYAML requires.
import {anything, isNullNode, list, object, str, type Decoder, type Kind} from '../../yaml/decode.js'
import type {YNode} from '../../yaml/nodes.js'
import {duration, labelSet, nullItems, text} from './kinds.js'

type Obj = Record<string, unknown>
type Check = (o: Obj, err: (field: string, message: string, hint?: string) => void) => void

const FILE_SD_NAME = /^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$/

export const staticConfig: Kind = object({name: 'static config', fields: {targets: list(text), labels: labelSet}})

const fileSd: Kind = object({
  name: 'file_sd config',
  fields: {files: list(str), refresh_interval: duration},
  validate: (o, d) => {
    const files = (o.files as (string | undefined)[] | undefined) ?? []
    if (files.length === 0) d.report(d.at(o), 'file service discovery config must contain at least one path name', {hint: 'list files: [targets/*.json]'})
    for (const f of files) {
      if (f !== undefined && !FILE_SD_NAME.test(f)) d.report(d.at(o, 'files'), `path name ${JSON.stringify(f)} is not valid for file discovery`, {hint: 'use a .json, .yml or .yaml file; * only in the last path element'})
    }
  },
})

const has = (v: unknown): boolean => v !== undefined && v !== null && v !== ''
const oneOf = (o: Obj, f: string, values: string[], def: string, message: (v: string) => string): string | undefined => {
  const v = typeof o[f] === 'string' ? (o[f] as string) : def
  return values.includes(v) ? undefined : message(v)
}

function httpUrl(o: Obj, f: string, err: (field: string, message: string) => void): void {
  const v = o[f]
  if (!has(v)) return err(f, 'URL is missing')
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#]*)/.exec(String(v))
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(String(v))?.[1]?.toLowerCase()
  if (scheme !== 'http' && scheme !== 'https') return err(f, "URL scheme must be 'http' or 'https'")
  if (!m || m[2] === '') err(f, 'host is missing in URL')
}

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const REGION_HINT = 'set region; without it Prometheus asks the EC2 metadata service, which answers only on AWS'

function zookeeper(kind: string): Check {
  return (o, err) => {
    if (!Array.isArray(o.servers) || o.servers.length === 0) err('servers', `${kind} SD config must contain at least one Zookeeper server`)
    if (!Array.isArray(o.paths) || o.paths.length === 0) err('paths', `${kind} SD config must contain at least one path`)
    for (const path of Array.isArray(o.paths) ? o.paths : []) if (!String(path).startsWith('/')) err('paths', `${kind} SD config paths must begin with '/': ${String(path)}`)
  }
}

const CHECKS: Record<string, Check> = {
  azure: (o, err) => {
    const method = typeof o.authentication_method === 'string' ? o.authentication_method : 'OAuth'
    if (!has(o.subscription_id)) err('subscription_id', 'azure SD configuration requires a subscription_id')
    if (method === 'OAuth') for (const f of ['tenant_id', 'client_id', 'client_secret']) if (!has(o[f])) err(f, `azure SD configuration requires a ${f}`)
    if (method !== 'OAuth' && method !== 'ManagedIdentity') err('authentication_method', `unknown authentication_type ${JSON.stringify(method)}. Supported types are "OAuth" or "ManagedIdentity"`)
  },
  dns: (o, err) => {
    if (!Array.isArray(o.names) || o.names.length === 0) err('names', 'DNS-SD config must contain at least one SRV record name')
    const type = typeof o.type === 'string' ? o.type.toUpperCase() : 'SRV'
    if (!['SRV', 'A', 'AAAA'].includes(type)) err('type', `invalid DNS-SD records type ${String(o.type)}`)
    else if (type !== 'SRV' && !has(o.port)) err('port', 'a port is required in DNS-SD configs for all record types except SRV')
  },
  docker: (o, err) => {
    if (!has(o.host)) err('host', 'host missing')
  },
  dockerswarm: (o, err) => {
    if (!has(o.host)) err('host', 'host missing')
    const r = oneOf(o, 'role', ['services', 'tasks', 'nodes'], '', (v) => `invalid role ${v}, expected tasks, services, or nodes`)
    if (r) err('role', r)
  },
  lightsail: (o, err) => {
    if (!has(o.region)) err('region', 'Lightsail SD configuration requires a region', REGION_HINT)
  },
  nerve: zookeeper('nerve'),
  serverset: zookeeper('serverset'),
  triton: (o, err) => {
    if (!has(o.account)) err('account', 'triton SD configuration requires an account')
    if (!has(o.dns_suffix)) err('dns_suffix', 'triton SD configuration requires a dns_suffix')
    if (!has(o.endpoint)) err('endpoint', 'triton SD configuration requires an endpoint')
  },
  ec2: (o, err) => {
    if (!has(o.region)) err('region', 'EC2 SD configuration requires a region', REGION_HINT)
    const filters = Array.isArray(o.filters) ? (o.filters as Obj[]) : []
    for (const f of filters) if (!f || !Array.isArray(f.values) || f.values.length === 0) err('filters', 'EC2 SD configuration filter values cannot be empty')
  },
  eureka: (o, err) => {
    if (!has(o.server)) return err('server', 'eureka_sd: empty or null eureka server')
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]+/.test(String(o.server))) err('server', 'eureka_sd: invalid eureka server URL')
  },
  gce: (o, err) => {
    if (!has(o.project)) err('project', 'GCE SD configuration requires a project')
    if (!has(o.zone)) err('zone', 'GCE SD configuration requires a zone')
  },
  hetzner: (o, err) => {
    const e = oneOf(o, 'role', ['robot', 'hcloud'], '', (v) => `unknown role ${JSON.stringify(v)}`)
    if (e) err('role', e)
  },
  http: (o, err) => httpUrl(o, 'url', err),
  ionos: (o, err) => {
    if (!has(o.datacenter_id)) err('datacenter_id', "datacenter id can't be empty")
  },
  kubernetes: (o, err) => {
    const e = oneOf(o, 'role', ['endpoints', 'endpointslice', 'service', 'pod', 'node', 'ingress'], '', (v) => `role missing (one of: pod, service, endpoints, endpointslice, node, ingress)${v ? `, got ${JSON.stringify(v)}` : ''}`)
    if (e) err('role', e)
  },
  marathon: (o, err) => {
    if (!Array.isArray(o.servers) || o.servers.length === 0) err('servers', 'marathon_sd: must contain at least one Marathon server')
    const token = has(o.auth_token) || has(o.auth_token_file)
    if (has(o.auth_token) && has(o.auth_token_file)) err('auth_token', 'marathon_sd: at most one of auth_token & auth_token_file must be configured')
    if (token && has(o.basic_auth)) err('auth_token', 'marathon_sd: at most one of basic_auth, auth_token & auth_token_file must be configured')
    if (token && (has(o.bearer_token) || has(o.bearer_token_file))) err('auth_token', 'marathon_sd: at most one of bearer_token, bearer_token_file, auth_token & auth_token_file must be configured')
    if (token && has(o.authorization)) err('auth_token', 'marathon_sd: at most one of auth_token, auth_token_file & authorization must be configured')
  },
  openstack: (o, err) => {
    const a = oneOf(o, 'availability', ['public', 'admin', 'internal'], 'public', (v) => `unknown availability ${v}, must be one of admin, internal or public`)
    if (a) err('availability', a)
    const r = oneOf(o, 'role', ['hypervisor', 'instance'], '', (v) => `unknown OpenStack SD role ${JSON.stringify(v)}`)
    if (r) err('role', r)
  },
  ovhcloud: (o, err) => {
    if (!has(o.endpoint)) err('endpoint', 'endpoint can not be empty')
    if (!has(o.application_key)) err('application_key', 'application key can not be empty')
    if (!has(o.application_secret)) err('application_secret', 'application secret can not be empty')
    if (!has(o.consumer_key)) err('consumer_key', 'consumer key can not be empty')
    const s = oneOf(o, 'service', ['vps', 'dedicated_server'], '', (v) => `unknown service: ${v}`)
    if (s) err('service', s)
  },
  puppetdb: (o, err) => {
    httpUrl(o, 'url', err)
    if (!has(o.query)) err('query', 'query missing')
  },
  scaleway: (o, err) => {
    const r = oneOf(o, 'role', ['baremetal', 'instance'], '', (v) => `unknown role ${JSON.stringify(v)}`)
    if (r) err('role', r)
    if (!has(o.project_id)) err('project_id', 'project_id is mandatory')
    else if (!UUID.test(String(o.project_id))) err('project_id', `scaleway-sdk-go: invalid project ID format '${String(o.project_id)}', expected a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`)
    if (!has(o.access_key)) err('access_key', 'access_key is mandatory')
    else if (!/^SCW[A-Z0-9]{17}$/.test(String(o.access_key))) err('access_key', `scaleway-sdk-go: invalid access key format '${String(o.access_key)}', expected SCWXXXXXXXXXXXXXXXXX format`)
    if (has(o.secret_key) && !UUID.test(String(o.secret_key))) err('secret_key', 'scaleway-sdk-go: invalid secret key format, expected a UUID: xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx')
    if (has(o.secret_key) && has(o.secret_key_file)) err('secret_key', 'at most one of secret_key & secret_key_file must be configured')
    else if (!has(o.secret_key) && !has(o.secret_key_file)) err('secret_key', 'one of secret_key & secret_key_file must be configured')
  },
  uyuni: (o, err) => {
    if (!has(o.server)) err('server', 'Uyuni SD configuration requires server host')
    if (!has(o.username)) err('username', 'Uyuni SD configuration requires a username')
    if (!has(o.password)) err('password', 'Uyuni SD configuration requires a password')
  },
}

/** SD mechanisms Prometheus 2.42 knows (Debian's build lacks consul, kubernetes, kuma, linode, nomad). */
const SD_NAMES = ['azure', 'consul', 'digitalocean', 'docker', 'dockerswarm', 'dns', 'ec2', 'eureka', 'gce', 'hetzner', 'http', 'ionos', 'kubernetes', 'kuma', 'lightsail', 'linode', 'marathon', 'nerve', 'nomad', 'openstack', 'ovhcloud', 'puppetdb', 'scaleway', 'serverset', 'triton', 'uyuni', 'vultr']

function lenientSd(name: string): Kind {
  const check = CHECKS[name]
  return (node: YNode, d: Decoder, label: string) => {
    if (isNullNode(node)) return undefined
    if (node.kind !== 'map') {
      d.report(node, `${label} must be a mapping (${name}_sd config)`)
      return undefined
    }
    const o = Object.fromEntries(node.pairs.map((p) => [p.key.value, isNullNode(p.value) ? undefined : anything(p.value, d, p.key.value)])) as Obj
    const at = (f: string) => {
      const p = node.pairs.find((x) => x.key.value === f)
      return p ? {line: p.key.line, column: p.key.column} : {line: node.line, column: node.column}
    }
    check?.(o, (f, message, hint) => d.report(at(f), message, {check: 'prom/sd', hint: hint ?? `fix ${name}_sd_configs.${f}`}))
    return o
  }
}

/** Every `<name>_sd_configs` field plus static_configs, for scrape and alertmanager configs. */
export function sdFields(nullStaticMessage: string): Record<string, Kind> {
  const fields: Record<string, Kind> = {
    static_configs: nullItems(staticConfig, nullStaticMessage, 'remove the empty "-" entry or give it targets'),
    file_sd_configs: list(fileSd),
  }
  for (const name of SD_NAMES) fields[`${name}_sd_configs`] = list(lenientSd(name))
  return fields
}
