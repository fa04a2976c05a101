// Sizes the iframe from the query (?w=320&h=640&src=/www/index.html) and loads the page into it.
const q = new URLSearchParams(location.search);
const frame = document.getElementById('frame');
frame.width = q.get('w') || '320';
frame.height = q.get('h') || '640';
const src = new URL(q.get('src') || '/www/index.html', location.href);
if (src.origin === location.origin) frame.src = src.href;
