/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {declareOfflineSteps, restoreNetwork} from "./shopfloor_tour_utils";

// The network drops while the operator declares: the declaration is kept in
// the browser, shown as waiting, and sent once the network is back.
registry.category("web_tour.tours").add("optiwise_shopfloor_offline_tour", {
    steps: () => [
        ...declareOfflineSteps(5),
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
