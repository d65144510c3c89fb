/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {scan} from "@optiwise_shopfloor/../tests/tours/shopfloor_tour_utils";


// An inspector scans a lot, records its tests with the spec in view,
// completes the inspection and releases the lot.
registry.category("web_tour.tours").add("optiwise_shopfloor_inspect_tour", {
    steps: () => [
        {
            content: "Scan the lot",
            trigger: ".o_optiwise_shopfloor",
            run: () => scan("TOUR-INSPECT-1"),
        },
        {
            content: "Its open inspection, each test with its specification",
            trigger: ".o_ow_sf_inspection:contains('Tour pH'):contains('Spec:')",
        },
        {
            content: "Measure the pH",
            trigger: ".o_ow_sf_measure",
            run: "edit 4.1",
        },
        {
            content: "Record it",
            trigger: ".o_ow_sf_test:contains('Tour pH') .o_ow_sf_record",
            run: "click",
        },
        {
            content: "Recorded, within tolerance",
            trigger: ".o_ow_sf_test.border-success:contains('Tour pH')",
        },
        {
            content: "Taste: pass",
            trigger: ".o_ow_sf_test:contains('Tour Taste') button:contains('Pass')",
            run: "click",
        },
        {
            content: "Complete",
            trigger: ".o_ow_sf_complete",
            run: "click",
        },
        {
            content: "Release",
            trigger: ".o_ow_sf_release",
            run: "click",
        },
        {
            content: "Released",
            trigger: ".o_ow_sf_inspection:contains('Quality: Released')",
        },
    ],
});
