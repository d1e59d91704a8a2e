// The page's kernel connection: one websocket in the v1 kernel protocol
// (v1.kernel.websocket.jupyter.org), the comms the widgets talk over, and the callbacks their
// throttling waits for. No kernel_info round trip: the server already knows the kernel.

const PROTOCOL = "v1.kernel.websocket.jupyter.org";
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID().replace(/-/g, "");
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function asBytes(buffer) {
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** A message as v1 frames: a count and offsets (8-byte little endian), then the parts. */
export function serialize(msg) {
  const frames = [
    encoder.encode(msg.channel),
    encoder.encode(JSON.stringify(msg.header)),
    encoder.encode(JSON.stringify(msg.parent_header)),
    encoder.encode(JSON.stringify(msg.metadata)),
    encoder.encode(JSON.stringify(msg.content)),
    ...(msg.buffers || []).map(asBytes),
  ];
  const offsets = [8 * (frames.length + 2)];
  for (const frame of frames) offsets.push(offsets[offsets.length - 1] + frame.byteLength);
  const out = new Uint8Array(offsets[offsets.length - 1]);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(offsets.length), true);
  offsets.forEach((o, i) => view.setBigUint64(8 * (i + 1), BigInt(o), true));
  frames.forEach((frame, i) => out.set(frame, offsets[i]));
  return out.buffer;
}

/** The message in a v1 binary frame. */
export function deserialize(data) {
  const view = new DataView(data);
  const count = Number(view.getBigUint64(0, true));
  const offsets = [];
  for (let i = 0; i < count; i++) offsets.push(Number(view.getBigUint64(8 * (i + 1), true)));
  const frames = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    frames.push(new DataView(data, offsets[i], offsets[i + 1] - offsets[i]));
  }
  const text = (f) => decoder.decode(f);
  const json = (f) => JSON.parse(text(f));
  return {
    channel: text(frames[0]),
    header: json(frames[1]),
    parent_header: json(frames[2]),
    metadata: json(frames[3]),
    content: json(frames[4]),
    buffers: frames.slice(5),
  };
}

/** One comm, as ipywidgets' IClassicComm. */
class Comm {
  constructor(kernel, commId, targetName) {
    this.kernel = kernel;
    this.comm_id = commId;
    this.target_name = targetName;
    this._onMsg = null;
    this._onClose = null;
  }

  open(data, callbacks, metadata, buffers) {
    return this.kernel.send("comm_open",
      {comm_id: this.comm_id, target_name: this.target_name, data: data || {}},
      callbacks, metadata, buffers);
  }

  send(data, callbacks, metadata, buffers) {
    return this.kernel.send("comm_msg", {comm_id: this.comm_id, data},
      callbacks, metadata, buffers);
  }

  close(data, callbacks, metadata, buffers) {
    const id = this.kernel.send("comm_close", {comm_id: this.comm_id, data: data || {}},
      callbacks, metadata, buffers);
    this.kernel.comms.delete(this.comm_id);
    if (this._onClose) this._onClose({content: {comm_id: this.comm_id, data: data || {}}});
    return id;
  }

  on_msg(callback) { this._onMsg = callback; }
  on_close(callback) { this._onClose = callback; }
}

/** The websocket to one kernel, reopened when it drops (a phone's screen went dark). */
export class Kernel {
  constructor(url) {
    this.url = url;
    this.session = uuid();
    this.comms = new Map();
    this.callbacks = new Map();  // msg_id -> callbacks of a message we sent
    this.queue = [];  // messages waiting for the socket to open
    this.onCommOpen = null;  // (comm, msg) for comms the kernel opens
    this.retry = 0;
    this.connect();
  }

  connect() {
    const sep = this.url.includes("?") ? "&" : "?";
    const ws = new WebSocket(`${this.url}${sep}session_id=${this.session}`, [PROTOCOL]);
    ws.binaryType = "arraybuffer";
    ws.onopen = () => {
      if (this.retry > 0) this.release();
      this.retry = 0;
      for (const data of this.queue.splice(0)) ws.send(data);
    };
    ws.onmessage = (event) => {
      if (typeof event.data === "string") return;  // not the v1 protocol: nothing we read
      this.receive(deserialize(event.data));
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.closed) return;
      const delay = Math.min(10000, 250 * 2 ** this.retry++);
      setTimeout(() => this.connect(), delay);
    };
    this.ws = ws;
  }

  /** After a drop, the kernel's "idle" for messages sent before it may never come: the
   * widgets' throttle would hold every later change. Tell them their messages are done. */
  release() {
    for (const [msgId, callbacks] of this.callbacks) {
      this.callbacks.delete(msgId);
      const status = callbacks.iopub && callbacks.iopub.status;
      if (status) {
        status({header: {msg_type: "status"}, parent_header: {msg_id: msgId},
                content: {execution_state: "idle"}, metadata: {}, buffers: []});
      }
    }
  }

  send(msgType, content, callbacks, metadata, buffers) {
    const header = {msg_id: uuid(), msg_type: msgType, session: this.session, username: "",
                    version: "5.3", date: new Date().toISOString()};
    const data = serialize({channel: "shell", header, parent_header: {},
                            metadata: metadata || {}, content, buffers: buffers || []});
    if (callbacks && (callbacks.iopub || callbacks.shell)) {
      this.callbacks.set(header.msg_id, callbacks);
    }
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
    else this.queue.push(data);
    return header.msg_id;
  }

  /** A comm on the page's side: opened by us (`open()`), or one the kernel already has. */
  comm(targetName, commId) {
    const comm = new Comm(this, commId || uuid(), targetName);
    this.comms.set(comm.comm_id, comm);
    return comm;
  }

  receive(msg) {
    const type = msg.header.msg_type;
    const content = msg.content;
    if (type === "comm_msg") {
      const comm = this.comms.get(content.comm_id);
      if (comm && comm._onMsg) comm._onMsg(msg);
    } else if (type === "comm_open" && msg.channel === "iopub") {
      const comm = new Comm(this, content.comm_id, content.target_name);
      this.comms.set(comm.comm_id, comm);
      if (this.onCommOpen) this.onCommOpen(comm, msg);
    } else if (type === "comm_close") {
      const comm = this.comms.get(content.comm_id);
      this.comms.delete(content.comm_id);
      if (comm && comm._onClose) comm._onClose(msg);
    }
    const parent = msg.parent_header && msg.parent_header.msg_id;
    const callbacks = parent && this.callbacks.get(parent);
    if (!callbacks) return;
    if (msg.channel === "iopub") {
      const iopub = callbacks.iopub || {};
      if (type === "status") {
        if (iopub.status) iopub.status(msg);
        if (content.execution_state === "idle") this.callbacks.delete(parent);
      } else if (type === "clear_output") {
        if (iopub.clear_output) iopub.clear_output(msg);
      } else if (iopub.output && type !== "comm_msg" && type !== "comm_open") {
        iopub.output(msg);
      }
    } else if (msg.channel === "shell" && callbacks.shell && callbacks.shell.reply) {
      callbacks.shell.reply(msg);
    }
  }
}
