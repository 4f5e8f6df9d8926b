import {describe, expect, test} from 'vitest'
import {checkPrometheusConfig, type ConfigFs} from '../../../../src/prometheus/config/check.js'

const NO_FILES: ConfigFs = {exists: () => false, readFile: () => undefined, list: () => undefined}

function check(text: string, fs: ConfigFs = NO_FILES, syntaxOnly = false) {
  return checkPrometheusConfig(text, '/etc/prometheus/prometheus.yml', {fs, syntaxOnly})
}

const brief = (text: string, syntaxOnly = false) => check(text, NO_FILES, syntaxOnly).problems.map((p) => `${p.severity} ${p.check} ${p.line}:${p.column} ${p.message}`)

describe('valid configs have no problems', () => {
  test.each([
    ['empty file', ''],
    ['null document', '~\n'],
    ['minimal scrape config', 'scrape_configs:\n  - job_name: a\n    static_configs: [{targets: ["localhost:9090"], labels: {env: prod}}]\n'],
    ['inherited timeout clamps to a short interval', 'global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: a\n    scrape_interval: 2s\n'],
    ['relabel rules of each action', 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - {source_labels: [a], target_label: b}\n      - {action: keep, source_labels: [a], regex: x.*}\n      - {action: hashmod, source_labels: [a], target_label: h, modulus: 4}\n      - {action: labelmap, regex: "__meta_(.+)"}\n      - {action: labeldrop, regex: tmp}\n      - {action: Lowercase, source_labels: [a], target_label: a}\n      - {action: keepequal, source_labels: [a], target_label: b}\n'],
    ['remote write with queue and sigv4', 'remote_write:\n  - url: http://x/api\n    name: one\n    sigv4: {region: eu-west-1}\n    queue_config: {max_shards: 10}\n'],
    ['SD plugins Debian lacks are still upstream 2.42 fields', 'scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs: [{role: pod}]\n  - job_name: c\n    consul_sd_configs: [{server: localhost:8500}]\n'],
    ['alerting with api v1', 'alerting:\n  alertmanagers:\n    - api_version: v1\n      static_configs: [{targets: ["am:9093"]}]\n'],
  ])('%s', (_name, text) => {
    expect(brief(text)).toEqual([])
  })
})

describe('every problem is reported at once, at its position', () => {
  test.each([
    ['unknown top-level field (3.x scrape_config_files)', 'scrape_config_files: [a.yml]\n', ['error prom/schema 1:1 unknown field "scrape_config_files" in prometheus config']],
    ['unknown global field', 'global:\n  sample_limit: 5\n', ['error prom/schema 2:3 unknown field "sample_limit" in global config']],
    ['bad duration', 'global:\n  scrape_interval: 1.5m\n', ['error prom/schema 2:20 scrape_interval: not a valid duration string: "1.5m"']],
    ['global timeout > interval', 'global:\n  scrape_interval: 10s\n  scrape_timeout: 20s\n', ['error prom/scrape 3:3 global scrape timeout greater than scrape interval']],
    ['job timeout > interval, and duplicate job', 'scrape_configs:\n  - job_name: a\n    scrape_timeout: 2m\n  - job_name: a\n', [
      'error prom/scrape 3:5 scrape timeout greater than scrape interval for scrape config with job name "a"',
      'error prom/scrape 4:15 found multiple scrape configs with job name "a"',
    ]],
    ['empty job name and null scrape config', 'scrape_configs:\n  - job_name: ""\n  -\n', ['error prom/scrape 2:5 job_name is empty', 'error prom/schema 3:4 empty or null scrape config section']],
    ['relabel: unknown action, bad regex, missing target_label', 'scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: rename\n      - regex: "a("\n        target_label: x\n      - source_labels: [a]\n', [
      'error prom/relabel 4:17 unknown relabel action "rename"',
      'error prom/relabel 5:16 error parsing regexp: missing closing ): `^(?:a()$`',
      'error prom/relabel 7:9 relabel configuration for replace action requires \'target_label\' value',
    ]],
    ['relabel: labeldrop with extra fields, hashmod without modulus', 'scrape_configs:\n  - job_name: a\n    metric_relabel_configs:\n      - {action: labeldrop, regex: x, target_label: y}\n      - {action: hashmod, target_label: h}\n', [
      'error prom/relabel 4:10 labeldrop action requires only \'regex\', and no other fields',
      'error prom/relabel 5:9 relabel configuration for hashmod requires non-zero modulus',
    ]],
    ['bad label name in static labels', 'scrape_configs:\n  - job_name: a\n    static_configs: [{labels: {"a-b": x}}]\n', ['error prom/schema 3:32 "a-b" is not a valid label name']],
    ['URL as a target without relabelling', 'scrape_configs:\n  - job_name: a\n    static_configs:\n      - targets: ["http://h:1"]\n', ['error prom/scrape 4:18 "http://h:1" is not a valid hostname']],
    ['two auth methods', 'scrape_configs:\n  - job_name: a\n    bearer_token: t\n    basic_auth: {username: u}\n', ['error prom/schema 4:5 at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured']],
    ['remote write: url missing, reserved header, duplicate names', 'remote_write:\n  - name: q\n    headers: {User-Agent: x}\n  - url: http://x\n    name: q\n', [
      'error prom/schema 2:5 url for remote_write is empty',
      'error prom/schema 3:5 User-Agent is a reserved header. It must not be changed',
      'error prom/schema 5:11 found multiple remote write configs with job name "q"',
    ]],
    ['rule file pattern with * in a directory', 'rule_files: ["a/*/b.yml"]\n', ['error prom/rule-files 1:13 invalid rule file path "a/*/b.yml"']],
    ['bad alertmanager api_version', 'alerting:\n  alertmanagers:\n    - api_version: v3\n', ['error prom/schema 3:20 api_version: expected Alertmanager api version to be one of [v1 v2] but got v3']],
    ['SD specific requirement', 'scrape_configs:\n  - job_name: a\n    puppetdb_sd_configs: [{url: "ftp://x"}]\n', [
      'error prom/sd 3:27 query missing',
      "error prom/sd 3:28 URL scheme must be 'http' or 'https'",
    ]],
  ])('%s', (_name, text, expected) => {
    expect(brief(text)).toEqual(expected)
  })

  test('a failing nested field does not hide the job checks', () => {
    expect(brief('scrape_configs:\n  - relabel_configs: [{action: x}]\n    bearer_token: a\n    bearer_token_file: b\n', true)).toEqual([
      'error prom/scrape 2:5 job_name is empty',
      'error prom/relabel 2:32 unknown relabel action "x"',
      'error prom/schema 4:5 at most one of bearer_token & bearer_token_file must be configured',
    ])
  })

  test('every problem has a hint', () => {
    const {problems} = check('global:\n  foo: 1\nscrape_configs:\n  - job_name: a\n    relabel_configs: [{action: x}]\n')
    expect(problems).toHaveLength(2)
    for (const p of problems) expect(p.hint).toBeTruthy()
  })

  test('YAML syntax errors stop the check', () => {
    const {problems} = check('scrape_configs:\n  - job_name: [\n')
    expect(problems.map((p) => p.check)).toEqual(expect.arrayContaining(['yaml/parse']))
    expect(problems.every((p) => p.check === 'yaml/parse')).toBe(true)
  })

  test('secrets never reach a message', () => {
    const {problems} = check('scrape_configs:\n  - job_name: a\n    bearer_token: s3cr3t\n    authorization: {credentials: s3cr3t}\n')
    expect(problems.length).toBeGreaterThan(0)
    expect(JSON.stringify(problems)).not.toContain('s3cr3t')
  })
})

describe('files the config names', () => {
  const files: Record<string, string> = {
    '/etc/prometheus/rules/a.yml': 'groups: []\n',
    '/etc/prometheus/rules/b.yml': 'groups: []\n',
    '/etc/prometheus/targets.json': '[{"targets": ["h:1"]}, null]',
  }
  const fs: ConfigFs = {
    exists: (p) => p in files,
    readFile: (p) => files[p],
    list: (dir) => (dir === '/etc/prometheus/rules' ? ['b.yml', 'a.yml', 'c.txt'] : undefined),
  }

  test('rule files: explicit ones must exist, globs expand relative to the config directory', () => {
    const r = check('rule_files: [rules/a.yml, "rules/*.yml", missing.yml, "none/*.yml"]\n', fs)
    expect(r.ruleFiles).toEqual(['/etc/prometheus/rules/a.yml', '/etc/prometheus/rules/a.yml', '/etc/prometheus/rules/b.yml'])
    expect(r.problems.map((p) => `${p.check} ${p.message}`)).toEqual(['prom/rule-files "missing.yml" does not point to an existing file'])
  })

  test('--syntax-only skips file checks and returns no rule files', () => {
    const r = check('rule_files: [missing.yml]\nscrape_configs:\n  - job_name: a\n    bearer_token_file: nope\n', fs, true)
    expect(r).toEqual({problems: [], ruleFiles: []})
  })

  test('credentials and TLS files must exist; cert without key fails even with --syntax-only', () => {
    const text = 'scrape_configs:\n  - job_name: a\n    bearer_token_file: nope\n    tls_config: {cert_file: c.pem}\n'
    expect(check(text, fs).problems.map((p) => p.message)).toEqual([
      'error checking authorization credentials or bearer token file "nope": stat /etc/prometheus/nope: no such file or directory',
      'client cert file "c.pem" specified without client key file',
    ])
    expect(check(text, fs, true).problems.map((p) => p.message)).toEqual(['client cert file "c.pem" specified without client key file'])
  })

  test('file_sd: a missing file is a warning, a null group an error', () => {
    const r = check('scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [targets.json, other.yml]}]\n', fs)
    expect(r.problems.map((p) => `${p.severity} ${p.message}`)).toEqual([
      'error checking SD file "targets.json": nil target group item found (index 1)',
      'warning file "other.yml" for file_sd in scrape job "a" does not exist',
    ])
  })
})

describe('static targets are checked where relabelling leaves them', () => {
  test.each([
    ['relabelling rewrites the URL to host:port', '      - {target_label: __address__, replacement: "exporter:9115"}\n', []],
    ['relabelling leaves the URL', '      - {source_labels: [__address__], target_label: x}\n', ['instance 0 in group 0: "http://h/p" is not a valid hostname']],
    ['relabelling drops the target', '      - {source_labels: [__address__], regex: ".*/.*", action: drop}\n', []],
  ])('%s', (_name, rule, expected) => {
    const text = `scrape_configs:\n  - job_name: a\n    relabel_configs:\n${rule}    static_configs: [{targets: ["http://h/p"]}]\n`
    expect(check(text, NO_FILES, true).problems.map((p) => p.message)).toEqual(expected)
  })
})
