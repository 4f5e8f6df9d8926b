// The copy of DIR/prometheus.yml the stack runs: alerting points at the stack's Alertmanagers, the prometheus and
// alertmanager scrape jobs at the stack's ports, and rule_files at absolute paths (the copy lives in .spock-stack/).
import {readFile} from 'node:fs/promises'
import {isAbsolute, join} from 'node:path'
import {UsageError} from '../errors.js'
import {parsePlain} from '../yaml/plain.js'
import {stringifyYaml} from '../yaml/stringify.js'

export const STACK_DIR = '.spock-stack'
export const DERIVED_PROMETHEUS = 'prometheus.yml'

type Obj = Record<string, unknown>

export function derivePrometheusConfig(text: string, dir: string, ports: {prometheus: number; alertmanagers: number[]}): string {
  let cfg: unknown
  try {
    cfg = parsePlain(text)
  } catch (e) {
    throw new UsageError(`cannot read ${join(dir, 'prometheus.yml')}: ${(e as Error).message}`, {hint: `check it with spock config check ${join(dir, 'prometheus.yml')}`})
  }
  if (cfg === null || typeof cfg !== 'object' || Array.isArray(cfg)) throw new UsageError(`${join(dir, 'prometheus.yml')} is not a Prometheus config (not a mapping)`, {hint: 'run spock init there, or name another --dir'})
  const c = cfg as Obj
  const am = ports.alertmanagers.map((p) => `127.0.0.1:${p}`)
  c.alerting = {...((c.alerting as Obj | undefined) ?? {}), alertmanagers: [{static_configs: [{targets: am}]}]}
  if (Array.isArray(c.rule_files)) c.rule_files = c.rule_files.map((f) => (typeof f === 'string' && !isAbsolute(f) ? join(dir, f) : f))
  const own: Record<string, string[]> = {prometheus: [`127.0.0.1:${ports.prometheus}`], alertmanager: [...am]}
  if (Array.isArray(c.scrape_configs)) {
    for (const job of c.scrape_configs as Obj[]) {
      const targets = own[String(job?.job_name)]
      if (targets && Array.isArray(job.static_configs)) job.static_configs = [{targets}]
    }
  }
  return `# Written by spock stack from ${join(dir, 'prometheus.yml')}; edit that file and run spock reload.\n${stringifyYaml(c)}\n`
}

export async function readPrometheusSource(dir: string): Promise<string> {
  try {
    return await readFile(join(dir, 'prometheus.yml'), 'utf8')
  } catch {
    throw new UsageError(`no prometheus.yml in ${dir}`, {hint: `create one: spock init ${dir}`})
  }
}
