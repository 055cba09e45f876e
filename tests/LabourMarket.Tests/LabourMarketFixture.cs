using LabourMarket.Api.Extensions;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults.Hosting;
using Platform.Testing;

namespace LabourMarket.Tests;

/// <summary>The LabourMarket service on its own real database and RabbitMQ virtual host, wired as Program.cs wires it.</summary>
public sealed class LabourMarketFixture : ServiceFixture
{
    protected override string Name => "labourmarket";

    protected override void Configure(WebApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
    }

    protected override void Map(WebApplication app) => app.MapDefaultEndpoints();
}
