/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";

// A production manager opens the economic batch size of a bill of
// materials: the vessel caps it, the curve shows today's size and the
// recommendation; applied, the bill of materials makes batches of it.
registry.category("web_tour.tours").add("optiwise_lot_size_tour", {
    steps: () => [
        {
            content: "Open the economic batch size",
            trigger: "button[name=action_optiwise_lot_size]",
            run: "click",
        },
        {
            content: "The vessel caps it, and says so",
            trigger: ".o_field_widget[name=binding_note]:contains('capped by the vessel: 300')",
        },
        {
            content: "The recommendation, in the product's unit",
            trigger: ".o_field_widget[name=recommended_size]:contains('280')",
        },
        {
            content: "The cost per unit against batch size, today's size marked",
            trigger: ".o_field_widget[name=curve_svg] svg text:contains('today')",
        },
        {
            content: "Apply it to the bill of materials",
            trigger: "button[name=action_apply]",
            run: "click",
        },
        {
            content: "The bill of materials makes batches of this size",
            trigger: ".alert-success:contains('makes batches of this size')",
        },
    ],
});
