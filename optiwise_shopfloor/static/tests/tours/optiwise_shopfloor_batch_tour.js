/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {dropNetwork, restoreNetwork, scan} from "./shopfloor_tour_utils";

// An operator runs a batch from the phone: scans the vessel, starts the batch,
// does the changeover first (ticks the wet clean while the network is down:
// the tick is kept and sent when it is back), starts again, scans the lot of
// paste used (a lot of another product refused), finishes, marks the batch
// done and gets its lot label.
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
            content: "The network drops (the tick cannot reach the server)",
            trigger: ".o_ow_sf_changeover",
            run: () => dropNetwork((params) => params?.model === "optiwise.changeover.check"),
        },
        {
            content: "Tick the wet clean",
            trigger: ".o_ow_sf_changeover button:contains('Wet clean')",
            run: "click",
        },
        {
            content: "Ticked on the phone, kept until the network is back",
            trigger: ".o_ow_sf_queued:contains('1 checklist tick(s)')",
        },
        {
            content: "The network is back",
            trigger: ".o_ow_sf_changeover button.btn-success:contains('Wet clean')",
            run: () => restoreNetwork(),
        },
        {
            content: "Sent: nothing waits, the tick is on the server",
            trigger: ".o_optiwise_shopfloor:not(:has(.o_ow_sf_queued)) .o_ow_sf_changeover button.btn-success:contains('Wet clean')",
        },
        {
            content: "Start the batch: the changeover finishes",
            trigger: ".o_ow_sf_start",
            run: "click",
        },
        {
            content: "Under way: its lot-tracked components are listed",
            trigger: ".o_ow_sf_components .o_ow_sf_component:contains('Test Paste')",
        },
        {
            content: "Scan a lot the batch does not use",
            trigger: ".o_ow_sf_components",
            run: () => scan("TOUR-BATCH-1"),
        },
        {
            content: "Refused, saying why",
            trigger: ".o_ow_sf_answer.alert-danger:contains('does not use')",
        },
        {
            content: "Scan the paste's GS1 case label (lot, then the count after the group separator)",
            trigger: ".o_ow_sf_components",
            run: () => scan("]C10105901234000253" + "10TOUR-PASTE-1\x1d" + "371000"),
        },
        {
            content: "The lot is on the batch",
            trigger: ".o_ow_sf_answer.alert-success:contains('on batch')",
        },
        {
            content: "Shown against the component",
            trigger: ".o_ow_sf_component.text-success:contains('TOUR-PASTE-1')",
        },
        {
            content: "Finish",
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
