// A path-prefix reverse proxy in front of a real server (as Mimir serves Prometheus under /prometheus),
// recording the headers it received so tests can check auth and tenant headers arrive.
import {createServer, request, type IncomingHttpHeaders} from 'node:http'
import type {AddressInfo} from 'node:net'

export interface PrefixProxy {
  url: string // includes the prefix
  seen: {path: string; headers: IncomingHttpHeaders}[]
  stop(): Promise<void>
}

export async function startPrefixProxy(target: string, prefix: string): Promise<PrefixProxy> {
  const upstream = new URL(target)
  const seen: PrefixProxy['seen'] = []
  const server = createServer((req, res) => {
    const path = req.url ?? '/'
    seen.push({path, headers: req.headers})
    if (!path.startsWith(`${prefix}/`)) {
      res.writeHead(404).end('404 page not found\n')
      return
    }
    const forward = request(
      {hostname: upstream.hostname, port: upstream.port, path: path.slice(prefix.length), method: req.method, headers: {...req.headers, host: upstream.host}},
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    forward.on('error', () => res.writeHead(502).end())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    seen,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
