// The texts the page scripts show, in the page's language: read from the JSON block
// #page-messages that every page renders (humanict/web/js_messages.py).
// humanictText("key", {name: value}) fills the %(name)s placeholders.
(function () {
  "use strict";
  let messages = null;
  window.humanictText = function (key, values) {
    if (messages === null) {
      const node = document.getElementById("page-messages");
      messages = node ? JSON.parse(node.textContent) : {};
    }
    let text = messages[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("%(" + name + ")s").join(String(values[name]));
    });
    return text;
  };
})();
