// The story form's "Xem trước": the button at the bottom posts what the form holds now to a new
// tab (formaction, formtarget), and the link at the top does the same, not showing the last
// saved version the link alone would.
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

  // Other scripts take a submit as a save (story_autosave.js stops asking before the page is
  // left and marks its draft as sent); a preview saves nothing, so they are not told of it.
  // A capturing listener on the form runs before theirs.
  document.querySelectorAll("button[data-form-preview]").forEach(function (button) {
    if (!button.form) {
      return;
    }
    button.form.addEventListener(
      "submit",
      function (event) {
        if (event.submitter === button) {
          event.stopImmediatePropagation();
        }
      },
      true,
    );
  });
})();
