/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import {registry} from "@web/core/registry";

const VESSEL = ".o_optiwise_board_row:has(.o_optiwise_board_label:contains('Test Vessel'))";
const KETTLE = ".o_optiwise_board_row:has(.o_optiwise_board_label:contains('Second Kettle'))";

// A production manager opens the planning board, drags a batch to the other
// vessel, sees what its changeovers and lateness become, applies it; then
// plans the week and applies the proposal.
registry.category("web_tour.tours").add("optiwise_planning_board_tour", {
    steps: () => [
        {
            content: "The week's batches are on the board, one is late",
            trigger: `${VESSEL} .o_optiwise_board_item.o_optiwise_late`,
        },
        {
            content: "Its promise date is marked",
            trigger: `${VESSEL} .o_optiwise_board_marker`,
        },
        {
            content: "Drag a batch to the second kettle",
            trigger: `${VESSEL} .o_optiwise_board_item[data-state='ready']:first`,
            run: `drag_and_drop ${KETTLE} .o_optiwise_board_current`,
        },
        {
            content: "Its changeovers and the late orders are shown before saving",
            trigger: ".o_optiwise_board_preview .o_optiwise_preview_changeover:contains('min')",
        },
        {
            content: "The late orders after the move",
            trigger: ".o_optiwise_board_preview .o_optiwise_preview_late",
        },
        {
            content: "Apply the move",
            trigger: ".o_optiwise_apply_move",
            run: "click",
        },
        {
            content: "The batch is on the second kettle",
            trigger: `.o_optiwise_board:not(:has(.o_optiwise_board_preview)) ${KETTLE} .o_optiwise_board_item`,
        },
        {
            content: "Plan the week",
            trigger: ".o_optiwise_plan",
            run: "click",
        },
        {
            content: "The proposal, beside the current plan: no order late",
            trigger: ".o_optiwise_board_proposal .o_optiwise_proposed_late:contains('0')",
            // Plan may take up to PLAN_SECONDS (60 s) on a slow server: its
            // CP-SAT work is counted, not its seconds (13 s seen in CI)
            timeout: 60000,
        },
        {
            content: "The proposed slots are drawn under the current ones",
            trigger: ".o_optiwise_board_proposed .o_optiwise_board_slot",
        },
        {
            content: "Apply the proposal",
            trigger: ".o_optiwise_apply_plan",
            run: "click",
        },
        {
            content: "Applied: no late batch left on the board",
            trigger: `.o_optiwise_board:not(:has(.o_optiwise_board_proposal)):not(:has(.o_optiwise_late)) ${VESSEL}`,
        },
    ],
});
