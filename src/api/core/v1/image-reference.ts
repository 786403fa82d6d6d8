// Container image references (the docker/distribution grammar that upstream's
// parsers.ParseImageName uses): name[:tag][@digest], with an optional registry domain.

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainRe = new RegExp(`^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const pathRe = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const tagRe = /^[\w][\w.-]{0,127}$/;
const digestRe = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const NAME_TOTAL_MAX = 255;

export interface ImageReference {
  /** registry domain as written, '' when none (docker.io implied) */
  domain: string;
  /** repository path as written */
  path: string;
  tag: string;
  digest: string;
}

/** Parses an image reference; undefined when it does not follow the grammar. */
export function parseImageReference(image: string): ImageReference | undefined {
  if (!image) return undefined;
  let rest = image;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return undefined;
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagRe.test(tag)) return undefined;
  }
  if (rest.length === 0 || rest.length > NAME_TOTAL_MAX) return undefined;
  let domain = '';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      path = rest.slice(slash + 1);
      if (!domainRe.test(domain)) return undefined;
    }
  }
  if (!pathRe.test(path)) return undefined;
  return { domain, path, tag, digest };
}

/** The tag ParseImageName reports: "latest" when neither tag nor digest is given, '' for unparsable references. */
export function imageTag(image: string): string {
  const ref = parseImageReference(image);
  if (!ref) return '';
  if (!ref.tag && !ref.digest) return 'latest';
  return ref.tag;
}

/** The default imagePullPolicy: Always for :latest (or no tag), IfNotPresent otherwise. */
export function imagePullPolicyFor(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
