// The test alert a notification is made from: what test-alert posts to Alertmanager or sends directly.
export interface SyntheticAlert {
  labels: Record<string, string>
  annotations: Record<string, string>
  startsAt: string
  endsAt: string
}
