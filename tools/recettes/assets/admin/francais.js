// The French of the form: decap-cms-locales' French with French typography (no-break spaces,
// « guillemets », apostrophes, ellipses) and the words of the handbook (CORRECTIONS).
// Pure: tests/site/test_admin.py imports it in Node.
import fr from "./decap/locales/fr.js";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

export function typographie(text) {
  return text
    .replace(/\.\.\./g, "…")
    .replace(/'(%\{\w+\})'/g, `«${NBSP}$1${NBSP}»`)
    .replace(/"([^"]*)"/g, `«${NBSP}$1${NBSP}»`)
    .replace(/'/g, "’")
    .replace(/[ \u00a0]?:(?=\s|$)/g, `${NBSP}:`)
    .replace(/[ \u00a0\u202f]?([;!?])(?=\s|$)/g, `${NNBSP}$1`);
}

// Messages of the form and words of the handbook, written with its typography already.
export const CORRECTIONS = {
  auth: {
    errors: {
      email: "Indiquez votre courriel.",
      identitySettings: "Impossible d’accéder aux réglages d’identité.",
    },
  },
  app: {
    header: { content: "Contenus", workflow: "Relecture", media: "Médias" },
  },
  collection: {
    collectionTop: { newButton: "Nouvelle %{collectionLabel}" },
    entries: { noEntries: "Rien pour l’instant" },
  },
  editor: {
    editorControl: { field: { optional: "facultatif" } },
    editorControlPane: {
      widget: {
        required: `Le champ «${NBSP}%{fieldLabel}${NBSP}» est obligatoire.`,
        regexPattern: `Le champ «${NBSP}%{fieldLabel}${NBSP}» attend %{pattern}.`,
        rangeCount: `«${NBSP}%{fieldLabel}${NBSP}»${NBSP}: de %{minCount} à %{maxCount} choix.`,
        rangeCountExact: `«${NBSP}%{fieldLabel}${NBSP}»${NBSP}: exactement %{count} choix.`,
        rangeMin: `«${NBSP}%{fieldLabel}${NBSP}»${NBSP}: au moins %{minCount} choix.`,
        rangeMax: `«${NBSP}%{fieldLabel}${NBSP}»${NBSP}: %{maxCount} choix au plus.`,
      },
    },
    editorToolbar: {
      deleteUnpublishedChanges: "Supprimer les modifications non publiées",
      backCollection: " Écriture dans %{collectionLabel}",
    },
    editorWidgets: {
      list: { add: "Ajouter : %{item}", addType: "Ajouter : %{item}" },
      unknownControl: { noControl: `Pas de champ pour le type «${NBSP}%{widget}${NBSP}».` },
      unknownPreview: { noPreview: `Pas d’aperçu pour le type «${NBSP}%{widget}${NBSP}».` },
    },
  },
  mediaLibrary: {
    mediaLibrary: {
      onDelete: `Voulez-vous vraiment supprimer le fichier choisi${NNBSP}?`,
      fileTooLarge: `Le fichier est trop volumineux${NBSP}: %{size}${NNBSP}ko au plus.`,
    },
    mediaLibraryModal: { mediaAssets: "Fichiers", upload: "Déposer un fichier" },
  },
  ui: {
    errorBoundary: {
      reportIt: "la signaler.",
      privacyWarning: "Le signalement reprend le message d’erreur et des informations de "
        + "débogage. Vérifiez-les et retirez toute donnée personnelle.",
    },
    toast: {
      missingRequiredField: `Un champ obligatoire est vide${NBSP}: remplissez-le avant d’enregistrer.`,
      entrySaved: "Enregistré",
      onLoggedOut: "Vous avez été déconnecté·e : copiez votre texte, puis reconnectez-vous.",
    },
  },
  workflow: {
    workflow: { newPost: "Nouvelle recette", workflowHeading: "Relecture" },
    workflowCard: { deleteChanges: "Supprimer les modifications" },
    workflowList: {
      onPublishingNotReadyEntry: `Seules les contributions «${NBSP}Prêt${NBSP}» peuvent être `
        + `publiées${NBSP}: glissez la carte dans la colonne «${NBSP}Prêt${NBSP}».`,
    },
  },
};

function francise(node) {
  if (typeof node === "string") return typographie(node);
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, francise(value)]));
  }
  return node;
}

export function merge(base, changes) {
  const out = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    out[key] = value && typeof value === "object" ? merge(base[key] || {}, value) : typographie(value);
  }
  return out;
}

export const FRANCAIS = merge(francise(fr), CORRECTIONS);
