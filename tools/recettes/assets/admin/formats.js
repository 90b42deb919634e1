// The form's file formats: recipe.md (YAML front matter and Markdown body) and the ambassadors'
// .yml files, written back so that what an edit did not change stays as it was, byte for byte:
// comments, key order, flow lists, folded text. Decap's own formats rewrite the whole front
// matter on every save; these keep each top-level key's lines unless its value changed, and
// the body unless it changed. Pure: tests/site/test_admin.py runs them in Node on the corpus.
import {
  CORE_SCHEMA, DEFAULT_SCALAR_STYLE_RULES, SCALAR_STYLE, YAML11_SCHEMA, dump, load,
} from "./js-yaml/js-yaml.mjs";

// The file as read, kept in the entry's data (Decap keeps keys that no field shows) until save.
export const SOURCE = "__source";
const BODY = "body";
const KEY = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]|$)/;
const DELIMITER = /^---[ \t]*\r?$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*\r?$/;

function parse(text) {
  const data = load(text, { schema: CORE_SCHEMA });
  return data && typeof data === "object" && !Array.isArray(data) ? data : {};
}

export function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]));
  }
  return false;
}

// A YAML mapping's lines, cut at its top-level keys: each key with the comments and blank lines
// above it (``lead``) and its own lines (``own``); what precedes the first key is ``head``.
export function chunks(text) {
  const lines = text.split("\n");
  const out = { head: [], keys: [] };
  let lead = [];
  let current = null;
  for (const line of lines) {
    const key = KEY.exec(line);
    if (key) {
      current = { key: key[1], lead, own: [line] };
      out.keys.push(current);
      lead = [];
    } else if (current && (/^[ \t]/.test(line) || /^-(?:[ \t]|$)/.test(line))) {
      current.own.push(...lead, line); // blank lines inside a block belong to it
      lead = [];
    } else {
      lead.push(line);
    }
  }
  if (current) out.tail = lead; else out.head = lead;
  out.tail = out.tail || [];
  return out;
}

// js-yaml takes the no-break space for an invisible character: it would quote every French
// text and write « \_ » for each one. French typography is visible: the same rule without it.
function quoteInvisibles(layout) {
  if (layout.style === SCALAR_STYLE.PLAIN
      && /[\t\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/.test(layout.node.value)) {
    layout.style = SCALAR_STYLE.DOUBLE_QUOTED;
  }
}
const STYLE_RULES = Object.entries(DEFAULT_SCALAR_STYLE_RULES)
  .map(([name, rule]) => (name === "doubleQuoteForInvisibles" ? quoteInvisibles : rule));

// Read with YAML 1.2's rules (as the validator does: « yes » is a text); written with 1.1's, so
// that a text any reader could take for something else is quoted (« 'yes' », « '2016' »).
function dumpKey(key, value) {
  return dump({ [key]: value }, { schema: YAML11_SCHEMA, lineWidth: 100, scalarStyleRules: STYLE_RULES })
    .replace(/(?<!\\)((?:\\\\)*)\\_/g, "$1\u00a0") // a no-break space in double quotes, as it is
    .replace(/\n$/, "");
}

// ``text`` (a YAML mapping) rewritten for ``data``: unchanged keys keep their lines, changed
// keys are written anew in place, removed keys go, new keys follow the key before them in
// ``order`` (Decap's field order).
export function rewrite(text, data, order = []) {
  const before = parse(text);
  const parts = chunks(text);
  const wanted = Object.keys(data).filter((k) => k !== SOURCE && k !== BODY && data[k] !== undefined);
  const sequence = [...order.filter((k) => wanted.includes(k)), ...wanted.filter((k) => !order.includes(k))];
  const after = new Map(); // existing key (or null: the top) -> new keys that follow it
  let previous = null;
  for (const key of sequence) {
    if (key in before) previous = key;
    else after.set(previous, [...(after.get(previous) || []), key]);
  }
  const written = (key) => dumpKey(key, data[key]);
  const out = [...parts.head, ...(after.get(null) || []).map(written)];
  for (const chunk of parts.keys) {
    out.push(...chunk.lead);
    if (wanted.includes(chunk.key)) {
      out.push(...(same(before[chunk.key], data[chunk.key]) ? chunk.own : [written(chunk.key)]));
    }
    out.push(...(after.get(chunk.key) || []).map(written));
    after.delete(chunk.key);
  }
  for (const [key, keys] of after) if (key !== null) out.push(...keys.map(written));
  out.push(...parts.tail);
  return out.join("\n");
}

function fresh(data, order) {
  const keys = [...order, ...Object.keys(data)].filter((k, i, all) => all.indexOf(k) === i
    && k !== SOURCE && k !== BODY && data[k] !== undefined);
  return keys.map((k) => dumpKey(k, data[k])).join("\n") + "\n";
}

// recipe.md: ``---``, the metadata, ``---``, a blank line, the sections.
export function splitFrontMatter(text) {
  const lines = text.split("\n");
  if (!lines.length || !DELIMITER.test(lines[0])) return null;
  const end = lines.findIndex((line, i) => i > 0 && CLOSING.test(line));
  if (end < 0) return null;
  return {
    open: lines[0], front: lines.slice(1, end).join("\n") + "\n", close: lines[end],
    body: lines.slice(end + 1).join("\n"),
  };
}

export const recette = {
  fromFile(content) {
    const parts = splitFrontMatter(content);
    if (!parts) return { [BODY]: content, [SOURCE]: content };
    return { ...parse(parts.front), [BODY]: parts.body.replace(/^\n/, ""), [SOURCE]: content };
  },
  toFile(data, sortedKeys = []) {
    const order = [...(sortedKeys || [])];
    const source = data[SOURCE];
    const parts = typeof source === "string" ? splitFrontMatter(source) : null;
    const body = String(data[BODY] ?? "");
    if (!parts) return `---\n${fresh(data, order)}---\n\n${body.replace(/\s*$/, "\n")}`;
    const front = same(parse(parts.front), withoutBody(data)) ? parts.front : rewrite(parts.front, data, order);
    const text = body === parts.body.replace(/^\n/, "") ? parts.body : `\n${body.replace(/\s*$/, "\n")}`;
    return `${parts.open}\n${front}${parts.close}\n${text}`;
  },
};

function withoutBody(data) {
  const out = { ...data };
  delete out[BODY];
  delete out[SOURCE];
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  return out;
}

export const fiche = {
  fromFile(content) {
    return { ...parse(content), [SOURCE]: content };
  },
  toFile(data, sortedKeys = []) {
    const source = data[SOURCE];
    if (typeof source !== "string") return fresh(data, [...(sortedKeys || [])]);
    return same(parse(source), withoutBody(data)) ? source : rewrite(source, data, [...(sortedKeys || [])]);
  },
};
