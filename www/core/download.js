// Offering text as a file download: a blob: URL on a hidden link, so nothing leaves the page's
// origin. Its own module, so that it comes with what uses it (the export panel, a part loaded on
// demand; the plan's exports), not with the first result.

/** Offers `text` as the file `name` of MIME type `type`; the link goes into `host` for the click. */
export function download(host, name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  host.append(a);
  a.click();
  a.remove();
  // (revoked later: a browser may still be reading it after the click)
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
