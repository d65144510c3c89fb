/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {scan} from "./shopfloor_tour_utils";

// An operator runs a batch from the phone: scans the vessel, starts the batch,
// does the changeover first (ticks the wet clean), starts again, finishes,
// marks the batch done and gets its lot label.
registry.category("web_tour.tours").add("optiwise_shopfloor_batch_tour", {
    steps: () => [
        {
            content: "Scan the vessel",
            trigger: ".o_optiwise_shopfloor",
            run: () => scan("WC-TOUR-VESSEL"),
        },
        {
            content: "Its next batch is shown",
            trigger: ".o_ow_sf_job:contains('Test Sauce Base')",
        },
        {
            content: "Start it",
            trigger: ".o_ow_sf_start",
            run: "click",
        },
        {
            content: "The changeover comes first, with its checklist",
            trigger: ".o_ow_sf_changeover:contains('Wet clean')",
        },
        {
            content: "Tick the wet clean",
            trigger: ".o_ow_sf_changeover button:contains('Wet clean')",
            run: "click",
        },
        {
            content: "Ticked",
            trigger: ".o_ow_sf_changeover button.btn-success:contains('Wet clean')",
        },
        {
            content: "Start the batch: the changeover finishes",
            trigger: ".o_ow_sf_start",
            run: "click",
        },
        {
            content: "Under way: Finish is offered",
            trigger: ".o_ow_sf_job button:contains('Finish')",
            run: "click",
        },
        {
            content: "Nothing left to do on the vessel",
            trigger: ".o_ow_sf_job:contains('Nothing to do')",
        },
        {
            content: "The finished batch waits to be marked done",
            trigger: ".o_ow_sf_close .o_ow_sf_mark_done",
            run: "click",
        },
        {
            content: "Done: its lot label is ready to print",
            trigger: ".o_ow_sf_label[href*='report_lot_gs1_label']",
        },
    ],
});
