// Reply in place: "Trả lời" moves the comment form under the comment it answers. Without
// JavaScript the link opens a reply page with the same form, so nothing depends on this.
(function () {
  "use strict";
  function start() {
    var form = document.querySelector("#binh-luan .comment-form");
    if (!form) { return; }
    var parent = form.querySelector("input[name=parent]");
    freshToken(form);
    var home = document.createComment("comment-form");
    form.parentNode.insertBefore(home, form);
    var note = document.createElement("p");
    note.className = "comment-replying";
    var label = document.createElement("span");
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "comment-reply-cancel";
    cancel.textContent = "Hủy trả lời";
    note.appendChild(label);
    note.appendChild(document.createTextNode(" "));
    note.appendChild(cancel);

    cancel.addEventListener("click", function () {
      parent.value = "";
      note.remove();
      home.parentNode.insertBefore(form, home.nextSibling);
      form.querySelector("textarea").focus();
    });
    document.addEventListener("click", function (event) {
      var link = event.target.closest(".comment-reply-link");
      if (!link || !link.dataset.replyTo) { return; }
      event.preventDefault();
      parent.value = link.dataset.replyTo;
      label.textContent = "Trả lời bình luận của " + link.dataset.replyName;
      form.insertBefore(note, form.firstChild);
      link.closest(".comment").appendChild(form);
      form.querySelector("textarea").focus();
    });
  }
  // The page may come from a shared cache, where every reader got the same single-use form
  // token: when this reader starts writing, swap in one of their own. Fetched once, so a
  // double click or a retry still sends the same token and stores one comment.
  function freshToken(form) {
    var url = form.dataset.tokenUrl;
    var input = form.querySelector("input[name=token]");
    if (!url || !input || !window.fetch) { return; }
    var fetched = false;
    function fetchToken() {
      if (fetched) { return; }
      fetched = true;
      fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.token) { input.value = data.token; } })
        .catch(function () { /* the page's own token still works */ });
    }
    form.addEventListener("focusin", fetchToken);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
