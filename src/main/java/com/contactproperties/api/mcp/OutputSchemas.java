package com.contactproperties.api.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import io.quarkiverse.mcp.server.GlobalOutputSchemaGenerator;
import jakarta.inject.Singleton;

/**
 * Output schemas of the tools' structured results that match what the REST views really hold:
 * names as Jackson writes them, {@code null} allowed wherever a view writes one (a property's
 * {@code description}, a task's {@code completed_at}), and any JSON for stored values. Clients
 * such as the MCP Inspector validate results against these schemas, and the extension's default
 * declares every field non-null.
 */
@Singleton
public class OutputSchemas implements GlobalOutputSchemaGenerator {

    private final SchemaGenerator generator;

    OutputSchemas(ObjectMapper json) {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(
                        json, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.NULLABLE_FIELDS_BY_DEFAULT)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        config.forTypesInGeneral()
                .withCustomDefinitionProvider((type, context) -> type.isInstanceOf(JsonNode.class)
                        ? new CustomDefinition(context.getGeneratorConfig().createObjectNode())
                        : null);
        this.generator = new SchemaGenerator(config.build());
    }

    @Override
    public Object generate(Class<?> type) {
        return generator.generateSchema(type);
    }
}
