#!/bin/sh
# Installs dpo_desk for the current user, without administrator rights:
#   the program to ~/.local/opt/dpo_desk, the commands dpo-desk and dpo-desk-cli to
#   ~/.local/bin, a menu entry and the icon to ~/.local/share.
# Installing again (a newer version) replaces the program only. The data folder
# (~/.local/share/dpo_desk) is never touched; the newer version updates it at its first
# start, after a verified backup.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
share=${XDG_DATA_HOME:-$HOME/.local/share}
program=$HOME/.local/opt/dpo_desk
bin=$HOME/.local/bin
id=de.dpodesk.DpoDesk

mkdir -p "$HOME/.local/opt" "$bin"
# Copy first, then swap: an interrupted install leaves the old version working.
rm -rf "$program.neu"
cp -R "$here/dpo-desk" "$program.neu"
cp "$here/uninstall.sh" "$program.neu/uninstall.sh"
rm -rf "$program"
mv "$program.neu" "$program"

ln -sf "$program/dpo-desk" "$bin/dpo-desk"
ln -sf "$program/dpo-desk-cli" "$bin/dpo-desk-cli"

mkdir -p "$share/applications" "$share/metainfo"
sed "s|@EXEC@|$program/dpo-desk|g" "$here/share/applications/$id.desktop" \
    > "$share/applications/$id.desktop"
cp "$here/share/metainfo/$id.metainfo.xml" "$share/metainfo/"
for folder in "$here"/share/icons/hicolor/*/apps; do
    size=$(basename "$(dirname "$folder")")
    mkdir -p "$share/icons/hicolor/$size/apps"
    cp "$folder"/* "$share/icons/hicolor/$size/apps/"
done
command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database "$share/applications" >/dev/null 2>&1 || true
command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$share/icons/hicolor" >/dev/null 2>&1 || true

echo "dpo_desk ist installiert: im Anwendungsmenü oder mit „dpo-desk“ starten."
echo "Befehle: dpo-desk-cli --help. Entfernen: $program/uninstall.sh"
case ":$PATH:" in
    *":$bin:"*) ;;
    *) echo "Hinweis: $bin steht nicht im Suchpfad (PATH)." ;;
esac
