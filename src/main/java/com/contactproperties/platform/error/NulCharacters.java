package com.contactproperties.platform.error;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Refuses the NUL character (U+0000) wherever a request can carry one: PostgreSQL's {@code text}
 * and {@code jsonb} cannot hold it, so a value with one could never be stored or searched for.
 * Every string and key of a JSON body is checked as it is read, and the path and query before any
 * resource sees them; either way the answer is a 400 problem naming the field. (CSV files are
 * checked by the import, values of every surface again by the type system.)
 */
@Singleton
public class NulCharacters implements ObjectMapperCustomizer {

    public static final String REASON = "must not contain the NUL character (U+0000)";
    public static final String SURROGATE_REASON =
            "must not contain an unpaired surrogate (an escape between \\uD800 and \\uDFFF without its pair), which is no character";

    /** Whether {@code text} holds a NUL character. */
    public static boolean in(String text) {
        return text != null && text.indexOf('\0') >= 0;
    }

    /**
     * Why {@code text} cannot be stored, or null when it can: a NUL, or half of a surrogate pair,
     * which JSON's {@code \\u} escapes can carry but UTF-8 cannot encode (it would be stored as "?").
     */
    public static String fault(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return REASON;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return SURROGATE_REASON;
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void customize(ObjectMapper mapper) {
        // Trailing content after the body ({"name":"x"} {"name":"y"}) is not one JSON value: refused, not ignored.
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        SimpleModule module = new SimpleModule("nul-characters");
        module.addDeserializer(String.class, (JsonDeserializer) new Refusing(StringDeserializer.instance));
        for (Class type : List.of(JsonNode.class, ObjectNode.class, ArrayNode.class)) {
            module.addDeserializer(type, new Refusing(JsonNodeDeserializer.getDeserializer(type)));
        }
        // Untyped reading (Vert.x's JsonObject, and with it every MCP message) keeps Jackson's own string
        // reader: a refusal there would fail the whole message before it reached a tool.
        module.addDeserializer(Object.class, new Untyped());
        module.addKeyDeserializer(String.class, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) throws IOException {
                String fault = fault(key);
                if (fault != null) {
                    throw new Refusal(context.getParser(), fault, List.of(key));
                }
                return key;
            }
        });
        mapper.registerModule(module);
    }

    /** The check of the path and query, ahead of every route. */
    @Singleton
    static final class Uris {

        private final ObjectMapper json;

        Uris(ObjectMapper json) {
            this.json = json;
        }

        void install(@Observes Router router) {
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::check);
        }

        /** A NUL can only reach a URI percent-encoded, and {@code %00} decodes to nothing else. */
        private void check(RoutingContext context) {
            if (!context.request().uri().contains("%00")) {
                context.next();
                return;
            }
            String field = "path";
            for (Map.Entry<String, String> parameter : context.queryParams()) {
                if (in(parameter.getKey()) || in(parameter.getValue())) {
                    field = in(parameter.getKey()) ? "query" : parameter.getKey();
                    break;
                }
            }
            Problem problem = ProblemMapper.nulProblem(field);
            try {
                context.response()
                        .setStatusCode(400)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .end(Buffer.buffer(json.writeValueAsBytes(problem)));
            } catch (JsonProcessingException e) {
                context.fail(e);
            }
        }
    }

    /** A JSON string that cannot be stored, with why and where in the body it is. */
    public static final class Refusal extends JsonMappingException {

        Refusal(JsonParser parser, String reason, List<Object> inner) {
            super(parser, reason);
            for (int i = inner.size() - 1; i >= 0; i--) {
                Object step = inner.get(i);
                prependPath(
                        step instanceof Integer index
                                ? new Reference(null, index)
                                : new Reference(null, (String) step));
            }
        }
    }

    /** Jackson's reader of untyped values, without the custom readers of strings it would otherwise look up. */
    private static final class Untyped extends UntypedObjectDeserializer {

        Untyped() {
            super(null, (JavaType) null);
        }

        @Override
        public void resolve(DeserializationContext context) {
            // Nothing to resolve: strings, numbers, lists and maps are read by the built-in code.
        }
    }

    /** Reads as the wrapped deserializer does, then refuses a result holding a NUL. */
    private static final class Refusing extends DelegatingDeserializer {

        Refusing(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Refusing(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = _delegatee.deserialize(parser, context);
            Deque<Object> path = new ArrayDeque<>();
            String fault = value instanceof String text
                    ? fault(text)
                    : value instanceof JsonNode node ? find(node, path) : null;
            if (fault != null) {
                throw new Refusal(parser, fault, List.copyOf(path));
            }
            return value;
        }

        /** Why the tree cannot be stored (a string or a key), or null; {@code path} ends at the culprit. */
        private static String find(JsonNode node, Deque<Object> path) {
            if (node.isTextual()) {
                return fault(node.textValue());
            }
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    path.addLast(field.getKey());
                    String fault = fault(field.getKey());
                    fault = fault != null ? fault : find(field.getValue(), path);
                    if (fault != null) {
                        return fault;
                    }
                    path.removeLast();
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    path.addLast(i);
                    String fault = find(node.get(i), path);
                    if (fault != null) {
                        return fault;
                    }
                    path.removeLast();
                }
            }
            return null;
        }
    }
}
