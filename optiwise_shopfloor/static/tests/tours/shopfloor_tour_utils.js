/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */

/**
 * Scan ``code`` as a keyboard-wedge scanner does: its keys in a burst on the
 * page (not in a field), then Enter, read by Odoo's barcode service.
 */
export function scan(code) {
    document.activeElement?.blur();
    for (const key of [...code, "Enter"]) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
    }
}
