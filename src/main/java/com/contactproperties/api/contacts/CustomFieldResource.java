package com.contactproperties.api.contacts;

import static com.contactproperties.platform.error.FieldNames.renamed;

import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Custom-field definitions of the contacts surface (seed 003); one subclass for contacts
 * ({@code /v1/contacts/custom-fields}) and one for property records ({@code /v1/properties/custom-fields}).
 * Literal paths, so that they win over {@code /v1/contacts/{id}}.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class CustomFieldResource {

    private static final String ID =
            "The field id (`cf_lifecycle_stage`); its key, camelCase key, slug or name are accepted too.";
    private static final String VIEW = """
      {"id": "cf_lifecycle_stage", "name": "Lifecycle stage", "type": "text", "description": null, "agentActive": false,
       "createdAt": "2026-04-30T09:00:00Z", "createdBy": "usr_01HV8Y3K2R6G7K3F5B9N8M1Q0",
       "updatedAt": "2026-04-30T09:00:00Z", "predefined": false, "entityType": "contact"}""";

    private final DefinitionService definitions;
    private final JsonWebToken token;

    CustomFieldResource(DefinitionService definitions, JsonWebToken token) {
        this.definitions = definitions;
        this.token = token;
    }

    /** Whose fields this resource manages. */
    abstract EntityType entityType();

    /** Fields of contacts. */
    @Path("/v1/contacts/custom-fields")
    @Tag(name = "Contact custom fields", description = "Reusable typed fields of contacts")
    public static class Contacts extends CustomFieldResource {
        Contacts(DefinitionService definitions, JsonWebToken token) {
            super(definitions, token);
        }

        @Override
        EntityType entityType() {
            return EntityType.CONTACT;
        }
    }

    /** Fields of property records. */
    @Path("/v1/properties/custom-fields")
    @Tag(name = "Property custom fields", description = "Reusable typed fields of property records")
    public static class Properties extends CustomFieldResource {
        Properties(DefinitionService definitions, JsonWebToken token) {
            super(definitions, token);
        }

        @Override
        EntityType entityType() {
            return EntityType.PROPERTY;
        }
    }

    @GET
    @PermissionsAllowed("custom_field:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:list")
    @Operation(operationId = "listContactCustomFields", summary = "List field definitions", description = """
      The live field definitions of contacts or of property records: for contacts the predefined `cf_email` \
      and `cf_phone` first, then in creation order. Not paginated (at most 1,000 per tenant).""")
    @APIResponse(
            responseCode = "200",
            description = "Field definitions",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomFieldApi.All.class),
                            examples = @ExampleObject(name = "list", value = "{\"customFields\": [" + VIEW + "]}")))
    public Uni<CustomFieldApi.All> list() {
        return definitions.list(Caller.of(token), entityType()).map(CustomFieldApi.All::of);
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed("custom_field:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:list")
    @Operation(
            operationId = "getContactCustomField",
            summary = "Get a field definition",
            description = "One field definition by id or any other spelling.")
    @APIResponse(
            responseCode = "200",
            description = "The definition",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomFieldApi.View.class),
                            examples = @ExampleObject(name = "stage", value = VIEW)))
    @APIResponse(responseCode = "404", description = "No such field in this tenant")
    public Uni<CustomFieldApi.View> get(@Parameter(description = ID) @RestPath String id) {
        return definitions.get(Caller.of(token), entityType(), id).map(CustomFieldApi.View::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("custom_field:create")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:create")
    @Operation(operationId = "createContactCustomField", summary = "Create a field definition", description = """
      Creates a field; `type` is any of the ten types (beyond the seed's `text` and `date`). Its id is `cf_` \
      and a key generated from the name, which never changes. `choices` are required for the choice types \
      and refused for the others. A duplicate name (ignoring case) or a tenant at its limit of 1,000 fields is \
      a 409.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomFieldApi.Create.class),
                            examples =
                                    @ExampleObject(
                                            name = "Lifecycle stage",
                                            value = "{\"name\": \"Lifecycle stage\", \"type\": \"text\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomFieldApi.View.class),
                            examples = @ExampleObject(name = "stage", value = VIEW)))
    @APIResponse(responseCode = "409", description = "Duplicate name, or the tenant's limit is reached")
    @APIResponse(responseCode = "422", description = "A field breaks the rules")
    public Uni<RestResponse<CustomFieldApi.View>> create(CustomFieldApi.Create body) {
        return renamed(
                        () -> definitions.create(Caller.of(token), entityType(), CustomFieldApi.Create.of(body)),
                        CustomFieldApi.FIELDS)
                .map(d -> RestResponse.ResponseBuilder.<CustomFieldApi.View>created(
                                URI.create((entityType() == EntityType.CONTACT ? "/v1/contacts" : "/v1/properties")
                                        + "/custom-fields/" + d.id()))
                        .entity(CustomFieldApi.View.of(d))
                        .build());
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("custom_field:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:update")
    @Operation(operationId = "updateContactCustomField", summary = "Update a field definition", description = """
      Renames the field or changes its type, choices, description or `agentActive`; fields omitted stay as \
      they are and the id never changes. A type change, or choices that drop or rename (`choiceRenames`) a \
      stored choice, takes effect at once; when contacts hold values a `property_retype` task converts them \
      (clearing and recording those that do not convert) and the answer carries its `retypeTaskId`. \
      `?dryRun=true` changes nothing and answers `dryRun` with the counts and samples. The predefined fields \
      cannot change type (409).""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomFieldApi.Patch.class),
                            examples =
                                    @ExampleObject(
                                            name = "Region",
                                            value = "{\"name\": \"Region\", \"type\": \"text\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CustomFieldApi.View.class),
                            examples = @ExampleObject(name = "stage", value = VIEW)))
    @APIResponse(responseCode = "404", description = "No such field in this tenant")
    @APIResponse(responseCode = "409", description = "Duplicate name, or a predefined field's type")
    @APIResponse(responseCode = "422", description = "A field breaks the rules")
    public Uni<CustomFieldApi.View> update(
            @Parameter(description = ID) @RestPath String id,
            @Parameter(
                            schema = @Schema(type = SchemaType.BOOLEAN),
                            description = "`true`: report what a retype would do to stored values, change nothing.")
                    @RestQuery
                    String dryRun,
            CustomFieldApi.Patch body) {
        return renamed(
                        () -> definitions.change(
                                Caller.of(token),
                                entityType(),
                                id,
                                CustomFieldApi.Patch.of(body, BooleanParam.parse("dryRun", dryRun))),
                        CustomFieldApi.FIELDS)
                .<CustomFieldApi.View>map(CustomFieldApi.View::of);
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{id}")
    @PermissionsAllowed("custom_field:delete")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:delete")
    @Operation(operationId = "deleteContactCustomField", summary = "Delete a field definition", description = """
      Deletes the field: from this answer on no read shows its values, which are removed in the background; \
      its key is not reused until then. The predefined `cf_email` and `cf_phone` cannot be deleted (409).""")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such field in this tenant")
    @APIResponse(responseCode = "409", description = "A predefined field")
    public Uni<Void> delete(@Parameter(description = ID) @RestPath String id) {
        return definitions.delete(Caller.of(token), entityType(), id);
    }
}
