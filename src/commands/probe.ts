import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../base-command.js'
import {UsageError} from '../errors.js'
import {goRegexp} from '../model/regex.js'
import {parseHeaders, parseTimeout} from '../context/resolve.js'
import {probe, type ProbeReport} from '../health/probe.js'
import {probeView} from '../output/views/probe.js'

export default class Probe extends SpockCommand<typeof Probe> {
  static summary = "Probe an app's health endpoints (/health, /ready, /metrics): status, latency and a body check."
  static description = 'Exit 0 when every URL answers as expected (any 2xx unless --expect-status), 1 when one does not or cannot be reached, 2 on a usage error.'
  static examples = [
    '<%= config.bin %> <%= command.id %> http://localhost:8080/health http://localhost:8080/ready',
    '<%= config.bin %> <%= command.id %> http://localhost:8080/health --expect-body \'"status":\\s*"ok"\'',
    '<%= config.bin %> <%= command.id %> http://localhost:8080/metrics --expect-status 200 -o json',
  ]
  static strict = false
  static args = {url: Args.string({ignoreStdin: true, description: 'http(s) URL; give several to probe them in parallel'})}
  static flags = {
    'expect-status': Flags.integer({multiple: true, min: 100, max: 599, summary: 'Status code that passes (repeatable; default any 2xx).'}),
    'expect-body': Flags.string({summary: 'Regular expression (Go/RE2 syntax) some part of the body must match.', helpValue: 'REGEX'}),
    timeout: Flags.string({summary: 'Per-URL timeout (default 5s).', helpValue: '5s'}),
    header: Flags.string({multiple: true, summary: 'Extra HTTP header "Name: value"; repeatable.'}),
    'insecure-skip-verify': Flags.boolean({summary: 'Do not verify https certificates.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print the failing URLs only.'}),
  }

  async run(): Promise<ProbeReport> {
    const f = this.flags
    const urls = this.positionals
    if (urls.length === 0) throw new UsageError('no URL to probe', {hint: 'e.g. spock probe http://localhost:8080/health'})
    let expectBody: {source: string; test(s: string): boolean} | undefined
    try {
      const body = f['expect-body']
      // RE2 (Go's syntax, linear time): a hostile body cannot make the check hang.
      if (body !== undefined) {
        const re = goRegexp(body, false)
        expectBody = {source: body, test: (text) => re.test(text)}
      }
    } catch (e) {
      throw new UsageError(`--expect-body: ${(e as Error).message}`, {hint: 'a Go/RE2 regular expression, e.g. "status.*ok"'})
    }
    const report = await probe(urls, {
      expectStatus: f['expect-status'],
      expectBody,
      timeoutMs: f.timeout ? parseTimeout(f.timeout) : 5_000,
      headers: parseHeaders(f.header ?? [], (i) => `--header #${i + 1}`),
      insecureSkipVerify: f['insecure-skip-verify'],
    })
    const out = await this.emit(report, probeView, {quiet: f.quiet})
    this.setExitCode(report.ok ? 0 : 1)
    return out
  }
}
