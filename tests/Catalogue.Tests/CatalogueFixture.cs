using Catalogue.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;

namespace Catalogue.Tests;

/// <summary>The Catalogue service on its own real database and RabbitMQ virtual host, wired as Program.cs wires it.</summary>
public sealed class CatalogueFixture : ServiceFixture
{
    protected override string Name => "catalogue";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app) => app.MapDefaultEndpoints();
}
