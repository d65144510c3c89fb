/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {scan} from "@optiwise_shopfloor/../tests/tours/shopfloor_tour_utils";

// A lot on hold scanned onto a delivery is refused in red, with its state;
// a released lot fills the order instead.
registry.category("web_tour.tours").add("optiwise_shopfloor_held_tour", {
    steps: () => [
        {
            content: "Scan the delivery",
            trigger: ".o_optiwise_shopfloor",
            run: () => scan("TOUR-DELIVERY-Q"),
        },
        {
            content: "The delivery is shown",
            trigger: ".o_ow_sf_delivery:contains('0 / 10')",
        },
        {
            content: "Scan the quarantined lot",
            trigger: ".o_ow_sf_delivery",
            run: () => scan("TOUR-HELD"),
        },
        {
            content: "Refused: quarantined by quality control",
            trigger: ".o_ow_sf_answer.alert-danger:contains('TOUR-HELD is Quarantined')",
        },
        {
            content: "Scan the released lot",
            trigger: ".o_ow_sf_delivery",
            run: () => scan("TOUR-OK"),
        },
        {
            content: "The order is filled",
            trigger: ".o_ow_sf_delivery_line.border-success:contains('10 / 10')",
        },
    ],
});
