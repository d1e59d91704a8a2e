// Build the light page: one minified script and one stylesheet with content-hashed names in
// the clinic-light template's static folder, a Jinja file naming them for the template, and a
// manifest with a digest of the sources (tests/serve/test_light_page_bundle.py checks that the
// committed bundle is the one these sources make).

import {createHash} from "node:crypto";
import {readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {dirname, join, relative} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const template = join(here, "../../toolkit/serve/share/jupyter/voila/templates/clinic-light");
const out = join(template, "static");
const SOURCES = ["build.mjs", "package.json", "package-lock.json", "src"];

function files(path) {
  const full = join(here, path);
  try {
    return readdirSync(full, {withFileTypes: true})
      .flatMap((entry) => files(join(path, entry.name)));
  } catch {
    return [path];
  }
}

/** sha256 over each source file's path (with /) and bytes, in sorted path order. */
function sourceDigest() {
  const digest = createHash("sha256");
  const paths = SOURCES.flatMap(files).map((p) => p.split("\\").join("/")).sort();
  for (const path of paths) {
    digest.update(`${path}\n`);
    digest.update(readFileSync(join(here, path)));
  }
  return digest.digest("hex");
}

// anywidget's npm build ends with an AMD define(); the bundle imports its factory instead.
const anywidgetAmd = {
  name: "anywidget-amd",
  setup(build) {
    build.onLoad({filter: /anywidget[\\/]dist[\\/]index\.js$/}, (args) => {
      const text = readFileSync(args.path, "utf8");
      const amd = 'define(["@jupyter-widgets/base"], widget_default);';
      if (!text.includes(amd)) throw new Error("anywidget's build changed: no AMD define()");
      return {contents: text.replace(amd, "export default widget_default;"), loader: "js"};
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(here, "src/index.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  write: false,
  outdir: out,
  entryNames: "light-page",
  legalComments: "none",
  loader: {".svg": "dataurl", ".woff": "dataurl", ".woff2": "dataurl"},
  define: {"process.env.NODE_ENV": '"production"'},
  // Three libraries the widgets use very little of, replaced by small equivalents (src/shims).
  alias: {"jquery": "./src/shims/jquery.js", "sanitize-html": "./src/shims/sanitize-html.js",
          "lodash/isEqual": "./src/shims/isEqual.js"},
  absWorkingDir: here,
  plugins: [anywidgetAmd],
  logLevel: "warning",
});

mkdirSync(out, {recursive: true});
for (const old of readdirSync(out)) {
  if (old.startsWith("light-page.")) rmSync(join(out, old));
}
const names = {};
for (const file of result.outputFiles) {
  const ext = file.path.endsWith(".css") ? "css" : "js";
  const hash = createHash("sha256").update(file.contents).digest("hex").slice(0, 16);
  names[ext] = `light-page.${hash}.${ext}`;
  writeFileSync(join(out, names[ext]), file.contents);
}
writeFileSync(join(template, "light-page.j2"),
  "{#- Written by frontend/light-page/build.mjs: the bundle's names. Do not edit. -#}\n" +
  `{%- set script = "static/${names.js}" -%}\n{%- set style = "static/${names.css}" -%}\n`);
const manifest = {sources: sourceDigest(), script: names.js, style: names.css};
writeFileSync(join(out, "light-page-manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
for (const [ext, name] of Object.entries(names)) {
  const size = readFileSync(join(out, name)).length;
  console.log(`${relative(process.cwd(), join(out, name))}: ${size} bytes (${ext})`);
}
