// The desk's front page: a story dragged from "Bài để đặt" and dropped on a slot fills that
// slot's "Mã bài" and sends its form (typing the number and pressing "Đặt" does the same).
"use strict";
(function () {
  function setUp() {
    document.querySelectorAll(".front-candidate[data-story]").forEach(function (item) {
      item.addEventListener("dragstart", function (event) {
        event.dataTransfer.effectAllowed = "copy";
        event.dataTransfer.setData("text/plain", item.dataset.story);
      });
    });
    document.querySelectorAll("form.front-slot").forEach(function (form) {
      const field = form.querySelector("input[name='story']");
      if (!field) {
        return;
      }
      form.addEventListener("dragover", function (event) {
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        form.classList.add("front-slot-over");
      });
      form.addEventListener("dragleave", function () {
        form.classList.remove("front-slot-over");
      });
      form.addEventListener("drop", function (event) {
        event.preventDefault();
        form.classList.remove("front-slot-over");
        const story = (event.dataTransfer.getData("text/plain") || "").trim();
        if (!/^[0-9]+$/.test(story)) {
          return;
        }
        field.value = story;
        if (form.querySelector("input[name='until']")) {
          field.focus(); // the bar still needs its end time
          return;
        }
        form.requestSubmit();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", setUp);
})();
