// The floors of src/ and what may import what (docs/architecture.md draws it). `npm test` runs this.
const FLOOR = '^src/(findings|model|yaml|gotemplate|http|files|promql)/'
const DOMAIN = '^src/(alertmanager|prometheus|notify|context)/'
const USES = '^src/(lint|config-check|rules-routes|health|scaffold|test-alert|stack|rules-test)/'
const APP = '^src/(commands/|hooks/|base-command\\.ts|(output-|findings-)?flags\\.ts|main\\.ts|help-cache\\.ts)'
const BASE = '^src/(errors|zod-messages|concurrency|append)\\.ts$'

const sideways = (folders) =>
  folders.map((f) => ({
    name: `no-sideways-${f}`,
    comment: `${f}/ imports only the floors below it, never a neighbour on its own floor`,
    severity: 'error',
    from: {path: `^src/${f}/`},
    to: {path: `^src/(${folders.filter((o) => o !== f).join('|')})/`},
  }))

module.exports = {
  forbidden: [
    {name: 'no-circular', severity: 'error', comment: 'import cycles', from: {path: '^src/'}, to: {circular: true, viaOnly: {dependencyTypesNot: ['type-only']}}},
    {name: 'base-imports-nothing', severity: 'error', from: {path: BASE}, to: {path: '^src/', pathNot: BASE}},
    {name: 'floor-stays-down', severity: 'error', comment: 'the floor (yaml, findings, model, gotemplate, http, files, promql) imports only itself and the base files', from: {path: FLOOR}, to: {path: `${DOMAIN}|${USES}|^src/output/|${APP}`}},
    {name: 'domain-stays-down', severity: 'error', comment: 'alertmanager, prometheus, notify and context import only the floor', from: {path: DOMAIN}, to: {path: `${USES}|^src/output/|${APP}`}},
    ...sideways(['alertmanager', 'prometheus', 'notify', 'context']),
    {name: 'uses-stay-down', severity: 'error', comment: 'use cases (lint, config-check, health, scaffold, test-alert, stack, rules-test) never import output or commands', from: {path: USES}, to: {path: `^src/output/|${APP}`}},
    ...sideways(['lint', 'health', 'scaffold', 'test-alert', 'stack']),
    {name: 'rules-test-uses-lint-entry', severity: 'error', comment: 'rules-test reaches lint only through lint/run.ts', from: {path: '^src/rules-test/'}, to: {path: '^src/(lint/(?!run\\.ts$)|config-check/|health/|scaffold/|test-alert/|stack/)'}},
    {name: 'config-check-uses-lint-entry', severity: 'error', comment: 'config-check reaches lint only through lint/run.ts', from: {path: '^src/config-check/'}, to: {path: '^src/(lint/(?!run\\.ts$)|health/|scaffold/|test-alert/)'}},
    {name: 'rules-routes-uses-lint-entry', severity: 'error', comment: 'rules-routes reaches lint only through lint/run.ts', from: {path: '^src/rules-routes/'}, to: {path: '^src/(lint/(?!run\\.ts$)|config-check/|health/|scaffold/|test-alert/)'}},
    {name: 'no-sideways-into-rules-routes', severity: 'error', comment: 'rules-routes is a use case: no neighbour imports it', from: {path: USES, pathNot: '^src/rules-routes/'}, to: {path: '^src/rules-routes/'}},
    {name: 'output-below-commands', severity: 'error', comment: 'output renders results; it never imports commands or the base command', from: {path: '^src/output/'}, to: {path: APP}},
    {name: 'core-without-oclif', severity: 'error', comment: 'only the app floor (commands, base command, flag builders, hooks, main) knows oclif', from: {path: '^src/', pathNot: APP}, to: {path: '@oclif/core'}},
    {name: 'yaml-through-the-floor', severity: 'error', comment: 'every YAML read and write goes through src/yaml/', from: {path: '^src/', pathNot: '^src/yaml/'}, to: {path: '^node_modules/yaml/'}},
    {name: 'no-test-code-in-src', severity: 'error', from: {path: '^src/'}, to: {path: '^(test|bench)/'}},
  ],
  options: {
    doNotFollow: {path: 'node_modules'},
    tsPreCompilationDeps: true,
    tsConfig: {fileName: 'tsconfig.json'},
    enhancedResolveOptions: {extensions: ['.ts', '.js']},
  },
}
