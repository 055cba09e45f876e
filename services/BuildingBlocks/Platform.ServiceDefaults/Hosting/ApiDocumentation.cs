using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Platform.ServiceDefaults.Hosting;

/// <summary>
/// How every REST operation describes itself in /openapi/v1.json, the one way: the body it takes, what it answers
/// (success and every refusal as problem details), its query parameters, and whether it needs a signed-in caller.
/// The handlers read bodies themselves (to name a bad field in Polish), so the framework cannot infer any of it.
/// </summary>
public static class ApiDocumentation
{
    public const string BearerScheme = "bearer";
    public const string ApiKeyScheme = "apiKey";

    /// <summary>Marks an operation that needs a signed-in caller (a person's token or an office's API key).</summary>
    public sealed record SignInRequired;

    /// <summary>
    /// The body an operation takes, for the document only: Accepts() would also make routing answer a bare 415 to another
    /// content type, where the handlers answer 400 problem details naming the field.
    /// </summary>
    public sealed record RequestBody(Type Type, string[] ContentTypes);

    /// <summary>An example of the body in Polish data, per content type (JSON as an object, CSV as text).</summary>
    public sealed record BodyExample(string ContentType, System.Text.Json.Nodes.JsonNode Value);

    /// <summary>A query parameter the handler reads from the request.</summary>
    public sealed record QueryParameter(string Name, JsonSchemaType Type, string Description, bool Required = false);

    /// <summary>
    /// A write: a JSON body of <typeparamref name="TBody"/>, <paramref name="success"/> with <typeparamref name="TResult"/>,
    /// and the refusals every write can meet (400 naming the fields, 401, 403, 413, 415, 429).
    /// </summary>
    public static RouteHandlerBuilder Writes<TBody, TResult>(this RouteHandlerBuilder endpoint, int success, params int[] alsoRefused) where TBody : notnull =>
        endpoint.WithMetadata(new RequestBody(typeof(TBody), ["application/json"]))
            .Produces<TResult>(success)
            .Refuses([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status413PayloadTooLarge,
                StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status429TooManyRequests, .. alsoRefused])
            .WithMetadata(new SignInRequired());

    /// <summary>
    /// A write without a JSON body (a file given by <see cref="Takes{TBody}"/>, or nothing: the path and query say it all):
    /// the same answers and sign-in. Without <see cref="Takes{TBody}"/> the document says "x-request-body: none".
    /// </summary>
    public static RouteHandlerBuilder WritesWithout<TResult>(this RouteHandlerBuilder endpoint, int success, params int[] alsoRefused) =>
        endpoint.Produces<TResult>(success)
            .Refuses([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests, .. alsoRefused])
            .WithMetadata(new SignInRequired());

    /// <summary>A read: <typeparamref name="TResult"/>, or 400 naming a bad query parameter, or the other refusals given.</summary>
    public static RouteHandlerBuilder Reads<TResult>(this RouteHandlerBuilder endpoint, params int[] alsoRefused) =>
        endpoint.Produces<TResult>(StatusCodes.Status200OK).Refuses([StatusCodes.Status429TooManyRequests, .. alsoRefused]);

    /// <summary>400 as validation problem details (errors by field) and the given codes as problem details.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder endpoint, params int[] codes)
    {
        endpoint.ProducesValidationProblem();
        foreach (var code in codes.Distinct()) endpoint.ProducesProblem(code);
        return endpoint;
    }

    /// <summary>Documents a body of <typeparamref name="TBody"/> in these content types (a file, JSON or CSV).</summary>
    public static RouteHandlerBuilder Takes<TBody>(this RouteHandlerBuilder endpoint, params string[] contentTypes) =>
        endpoint.WithMetadata(new RequestBody(typeof(TBody), contentTypes));

    /// <summary>An example JSON body (serialised as the API reads it: camelCase), shown in the API page.</summary>
    public static RouteHandlerBuilder Example(this RouteHandlerBuilder endpoint, object example) =>
        endpoint.WithMetadata(new BodyExample("application/json", System.Text.Json.JsonSerializer.SerializeToNode(example, System.Text.Json.JsonSerializerOptions.Web)!));

    /// <summary>An example body as text in a content type (a CSV file).</summary>
    public static RouteHandlerBuilder Example(this RouteHandlerBuilder endpoint, string contentType, string example) =>
        endpoint.WithMetadata(new BodyExample(contentType, System.Text.Json.Nodes.JsonValue.Create(example)));

    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder endpoint, params QueryParameter[] parameters)
    {
        foreach (var p in parameters) endpoint.WithMetadata(p);
        return endpoint;
    }

    public static QueryParameter Query(string name, JsonSchemaType type, string description, bool required = false) => new(name, type, description, required);

    /// <summary>The document's security schemes, and on each operation needing sign-in, its security requirement and query parameters.</summary>
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "Token osoby zalogowanej w portalu (OpenID Connect) — nagłówek Authorization: Bearer …",
            };
            document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-api-key",
                Description = "Klucz API urzędu (np. powiatowego urzędu pracy) wydany przez administratora platformy",
            };
            return Task.CompletedTask;
        });
        // Records list every constructor parameter as required; a nullable one may be left out of the JSON.
        options.AddSchemaTransformer((schema, _, _) =>
        {
            if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
                foreach (var name in required.ToList())
                    if (properties.TryGetValue(name, out var property) && property.Type is { } type && type.HasFlag(JsonSchemaType.Null))
                        required.Remove(name);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(async (operation, context, ct) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var writes = context.Description.HttpMethod is not ("GET" or "HEAD");
            if (writes && metadata.OfType<SignInRequired>().Any() && !metadata.OfType<RequestBody>().Any())
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions["x-request-body"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create("none"));
            }
            if (metadata.OfType<RequestBody>().LastOrDefault() is { } body)
            {
                var schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = body.ContentTypes.ToDictionary(c => c, c => new OpenApiMediaType
                    {
                        Schema = schema,
                        Example = metadata.OfType<BodyExample>().FirstOrDefault(e => e.ContentType == c)?.Value.DeepClone(),
                    }),
                };
            }
            if (metadata.OfType<SignInRequired>().Any())
            {
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, context.Document)] = [] },
                ];
            }
            foreach (var p in metadata.OfType<QueryParameter>())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = p.Name, In = ParameterLocation.Query, Required = p.Required, Description = p.Description,
                    Schema = new OpenApiSchema { Type = p.Type },
                });
            }
        });
    }
}
