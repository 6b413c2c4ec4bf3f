// Offline API reference drawn from /openapi.json (Swagger UI would need a CDN and inline scripts).
"use strict";

(function () {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function typeOf(schema, spec) {
    if (!schema) return "";
    if (schema.$ref) return schema.$ref.split("/").pop();
    if (schema.anyOf) return schema.anyOf.map((s) => typeOf(s, spec)).join(" | ");
    if (schema.enum) return schema.enum.join(" | ");
    if (schema.type === "array") return typeOf(schema.items, spec) + "[]";
    let text = schema.type || "";
    if (schema.pattern) text += ` /${schema.pattern}/`;
    if (schema.maximum !== undefined) text += ` <= ${schema.maximum}`;
    return text;
  }

  fetch("/openapi.json").then((r) => r.json()).then((spec) => {
    document.getElementById("api-description").textContent = spec.info.description || "";
    const box = document.getElementById("operations");
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const section = el("section", { class: "operation" },
          el("h2", null, el("span", { class: "method " + method }, method.toUpperCase()), path),
          el("p", null, op.summary || ""), op.description ? el("p", null, op.description) : null);
        const params = op.parameters || [];
        if (params.length) {
          const rows = params.map((p) => el("tr", null, el("td", null, el("code", null, p.name)), el("td", null, p.in),
            el("td", null, typeOf(p.schema, spec)), el("td", null, p.description || (p.schema && p.schema.description) || "")));
          section.append(el("table", null,
            el("thead", null, el("tr", null, el("th", null, "parameter"), el("th", null, "in"), el("th", null, "type"), el("th", null, "about"))),
            el("tbody", null, ...rows)));
        }
        if (op.requestBody) {
          const content = op.requestBody.content["application/json"];
          section.append(el("p", null, "Body (JSON): ", el("code", null, typeOf(content && content.schema, spec))));
        }
        const responses = Object.entries(op.responses).map(([code, r]) => {
          const types = Object.entries(r.content || {}).map(([media, c]) => `${media} ${typeOf(c.schema, spec)}`.trim());
          return `${code} ${r.description}${types.length ? " (" + types.join(", ") + ")" : ""}`;
        });
        section.append(el("p", null, "Responses: " + responses.join("; ")));
        box.append(section);
      }
    }
  });
})();
