package com.contactproperties.property;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a client asks of a definition, in the names of the domain; each surface maps its own fields onto these. */
public final class DefinitionCommands {

    private DefinitionCommands() {}

    /** A new definition; {@code type} is the wire name (null: the surface's default already applied or missing). */
    public record Create(String title, String type, List<String> choices, String description, Boolean agentActive) {}

    /**
     * Changes to a definition: a null component is left as it is. {@code description} distinguishes
     * absent (null) from cleared ({@code Optional.empty()}).
     */
    public record Change(
            String title,
            String type,
            List<String> choices,
            Optional<String> description,
            Boolean agentActive,
            Map<String, String> choiceRenames,
            boolean dryRun) {}

    /**
     * What a change did: the definition as it now stands (unchanged on a dry run), the retype task
     * queued to convert existing values (if any), and on a dry run what a retype would do.
     */
    public record ChangeResult(PropertyDefinition definition, String retypeTaskId, DryRun dryRun) {}

    /** What a retype would do to the stored values, with up to 20 samples of each outcome. */
    public record DryRun(int wouldConvert, int wouldClear, List<Sample> convertSamples, List<Sample> clearSamples) {}

    /** One value and its fate: the contact, the stored value, and its new value or the reason it would be cleared. */
    public record Sample(
            String contactId,
            com.fasterxml.jackson.databind.JsonNode from,
            com.fasterxml.jackson.databind.JsonNode to,
            String reason) {}

    /** What deleting a property would remove: how many contacts hold a value of it, and a few of them. */
    public record DeletionPreview(PropertyDefinition definition, long holders, List<Sample> samples) {}
}
