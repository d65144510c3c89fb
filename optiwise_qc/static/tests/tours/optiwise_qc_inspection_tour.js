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
            content: "The Brix test shows its specification and no value yet",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:has(td[name=specification]:contains('28')) td[name=value_display]:empty",
        },
        {
            content: "Open the Brix test",
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=specification]",
            run: "click",
        },
        {
            content: "Only the input a measure needs: no pass/fail, no choice",
            trigger: ".modal:not(:has(.o_field_widget[name=pass_fail])):not(:has(.o_field_widget[name=choice_id])) .o_field_widget[name=measured_value] input",
        },
        {
            content: "Measure 28.2 °Bx",
            trigger: ".modal .o_field_widget[name=measured_value] input",
            run: "edit 28.2",
        },
        {
            content: "Save the test",
            trigger: ".modal .o_form_button_save",
            run: "click",
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
            content: "The row reads the measure with its unit",
            trigger: ".o_field_widget[name=line_ids] .o_data_row td[name=value_display]:contains('28.2')",
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
