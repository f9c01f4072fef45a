// The story form: word count and reading time of the body and length of the lead, kept up to
// date while typing; the body editor's menus in Vietnamese; a button with `data-confirm`
// ("Lưu và gỡ bài") asks its question first, and so does the list's action that takes stories
// down.
"use strict";
(function () {
  // Reading speed of a Vietnamese news reader, in words (syllables) a minute.
  const WORDS_PER_MINUTE = 200;

  // The editor's own labels are English and not translatable (no gettext around them):
  // buttons by their English title, the block-type list by item name.
  const BUTTON_LABELS = {
    paragraph: "Đoạn văn",
    "heading 2": "Tiêu đề cấp 2",
    "heading 3": "Tiêu đề cấp 3",
    "heading 4": "Tiêu đề cấp 4",
    "unordered list": "Danh sách gạch đầu dòng",
    "ordered list": "Danh sách đánh số",
    blockquote: "Trích dẫn",
    figure: "Chèn ảnh",
    bold: "Chữ đậm",
    italic: "Chữ nghiêng",
    "insert link": "Chèn liên kết",
    "remove link": "Bỏ liên kết",
    undo: "Hoàn tác",
    redo: "Làm lại",
  };
  const OPTION_LABELS = {
    heading2: "Tiêu đề cấp 2",
    heading3: "Tiêu đề cấp 3",
    heading4: "Tiêu đề cấp 4",
    paragraph: "Đoạn văn",
  };

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

  function readingTime(count) {
    if (!count) {
      return "";
    }
    return ", khoảng " + Math.max(1, Math.ceil(count / WORDS_PER_MINUTE)) + " phút đọc";
  }

  function translateMenu(root) {
    root.querySelectorAll("[title]").forEach(function (element) {
      const label = BUTTON_LABELS[element.getAttribute("title")];
      if (label) {
        element.setAttribute("title", label);
        element.setAttribute("aria-label", label);
      }
    });
    root.querySelectorAll(".prose-menubar__option[data-name]").forEach(function (option) {
      const label = OPTION_LABELS[option.dataset.name];
      const text = option.firstElementChild || option;
      if (label && text.textContent !== label) {
        text.textContent = label;
      }
    });
  }

  function watchMenu(textarea) {
    const wrapper = textarea.closest(".prose-editor");
    if (!wrapper) {
      return;
    }
    translateMenu(wrapper);
    // The menu swaps buttons as the cursor moves (the block type shown is a fresh copy).
    new MutationObserver(function () {
      translateMenu(wrapper);
    }).observe(wrapper, { childList: true, subtree: true, attributeFilter: ["title"] });
  }

  function watchBody(editor, textarea) {
    const output = counter(textarea, "body-counter");
    const update = function () {
      const count = words(editor.getText({ blockSeparator: " " }));
      output.textContent = "Nội dung: " + count + " từ" + readingTime(count);
    };
    editor.on("update", update);
    update();
  }

  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea.id === "id_body") {
      watchBody(event.detail.editor, event.detail.textarea);
      watchMenu(event.detail.textarea);
    }
  });
  // A step readers notice at once is confirmed first; "Hủy" sends nothing.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // The list's "Gỡ các bài đã chọn khỏi trang", asked like the form's button.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    const action = form.querySelector("select[name=action]");
    if (form.id !== "changelist-form" || !action || action.value !== "unpublish_articles") {
      return;
    }
    const all = form.querySelector("input[name=select_across]");
    const count = form.querySelectorAll("input.action-select:checked").length;
    const which = all && all.value === "1" ? "tất cả các bài đã chọn" : count + " bài đã chọn";
    const question = "Gỡ " + which + " khỏi trang? Bạn đọc sẽ không xem được các bài này nữa.";
    if (!window.confirm(question)) {
      event.preventDefault();
    }
  });
  document.addEventListener("DOMContentLoaded", watchLead);
})();
