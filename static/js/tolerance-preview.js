// The target form's live preview (templates/scorecards/manage/target_form.html): as the admin
// types a tolerance cell, ask the server what the three cells mean and show its answer in the
// form's aria-live region. Without this script the "Check the tolerance" button does the same
// by a full submit. Loaded as a module from 'self' (no inline script, no eval, under the CSP).
const form = document.querySelector("form[data-tolerance-preview]");
const region = document.getElementById("tolerance-preview");

if (form && region) {
  const cells = ["red", "amber", "green"].map((name) => form.elements.namedItem(name)).filter(Boolean);
  const WAIT = 300; // milliseconds after the last keystroke, so one request per pause in typing
  let timer = null;
  let asked = 0;

  const refresh = () => {
    const query = new URLSearchParams(cells.map((cell) => [cell.name, cell.value]));
    const mine = ++asked;
    fetch(`${form.dataset.tolerancePreview}?${query}`, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        // An older answer arriving after a newer one is dropped.
        if (mine === asked) {
          region.innerHTML = html;
        }
      })
      .catch(() => {
        // The preview is a help, not a need: on failure the Check button still works.
      });
  };

  cells.forEach((cell) => {
    cell.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, WAIT);
    });
  });
}
