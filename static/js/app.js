// Site-wide script, loaded as a module from 'self' (no inline scripts under our CSP).
// It replaces GOV.UK Frontend's inline body-class snippet and starts its components.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
