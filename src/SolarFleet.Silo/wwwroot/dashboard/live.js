// Live figures: the page names its stream in <body data-live-source>; each message carries the page's figures
// as the server prints them, keyed by the data-live name of their element. Without JavaScript the page still works.
(() => {
  const source = document.body.dataset.liveSource;
  if (!source || !window.EventSource) return;
  const events = new EventSource(source);
  events.addEventListener("figures", (event) => {
    const figures = JSON.parse(event.data);
    for (const element of document.querySelectorAll("[data-live]")) {
      const text = figures[element.dataset.live];
      if (text !== undefined && element.textContent !== text) element.textContent = text;
    }
    document.body.dataset.liveAt = String(Date.now());
  });
  // Stop when the page is hidden or left: only what is on screen is sent.
  document.addEventListener("visibilitychange", () => { if (document.hidden) events.close(); else if (events.readyState === EventSource.CLOSED) location.reload(); });
  window.addEventListener("pagehide", () => events.close());
})();
