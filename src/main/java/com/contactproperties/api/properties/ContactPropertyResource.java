package com.contactproperties.api.properties;

import static com.contactproperties.platform.error.FieldNames.renamed;

import com.contactproperties.platform.BooleanParam;
import com.contactproperties.platform.error.Problem;
import com.contactproperties.platform.security.Caller;
import com.contactproperties.property.DefinitionService;
import com.contactproperties.property.EntityType;
import com.contactproperties.view.ContactProperties;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Contact properties on the {@code /api/v1} surface (seed 000): mapping only. */
@Path("/api/v1/contact_properties")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Contact properties", description = "Typed custom properties of contacts, keyed by slug")
public class ContactPropertyResource {

    private static final String VIEW = """
      {"contact_property": {"slug": "subscription-plan", "title": "Subscription Plan", "property_type": "single_choice",
       "choices": ["Free", "Pro", "Business"], "description": null, "agent_active": false, "predefined": false,
       "created_at": "2026-04-30T09:00:00Z", "updated_at": "2026-04-30T09:00:00Z"}}""";
    private static final String SLUG =
            "The property's slug; its key, `cf_` id, camelCase key or title are accepted too.";

    private final DefinitionService definitions;
    private final JsonWebToken token;

    ContactPropertyResource(DefinitionService definitions, JsonWebToken token) {
        this.definitions = definitions;
        this.token = token;
    }

