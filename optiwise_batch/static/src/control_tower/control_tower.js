// Copyright 2026 Optiwise
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import { Component, onWillStart, useState } from "@odoo/owl";
import { deserializeDateTime, formatDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * The production control tower: tiles of what is planned, running, delayed,
 * waiting on quality, at risk of shipping late and costing more than expected.
 * Every tile opens the list behind it. The figures come from one server call,
 * ``optiwise.control.tower.get_tower_data``.
 */
export class ControlTower extends Component {
    static template = "optiwise_batch.ControlTower";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.ui = useService("ui");
        this.state = useState({ data: null, busy: false });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call(
            "optiwise.control.tower",
            "get_tower_data",
            []
        );
    }

    async refresh() {
        this.state.busy = true;
        try {
            await this.orm.call("optiwise.control.tower", "action_refresh", []);
            await this.load();
        } finally {
            this.state.busy = false;
        }
    }

    formatTime(value) {
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }

    openTile(tile) {
        const help = document.createElement("p");
        help.className = "o_view_nocontent_smiling_face";
        help.textContent = tile.action.help;
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: tile.action.name,
            res_model: tile.action.res_model,
            domain: tile.action.domain,
            // cards on a phone, where the model has them
            views: this.ui.isSmall ? tile.action.mobile_views : tile.action.views,
            // an empty list says so, instead of showing sample records
            help: help.outerHTML,
            context: { sample: false },
            target: "current",
        });
    }
}

registry.category("actions").add("optiwise_control_tower", ControlTower);
