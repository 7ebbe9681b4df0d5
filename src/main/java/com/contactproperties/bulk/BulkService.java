package com.contactproperties.bulk;

import com.contactproperties.bulk.BulkCommands.Entry;
import com.contactproperties.bulk.BulkCommands.Identifier;
import com.contactproperties.bulk.BulkCommands.Rejected;
import com.contactproperties.contact.ContactBatchRepository;
import com.contactproperties.contact.ContactFields;
import com.contactproperties.folder.FolderService;
import com.contactproperties.platform.error.DomainException;
import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.idempotency.Idempotency;
import com.contactproperties.platform.json.Json;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.ContactPoints;
import com.contactproperties.property.DefinitionIndex;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.property.ValueContext;
import com.contactproperties.property.ValuePatch;
import com.contactproperties.task.TaskService;
import com.contactproperties.task.TaskType;
import com.contactproperties.task.TaskView;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Submits bulk updates: validates every entry, resolves every identifier in one query, and stores
 * the accepted entries as the input of a bulk_update task before answering. Entries for the same
 * contact are applied in request order.
 */
@ApplicationScoped
public class BulkService {

    private static final String OPERATION = "bulk_update";

    private final DefinitionService definitions;
    private final FolderService folders;
    private final TaskService tasks;
    private final Idempotency idempotency;

    BulkService(DefinitionService definitions, FolderService folders, TaskService tasks, Idempotency idempotency) {
        this.definitions = definitions;
        this.folders = folders;
        this.tasks = tasks;
        this.idempotency = idempotency;
    }

    /**
     * Submits the entries and answers what was queued and what was left out; with an idempotency key,
     * a retry of the same body answers the first result again and queues nothing.
     */
    public Uni<BulkCommands.Result> submit(Caller caller, List<Entry> entries, Optional<String> key, String bodyHash) {
        checkShape(entries);
        // Checking a thousand entries takes milliseconds: on the worker pool, not on an event loop.
        return definitions
                .index(caller.tenantId(), EntityType.CONTACT)
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(index -> prepare(entries, index))
                .flatMap(prepared -> idempotency.once(
                        caller.tenantId(),
                        OPERATION,
                        key,
                        bodyHash,
                        BulkCommands.Result.class,
                        tx -> queue(tx, caller, prepared)))
                .invoke(tasks::wake);
    }

