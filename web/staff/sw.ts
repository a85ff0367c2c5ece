// The staff app's service worker, for Web Push alerts only: it shows the alert's content-free text
// ("a new urgent report at SP3") and opens the staff app when tapped. It caches nothing.
const sw = self as unknown as ServiceWorkerGlobalScope;

interface AlertPayload {
  title: string;
  body: string;
  url: string;
}

sw.addEventListener('push', (event) => {
  let payload: AlertPayload = { title: 'Bezpieczny Głos', body: '', url: '/staff/' };
  try {
    payload = { ...payload, ...(event.data?.json() as Partial<AlertPayload>) };
  } catch {
    // An unreadable payload still gets the generic alert.
  }
  event.waitUntil(
    sw.registration.showNotification(payload.title, {
      body: payload.body,
      icon: '/icon-192.png',
      data: { url: payload.url.startsWith('/staff/') ? payload.url : '/staff/' },
    }),
  );
});

sw.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = (event.notification.data as { url?: string } | null)?.url ?? '/staff/';
  event.waitUntil(sw.clients.openWindow(url));
});
