// The body editor's embed button ("Nhúng video, bài mạng xã hội"): asks for a YouTube,
// Facebook, TikTok or X address, refuses (in Vietnamese, inside the dialog) one the site does
// not allow, and puts the address alone in a paragraph of its own. The reader's page turns
// that paragraph into a click-to-load embed (newsroom/embeds.py, which decides in the end);
// the providers and their URL forms come from there (`editor_options`, EMBED_PROVIDERS).
// Loaded by prose-editor's configurable preset as the "Embed" extension
// (settings.DJANGO_PROSE_EDITOR_EXTENSIONS); it only uses the editor's public API.
import { Extension, updateAttrsDialog } from "django-prose-editor/editor";

const URL_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&()*+,;=%]+$/;

// The provider `text` is an address of, or null (same rules as newsroom.embeds.subject_of).
export function embedProvider(text, providers) {
  const value = (text || "").trim();
  if (!value || value.length > 2000 || !URL_CHARS.test(value)) {
    return null;
  }
  let url;
  try {
    url = new URL(value);
  } catch (error) {
    return null;
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.port) {
    return null;
  }
  const subject = url.hostname.replace(/\.$/, "") + (url.pathname || "/") + url.search;
  for (const provider of providers) {
    for (const pattern of provider.patterns) {
      if (new RegExp(`^(?:${pattern})$`).test(subject)) {
        return provider;
      }
    }
  }
  return null;
}

function refusal(value, providers) {
  if (!value.trim()) {
    return "Hãy dán địa chỉ của video hoặc bài đăng.";
  }
  if (embedProvider(value, providers)) {
    return "";
  }
  const names = providers.map((provider) => provider.name).join(", ");
  return (
    `Không nhúng được địa chỉ này. Chỉ nhận video, bài đăng từ: ${names}` +
    " (ví dụ https://www.youtube.com/watch?v=…)."
  );
}

// The paragraph holding the address, after the block the cursor is in (or instead of it,
// when that block is an empty paragraph).
function insertAlone(editor, address) {
  const paragraph = { type: "paragraph", content: [{ type: "text", text: address }] };
  const { $from } = editor.state.selection;
  const chain = editor.chain().focus();
  if ($from.depth < 1) {
    return chain.insertContent(paragraph).run();
  }
  const block = $from.node(1);
  const start = $from.before(1);
  const end = $from.after(1);
  if (block.type.name === "paragraph" && block.content.size === 0) {
    return chain.insertContentAt({ from: start, to: end }, paragraph).run();
  }
  return chain.insertContentAt(end, paragraph).run();
}

export const Embed = Extension.create({
  name: "embed",

  addOptions() {
    return { providers: [] };
  },

  addCommands() {
    const providers = this.options.providers;
    return {
      insertEmbed:
        () =>
        ({ editor }) => {
          const dialog = updateAttrsDialog(
            {
              url: {
                type: "string",
                title: "Địa chỉ video, bài đăng",
                description: providers.map((provider) => provider.name).join(", "),
                required: true,
              },
            },
            { title: "Nhúng video, bài mạng xã hội", submitText: "Nhúng" },
          )(editor, { url: "" });
          // The dialog is in the page now: its field refuses a disallowed address itself.
          const input = editor.view.dom.parentElement.querySelector(
            "dialog.prose-editor-dialog input[name=url]",
          );
          if (input) {
            const check = () => input.setCustomValidity(refusal(input.value, providers));
            input.addEventListener("input", check);
            check();
          }
          dialog.then((values) => {
            const address = values && values.url ? values.url.trim() : "";
            if (address && embedProvider(address, providers)) {
              insertAlone(editor, address);
            }
          });
          return true;
        },
    };
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "embed",
      groups: "nodes",
      button: buttons.material("smart_display", "Nhúng video, bài mạng xã hội"),
      command(editor) {
        editor.commands.insertEmbed();
      },
    });
  },
});
