// The support map's picture: the SVG comes from Python (toolkit/supportmap/svg.py, the one renderer);
// this view only adds moving people by drag (mouse, pen, touch) and a keyboard list that can
// do everything the drag does. No imports: it must work offline, with no build step.

function ringAt(rings, x, y) {
  const d = Math.hypot(x - rings.cx, y - rings.cy);
  let best = null;
  for (const [ring, { inner, outer }] of Object.entries(rings.rings)) {
    if (d >= inner && d <= outer) return ring;
    const gap = Math.min(Math.abs(d - inner), Math.abs(d - outer));
    if (!best || gap < best[1]) best = [ring, gap];
  }
  return best ? best[0] : null;
}

function svgPoint(svg, evt) {
  const pt = svg.createSVGPoint();
  pt.x = evt.clientX;
  pt.y = evt.clientY;
  return pt.matrixTransform(svg.getScreenCTM().inverse());
}

function attachDrag(model, svg, rings, g) {
  g.style.touchAction = "none";
  g.style.cursor = "grab";
  // A finger-sized grab area around the small marker (44 px is the usual touch minimum).
  const hit = document.createElementNS("http://www.w3.org/2000/svg", "circle");
  hit.setAttribute("r", "20");
  hit.setAttribute("fill", "transparent");
  hit.setAttribute("class", "hit");
  g.insertBefore(hit, g.firstChild);
  const home = g.getAttribute("transform") || "";
  let start = null;
  const reset = () => {
    start = null;
    g.classList.remove("dragging");
    g.setAttribute("transform", home);
  };
  g.addEventListener("pointerdown", (evt) => {
    evt.preventDefault();
    g.setPointerCapture(evt.pointerId);
    start = svgPoint(svg, evt);
    g.classList.add("dragging");
  });
  g.addEventListener("pointermove", (evt) => {
    if (!start) return;
    const p = svgPoint(svg, evt);
    g.setAttribute("transform", `translate(${p.x - start.x} ${p.y - start.y}) ${home}`);
  });
  g.addEventListener("pointerup", (evt) => {
    if (!start) return;
    const p = svgPoint(svg, evt);
    const [dx, dy] = [p.x - start.x, p.y - start.y];
    reset();
    if (Math.hypot(dx, dy) < 4) return; // a tap, not a drag
    // Where the marker's centre ends up decides the ring (screen box -> SVG coordinates).
    const r = (g.querySelector(".marker") || g).getBoundingClientRect();
    const c = svgPoint(svg, { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 });
    const ring = ringAt(rings, c.x + dx, c.y + dy);
    if (ring && ring !== g.dataset.ring) {
      model.send({ type: "move", row: g.dataset.row, ring });
    }
  });
  g.addEventListener("pointercancel", reset);
}

function render({ model, el }) {
  const wrap = document.createElement("div");
  wrap.className = "ws-map";
  const pic = document.createElement("div");
  pic.className = "ws-map-picture";
  const heading = document.createElement("p");
  heading.className = "ws-map-list-title";
  const list = document.createElement("ul");
  list.className = "ws-map-list";
  const live = document.createElement("div");
  live.className = "ws-map-live";
  live.setAttribute("aria-live", "polite");
  wrap.append(pic, heading, list, live);
  el.append(wrap);

  function button(text, label, entry, dir, disabled) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `ws-map-move ws-map-${dir}`;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.dataset.row = entry.row;
    b.dataset.dir = dir;
    b.disabled = disabled;
    b.addEventListener("click", () => model.send({ type: "move", row: entry.row, dir }));
    return b;
  }

  function draw() {
    // Redrawing replaces the buttons; keep keyboard focus on the same person's button.
    const active = document.activeElement;
    const keep = active && list.contains(active) && active.dataset.row
      ? [active.dataset.row, active.dataset.dir] : null;
    // The SVG is built by our own renderer, which escapes every name.
    pic.innerHTML = model.get("svg");
    const svg = pic.querySelector("svg");
    if (svg && svg.dataset.rings) {
      const rings = JSON.parse(svg.dataset.rings);
      svg.querySelectorAll("g.entry").forEach((g) => attachDrag(model, svg, rings, g));
    }
    const t = model.get("texts");
    heading.textContent = t.list_title;
    const items = model.get("entries").map((entry) => {
      const li = document.createElement("li");
      li.className = "ws-map-entry";
      li.dataset.row = entry.row;
      li.dataset.ring = entry.ring;
      const name = document.createElement("span");
      name.className = "ws-map-name";
      name.textContent = `${entry.name}: ${entry.ring_label}, ${entry.support_label}`;
      li.append(
        name,
        button(t.closer, `${t.closer}: ${entry.name}`, entry, "closer", entry.ring === "closest"),
        button(t.further, `${t.further}: ${entry.name}`, entry, "further",
               entry.ring === "professional"),
      );
      return li;
    });
    list.replaceChildren(...items);
    live.textContent = model.get("announce");
    if (keep) {
      const [row, dir] = keep;
      const sel = `button[data-row="${CSS.escape(row)}"]`;
      const again = list.querySelector(`${sel}[data-dir="${dir}"]:not([disabled])`)
        || list.querySelector(`${sel}:not([disabled])`);
      if (again) again.focus();
    }
  }

  model.on("change:svg", draw);
  model.on("change:entries", draw);
  model.on("change:announce", () => { live.textContent = model.get("announce"); });
  draw();
}

export default { render };
