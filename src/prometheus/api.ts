// Typed Prometheus /api/v1 calls; the envelope is unwrapped and checked here.
import type {HttpClient} from '../http/client.js'
import {parseResponse} from '../http/parse.js'
import {buildInfo, envelope, runtimeInfo, type BuildInfo, type RuntimeInfo} from './schemas.js'

export async function getBuildInfo(http: HttpClient): Promise<BuildInfo> {
  const body = await http.getJson('/api/v1/status/buildinfo')
  return parseResponse(envelope(buildInfo), body, `${http.displayUrl}/api/v1/status/buildinfo`).data
}

export async function getRuntimeInfo(http: HttpClient): Promise<RuntimeInfo> {
  const body = await http.getJson('/api/v1/status/runtimeinfo')
  return parseResponse(envelope(runtimeInfo), body, `${http.displayUrl}/api/v1/status/runtimeinfo`).data
}
