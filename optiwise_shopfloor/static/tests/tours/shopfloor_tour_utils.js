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

/**
 * The network drops for the calls ``dropped(params)`` picks: they fail as a
 * lost connection does, the others go through.
 */
export function dropNetwork(dropped) {
    const mod = odoo.loader.modules.get("@web/core/network/rpc");
    window.__owOriginalRpc = mod.rpc._rpc;
    mod.rpc._rpc = (url, params, settings) =>
        dropped(params)
            ? Promise.reject(new mod.ConnectionLostError(url))
            : window.__owOriginalRpc(url, params, settings);
}

/** The network is back: calls go through and the page hears "online". */
export function restoreNetwork() {
    const mod = odoo.loader.modules.get("@web/core/network/rpc");
    mod.rpc._rpc = window.__owOriginalRpc;
    window.dispatchEvent(new Event("online"));
}
