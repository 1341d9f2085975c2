import type { FieldPath } from '../../field-path.js';
import { type FieldError, GoNamed, invalid, notSupported, required } from '../field-error.js';
import { isObject, type JSONObject, listAt, objAt, str } from '../json-util.js';
import { byteLength, isDNS1123Label, isDNS1123Subdomain, isDNS1123SubdomainWithUnderscore } from './names.js';

const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];

/** core `validation.go` `validateRestartPolicy`. */
export function validateRestartPolicy(spec: JSONObject, errs: FieldError[]): void {
  const v = str(spec, 'restartPolicy');
  if (v === 'Always' || v === 'OnFailure' || v === 'Never') return;
  if (v === '') errs.push(required(['spec', 'restartPolicy']));
  else errs.push(notSupported(['spec', 'restartPolicy'], new GoNamed(v), ['Always', 'OnFailure', 'Never']));
}

/** core `validation.go` `validateDNSPolicy`. */
export function validateDNSPolicy(spec: JSONObject, errs: FieldError[]): void {
  const v = str(spec, 'dnsPolicy');
  if (DNS_POLICIES.includes(v)) return;
  if (v === '') errs.push(required(['spec', 'dnsPolicy']));
  else errs.push(notSupported(['spec', 'dnsPolicy'], new GoNamed(v), DNS_POLICIES));
}

/** core `validation.go` `validatePodDNSConfig`. */
export function validatePodDNSConfig(spec: JSONObject, errs: FieldError[]): void {
  const config = objAt(spec, 'dnsConfig');
  const path = ['spec', 'dnsConfig'];
  const nameservers = Array.isArray(config?.nameservers) ? (config.nameservers as string[]) : [];
  if (str(spec, 'dnsPolicy') === 'None') {
    if (!config) return void errs.push(required(path, 'must provide `dnsConfig` when `dnsPolicy` is None'));
    if (nameservers.length === 0) {
      return void errs.push(
        required(
          [...path, 'nameservers'],
          'must provide at least one DNS nameserver when `dnsPolicy` is None',
        ),
      );
    }
  }
  if (!config) return;
  if (nameservers.length > 3)
    errs.push(invalid([...path, 'nameservers'], nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => {
    validateIPForLegacyField(String(ns ?? ''), [...path, 'nameservers', i], errs);
  });
  const searches = Array.isArray(config.searches)
    ? (config.searches as string[]).map((s) => String(s ?? ''))
    : [];
  if (searches.length > 32)
    errs.push(invalid([...path, 'searches'], searches, 'must not have more than 32 search paths'));
  if (byteLength(searches.join(' ')) > 2048) {
    errs.push(
      invalid(
        [...path, 'searches'],
        searches,
        'must not have more than 2048 characters (including spaces) in the search list',
      ),
    );
  }
  searches.forEach((search, i) => {
    if (search === '.') return;
    const s = search.endsWith('.') ? search.slice(0, -1) : search;
    for (const msg of isDNS1123SubdomainWithUnderscore(s))
      errs.push(invalid([...path, 'searches', i], s, msg));
  });
  listAt(config, 'options').forEach((option, i) => {
    if (!isObject(option) || str(option, 'name') === '')
      errs.push(required([...path, 'options', i], 'must not be empty'));
  });
}

/** core `validation.go` `ValidateHostAliases`. */
export function validateHostAliases(spec: JSONObject, errs: FieldError[]): void {
  listAt(spec, 'hostAliases').forEach((alias, i) => {
    if (!isObject(alias)) return;
    const path = ['spec', 'hostAliases', i];
    validateIPForLegacyField(str(alias, 'ip'), [...path, 'ip'], errs);
    (Array.isArray(alias.hostnames) ? alias.hostnames : []).forEach((h, j) => {
      const hostname = String(h ?? '');
      for (const msg of isDNS1123Subdomain(hostname))
        errs.push(invalid([...path, 'hostnames', j], hostname, msg));
    });
  });
}

/** core `validation.go` `ValidateDNS1123Label` for `spec.hostname` / `spec.subdomain`, and `validatePodHostName`. */
export function validateHostnames(spec: JSONObject, errs: FieldError[]): void {
  for (const key of ['hostname', 'subdomain']) {
    const v = str(spec, key);
    if (v !== '') for (const msg of isDNS1123Label(v)) errs.push(invalid(['spec', key], v, msg));
  }
}

/**
 * apimachinery `util/validation/ip.go` `IsValidIPForLegacyField` with StrictIPCIDRValidation on (beta, on by
 * default in 1.37): parsed like `netutils.ParseIPSloppy`, then leading zeros and IPv4-mapped IPv6 are rejected.
 */
export function validateIPForLegacyField(value: string, path: FieldPath, errs: FieldError[]): void {
  const parsed = parseIPSloppy(value);
  if (parsed === undefined) {
    return void errs.push(
      invalid(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'),
    );
  }
  if (parsed.leadingZeros) errs.push(invalid(path, value, 'must not have leading 0s'));
  if (parsed.v4InV6) errs.push(invalid(path, value, 'must not be an IPv4-mapped IPv6 address'));
}

function parseIPv4(s: string): { leadingZeros: boolean } | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let leadingZeros = false;
  for (const p of parts) {
    if (!/^\d+$/.test(p) || Number(p) > 255) return undefined;
    if (p.length > 1 && p[0] === '0') leadingZeros = true;
  }
  return { leadingZeros };
}

function parseIPSloppy(s: string): { leadingZeros: boolean; v4InV6: boolean } | undefined {
  if (!s.includes(':')) {
    const v4 = parseIPv4(s);
    return v4 && { leadingZeros: v4.leadingZeros, v4InV6: false };
  }
  let leadingZeros = false;
  let rest = s;
  const groups: number[] = [];
  const lastColon = rest.lastIndexOf(':');
  const tail = rest.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = parseIPv4(tail);
    if (!v4) return undefined;
    leadingZeros = v4.leadingZeros;
    const octets = tail.split('.').map(Number);
    rest = `${rest.slice(0, lastColon + 1)}${(((octets[0] as number) << 8) | (octets[1] as number)).toString(16)}:${(((octets[2] as number) << 8) | (octets[3] as number)).toString(16)}`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] as string);
  const tailGroups = halves.length === 2 ? parseGroups(halves[1] as string) : [];
  if (!head || !tailGroups) return undefined;
  if (halves.length === 2) {
    if (head.length + tailGroups.length > 7) return undefined;
    groups.push(...head, ...new Array(8 - head.length - tailGroups.length).fill(0), ...tailGroups);
  } else {
    if (head.length !== 8) return undefined;
    groups.push(...head);
  }
  const v4InV6 = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  return { leadingZeros, v4InV6 };
}
