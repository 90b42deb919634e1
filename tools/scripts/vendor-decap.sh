#!/usr/bin/env bash
# Vendor Decap CMS (the web form served at /admin/), its French locale and js-yaml from the npm
# registry into the package (no CDN at run time).
# Usage: tools/scripts/vendor-decap.sh [DECAP_VERSION] [LOCALES_VERSION] [JS_YAML_VERSION]
#        (default 3.16.3 and 3.8.2, the locales that decap-cms-app 3.16.3 depends on, and js-yaml
#        5.5.0, which the form's file formats use to keep what an edit did not change); then commit.
#
# Why the `decap-cms` package rather than `decap-cms-app`: the bundle of decap-cms-app expects
# React 19 and ReactDOM as page globals (UMD externals), and React 19 no longer publishes UMD
# builds. `decap-cms` is the same decap-cms-app (pinned to the same version) with React bundled,
# plus the Cloudinary and Uploadcare media libraries (inactive unless configured).
# What is kept: the bundle, the chunks it loads on demand (CodeMirror language modes for code
# blocks, a WebP encoder with its two WebAssembly files), the bundle's third-party licence notices,
# and the French locale as an ES module. Source maps (24 MB) are left out.
set -euo pipefail
VERSION="${1:-3.16.3}"
LOCALES_VERSION="${2:-3.8.2}"
JS_YAML_VERSION="${3:-5.5.0}"
HERE="$(cd "$(dirname "$0")/../.." && pwd)"
DEST="$HERE/tools/recettes/assets/admin/decap"
YAML_DEST="$HERE/tools/recettes/assets/admin/js-yaml"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "decap-cms@$VERSION" "decap-cms-locales@$LOCALES_VERSION" "js-yaml@$JS_YAML_VERSION" >/dev/null
mkdir app locales yaml
tar xzf "decap-cms-$VERSION.tgz" -C app
tar xzf "decap-cms-locales-$LOCALES_VERSION.tgz" -C locales
tar xzf "js-yaml-$JS_YAML_VERSION.tgz" -C yaml
WANTED="$(node -p "require('./app/package/package.json').dependencies['decap-cms-app']")"
[ "$WANTED" = "$VERSION" ] || { echo "decap-cms $VERSION bundles decap-cms-app $WANTED" >&2; exit 1; }
rm -rf "$DEST"
mkdir -p "$DEST/locales"
cp app/package/dist/decap-cms.js app/package/dist/decap-cms.js.LICENSE.txt \
   app/package/dist/[0-9]*.decap-cms.js app/package/dist/*.wasm "$DEST/"
cp locales/package/LICENSE "$DEST/LICENSE"   # the monorepo's MIT licence (decap-cms ships none)
cp locales/package/dist/esm/fr/index.js "$DEST/locales/fr.js"
printf 'decap-cms %s\ndecap-cms-locales %s\n' "$VERSION" "$LOCALES_VERSION" > "$DEST/VERSION"
(cd "$DEST" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort \
   | xargs sha256sum > SHA256SUMS)
rm -rf "$YAML_DEST"
mkdir -p "$YAML_DEST"
cp yaml/package/dist/browser/js-yaml.esm.min.mjs "$YAML_DEST/js-yaml.mjs"   # ES module, no dependency
cp yaml/package/LICENSE "$YAML_DEST/LICENSE"
echo "js-yaml $JS_YAML_VERSION" > "$YAML_DEST/VERSION"
(cd "$YAML_DEST" && sha256sum LICENSE VERSION js-yaml.mjs > SHA256SUMS)
echo "Decap CMS $VERSION (locales $LOCALES_VERSION) vendored in ${DEST#"$HERE"/}" \
     "($(du -sh "$DEST" | cut -f1)), js-yaml $JS_YAML_VERSION in ${YAML_DEST#"$HERE"/}"
