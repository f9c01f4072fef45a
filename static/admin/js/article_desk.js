// The story form: word count of the body and length of the lead, kept up to date while typing.
"use strict";
(function () {
  function words(text) {
    const trimmed = text.trim();
    return trimmed ? trimmed.split(/\s+/u).length : 0;
  }

  function counter(after, id) {
    let output = document.getElementById(id);
    if (!output) {
      output = document.createElement("div");
      output.id = id;
      output.className = "help desk-counter";
      output.setAttribute("aria-live", "polite");
      // Below the field's row of label and input, like the admin's own help text.
      (after.closest(".flex-container") || after).insertAdjacentElement("afterend", output);
    }
    return output;
  }

  function watchLead() {
    const lead = document.getElementById("id_lead");
    if (!lead) {
      return;
    }
    const limit = parseInt(lead.getAttribute("maxlength"), 10);
    const output = counter(lead, "lead-counter");
    const update = function () {
      const length = lead.value.length;
      output.textContent = "Sapo: " + length + "/" + limit + " ký tự, " + words(lead.value) + " từ";
      output.classList.toggle("over-limit", length > limit);
    };
    lead.addEventListener("input", update);
    update();
  }

  function watchBody(editor, textarea) {
    const output = counter(textarea, "body-counter");
    const update = function () {
      output.textContent = "Nội dung: " + words(editor.getText({ blockSeparator: " " })) + " từ";
    };
    editor.on("update", update);
    update();
  }

  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea.id === "id_body") {
      watchBody(event.detail.editor, event.detail.textarea);
    }
  });
  document.addEventListener("DOMContentLoaded", watchLead);
})();
