// The story form shows the boxes its kind uses: the video for a video story, the sound for a
// podcast, the pictures' rows for a photo story. A box holding a value or an error stays shown.
// Without this script every box shows (articles/kinds/admin.py).
function fitStoryKind() {
  "use strict";
  var kind = document.getElementById("id_kind");
  if (!kind) { return; }
  var parts = [
    { selector: ".form-row.field-video", kinds: ["video"], input: "id_video" },
    { selector: ".form-row.field-audio", kinds: ["audio"], input: "id_audio" },
    { selector: "#gallery-group", kinds: ["photo"], input: null }
  ];

  function keep(element, input) {
    if (element.querySelector(".errorlist")) { return true; }
    var box = input && document.getElementById(input);
    return Boolean(box && box.value);
  }

  function fit() {
    parts.forEach(function (part) {
      var element = document.querySelector(part.selector);
      if (!element) { return; }
      // `style.display`, not `hidden`: the admin's stylesheet sets the rows' display.
      var away = part.kinds.indexOf(kind.value) < 0 && !keep(element, part.input);
      element.style.display = away ? "none" : "";
      element.dataset.away = String(away);
    });
    var media = document.querySelector("fieldset.kind-media");
    if (media) {
      var rows = media.querySelectorAll(".form-row");
      var empty = Array.prototype.every.call(rows, function (row) { return row.dataset.away === "true"; });
      media.style.display = empty ? "none" : "";
    }
  }

  kind.addEventListener("change", fit);
  fit();
}
// Loaded in the page's head with the admin's other scripts: wait for the form.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", fitStoryKind);
} else {
  fitStoryKind();
}
