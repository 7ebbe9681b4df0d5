package com.contactproperties.api.mcp;

import com.contactproperties.platform.error.FieldError;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.error.ProblemMapper;
import com.contactproperties.platform.security.Caller;
import io.quarkiverse.mcp.server.JsonRpcErrorCodes;
import io.quarkiverse.mcp.server.McpException;
import io.quarkiverse.mcp.server.RawMessage;
import io.quarkiverse.mcp.server.ToolCallException;
import io.quarkiverse.mcp.server.ToolManager;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * What every tool and resource does around its call into the core: checks that the bearer token of
 * the HTTP request grants the scope of the REST operation the tool mirrors, derives the
 * {@link Caller} (and so the tenant) from it, and turns any failure into a tool error whose text is
 * the problem a REST client would have received, so that an agent reads what to fix.
 */
@ApplicationScoped
class McpAccess {

    // The core names fields as /v1 spells them; an agent must read the argument names it sends.
    private static final Pattern REST_NAMES = Pattern.compile(
            "\\b(pageSize|pageToken|customFields|tagIds|folderIds|createdAfter|createdBefore|orderBy|orderDirection|agentActive|"
                    + "propertyType|choiceRenames|dryRun|archivedAt)\\b");

    // A value quoted back in an error is cut, so that a megabyte sent is not a megabyte read again.
    private static final Pattern LONG_QUOTE = Pattern.compile("'([^']{100})[^']+'");

    private final CurrentIdentityAssociation identities;
    private final ToolManager tools;

    McpAccess(CurrentIdentityAssociation identities, ToolManager tools) {
        this.identities = identities;
        this.tools = tools;
    }

    /**
     * Runs a tool call as {@link #as(String, Function)} does, after refusing any argument the tool
     * does not have, as the REST surfaces refuse unknown fields: silently ignoring a misspelt
     * {@code propertyType} would create a text property where the agent asked for a number.
     */
    <T> Uni<T> as(RawMessage call, String scope, Function<Caller, Uni<T>> action) {
        JsonObject params = call.asJsonObject().getJsonObject("params", new JsonObject());
        String tool = params.getString("name");
        List<String> known = tools.getTool(tool).arguments().stream()
                .map(ToolManager.ToolArgument::name)
                .toList();
        return as(
                scope,
                caller -> params.getJsonObject("arguments", new JsonObject()).fieldNames().stream()
                        .filter(name -> !known.contains(name))
                        .findFirst()
                        .<Uni<T>>map(name -> Uni.createFrom()
                                .failure(new ToolCallException("Unknown argument '" + name + "': " + tool + " takes "
                                        + (known.isEmpty() ? "no arguments" : String.join(", ", known)))))
                        .orElseGet(() -> action.apply(caller)));
    }

    /** Runs {@code action} as the caller when the token grants {@code scope}; failures become tool errors. */
    <T> Uni<T> as(String scope, Function<Caller, Uni<T>> action) {
        return identities
                .getDeferredIdentity()
                .flatMap(identity -> granted(identity, scope).flatMap(ok -> {
                    if (!ok) {
                        return Uni.createFrom()
                                .failure(new ToolCallException("Forbidden: the bearer token does not grant the scope '"
                                        + scope + "' this tool requires. Ask for a token with that scope."));
                    }
                    Caller caller =
                            Caller.of((JsonWebToken) identity.getPrincipal()).via("mcp");
                    return Uni.createFrom().deferred(() -> action.apply(caller));
                }))
                .onFailure(e -> !(e instanceof ToolCallException))
                .transform(McpAccess::toolError);
    }

    private static Uni<Boolean> granted(SecurityIdentity identity, String scope) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(false);
        }
        int colon = scope.indexOf(':');
        return identity.checkPermission(new StringPermission(scope.substring(0, colon), scope.substring(colon + 1)));
    }

    /**
     * Runs a resource read as the caller when the token grants {@code scope}. A refusal is the
     * JSON-RPC error the extension uses for security failures (-32001), naming the scope: a resource
     * has no tool error to carry it, and any other exception would be an internal error (-32603).
     */
    <T> Uni<T> read(String scope, Function<Caller, Uni<T>> action) {
        return as(scope, action)
                .onFailure(ToolCallException.class)
                .transform(e -> new McpException(e.getMessage(), JsonRpcErrorCodes.SECURITY_ERROR));
    }

    /** The tool error for a failure: the problem's title and detail, then each field at fault. */
    static ToolCallException toolError(Throwable failure) {
        Problem problem = ProblemMapper.toProblem(failure);
        StringBuilder text = new StringBuilder(problem.title()).append(": ").append(problem.detail());
        if (problem.errors() != null
                && !(problem.errors().size() == 1
                        && problem.detail().contains(problem.errors().get(0).message()))) {
            for (FieldError error : problem.errors()) {
                text.append("\n- ").append(error.field()).append(": ").append(error.message());
            }
        }
        return new ToolCallException(snakeCase(text.toString()));
    }

    /** The error as an MCP client reads it: argument names in snake_case, long quoted values cut. */
    private static String snakeCase(String text) {
        String cut = LONG_QUOTE.matcher(text).replaceAll("'$1…'");
        return REST_NAMES
                .matcher(cut)
                .replaceAll(m -> m.group(1).replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
    }
}