    private static List<Prepared> prepare(List<Entry> entries, DefinitionIndex index) {
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            prepared.add(Prepared.of(i, entries.get(i), index));
        }
        return prepared;
    }

    /** The one check of a request's shape; the values of each entry are checked by {@link Prepared#of}. */
    private static void checkShape(List<Entry> entries) {
        if (entries == null) {
            throw new DomainException.BadRequest("contacts", "is required: send {\"contacts\": [...]}");
        }
        if (entries.isEmpty()) {
            throw new DomainException.Invalid("contacts", "must list 1 to " + BulkCommands.MAX_ENTRIES + " entries");
        }
        if (entries.size() > BulkCommands.MAX_ENTRIES) {
            throw new DomainException.TooLarge(
                    "contacts",
                    "A bulk update takes at most " + BulkCommands.MAX_ENTRIES + " contacts per request, got "
                            + entries.size() + ": split it into batches of " + BulkCommands.MAX_ENTRIES);
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            // An unusable id still names the entry's identifier: the entry alone is refused, in invalid.
            long identifiers = entry == null
                    ? 0
                    : (entry.idUnusable() || present(entry.id()) ? 1 : 0)
                            + (present(entry.username()) ? 1 : 0)
                            + (present(entry.email()) ? 1 : 0);
            if (identifiers != 1) {
                errors.add(new FieldError(
                        "contacts[" + i + "]", "must name exactly one of id, username or email, named " + identifiers));
            } else if (entry.changes() == null) {
                errors.add(new FieldError("contacts[" + i + "].contact", "is required: the fields to change"));
            }
        }
        if (!errors.isEmpty()) {
            throw new DomainException.Invalid(errors);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Resolves the entries, checks what needs the database, and stores the accepted ones as a task: one
     * lookup finds both the contacts the entries name and the holders of the emails they set.
     */
    private Uni<BulkCommands.Result> queue(SqlClient tx, Caller caller, List<Prepared> prepared) {
        return lookup(tx, caller.tenantId(), prepared)
                .call(ignored -> checkFolders(tx, caller.tenantId(), prepared))
                .map(found -> Sorted.of(prepared, found))
                .flatMap(sorted -> store(tx, caller, sorted));
    }

    private Uni<BulkCommands.Result> store(SqlClient tx, Caller caller, Sorted sorted) {
        if (sorted.items().isEmpty()) {
            return Uni.createFrom().item(new BulkCommands.Result(null, 0, sorted.notFound(), sorted.invalid()));
        }
        return tasks.create(
                        tx,
                        caller.tenantId(),
                        caller.userId(),
                        TaskType.BULK_UPDATE,
                        sorted.items().size(),
                        new JsonObject(),
                        sorted.items())
                .call(taskId -> tasks.recordErrors(tx, caller.tenantId(), taskId, refusedErrors(sorted.invalid())))
                .map(taskId ->
                        new BulkCommands.Result(taskId, sorted.items().size(), sorted.notFound(), sorted.invalid()));
    }

    /**
     * Every identifier, and every email an entry sets, in one query: the contacts by lookup key ("id:…",
     * "email:…", "username:…") and the live holders of each email (match key to contact id).
     */
    private Uni<Found> lookup(SqlClient tx, String tenantId, List<Prepared> prepared) {
        List<String> ids = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<String> usernames = new ArrayList<>();
        for (Prepared p : prepared) {
            if (!p.unusableId()) {
                (switch (p.identifier().field()) {
                            case "id" -> ids;
                            case "email" -> emails;
                            default -> usernames;
                        })
                        .add(p.match());
            }
            if (p.newEmail() != null) {
                emails.add(ContactPoints.emailKey(p.newEmail()));
            }
        }
        return ContactBatchRepository.live(tx, tenantId, ids, emails, usernames).map(Found::of);
    }

    /** What the one lookup found. */
    private record Found(Map<String, String> targets, Map<String, String> holders) {

        static Found of(Iterable<Row> rows) {
            Map<String, String> targets = new HashMap<>();
            Map<String, String> holders = new HashMap<>();
            rows.forEach(row -> {
                targets.put("id:" + row.getString(0), row.getString(0));
                if (row.getString(1) != null) {
                    targets.put("email:" + row.getString(1), row.getString(0));
                    holders.put(row.getString(1), row.getString(0));
                }
                if (row.getString(2) != null) {
                    targets.put("username:" + row.getString(2), row.getString(0));
                }
            });
            return new Found(targets, holders);
        }
    }

    /** The entries sorted into those not found, those refused, and the accepted ones as stored items. */
    private record Sorted(List<Identifier> notFound, List<Rejected> invalid, List<String> items) {

        static Sorted of(List<Prepared> prepared, Found found) {
            checkEmails(prepared, found);
            Sorted sorted = new Sorted(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            for (Prepared p : prepared) {
                String contactId = found.targets().get(p.lookupKey());
                if (p.unusableId()) {
                    sorted.invalid().add(new Rejected(p.index(), p.identifier(), p.errors()));
                } else if (contactId == null) {
                    sorted.notFound().add(p.identifier());
                } else if (!p.errors().isEmpty()) {
                    sorted.invalid().add(new Rejected(p.index(), p.identifier(), p.errors()));
                } else {
                    sorted.items().add(p.item(contactId));
                }
            }
            return sorted;
        }

        /** An email may move to a contact only if no other live contact, nor an earlier entry, holds it. */
        private static void checkEmails(List<Prepared> prepared, Found found) {
            Map<String, String> holders = new HashMap<>(found.holders());
            for (Prepared p : prepared) {
                String target = found.targets().get(p.lookupKey());
                if (p.newEmail() == null || target == null || !p.errors().isEmpty()) {
                    continue;
                }
                String holder = holders.putIfAbsent(ContactPoints.emailKey(p.newEmail()), target);
                if (holder != null && !holder.equals(target)) {
                    p.errors()
                            .add(new FieldError(
                                    "email", "'" + p.newEmail() + "' already belongs to contact " + holder));
                }
            }
        }
    }

    private Uni<Void> checkFolders(SqlClient tx, String tenantId, List<Prepared> prepared) {
        List<Long> wanted =
                prepared.stream().flatMap(p -> p.folders().named().stream()).toList();
        if (wanted.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return folders.unknown(tx, tenantId, wanted)
                .invoke(unknown -> prepared.forEach(p -> {
                    List<Long> named = p.folders().named().stream()
                            .filter(unknown::contains)
                            .distinct()
                            .toList();
                    if (!named.isEmpty()) {
                        p.errors().add(new FieldError(p.folderField(), "names folders that do not exist: " + named));
                    }
                }))
                .replaceWithVoid();
    }

    /** The entries refused at submit, as errors of the task, so that the task alone tells the whole story. */
    private static List<TaskView.TaskError> refusedErrors(List<Rejected> invalid) {
        List<TaskView.TaskError> errors = new ArrayList<>();
        invalid.forEach(r -> r.errors()
                .forEach(e -> errors.add(new TaskView.TaskError(
                        r.index(),
                        r.identifier().field() + ":" + r.identifier().value(),
                        e.message(),
                        e.field(),
                        null))));
        return errors;
    }

    /** An entry after validation: its stored-form changes, or its errors. */
    private record Prepared(
            int index,
            Identifier identifier,
            boolean unusableId,
            ValuePatch values,
            Map<String, String> columns,
            FolderChange folders,
            List<FieldError> errors) {

        static Prepared of(int index, Entry entry, DefinitionIndex definitions) {
            if (entry.idUnusable()) {
                return new Prepared(
                        index,
                        new Identifier("id", entry.id()),
                        true,
                        ValuePatch.NONE,
                        Map.of(),
                        FolderChange.NONE,
                        List.of(
                                new FieldError(
                                        "id",
                                        "must be a contact id (a string such as con_01HV8Y5R5RFMS0TFK6PKF9H2S8, or a number)")));
            }
            List<FieldError> errors = new ArrayList<>();
            BulkCommands.Changes changes = entry.changes();
            ValuePatch values = values(definitions, changes, errors);
            Map<String, String> columns =
                    columns(values, new ContactFields(definitions, ValueContext.DEFAULT, errors), changes);
            return new Prepared(index, identifier(entry), false, values, columns, folders(changes, errors), errors);
        }

        /** The contact the entry names: by id, else by email, else by username. */
        private static Identifier identifier(Entry entry) {
            return entry.id() != null && !entry.id().isBlank()
                    ? new Identifier("id", entry.id().strip())
                    : entry.email() != null && !entry.email().isBlank()
                            ? new Identifier("email", entry.email().strip())
                            : new Identifier("username", entry.username().strip());
        }

        /** The entry's custom values; those that cannot be stored become errors of the entry. */
        private static ValuePatch values(
                DefinitionIndex definitions, BulkCommands.Changes changes, List<FieldError> errors) {
            if (changes.customProperties() == null) {
                return ValuePatch.NONE;
            }
            try {
                return ValuePatch.of(
                        definitions, changes.customProperties(), ValueContext.DEFAULT, "custom_properties.");
            } catch (DomainException e) {
                errors.addAll(e.errors());
                return ValuePatch.NONE;
            }
        }

        /** The contact columns the entry sets: predefined properties among its values, then its own fields. */
        private static Map<String, String> columns(
                ValuePatch values, ContactFields rules, BulkCommands.Changes changes) {
            Map<String, String> columns = new HashMap<>();
            values.predefined().forEach((k, v) -> columns.put(k, v.orElse(null)));
            if (changes.name() != null) {
                columns.put("name", rules.name(changes.name()));
            }
            if (changes.status() != null) {
                columns.put("status_override", rules.status(changes.status()));
            }
            if (changes.email() != null) {
                columns.put("email", rules.predefined("email", changes.email()));
            }
            if (changes.phone() != null) {
                columns.put("phone", rules.predefined("phone", changes.phone()));
            }
            if (changes.language() != null) {
                columns.put("language", rules.language(changes.language()));
            }
            return columns;
        }

        /** The entry's folder change; more than one of the three folder fields is an error of the entry. */
        private static FolderChange folders(BulkCommands.Changes changes, List<FieldError> errors) {
            FolderChange folders =
                    new FolderChange(changes.folderIds(), changes.addFolderIds(), changes.removeFolderIds());
            long named = java.util.stream.Stream.of(folders.replace(), folders.add(), folders.remove())
                    .filter(f -> f != null)
                    .count();
            if (named > 1) {
                errors.add(new FieldError(
                        "folder_ids",
                        "folder_ids, add_folder_ids and remove_folder_ids exclude each other: send one per entry"));
                return FolderChange.NONE;
            }
            return folders;
        }

        /** The folder field an unknown folder is reported on. */
        String folderField() {
            return folders.replace() != null
                    ? "folder_ids"
                    : folders.add() != null ? "add_folder_ids" : "remove_folder_ids";
        }

        /** The identifier as the lookup compares it: an id as sent, an email or username ignoring case. */
        String match() {
            return switch (identifier.field()) {
                case "id" -> identifier.value();
                case "email" -> ContactPoints.emailKey(identifier.value());
                default -> identifier.value().toLowerCase(Locale.ROOT);
            };
        }

        String lookupKey() {
            return identifier.field() + ":" + match();
        }

        String newEmail() {
            return columns.get("email");
        }

        String item(String contactId) {
            return Json.write(BulkItem.of(
                    index,
                    contactId,
                    identifier.field() + ":" + identifier.value(),
                    values.set(),
                    List.copyOf(values.cleared()),
                    columns,
                    folders));
        }
    }
}
