// The client app's light page: opens the kernel's websocket as soon as the page names its
// kernel, asks for every widget's state at once, draws the widget views where the notebook's
// outputs are, then shows the cells (Voila's display_cells). The tab's shutdown beacon as in
// Voila's page.

import "./style.css";
import {Kernel} from "./kernel.js";
import {LightManager} from "./manager.js";
import {outputs, showPlain} from "./outputs.js";

function cookie(name) {
  const found = document.cookie.split("; ").find((c) => c.startsWith(`${name}=`));
  return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
}

function parsed() {
  return new Promise((resolve) => {
    if (document.readyState !== "loading") resolve();
    else document.addEventListener("DOMContentLoaded", () => resolve(), {once: true});
  });
}

/** The page's config (Voila streams it before the outputs), as soon as it is there. */
function pageConfig() {
  const read = () => {
    const el = document.getElementById("jupyter-config-data");
    // Complete once the parser has moved past it (its next sibling exists) or finished.
    if (!el || (!el.nextSibling && document.readyState === "loading")) return null;
    try {
      return JSON.parse(el.textContent);
    } catch {
      return null;
    }
  };
  return new Promise((resolve) => {
    const now = read();
    if (now) return resolve(now);
    const observer = new MutationObserver(() => {
      const config = read();
      if (config) {
        observer.disconnect();
        resolve(config);
      }
    });
    observer.observe(document.documentElement, {childList: true, subtree: true});
    parsed().then(() => {
      const config = read();
      observer.disconnect();
      resolve(config);
    });
  });
}

function socketUrl(config) {
  const base = config.baseUrl || "/";
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const token = config.token ? `?token=${encodeURIComponent(config.token)}` : "";
  return `${scheme}//${location.host}${base}api/kernels/${config.kernelId}/channels${token}`;
}

function shutdownOnClose(config, kernel) {
  window.addEventListener("beforeunload", () => {
    kernel.closed = true;
    const form = new FormData();
    form.append("_xsrf", cookie("_xsrf"));
    navigator.sendBeacon(`${config.baseUrl || "/"}voila/api/shutdown/${config.kernelId}`, form);
  });
}

function showCells() {
  window.themeLoaded = true;
  if (window.display_cells) window.display_cells();
}

async function start() {
  const config = await pageConfig();
  if (!config || !config.kernelId) {
    await parsed();
    for (const [el, , output] of outputs()) showPlain(el, output);
    showCells();
    return;
  }
  const kernel = new Kernel(socketUrl(config));
  const manager = new LightManager(kernel);
  manager.requestStates();
  shutdownOnClose(config, kernel);
  await parsed();
  const found = outputs();
  for (const [el, id, output] of found) if (!id) showPlain(el, output);
  const views = found.filter(([, id]) => id);
  try {
    await manager.loaded;
  } catch (error) {
    if (views.length) console.error(error); // (without widgets, the kernel has none to send)
  }
  await Promise.all(views.map(([el, id]) =>
    manager.display(id, el).catch((error) => console.error(error))));
  showCells();
}

start();
