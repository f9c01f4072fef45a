// On a phone the sections' menu folds behind the "Chuyên mục" button, so the story comes first.
// Without this script the menu simply stays open.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var nav = document.getElementById("chuyen-muc");
  if (!button || !nav) { return; }
  var phone = window.matchMedia("(max-width: 600px)");

  function fit() {
    button.hidden = !phone.matches;
    nav.classList.toggle("is-folded", phone.matches);
  }

  button.addEventListener("click", function () {
    var open = !nav.classList.contains("is-open");
    nav.classList.toggle("is-open", open);
    button.setAttribute("aria-expanded", String(open));
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      nav.classList.remove("is-open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
  phone.addEventListener("change", fit);
  fit();
})();
