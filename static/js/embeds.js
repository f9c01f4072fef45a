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

  // Show the buttons of the placeholders under `root`: the page's, and those a script adds
  // later (live coverage's new entries announce themselves with "newsroom:content").
  function reveal(root) {
    root.querySelectorAll("figure.embed[data-embed-src] .embed-load").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".embed-load");
    var figure = button && button.closest("figure.embed[data-embed-src]");
    if (figure) {
      load(figure);
    }
  });
  document.addEventListener("newsroom:content", function (event) {
    reveal(event.target);
  });
  reveal(document);
})();
