/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {dropNetwork, restoreNetwork} from "./shopfloor_tour_utils";

// The network drops while the operator declares: the declaration is kept in
// the browser, shown as waiting, and sent once the network is back.
registry.category("web_tour.tours").add("optiwise_shopfloor_offline_tour", {
    steps: () => [
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
            run: "edit 5",
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
            content: "Kept in the browser, said so",
            trigger: ".o_ow_sf_queued:contains('1 declaration(s)')",
        },
        {
            content: "The network is back",
            trigger: ".o_ow_sf_queued",
            run: () => restoreNetwork(),
        },
        {
            content: "Sent: nothing waits, the run shows 5 done",
            trigger: ".o_ow_sf_progress:contains('5 /')",
        },
        {
            content: "No declaration waits any more",
            trigger: ".o_optiwise_shopfloor:not(:has(.o_ow_sf_queued))",
        },
    ],
});
