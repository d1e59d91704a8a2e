// lodash's isEqual for ipywidgets' change checks: underscore's (Backbone brings it anyway),
// which compares nested objects, arrays, dates and binary buffers (DataView, typed arrays)
// by value as lodash's does.
import {isEqual} from "underscore";

export default isEqual;
