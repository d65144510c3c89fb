/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */

import { Component, onWillStart, onWillUnmount, useState } from "@odoo/owl";
import { BarcodeScanner } from "@barcodes/components/barcode_scanner";
import { _t } from "@web/core/l10n/translation";
import { browser } from "@web/core/browser/browser";
import { ConnectionLostError } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { session } from "@web/session";
import { user } from "@web/core/user";
import { url } from "@web/core/utils/urls";
import { useBus, useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The shop floor screen: scan (hardware scanner through the barcode service,
 * the phone camera, or typed), see what the code is and the work center's
 * job, and act on it with big buttons. Every code is resolved by the server
 * (optiwise.shopfloor.resolve_scan), GS1 included.
 */
const QUEUE_PREFIX = "optiwise_shopfloor.queue";
// errors resending cannot change: the item is refused, kept visible with its
// reason until someone acknowledges it (anything else: a lost network, an
// expired session, a server error, keeps the item queued and retried)
const FINAL_ERRORS = new Set([
    "odoo.exceptions.UserError",
    "odoo.exceptions.ValidationError",
    "odoo.exceptions.AccessError",
    "odoo.exceptions.MissingError",
]);

/** The device's queue of one user of one database, in the browser. */
export function queueKey(db = session.db, userId = user.userId) {
    return `${QUEUE_PREFIX}.${db}.${userId}`;
}

export function readQueue(key) {
    try {
        const stored = JSON.parse(browser.localStorage.getItem(key) || "{}");
        // a queue stored before it was kept per user was a bare list
        return Array.isArray(stored)
            ? { queued: stored, refused: [] }
            : { queued: stored.queued || [], refused: stored.refused || [] };
    } catch {
        return { queued: [], refused: [] };
    }
}

/** Items other users of this database left queued on this device. */
export function othersQueued(db = session.db, userId = user.userId) {
    const prefix = `${QUEUE_PREFIX}.${db}.`;
    const others = [];
    // kept by a version that queued for the whole device: whose they are is
    // unknown, so they are never sent, only shown (a manager re-enters them)
    const legacy = readQueue(QUEUE_PREFIX).queued;
    if (legacy.length) {
        others.push({ login: "", count: legacy.length, legacy: true });
    }
    for (let index = 0; index < browser.localStorage.length; index++) {
        const key = browser.localStorage.key(index);
        if (key?.startsWith(prefix) && key !== queueKey(db, userId)) {
            const { queued } = readQueue(key);
            if (queued.length) {
                others.push({ login: queued[0].login || "", count: queued.length });
            }
        }
    }
    return others;
}

export class OptiwiseShopfloor extends Component {
    static template = "optiwise_shopfloor.Shopfloor";
    static components = { BarcodeScanner };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({
            typed: "",
            last: null,
            workcenter: null,
            job: null,
            toClose: null,
            labelUrl: null,
            labelRefused: null,
            delivery: null,
            qtyGood: "",
            pausing: false,
            busy: false,
            queued: [],
            refused: [],
            others: othersQueued(),
            sessionLost: false,
        });
        Object.assign(this.state, this.loadQueue());
        const barcode = useService("barcode");
        useBus(barcode.bus, "barcode_scanned", (ev) => this.onScan(ev.detail.barcode));
        const ext = new Audio().canPlayType("audio/ogg") ? "ogg" : "mp3";
        this.sounds = {
            error: new Audio(url(`/barcodes/static/src/audio/error.${ext}`)),
        };
        const flush = () => this.flushQueue();
        browser.addEventListener("online", flush);
        this.flushTimer = browser.setInterval(flush, 15000);
        onWillUnmount(() => {
            browser.removeEventListener("online", flush);
            browser.clearInterval(this.flushTimer);
        });
        onWillStart(async () => {
            const workcenterId = this.props.action.context?.active_id;
            if (workcenterId && this.props.action.context?.active_model === "mrp.workcenter") {
                await this.loadJob(workcenterId);
            }
        });
    }

    playError() {
        this.sounds.error.currentTime = 0;
        this.sounds.error.play().catch(() => {});
    }

    async onScan(code) {
        if (!code || this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            if (this.state.delivery) {
                const checked = await this.orm.call(
                    "optiwise.shopfloor",
                    "check_delivery_scan",
                    [],
                    { picking_id: this.state.delivery.id, code }
                );
                this.state.last = checked;
                this.state.delivery = checked.delivery;
                if (checked.status !== "ok") {
                    this.playError();
                }
                return;
            }
            const job = this.state.job;
            // on a batch under way, a scan is a component lot to consume
            const consuming = job?.type === "workorder" && job.state === "progress";
            const answer = consuming
                ? await this.orm.call("optiwise.shopfloor", "consume_lot", [], {
                      workorder_id: job.id,
                      code,
                  })
                : await this.orm.call("optiwise.shopfloor", "resolve_scan", [], {
                      code,
                      workcenter_id: this.state.workcenter?.id || null,
                  });
            this.state.last = answer;
            if (answer.status !== "ok") {
                this.playError();
            } else if (consuming) {
                await this.refresh();
            } else if (answer.kind === "workcenter") {
                await this.loadJob(answer.id);

            } else if (answer.next === "check_delivery") {
                this.state.workcenter = null;
                this.state.job = null;
                await this.loadDelivery(answer.id);
            } else if (answer.gs1?.quantity && this.state.job?.type === "run") {
                this.state.qtyGood = String(answer.gs1.quantity);
            } else if (answer.kind === "lot") {
                await this.onLotAnswer(answer);
            }
        } finally {
            this.state.busy = false;
        }
    }

    async onManualSubmit(ev) {
        ev.preventDefault();
        const code = this.state.typed.trim();
        this.state.typed = "";
        await this.onScan(code);
    }

    async loadJob(workcenterId) {
        const data = await this.orm.call("optiwise.shopfloor", "get_workcenter_job", [], {
            workcenter_id: workcenterId,
        });
        this.state.workcenter = data.workcenter;
        this.state.job = data.job;
        this.state.toClose = data.to_close;
    }

    async refresh() {
        if (this.state.workcenter) {
            await this.loadJob(this.state.workcenter.id);
        }
    }

    /** Run ``fn`` with the buttons disabled; a failure sounds the error. */
    async whileBusy(fn) {
        this.state.busy = true;
        try {
            return await fn();
        } catch (error) {
            this.playError();
            throw error;
        } finally {
            this.state.busy = false;
        }
    }

    async act(model, method, ids, kwargs = {}) {
        await this.whileBusy(async () => {
            await this.orm.call(model, method, [ids], kwargs);
            await this.refresh();
        });
    }

    /**
     * A lot was scanned outside a batch or a delivery (extension point: the
     * quality bridge opens its inspection for inspectors).
     */
    async onLotAnswer(answer) {}

    closeDelivery() {
        this.state.delivery = null;
        this.state.last = null;
    }

    async loadDelivery(pickingId) {
        this.state.delivery = await this.orm.call("optiwise.shopfloor", "get_delivery", [], {
            picking_id: pickingId,
        });
    }

    async validateDelivery() {
        const id = this.state.delivery.id;
        await this.whileBusy(async () => {
            const result = await this.orm.call("stock.picking", "button_validate", [[id]]);
            if (result && typeof result === "object") {
                // a backorder or an immediate-transfer question: core's wizard
                await this.action.doAction(result, { onClose: () => this.loadDelivery(id) });
                return;
            }
            await this.loadDelivery(id);
            this.notification.add(_t("Delivery validated."), { type: "success" });
        });
    }

    get uom() {
        return this.state.job?.uom || "";
    }

    /**
     * Tick or untick a checklist item. The value is sent, not a toggle, so
     * a tick queued while the network is down and sent again posts the same.
     */
    async toggleCheck(check) {
        const item = {
            type: "check",
            checkId: check.id,
            done: !check.done,
            login: user.login,
            ref: this.newRef(),
        };
        await this.send(item, () => {
            check.done = item.done;
        });
    }

    async finishChangeover() {
        await this.act("optiwise.changeover", "action_finish", [this.state.job.changeover.id]);
    }

    async startJob() {
        const job = this.state.job;
        await this.flushQueue();
        if (this.state.queued.length) {
            this.playError();
            this.notification.add(
                _t("Waiting for the network: what is queued must reach the server first."),
                { type: "warning" }
            );
            return;
        }
        await this.act(job.model, job.type === "run" ? "action_start" : "button_start", [job.id]);
    }

    async closeBatch() {
        await this.whileBusy(async () => {
            const result = await this.orm.call("optiwise.shopfloor", "close_batch", [], {
                production_id: this.state.toClose.id,
            });
            this.state.labelUrl = result.label_url;
            this.state.labelRefused = result.label_refused || null;
            this.notification.add(_t("Batch done."), { type: "success" });
            await this.refresh();
        });
    }

    async finishWorkorder() {
        await this.act("mrp.workorder", "button_finish", [this.state.job.id]);
    }

    // ------------------------------------------------------------------
    // Declarations and checklist ticks: acknowledged at once, queued in the
    // browser when the network drops, each with its own reference
    // ------------------------------------------------------------------

    loadQueue() {
        const stored = readQueue(queueKey());
        // before it was kept per user, the queue was one list for the device:
        // it goes to nobody but its own user, so it is left where it is
        return stored;
    }

    saveQueue() {
        const key = queueKey();
        if (!this.state.queued.length && !this.state.refused.length) {
            browser.localStorage.removeItem(key);
            return;
        }
        browser.localStorage.setItem(
            key,
            JSON.stringify({ queued: this.state.queued, refused: this.state.refused })
        );
    }

    acknowledgeRefused(item) {
        this.state.refused = this.state.refused.filter((other) => other.ref !== item.ref);
        this.saveQueue();
    }

    newRef() {
        return `sf-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
    }

    /** One queued item to the server (idempotent: sent twice, it posts once). */
    async sendItem(item) {
        if (item.type === "check") {
            return this.orm.silent.call("optiwise.changeover.check", "write", [[item.checkId]], {
                vals: { done: item.done },
            });
        }
        return this.orm.silent.call("optiwise.production.run", "declare_output", [[item.runId]], {
            qty_good: item.qty,
            external_ref: item.ref,
            at: item.at,
            source: "barcode",
        });
    }

    /**
     * Send ``item`` now; if the network is down, keep it (``onQueued`` shows
     * it as done on the screen) and send it when the network is back.
     */
    async send(item, onQueued = () => {}) {
        return this.whileBusy(async () => {
            try {
                await this.sendItem(item);
            } catch (error) {
                if (!(error instanceof ConnectionLostError)) {
                    throw error;
                }
                this.state.queued.push(item);
                this.saveQueue();
                onQueued();
                this.notification.add(_t("No network: kept on this device and sent later."), {
                    type: "warning",
                });
                return false;
            }
            await this.refresh();
            return true;
        });
    }

    queuedCount(type) {
        return this.state.queued.filter((item) => (item.type || "declare") === type).length;
    }

    async declare() {
        const qty = parseFloat(this.state.qtyGood);
        if (!(qty > 0)) {
            this.playError();
            this.notification.add(_t("Give the good quantity to declare."), { type: "danger" });
            return;
        }
        const item = {
            type: "declare",
            runId: this.state.job.id,
            run: this.state.job.name,
            login: user.login,
            qty,
            ref: this.newRef(),
            at: new Date().toISOString().slice(0, 19).replace("T", " "),
        };
        this.state.qtyGood = "";
        if (await this.send(item)) {
            this.notification.add(_t("Declared."), { type: "success" });
        }
        await this.flushQueue();
    }

    async flushQueue() {
        if (this.flushing || !this.state.queued.length) {
            return;
        }
        this.flushing = true;
        try {
            while (this.state.queued.length) {
                const item = this.state.queued[0];
                try {
                    await this.sendItem(item);
                    this.state.sessionLost = false;
                } catch (error) {
                    if (error instanceof ConnectionLostError) {
                        return;
                    }
                    const name = error.data?.name || error.exceptionName;
                    if (!FINAL_ERRORS.has(name)) {
                        // an expired session or a server error: kept, sent
                        // again later (the session's owner logs in again)
                        this.state.sessionLost = name === "odoo.http.SessionExpiredException";
                        return;
                    }
                    // refused for a reason resending cannot change: shown on
                    // the phone until someone acknowledges it
                    this.playError();
                    this.state.refused.push({
                        ...item,
                        reason: error.data?.message || error.message,
                    });
                }
                this.state.queued.shift();
                this.saveQueue();
            }
            await this.refresh();
        } finally {
            this.flushing = false;
        }
    }

    async runAction(method, kwargs = {}) {
        this.state.pausing = false;
        await this.act("optiwise.production.run", method, [this.state.job.id], kwargs);
    }

    async pause(reason) {
        await this.runAction("action_pause", { loss_id: reason.id });
    }
}

registry.category("actions").add("optiwise_shopfloor", OptiwiseShopfloor);
