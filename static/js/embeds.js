// Click-to-load embeds (newsroom/embeds.py): the placeholder is ours, and nothing is asked of
// the provider until the reader presses "Xem"; then its frame takes the placeholder's place.
// Without JavaScript the button stays hidden and the link to the original remains.
(function () {
  "use strict";

  function load(figure) {
    var src = figure.getAttribute("data-embed-src") || "";
    if (src.indexOf("https://") !== 0) {
      return;
    }
    var frame = document.createElement("iframe");
    frame.className = "embed-frame";
    frame.title = figure.getAttribute("data-embed-title") || "";
    frame.setAttribute("sandbox", figure.getAttribute("data-embed-sandbox") || "");
    var allow = figure.getAttribute("data-embed-allow");
    if (allow) {
      frame.setAttribute("allow", allow);
    }
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.setAttribute("loading", "lazy");
    frame.src = src;
    var placeholder = figure.querySelector(".embed-placeholder");
    placeholder.parentNode.replaceChild(frame, placeholder);
    figure.classList.add("embed-loaded");
    frame.focus();
  }

  document.querySelectorAll("figure.embed[data-embed-src]").forEach(function (figure) {
    var button = figure.querySelector(".embed-load");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      load(figure);
    });
  });
})();
