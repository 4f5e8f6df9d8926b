// Which proxy a request goes through, from HTTP_PROXY, HTTPS_PROXY and NO_PROXY, by the rules of Go's
// net/http ProxyFromEnvironment (what promtool and amtool use), so one environment routes all three alike:
// - the upper-case name wins over the lower-case one when both are set and not empty;
// - http:// URLs use HTTP_PROXY, https:// URLs use HTTPS_PROXY only (no fall-back to HTTP_PROXY);
// - "localhost" and loopback IPs (127.0.0.0/8, ::1) never go through a proxy;
// - NO_PROXY is a comma-separated list: "*" (no proxy at all), an IP (1.2.3.4), a CIDR (10.0.0.0/8), or a
//   domain that matches itself and its subdomains ("example.com"; ".example.com" or "*.example.com" only
//   subdomains); an IP or domain may carry a port (example.com:8080) that must then match too;
// - a proxy value without a scheme means http:// (proxy.corp:3128).
// Not copied from Go: the CGI rule (HTTP_PROXY ignored when REQUEST_METHOD is set) does not apply to a CLI.
// undici's EnvHttpProxyAgent differs on the first four points, hence this module.
import {BlockList, isIP} from 'node:net'
import {ConfigError} from '../errors.js'
import {redactUrl} from './redact.js'

type Env = Readonly<Record<string, string | undefined>>

/** The proxy URL for a request to `url`, or undefined for a direct connection. */
export function proxyFor(url: URL, env: Env): URL | undefined {
  const name = url.protocol === 'https:' ? 'HTTPS_PROXY' : url.protocol === 'http:' ? 'HTTP_PROXY' : undefined
  if (!name) return undefined
  const [raw, from] = envAny(env, name)
  if (!raw) return undefined
  if (!useProxy(url, envAny(env, 'NO_PROXY')[0] ?? '')) return undefined
  return parseProxy(raw, from)
}

function envAny(env: Env, name: string): [string | undefined, string] {
  for (const key of [name, name.toLowerCase()]) {
    const value = env[key]
    if (value) return [value, key]
  }
  return [undefined, name]
}

/** A proxy URL; without a known scheme it is read as http://host:port, as Go does. */
function parseProxy(raw: string, from: string): URL {
  const attempt = (text: string): URL | undefined => {
    try {
      const u = new URL(text)
      return ['http:', 'https:'].includes(u.protocol) && u.hostname ? u : undefined
    } catch {
      return undefined
    }
  }
  const url = attempt(raw) ?? (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? undefined : attempt(`http://${raw}`))
  if (url) return url
  throw new ConfigError(`invalid proxy URL "${redactUrl(raw)}" in ${from}`, {
    hint: 'write it as http://host:port or https://host:port (SOCKS proxies are not supported)',
  })
}

/** False when the host is loopback or matches NO_PROXY. */
export function useProxy(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase()
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  const ip = isIP(host)
  if (host === 'localhost' || (ip && isLoopback(host, ip))) return false
  for (const item of noProxy.split(',')) {
    const entry = item.trim().toLowerCase()
    if (!entry) continue
    if (entry === '*') return false
    if (matches(entry, host, ip, port)) return false
  }
  return true
}

let loopback: BlockList | undefined
function isLoopback(host: string, family: number): boolean {
  if (!loopback) {
    loopback = new BlockList()
    loopback.addSubnet('127.0.0.0', 8, 'ipv4')
    loopback.addAddress('::1', 'ipv6')
  }
  return loopback.check(host, family === 6 ? 'ipv6' : 'ipv4') // ::ffff:127.0.0.1 included
}

function matches(entry: string, host: string, ip: number, port: string): boolean {
  const slash = entry.indexOf('/')
  if (slash > 0) {
    // CIDR: applies to IP hosts only, any port.
    const base = entry.slice(0, slash)
    const family = isIP(base)
    const bits = Number(entry.slice(slash + 1))
    if (!family || !ip || !/^\d+$/.test(entry.slice(slash + 1)) || bits > (family === 6 ? 128 : 32)) return false
    const list = new BlockList()
    list.addSubnet(base, bits, family === 6 ? 'ipv6' : 'ipv4')
    return list.check(host, ip === 6 ? 'ipv6' : 'ipv4')
  }
  const [name, entryPort] = splitPort(entry)
  if (entryPort && entryPort !== port) return false
  if (isIP(name)) return ip !== 0 && sameIp(name, host)
  if (name.startsWith('*.')) return host.endsWith(name.slice(1))
  if (name.startsWith('.')) return host.endsWith(name)
  return host === name || host.endsWith(`.${name}`)
}

function splitPort(entry: string): [string, string | undefined] {
  const bracketed = /^\[(.*)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return [bracketed[1]!, bracketed[2]]
  const m = /^([^:]+):(\d+)$/.exec(entry)
  return m ? [m[1]!, m[2]] : [entry, undefined]
}

function sameIp(a: string, b: string): boolean {
  if (a === b) return true
  const family = isIP(a)
  if (family !== isIP(b)) return false
  const list = new BlockList()
  list.addAddress(a, family === 6 ? 'ipv6' : 'ipv4')
  return list.check(b, family === 6 ? 'ipv6' : 'ipv4')
}
