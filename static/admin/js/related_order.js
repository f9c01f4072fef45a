// The story form's "Bài liên quan": rows are put in order by dragging their ⠿ handle or with
// their "Chuyển lên" / "Chuyển xuống" buttons; the "Thứ tự" numbers follow the rows (1, 2,
// 3...), so nobody types them. A row added later joins at the end. Only the handle drags, so
// text in the row's boxes can still be selected.
"use strict";
(function () {
  const GROUP = "related_links";

  function rows(body) {
    return Array.from(body.querySelectorAll("tr.form-row:not(.empty-form)"));
  }

  function renumber(body) {
    rows(body).forEach(function (row, index) {
      const position = row.querySelector("input[name$='-position']");
      if (position) {
        position.value = String(index + 1);
      }
    });
  }

  function button(label, text, move) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button related-move";
    element.textContent = text;
    element.title = label;
    element.setAttribute("aria-label", label);
    element.addEventListener("click", move);
    return element;
  }

  function setUpRow(body, row) {
    if (row.dataset.ordered) {
      return;
    }
    row.dataset.ordered = "1";
    const cell = row.querySelector("td.field-position") || row.lastElementChild;
    const handle = document.createElement("span");
    handle.className = "related-handle";
    handle.textContent = "⠿";
    handle.title = "Kéo để đổi thứ tự";
    handle.setAttribute("aria-hidden", "true");
    cell.prepend(handle);
    cell.append(
      button("Chuyển lên", "↑", function () {
        const before = row.previousElementSibling;
        if (before && before.matches("tr.form-row")) {
          before.before(row);
          renumber(body);
        }
      }),
      button("Chuyển xuống", "↓", function () {
        const after = row.nextElementSibling;
        if (after && after.matches("tr.form-row:not(.empty-form)")) {
          after.after(row);
          renumber(body);
        }
      })
    );
    handle.draggable = true;
    handle.addEventListener("dragstart", function (event) {
      body.dataset.dragging = row.id;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", row.id);
    });
    row.addEventListener("dragover", function (event) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
    });
    row.addEventListener("drop", function (event) {
      event.preventDefault();
      const moved = document.getElementById(body.dataset.dragging || "");
      if (!moved || moved === row) {
        return;
      }
      const all = rows(body);
      if (all.indexOf(moved) < all.indexOf(row)) {
        row.after(moved);
      } else {
        row.before(moved);
      }
      renumber(body);
    });
  }

  function setUp() {
    const group = document.getElementById(GROUP + "-group");
    const body = group && group.querySelector("tbody");
    if (!body) {
      return;
    }
    group.classList.add("related-ordered");
    rows(body).forEach((row) => setUpRow(body, row));
    document.addEventListener("formset:added", function (event) {
      if (event.detail && event.detail.formsetName === GROUP) {
        setUpRow(body, event.target);
        renumber(body);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
