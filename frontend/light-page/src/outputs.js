// The notebook's cell outputs as Voila streams them (<script type=
// "application/vnd.voila.cell-output+json">): widget views drawn by the manager, anything else
// shown inert (text as text, HTML through an allow-list, errors by name only).

const OUTPUT = 'script[type="application/vnd.voila.cell-output+json"]';
const WIDGET = "application/vnd.jupyter.widget-view+json";

// An allow-list, not a block-list: only these elements and attributes are kept, and links only
// to the web or within the page. Any other element is replaced by its text (or dropped with its
// content, for those whose content is code or a control), so no markup can run, load, restyle
// the page or take it elsewhere.
const KEEP = new Set([
  "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em",
  "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s", "small", "span",
  "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
]);
const DROP = new Set([
  "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "noscript",
  "svg", "math", "textarea", "select", "button", "input", "form", "head", "title", "meta",
  "link", "base", "audio", "video", "canvas", "img", "picture", "source", "slot",
]);
const ATTRIBUTES = new Set(["class", "title", "lang", "dir", "colspan", "rowspan", "href"]);
const SAFE_HREF = /^(https?:\/\/|#)/i;

function inertCopy(node, into) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.append(document.createTextNode(child.data));
      continue;
    }
    if (child.nodeType !== Node.ELEMENT_NODE) continue;
    const tag = child.localName;
    if (DROP.has(tag)) continue;
    const href = child.getAttribute("href");
    const link = tag === "a" && href !== null && SAFE_HREF.test(href.trim());
    if (!KEEP.has(tag) || (tag === "a" && !link)) {
      inertCopy(child, into); // its words, without the element
      continue;
    }
    const copy = document.createElement(tag);
    for (const attr of child.attributes) {
      if (!ATTRIBUTES.has(attr.name)) continue;
      if (attr.name === "href") {
        if (!link) continue;
        copy.setAttribute("rel", "noopener noreferrer");
      }
      copy.setAttribute(attr.name, attr.value);
    }
    inertCopy(child, copy);
    into.append(copy);
  }
}

function inertHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html; // parsed in an inert document: nothing runs or loads
  const div = document.createElement("div");
  div.className = "jp-RenderedHTMLCommon jp-RenderedHTML";
  inertCopy(template.content, div);
  return div;
}

function textBlock(text, className) {
  const pre = document.createElement("pre");
  pre.className = className;
  pre.textContent = text;
  return pre;
}

function join(value) {
  return Array.isArray(value) ? value.join("") : String(value ?? "");
}

/** The element showing one non-widget output, or null for nothing to show. */
function plain(output) {
  if (output.output_type === "stream") return textBlock(join(output.text), "jp-RenderedText");
  if (output.output_type === "error") {
    return textBlock(`${output.ename}: ${output.evalue}`, "jp-RenderedText");
  }
  const data = output.data || {};
  if (data["text/html"] !== undefined) return inertHtml(join(data["text/html"]));
  if (data["text/plain"] !== undefined) return textBlock(join(data["text/plain"]), "jp-RenderedText");
  return null;
}

/** Every output on the page: [element to fill, model id or null, output]. */
export function outputs() {
  return [...document.querySelectorAll(OUTPUT)].map((script) => {
    const output = JSON.parse(script.textContent);
    const el = document.createElement("div");
    el.className = "jp-OutputArea-output";
    script.replaceWith(el);
    const widget = output.data && output.data[WIDGET];
    return [el, widget ? widget.model_id : null, output];
  });
}

/** Show the output in `el` without a widget manager. */
export function showPlain(el, output) {
  const shown = plain(output);
  if (shown) el.append(shown);
}
