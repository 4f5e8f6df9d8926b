// Alertmanager's notification channels (the `<channel>_configs` lists of a receiver): one list for
// config checks, test-alert and init.
export const CHANNELS = [
  'email', 'slack', 'webhook', 'pagerduty', 'opsgenie', 'discord', 'telegram', 'msteams', 'msteamsv2',
  'victorops', 'pushover', 'wechat', 'sns', 'webex', 'jira', 'rocketchat', 'mattermost', 'incidentio',
] as const

type Channel = (typeof CHANNELS)[number]

/** Channels that `test-alert --direct` can deliver to itself. */
export const DIRECT_CHANNELS: readonly Channel[] = ['webhook', 'slack', 'email', 'pagerduty', 'discord', 'msteams', 'telegram', 'opsgenie']

/** The receiver key of a channel's list, e.g. slack_configs. */
export const channelKey = (channel: Channel): string => `${channel}_configs`

/** The channel of a receiver key, or undefined for keys that are not integration lists. */
export function channelOfKey(key: string): Channel | undefined {
  if (!key.endsWith('_configs')) return undefined
  const name = key.slice(0, -'_configs'.length)
  return (CHANNELS as readonly string[]).includes(name) ? (name as Channel) : undefined
}
