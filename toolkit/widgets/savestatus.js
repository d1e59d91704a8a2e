// The save status line of a worksheet form. The kernel says what is saved; this view only
// makes the page stop saying "Saved" the moment the client changes something, instead of a
// kernel round trip later. No imports: it must work offline, with no build step.
//
// After a change here, a "Saved" from the kernel may describe the answers *before* that
// change (it was on its way when the client typed), so it is not shown until the kernel has
// answered a "touched" message sent after the change: by then it has every change this page
// sent before. "Saving…" and "Not saved, retrying" are shown at once: they claim nothing.

const QUIET_MS = 300; // ask the kernel once the client pauses, not on every keystroke
// A change the kernel has not answered this long after it was sent has not reached it (the
// Wi-Fi dropped, the phone slept, the server is gone): say so, rather than "Saving…" forever.
// It is sent again when the connection is back, and "Saved" then follows.
const STALL_MS = 10000;

function changes(evt) {
  if (evt.type === "input" || evt.type === "change") return true;
  const t = evt.target;
  if (!(t instanceof Element)) return false;
  if (evt.type === "click") return t.closest("button") !== null;
  return t.closest("g.entry") !== null; // pointerup: a drag on the support map picture
}

function render({ model, el }) {
  let touched = model.get("answered"); // the last change here, by number
  let waiting = false; // a change here that the kernel has not answered yet
  let timer = null;
  let stall = null;

  // The live region is this element, there from the start: a screen reader announces changes
  // inside a live region it already knows, not a new one put in its place.
  el.setAttribute("role", "status");
  el.setAttribute("aria-live", "polite");
  const fromKernel = () => {
    const html = model.get("value");
    if (waiting && !/ws-status-(pending|retrying)/.test(html)) return;
    // Our own HTML, built by the kernel with every text escaped (as ipywidgets' HTML does).
    el.innerHTML = html;
    el.querySelectorAll("[role]").forEach((s) => {
      s.removeAttribute("role");
      s.removeAttribute("aria-live");
    });
  };
  const saving = () => {
    const span = document.createElement("span");
    span.className = "ws-status-pending";
    span.textContent = model.get("saving");
    el.replaceChildren(span);
  };
  const unreached = () => {
    if (!waiting) return;
    const span = document.createElement("span");
    span.className = "ws-status-unreached";
    span.textContent = model.get("unreached");
    el.replaceChildren(span);
  };
  const onEvent = (evt) => {
    const form = el.closest(".ws-form");
    if (!form || !form.contains(evt.target) || el.contains(evt.target) || !changes(evt)) return;
    touched += 1;
    waiting = true;
    saving();
    clearTimeout(timer);
    const n = touched;
    timer = setTimeout(() => model.send({ type: "touched", n }), QUIET_MS);
    clearTimeout(stall);
    stall = setTimeout(unreached, QUIET_MS + STALL_MS);
  };
  const onAnswer = () => {
    if (model.get("answered") >= touched) {
      waiting = false;
      clearTimeout(stall);
    }
    fromKernel();
  };

  const kinds = ["input", "change", "click", "pointerup"];
  // Capture: the status flips before any widget handles the event (and even if one stops it).
  kinds.forEach((k) => document.addEventListener(k, onEvent, true));
  model.on("change:value", fromKernel);
  model.on("change:answered", onAnswer);
  fromKernel();
  return () => {
    clearTimeout(timer);
    clearTimeout(stall);
    kinds.forEach((k) => document.removeEventListener(k, onEvent, true));
  };
}

export default { render };
