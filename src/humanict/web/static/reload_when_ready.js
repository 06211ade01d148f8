// A page that says its content is being prepared (data-reload-when-ready="<seconds>") asks the
// server again every that many seconds, and reloads itself once the answer no longer says so.
// Unlike <meta http-equiv="refresh">, nothing moves under the reader while the wait goes on.
(function () {
  "use strict";

  const marker = document.querySelector("[data-reload-when-ready]");
  if (!marker) return;
  const seconds = Math.max(1, Number(marker.dataset.reloadWhenReady) || 10);

  function poll() {
    fetch(window.location.href, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        if (text.includes("data-reload-when-ready")) window.setTimeout(poll, seconds * 1000);
        else window.location.reload();
      })
      .catch(function () { window.setTimeout(poll, seconds * 1000); });
  }

  window.setTimeout(poll, seconds * 1000);
})();
