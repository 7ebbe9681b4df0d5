package com.contactproperties.platform.dev;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Makes {@code ./mvnw quarkus:dev} work on a fresh clone: in the dev profile it supplies the
 * development verification key and, when no database URL is configured, a throwaway embedded
 * PostgreSQL. Every other profile is left untouched.
 */
public final class DevConfigSourceFactory implements ConfigSourceFactory {

    // Above application.properties (250), below environment variables (300).
    private static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("dev")) {
            return List.of();
        }
        Map<String, String> config = new HashMap<>();
        if (isUnset(context, "mp.jwt.verify.publickey")) {
            // An absolute path, whatever the working directory of the dev-mode JVM.
            config.put(
                    "mp.jwt.verify.publickey.location", DevKeys.publicKeyFile().toString());
        }
        if (isUnset(context, "quarkus.datasource.reactive.url")) {
            config.putAll(EmbeddedDatabase.datasourceConfig());
        }
        return List.of(new PropertiesConfigSource(config, "contact-properties-dev", ORDINAL));
    }

    private static boolean isUnset(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank();
    }
}
