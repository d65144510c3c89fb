/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {scan} from "./shopfloor_tour_utils";

// An operator at a line (phone size): enters the line's code, sees its run,
// scans a case's GS1 label, whose count (12) fills the quantity, declares; a
// code that names nothing is refused plainly; pauses the line with a reason
// picked from big buttons, resumes, stops.
registry.category("web_tour.tours").add("optiwise_shopfloor_tour", {
    steps: () => [
        {
            content: "Enter a code that names nothing",
            trigger: ".o_optiwise_shopfloor .o_ow_sf_scan input",
            run: "edit NOTHING-HERE",
        },
        {
            content: "Send it",
            trigger: ".o_optiwise_shopfloor .o_ow_sf_scan button[type=submit]",
            run: "click",
        },
        {
            content: "Refused, in red, saying why",
            trigger: ".o_ow_sf_answer.alert-danger:contains('NOTHING-HERE')",
        },
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
            content: "The line's run is shown, with its unit",
            trigger: ".o_ow_sf_job:contains('Tour Line'):contains('Tour Bottle')",
        },
        {
            content: "Scan a case label (GS1: GTIN, lot, group separator, count 12)",
            trigger: ".o_ow_sf_job:contains('Tour Bottle')",
            run: () => scan("0105901234000031" + "10TOUR-L1" + "\x1d" + "3712"),
        },
        {
            content: "The label's count fills the good quantity",
            trigger: ".o_ow_sf_qty:value(12)",
        },
        {
            content: "Declare it",
            trigger: ".o_ow_sf_declare",
            run: "click",
        },
        {
            content: "The run shows 12 done",
            trigger: ".o_ow_sf_progress:contains('12 /')",
        },
        {
            content: "Pause the line",
            trigger: ".o_ow_sf_pause",
            run: "click",
        },
        {
            content: "Pick the reason from the big buttons",
            trigger: ".o_ow_sf_reasons button:contains('Material Availability')",
            run: "click",
        },
        {
            content: "Paused: resume",
            trigger: ".o_ow_sf_resume",
            run: "click",
        },
        {
            content: "Running again: stop the run",
            trigger: ".o_ow_sf_pause",
            run() {
                document.querySelector(".o_ow_sf_stop").click();
            },
        },
        {
            content: "Stopped: nothing to do on the line",
            trigger: ".o_ow_sf_job:contains('Nothing to do')",
        },
    ],
});
