/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */
import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";
import { patch } from "@web/core/utils/patch";
import { OptiwiseShopfloor } from "@optiwise_shopfloor/client_action/shopfloor";

// The inspector's flow: a scanned lot opens its inspection; each test is
// recorded with its specification in view, then Complete and decide. The
// server's rules hold here too (segregation of duties, concessions).
patch(OptiwiseShopfloor.prototype, {
    setup() {
        super.setup(...arguments);
        this.state.inspection = null;
        this.state.lotInfo = null;
        this.state.note = "";
        this.state.measures = {};
    },

    async onLotAnswer(answer) {
        await super.onLotAnswer(answer);
        if (!(await user.hasGroup("optiwise_qc.group_inspector"))) {
            return;
        }
        await this.loadInspection(answer.id);
    },

    async loadInspection(lotId) {
        const data = await this.orm.call("optiwise.shopfloor", "get_lot_inspection", [], {
            lot_id: lotId,
        });
        this.state.workcenter = null;
        this.state.job = null;
        this.state.lotInfo = data.lot;
        this.state.inspection = data.inspection;
    },

    async recordTest(line, vals) {
        await this.act("optiwise.qc.inspection.line", "write", [line.id], { vals });
        await this.loadInspection(this.state.lotInfo.id);
    },

    async recordMeasure(line) {
        const value = parseFloat(this.state.measures[line.id]);
        if (Number.isNaN(value)) {
            this.playError();
            this.notification.add(_t("Type the measured value first."), { type: "danger" });
            return;
        }
        await this.recordTest(line, { measured_value: value });
        delete this.state.measures[line.id];
    },

    async completeInspection() {
        await this.act("optiwise.qc.inspection", "action_complete", [this.state.inspection.id]);
        await this.loadInspection(this.state.lotInfo.id);
    },

    async decide(method) {
        await this.act("optiwise.qc.inspection", method, [this.state.inspection.id], {
            note: this.state.note || null,
        });
        this.state.note = "";
        this.notification.add(_t("Decided."), { type: "success" });
        await this.loadInspection(this.state.lotInfo.id);
    },

    closeInspection() {
        this.state.inspection = null;
        this.state.lotInfo = null;
    },
});
