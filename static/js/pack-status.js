// The agenda pack build's status (templates/meetings/manage/includes/pack_status.html): while the
// build runs, fetch the status fragment every few seconds and put it in place. An external
// module, as the Content Security Policy allows; without it the page's Refresh link does the same.
const EVERY_MS = 2000;

function poll(element) {
  const url = element.dataset.packStatus;
  if (!url) return;
  window.setTimeout(async () => {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const holder = document.createElement("div");
      holder.innerHTML = await response.text();
      const fresh = holder.querySelector("#pack-status");
      if (!fresh) return;
      // Keep the live region itself, so a screen reader announces what changed inside it.
      element.innerHTML = fresh.innerHTML;
      if (fresh.dataset.packStatus) poll(element);
      else delete element.dataset.packStatus;
    } catch {
      // The network failed: the Refresh link still works.
    }
  }, EVERY_MS);
}

const status = document.getElementById("pack-status");
if (status) poll(status);
