// Small conveniences on top of pages that work without script: the catalogue's filters
// apply as soon as one is chosen.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const select of document.querySelectorAll("form.filters select")) {
    select.addEventListener("change", () => select.form.requestSubmit());
  }
});
