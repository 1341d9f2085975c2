/** A path to a field inside a Kubernetes object: `['spec', 'volumes', 2, 'secret', 'secretName']`. */
export type FieldPath = readonly (string | number)[];

/**
 * Formats a field path the way Kubernetes field errors print it
 * (`k8s.io/apimachinery/pkg/util/validation/field` `Path.String`): dots between names,
 * `[i]` for list indexes and `[key]` for map keys, e.g. `spec.volumes[2].secret.secretName`,
 * `metadata.annotations[kubernetes.io/config.mirror]`.
 *
 * A string element is printed as a map key when the previous element names a map
 * (`labels`, `annotations`, `nodeSelector`, resource lists, ...), otherwise as a field name.
 */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const part = path[i] as string | number;
    if (typeof part === 'number') {
      out += `[${part}]`;
    } else if (i > 0 && MAP_FIELDS.has(String(path[i - 1]))) {
      out += `[${part}]`;
    } else {
      out += out === '' ? part : `.${part}`;
    }
  }
  return out;
}

/** Fields whose value is a map with user-chosen keys (printed as `field[key]`). */
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'nodeSelector',
  'limits',
  'requests',
  'overhead',
  'capacity',
  'allocatable',
  'data',
  'stringData',
  'binaryData',
  'matchLabels',
  'volumeAttributes',
  'options',
]);
