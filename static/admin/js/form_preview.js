// The story form's "Xem trước" link at the top: preview what the form holds now (the button at
// the bottom posts it to a new tab), not the last saved version the link alone would show.
"use strict";
(function () {
  document.querySelectorAll("[data-preview-button]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const button = document.getElementById(link.dataset.previewButton);
      if (!button || !button.form) {
        return;
      }
      event.preventDefault();
      button.form.requestSubmit(button);
    });
  });
})();
