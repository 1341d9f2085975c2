import type { Finding, KubernetesVersion, Rule, SuppressedFinding } from '@staticpods/core';

/** What `check` found, and what it looked at: the result every format prints. */
export interface CheckRun {
  readonly inputs: readonly string[];
  /** Every file looked at, in order (directory entries and `<stdin>`). */
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** The rules that ran. */
  readonly rules: readonly Rule[];
  readonly kubernetesVersion: KubernetesVersion;
  readonly nodeName?: string;
  readonly configFile?: string;
  /** Cluster facts were fetched (`--cluster`): the rules that need them ran. */
  readonly withCluster: boolean;
}

/** How findings from stdin name their file. */
export const STDIN = '<stdin>';
