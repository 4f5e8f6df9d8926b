// Is this alertmanager.yml or prometheus.yml? Decided by top-level keys, without a YAML parse.
export type ConfigKind = 'alertmanager' | 'prometheus'

const AM_KEYS = /^(route|receivers|inhibit_rules|templates|time_intervals|mute_time_intervals):/m
const PROM_KEYS = /^(scrape_configs|scrape_config_files|rule_files|remote_write|remote_read|alerting|storage|tracing|otlp|runtime):/m
const AM_GLOBAL = /^\s+(resolve_timeout|smtp_\w+|slack_api_url\w*|pagerduty_url|opsgenie_\w+|victorops_\w+|wechat_\w+|telegram_\w+|webex_\w+):/m
const PROM_GLOBAL = /^\s+(scrape_interval|scrape_timeout|evaluation_interval|external_labels|query_log_file|scrape_protocols):/m

export function detectKind(text: string): ConfigKind | undefined {
  const am = AM_KEYS.test(text) || AM_GLOBAL.test(text)
  const prom = PROM_KEYS.test(text) || PROM_GLOBAL.test(text)
  if (am && !prom) return 'alertmanager'
  if (prom && !am) return 'prometheus'
  if (am && prom) return AM_KEYS.test(text) ? 'alertmanager' : 'prometheus'
  return undefined
}
