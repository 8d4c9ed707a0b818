// The web view's service worker: keeps the page's shell so it opens at once (and offline, with
// a message), and never stores anything a person owns — sessions and portfolios go to the network.
const SHELL = 'parley-web-shell-v1';
const FILES = ['/web/', '/web/app.js', '/web/app.css', '/web/icon.svg', '/web/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k !== SHELL).map((k) => caches.delete(k)))).then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  const shell = url.pathname === '/web/' ? '/web/' : FILES.includes(url.pathname) ? url.pathname : null;
  if (!shell) return; // data: straight to the network
  // The shell: the network first (a new version shows at once), the cached copy when offline.
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(SHELL).then((cache) => cache.put(shell, copy));
        }
        return response;
      })
      .catch(() => caches.match(shell)),
  );
});
