// L’interface de recherche de Pagefind importe « pagefind.js » depuis ce dossier : ce module
// lui donne l’API de l’index (../../pagefind/pagefind.js) telle quelle, sauf ses filtres, qui
// ne sont téléchargés que lorsque la lectrice ou le lecteur demande à filtrer, et ses
// préchargements, qui lisent la requête comme la recherche la lira.
//
// Pagefind's interface loads every filter of the index as soon as the search opens: at 10,000
// recipes that was 143 KB of the 362 KB a first query downloaded (benchmarks/search.py). Until
// ``chargerFiltres`` is called, ``filters`` answers that there is none, and searches fetch only
// the filters they are given; Pagefind's own code is unchanged.
import * as index from "../../pagefind/pagefind.js";

export const options = index.options;
export const init = index.init;
export const destroy = index.destroy;
export const mergeIndex = index.mergeIndex;
export const search = index.search;
export const debouncedSearch = index.debouncedSearch;
// The interface preloads the index chunks of the query at every key typed, before its
// ``processTerm``: « e », then « en », « ene »… each fetched every chunk that may hold a word
// starting with them (591 KB of index for « energie » typed at 10,000 recipes, 63 KB for the
// word itself; « com… » still cost 151 KB with three letters, none with four), and
// « l’accueil » fetched the words in « l… ». Here the query is read as the
// search will read it (recherche.js, ``RecettesRecherche.terme``), and a word still shorter than
// ``PREFIXE_MIN`` letters is not preloaded: the search itself, once typing pauses, fetches what
// it needs.
const PREFIXE_MIN = 4;

export function preload(term, options) {
  const traiter = globalThis.RecettesRecherche && globalThis.RecettesRecherche.terme;
  const lu = traiter ? traiter(term) : term;
  const mots = lu.trim().split(/\s+/);
  if ([...mots[mots.length - 1]].length < PREFIXE_MIN) return Promise.resolve();
  return index.preload(lu, options);
}
export const createInstance = index.createInstance;

let demandes = false;

export async function filters() {
  return demandes ? index.filters() : {};
}

export async function chargerFiltres() {
  demandes = true;
  return index.filters();
}
