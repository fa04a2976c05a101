// Any thrown value as the element's error shape: an Error with `code`, `path` and
// `messages: {de, en}` (engine errors already are one; anything else becomes `internal`).

export function errorObject(e) {
  if (e && typeof e === 'object' && e.code) {
    const messages = e.messages || (e.message && typeof e.message === 'object' ? e.message : { de: String(e.message ?? e.code), en: String(e.message ?? e.code) });
    if (e instanceof Error) {
      if (!e.messages) e.messages = messages;
      if (e.path === undefined) e.path = '';
      return e;
    }
    return Object.assign(new Error(messages.en || e.code), { code: e.code, path: e.path ?? '', messages });
  }
  const msg = e instanceof Error ? e.message : String(e);
  return Object.assign(new Error(msg), { code: 'internal', path: '', messages: { de: `Interner Fehler: ${msg}`, en: `Internal error: ${msg}` } });
}
