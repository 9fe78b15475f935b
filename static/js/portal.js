// Starts the NHS.UK frontend components (header menu, error summary focus, character counts...).
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";
import { initPickers } from "./picker.js";

initAll();
initPickers();

// "Print this summary" buttons: no inline handlers under our CSP.
for (const button of document.querySelectorAll("[data-print]")) {
  button.addEventListener("click", () => window.print());
}
