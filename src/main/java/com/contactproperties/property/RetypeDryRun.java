package com.contactproperties.property;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a retype would do to a property's stored values, read a page at a time; changes nothing. */
@ApplicationScoped
class RetypeDryRun {

    private static final int PAGE = 1_000;
    private static final int SAMPLES = 20;

    private final PropertyValueRepository values;

    RetypeDryRun(PropertyValueRepository values) {
        this.values = values;
    }

    /** Counts the values of {@code current} that would convert to {@code next} and those that would be cleared. */
    Uni<DefinitionCommands.DryRun> run(
            SqlConnection c,
            String tenantId,
            PropertyDefinition current,
            PropertyDefinition next,
            Map<String, String> renames) {
        Tally tally = new Tally(next, renames);
        return page(c, tenantId, current.key(), "", tally).map(ignored -> tally.result());
    }

    private Uni<Void> page(SqlConnection c, String tenantId, String key, String after, Tally tally) {
        return values.values(c, tenantId, key, after, PAGE).flatMap(page -> {
            page.forEach(tally::add);
            return page.size() < PAGE
                    ? Uni.createFrom().voidItem()
                    : page(
                            c,
                            tenantId,
                            key,
                            page.keySet().stream().reduce((a, b) -> b).orElse(after),
                            tally);
        });
    }

    /** The counts and samples so far. */
    private static final class Tally {

        private final PropertyDefinition next;
        private final Map<String, String> renames;
        private final List<DefinitionCommands.Sample> convertSamples = new ArrayList<>();
        private final List<DefinitionCommands.Sample> clearSamples = new ArrayList<>();
        private int convert;
        private int clear;

        Tally(PropertyDefinition next, Map<String, String> renames) {
            this.next = next;
            this.renames = renames;
        }

        void add(String contactId, JsonNode value) {
            try {
                JsonNode to = Retype.convert(value, next, renames).orElse(null);
                convert++;
                sample(convertSamples, new DefinitionCommands.Sample(contactId, value, to, null));
            } catch (ValueException e) {
                clear++;
                sample(clearSamples, new DefinitionCommands.Sample(contactId, value, null, e.getMessage()));
            }
        }

        private static void sample(List<DefinitionCommands.Sample> samples, DefinitionCommands.Sample sample) {
            if (samples.size() < SAMPLES) {
                samples.add(sample);
            }
        }

        DefinitionCommands.DryRun result() {
            return new DefinitionCommands.DryRun(convert, clear, convertSamples, clearSamples);
        }
    }
}
