package org.weft.net.routing.plan;

import static com.google.common.base.Preconditions.checkNotNull;

import org.weft.net.Link;

/**
 * A fast-failover group's backup, as a {@link BackupChooser} chose it.
 *
 * @param link the link the switch falls back to when its primary's port goes down
 * @param uturn whether the backup's far end needs a U-turn rule: packets for the destination that
 *     arrive from the protected switch leave by the far end's other next hop, never back
 */
public record Backup(Link link, boolean uturn) {

    public Backup {
        checkNotNull(link, "link");
    }
}
