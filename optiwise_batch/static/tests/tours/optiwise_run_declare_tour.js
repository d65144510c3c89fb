/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
import {registry} from "@web/core/registry";

// An operator opens a running run, declares output, and sees the figures change.
registry.category("web_tour.tours").add("optiwise_run_declare_tour", {
    steps: () => [
        {
            content: "The run is running and has produced nothing yet",
            trigger: ".o_field_widget[name=produced_qty]:contains('0.00')",
        },
        {
            content: "Open the declaration dialog",
            trigger: "button:contains('Declare Output')",
            run: "click",
        },
        {
            content: "Declare 120 good units",
            trigger: ".modal .o_field_widget[name=qty_good] input",
            run: "edit 120",
        },
        {
            content: "and 6 scrapped",
            trigger: ".modal .o_field_widget[name=qty_scrap] input",
            run: "edit 6",
        },
        {
            content: "Post it",
            trigger: ".modal button[name=action_declare]",
            run: "click",
        },
        {
            content: "Good output shows the declaration",
            trigger: ".o_field_widget[name=produced_qty]:contains('120.00')",
        },
        {
            content: "so does scrap",
            trigger: ".o_field_widget[name=scrap_qty]:contains('6.00')",
        },
        {
            content: "and the declarations list",
            trigger: ".o_field_widget[name=output_ids] .o_data_row td:contains('120.00')",
        },
    ],
});
