// L’atelier d’écriture: Decap CMS (vendored in decap/) in French (francais.js), then started.
//
// - The file formats of formats.js: an edit changes only what it changed.
// - The image block in French.
// - Before each save, empty values are dropped: a field typed in then cleared would otherwise be
//   written as "" (or an empty list or object), which the recipe's schema refuses.
import { fiche, recette } from "./formats.js";
import { FRANCAIS } from "./francais.js";
import { TerritoirePreview, territoire } from "./territoire.js";

const NBSP = "\u00a0";

function isCollection(value) {
  return value !== null && typeof value === "object" && typeof value.filter === "function"
    && typeof value.map === "function" && "size" in value;
}

function isEmpty(value) {
  return value === undefined || value === null || value === ""
    || (isCollection(value) && value.size === 0);
}

// Empty strings, lists and objects removed, at every depth (Immutable maps and lists).
export function sansVides(value) {
  return isCollection(value) ? value.map(sansVides).filter((item) => !isEmpty(item)) : value;
}

// Decap's image block, with French labels (its own are English) and the description the
// validator asks for (R032): what the image shows, read aloud to people who cannot see it.
export const IMAGE = {
  id: "image",
  label: "Image",
  fields: [
    { name: "image", label: "Image", widget: "image", media_library: { allow_multiple: false } },
    { name: "alt", label: "Description de l’image", widget: "string",
      hint: `Ce que montre l’image, pour les personnes qui ne la voient pas${NBSP}: «${NBSP}Des `
        + `habitant·es autour du composteur${NBSP}».` },
    { name: "title", label: "Infobulle (facultatif)", widget: "string", required: false },
  ],
  pattern: /^!\[([^\]]*)\]\((.*?)(\s"([^"]*)")?\)/,
  fromBlock: (match) => match && { image: match[2], alt: match[1], title: match[4] },
  toBlock: ({ alt, image, title }) =>
    `![${alt || ""}](${image || ""}${title ? ` "${title.replace(/"/g, '\\"')}"` : ""})`,
  toPreview: ({ alt, image, title }, getAsset, fields) => {
    const field = fields && fields.find((f) => f.get("widget") === "image");
    return window.h("img", { src: (image && getAsset(image, field)) || "", alt: alt || "", title: title || "" });
  },
};

// Previews show the text as readers will read it; the other fields are identifiers (draft,
// plouarzel, mobilite…) that the guide turns into words, so they stay out of the preview.
function apercu(name, text) {
  return ({ entry, widgetFor }) => window.h("article", { lang: "fr" },
    window.h("h1", null, entry.getIn(["data", name]) || ""),
    window.h("p", null, entry.getIn(["data", text]) || ""),
    name === "title" ? widgetFor("body") : null);
}

const CMS = window.CMS;
CMS.registerLocale("fr", FRANCAIS);
CMS.registerCustomFormat("recette-md", "md", recette);
CMS.registerCustomFormat("fiche-yml", "yml", fiche);
CMS.registerEditorComponent(IMAGE);
CMS.registerWidget("territoire", territoire(), TerritoirePreview);
CMS.registerPreviewTemplate("recettes", apercu("title", "summary"));
CMS.registerPreviewTemplate("ambassadeurs", apercu("name", "bio"));
CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => sansVides(entry.get("data")),
});
CMS.init();
