/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";

// A production manager sequences a work center: the proposal keeps the due
// batch on time, a warning shows what making it late would save; accepted,
// the line of the batch made late turns red; then the product wheel.
registry.category("web_tour.tours").add("optiwise_sequence_tour", {
    steps: () => [
        {
            content: "Open the sequencing of the work center",
            trigger: "button:contains('Sequence Work Orders')",
            run: "click",
        },
        {
            content: "Compute",
            trigger: ".modal button[name=action_compute]:contains('Compute')",
            run: "click",
        },
        {
            content: "What making an order late would save is shown",
            trigger: ".modal .alert-warning:contains('40.00')",
        },
        {
            content: "No order is made late by the proposal",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row",
            run() {
                if (document.querySelector(".modal .o_data_row.text-danger")) {
                    throw new Error("the proposal makes an order late");
                }
            },
        },
        {
            content: "Accept orders made late",
            trigger: ".modal .o_field_widget[name=allow_new_late] input",
            run: "click",
        },
        {
            content: "Recompute",
            trigger: ".modal button[name=action_compute]:contains('Recompute')",
            run: "click",
        },
        {
            content: "The batch made late is in red, late by about 55 min, on time now",
            trigger: ".modal .o_data_row.text-danger td[name=lateness_minutes]",
            run() {
                const row = this.anchor.closest(".o_data_row");
                const late = parseFloat(this.anchor.textContent);
                const now = parseFloat(
                    row.querySelector("td[name=current_lateness_minutes]").textContent
                );
                if (!(late >= 55 && late < 57) || now !== 0) {
                    throw new Error(`late by ${late} min, by ${now} min now`);
                }
            },
        },
        {
            content: "Close",
            trigger: ".modal button:contains('Close')",
            run: "click",
        },
        {
            content: "Open the product wheel",
            trigger: "body:not(:has(.modal)) button:contains('Product Wheel')",
            run: "click",
        },
        {
            content: "Compute the wheel",
            trigger: ".modal button[name=action_compute]",
            run: "click",
        },
        {
            content: "The changeover per cycle is shown",
            trigger: ".modal .o_field_widget[name=changeover_minutes]:contains('55.00')",
        },
    ],
});
