// The editor's "Browse..." window: hand the chosen picture back to the editor and close.
// CKEditor's callback, on purpose: prose-editor's Figure extension opens this page with
// ?CKEditorFuncNum=n and provides window.CKEDITOR.tools.callFunction to receive the picture.
"use strict";
(function () {
  function choose(element) {
    const opener = window.opener;
    const funcNum = element.dataset.funcNum;
    if (!opener || !opener.CKEDITOR || !funcNum) {
      return;
    }
    opener.CKEDITOR.tools.callFunction(funcNum, element.dataset.url, {
      id: element.dataset.id,
      alternative_text: element.dataset.alt,
      caption: element.dataset.caption,
    });
    window.close();
  }
  document.querySelectorAll(".picker-choice").forEach(function (button) {
    button.addEventListener("click", function () {
      choose(button);
    });
  });
  const done = document.querySelector(".picker-done");
  if (done) {
    choose(done);
  }
})();
