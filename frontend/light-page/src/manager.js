// The widget manager: ipywidgets' own ManagerBase, with the three widget libraries the client
// app uses compiled in (base, controls, anywidget) and comms over our kernel connection.

import * as base from "@jupyter-widgets/base";
import {ManagerBase} from "@jupyter-widgets/base-manager";
import * as bool from "@jupyter-widgets/controls/lib/widget_bool";
import * as box from "@jupyter-widgets/controls/lib/widget_box";
import * as button from "@jupyter-widgets/controls/lib/widget_button";
import * as date from "@jupyter-widgets/controls/lib/widget_date";
import * as description from "@jupyter-widgets/controls/lib/widget_description";
import * as link from "@jupyter-widgets/controls/lib/widget_link";
import * as selection from "@jupyter-widgets/controls/lib/widget_selection";
import * as string from "@jupyter-widgets/controls/lib/widget_string";
import {Widget} from "@lumino/widgets";
import anywidget from "anywidget";

const {AnyModel, AnyView} = anywidget(base);
// The controls the client app uses (and their near kin), not all of them: the pickers of
// colours, times and files, sliders and progress bars, media, tabs, game controllers stay out,
// and a page naming one shows ipywidgets' error widget in its place.
const controls = {...bool, ...box, ...button, ...date, ...description, ...link,
                  ...selection, ...string};
const MODULES = {
  "@jupyter-widgets/base": base,
  "@jupyter-widgets/controls": controls,
  "anywidget": {AnyModel, AnyView},
};
const CONTROL = "jupyter.widget.control";

export class LightManager extends ManagerBase {
  constructor(kernel) {
    super();
    this.kernel = kernel;
    kernel.onCommOpen = (comm, msg) => {
      if (comm.target_name === this.comm_target_name) {
        this.handle_comm_open(comm, msg).catch((e) => console.error(e));
      }
    };
  }

  async loadClass(className, moduleName, moduleVersion) {
    const module = MODULES[moduleName];
    const cls = module && module[className];
    if (!cls) throw new Error(`Class ${className} not found in ${moduleName}@${moduleVersion}`);
    return cls;
  }

  async _create_comm(targetName, modelId, data, metadata, buffers) {
    const comm = this.kernel.comm(targetName, modelId);
    if (data || metadata) comm.open(data, {}, metadata, buffers);
    return comm;
  }

  async _get_comm_info() {
    return {};
  }

  /** Ask the kernel for every widget's state now (it answers once its cell has run), and
   * make the models as soon as the answer comes, before any later message for them. Unlike
   * ManagerBase._loadFromKernel, no time limit: a cold kernel may take many seconds.
   * `loaded`: settles once every model is made. */
  requestStates() {
    const comm = this.kernel.comm(CONTROL);
    this.loaded = new Promise((resolve, reject) => {
      comm.on_msg((msg) => {
        if (msg.content.data.method === "update_states") {
          resolve(this._load(msg));  // before close(), which would reject
          comm.close();
        }
      });
      comm.on_close(() => reject(new Error("control comm closed")));
    });
    // The kernel may close the request before the page has finished parsing and awaits
    // `loaded`; without a handler by then, the browser reports an uncaught rejection. The
    // caller still sees the rejection when it awaits.
    this.loaded.catch(() => {});
    comm.open({}, {}, {version: "1.0.0"});
    comm.send({method: "request_states"}, {});
  }

  async _load(msg) {
    const data = msg.content.data;
    const states = data.states;
    data.buffer_paths.forEach(([id, ...path], i) => {
      const buffer = msg.buffers[i];
      let target = states[id];
      for (const key of path.slice(0, -1)) target = target[key];
      target[path[path.length - 1]] = buffer;
    });
    // Each model's comm and promise are registered before the first await (new_model).
    await Promise.all(Object.entries(states).map(async ([id, state]) => {
      if (this.has_model(id)) return;
      const comm = this.kernel.comm("jupyter.widget", id);
      try {
        await this.new_model({model_name: state.model_name, model_module: state.model_module,
                              model_module_version: state.model_module_version,
                              model_id: id, comm}, state.state);
      } catch (error) {
        console.error(error);  // the other widgets still render
      }
    }));
  }

  /** Draw the view of model `id` into `el`. */
  async display(id, el) {
    const model = await this.get_model(id);
    const view = await this.create_view(model);
    Widget.attach(view.luminoWidget, el);
    return view;
  }
}
