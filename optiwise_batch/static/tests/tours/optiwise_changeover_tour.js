/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";

// An operator finishes a changeover: refused while the wet clean is not
// ticked, done once it is.
registry.category("web_tour.tours").add("optiwise_changeover_tour", {
    steps: () => [
        {
            content: "The changeover is in progress",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('In Progress')",
        },
        {
            content: "Try to finish it",
            trigger: "button[name=action_finish]",
            run: "click",
        },
        {
            content: "Refused: the wet clean is not ticked",
            trigger: ".modal .modal-body:contains('Wet clean')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Tick the wet clean",
            trigger:
                ".o_field_widget[name=check_ids] .o_data_row:contains('Wet clean') .o_field_boolean_toggle input",
            run: "click",
        },
        {
            content: "Finish the changeover",
            trigger: "button[name=action_finish]",
            run: "click",
        },
        {
            content: "It is done",
            trigger: ".o_field_widget[name=state] .o_arrow_button_current:contains('Done')",
        },
    ],
});
