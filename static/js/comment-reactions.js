// Likes on a story page that may come from a shared cache: the page holds nobody's state.
// This visitor's likes and reports, the current counts and their CSRF token come from the
// comment block's data-reactions-url; a like is then posted with fetch and shown in place.
// Reporting opens its own page (a form with a reason), which works without JavaScript.
(function () {
  "use strict";
  function csrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }
  var block = document.querySelector("[data-reactions-url]");
  if (!block || !block.querySelector(".comment-like")) { return; }
  var csrf = null;
  var loading = null;

  function note(form, text) {
    var status = form.parentNode.querySelector(".comment-reaction-note");
    if (status) { status.textContent = text; }
  }
  function setCount(form, count) {
    form.querySelector(".comment-like-count").textContent = count ? String(count) : "";
  }
  function markLiked(form) {
    var button = form.querySelector("button");
    button.setAttribute("aria-pressed", "true");
    button.classList.add("is-liked");
  }
  function state() {
    if (!loading) {
      loading = fetch(block.dataset.reactionsUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (data) {
          csrf = data.csrf;
          block.querySelectorAll(".comment-like").forEach(function (form) {
            var id = form.dataset.comment;
            setCount(form, data.likes[id] || 0);
            if (data.liked.indexOf(Number(id)) !== -1) { markLiked(form); }
          });
          data.reported.forEach(function (id) {
            var link = block.querySelector(".comment-report-link[data-comment='" + id + "']");
            if (link) {
              var done = document.createElement("span");
              done.className = "comment-reported";
              done.textContent = "Đã báo vi phạm";
              link.replaceWith(done);
            }
          });
        })
        .catch(function () { loading = null; });
    }
    return loading;
  }

  block.addEventListener("submit", function (event) {
    var form = event.target.closest(".comment-like");
    if (!form) { return; }
    event.preventDefault();
    var button = form.querySelector("button");
    if (button.getAttribute("aria-pressed") === "true") {
      note(form, "Bạn đã thích bình luận này rồi.");
      return;
    }
    button.disabled = true;
    state().then(function () {
      return fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        // The cookie's own secret when there is one: the comment form's fetch may have set
        // a newer cookie than the one this state came with (see comments.js).
        headers: { Accept: "application/json", "X-CSRFToken": csrfCookie() || csrf || "" },
        body: new FormData(form)
      });
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      note(form, answer.data.message || "");
      if (answer.ok) {
        setCount(form, answer.data.count);
        markLiked(form);
      }
    }).catch(function () {
      note(form, "Chưa gửi được. Vui lòng kiểm tra kết nối rồi thử lại.");
    }).then(function () { button.disabled = false; });
  });
  state();
})();
