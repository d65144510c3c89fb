/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";
import {scan} from "./shopfloor_tour_utils";


// A clerk checks a delivery: a lot of another product is refused, a loose
// lot and a pallet (its GS1 logistic label, SSCC) fill the order, and the
// delivery is validated.
registry.category("web_tour.tours").add("optiwise_shopfloor_delivery_tour", {
    steps: () => [
        {
            content: "Scan the delivery",
            trigger: ".o_optiwise_shopfloor",
            run: () => scan("TOUR-DELIVERY"),
        },
        {
            content: "The delivery and its line are shown",
            trigger: ".o_ow_sf_delivery:contains('Tour Bottle'):contains('0 / 15')",
        },
        {
            content: "Scan a lot of another product",
            trigger: ".o_ow_sf_delivery",
            run: () => scan("TOUR-OTHER"),
        },
        {
            content: "Refused, saying why",
            trigger: ".o_ow_sf_answer.alert-danger:contains('is not on delivery')",
        },
        {
            content: "Scan the first lot",
            trigger: ".o_ow_sf_delivery",
            run: () => scan("TOUR-SHIP-1"),
        },
        {
            content: "10 of 15 checked",
            trigger: ".o_ow_sf_delivery_line:contains('10 / 15')",
        },
        {
            content: "Scan the pallet's GS1 logistic label: SSCC, content GTIN, count, lot",
            trigger: ".o_ow_sf_delivery",
            run: () =>
                scan("]C1" + "00006141410000099993" + "0205901234000031" + "375\x1d" + "10TOUR-SHIP-2"),
        },
        {
            content: "The whole pallet is checked: 15 of 15",
            trigger: ".o_ow_sf_delivery_line.border-success:contains('15 / 15'):contains('Pallets 006141410000099993')",
        },
        {
            content: "Validate",
            trigger: ".o_ow_sf_validate",
            run: "click",
        },
        {
            content: "Validated",
            trigger: ".o_ow_sf_delivery:contains('Validated.')",
        },
    ],
});
