/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// An inspector records a receipt inspection, releases the lot and sees the lot
// released.
registry.category("web_tour.tours").add("optiwise_qc_inspection_tour", {
    steps: () => [
        {
            content: "The inspection waits for its result",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('To Do')",
        },
        {
            content: "Open the Brix test",
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=measured_value]",
            run: "click",
        },
        {
            content: "Measure 28.2 °Bx",
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=measured_value] input",
            run: "edit 28.2",
        },
        {
            content: "Complete the inspection",
            trigger: "button[name=action_complete]",
            run: "click",
        },
        {
            content: "It passed",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Passed')",
        },
        {
            content: "Decide",
            trigger: "button:contains('Decide')",
            run: "click",
        },
        {
            content: "Release is proposed for a passed inspection",
            trigger: ".modal .o_field_widget[name=decision] input[data-value=release]:checked",
        },
        {
            content: "Confirm the release",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The inspection shows the release",
            trigger: ".o_form_view .ribbon:contains('Released')",
        },
        {
            content: "Open the lot",
            trigger: ".o_field_widget[name=lot_id] a",
            run: "click",
        },
        {
            content: "The lot is released",
            trigger: ".o_field_widget[name=optiwise_quality_state]:contains('Released')",
        },
    ],
});
