/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";

// A production manager opens the control tower, the deliveries at risk, the
// delivery of the tour's customer, and from it the batch it waits on.
registry.category("web_tour.tours").add("optiwise_control_tower_tour", {
    steps: () => [
        {
            content: "The dispatch section shows deliveries at risk",
            trigger: ".o_optiwise_tile[data-tile=delivery_at_risk] .o_optiwise_tile_value:not(:contains('0'))",
        },
        {
            content: "Open the deliveries at risk",
            trigger: ".o_optiwise_tile[data-tile=delivery_at_risk]",
            run: "click",
        },
        {
            content: "Open the tour customer's delivery",
            trigger: ".o_list_view .o_data_row:contains('Tour Customer') td.o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The delivery is at risk",
            trigger: ".o_form_view .o_field_widget[name=optiwise_dispatch_risk]:contains('At Risk')",
        },
        {
            content: "Open the batch it waits on",
            trigger: ".o_form_view button[name=action_view_optiwise_productions]",
            run: "click",
        },
        {
            content: "The batch's form is open",
            trigger: ".o_form_view .o_field_widget[name=product_id]:contains('Tour Dark Base')",
        },
    ],
});
