#!/bin/sh
# Removes dpo_desk of the current user. The data folder stays (schools, consents,
# backups) unless asked: uninstall.sh --daten-loeschen
set -eu

share=${XDG_DATA_HOME:-$HOME/.local/share}
state=${XDG_STATE_HOME:-$HOME/.local/state}
program=$HOME/.local/opt/dpo_desk
bin=$HOME/.local/bin
id=de.dpodesk.DpoDesk

rm -f "$bin/dpo-desk" "$bin/dpo-desk-cli"
rm -f "$share/applications/$id.desktop" "$share/metainfo/$id.metainfo.xml"
rm -f "$share"/icons/hicolor/*/apps/"$id".png "$share"/icons/hicolor/*/apps/"$id".svg
rm -rf "$program"
echo "dpo_desk wurde entfernt."

if [ "${1:-}" = "--daten-loeschen" ]; then
    rm -rf "$share/dpo_desk" "$state/dpo_desk"
    echo "Die Daten in $share/dpo_desk wurden gelöscht."
else
    echo "Ihre Daten bleiben in $share/dpo_desk (löschen: uninstall.sh --daten-loeschen)."
fi
