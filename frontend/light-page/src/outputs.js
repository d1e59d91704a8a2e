// The notebook's cell outputs as Voila streams them (<script type=
// "application/vnd.voila.cell-output+json">): widget views drawn by the manager, anything else
// shown inert (text as text, HTML without scripts or handlers, errors by name only).

const OUTPUT = 'script[type="application/vnd.voila.cell-output+json"]';
const WIDGET = "application/vnd.jupyter.widget-view+json";

function inertHtml(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  for (const bad of template.content.querySelectorAll("script, iframe, object, embed")) {
    bad.remove();
  }
  for (const el of template.content.querySelectorAll("*")) {
    for (const attr of [...el.attributes]) {
      if (attr.name.startsWith("on") || /^\s*javascript:/i.test(attr.value)) {
        el.removeAttribute(attr.name);
      }
    }
  }
  const div = document.createElement("div");
  div.className = "jp-RenderedHTMLCommon jp-RenderedHTML";
  div.append(template.content);
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
