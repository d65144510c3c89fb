/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */

import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

/** The colours a reader expects of a risk: late red, at risk amber, on time green. */
export const RISK_COLORS = { late: "#dc3545", at_risk: "#f0ad4e", on_time: "#28a745" };

/**
 * The dispatch graph: each risk keeps its own colour, whatever the order of
 * the groups (Odoo's graph colours datasets by their position).
 */
export class RiskGraphRenderer extends GraphRenderer {
    getBarChartData() {
        const data = super.getBarChartData();
        const selection = this.model.metaData.fields.risk?.selection || [];
        const keyOfLabel = Object.fromEntries(selection.map(([key, label]) => [label, key]));
        for (const dataset of data.datasets) {
            const color = RISK_COLORS[keyOfLabel[dataset.label]];
            if (color) {
                dataset.backgroundColor = color;
            }
        }
        return data;
    }
}

registry.category("views").add("optiwise_risk_graph", {
    ...graphView,
    Renderer: RiskGraphRenderer,
});
