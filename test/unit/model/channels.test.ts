import {describe, expect, it} from 'vitest'
import {INTEGRATIONS} from '../../../src/alertmanager/config/integrations.js'
import {CHANNELS, channelKey, channelOfKey, DIRECT_CHANNELS} from '../../../src/model/channels.js'
import {RECEIVER_KINDS} from '../../../src/scaffold/init.js'

describe('the one list of notification channels', () => {
  it('is exactly the integration lists the alertmanager.yml checker knows', () => {
    expect(CHANNELS.map(channelKey).sort()).toEqual(Object.keys(INTEGRATIONS).sort())
  })

  it('covers what test-alert --direct and init support', () => {
    for (const c of [...DIRECT_CHANNELS, ...RECEIVER_KINDS.filter((k) => k !== 'log')]) expect(CHANNELS).toContain(c)
  })

  it('maps receiver keys back to channels', () => {
    expect(channelOfKey('slack_configs')).toBe('slack')
    expect(channelOfKey('name')).toBeUndefined()
    expect(channelOfKey('bogus_configs')).toBeUndefined()
  })
})
