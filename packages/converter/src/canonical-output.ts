import { writeJson, writeManifests } from '@staticpods/core';

/**
 * Multi-document YAML in canonical key order (`apiVersion`, `kind`, `metadata`, `spec` first,
 * then sorted), written by core's kubelet-safe writer (`writeManifests`): every string a YAML 1.1
 * reader would take for something else is quoted. Same input, same bytes.
 */
export function toYaml(objects: readonly object[]): string {
  return writeManifests(objects, { sortKeys: true });
}

/** JSON in canonical key order (kubectl's four-space indent): one object as it is, several as a `v1` List. */
export function toJson(objects: readonly object[]): string {
  return writeJson(objects, { sortKeys: true });
}
