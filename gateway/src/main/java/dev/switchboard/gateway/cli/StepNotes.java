package dev.switchboard.gateway.cli;

import dev.switchboard.audit.timeline.TimelineStep;
import dev.switchboard.command.connection.ConnectionSnapshot;

/** The two human columns of a timeline row: the state change, and what a refusal or an agent event amounted to. */
final class StepNotes {

    private StepNotes() {}

    static String states(TimelineStep step) {
        if (step.before() == null || step.after() == null) {
            return "";
        }
        return name(step.before()) + " → " + name(step.after());
    }

    static String note(TimelineStep step) {
        if (step.rejection() != null) {
            return "refused " + step.rejection().command() + ": "
                    + step.rejection().code() + " (met " + step.rejection().stateMet() + ")";
        }
        if (step.delivery() != null) {
            var delivery = step.delivery();
            return "seq " + delivery.seq() + " " + delivery.event() + " → delivered to " + delivery.deliveredTo()
                    + ", held for " + delivery.heldFor();
        }
        return "";
    }

    private static String name(ConnectionSnapshot snapshot) {
        if (snapshot.claimedBy() != null) {
            return "claim of " + snapshot.claimedBy();
        }
        return snapshot.state() == null ? "—" : snapshot.state().name();
    }
}
