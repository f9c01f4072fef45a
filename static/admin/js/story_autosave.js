// The story form keeps what is typed in the browser until the server has it, and asks before
// leaving with unsaved changes.
//
// Why in the browser and not as server revisions: a revision saved behind the writer's back
// would bump the story's edit version (the form's lock) and, for a published story, would change
// what readers see; and a lost connection is exactly when the server cannot be reached. So the
// form's fields (title, section, lead, body, byline, tags, publishing fields) are written to
// localStorage every `data-seconds` seconds (30), when the tab is hidden, when the page goes
// away and when the connection drops: a closed tab or a crash loses at most 30 s of typing.
//
// Each draft is keyed by the person and the story (`<user>:<story>`, `<user>:moi` for a new
// one), so colleagues sharing a computer never see each other's. On the next opening of that
// form, a draft that differs from what the server shows and is not older than the server's last
// save is offered back ("Khôi phục bản nháp chưa lưu lúc HH:MM?"); one older than a later save
// on the server is dropped. A submit marks the draft; the page that follows a successful save
// (a success message, no form errors) deletes it. This script also loads on the story list, so
// "Lưu" (which lands there) clears it too.
"use strict";
(function () {
  const PREFIX = "newsroom:ban-nhap:";
  const SENT = "newsroom:ban-nhap-da-gui";
  // A save answered later than this is not taken as the answer to that submit.
  const SENT_MAX_AGE = 10 * 60 * 1000;
  // Not the story's content: the CSRF token and the edit lock must stay the server's.
  const SKIP = new Set(["csrfmiddlewaretoken", "edit_version"]);
  const VIETNAM = "Asia/Ho_Chi_Minh";

  let bodyEditor = null;
  const editorWaiters = [];

  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea.id === "id_body") {
      bodyEditor = event.detail.editor;
      editorWaiters.splice(0).forEach(function (wait) {
        wait();
      });
    }
  });

  function storage() {
    try {
      return window.localStorage;
    } catch (error) {
      return null; // storage refused (private mode, policy): the form works without it
    }
  }

  function readStored(key) {
    const store = storage();
    try {
      return store ? JSON.parse(store.getItem(key)) : null;
    } catch (error) {
      return null;
    }
  }

  function forgetAfterSave() {
    let sent = null;
    try {
      sent = JSON.parse(window.sessionStorage.getItem(SENT));
    } catch (error) {
      return;
    }
    if (!sent) {
      return;
    }
    const saved = document.querySelector(".messagelist .success, .messagelist .warning");
    const refused = document.querySelector(".errornote, .errorlist");
    if (saved && !refused && Date.now() - sent.at < SENT_MAX_AGE) {
      const store = storage();
      if (store) {
        store.removeItem(sent.key);
      }
    }
    if (saved || refused) {
      window.sessionStorage.removeItem(SENT);
    }
  }

  function editorHTML(editor) {
    const html = editor.getHTML();
    // As prose-editor writes it to the textarea: an empty document is an empty field.
    return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html;
  }

  function fields(form) {
    return Array.from(form.elements).filter(function (element) {
      const name = element.name;
      return (
        name &&
        !SKIP.has(name) &&
        !name.includes("-") && // inline rows (related stories) keep the server's
        !element.disabled &&
        !["file", "submit", "button", "reset", "image"].includes(element.type)
      );
    });
  }

  function read(form) {
    const state = {};
    fields(form).forEach(function (element) {
      if (element.id === "id_body" && bodyEditor) {
        state[element.name] = editorHTML(bodyEditor);
      } else if (element.type === "checkbox" || element.type === "radio") {
        state[element.name + (element.type === "radio" ? "=" + element.value : "")] =
          element.checked;
      } else if (element.tagName === "SELECT") {
        // The text too: an autocomplete select holds only its chosen option.
        state[element.name] = Array.from(element.selectedOptions).map(function (option) {
          return [option.value, option.text];
        });
      } else {
        state[element.name] = element.value;
      }
    });
    return state;
  }

  function changed(element) {
    const jQuery = window.django && window.django.jQuery;
    if (element.tagName === "SELECT" && jQuery) {
      jQuery(element).trigger("change"); // select2 shows the new choice
    } else {
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function write(form, state) {
    fields(form).forEach(function (element) {
      const radio = element.type === "radio";
      const name = element.name + (radio ? "=" + element.value : "");
      if (!(name in state)) {
        return;
      }
      const value = state[name];
      if (element.id === "id_body" && bodyEditor) {
        bodyEditor.commands.setContent(value);
        return;
      }
      if (element.type === "checkbox" || radio) {
        element.checked = value;
      } else if (element.tagName === "SELECT") {
        const wanted = new Map(value);
        wanted.forEach(function (text, optionValue) {
          const exists = Array.from(element.options).some(function (option) {
            return option.value === optionValue;
          });
          if (!exists) {
            element.add(new Option(text, optionValue));
          }
        });
        Array.from(element.options).forEach(function (option) {
          option.selected = wanted.has(option.value);
        });
      } else {
        element.value = value;
      }
      changed(element);
    });
  }

  function timeLabel(millis) {
    const moment = new Date(millis);
    const clock = new Intl.DateTimeFormat("vi-VN", {
      timeZone: VIETNAM,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(moment);
    const day = new Intl.DateTimeFormat("vi-VN", {
      timeZone: VIETNAM,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
    });
    const sameDay = day.format(moment) === day.format(new Date());
    return sameDay ? clock : clock + " ngày " + day.format(moment);
  }

  function button(text, className, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button " + className;
    element.textContent = text;
    element.addEventListener("click", onClick);
    return element;
  }

  function start(config) {
    const form = config.closest("form");
    const store = storage();
    const key = PREFIX + config.dataset.key;
    const seconds = Math.max(parseFloat(config.dataset.seconds) || 30, 0.2);
    // The server's last save of this story (seconds since 1970), empty for a new one.
    const serverSavedAt = config.dataset.savedAt || "";
    const refused = Boolean(document.querySelector(".errornote"));
    let baseline = null;
    let lastWritten = null;
    let offered = null;
    let submitting = false;

    function snapshot() {
      return JSON.stringify(read(form));
    }

    function dirty() {
      // A form sent back with errors holds what the server has not saved.
      return baseline !== null && (refused || snapshot() !== baseline);
    }

    function save() {
      if (!store || baseline === null) {
        return;
      }
      const now = snapshot();
      if (!dirty()) {
        if (!offered) {
          store.removeItem(key);
        }
        lastWritten = null;
        return;
      }
      if (now === lastWritten) {
        return; // nothing typed since: keep the time of the last change
      }
      const draft = { savedAt: Date.now(), base: serverSavedAt, fields: JSON.parse(now) };
      try {
        store.setItem(key, JSON.stringify(draft));
        lastWritten = now;
      } catch (error) {
        // Storage full: nothing more can be kept; the page still warns before leaving.
      }
    }

    function offer(draft) {
      offered = draft;
      config.replaceChildren();
      const question = document.createElement("p");
      question.textContent = "Khôi phục bản nháp chưa lưu lúc " + timeLabel(draft.savedAt) + "?";
      config.append(
        question,
        button("Khôi phục", "desk-autosave-restore", function () {
          write(form, offered.fields);
          offered = null;
          config.hidden = true;
          save();
        }),
        " ",
        button("Bỏ qua", "desk-autosave-dismiss", function () {
          offered = null;
          config.hidden = true;
          store.removeItem(key);
          lastWritten = null;
          save();
        }),
      );
      config.hidden = false;
    }

    function begin() {
      baseline = snapshot();
      const draft = store && readStored(key);
      if (draft && draft.fields) {
        const server = Number(serverSavedAt) * 1000;
        const outdated = draft.base !== serverSavedAt && draft.savedAt <= server;
        if (outdated || JSON.stringify(draft.fields) === baseline) {
          store.removeItem(key);
        } else {
          offer(draft);
        }
      }
      window.setInterval(save, seconds * 1000);
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        save();
      }
    });
    window.addEventListener("pagehide", save);
    window.addEventListener("offline", save);
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !dirty()) {
        return;
      }
      save();
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    });
    form.addEventListener("submit", function () {
      submitting = true;
      save(); // if the answer never comes, the draft is still here
      try {
        window.sessionStorage.setItem(SENT, JSON.stringify({ key: key, at: Date.now() }));
      } catch (error) {
        // Without it the draft stays and is offered again if it differs: nothing is lost.
      }
    });

    // The body's text as the editor gives it back, or a missing editor would look like a change.
    if (document.getElementById("id_body") && !bodyEditor) {
      let begun = false;
      const once = function () {
        if (!begun) {
          begun = true;
          begin();
        }
      };
      editorWaiters.push(once);
      window.setTimeout(once, 5000); // the editor failed to load: the plain field is the text
    } else {
      begin();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    forgetAfterSave();
    const config = document.getElementById("desk-autosave");
    if (config && config.closest("form")) {
      start(config);
    }
  });
})();
