/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The quality manager's day: a failed lot released as a concession with her
// reason, then a recorded value corrected openly, with a reason, the chatter
// keeping both values.
registry.category("web_tour.tours").add("optiwise_qc_manager_tour", {
    steps: () => [
        {
            content: "The inspection failed (Brix out of specification)",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Failed')",
        },
        {
            content: "Decide",
            trigger: "button:contains('Decide')",
            run: "click",
        },
        {
            content: "Choose Release",
            trigger: ".modal .o_field_widget[name=decision] input[data-value=release]",
            run: "click",
        },
        {
            content: "Say why: a concession",
            trigger: ".modal .o_field_widget[name=note] textarea",
            run: "edit Brix 26.5 accepted: the batch is diluted anyway",
        },
        {
            content: "Confirm the concession",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Released",
            trigger: ".o_form_view .ribbon:contains('Released')",
        },
        {
            content: "Correct the results",
            trigger: "button:contains('Correct Results')",
            run: "click",
        },
        {
            content: "The measured value as recorded",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row td[name=measured_value]",
            run: "click",
        },
        {
            content: "The value really read on the meter",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row .o_field_widget[name=measured_value] input",
            run: "edit 26.8",
        },
        {
            content: "Why it is corrected",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The inspector typed 26.5; the meter's print shows 26.8",
        },
        {
            content: "Correct",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The chatter keeps both values and the reason",
            trigger: ".o-mail-Message:contains('26.5 °Bx -> 26.8 °Bx'):contains('meter')",
        },
    ],
});
