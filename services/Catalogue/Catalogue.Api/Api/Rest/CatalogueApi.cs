namespace Catalogue.Api.Api.Rest;

public static class CatalogueApi
{
    /// <summary>The service's own REST surface under /api/v1/catalogue, so the gateway can proxy it by prefix.</summary>
    public static IEndpointRouteBuilder MapCatalogueRest(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/catalogue").AddEndpointFilter<ProblemMapping>();
        api.MapStrategyEndpoints();
        api.MapDirectionEndpoints();
        return app;
    }
}
