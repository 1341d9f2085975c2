import { createHash } from 'node:crypto';

/**
 * Name and label syntax, as k8s.io/apimachinery v0.37.2 `pkg/util/validation/validation.go`
 * (`IsDNS1123Label`, `IsDNS1123Subdomain`) and `pkg/api/validate/content` (`IsQualifiedName`,
 * `IsLabelValue`) define it.
 */
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

/** Namespaces are DNS-1123 labels (at most 63 characters). */
export function isDnsLabel(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

/** DaemonSet names (`ValidateDaemonSetName` = `NameIsDNSSubdomain`), node and ServiceAccount names. */
export function isDnsSubdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value);
}

/** A label key: optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
export function isLabelKey(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1] ?? '';
  if (name.length > 63 || !QUALIFIED_NAME_PART.test(name)) return false;
  return parts.length === 1 || (parts[0] !== undefined && parts[0] !== '' && isDnsSubdomain(parts[0]));
}

/** A label value: empty, or at most 63 characters of `[A-Za-z0-9_.-]` starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return value === '' || (value.length <= 63 && QUALIFIED_NAME_PART.test(value));
}

/**
 * `value` if it is a valid label value (or label-key name part); otherwise its first characters and
 * a short hash, so that long names still give a valid, stable, collision-resistant label.
 */
export function toLabelValue(value: string): string {
  if (isLabelValue(value) && value !== '') return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 10);
  const head = value
    .slice(0, 52)
    .replace(/[^-A-Za-z0-9_.]/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/[^A-Za-z0-9]+$/, '');
  return head === '' ? hash : `${head}-${hash}`;
}
