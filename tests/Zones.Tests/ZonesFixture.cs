using Zones.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;

namespace Zones.Tests;

/// <summary>The Zones service on its own real database and RabbitMQ virtual host, wired as Program.cs wires it.</summary>
public sealed class ZonesFixture : ServiceFixture
{
    protected override string Name => "zones";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app) => app.MapDefaultEndpoints();
}
