// The story form's "Thẻ" box: as a name is typed after the last comma, the tags that exist
// and hold its words (folded: "ruong" finds "Ruộng bậc thang") are offered as buttons under
// the box; one press puts the name in place of the word, so a typo makes no new tag.
"use strict";
(function () {
  const WAIT_MS = 200;

  function setUp(input) {
    const row = document.createElement("div");
    row.className = "desk-tag-suggestions";
    row.setAttribute("aria-live", "polite");
    (input.closest(".flex-container") || input).insertAdjacentElement("afterend", row);
    let timer = null;
    let asked = "";

    function parts() {
      const all = input.value.split(",");
      const done = all.slice(0, -1).map((part) => part.trim()).filter(Boolean);
      return { done: done, word: all[all.length - 1].trim() };
    }

    function choose(name) {
      input.value = parts().done.concat([name]).join(", ") + ", ";
      row.replaceChildren();
      asked = "";
      input.focus();
    }

    function show(names) {
      const taken = new Set(parts().done.map((n) => n.toLocaleLowerCase("vi")));
      const offered = names.filter((n) => !taken.has(n.toLocaleLowerCase("vi")));
      row.replaceChildren();
      if (!offered.length) {
        return;
      }
      const label = document.createElement("span");
      label.className = "help";
      label.textContent = "Thẻ có sẵn: ";
      row.append(label);
      offered.forEach(function (name) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = name;
        button.addEventListener("click", function () {
          choose(name);
        });
        row.append(button);
      });
    }

    function suggest() {
      const word = parts().word;
      if (word.length < 2) {
        asked = "";
        row.replaceChildren();
        return;
      }
      if (word === asked) {
        return;
      }
      asked = word;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(word), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then((response) => (response.ok ? response.json() : { tags: [] }))
        .then((data) => {
          if (asked === word) {
            show(data.tags);
          }
        })
        .catch(() => row.replaceChildren());
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, WAIT_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url]").forEach(setUp);
  });
})();
