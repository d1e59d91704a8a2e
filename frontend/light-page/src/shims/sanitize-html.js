// sanitize-html's job for ipywidgets' HTML descriptions (description_allow_html), done with
// the browser's own inert parser: allowed tags and attributes kept, other tags replaced by
// their text (their whole content for script, style and the like), links and images only to
// http(s), mailto, tel or relative addresses.

const DROP_CONTENT = new Set(["script", "style", "textarea", "option", "noscript", "template"]);
const SCHEMES = /^(https?|ftp|mailto|tel):/i;

function attributeAllowed(tag, name, allowed) {
  const names = [...(allowed["*"] || []), ...(allowed[tag] || [])];
  return names.some((n) => n === name || (n.endsWith("*") && name.startsWith(n.slice(0, -1))));
}

function urlAllowed(value) {
  const url = value.replace(/[\u0000-\u0020]/g, "");
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) || SCHEMES.test(url);
}

function clean(node, tags, attributes) {
  for (const child of [...node.childNodes]) {
    if (child.nodeType === Node.TEXT_NODE) continue;
    if (child.nodeType !== Node.ELEMENT_NODE) {
      child.remove();
      continue;
    }
    const tag = child.localName;
    if (!tags.has(tag)) {
      if (DROP_CONTENT.has(tag)) child.remove();
      else {
        clean(child, tags, attributes);
        child.replaceWith(...child.childNodes);
      }
      continue;
    }
    for (const attr of [...child.attributes]) {
      const ok = attributeAllowed(tag, attr.name, attributes)
        && (!["href", "src"].includes(attr.name) || urlAllowed(attr.value));
      if (!ok) child.removeAttribute(attr.name);
    }
    clean(child, tags, attributes);
  }
}

export default function sanitize(html, options = {}) {
  const template = document.createElement("template");
  template.innerHTML = String(html);
  clean(template.content, new Set(options.allowedTags || []), options.allowedAttributes || {});
  const div = document.createElement("div");
  div.append(template.content);
  return div.innerHTML;
}
