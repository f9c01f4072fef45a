// The comment moderation queue: one click (or one key) per row, the row updated in place.
// Every button is a plain form that works without this script (post, then back to the queue);
// here the same forms are sent with fetch, with the CSRF token they already carry.
// Keys: j / k next and previous row; a approve, r reject, s spam (then the next row waiting is
// the current one); ? shows the list of keys, Esc hides it.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".queue-row"));
  var help = document.getElementById("queue-help");
  var counter = document.querySelector(".queue-pending-count");
  var current = -1;

  function select(index) {
    if (!rows.length) { return; }
    index = Math.max(0, Math.min(rows.length - 1, index));
    if (rows[current]) { rows[current].classList.remove("is-current"); }
    current = index;
    rows[current].classList.add("is-current");
    rows[current].focus({ preventScroll: true });
    rows[current].scrollIntoView({ block: "nearest" });
  }

  function nextWaiting(from) {
    for (var i = from + 1; i < rows.length; i++) {
      if (!rows[i].classList.contains("is-done")) { return i; }
    }
    return from;
  }

  function send(form) {
    var row = form.closest(".queue-row");
    var status = row && row.querySelector(".queue-status");
    var buttons = form.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    row.setAttribute("aria-busy", "true");
    return fetch(form.action, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value
      },
      body: new FormData(form)
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      if (status) { status.textContent = answer.data.message || ""; }
      if (!answer.ok) { return; }
      row.classList.remove("is-approved", "is-rejected", "is-spam");
      row.classList.add("is-done", "is-" + answer.data.state);
      row.dataset.state = answer.data.state;
      // The handled row is done with: the next one still waiting becomes the current one.
      if (rows[current] === row) { select(nextWaiting(current)); }
      if (counter && typeof answer.data.pending === "number") {
        counter.textContent = String(answer.data.pending);
      }
      var reply = form.closest("details");
      if (reply) {
        reply.open = false;
        form.reset();
      }
    }).catch(function () {
      if (status) { status.textContent = "Chưa lưu được. Vui lòng kiểm tra kết nối rồi thử lại."; }
    }).then(function () {
      buttons.forEach(function (button) { button.disabled = false; });
      row.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("queue-act")) { return; }
    event.preventDefault();
    var row = form.closest(".queue-row");
    select(rows.indexOf(row));
    send(form);
  });

  var selectAll = document.querySelector(".queue-select-all");
  if (selectAll) {
    selectAll.addEventListener("change", function () {
      document.querySelectorAll("input[name=ids][form=queue-bulk]").forEach(function (box) {
        box.checked = selectAll.checked;
      });
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    // Esc closes the list of keys wherever the focus is (the reply box included).
    if (event.key === "Escape" && !help.hidden) {
      help.hidden = true;
      event.preventDefault();
      return;
    }
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable=true]")) { return; }
    var key = event.key;
    if (key === "?") {
      help.hidden = !help.hidden;
    } else if (key === "j") {
      select(current + 1);
    } else if (key === "k") {
      select(current - 1);
    } else if (key === "a" || key === "r" || key === "s") {
      if (current < 0) { select(0); }
      var button = rows[current] && rows[current].querySelector("button[data-key='" + key + "']");
      if (!button) { return; }
      send(button.form);
    } else {
      return;
    }
    event.preventDefault();
  });
})();
