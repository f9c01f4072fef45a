// The comment form. A story page served from a cache holds no visitor's tokens: when the
// reader starts writing, their own hidden fields (CSRF token, the signed time the form was
// shown) are fetched from the form's data-fields-url and filled in before it is sent.
// Reply in place: "Trả lời" moves the comment form under the comment it answers. Without
// JavaScript the link opens a reply page with the same form, so nothing depends on this.
// The "Viết bình luận" heading hides while the form is away, and comes back with it.
// The reader's own replies still waiting (listed with the form) go under the comment each
// answers, when that comment is on the page.
(function () {
  "use strict";
  function csrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  function ownFields(form) {
    var url = form.dataset.fieldsUrl;
    var loading = null;
    var ready = !url;
    function load() {
      if (!loading) {
        loading = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            if (!response.ok) { throw new Error("HTTP " + response.status); }
            return response.json();
          })
          .then(function (data) {
            Object.keys(data.fields).forEach(function (name) {
              var input = form.querySelector("input[name='" + name + "']");
              if (!input) {
                input = document.createElement("input");
                input.type = "hidden";
                input.name = name;
                form.appendChild(input);
              }
              input.value = data.fields[name];
            });
            ready = true;
          })
          .catch(function () { loading = null; });
      }
      return loading;
    }
    // Two of the page's fetches (these fields, and the likes' state) may each be the first to
    // get a CSRF cookie, and the last cookie wins: the form sends the cookie's own secret,
    // which Django takes as the token, so the two always match.
    form.addEventListener("submit", function () {
      var input = form.querySelector("input[name='csrfmiddlewaretoken']");
      var secret = csrfCookie();
      if (input && secret) { input.value = secret; }
    }, true);
    if (ready) { return; }
    form.addEventListener("focusin", load);
    form.addEventListener("submit", function (event) {
      if (ready) { return; }
      event.preventDefault();
      // Sent either way: without the fields the server answers with a page that says why.
      var send = function () { ready = true; form.requestSubmit ? form.requestSubmit() : form.submit(); };
      (load() || Promise.resolve()).then(send, send);
    });
  }
  function placePendingReplies() {
    var box = document.querySelector("#binh-luan .comments-own-pending");
    if (!box) { return; }
    box.querySelectorAll(".comment-pending-reply[data-parent]").forEach(function (reply) {
      var thread = document.getElementById("binh-luan-" + reply.dataset.parent);
      if (!thread) { return; }
      var replies = thread.querySelector(".comment-replies");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "comment-replies";
        thread.appendChild(replies);
      }
      var item = document.createElement("li");
      item.className = "comment comment-reply comment-own-pending";
      item.appendChild(reply);
      replies.appendChild(item);
    });
    if (!box.querySelector(".comment-pending")) { box.hidden = true; }
  }
  function start() {
    placePendingReplies();
    var form = document.querySelector("#binh-luan .comment-form");
    if (!form) { return; }
    var heading = document.getElementById("viet-binh-luan");
    ownFields(form);
    var parent = form.querySelector("input[name=parent]");
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
      if (heading) { heading.hidden = false; }
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
      if (heading) { heading.hidden = true; }
      form.querySelector("textarea").focus();
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
