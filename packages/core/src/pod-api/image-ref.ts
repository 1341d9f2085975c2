// Container image references as `github.com/distribution/reference` parses them (only what defaulting needs).

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[(?:[a-fA-F0-9:]+)\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const NAME_TOTAL_LENGTH_MAX = 255;

/**
 * The tag `ParseImageName` reports for an image: the explicit tag, `latest` when there is neither tag nor
 * digest, `''` with a digest only, and `undefined` when the reference does not parse.
 * Go: `pkg/util/parsers/parsers.go` `ParseImageName` over `reference.ParseNormalizedNamed`
 * (`github.com/distribution/reference` `normalize.go`, `reference.go`, `regexp.go`).
 */
export function imageTag(image: string): string | undefined {
  if (IDENTIFIER.test(image)) return undefined;
  // splitDockerDomain: the first element is a domain when it is localhost, has a dot or colon, or has
  // uppercase letters; only the repository part before the first colon must be lowercase.
  const slash = image.indexOf('/');
  let remainder = image;
  if (slash >= 0) {
    const first = image.slice(0, slash);
    if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
      remainder = image.slice(slash + 1);
    }
  }
  const colon = remainder.indexOf(':');
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) return undefined;
  const m = REFERENCE.exec(image);
  if (m === null) return undefined;
  const [, name = '', tag, digest] = m;
  if (name.length > NAME_TOTAL_LENGTH_MAX) return undefined;
  if (digest !== undefined && !validDigest(digest)) return undefined;
  if (tag !== undefined) return tag;
  return digest !== undefined ? '' : 'latest';
}

/** go-digest `Digest.Validate` for the registered algorithms. */
function validDigest(digest: string): boolean {
  const [alg = '', hex = ''] = digest.split(':');
  const sizes: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };
  const size = sizes[alg];
  return size !== undefined && hex.length === size && /^[a-f0-9]+$/.test(hex);
}

/**
 * The `imagePullPolicy` v1 defaulting gives a container without one: `Always` for `:latest` or no tag,
 * otherwise `IfNotPresent` (also when the image does not parse).
 * Go: `pkg/apis/core/v1/defaults.go` `SetDefaults_Container`.
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
