// The body editor's way out of a picture: typing never lands in a caption by accident.
// - after a picture is inserted, the cursor waits in an empty paragraph after its figure;
// - Enter at the end of a caption starts a paragraph after the figure;
// - the story never ends with a figure (an empty paragraph follows it), so a click below
//   the last picture lands in a paragraph.
// Loaded by prose-editor's configurable preset as the "FigureExit" extension
// (settings.DJANGO_PROSE_EDITOR_EXTENSIONS); it only uses the editor's public API.
import { Extension } from "django-prose-editor/editor";

function countFigures(doc) {
  let count = 0;
  doc.descendants(function (node) {
    if (node.type.name === "figure") {
      count += 1;
      return false;
    }
    return true;
  });
  return count;
}

// The figure holding the selection (or selected as a node): its start and end positions.
function figureAround(selection) {
  const $from = selection.$from;
  for (let depth = $from.depth; depth > 0; depth -= 1) {
    if ($from.node(depth).type.name === "figure") {
      return { start: $from.before(depth), end: $from.after(depth) };
    }
  }
  if (selection.node && selection.node.type.name === "figure") {
    return { start: selection.from, end: selection.to };
  }
  return null;
}

// Put the cursor in the (empty) paragraph right after the figure, making one if needed.
function cursorAfter(editor, end) {
  const next = editor.state.doc.nodeAt(end);
  const chain = editor.chain();
  if (!(next && next.type.name === "paragraph" && next.content.size === 0)) {
    chain.insertContentAt(end, { type: "paragraph" });
  }
  return chain
    .setTextSelection(end + 1)
    .scrollIntoView()
    .focus()
    .run();
}

function lastFigureWithoutParagraph(doc) {
  const last = doc.lastChild;
  return last && last.type.name === "figure";
}

export const FigureExit = Extension.create({
  name: "figureExit",
  // Before the figure and caption extensions' own keys, which keep Enter inside the caption.
  priority: 1000,

  addKeyboardShortcuts() {
    return {
      Enter: ({ editor }) => {
        const { selection } = editor.state;
        const { $from, empty } = selection;
        if (!empty || $from.parent.type.name !== "caption") {
          return false;
        }
        if ($from.parentOffset !== $from.parent.content.size) {
          return false;
        }
        const figure = figureAround(selection);
        return figure ? cursorAfter(editor, figure.end) : false;
      },
    };
  },

  onTransaction({ editor, transaction }) {
    if (!transaction.docChanged || this.storage.busy) {
      return;
    }
    const inserted = countFigures(transaction.doc) > countFigures(transaction.before);
    const trailing = lastFigureWithoutParagraph(transaction.doc);
    if (!inserted && !trailing) {
      return;
    }
    const storage = this.storage;
    storage.busy = true;
    // Never dispatch from inside another dispatch: wait for the current one to finish.
    queueMicrotask(function () {
      try {
        if (editor.isDestroyed) {
          return;
        }
        const figure = inserted ? figureAround(editor.state.selection) : null;
        if (figure) {
          cursorAfter(editor, figure.end);
        } else if (lastFigureWithoutParagraph(editor.state.doc)) {
          const end = editor.state.doc.content.size;
          editor.commands.insertContentAt(end, { type: "paragraph" }, { updateSelection: false });
        }
      } finally {
        storage.busy = false;
      }
    });
  },

  onCreate({ editor }) {
    if (lastFigureWithoutParagraph(editor.state.doc)) {
      const end = editor.state.doc.content.size;
      editor.commands.insertContentAt(end, { type: "paragraph" }, { updateSelection: false });
    }
  },

  addStorage() {
    return { busy: false };
  },
});