    @GET
    @PermissionsAllowed("custom_field:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:list")
    @Operation(operationId = "listContactProperties", summary = "List contact properties", description = """
      Every live contact property of the tenant, the predefined `email` and `phone` first, then in creation \
      order. Not paginated: a tenant has at most 1,000 properties. A `number` property created through \
      `/api/v2` as `integer` holds whole numbers for its life and shows `"integer": true`; every surface refuses a \
      fraction for it, also when a later request omits the type.""")
    @APIResponse(
            responseCode = "200",
            description = "The properties",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactProperties.All.class),
                            examples = @ExampleObject(name = "list", value = """
          {"contact_properties": [{"slug": "subscription-plan", "title": "Subscription Plan", "property_type": "single_choice",
           "choices": ["Free", "Pro", "Business"], "description": null, "agent_active": false, "predefined": false,
           "created_at": "2026-04-30T09:00:00Z", "updated_at": "2026-04-30T09:00:00Z"}]}""")))
    public Uni<ContactProperties.All> list() {
        return definitions.list(Caller.of(token), EntityType.CONTACT).map(ContactProperties.All::of);
    }

    @GET
    @Path("/{slug}")
    @PermissionsAllowed("custom_field:list")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:list")
    @Operation(
            operationId = "getContactProperty",
            summary = "Get a contact property",
            description = "One property by slug (or any other spelling of its key, or its title).")
    @APIResponse(
            responseCode = "200",
            description = "The property",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactProperties.One.class),
                            examples = @ExampleObject(name = "plan", value = VIEW)))
    @APIResponse(responseCode = "404", description = "No such property in this tenant")
    public Uni<ContactProperties.One> get(@Parameter(description = SLUG) @RestPath String slug) {
        return definitions.get(Caller.of(token), EntityType.CONTACT, slug).map(ContactProperties.One::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("custom_field:create")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:create")
    @Operation(operationId = "createContactProperty", summary = "Create a contact property", description = """
      Creates a property; its slug is generated from the title (accents stripped, lower case, words joined by \
      `-`, at most 64 characters, `-2`, `-3`… on collision) and never changes. `property_type` defaults to \
      `text`. `choices` are required for `single_choice` and `multiple_choice` (1 to 1,000, each 1 to 100 \
      characters without commas, unique ignoring case) and refused for other types. A duplicate title is a \
      409, as is a tenant already holding 1,000 properties. Unknown fields are a 400.""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactPropertyApi.Request.class),
                            examples = @ExampleObject(name = "plan", value = """
          {"contact_property": {"title": "Subscription Plan", "property_type": "single_choice",
           "choices": ["Free", "Pro", "Business"]}}""")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactProperties.One.class),
                            examples = @ExampleObject(name = "plan", value = VIEW)))
    @APIResponse(responseCode = "409", description = "Duplicate title, or the tenant's limit of properties is reached")
    @APIResponse(responseCode = "422", description = "A field breaks the rules above")
    public Uni<RestResponse<ContactProperties.One>> create(ContactPropertyApi.Request body) {
        return renamed(
                        () -> definitions.create(
                                Caller.of(token),
                                EntityType.CONTACT,
                                ContactPropertyApi.Request.fieldsOf(body).toCreate()),
                        ContactPropertyApi.FIELDS)
                .map(d -> RestResponse.ResponseBuilder.<ContactProperties.One>created(
                                URI.create("/api/v1/contact_properties/" + d.slug()))
                        .entity(ContactProperties.One.of(d))
                        .build());
    }

    @PUT
    @Path("/{slug}")
    @Consumes(MediaType.APPLICATION_JSON)
    @PermissionsAllowed("custom_field:update")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:update")
    @Operation(operationId = "updateContactProperty", summary = "Update a contact property", description = """
      Changes only the fields sent; the slug never changes. A change of `property_type`, or choices that drop \
      or rename (`choice_renames`, such as `{"Free": "Starter"}`) a stored choice, takes effect at once; when \
      contacts hold values, a `property_retype` task converts every value that converts to its new stored form \
      and clears the rest, recording each cleared value as an error, and the answer carries its \
      `retype_task_id`. `?dry_run=true` changes nothing and answers `dry_run` with the counts of values that \
      would convert and be cleared, with up to 20 samples of each. The predefined `email` and `phone` cannot \
      change type (409).""")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactPropertyApi.Request.class),
                            examples = @ExampleObject(name = "rename", value = """
          {"contact_property": {"title": "Plan", "choices": ["Starter", "Pro", "Business"]}}""")))
    @APIResponse(
            responseCode = "200",
            description = "Updated",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ContactProperties.One.class),
                            examples = @ExampleObject(name = "plan", value = VIEW)))
    @APIResponse(responseCode = "404", description = "No such property in this tenant")
    @APIResponse(responseCode = "409", description = "Duplicate title, or a predefined property's type")
    @APIResponse(responseCode = "422", description = "A field breaks the creation rules")
    public Uni<ContactProperties.One> update(
            @Parameter(description = SLUG) @RestPath String slug,
            @Parameter(
                            name = "dry_run",
                            schema = @Schema(type = SchemaType.BOOLEAN),
                            description = "`true`: report what a retype would do to stored values, change nothing.")
                    @RestQuery("dry_run")
                    String dryRun,
            ContactPropertyApi.Request body) {
        return renamed(
                        () -> definitions.change(
                                Caller.of(token),
                                EntityType.CONTACT,
                                slug,
                                ContactPropertyApi.Request.fieldsOf(body)
                                        .toChange(BooleanParam.parse("dry_run", dryRun))),
                        ContactPropertyApi.FIELDS)
                .map(ContactProperties.One::of);
    }

    @DELETE
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Path("/{slug}")
    @PermissionsAllowed("custom_field:delete")
    @SecurityRequirement(name = "bearerAuth", scopes = "custom_field:delete")
    @Operation(operationId = "deleteContactProperty", summary = "Delete a contact property", description = """
      Deletes the property. From this answer on no read shows its values; they are removed from storage in the \
      background, and its slug is not reused until then. The predefined `email` and `phone` cannot be deleted \
      (409).""")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such property in this tenant")
    @APIResponse(responseCode = "409", description = "A predefined property")
    public Uni<Void> delete(@Parameter(description = SLUG) @RestPath String slug) {
        return definitions.delete(Caller.of(token), EntityType.CONTACT, slug);
    }
}
