// Flag builders shared by commands. A flag means the same thing everywhere; each has an env twin, read in context/resolve.ts.
import {Flags} from '@oclif/core'

const CONNECTION = 'CONNECTION'

export const contextFlags = {
  context: Flags.string({helpGroup: CONNECTION, summary: 'Named context from the spock config (env SPOCK_CONTEXT).'}),
  'spock-config': Flags.string({
    helpGroup: CONNECTION,
    summary: 'spock config file (env SPOCK_CONFIG; default ~/.config/spock/config.yml).',
  }),
}

const authFlags = {
  tenant: Flags.string({helpGroup: CONNECTION, summary: 'Tenant sent as X-Scope-OrgID, for Mimir/Cortex (env SPOCK_TENANT).'}),
  header: Flags.string({
    helpGroup: CONNECTION,
    multiple: true,
    multipleNonGreedy: true,
    summary: 'Extra HTTP header "Name: value"; repeatable (env SPOCK_HEADERS, one per line).',
  }),
  'basic-auth-user': Flags.string({helpGroup: CONNECTION, summary: 'Basic auth user name (env SPOCK_BASIC_AUTH_USER).'}),
  'basic-auth-password-file': Flags.string({
    helpGroup: CONNECTION,
    summary: 'File holding the basic auth password (env SPOCK_BASIC_AUTH_PASSWORD_FILE, or SPOCK_BASIC_AUTH_PASSWORD).',
  }),
  'bearer-token-file': Flags.string({
    helpGroup: CONNECTION,
    summary: 'File holding a bearer token (env SPOCK_BEARER_TOKEN_FILE, or SPOCK_BEARER_TOKEN).',
  }),
  'ca-file': Flags.string({helpGroup: CONNECTION, summary: 'CA certificate file for TLS (env SPOCK_CA_FILE).'}),
  'cert-file': Flags.string({helpGroup: CONNECTION, summary: 'Client certificate file (env SPOCK_CERT_FILE).'}),
  'key-file': Flags.string({helpGroup: CONNECTION, summary: 'Client key file (env SPOCK_KEY_FILE).'}),
  'insecure-skip-verify': Flags.boolean({
    helpGroup: CONNECTION,
    summary: 'Do not verify server certificates (env SPOCK_INSECURE_SKIP_VERIFY).',
  }),
  timeout: Flags.string({helpGroup: CONNECTION, summary: 'Request timeout, e.g. 10s (env SPOCK_TIMEOUT; default 30s).'}),
}

const prometheusUrlFlag = {
  'prometheus-url': Flags.string({
    helpGroup: CONNECTION,
    summary: 'Prometheus URL, may include a path prefix (env SPOCK_PROMETHEUS_URL; default http://localhost:9090).',
  }),
}

const alertmanagerUrlFlag = {
  'alertmanager-url': Flags.string({
    helpGroup: CONNECTION,
    multiple: true,
    multipleNonGreedy: true,
    summary: 'Alertmanager URL; repeat for each peer of an HA cluster (env SPOCK_ALERTMANAGER_URL, comma-separated; default http://localhost:9093).',
  }),
}

export const prometheusFlags = {...contextFlags, ...prometheusUrlFlag, ...authFlags}
export const alertmanagerFlags = {...contextFlags, ...alertmanagerUrlFlag, ...authFlags}
export const serverFlags = {...contextFlags, ...prometheusUrlFlag, ...alertmanagerUrlFlag, ...authFlags}

/**
 * For the read commands that can ask a fleet: --context takes a comma list (or repeats), --all-contexts takes
 * every context of the spock config. Spread after the connection flags: this --context replaces theirs.
 */
export const fleetFlags = {
  context: Flags.string({
    helpGroup: CONNECTION,
    multiple: true,
    multipleNonGreedy: true,
    delimiter: ',',
    summary: 'Named context from the spock config (env SPOCK_CONTEXT); several (a,b,c or repeated) ask each one.',
  }),
  'all-contexts': Flags.boolean({helpGroup: CONNECTION, summary: 'Ask the server of every context in the spock config.', exclusive: ['context']}),
  parallel: Flags.integer({helpGroup: CONNECTION, min: 1, summary: 'With several contexts: how many are asked at once (default 4).', helpValue: '4'}),
}

// Silence and alert flags. Values stay strings here; core parses them so errors can name the input and hint at a fix.

export const durationFlag = (summary: string, extra: {exclusive?: string[]} = {}) =>
  Flags.string({char: 'd', summary, helpValue: '2h', ...extra})

export const timeFlag = (summary: string) => Flags.string({summary, helpValue: 'RFC3339|now|+30m'})

export const matcherFlag = (summary = 'Matcher such as instance=~"db-.*"; repeatable.') =>
  Flags.string({char: 'm', multiple: true, multipleNonGreedy: true, summary, helpValue: 'MATCHER'})

export const propagationTimeoutFlag = {
  'propagation-timeout': Flags.string({
    helpGroup: CONNECTION,
    summary: 'How long other HA peers may take to show a new silence (env SPOCK_PROPAGATION_TIMEOUT; default 10s).',
    env: 'SPOCK_PROPAGATION_TIMEOUT',
    helpValue: '10s',
  }),
}
