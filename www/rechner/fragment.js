// The whole state in the URL fragment: "#efa=" + the request as percent-encoded JSON.
// Other fragment parameters (joined with "&") are kept untouched.

export const PREFIX = 'efa=';

function params(hash) {
  return String(hash || '').replace(/^#/, '').split('&').filter(Boolean);
}

/** The request in a fragment, or null; throws SyntaxError for a malformed one. */
export function readFragment(hash = location.hash) {
  const p = params(hash).find((x) => x.startsWith(PREFIX));
  if (!p) return null;
  const json = decodeURIComponent(p.slice(PREFIX.length));
  const req = JSON.parse(json);
  if (!req || typeof req !== 'object' || Array.isArray(req)) throw new SyntaxError('not an object');
  return req;
}

/** Encodes a request; keeps "," ":" "@" readable (RFC 3986 allows them in a fragment). */
export function encodeRequest(req) {
  return encodeURIComponent(JSON.stringify(req)).replace(/%(2C|3A|40)/g, (m, c) => String.fromCharCode(parseInt(c, 16)));
}

export function fragmentFor(req, hash = location.hash) {
  const others = params(hash).filter((x) => !x.startsWith(PREFIX));
  return `#${[PREFIX + encodeRequest(req), ...others].join('&')}`;
}

export function writeFragment(req) {
  const frag = fragmentFor(req);
  if (frag !== location.hash) history.replaceState(history.state, '', frag);
  return location.href;
}
