// Keep what a reader types into a comment form in this tab (sessionStorage) until the server
// says it was received, so a post that meets a server error or a lost connection loses nothing:
// the next view of the story puts the text back into the form.
(function () {
  "use strict";
  var PREFIX = "binh-luan:nhap:";
  var FIELDS = ["name", "email", "body"];

  function storage() {
    try {
      return window.sessionStorage;
    } catch (error) {
      return null; // storage refused (privacy settings): the form still works without it
    }
  }

  function field(form, name) {
    return form.querySelector("[name=" + name + "]");
  }

  function start() {
    var store = storage();
    var form = document.querySelector(".comment-form");
    var article = form && field(form, "article");
    if (!store || !article) { return; }
    var key = PREFIX + article.value;

    if (document.querySelector(".message.comment-received")) {
      store.removeItem(key); // acknowledged: this text is with the moderators now
    } else {
      restore(store, key, form);
    }
    form.addEventListener("input", function () {
      var draft = {};
      FIELDS.forEach(function (name) {
        var input = field(form, name);
        if (input) { draft[name] = input.value; }
      });
      try {
        store.setItem(key, JSON.stringify(draft));
      } catch (error) {
        // storage full: nothing more to do than the form itself
      }
    });
  }

  function restore(store, key, form) {
    var draft;
    try {
      draft = JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      return;
    }
    var body = field(form, "body");
    // A form the server sent back with errors already holds the reader's text.
    if (!draft || !draft.body || !body || body.value.trim()) { return; }
    FIELDS.forEach(function (name) {
      var input = field(form, name);
      if (input && draft[name] && !input.value) { input.value = draft[name]; }
    });
    var note = document.createElement("p");
    note.className = "comment-draft-restored";
    note.setAttribute("role", "status");
    note.textContent =
      "Bình luận bạn viết dở chưa được gửi đi, chúng tôi đã điền lại vào ô bên dưới. " +
      "Hãy kiểm tra rồi bấm Gửi bình luận.";
    form.insertBefore(note, form.firstChild);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
