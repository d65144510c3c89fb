// Copyright 2026 Optiwise
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { deserializeDateTime, formatDateTime, serializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { user } from "@web/core/user";

const HOUR = 3600 * 1000;
const ZOOMS = { day: 24 * HOUR, week: 7 * 24 * HOUR };

/**
 * The planning board: a row per work center, its work orders, changeovers and
 * continuous runs on a timeline, closed time greyed, promise dates marked.
 * Dragging a work order to another time or work center asks the server what
 * it changes (``optiwise.planning.preview_move``) before anything is saved;
 * *Plan* asks the finite-capacity planner for a proposal, drawn under the
 * current plan with its figures, to apply or discard. On a phone: a list per
 * work center.
 */
export class PlanningBoard extends Component {
    static template = "optiwise_batch.PlanningBoard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.ui = useService("ui");
        const start = new Date();
        start.setHours(0, 0, 0, 0);
        this.state = useState({
            zoom: "week",
            from: start,
            data: null,
            busy: false,
            preview: null,
            proposalId: false,
            manager: false,
        });
        onWillStart(async () => {
            this.state.manager = await user.hasGroup("optiwise_batch.group_manager");
            await this.load();
        });
    }

    get to() {
        return new Date(this.state.from.getTime() + ZOOMS[this.state.zoom]);
    }

    async load() {
        this.state.data = await this.orm.call("optiwise.planning", "get_board_data", [
            serializeDateTime(luxon.DateTime.fromJSDate(this.state.from)),
            serializeDateTime(luxon.DateTime.fromJSDate(this.to)),
        ], { proposal_id: this.state.proposalId || false });
    }

    // -- the window ---------------------------------------------------------

    async shift(direction) {
        const step = ZOOMS[this.state.zoom] * (this.state.zoom === "week" ? 1 : 1);
        this.state.from = new Date(this.state.from.getTime() + direction * step);
        this.state.preview = null;
        await this.load();
    }

    async today() {
        const start = new Date();
        start.setHours(0, 0, 0, 0);
        this.state.from = start;
        await this.load();
    }

    async setZoom(zoom) {
        this.state.zoom = zoom;
        await this.load();
    }

    ticks() {
        const ticks = [];
        const hours = this.state.zoom === "day" ? 2 : 24;
        for (let t = this.state.from.getTime(); t < this.to.getTime(); t += hours * HOUR) {
            const date = luxon.DateTime.fromMillis(t);
            ticks.push({
                key: t,
                left: this.percent(t),
                label: this.state.zoom === "day" ? date.toFormat("HH:mm") : date.toFormat("ccc d LLL"),
            });
        }
        return ticks;
    }

    // -- geometry -------------------------------------------------------------

    time(value) {
        return deserializeDateTime(value).toMillis();
    }

    percent(ms) {
        const from = this.state.from.getTime();
        return (100 * (ms - from)) / (this.to.getTime() - from);
    }

    box(start, end) {
        const left = Math.max(0, this.percent(this.time(start)));
        const right = Math.min(100, this.percent(this.time(end)));
        return `left:${left}%;width:${Math.max(right - left, 0.15)}%`;
    }

    visible(start, end) {
        return this.time(end) > this.state.from.getTime() && this.time(start) < this.to.getTime();
    }

    itemsOf(row) {
        return this.state.data.items.filter((i) => i.row === row.id && this.visible(i.start, i.end));
    }

    changeoversOf(row) {
        return this.state.data.changeovers.filter((c) => c.row === row.id && this.visible(c.start, c.end));
    }

    runsOf(row) {
        return this.state.data.runs.filter((r) => r.row === row.id && this.visible(r.start, r.end));
    }

    markersOf(row) {
        return this.state.data.markers.filter((m) => {
            const at = this.time(m.at);
            return m.row === row.id && at >= this.state.from.getTime() && at <= this.to.getTime();
        });
    }

    proposedOf(row) {
        const proposal = this.state.data.proposal;
        return proposal ? proposal.slots.filter((s) => s.row === row.id && this.visible(s.start, s.end)) : [];
    }

    previewOf(row) {
        return this.state.preview ? this.state.preview.slots.filter((s) => s.row === row.id) : [];
    }

    itemName(id) {
        const item = this.state.data.items.find((i) => i.id === id);
        return item ? item.name : "";
    }

    itemClass(item) {
        const classes = [`o_optiwise_board_item o_optiwise_color_${item.color % 12}`];
        if (item.late) classes.push("o_optiwise_late");
        if (item.state === "progress") classes.push("o_optiwise_running");
        if (this.state.preview && this.state.preview.slots.some((s) => s.workorder_id === item.id)) {
            classes.push("o_optiwise_moving");
        }
        return classes.join(" ");
    }

    title(item) {
        const lines = [
            item.name,
            `${item.product}: ${item.qty} ${item.uom}`,
            `${this.formatTime(item.start)} → ${this.formatTime(item.end)} (${Math.round(item.minutes)} min)`,
        ];
        if (item.due) lines.push(_t("Due %s", this.formatTime(item.due)));
        if (item.readiness_text) lines.push(_t("Components: %s", item.readiness_text));
        for (const missing of item.missing) {
            lines.push(
                `  ${missing.product}: ${missing.qty} ${missing.uom} ${missing.expected ? _t("expected %s", this.formatTime(missing.expected)) : _t("not expected")}`
            );
        }
        if (item.hold) lines.push(item.hold);
        return lines.join("\n");
    }

    formatTime(value) {
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }

    minutes(value) {
        return `${Math.round(value)} min`;
    }

    // -- drag and drop ----------------------------------------------------------

    onPointerDown(ev, item) {
        if (!this.state.manager || !["ready", "blocked"].includes(item.state)) {
            return;
        }
        const rect = ev.currentTarget.getBoundingClientRect();
        this.dragging = { item, x: ev.clientX, y: ev.clientY, grab: ev.clientX - rect.left };
    }

    async onDrop(ev, row) {
        const dragging = this.dragging;
        this.dragging = null;
        if (!dragging) {
            return;
        }
        const moved = Math.abs(ev.clientX - dragging.x) + Math.abs(ev.clientY - dragging.y);
        if (moved < 5) {
            return; // a click, not a drag
        }
        const lane = ev.currentTarget.getBoundingClientRect();
        const x = ev.clientX - lane.left - dragging.grab;
        const from = this.state.from.getTime();
        const at = from + (Math.max(x, 0) / lane.width) * (this.to.getTime() - from);
        await this.preview(dragging.item.id, row.id, at);
    }

    async preview(workorderId, rowId, at) {
        const start = serializeDateTime(luxon.DateTime.fromMillis(at));
        try {
            const result = await this.orm.call("optiwise.planning", "preview_move", [
                workorderId,
                rowId,
                start,
            ]);
            this.state.preview = { ...result, workorderId, rowId, at: start };
        } catch (error) {
            this.state.preview = null;
            throw error;
        }
    }

    async applyPreview() {
        const preview = this.state.preview;
        this.state.busy = true;
        try {
            await this.orm.call("optiwise.planning", "apply_move", [
                preview.workorderId,
                preview.rowId,
                preview.at,
            ]);
            this.state.preview = null;
            this.notification.add(_t("The move is planned."), { type: "success" });
            await this.load();
        } finally {
            this.state.busy = false;
        }
    }

    cancelPreview() {
        this.state.preview = null;
    }

    // -- plan -----------------------------------------------------------------------

    async plan() {
        this.state.busy = true;
        try {
            this.state.proposalId = await this.orm.call("optiwise.planning.proposal", "create_plan", []);
            this.state.preview = null;
            await this.load();
        } finally {
            this.state.busy = false;
        }
    }

    async applyProposal() {
        this.state.busy = true;
        try {
            await this.orm.call("optiwise.planning.proposal", "action_apply", [[this.state.proposalId]]);
            this.notification.add(_t("The plan is applied."), { type: "success" });
            this.state.proposalId = false;
            await this.load();
        } finally {
            this.state.busy = false;
        }
    }

    async discardProposal() {
        await this.orm.call("optiwise.planning.proposal", "action_discard", [[this.state.proposalId]]);
        this.state.proposalId = false;
        await this.load();
    }

    openWorkorder(item) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "mrp.production",
            res_id: item.production_id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    // -- phone ----------------------------------------------------------------------

    listOf(row) {
        // what is still to do or under way: the phone's next actions
        return this.state.data.items
            .filter((i) => i.row === row.id && !["done", "cancel"].includes(i.state))
            .sort((a, b) => this.time(a.start) - this.time(b.start));
    }

    changeoverBefore(item) {
        const change = this.state.data.changeovers.find((c) => c.workorder_id === item.id);
        return change ? change.minutes : 0;
    }
}

registry.category("actions").add("optiwise_planning_board", PlanningBoard);
