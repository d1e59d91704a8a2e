// What ipywidgets cannot say in its own markup, said from the structure our widgets declare
// with classes: each input named by its question (aria-labelledby) and helped by its help and
// message (aria-describedby); choice boxes as radio groups or groups with aria-checked and
// arrow keys (ARIA Authoring Practices, radio group); the landmarks; and focus on the new
// screen's h1 after a screen change. No imports: it must work offline, with no build step.

let serial = 0;
const idOf = (el) => {
  if (!el.id) el.id = `ws-a11y-${++serial}`;
  return el.id;
};
const own = (item, selector) =>
  [...item.querySelectorAll(selector)].filter((el) => el.closest(".ws-item") === item);
const set = (el, name, value) => {
  if (value === null) el.removeAttribute(name);
  else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
};

function wireItem(item) {
  const question = own(item, ".ws-question")[0];
  if (!question) return;
  const row = item.closest(".ws-row");
  const rowTitle = row && row.querySelector(".ws-row-title");
  const names = [rowTitle && idOf(rowTitle), idOf(question)].filter(Boolean).join(" ");
  const help = own(item, ".ws-help").map(idOf);
  const message = own(item, ".ws-message")[0];
  const said = message && message.textContent.trim() !== "";
  if (said) help.push(idOf(message));
  for (const input of own(item, "input, textarea, select")) {
    set(input, "aria-labelledby", names);
    set(input, "aria-describedby", help.length ? help.join(" ") : null);
    set(input, "aria-invalid", said ? "true" : null);
  }
  for (const group of own(item, ".ws-choices, .ws-ruler")) {
    const multi = group.classList.contains("ws-multi");
    set(group, "role", multi ? "group" : "radiogroup");
    set(group, "aria-labelledby", names);
    if (help.length) set(group, "aria-describedby", help.join(" "));
    const buttons = [...group.querySelectorAll("button")];
    const chosen = buttons.find((b) => b.classList.contains("ws-selected"));
    buttons.forEach((b) => {
      set(b, "role", multi ? "checkbox" : "radio");
      // The ✓ that shows the choice without colour is said as "checked" instead.
      set(b, "aria-label", b.textContent.replace(/^✓\s*/, "").trim());
      set(b, "aria-checked", b.classList.contains("ws-selected") ? "true" : "false");
      // One stop per group for Tab; the arrows move within it.
      if (!multi) b.tabIndex = b === (chosen || buttons[0]) ? 0 : -1;
    });
  }
}

function wireApp(app) {
  const head = app.querySelector(".ws-head");
  if (head) set(head, "role", "banner");
  const main = app.querySelector(".ws-main");
  if (main) set(main, "role", "main");
  app.querySelectorAll(".ws-item").forEach(wireItem);
  // Nine "Open" buttons: each named with its worksheet ("Open Safe relationships").
  app.querySelectorAll(".ws-sheet").forEach((row) => {
    const title = row.querySelector(".ws-sheet-title");
    const open = row.querySelector("button");
    if (title && open) set(open, "aria-labelledby", `${idOf(open)} ${idOf(title)}`);
  });
  app.querySelectorAll(".ws-lang-row").forEach((row) => {
    const label = row.querySelector(".ws-lang-label");
    set(row, "role", "group");
    if (label) set(row, "aria-labelledby", idOf(label));
    row.querySelectorAll("button").forEach((b) =>
      set(b, "aria-pressed", b.classList.contains("ws-lang-current") ? "true" : "false"));
  });
  // A new screen brings a new h1: take the focus there, so a screen reader starts at the top
  // of it and a keyboard user goes on from there (not from the top of the page).
  const h1 = main && main.querySelector("h1");
  if (h1 && h1 !== app.wsHeading) {
    h1.tabIndex = -1;
    if (app.wsHeading !== undefined && h1.isConnected) h1.focus({ preventScroll: false });
    app.wsHeading = h1;
  }
}

// A removed row takes its button with it: the focus would fall to the top of the page, so it
// goes to the same list's "Add" button instead. A row just added takes the focus to its first
// field (it appears above the "Add" button).
let removedFrom = null;
let addedTo = null;
const rowsOf = (item) => item.querySelectorAll(".ws-row").length;
function onClick(evt) {
  const t = evt.target instanceof Element ? evt.target : null;
  const removed = t && t.closest(".ws-remove-row");
  if (removed) removedFrom = removed.closest(".ws-item");
  const add = t && t.closest(".ws-add-row");
  if (add) {
    const item = add.closest(".ws-item");
    addedTo = { item, rows: rowsOf(item) };
  }
}

function refocus() {
  if (addedTo && addedTo.item.isConnected && rowsOf(addedTo.item) > addedTo.rows) {
    const rows = addedTo.item.querySelectorAll(".ws-row");
    const field = rows[rows.length - 1].querySelector(":scope > .ws-item");
    const first = field && field.querySelector("input, textarea, button");
    addedTo = null;
    if (first) first.focus();
  }
  if (!removedFrom) return;
  const lost = !document.activeElement || document.activeElement === document.body;
  const add = removedFrom.isConnected && removedFrom.querySelector(".ws-add-row button, button.ws-add-row");
  if (lost && add) {
    add.focus();
    removedFrom = null;
  }
}

function onKey(evt) {
  const group = evt.target instanceof Element && evt.target.closest("[role=radiogroup]");
  if (!group || !group.closest(".ws-app")) return;
  const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  const buttons = [...group.querySelectorAll("button:not([disabled])")];
  const at = buttons.indexOf(evt.target);
  if (at < 0) return;
  let next = null;
  if (evt.key in keys) next = buttons[(at + keys[evt.key] + buttons.length) % buttons.length];
  else if (evt.key === "Home") next = buttons[0];
  else if (evt.key === "End") next = buttons[buttons.length - 1];
  if (!next) return;
  evt.preventDefault();
  buttons.forEach((b) => { b.tabIndex = b === next ? 0 : -1; });
  next.focus();
  if (next.getAttribute("aria-checked") !== "true") next.click(); // arrows choose, as in APG
}

function render() {
  if (window.wsAria) return;
  window.wsAria = true;
  let queued = false;
  const apply = () => {
    queued = false;
    document.querySelectorAll(".ws-app").forEach(wireApp);
    refocus();
  };
  const later = () => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(apply);
    }
  };
  new MutationObserver(later).observe(document.body, {
    childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ["class"],
  });
  document.addEventListener("keydown", onKey);
  document.addEventListener("click", onClick, true);
  later();
}

export default { render };
