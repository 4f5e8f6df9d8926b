// HTTP(S) requests on node:http keep-alive agents: built into Node, so a command pays nothing to load them.
import {Agent as HttpAgent, request as httpRequest, type IncomingMessage} from 'node:http'
import {Agent as HttpsAgent, request as httpsRequest} from 'node:https'

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
  const https = new HttpsAgent({keepAlive: true, maxSockets: sockets, ...tls})
  return {
    request: (url, init) =>
      new Promise((resolve, reject) => {
        const secure = url.protocol === 'https:'
        const req = (secure ? httpsRequest : httpRequest)(
          url,
          {method: init.method, headers: init.body === undefined ? init.headers : {...init.headers, 'content-length': String(Buffer.byteLength(init.body))}, agent: secure ? https : http, signal: AbortSignal.timeout(init.timeoutMs)},
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8')}))
            res.on('error', reject)
          },
        )
        req.on('error', reject)
        req.end(init.body)
      }),
    close: () => {
      http.destroy()
      https.destroy()
    },
  }
}
