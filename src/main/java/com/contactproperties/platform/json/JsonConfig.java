package com.contactproperties.platform.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Gives Quarkus's {@link ObjectMapper} (request and response bodies, problem details, MCP output
 * schemas: the one beans inject) the configuration {@link Json} has too, so that a number in a request
 * is read as exactly as a stored one. Its other customizers add the instant writer and the NUL refusal.
 */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        Json.configure(mapper);
    }
}
