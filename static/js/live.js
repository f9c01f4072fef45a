/* Live coverage (Trực tiếp): new entries without reloading, and without jumping the page.
 *
 * Polls the story's entries endpoint (one address per story, served from the shared cache)
 * every data-live-poll ms, every data-live-hidden-poll ms while the tab is hidden, and stops
 * once the coverage has ended. New entries wait behind a "N cập nhật mới" button; edits and
 * withdrawals of entries on the page are applied in place. Without this script a reload
 * shows everything.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-live-feed]");
  if (!root || !window.fetch) return;
  var list = root.querySelector("[data-live-entries]");
  var summary = root.querySelector("[data-live-summary]");
  var row = root.querySelector("[data-live-new-row]");
  var button = root.querySelector("[data-live-new]");
  var url = root.getAttribute("data-live-feed");
  var visibleMs = parseInt(root.getAttribute("data-live-poll"), 10) || 10000;
  var hiddenMs = parseInt(root.getAttribute("data-live-hidden-poll"), 10) || 60000;
  var waiting = []; // new entries' HTML, newest first, not shown yet
  var timer = null;
  var stopped = false;
  var failures = 0;

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  // Tell the page's other scripts (embeds.js) that an entry came in.
  function announce(node) {
    node.dispatchEvent(new CustomEvent("newsroom:content", { bubbles: true }));
  }

  function shownIds() {
    var ids = {};
    list.querySelectorAll("[data-live-entry]").forEach(function (item) {
      ids[item.getAttribute("data-live-entry")] = item;
    });
    return ids;
  }

  function showButton() {
    if (!waiting.length) {
      row.hidden = true;
      return;
    }
    button.textContent = waiting.length + " cập nhật mới";
    row.hidden = false;
  }

  function showWaiting() {
    for (var i = waiting.length - 1; i >= 0; i--) {
      var node = fragment(waiting[i].html);
      list.insertBefore(node, list.firstElementChild);
      announce(node);
    }
    waiting = [];
    var empty = root.querySelector("[data-live-empty]");
    if (empty) empty.remove();
    showButton();
    var first = list.firstElementChild;
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus({ preventScroll: false });
    }
  }

  function apply(data) {
    var onPage = shownIds();
    var inFeed = {};
    var fresh = [];
    data.entries.forEach(function (entry) {
      var id = String(entry.id);
      inFeed[id] = true;
      var item = onPage[id];
      if (item) {
        if (entry.html && item.getAttribute("data-live-version") !== entry.version) {
          var node = fragment(entry.html);
          item.replaceWith(node);
          announce(node);
        }
      } else if (entry.html) {
        fresh.push(entry);
      }
    });
    Object.keys(onPage).forEach(function (id) {
      if (!inFeed[id]) onPage[id].remove(); // withdrawn
    });
    waiting = fresh;
    showButton();
    if (summary.innerHTML.trim() !== data.summary) summary.innerHTML = data.summary;
    root.setAttribute("data-live-state", data.state);
    if (data.state === "ended") {
      showWaiting();
      stop();
    }
  }

  function delay() {
    var ms = document.hidden ? hiddenMs : visibleMs;
    if (failures) ms = Math.min(ms * Math.pow(2, failures), 5 * 60000);
    return ms;
  }

  function schedule() {
    if (stopped) return;
    clearTimeout(timer);
    var ms = delay();
    root.setAttribute("data-live-delay", String(ms));
    timer = setTimeout(poll, ms);
  }

  function poll() {
    // "no-cache": the browser asks again each time (a 304 when nothing changed).
    fetch(url, { cache: "no-cache", credentials: "omit", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        failures = 0;
        apply(data);
        root.setAttribute("data-live-polls", String((parseInt(root.getAttribute("data-live-polls"), 10) || 0) + 1));
      })
      .catch(function () {
        failures = Math.min(failures + 1, 5);
      })
      .then(schedule);
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    root.removeAttribute("data-live-delay");
    document.removeEventListener("visibilitychange", onVisibility);
  }

  function onVisibility() {
    if (stopped) return;
    if (document.hidden) {
      schedule(); // back off: the hidden tab's slower pace from now
    } else {
      clearTimeout(timer);
      poll(); // back in view: catch up at once
    }
  }

  button.addEventListener("click", showWaiting);
  document.addEventListener("visibilitychange", onVisibility);
  if (root.getAttribute("data-live-state") === "ended") return;
  schedule();
})();
