// spock's prometheus.yml verdicts against promtool 2.42 check config: the stored verdicts for the corpus
// (minus version skew), and live promtool runs on generated files, with and without --syntax-only.
import {execFile} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {afterAll, describe, expect, test} from 'vitest'
import {lintText} from '../../src/lint/run.js'
import {checkPrometheusConfig} from '../../src/prometheus/config/check.js'
import {CORPUS} from '../support/corpus.js'

const T = 'prometheus-config/prometheus__prometheus/config/testdata/'

// Debian's promtool 2.42 is built without these service-discovery plugins, so it rejects files that
// upstream 2.42 accepts (or rejects for another reason): no oracle for them.
const DEBIAN_LACKS_PLUGIN = [
  ...['api_server_with_own_namespace.bad', 'authorization_basicauth.bad', 'bearertoken.bad', 'bearertoken_basicauth.bad', 'empty_apiserver.good',
    'http_config_without_api_server.bad', 'kubeconfig_with_apiserver.bad', 'kubeconfig_with_http_config.bad', 'kubeconfig_with_own_namespace.bad',
    'kubeconfig_without_apiserver.good', 'namespace_discovery.bad', 'role.bad', 'selectors_duplicated_role.bad', 'selectors_endpoints.bad',
    'selectors_endpoints.good', 'selectors_incorrect_selector.bad', 'selectors_ingress.bad', 'selectors_ingress.good', 'selectors_node.bad',
    'selectors_node.good', 'selectors_pod.bad', 'selectors_pod.good', 'selectors_service.bad', 'selectors_service.good'].map((f) => `${T}kubernetes_${f}.yml`),
  `${T}roundtrip.good.yml`, // consul_sd_configs
  'prometheus-config/prometheus__prometheus/documentation/examples/prometheus-linode.yml',
  'prometheus-config/prometheus__prometheus/documentation/examples/prometheus-nomad.yml',
]
const SKIPPED = new Set(DEBIAN_LACKS_PLUGIN)

function rows(): {path: string; exit: number; message: string}[] {
  return readFileSync(join(CORPUS, 'promtool-config-verdicts.tsv'), 'utf8').trim().split('\n').slice(1).map((line) => {
    const [path, exit, message] = line.split('\t')
    return {path: path!, exit: Number(exit), message: message ?? ''}
  })
}

/** As `spock config check` does it: the config, then every rule file it names through the rule linter. */
async function spock(file: string, syntaxOnly = false): Promise<{ok: boolean; errors: string[]}> {
  const {problems, ruleFiles} = checkPrometheusConfig(readFileSync(file, 'utf8'), file, {syntaxOnly})
  for (const rf of ruleFiles) problems.push(...(await lintText(readFileSync(rf, 'utf8'), rf, {version: '2.42'})).problems)
  const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)
  return {ok: errors.length === 0, errors}
}

function promtool(file: string, syntaxOnly: boolean): Promise<number> {
  const args = ['check', 'config', ...(syntaxOnly ? ['--syntax-only'] : []), file]
  return new Promise((resolve) => {
    execFile('promtool', args, {timeout: 20_000}, (err) => resolve(err ? ((err as {code?: number}).code ?? 1) : 0))
  })
}

describe('corpus: spock agrees with the stored promtool 2.42 verdicts', () => {
  const all = rows()
  test('the skip list names only corpus files, and most of the corpus is compared', () => {
    const paths = new Set(all.map((r) => r.path))
    for (const s of SKIPPED) expect(paths.has(s), s).toBe(true)
    expect(all.length - SKIPPED.size).toBeGreaterThan(200)
  })
  test.each(all.filter((r) => !SKIPPED.has(r.path)))('$path', async ({path, exit, message}) => {
    const got = await spock(join(CORPUS, path))
    expect({ok: got.ok, errors: got.errors, promtool: message}).toMatchObject({ok: exit === 0})
  })
})

