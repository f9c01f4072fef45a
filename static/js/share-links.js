// The share-link panel of the story form: "Sao chép" puts a link's address on the clipboard.
// Without the clipboard API the address is selected, for the editor to copy by hand.
(function () {
  "use strict";
  document.querySelectorAll(".share-copy").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copy);
      var said = button.parentNode.querySelector(".share-copied");
      var done = function () { said.textContent = " · Đã sao chép địa chỉ."; };
      input.select();
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          said.textContent = " · Hãy bấm Ctrl+C để sao chép.";
        });
      } else {
        said.textContent = " · Hãy bấm Ctrl+C để sao chép.";
      }
    });
  });
})();
