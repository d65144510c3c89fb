/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// The cost controller sets a work center's overhead through her own dialog
// (she is no work-center administrator), with a reason the chatter keeps.
registry.category("web_tour.tours").add("optiwise_costing_controller_tour", {
    steps: () => [
        {
            content: "The work center shows its overhead per hour",
            trigger: ".o_field_widget[name=optiwise_overhead_rate]:contains('20.00')",
        },
        {
            content: "Set Overhead",
            trigger: "button[name=action_open_optiwise_overhead]",
            run: "click",
        },
        {
            content: "The new rate",
            trigger: ".modal .o_field_widget[name=overhead_rate] input",
            run: "edit 26",
        },
        {
            content: "Why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit Energy prices from December",
        },
        {
            content: "Set it",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The work center shows the new rate",
            trigger: ".o_field_widget[name=optiwise_overhead_rate]:contains('26.00')",
        },
        {
            content: "The chatter says who, from what to what, and why",
            trigger: ".o-mail-Message:contains('20.0 to 26.0 per hour'):contains('Energy prices')",
        },
    ],
});
