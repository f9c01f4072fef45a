// A photo story's pictures one at a time: ← and → keys, a swipe, or the two buttons.
// Without this script the pictures stay a plain list, one after another (templates/articles/kinds/photo.html).
(function () {
  "use strict";
  var SWIPE = 40; // pixels a finger moves sideways to turn the picture

  function enhance(gallery) {
    var list = gallery.querySelector(".gallery-list");
    var items = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-item"));
    if (!list || items.length < 2) { return; }
    var current = 0;

    var controls = document.createElement("div");
    controls.className = "gallery-controls";
    var previous = document.createElement("button");
    previous.type = "button";
    previous.className = "gallery-previous";
    previous.textContent = "‹ Ảnh trước";
    var next = document.createElement("button");
    next.type = "button";
    next.className = "gallery-next";
    next.textContent = "Ảnh sau ›";
    var status = document.createElement("p");
    status.className = "gallery-status";
    status.setAttribute("aria-live", "polite");
    controls.appendChild(previous);
    controls.appendChild(status);
    controls.appendChild(next);
    // Under the picture: nothing above it moves when the script runs.
    list.parentNode.insertBefore(controls, list.nextSibling);

    list.tabIndex = 0;
    list.setAttribute("aria-label", "Ảnh trong bài: phím mũi tên trái, phải để chuyển ảnh");

    function show(place) {
      current = Math.max(0, Math.min(items.length - 1, place));
      items.forEach(function (item, n) { item.hidden = n !== current; });
      previous.disabled = current === 0;
      next.disabled = current === items.length - 1;
      status.textContent = "Ảnh " + (current + 1) + "/" + items.length;
      gallery.setAttribute("data-current", String(current + 1));
    }

    previous.addEventListener("click", function () { show(current - 1); });
    next.addEventListener("click", function () { show(current + 1); });
    gallery.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      if (event.key === "ArrowRight") { show(current + 1); event.preventDefault(); }
      if (event.key === "ArrowLeft") { show(current - 1); event.preventDefault(); }
    });
    var startX = null, startY = null;
    list.addEventListener("touchstart", function (event) {
      startX = event.touches[0].clientX;
      startY = event.touches[0].clientY;
    }, { passive: true });
    list.addEventListener("touchend", function (event) {
      if (startX === null) { return; }
      var dx = event.changedTouches[0].clientX - startX;
      var dy = event.changedTouches[0].clientY - startY;
      startX = startY = null;
      if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(dy)) { show(current + (dx < 0 ? 1 : -1)); }
    }, { passive: true });

    var asked = items.findIndex(function (item) { return "#" + item.id === window.location.hash; });
    gallery.classList.add("gallery-enhanced");
    show(asked < 0 ? 0 : asked);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-gallery]"), enhance);
})();
