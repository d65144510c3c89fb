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

/**
 * The steps of an operator declaring ``qty`` on the tour line's run while
 * the network is down: the line scanned, the quantity typed, the declaration
 * kept on the device (said so on the screen).
 */
export function declareOfflineSteps(qty) {
    return [
        {
            content: "Enter the line's barcode",
            trigger: ".o_optiwise_shopfloor .o_ow_sf_scan input",
            run: "edit WC-TOUR-LINE",
        },
        {
            content: "Send it",
            trigger: ".o_optiwise_shopfloor .o_ow_sf_scan button[type=submit]",
            run: "click",
        },
        {
            content: "The run is shown",
            trigger: ".o_ow_sf_job:contains('Tour Bottle')",
        },
        {
            content: "Type the good quantity",
            trigger: ".o_ow_sf_qty",
            run: `edit ${qty}`,
        },
        {
            content: "The network drops (declarations cannot reach the server)",
            trigger: ".o_ow_sf_declare",
            run: () => dropNetwork((params) => params?.method === "declare_output"),
        },
        {
            content: "Declare",
            trigger: ".o_ow_sf_declare",
            run: "click",
        },
        {
            content: "Kept on this device, said so",
            trigger: ".o_ow_sf_queued:contains('1 declaration(s)')",
        },
    ];
}