const GOOD = 'scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ["localhost:9090"]}]\n'
const LIVE: Record<string, string> = {
  'good.yml': GOOD,
  'good-global.yml': 'global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: a\n    scrape_interval: 2s\n',
  'dup-job.yml': GOOD + '  - job_name: a\n',
  'timeout.yml': 'scrape_configs:\n  - job_name: a\n    scrape_interval: 10s\n    scrape_timeout: 20s\n',
  'global-timeout.yml': 'global:\n  scrape_timeout: 2m\n',
  'bad-action.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs: [{action: rename}]\n',
  'unknown-field.yml': 'scrape_configs:\n  - job_name: a\n    scrape_intervall: 10s\n',
  'bad-duration.yml': 'global:\n  evaluation_interval: 1.5m\n',
  'bad-regex.yml': 'scrape_configs:\n  - job_name: a\n    metric_relabel_configs: [{source_labels: [__name__], regex: "go_(.*", action: drop}]\n',
  'two-auth.yml': 'remote_write:\n  - url: http://x\n    bearer_token: a\n    basic_auth: {username: u}\n',
  'url-target.yml': 'scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ["http://host:80"]}]\n',
  'rule-files-missing.yml': 'rule_files: [missing.yml]\n',
  'rule-files-present.yml': 'rule_files: [rules/ok.yml, "rules/*.yaml"]\n',
  'rule-files-bad-rules.yml': 'rule_files: [rules/bad.yml]\n',
  'cert-only.yml': 'scrape_configs:\n  - job_name: a\n    tls_config: {cert_file: c.pem}\n',
  'relabel-fixes-url.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {source_labels: [__address__], target_label: __param_target}\n      - {target_label: __address__, replacement: "exporter:9115"}\n    static_configs: [{targets: ["http://a/b"]}]\n',
  'relabel-keeps-url.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs: [{source_labels: [__address__], target_label: x}]\n    static_configs: [{targets: ["ok:1"]}, {targets: ["http://a/b"]}]\n',
  'relabel-regex-rewrite.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs: [{source_labels: [__address__], regex: "https?://([^/]+)/.*", target_label: __address__, replacement: "${1}:80"}]\n    static_configs: [{targets: ["http://a/b"]}]\n',
  'relabel-drops-url.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs: [{source_labels: [__address__], regex: ".*/.*", action: drop}]\n    static_configs: [{targets: ["http://a/b", "c:1"]}]\n',
  'am-relabel-url.yml': 'alerting:\n  alertmanagers:\n    - relabel_configs: [{source_labels: [__scheme__], target_label: s}]\n      static_configs: [{targets: ["http://am"]}]\n',
  'file-sd-url.yml': 'scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [sd/*.json]}]\n',
  'oauth2-no-client-id.yml': 'scrape_configs:\n  - job_name: a\n    oauth2: {client_secret: b, token_url: "http://t"}\n',
  'authorization-basic.yml': 'scrape_configs:\n  - job_name: a\n    authorization: {type: Basic, credentials: x}\n',
  'proxy-header-no-url.yml': 'scrape_configs:\n  - job_name: a\n    proxy_connect_header: {a: [b]}\n',
  'docker-no-host.yml': 'scrape_configs:\n  - job_name: a\n    docker_sd_configs: [{}]\n',
  'scaleway-bad-key.yml': 'scrape_configs:\n  - job_name: a\n    scaleway_sd_configs: [{role: instance, project_id: 11111111-1111-1111-1111-111111111112, access_key: a, secret_key: 11111111-1111-1111-1111-111111111112}]\n',
  'serverset-good.yml': 'scrape_configs:\n  - job_name: a\n    serverset_sd_configs: [{servers: [zk:2181], paths: [/a]}]\n',
  'labelmap-bad-replacement.yml': 'scrape_configs:\n  - job_name: a\n    relabel_configs: [{action: labelmap, replacement: "a-b"}]\n',
  'tracing-compression.yml': 'tracing:\n  endpoint: x\n  compression: zstd\n',
  'rule-files-null-entry.yml': 'rule_files:\n  -\n',
  'body-size-no-unit.yml': 'scrape_configs:\n  - job_name: a\n    body_size_limit: 100\n',
  'creds-missing.yml': 'scrape_configs:\n  - job_name: a\n    authorization: {credentials_file: nope.txt}\n',
}

describe('live: generated files, spock and promtool agree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spock-promconfig-'))
  mkdirSync(join(dir, 'rules'))
  mkdirSync(join(dir, 'sd'))
  writeFileSync(join(dir, 'sd', 't.json'), '[{"targets": ["ok:1", "http://x/y"], "labels": {"env": "a"}}]')
  writeFileSync(join(dir, 'rules', 'ok.yml'), 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: up\n')
  writeFileSync(join(dir, 'rules', 'bad.yml'), 'groups:\n  - name: g\n    rules:\n      - record: a:b\n        expr: up(\n')
  for (const [name, content] of Object.entries(LIVE)) writeFileSync(join(dir, name), content)
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  test.each(Object.keys(LIVE).flatMap((name) => [{name, syntaxOnly: true}, {name, syntaxOnly: false}]))('$name (syntax-only: $syntaxOnly)', async ({name, syntaxOnly}) => {
    const file = join(dir, name)
    const exit = await promtool(file, syntaxOnly)
    const got = await spock(file, syntaxOnly)
    expect({ok: got.ok, errors: got.errors}).toMatchObject({ok: exit === 0})
  })

  test('ruleFiles lists explicit files and expanded globs, relative to the config directory', () => {
    writeFileSync(join(dir, 'rules', 'x.yaml'), 'groups: []\n')
    const file = join(dir, 'rule-files-present.yml')
    const {ruleFiles} = checkPrometheusConfig(readFileSync(file, 'utf8'), file)
    expect(ruleFiles).toEqual([join(dir, 'rules', 'ok.yml'), join(dir, 'rules', 'x.yaml')])
  })
})
