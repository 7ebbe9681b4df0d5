package com.contactproperties.api.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.ToolOutputGuardrail;
import io.quarkiverse.mcp.server.ToolResponse;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Rewrites the extension's conversion error ("Invalid argument [x] - unable to convert value") so
 * that an agent reads what the argument takes: the allowed values of an enum, or its JSON type. An
 * output guardrail, because the extension converts arguments before any tool code runs; an input
 * guardrail would see the value, but in 1.13.0 it fails with a NullPointerException on a call
 * without arguments or with a null argument (ToolManagerImpl.ToolInputContextImpl), both of which
 * the tools accept. The value sent is quoted (cut to 100 characters) from the arguments McpGate
 * hands over before the MCP server reads a message, kept briefly by session and request id.
 */
@ApplicationScoped
public class ArgumentErrors implements ToolOutputGuardrail {

    private static final int SHOWN = 100;
    private static final Pattern CONVERSION = Pattern.compile("Invalid argument \\[(.+)] - unable to convert value");

    private final ObjectMapper json;
    /** A tool call's arguments, weighed by the bytes of the request that carried them. */
    private record Kept(JsonObject arguments, int bytes) {}

    // Arguments of recent tool calls by session and request id, bounded by the size of their requests,
    // which is known already: weighing them by their own JSON would write every call's arguments again.
    private final Cache<String, Kept> arguments = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1))
            .maximumWeight(16_000_000)
            .<String, Kept>weigher((key, kept) -> Math.max(1, kept.bytes()))
            .build();

    ArgumentErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void apply(ToolOutputContext context) {
        ToolResponse response = context.getResponse();
        if (response == null
                || !response.isError()
                || response.content().isEmpty()
                || !(response.content().get(0) instanceof TextContent text)) {
            return;
        }
        Matcher m = CONVERSION.matcher(text.text());
        if (m.matches()) {
            context.getTool().arguments().stream()
                    .filter(a -> a.name().equals(m.group(1)))
                    .findFirst()
                    .ifPresent(a -> context.setResponse(ToolResponse.error("Invalid argument '" + a.name()
                            + "': the value " + sent(context, a.name()) + "is not "
                            + allowed(a.type()) + ".")));
        }
    }

    /** Keeps the arguments of the tool calls among a request's messages, for an error that quotes one. */
    void remember(String session, List<?> messages, int bytes) {
        for (Object message : messages) {
            if (message instanceof JsonObject m
                    && "tools/call".equals(m.getValue("method"))
                    && m.getValue("params") instanceof JsonObject params
                    && params.getValue("arguments") instanceof JsonObject args) {
                arguments.put(session + " " + m.getValue("id"), new Kept(args, bytes));
            }
        }
    }

    /** The argument's value as sent, cut to 100 characters and followed by a space, or "sent " when it is not known. */
    private String sent(ToolOutputContext context, String argument) {
        Kept kept = arguments.getIfPresent(
                context.getConnection().id() + " " + context.getRequestId().asString());
        JsonObject args = kept == null ? null : kept.arguments();
        if (args == null || !args.containsKey(argument)) {
            return "sent ";
        }
        String shown = Json.encode(args.getValue(argument));
        return (shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown) + " ";
    }

    /** What the type accepts, as an agent reads it: the allowed values of an enum, or the JSON type. */
    private String allowed(Type type) {
        if (type instanceof Class<?> c && c.isEnum()) {
            return "one of the allowed values: " + names(c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            Type item = p.getActualTypeArguments()[0];
            return "an array"
                    + (item instanceof Class<?> c && c.isEnum()
                            ? " of values among: " + names(c)
                            : item == String.class
                                    ? " of strings"
                                    : item == Long.class
                                            ? " of integers"
                                            : " of objects as the tool's input schema describes");
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            return "a JSON object" + (p.getActualTypeArguments()[1] == String.class ? " of strings" : "");
        }
        if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == String.class ? "a string" : "shaped as the tool's input schema describes";
    }

    private String names(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> json.convertValue(constant, String.class))
                .collect(Collectors.joining(", "));
    }
}
