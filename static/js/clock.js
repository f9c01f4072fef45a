// Keep the header clock current in Vietnam time, even on a page served from a cache.
(function () {
  "use strict";
  var WEEKDAYS = ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"];
  var OFFSET_MS = 7 * 60 * 60 * 1000; // Asia/Ho_Chi_Minh is UTC+7 all year.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function render(el) {
    var v = new Date(Date.now() + OFFSET_MS);
    el.textContent = WEEKDAYS[v.getUTCDay()] + ", " + pad(v.getUTCDate()) + "/" +
      pad(v.getUTCMonth() + 1) + "/" + v.getUTCFullYear() + ", " + pad(v.getUTCHours()) +
      ":" + pad(v.getUTCMinutes()) + " [GMT+7]";
    el.setAttribute("datetime", new Date().toISOString());
  }
  function start() {
    var el = document.getElementById("clock");
    if (!el) { return; }
    render(el);
    setInterval(function () { render(el); }, 15000);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
