/** Kinds of Go types in the v1.Pod type tree that matter to the kubelet's JSON decoder. */
export const K = {
  Struct: 0,
  Slice: 1,
  Map: 2,
  String: 3,
  Bool: 4,
  Int32: 5,
  Int64: 6,
  /** `resource.Quantity`: custom UnmarshalJSON, parse errors abort decoding. */
  Quantity: 7,
  /** `intstr.IntOrString`: custom UnmarshalJSON, type errors abort decoding. */
  IntOrString: 8,
  /** `metav1.Time`: custom UnmarshalJSON (RFC 3339 string or null). */
  Time: 9,
  /** `metav1.FieldsV1`: accepts any JSON. */
  Any: 10,
} as const;
export type K = (typeof K)[keyof typeof K];

/** `[kind, Go type string, element row (-1 when none), struct name, fields]`. */
export type GoTypeRow = readonly [
  kind: K,
  goType: string,
  elem: number,
  structName: string,
  fields: readonly (readonly [json: string, row: number, embeddedIn?: string])[],
];
