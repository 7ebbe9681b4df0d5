package com.contactproperties.api.mcp;

import com.contactproperties.property.DefinitionCommands;
import com.contactproperties.view.ContactProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answers of the property tools that may remove data: each says whether it acted, and when it
 * did not, what it would remove and that {@code confirm: true} makes it act (issue 21, item 4).
 */
public final class PropertyAnswers {

    private PropertyAnswers() {}

    /** A property change: the property, the retype task it queued, a dry run's report, or a request to confirm. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(
            ContactProperties.View contactProperty,
            String retypeTaskId,
            ContactProperties.DryRun dryRun,
            Boolean confirmationRequired,
            String message) {

        static Change of(ContactProperties.One one) {
            return new Change(one.contactProperty(), one.retypeTaskId(), one.dryRun(), null, null);
        }

        static Change confirm(ContactProperties.One dryRun) {
            return new Change(
                    dryRun.contactProperty(),
                    null,
                    dryRun.dryRun(),
                    true,
                    "Nothing changed: this change would clear "
                            + dryRun.dryRun().wouldClear()
                            + " stored value(s) that cannot convert (see dry_run.clear_samples). Confirm with the "
                            + "user, then call update_contact_property again with the same arguments and confirm: true.");
        }
    }

    /** One stored value a deletion would remove. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Held(String contactId, JsonNode value) {}

    /** A deletion, done or awaiting confirmation. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deletion(
            boolean deleted,
            boolean confirmationRequired,
            ContactProperties.View contactProperty,
            long valuesCount,
            List<Held> samples,
            String message) {

        static Deletion preview(DefinitionCommands.DeletionPreview p) {
            return new Deletion(
                    false,
                    true,
                    ContactProperties.View.of(p.definition()),
                    p.holders(),
                    p.samples().stream()
                            .map(s -> new Held(s.contactId(), s.from()))
                            .toList(),
                    "Nothing deleted yet: deleting '" + p.definition().slug() + "' would remove its values from "
                            + p.holders()
                            + " contact(s), for good. Confirm with the user, then call delete_contact_property again with confirm: true.");
        }

        static Deletion done(DefinitionCommands.DeletionPreview p) {
            return new Deletion(
                    true,
                    false,
                    ContactProperties.View.of(p.definition()),
                    p.holders(),
                    List.of(),
                    "Deleted the contact property '" + p.definition().slug() + "' and its values on " + p.holders()
                            + " contact(s).");
        }
    }
}
