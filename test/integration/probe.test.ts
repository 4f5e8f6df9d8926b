// spock probe against real endpoints: a Prometheus's /-/healthy and /metrics, and an HTTP sink answering
// 500 or never answering.
import {afterAll, beforeAll, expect, test} from 'vitest'
import {runCli} from '../support/run-cli.js'
import {startPrometheus, unusedUrl, type Server} from '../support/servers.js'
import {startHttpSink, type HttpSink} from '../support/sinks.js'

let prom: Server
let sink: HttpSink
beforeAll(async () => {
  ;[prom, sink] = await Promise.all([startPrometheus(), startHttpSink()])
  sink.setStatus('/health', 500)
  sink.setHang('/slow')
})
afterAll(async () => {
  await Promise.all([prom?.stop(), sink?.stop()])
})

type Report = {ok: boolean; results: Array<{url: string; ok: boolean; status?: number; latencyMs: number; error?: string}>}

test('healthy endpoints pass with their status and latency; a body check can pass or fail', async () => {
  const r = await runCli(['probe', `${prom.url}/-/healthy`, `${prom.url}/metrics`, '--expect-body', 'prometheus_build_info', '-o', 'json'])
  const report = JSON.parse(r.stdout) as Report
  expect(r.code).toBe(1) // /-/healthy's body has no prometheus_build_info
  expect(report.results.map((x) => [x.ok, x.status])).toEqual([
    [false, 200],
    [true, 200],
  ])
  expect(report.results[0]!.error).toBe('the body does not match /prometheus_build_info/')
  expect(report.results[1]!.latencyMs).toBeGreaterThan(0)
  const ok = await runCli(['probe', `${prom.url}/-/healthy`, `${prom.url}/-/ready`])
  expect(ok.code).toBe(0)
  expect(ok.stdout).toContain('2 of 2 endpoints ok.')
})

test('a 500, a refused port and a hung endpoint fail (exit 1) with the reason; --expect-status accepts the 500', async () => {
  const refused = await unusedUrl()
  const r = await runCli(['probe', `${sink.url}/health`, `${refused}/health`, `${sink.url}/slow`, '--timeout', '1s', '-o', 'json'])
  expect(r.code).toBe(1)
  const [five, down, hung] = (JSON.parse(r.stdout) as Report).results
  expect(five).toMatchObject({ok: false, status: 500, error: 'HTTP 500, expected 2xx'})
  expect(down!.error).toMatch(/connection refused/)
  expect(hung!.error).toMatch(/no answer within 1s/)
  const accepted = await runCli(['probe', `${sink.url}/health`, '--expect-status', '500', '-q'])
  expect(accepted.code).toBe(0)
  expect(accepted.stdout.trim()).toBe('')
})

test('usage errors are exit 2', async () => {
  expect((await runCli(['probe'])).code).toBe(2)
  const bad = await runCli(['probe', 'http://x', '--expect-body', '('])
  expect(bad.code).toBe(2)
  expect(bad.stderr).toContain('--expect-body')
})
