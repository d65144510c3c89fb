/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {declareOfflineSteps, restoreNetwork} from "./shopfloor_tour_utils";

function db() {
    return odoo.loader.modules.get("@web/session").session.db;
}

// Offline overnight: the operator declares 7 while the network is down, the
// session ends before it is back (a phone locked overnight); the declaration
// stays queued through the refusal of the expired session, and is sent once
// the operator logs in again.
registry.category("web_tour.tours").add("optiwise_shopfloor_overnight_tour", {
    steps: () => [
        ...declareOfflineSteps(7),
        {
            content: "Overnight the session ends",
            trigger: ".o_ow_sf_queued",
            run: async () => {
                await fetch("/web/session/logout", {redirect: "manual"});
            },
        },
        {
            content: "The network is back: the server refuses the call (no session)",
            trigger: ".o_ow_sf_queued",
            run: () => restoreNetwork(),
        },
        {
            content: "Nothing is dropped: still queued, and the screen says why",
            trigger:
                ".o_ow_sf_queued:contains('Your session has ended'):contains('1 declaration(s)')",
        },
        {
            content: "The operator logs in again",
            trigger: ".o_ow_sf_queued",
            run: async () => {
                await fetch("/web/session/authenticate", {
                    method: "POST",
                    headers: {"Content-Type": "application/json"},
                    body: JSON.stringify({
                        jsonrpc: "2.0",
                        method: "call",
                        params: {
                            db: db(),
                            login: "tour_sf_operator",
                            password: "tour_sf_operator",
                        },
                    }),
                });
                window.dispatchEvent(new Event("online"));
            },
        },
        {
            content: "Sent: the run shows 7 done",
            trigger: ".o_ow_sf_progress:contains('7 /')",
        },
        {
            content: "Nothing waits any more",
            trigger: ".o_optiwise_shopfloor:not(:has(.o_ow_sf_queued))",
        },
    ],
});
