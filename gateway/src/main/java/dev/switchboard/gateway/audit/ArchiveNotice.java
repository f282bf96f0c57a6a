package dev.switchboard.gateway.audit;

import dev.switchboard.audit.log.EventLog;
import dev.switchboard.audit.log.UnreadArchive;
import java.util.Optional;
import org.springframework.http.ResponseEntity;

/**
 * What a node without an archive directory says alongside a history or a timeline when the database marks events
 * archived: they answer with what the table still holds (a connection's recent events are there), so the caller is
 * told, in the {@value #HEADER} response header, what they cannot show and how to include it. A node with an archive
 * directory reads it and says nothing; whether that directory holds every marked segment is checked by a rebuild, not
 * on every read.
 */
public final class ArchiveNotice {

    public static final String HEADER = "Switchboard-Archive-Notice";

    private final EventLog log;
    private final boolean readsArchive;

    ArchiveNotice(EventLog log, boolean readsArchive) {
        this.log = log;
        this.readsArchive = readsArchive;
    }

    /** {@code body} as a 200 answer, with the notice in {@value #HEADER} when there is one. */
    public <T> ResponseEntity<T> ok(T body) {
        var answer = ResponseEntity.ok();
        notice().ifPresent(notice -> answer.header(HEADER, notice));
        return answer.body(body);
    }

    /** The notice, when this node reads no archive and events were archived. Costs a probe of the marks' index. */
    public Optional<String> notice() {
        if (readsArchive) {
            return Optional.empty();
        }
        return log.unreadArchive().map(ArchiveNotice::sentence);
    }

    /**
     * What this node's log lacks of the archived events, checked in full: with an archive directory too, whose
     * manifests are then matched with the marks. For an answer that is wrong without the whole log (a registry
     * replayed up to a position), which refuses rather than answer with a part.
     */
    public Optional<String> unread() {
        return log.unreadArchive().map(ArchiveNotice::sentence);
    }

    private static String sentence(UnreadArchive unread) {
        return unread.sentence()
                + (unread.wrongArchive()
                        ? "; this node's SWITCHBOARD_ARCHIVE_DIR lacks them"
                        : "; this node reads no archive: set SWITCHBOARD_ARCHIVE_DIR to " + unread.archivedTo()
                                + " to include them");
    }
}
