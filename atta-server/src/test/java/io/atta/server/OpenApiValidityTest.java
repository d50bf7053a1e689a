package io.atta.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served {@code /openapi.json} is a valid OpenAPI 3.0.3 document: the Swagger project's
 * parser reads it, resolving every {@code $ref}, with no message at all. The parser does not
 * check schema types, so this test also does: every schema {@code type} is one of OpenAPI 3.0's
 * six (3.1's {@code "null"} and type lists are not 3.0.3). A route added to the document later
 * is held to the same standard.
 */
class OpenApiValidityTest {
    @Test
    void theServedDocumentValidatesAsOpenApi303WithoutAMessage() throws Exception {
        String served;
        JsonNode document;
        try (ApiFixture f = ApiFixture.inMemory(1)) {
            HttpApi.Reply r = f.api.get("/openapi.json", null);
            assertThat(r.status()).isEqualTo(200);
            served = r.text();
            document = r.body();
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served, null, options);

        assertThat(parsed.getMessages()).as("validation messages").isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.0.3");
        assertThat(parsed.getOpenAPI().getPaths()).isNotEmpty();
        assertThat(badSchemaTypes(document)).as("schema types that are not OpenAPI 3.0's").isEmpty();
    }

    @Test
    void schemaTypesOutsideOpenApi30AreCaught() throws Exception {
        JsonNode doc = HttpApi.json.readTree("{\"paths\":{\"/x\":{\"get\":{\"responses\":{\"200\":{\"content\":"
                + "{\"application/json\":{\"schema\":{\"type\":\"object\",\"properties\":{\"type\":"
                + "{\"type\":\"strin\"},\"b\":{\"type\":[\"string\",\"null\"]}}}}}}}}}},"
                + "\"components\":{\"securitySchemes\":{\"bearer\":{\"type\":\"http\"}}}}");
        assertThat(badSchemaTypes(doc)).containsExactlyInAnyOrder(
                "/paths/~1x/get/responses/200/content/application~1json/schema/properties/type/type: \"strin\"",
                "/paths/~1x/get/responses/200/content/application~1json/schema/properties/b/type: [\"string\",\"null\"]");
    }

    private static final Set<String> schemaTypes = Set.of("string", "number", "integer", "boolean", "array", "object");

    /** Every {@code type} outside security schemes that is not one of OpenAPI 3.0's, as "pointer: value". */
    private static List<String> badSchemaTypes(JsonNode document) {
        List<String> bad = new ArrayList<>();
        walk(document, "", bad);
        return bad;
    }

    private static void walk(JsonNode node, String pointer, List<String> bad) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), pointer + "/" + i, bad);
            }
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String here = pointer + "/" + f.getKey().replace("~", "~0").replace("/", "~1");
            boolean typeWord = f.getKey().equals("type") && !f.getValue().isObject();
            if (typeWord && !pointer.startsWith("/components/securitySchemes")
                    && !(f.getValue().isTextual() && schemaTypes.contains(f.getValue().asText()))) {
                bad.add(here + ": " + f.getValue());
            } else if (!typeWord) {
                walk(f.getValue(), here, bad);
            }
        }
    }

    @Test
    void theValidatorCatchesABrokenDocument() {
        String broken = "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{\"/x\":{\"get\":"
                + "{\"responses\":{\"200\":{\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
                + "\"#/components/schemas/Missing\"}}}}}}}}}";
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);
        assertThat(new OpenAPIV3Parser().readContents(broken, null, options).getMessages()).isNotEmpty();
    }
}
