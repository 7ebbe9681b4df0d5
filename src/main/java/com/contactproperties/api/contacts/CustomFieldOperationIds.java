package com.contactproperties.api.contacts;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Names the operations of {@code /v1/properties/custom-fields}. They are the methods that {@link
 * CustomFieldResource} shares with {@code /v1/contacts/custom-fields}, so their annotations carry the
 * contacts' operationIds; without this a generated client would get two operations of one name.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class CustomFieldOperationIds implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/v1/properties/custom-fields")) {
                item.getOperations().values().stream()
                        .filter(o -> o.getOperationId() != null)
                        .forEach(o -> o.setOperationId(
                                o.getOperationId().replace("ContactCustomField", "PropertyCustomField")));
            }
        });
    }
}
