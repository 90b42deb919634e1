// The territory field of the web form: type a name, choose in the list among the vocabulary's
// territories and every French commune, intercommunality, département and région. A select
// cannot hold 36,000 options: the list comes from territoires.json (written beside this page by
// the build from the extract shipped in the package, never fetched elsewhere) and shows the
// twelve best matches, homonyms with their département. The value kept is what a recipe
// writes: an id of the vocabulary (brest) or an official code (commune:29190). The field's
// pattern (from the JSON Schema) still checks it when saving.
const SHOWN = 12;
let index = null;

export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^0-9a-z:]+/g, " ").trim();
}

function places() {
  if (!index) {
    index = fetch(new URL("territoires.json", document.baseURI))
      .then((response) => (response.ok ? response.json() : { lieux: [] }))
      .then((data) => data.lieux.map(([ref, label, where]) => ({ ref, label, where, key: fold(label) })))
      .catch(() => []);
  }
  return index;
}

// Best first: the same name, then names starting with the text, then names containing it;
// a code or an id typed whole finds its place.
export function search(entries, text) {
  const wanted = fold(text);
  if (wanted.length < 2) return [];
  const rank = (entry) => {
    if (entry.ref === text.trim() || entry.key === wanted) return 0;
    if (entry.key.startsWith(wanted)) return 1;
    if (entry.key.includes(` ${wanted}`)) return 2;
    return entry.key.includes(wanted) ? 3 : 9;
  };
  return entries.map((entry) => [rank(entry), entry]).filter(([r]) => r < 9)
    .sort((a, b) => a[0] - b[0] || a[1].label.localeCompare(b[1].label, "fr"))
    .slice(0, SHOWN).map(([, entry]) => entry);
}

// Made when the form starts (Decap's createClass is a global of the page; Node, which tests the
// search above, has none).
export const territoire = () => window.createClass({
  getInitialState() {
    return { text: null, found: [], chosen: null };
  },
  componentDidMount() {
    places().then((entries) => {
      const value = this.props.value || "";
      this.setState({ chosen: entries.find((entry) => entry.ref === value) || null });
    });
  },
  typed(event) {
    const text = event.target.value;
    this.setState({ text });
    places().then((entries) => {
      if (this.state.text === text) this.setState({ found: search(entries, text) });
    });
  },
  choose(entry) {
    this.props.onChange(entry.ref);
    this.setState({ text: null, found: [], chosen: entry });
  },
  render() {
    const h = window.h;
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, value } = this.props;
    const { text, found, chosen } = this.state;
    const shown = chosen && chosen.ref === value ? `${chosen.label} (${chosen.where})` : value || "";
    return h("div", { className: classNameWrapper },
      h("input", {
        id: forID, type: "text", autoComplete: "off", value: text === null ? shown : text,
        placeholder: "Tapez le nom d’une commune, d’un pays, d’un département…",
        onChange: this.typed, onFocus: setActiveStyle, onBlur: setInactiveStyle,
        "aria-describedby": `${forID}-choix`,
        style: { width: "100%", border: "none", outline: "none", font: "inherit", background: "transparent" },
      }),
      h("ul", { id: `${forID}-choix`, "aria-live": "polite", style: { listStyle: "none", margin: 0, padding: 0 } },
        found.map((entry) => h("li", { key: entry.ref },
          h("button", {
            type: "button", className: "territoire-choix", onClick: () => this.choose(entry),
            style: { display: "block", width: "100%", textAlign: "left", margin: "2px 0", padding: "6px 8px",
              border: "1px solid #c4c8d0", borderRadius: "4px", background: "#fff", font: "inherit",
              cursor: "pointer" },
          }, `${entry.label} (${entry.where})`, h("small", { style: { color: "#4a4f57" } }, ` ${entry.ref}`))))),
      value && this.props.field.get("required") === false && text === null
        ? h("button", { type: "button", onClick: () => this.choose({ ref: "", label: "", where: "" }),
          style: { margin: "4px 0 0", font: "inherit" } }, "Retirer ce territoire")
        : null,
      text !== null && text.trim().length >= 2 && !found.length
        ? h("p", { role: "status", style: { margin: "4px 0 0" } },
          "Aucun territoire de ce nom. Essayez le début du nom, sans article, ou le code INSEE de la "
            + "commune (commune:29190).")
        : null);
  },
});

export function TerritoirePreview({ value }) {
  return window.h("span", null, value || "");
}
