import {defineConfig} from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {test: {name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000}},
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts', 'test/oracle/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
})
