// src/http/undici.ts imports undici's classes from their files: check they are the ones undici exports
// (a new undici that moves a file fails here, not in a user's command).
import {expect, test} from 'vitest'

test('Agent, Pool and ProxyAgent are undici\'s own, with the connect() that ProxyAgent tunnels with', async () => {
  const parts = await import('../../../src/http/undici.js')
  // Before undici's index is loaded (it adds its API to every dispatcher itself).
  expect(typeof new parts.Agent().connect).toBe('function')
  const undici = await import('undici')
  expect(parts.Agent).toBe(undici.Agent)
  expect(parts.Pool).toBe(undici.Pool)
  expect(parts.ProxyAgent).toBe(undici.ProxyAgent)
})
