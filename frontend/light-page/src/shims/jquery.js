// The little of jQuery that the widget libraries use (Backbone's `$el`: wrap an element,
// empty it, remove it); ipywidgets' NativeView does everything else with the DOM itself.
// Anything more fails loudly rather than silently doing nothing.

class Wrapped {
  constructor(elements) {
    elements.forEach((el, i) => { this[i] = el; });
    this.length = elements.length;
  }

  empty() {
    for (let i = 0; i < this.length; i++) this[i].replaceChildren();
    return this;
  }

  remove() {
    for (let i = 0; i < this.length; i++) this[i].remove();
    return this;
  }

  find(selector) {
    const found = [];
    for (let i = 0; i < this.length; i++) found.push(...this[i].querySelectorAll(selector));
    return new Wrapped(found);
  }
}

export default function $(el) {
  if (typeof el === "string" || typeof el === "function") {
    throw new Error("light page: jQuery selectors are not available");
  }
  return new Wrapped(el ? [el] : []);
}
$.prototype = Wrapped.prototype;
