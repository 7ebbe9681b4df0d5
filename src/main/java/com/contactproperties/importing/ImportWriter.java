package com.contactproperties.importing;

import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.platform.ids.Ids;
import com.contactproperties.tag.TagNames;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Matches a chunk's checked rows to live contacts and writes them: set-based, a few statements a chunk. */
final class ImportWriter {

    private ImportWriter() {}

    /** Row number to the live contact it updates: by email first, then by username; rows not in the map create one. */
    static Uni<Map<Integer, String>> match(SqlConnection connection, String tenantId, List<ImportRow> rows) {
        List<String> emails =
                rows.stream().map(r -> r.lowerEmail).filter(e -> e != null).toList();
        List<String> usernames = rows.stream()
                .map(ImportRow::username)
                .filter(u -> u != null)
                .map(u -> u.toLowerCase(Locale.ROOT))
                .toList();
        return ContactBatchRepository.live(connection, tenantId, List.of(), emails, usernames)
                .map(found -> targets(rows, found));
    }

    private static Map<Integer, String> targets(List<ImportRow> rows, RowSet<Row> found) {
        Map<String, String> byEmail = new HashMap<>();
        Map<String, String> byUsername = new HashMap<>();
        found.forEach(row -> {
            if (row.getString(1) != null) {
                byEmail.put(row.getString(1), row.getString(0));
            }
            if (row.getString(2) != null) {
                byUsername.put(row.getString(2), row.getString(0));
            }
        });
        Map<Integer, String> targets = new HashMap<>();
        Set<String> usernamesTaken = new HashSet<>();
        rows.stream()
                .filter(ImportRow::valid)
                .forEach(row -> target(row, byEmail, byUsername, usernamesTaken)
                        .ifPresent(target -> targets.put(row.number, target)));
        return targets;
    }

    /** The contact a row updates, if any; a username another contact or an earlier row holds is the row's error. */
    private static Optional<String> target(
            ImportRow row, Map<String, String> byEmail, Map<String, String> byUsername, Set<String> usernamesTaken) {
        String target = row.lowerEmail != null ? byEmail.get(row.lowerEmail) : null;
        String username = row.username() == null ? null : row.username().toLowerCase(Locale.ROOT);
        if (target == null && row.lowerEmail == null && username != null) {
            target = byUsername.get(username);
        }
        String holder = username == null ? null : byUsername.get(username);
        if (username != null && ((holder != null && !holder.equals(target)) || !usernamesTaken.add(username))) {
            row.error("username", "'" + row.username() + "' already belongs to another contact");
            return Optional.empty();
        }
        return Optional.ofNullable(target);
    }

    /** Writes the valid rows (unless a dry run); answers how many contacts were created. */
    static Uni<Integer> apply(
            SqlConnection connection,
            String tenantId,
            List<ImportRow> rows,
            Map<Integer, String> targets,
            boolean dryRun) {
        List<ImportRow> valid = rows.stream().filter(ImportRow::valid).toList();
        List<ImportRow> updates =
                valid.stream().filter(r -> targets.containsKey(r.number)).toList();
        List<ImportRow> inserts =
                valid.stream().filter(r -> !targets.containsKey(r.number)).toList();
        if (dryRun || valid.isEmpty()) {
            return Uni.createFrom().item(inserts.size());
        }
        Instant now = Instant.now();
        List<String> names = valid.stream().flatMap(r -> r.tags.stream()).toList();
        // The tags first (created when missing, locked): a merged contact gets them in its one new row
        // version and a new contact is inserted with them (see V11).
        return TagNames.ids(connection, tenantId, "import", names)
                .call(tagIds -> update(connection, tenantId, updates, targets, tagIds, now))
                .call(tagIds -> insert(connection, tenantId, inserts, tagIds, now))
                .replaceWith(inserts.size());
    }

    private static Uni<Void> update(
            SqlConnection connection,
            String tenantId,
            List<ImportRow> updates,
            Map<Integer, String> targets,
            Map<String, String> tagIds,
            Instant now) {
        if (updates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ContactBatchRepository.Change> changes = updates.stream()
                .map(r -> new ContactBatchRepository.Change(
                        targets.get(r.number),
                        r.setJson,
                        r.clearedJson,
                        r.columnsJson,
                        null,
                        r.tags.isEmpty() ? null : tagArray(r, tagIds)))
                .toList();
        return ContactBatchRepository.apply(connection, tenantId, changes, now).replaceWithVoid();
    }

    private static Uni<Void> insert(
            SqlConnection connection,
            String tenantId,
            List<ImportRow> inserts,
            Map<String, String> tagIds,
            Instant now) {
        List<ContactBatchRepository.NewContact> contacts = inserts.stream()
                .map(r -> new ContactBatchRepository.NewContact(
                        Ids.next("con"), r.columnsJson, r.setJson, tagArray(r, tagIds)))
                .toList();
        return ContactBatchRepository.insert(connection, tenantId, contacts, now);
    }

    /** The ids of the row's tags as an array literal; a tag deleted since it was named is left out. */
    private static String tagArray(ImportRow row, Map<String, String> tagIds) {
        return ContactBatchRepository.tagArray(TagNames.idsOf(row.tags, tagIds));
    }
}
