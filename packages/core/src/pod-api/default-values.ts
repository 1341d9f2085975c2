// Values that v1 defaulting fills in (`k8s.io/api/core/v1` constants and `pkg/apis/core/v1/defaults.go`).

/** Go `v1.DefaultTerminationGracePeriodSeconds`. */
export const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
/** Go `v1.SecretVolumeSourceDefaultMode` and the other volume default modes (0644). */
export const DEFAULT_VOLUME_MODE = 0o644;
/** Go `v1.TerminationMessagePathDefault`. */
export const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';
/** Go `v1.DefaultSchedulerName`. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
/** Probe fields defaulted when 0 (Go `SetDefaults_Probe`). */
export const PROBE_DEFAULTS = {
  timeoutSeconds: 1,
  periodSeconds: 10,
  successThreshold: 1,
  failureThreshold: 3,
} as const;
