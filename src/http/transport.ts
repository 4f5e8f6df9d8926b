// HTTP(S) requests on node:http keep-alive agents: built into Node, so a command pays nothing to load them.
import {Agent as HttpAgent, request as httpRequest, type IncomingMessage} from 'node:http'
import {Agent as HttpsAgent, request as httpsRequest} from 'node:https'
import {defaultCa} from './extra-ca.js'
import {timeoutError} from './wire.js'

export interface TlsOptions {
  ca?: Buffer
  cert?: Buffer
  key?: Buffer
  rejectUnauthorized: boolean
  servername?: string
}

export interface RawResponse {
  status: number
  headers: IncomingMessage['headers']
  text: string
}

export interface Transport {
  request(url: URL, init: {method: string; headers: Record<string, string>; body?: string; timeoutMs: number}): Promise<RawResponse>
  close(): void
}

/** One keep-alive pool per server; at most `sockets` requests in flight, the rest queue. */
export function createTransport(tls: TlsOptions, sockets = 16): Transport {
  const http = new HttpAgent({keepAlive: true, maxSockets: sockets})
  let https: HttpsAgent | undefined // made on the first https request: plain http never reads CA files
  const httpsAgent = (): HttpsAgent => (https ??= new HttpsAgent({keepAlive: true, maxSockets: sockets, ...tls, ca: tls.ca ?? defaultCa()}))
  return {
    request: (url, init) =>
      new Promise((resolve, reject) => {
        const secure = url.protocol === 'https:'
        const headers = init.body === undefined ? init.headers : {...init.headers, 'content-length': String(Buffer.byteLength(init.body))}
        // One plain timer per request: cheaper than an AbortSignal when a command sends thousands.
        const timer = setTimeout(() => {
          reject(timeoutError(init.timeoutMs))
          req.destroy()
        }, init.timeoutMs)
        const fail = (err: Error): void => {
          clearTimeout(timer)
          reject(err)
        }
        const req = (secure ? httpsRequest : httpRequest)(url, {method: init.method, headers, agent: secure ? httpsAgent() : http}, (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            clearTimeout(timer)
            resolve({status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8')})
          })
          res.on('error', fail)
        })
        req.on('error', fail)
        req.end(init.body)
      }),
    close: () => {
      http.destroy()
      https?.destroy()
    },
  }
}
