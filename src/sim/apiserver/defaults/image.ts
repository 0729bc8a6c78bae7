/**
 * Image references, parsed the way the container-image reference grammar (used by the
 * apiserver to default `imagePullPolicy`) reads them: `[domain/]path[:tag][@digest]`.
 */

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

const MAX_NAME_LENGTH = 255;
/** Digest algorithms the registry client knows, with their hex lengths. */
const DIGEST_HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** The parts of an image reference that pull-policy defaulting needs. */
export interface ImageReference {
  /** Full repository name, normalized (`docker.io/library/nginx`). */
  readonly name: string;
  /** The tag; `latest` when neither a tag nor a digest is given; '' when only a digest is. */
  readonly tag: string;
  /** The digest (`sha256:...`), or ''. */
  readonly digest: string;
}

/** Splits off the registry domain, adding Docker Hub's `docker.io` and `library/` when implied. */
function splitDomain(image: string): [domain: string, remainder: string] {
  const slash = image.indexOf('/');
  const first = slash === -1 ? '' : image.slice(0, slash);
  const looksLikeDomain =
    slash !== -1 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (!looksLikeDomain) {
    return ['docker.io', slash === -1 ? `library/${image}` : image];
  }
  const domain = first === 'index.docker.io' ? 'docker.io' : first;
  const remainder = image.slice(slash + 1);
  return [domain, domain === 'docker.io' && !remainder.includes('/') ? `library/${remainder}` : remainder];
}

function validDigest(digest: string): boolean {
  const colon = digest.indexOf(':');
  const length = DIGEST_HEX_LENGTH[digest.slice(0, colon)];
  const hex = digest.slice(colon + 1);
  return length !== undefined && hex.length === length && /^[a-f0-9]+$/.test(hex);
}

/** Parses an image reference as a Docker-style normalized name; undefined when it is invalid. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (/^[a-f0-9]{64}$/.test(image)) return undefined; // a bare image ID is not a name
  const [domain, remainder] = splitDomain(image);
  const colon = remainder.indexOf(':');
  const repository = colon === -1 ? remainder : remainder.slice(0, colon);
  if (repository.toLowerCase() !== repository) return undefined;
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (!match) return undefined;
  const name = match[1] ?? '';
  const tag = match[2] ?? '';
  const digest = match[3] ?? '';
  if (name.length > MAX_NAME_LENGTH) return undefined;
  if (digest !== '' && !validDigest(digest)) return undefined;
  return { name, tag: tag === '' && digest === '' ? 'latest' : tag, digest };
}

/**
 * The pull policy the apiserver fills in when a container leaves it empty: `Always` for the
 * `latest` tag (including no tag and no digest), `IfNotPresent` otherwise, and also when
 * the reference does not parse (validation reports that).
 */
export function defaultPullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  const parsed = typeof image === 'string' ? parseImageReference(image) : undefined;
  return parsed?.tag === 'latest' ? 'Always' : 'IfNotPresent';
}
