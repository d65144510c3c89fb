/* Copyright 2026 Optiwise
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
 */

import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { queueKey, readQueue } from "../client_action/shopfloor";

/**
 * Logging out with shop floor items still queued on this device warns: they
 * stay on the device and are sent when the same user logs in here again.
 */
const userMenu = registry.category("user_menuitems");
const logOutItem = userMenu.get("log_out");

userMenu.add(
    "log_out",
    (env) => {
        const item = logOutItem(env);
        return {
            ...item,
            callback: () => {
                const { queued } = readQueue(queueKey());
                if (!queued.length) {
                    return item.callback();
                }
                env.services.dialog.add(ConfirmationDialog, {
                    title: _t("Items not sent yet"),
                    body: _t(
                        "%s shop floor item(s) are still waiting on this device for the network. They stay here and are sent when you log in on this device again; nobody else can send them. Log out anyway?",
                        queued.length
                    ),
                    confirmLabel: _t("Log out"),
                    confirm: () => item.callback(),
                    cancel: () => {},
                });
            },
        };
    },
    { force: true }
);
