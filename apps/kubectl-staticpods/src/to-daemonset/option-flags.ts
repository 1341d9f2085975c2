import type { ConvertOptions, OptionNamer } from '@staticpods/converter';

/**
 * The flag of every converter option, so that a note's remedy names what to type: `force` is
 * `--force`, `cutoverGate: false` is `--no-cutover-gate`. Undefined for options the CLI sets
 * itself. The type makes every option appear here.
 */
export const OPTION_FLAGS: { readonly [K in keyof Required<ConvertOptions>]: string | undefined } = {
  placement: 'placement',
  rewriteRestartPolicy: 'rewrite-restart-policy',
  force: 'force',
  keepKubeletToleration: 'keep-kubelet-toleration',
  serviceAccountName: 'service-account',
  name: 'name',
  namespace: undefined,
  toolVersion: undefined,
  cutoverGate: 'cutover-gate',
  keepDnsPolicy: 'keep-dns-policy',
  staticPodPath: 'static-pod-path',
  backupDir: 'backup-dir',
  clusterFacts: undefined,
};

/** A remedy as a flag: `--force`, `--no-cutover-gate`, `--backup-dir`. */
export const flagName: OptionNamer = (remedy) => {
  const flag = OPTION_FLAGS[remedy.option];
  if (flag === undefined) return remedy.option;
  return remedy.value === false ? `--no-${flag}` : `--${flag}`;
};
